"""Checks on how a tender is put together: the participants of a joint tender, its lots and its options."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from criteria_library.infra.text import euro
from criteria_library.models import Criterion, Kind

from . import thresholds
from .tender import Tender

if TYPE_CHECKING:
    from .checks import _Findings

FRAMEWORK_MAX_MONTHS = 48  # art. 2.140 Aw: a framework agreement runs at most four years unless motivated
VALUE_TOLERANCE_EUR = 0.5  # sums of amounts typed in whole euros or cents


def check_participants(t: Tender, f: _Findings) -> None:
    """One penvoerder with a mandate for a joint tender; shares that fit the whole."""
    if not t.participants:
        return
    if len(t.participants) == 1:
        f.advice("participants-single", "er is één deelnemer opgegeven: een gezamenlijke aanbesteding heeft er ten "
                 "minste twee; laat de deelnemers leeg als alleen de eigen organisatie opdrachtgever is",
                 "one participant is given: a joint tender has at least two; leave the participants empty when only "
                 "your own organisation contracts", "participants")
        return
    leads = [p.name for p in t.participants if p.role == "penvoerder"]
    if len(leads) != 1:
        f.error("participants-penvoerder", "een gezamenlijke aanbesteding heeft precies één penvoerder (nu "
                f"{len(leads)}{': ' + ', '.join(leads) if leads else ''}); kies bij de deelnemers wie de procedure "
                "voert", f"a joint tender has exactly one lead authority (now {len(leads)}"
                f"{': ' + ', '.join(leads) if leads else ''}); choose among the participants who runs the procedure",
                "participants")
    if t.mandate_date is None or not t.mandate_reference.strip():
        f.error("mandate-missing", "de penvoerder voert de procedure namens de deelnemers op grond van een mandaat: "
                "vul de datum en het kenmerk van het mandaat in", "the lead authority runs the procedure for the "
                "participants under a mandate: fill in the mandate's date and reference", "mandate")
    if t.organisation.strip() and t.organisation.strip().casefold() not in {p.name.casefold() for p in t.participants}:
        f.advice("organisation-not-participant", f"{t.organisation.strip()} staat niet bij de deelnemers; is de eigen "
                 "organisatie geen opdrachtgever?", f"{t.organisation.strip()} is not among the participants; is your "
                 "own organisation not a contracting authority?", "participants")
    _check_shares(t, f)


def _check_shares(t: Tender, f: _Findings) -> None:
    total = t.total_value_eur()
    stated = [p.estimated_value_eur for p in t.participants if p.estimated_value_eur is not None]
    if total is None or not stated:
        return
    own = sum(stated)
    if own > total + VALUE_TOLERANCE_EUR or (len(stated) == len(t.participants)
                                             and abs(own - total) > VALUE_TOLERANCE_EUR):
        f.error("participant-shares", f"de aandelen van de deelnemers ({euro(own)}) passen niet bij de geraamde "
                f"waarde van de hele opdracht ({euro(total)})", f"the participants' shares ({euro(own)}) do not fit "
                f"the estimated value of the whole contract ({euro(total)})", "participants")


def check_lots(t: Tender, f: _Findings) -> None:
    """Each lot named and valued, the lots adding up to the estimate, every chosen criterion in some lot."""
    if not t.lots:
        return
    for lot in t.lots:
        where = f"lots[{lot.id}]"
        if not lot.title.strip():
            f.error("lot-title", f"perceel {lot.id} heeft geen titel", f"lot {lot.id} has no title", f"{where}.title")
        if lot.estimated_value_eur is None:
            f.advice("lot-value-missing", f"perceel {lot.id}: de geraamde waarde ontbreekt; de drempel geldt voor de "
                     "som van alle percelen", f"lot {lot.id}: the estimated value is missing; the threshold applies "
                     "to the sum of all lots", f"{where}.estimated_value_eur")
        if not lot.criteria:
            f.advice("lot-no-criteria", f"perceel {lot.id} heeft nog geen criteria", f"lot {lot.id} has no criteria "
                     "yet", f"{where}.criteria")
    values = [lot.estimated_value_eur for lot in t.lots]
    if t.estimated_value_eur is not None and all(v is not None for v in values):
        total = sum(v or 0 for v in values)
        if abs(total - t.estimated_value_eur) > VALUE_TOLERANCE_EUR:
            f.error("lots-value-sum", f"de percelen samen zijn {euro(total)} waard, de opdracht {euro(t.estimated_value_eur)}"
                    "; de geraamde waarde van de opdracht is de som van de percelen (art. 2.17 Aanbestedingswet 2012)",
                    f"the lots together are worth {euro(total)}, the contract {euro(t.estimated_value_eur)}; the "
                    "contract's estimated value is the sum of its lots (art. 2.17 Dutch Procurement Act 2012)",
                    "estimated_value_eur")
    in_lots = {cid for lot in t.lots for cid in lot.criterion_ids()}
    loose = [cid for cid in t.criterion_ids() if cid not in in_lots]
    if loose:
        f.advice("criterion-no-lot", f"{', '.join(loose)} {'hoort' if len(loose) == 1 else 'horen'} bij geen enkel "
                 "perceel en staat dus in geen enkel document", f"{', '.join(loose)} "
                 f"{'belongs' if len(loose) == 1 else 'belong'} to no lot and so appears in no document", "lots")
    _check_lot_rules(t, f)


def _check_lot_rules(t: Tender, f: _Findings) -> None:
    ids = [lot.id for lot in t.lots]
    unknown = [i for i in t.lot_award_order if i not in ids]
    if unknown:
        f.error("lot-order-unknown", f"de volgorde van gunnen noemt onbekende percelen: {', '.join(unknown)}",
                f"the order of award names unknown lots: {', '.join(unknown)}", "lot_award_order")
    bid, won = t.max_lots_per_bidder, t.max_lots_awarded_per_bidder
    if bid is not None and won is not None and won > bid:
        f.error("lot-limits", f"een inschrijver mag op {bid} {'perceel' if bid == 1 else 'percelen'} inschrijven "
                f"maar er {won} winnen", f"a bidder may bid for {bid} {'lot' if bid == 1 else 'lots'} but win {won}",
                "max_lots_awarded_per_bidder")
    if won is not None and won < len(ids) and not t.lot_award_order:
        f.advice("lot-order-missing", "wie niet alle percelen mag winnen, moet vooraf weten in welke volgorde de "
                 "percelen worden gegund: geef de volgorde op", "when a bidder may not win every lot, the order in "
                 "which lots are awarded must be known in advance: state the order", "lot_award_order")


def check_term(t: Tender, f: _Findings) -> None:
    """Options only with a term; a framework agreement with a maximum and a motivated term beyond four years."""
    if t.extension_options_months and not t.contract_term_months:
        f.error("options-without-term", "er zijn verlengingsopties maar geen looptijd: geef de looptijd op",
                "there are extension options but no contract term: state the term", "contract_term_months")
    if not t.framework_agreement:
        return
    if t.maximum_value_eur is None:
        f.error("framework-maximum", "een raamovereenkomst vermeldt haar maximale waarde of hoeveelheid; vul de "
                "maximale waarde in", "a framework agreement states its maximum value or quantity; fill in the "
                "maximum value", "maximum_value_eur")
    longest = t.max_term_months()
    if longest is not None and longest > FRAMEWORK_MAX_MONTHS and not t.term_reason.strip():
        f.advice("framework-term", f"de raamovereenkomst loopt met opties {longest} maanden; langer dan vier jaar "
                 "mag alleen in uitzonderlijke, gemotiveerde gevallen (art. 2.140 Aanbestedingswet 2012): vul de "
                 "motivering in", f"the framework agreement runs {longest} months with options; longer than four "
                 "years is only allowed in exceptional, motivated cases (art. 2.140 Dutch Procurement Act 2012): fill "
                 "in the motivation", "term_reason")


def check_lot_nature(t: Tender, criteria: list[Criterion], package_cpv: Callable[[], dict[str, list[str]]],
                     f: _Findings) -> None:
    """A lot for services (its own CPV code) that carries requirements or award criteria of a package for supplies:
    a laundry lot asked about the garments' recycled fibres (found by a lawyer's read of the examples). Advice: the
    buyer decides per lot which criteria are about that lot's work."""
    service_lots = [lot for lot in t.lots if len(t.lots) > 1 and lot.cpv
                    and thresholds.contract_nature(None, lot.cpv) == "services"]
    if not service_lots:
        return  # the packages' codes are read only when a lot for services could need them (checked per keystroke)
    cpv = package_cpv()
    by_id = {c.id: c for c in criteria}
    for lot in service_lots:
        goods = [by_id[cid] for cid in lot.criterion_ids() if cid in by_id
                 and by_id[cid].kind in (Kind.REQUIREMENT, Kind.AWARD)
                 and thresholds.contract_nature(None, cpv.get(by_id[cid].package, [])) == "supplies"]
        if not goods:
            continue
        ids = ", ".join(c.id for c in goods[:6]) + (f" en nog {len(goods) - 6}" if len(goods) > 6 else "")
        ids_en = ", ".join(c.id for c in goods[:6]) + (f" and {len(goods) - 6} more" if len(goods) > 6 else "")
        f.advice("lot-goods-criteria", f"perceel {lot.id} ({lot.title or 'zonder titel'}) is een dienst "
                 f"(CPV {lot.cpv[0]}) maar heeft eisen of gunningscriteria over te leveren producten ({ids}): houd "
                 "per perceel alleen de criteria die over dat werk gaan", f"lot {lot.id} ({lot.title or 'untitled'})"
                 f" is a service (CPV {lot.cpv[0]}) but has requirements or award criteria about supplied products "
                 f"({ids_en}): keep per lot only the criteria about its work", f"lots[{lot.id}].criteria")
