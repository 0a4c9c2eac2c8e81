"""Checks on a tender before export: errors block a final document, advice is what practice recommends."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from criteria_library import cpv as cpv_mod
from criteria_library.errors import LibraryError
from criteria_library.infra.text import euro as _euro
from criteria_library.infra.text import shown
from criteria_library.models import PLACEHOLDER_RE, Criterion, DiscountScoring, Kind, Status
from criteria_library.package_hints import unknown_package_hint
from criteria_library.validation import value_out_of_range

from . import document_checks, lot_checks, procurement_policy, terms, thresholds
from .clauses import clause_text, fill_clause, placeholder_label, with_tender_floor
from .errors import TenderError
from .library import Library
from .scoring import weights_sum_problem
from .tender import (
    EUROPEAN_PROCEDURES,
    FIELD_LABELS,
    PROCEDURE_VALUES,
    PROCEDURES,
    TENDER_PLACEHOLDERS,
    TENDER_WIDE_PLACEHOLDERS,
    VALUE_LABELS,
    Tender,
    parse_cpv,
)

if TYPE_CHECKING:
    from .monitoring.rule import CountingRule

# Below 30 % price hardly separates bids, above 70 % quality hardly can: the band where both can decide.
PRICE_WEIGHT_ADVICE = (30, 70)


class Severity(StrEnum):
    """How serious a finding is."""

    ERROR = "fout"
    ADVICE = "advies"
    INFO = "info"


@dataclass
class Finding:
    """One result of checking a tender: what, where, and how serious."""

    severity: Severity
    code: str
    message: str
    en: str
    where: str = ""

    def text(self, lang: str = "nl") -> str:
        """The message with its place as a person names it, in the given language."""
        body = self.en if lang == "en" else self.message
        place = place_label(self.where, lang)
        lot = place.split(",")[0] + ": "  # 'Perceel 1' of 'Perceel 1, BKL-G-01, weging'
        if place and body.casefold().startswith(lot.casefold()):
            body = body[len(lot):]  # the place names the lot already: not 'Perceel 1, ...: perceel 1: ...'
        return f"{place}: {body}" if place and not body.startswith(place) else body


# A finding's place (`where`, a contract of `tender check --json`) as the wizard names the field.
PLACE_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Titel", "Title"),
    "organisation": ("Opdrachtgever", "Organisation"),
    "description": ("Omschrijving", "Description"),
    "cpv": ("CPV-codes", "CPV codes"),
    "estimated_value_eur": ("Geraamde waarde", "Estimated value"),
    "contract_term_months": ("Looptijd", "Contract term"),
    "procedure": ("Procedure", "Procedure"),
    "main_object": ("Hoofdvoorwerp", "Main object"),
    "package": ("Inkooppakket", "Procurement package"),
    "ambition_level": ("Ambitieniveau", "Ambition level"),
    "criteria": ("Criteria", "Criteria"),
    "price_weight": ("Prijsweging", "Price weight"),
    "price_rule": ("Prijsregel", "Price rule"),
    "fixed_budget_eur": ("Vast budget", "Fixed budget"),
    "publication_date": ("Publicatiedatum", "Publication date"),
    **terms.PLACE_LABELS,
    "participants": ("Deelnemers", "Participants"),
    "mandate": ("Mandaat", "Mandate"),
    "lots": ("Percelen", "Lots"),
    "lots_reason": ("Motivering geen percelen", "Reason for no lots"),
    "lot_award_order": ("Volgorde van gunnen", "Order of award"),
    "max_lots_awarded_per_bidder": ("Maximum gegunde percelen", "Maximum lots awarded"),
    "maximum_value_eur": ("Maximale waarde", "Maximum value"),
    "term_reason": ("Motivering looptijd", "Reason for the term"),
    "price_band_percent": ("Bandbreedte prijs", "Price band"),
    "lowest_price_reason": ("Motivering laagste prijs", "Reason for lowest price"),
}
_CRITERION_PLACE = re.compile(r"^criteria\[([^\]]+)\](?:\.(\w+))?$")
_LOT_PLACE = re.compile(r"^lots\[([^\]]+)\](?:\.(.+))?$")


def place_label(where: str, lang: str = "nl") -> str:
    """'price_weight' -> 'Prijsweging', 'criteria[MEU-G-01].weight' -> 'MEU-G-01, weging', 'values.x_y' -> 'x y'."""
    if not where:
        return ""
    en = lang == "en"
    if where in PLACE_LABELS:
        return PLACE_LABELS[where][1 if en else 0]
    if where in FIELD_LABELS:  # the tender file's other fields (planning dates) as the wizard names them
        label = FIELD_LABELS[where][1 if en else 0]
        return label[:1].upper() + label[1:]
    lot = _LOT_PLACE.match(where)
    if lot:
        lot_id, rest = lot.groups()
        head = f"{'Lot' if en else 'Perceel'} {lot_id}"
        inner = place_label(rest, lang) if rest else ""
        return f"{head}, {inner}" if inner else head
    match = _CRITERION_PLACE.match(where)
    if match:
        cid, part = match.groups()
        if part == "weight":
            return f"{cid}, {'weight' if en else 'weging'}"
        return cid
    if where.startswith("values."):
        name = where.removeprefix("values.")
        if name in VALUE_LABELS:  # the procedure page's own label, in the user's language
            return VALUE_LABELS[name][1 if en else 0]
        return ("value " if en else "waarde ") + name.replace("_", " ")
    return where


def procedure_inline(label: str) -> str:
    """A procedure's label inside a sentence: 'een nationale openbare procedure', but 'een Europese ...'."""
    return label if label.startswith(("Europese", "European")) else label[:1].lower() + label[1:]


class _Findings(list[Finding]):
    def error(self, code: str, nl: str, en: str, where: str = "") -> None:
        self.append(Finding(Severity.ERROR, code, nl, en, where))

    def advice(self, code: str, nl: str, en: str, where: str = "") -> None:
        self.append(Finding(Severity.ADVICE, code, nl, en, where))

    def info(self, code: str, nl: str, en: str, where: str = "") -> None:
        self.append(Finding(Severity.INFO, code, nl, en, where))


def resolve_criteria(tender: Tender, library: Library) -> tuple[list[Criterion], list[str]]:
    """The tender's criteria as the buyer chose them, in tender order, and the ids the library does not know."""
    chosen, unknown, _current = resolve_chosen(tender, library)
    return chosen, unknown


def resolve_chosen(tender: Tender, library: Library) -> tuple[list[Criterion], list[str], dict[str, Criterion]]:
    """The criteria at the versions the tender chose, the unknown ids, and the library's current criteria by id.

    A saved tender is a record: its documents print the version the buyer chose (from the library's history), not
    whatever the library holds today; updating to a newer version is the buyer's explicit act. A chosen version the
    history no longer holds falls back to the current one (check_tender says so).
    """
    ids = tender.criterion_ids()
    current = library.criteria_by_ids(ids)
    wanted = {e.id: e.version for e in tender.criteria
              if e.version is not None and e.id in current and current[e.id].version != e.version}
    older = library.criteria_at_versions(wanted) if wanted else {}
    # a floor that mirrors a requirement (floor_from) takes the value the tender gives that requirement
    chosen = [with_tender_floor(tender, older.get(i, current[i])) for i in ids if i in current]
    return chosen, [i for i in ids if i not in current], current


def check_tender(tender: Tender, library: Library, today: date | None = None,
                 policy: thresholds.NationalAdvice | None = None, rule: CountingRule | None = None,
                 documents: str = "set") -> list[Finding]:
    """Every problem and piece of advice for a tender, errors first.

    documents: whose open gaps are errors: "set" (the document set a buyer publishes, the default) or "single"
    (the one document `export --out` writes); "none" leaves the open gaps out, for a caller that shows only other
    findings (the wizard's weight step, on every change: building the set's plans is most of a check's time).

    policy: the organisation's inkoopbeleid values for supplies and services (default: the values stored in the
    library, else the stated default). rule: the organisation's counting rule, read once by the caller from the
    register that belongs to the library (monitoring.register_file); default the region's. No file is opened here:
    the wizard checks on every weight step.
    """
    f = _Findings()
    criteria, unknown, current = resolve_chosen(tender, library)
    _check_basics(tender, library, f)
    lot_checks.check_participants(tender, f)
    lot_checks.check_lots(tender, f)
    lot_checks.check_term(tender, f)
    terms.check_terms(tender, f)
    terms.check_exclusion_grounds(tender, f)
    for cid in unknown:
        f.error("criterion-unknown", f"het criterium {cid} staat niet (meer) in de bibliotheek",
                f"criterion {cid} is not (or no longer) in the library", f"criteria[{cid}]")
    for c in criteria:
        _check_criterion(tender, c, current[c.id], f)
    if not unknown:
        _check_values(tender, criteria, f)
    _check_lot_weights(tender, criteria, f)
    lot_checks.check_lot_nature(tender, criteria, lambda: _package_cpv(library, criteria), f)
    _check_procedure(tender, f, today or date.today(), policy or procurement_policy.load_policy(library))
    _check_reference_age(tender, criteria, f)
    _check_ambition(tender, criteria, f)
    _check_circular(tender, criteria, f, rule)
    if not unknown:
        document_checks.check_references(tender, library, criteria, f)
        reported = [x.where for x in f if x.severity == Severity.ERROR and x.where]
        if documents != "none":
            document_checks.check_documents(tender, library, criteria, reported, f, single=documents == "single")
    order = {Severity.ERROR: 0, Severity.ADVICE: 1, Severity.INFO: 2}
    return sorted(f, key=lambda x: order[x.severity])


def _package_cpv(library: Library, criteria: list[Criterion]) -> dict[str, list[str]]:
    """The CPV codes of the packages the chosen criteria come from (a package the library no longer has: none)."""
    out: dict[str, list[str]] = {}
    for slug in {c.package for c in criteria}:
        try:
            out[slug] = list(library.package(slug).cpv)
        except LibraryError:
            out[slug] = []
    return out


def errors(findings: list[Finding]) -> list[Finding]:
    """Only the findings that block a final document."""
    return [x for x in findings if x.severity == Severity.ERROR]


def _check_basics(t: Tender, library: Library, f: _Findings) -> None:
    if not t.package:
        f.advice("package-missing", "er is geen inkooppakket gekozen", "no procurement package chosen", "package")
    else:
        try:
            library.package(t.package)
        except LibraryError:
            known = library.packages()
            f.error("package-unknown", f"het inkooppakket \"{shown(t.package)}\" staat niet in de bibliotheek; "
                    f"{unknown_package_hint(t.package, known)}",
                    f"the package \"{shown(t.package)}\" is not in the library; "
                    f"{unknown_package_hint(t.package, known, 'en')}", "package")
    if not t.organisation.strip():
        f.advice("organisation-missing", "de naam van de opdrachtgever ontbreekt", "the organisation's name is missing",
                 "organisation")
    if not t.description.strip():
        f.advice("description-missing", "een korte omschrijving van de opdracht helpt inschrijvers",
                 "a short description of the contract helps bidders", "description")
    if not t.contract_term_months:
        f.advice("term-missing", "de looptijd van de overeenkomst ontbreekt", "the contract term is missing",
                 "contract_term_months")
    if not t.cpv:
        f.advice("cpv-missing", "geef ten minste één CPV-code op (verplicht bij een Europese procedure)",
                 "give at least one CPV code (required in a European procedure)", "cpv")
    for code in t.cpv:
        try:
            full = parse_cpv(code)
        except TenderError as exc:
            f.error("cpv-unknown", exc.text(), exc.text("en"), "cpv")
        else:
            _check_cpv_package(t, full, library, f)
    if not t.criteria:
        f.advice("no-criteria", "er zijn nog geen criteria gekozen", "no criteria have been chosen yet", "criteria")


def _check_cpv_package(t: Tender, code: str, library: Library, f: _Findings) -> None:
    """Advice when a CPV code belongs to another package than the tender's (a wrong code or a wrong package)."""
    if not t.package:
        return
    try:
        own = library.package(t.package)
    except LibraryError:
        return
    catalogue = cpv_mod.catalogue()
    if any(catalogue.is_under(code, pc) or catalogue.is_under(pc, code) for pc in own.cpv):
        return
    # The package whose code lies closest above this one (the most specific match).
    best: tuple[int, str, str, str] | None = None
    for p in library.packages():
        for pc in p.cpv:
            if p.slug != own.slug and catalogue.is_under(code, pc):
                depth = len(cpv_mod.significant(pc[:8]))
                if best is None or depth > best[0]:
                    best = (depth, p.name_nl, p.name_en, p.slug)
    if best is None:
        return
    chosen = set(t.criterion_ids())
    if any(c.id in chosen for c in library.criteria(package=best[3])):
        return  # the tender already takes that package's criteria (for the lot it concerns): nothing to resolve
    f.advice("cpv-other-package", f"{code} hoort bij het inkooppakket {best[1]}, niet bij {own.name_nl}; "
             "controleer de CPV-code of het inkooppakket, of kies criteria uit dat pakket (stap Criteria, 'Ook "
             "criteria uit pakket')", f"{code} belongs to the package {best[2]}, not to {own.name_en}; check the "
             "CPV code or the package, or choose criteria from that package (step Criteria, 'Also criteria from "
             "package')", "cpv")


def _check_values(t: Tender, criteria: list[Criterion], f: _Findings) -> None:
    """Advice for values that no chosen criterion uses: usually a misspelt placeholder name."""
    # the leidraad's procedure chapter and the set's documents use these
    used: set[str] = set(TENDER_PLACEHOLDERS) | set(PROCEDURE_VALUES) | set(document_checks.DOCUMENT_FACTS)
    used_by: dict[str, set[str]] = {}
    for c in criteria:
        own: set[str] = set()
        for txt in (clause_text(t, c), c.scoring_text, c.verification):
            own.update(m.group(1) for m in PLACEHOLDER_RE.finditer(txt or ""))
        used_by[c.id] = own
        used |= own
    unused = [(name, f"values.{name}", used) for name in t.values if name not in used]
    for entry in t.criteria:
        own = used_by.get(entry.id, set())
        unused.extend((name, f"criteria[{entry.id}].values.{name}", own) for name in entry.values if name not in own)
    for name, where, candidates in unused:
        close = difflib.get_close_matches(name, sorted(candidates), n=1)
        suggestion = f'"{placeholder_label(close[0], criteria)}"' if close else ""
        hint_nl = f"; bedoelt u {suggestion}?" if close else "; de waarde wordt niet gebruikt"
        hint_en = f"; did you mean {suggestion}?" if close else "; the value is not used"
        shown_name = placeholder_label(name)
        f.advice("value-unused", f'"{shown_name}" komt in geen van de gekozen criteria voor{hint_nl}',
                 f'"{shown_name}" does not occur in any chosen criterion{hint_en}', where)


def _check_value_ranges(t: Tender, c: Criterion, f: _Findings) -> None:
    """A value outside the range the library gives for a placeholder (e.g. a warranty of 0 years)."""
    for name, meta in c.placeholder_meta.items():
        value = t.value_for(c.id, name)
        if value is None or not value.strip() or name in t.tender_values():
            continue
        problem = value_out_of_range(value, meta)
        if problem:
            label = placeholder_label(name, [c])
            where = f"values.{name}" if name in TENDER_WIDE_PLACEHOLDERS else f"criteria[{c.id}].values.{name}"
            f.error("placeholder-range", f"{c.id}: {label}: {problem[0]}", f"{c.id}: {label}: {problem[1]}", where)


def _check_criterion(t: Tender, c: Criterion, latest: Criterion, f: _Findings) -> None:
    """c: the version the tender chose (what the documents print); latest: the library's current version."""
    where = f"criteria[{c.id}]"
    entry = t.entry(c.id)
    if latest.status == Status.RETIRED:
        f.advice("criterion-retired", f"{c.id} is in de bibliotheek ingetrokken; overweeg een ander criterium",
                 f"{c.id} has been retired in the library; consider another criterion", where)
    elif latest.status != Status.PUBLISHED:
        f.advice("criterion-unpublished", f"{c.id} is nog niet gepubliceerd (status: {latest.status.label_nl})",
                 f"{c.id} has not been published yet (status: {latest.status.label_en})", where)
    chosen = entry.version if entry is not None else None
    if chosen is not None and chosen < latest.version and c.version == chosen:
        f.advice("criterion-changed",
                 f"{c.id} is in de bibliotheek gewijzigd sinds het werd gekozen (versie {chosen} -> {latest.version}); "
                 f"de documenten gebruiken versie {chosen} tot u bijwerkt", f"{c.id} changed in the library since it "
                 f"was chosen (version {chosen} -> {latest.version}); the documents use version {chosen} until you "
                 "update", where)
    elif chosen is not None and chosen < latest.version:
        f.advice("criterion-version-missing",
                 f"versie {chosen} van {c.id} staat niet meer in de geschiedenis van de bibliotheek; de documenten "
                 f"gebruiken versie {latest.version}", f"version {chosen} of {c.id} is no longer in the library's "
                 f"history; the documents use version {latest.version}", where)
    elif chosen is not None and chosen > latest.version:
        f.advice("criterion-newer",
                 f"gekozen in versie {chosen}, maar de bibliotheek heeft versie {latest.version}; "
                 "is deze aanbesteding met een andere of nieuwere bibliotheek gemaakt?",
                 f"chosen at version {chosen}, but the library has version {latest.version}; was "
                 "this tender made with another or newer library?", where)
    _check_value_ranges(t, c, f)
    filled = fill_clause(t, c)
    for name in filled.missing:
        label = placeholder_label(name, [c])
        f.error("placeholder-missing", f"{c.id}: \"{label}\" heeft geen waarde; vul die in bij de waarden",
                f"{c.id}: \"{label}\" has no value; fill it in under values", f"values.{name}")
    for name, value in filled.defaults.items():
        label = placeholder_label(name, [c])
        f.info("placeholder-default", f"\"{label}\" gebruikt de standaardwaarde \"{value}\"",
               f"\"{label}\" uses the default value \"{value}\"", c.id)


def _check_lot_weights(t: Tender, criteria: list[Criterion], f: _Findings) -> None:
    """Weights, price rule and price weight per lot, each finding naming its lot (one lot: as before)."""
    if not t.lots:
        _check_weights(t, criteria, f)
        return
    for lot in t.lots:
        view = t.for_lot(lot.id)
        ids = set(view.criterion_ids())
        found = _Findings()
        _check_weights(view, [c for c in criteria if c.id in ids], found)
        for x in found:
            prefix_nl, prefix_en = f"perceel {lot.id}: ", f"lot {lot.id}: "
            where = f"lots[{lot.id}].{x.where}" if x.where else f"lots[{lot.id}]"
            f.append(Finding(x.severity, x.code, prefix_nl + x.message, prefix_en + x.en, where))


def _check_weights(t: Tender, criteria: list[Criterion], f: _Findings) -> None:
    award = [c for c in criteria if c.kind == Kind.AWARD]
    total = t.price_weight
    for c in criteria:
        entry = t.entry(c.id)
        weight = entry.weight if entry else None
        if c.carries_weight:
            if weight is None:
                f.error("weight-missing", f"gunningscriterium {c.id} heeft geen weging",
                        f"award criterion {c.id} has no weight", f"criteria[{c.id}].weight")
                continue
            total += weight
            if weight == 0:
                f.advice("weight-zero", f"gunningscriterium {c.id} weegt 0% en telt dus niet mee",
                         f"award criterion {c.id} weighs 0% and so does not count", f"criteria[{c.id}].weight")
            elif c.weight_min is not None and c.weight_max is not None and not c.weight_min <= weight <= c.weight_max:
                f.advice("weight-range", f"{c.id} weegt {weight}%; de bibliotheek adviseert {c.weight_min}-"
                         f"{c.weight_max}%", f"{c.id} weighs {weight}%; the library advises {c.weight_min}-"
                         f"{c.weight_max}%", f"criteria[{c.id}].weight")
        elif weight is not None and c.kind != Kind.AWARD:
            f.info("weight-ignored", f"{c.id} is geen gunningscriterium; de weging wordt genegeerd",
                   f"{c.id} is not an award criterion; its weight is ignored", f"criteria[{c.id}].weight")
        # a fictieve korting has no weight: it lowers the evaluation price and is left out of the sum
    if (problem := weights_sum_problem(t.price_weight, total)) is not None:
        f.error("weights-sum", *problem, "price_weight")
    _check_price_weight(t, award, f)
    if t.price_rule == "bandbreedte" and t.price_band_percent is None:
        f.error("price-band-missing", "de prijsregel bandbreedte heeft een vooraf vastgesteld percentage nodig: "
                "vul de bandbreedte in", "the band price rule needs a percentage fixed in advance: fill in the band",
                "price_band_percent")
    if not award and t.fixed_budget_eur is None:
        if t.lowest_price_reason.strip():
            f.info("no-award", "er is geen gunningscriterium: de laagste prijs wint; de motivering staat in de "
                   "leidraad (art. 2.114 Aanbestedingswet 2012)", "there is no award criterion: the lowest price "
                   "wins; the motivation is in the tender documents (art. 2.114 Dutch Procurement Act 2012)",
                   "lowest_price_reason")
        else:
            f.error("no-award", "er is geen gunningscriterium: de laagste prijs wint en circulariteit telt niet mee "
                    "in de gunning; gunnen op laagste prijs alleen moet u motiveren (art. 2.114 Aanbestedingswet "
                    "2012): vul de motivering in of kies een gunningscriterium", "there is no award criterion: the "
                    "lowest price wins and circularity does not count in the award; awarding on lowest price alone "
                    "must be motivated (art. 2.114 Dutch Procurement Act 2012): fill in the motivation or choose an "
                    "award criterion", "lowest_price_reason")


def _check_price_weight(t: Tender, award: list[Criterion], f: _Findings) -> None:
    """Advice only where the price weight decides more than the buyer may intend: below 30 % or above 70 %."""
    low, high = PRICE_WEIGHT_ADVICE
    price = t.price_weight
    discounts = [c.id for c in award if isinstance(c.scoring, DiscountScoring)]
    if t.fixed_budget_eur is not None and discounts:
        f.error("korting-fixed-price", f"bij een vaste prijs heeft een fictieve korting ({', '.join(discounts)}) geen "
                "effect: er is geen beoordelingsprijs om te verlagen; beoordeel dit onderdeel met punten of laat het "
                f"weg", f"with a fixed price a notional discount ({', '.join(discounts)}) has no effect: there is no "
                "evaluation price to lower; score it with points or leave it out", f"criteria[{discounts[0]}]")
    elif price == 0 and discounts:
        f.advice("korting-no-effect", f"bij een prijsweging van 0% heeft een fictieve korting ({', '.join(discounts)}) "
                 "geen effect op de gunning; beoordeel dit onderdeel met punten of laat het weg", f"with a price "
                 f"weight of 0% a notional discount ({', '.join(discounts)}) has no effect on the award; score it "
                 "with points or leave it out", "price_weight")
    if t.fixed_budget_eur is not None:
        if price != 0:
            f.advice("price-weight", f"bij een vaste prijs ({_euro(t.fixed_budget_eur)}) gunt u op kwaliteit; zet de "
                     f"prijsweging op 0% (nu {price}%)", f"with a fixed price ({_euro(t.fixed_budget_eur)}) you award "
                     f"on quality; set the price weight to 0% (now {price}%)", "price_weight")
        return
    if t.price_rule == "lineair" and price > 0:
        f.advice("price-rule-lineair", "de prijsregel lineair hangt af van de duurste inschrijving: één inschrijving "
                 "ver boven de rest verandert de volgorde van de andere, zelfs wie er wint; kies 'relatief-laagste' "
                 "of een vooraf vastgestelde bandbreedte ('bandbreedte': score 0 vanaf een vast percentage boven de "
                 "laagste prijs)",
                 "the linear price rule depends on the dearest bid: one bid far above the rest changes the order of "
                 "the others, even who wins; choose 'relatief-laagste' or a band fixed in advance ('bandbreedte': "
                 "score 0 from a fixed percentage above the lowest price)", "price_rule")
    if not award or not any(c.carries_weight for c in award):
        return
    if price < low:
        f.advice("price-weight", f"een prijsweging van {price}% laat de prijs weinig verschil maken: een veel duurdere "
                 "inschrijving kan winnen op kwaliteit; overweeg een vaste prijs (budget) als dat de bedoeling is",
                 f"a price weight of {price}% lets price make little difference: a much dearer bid can win on "
                 "quality; consider a fixed price (budget) if that is the intention", "price_weight")
    elif price > high:
        f.advice("price-weight", f"een prijsweging van {price}% laat de kwaliteit weinig verschil maken: de "
                 "goedkoopste inschrijving wint bijna altijd, ook met de laagste circulaire score; controleer dit met "
                 "'Simuleer beoordeling'", f"a price weight of {price}% lets quality make little difference: the "
                 "cheapest bid nearly always wins, even with the lowest circular score; check this with 'Simulate "
                 "evaluation'", "price_weight")


_LOTS_REASON = ("de opdracht is niet in percelen verdeeld: motiveer waarom niet in de leidraad (art. 1.5 "
                "Aanbestedingswet 2012); vul de motivering in", "the contract is not divided into lots: state why in "
                "the tender documents (art. 1.5 Dutch Procurement Act 2012); fill in the motivation")
SOCIAL_SERVICES = ("sociale en andere specifieke diensten (bijlage XIV Richtlijn 2014/24/EU)",
                   "social and other specific services (Annex XIV directive 2014/24/EU)")
LIGHT_REGIME = ("; boven de drempel geldt het verlicht regime: de opdracht wordt aangekondigd in het Publicatieblad "
                "van de EU (art. 74-76 Richtlijn 2014/24/EU); kies een Europese procedure",
                "; above the threshold the light regime applies: the contract is announced in the EU Official Journal "
                "(art. 74-76 directive 2014/24/EU); choose a European procedure")
NEGOTIATED_PROCEDURES = frozenset({"mededinging-onderhandeling", "concurrentiegerichte-dialoog",
                                   "innovatiepartnerschap"})


def _check_procedure(t: Tender, f: _Findings, today: date, policy: thresholds.NationalAdvice | None = None) -> None:
    if t.procedure in NEGOTIATED_PROCEDURES:
        label_nl, label_en = PROCEDURES[t.procedure]
        f.info("procedure-grounds", f"de {label_nl.lower()} mag alleen in de gevallen die de Aanbestedingswet noemt; "
               "leg de grond en de motivering vast in de aanbestedingsstukken", f"the {label_en.lower()} may only be "
               "used in the cases the Dutch Procurement Act names; record the ground and the motivation in the tender "
               "documents", "procedure")
    value_or_none = t.total_value_eur()
    if value_or_none is None:
        f.advice("value-missing", "zonder geraamde waarde kan de procedurekeuze niet worden getoetst",
                 "without an estimated value the choice of procedure cannot be checked", "estimated_value_eur")
        if len(t.effective_lots()) == 1 and not t.lots_reason.strip():
            f.advice("lots-reason-missing", *_LOTS_REASON, "lots_reason")
        return
    on = t.publication_date or today
    period, known = thresholds.eu_thresholds(on)
    if not known:
        f.advice("thresholds-outdated", f"de drempelwaarden in dit programma gelden tot {period.valid_to:%d-%m-%Y}; "
                 f"de publicatie is op {on:%d-%m-%Y}; controleer de actuele drempels", f"the thresholds in this "
                 f"program are valid until {period.valid_to:%Y-%m-%d}; publication is on {on:%Y-%m-%d}; check the "
                 "current thresholds", "procedure")
    if t.main_object is None and thresholds.is_mixed(t.cpv):
        f.advice("mixed-contract", "de CPV-codes combineren werken met leveringen of diensten; het hoofdvoorwerp naar "
                 "waarde bepaalt welke drempel geldt (niet de eerste CPV-code): geef het hoofdvoorwerp op; tot dan "
                 "geldt de lagere drempel voor leveringen en diensten", "the CPV codes combine works with supplies "
                 "or services; the main object by value decides which threshold applies (not the first CPV code): "
                 "state the main object; until then the lower threshold for supplies and services applies",
                 "main_object")
    works = thresholds.is_works(t.cpv, t.package, t.main_object)
    social = not works and t.regime != "concessie" and thresholds.is_social_services(t.cpv, t.main_object)
    limit = period.for_contract(works, t.authority == "centraal", t.regime, social)
    kind_nl = "werken" if works else "leveringen en diensten"
    kind_en = "works" if works else "supplies and services"
    if social:
        kind_nl, kind_en = SOCIAL_SERVICES
    regime_nl, regime_en = thresholds.REGIMES.get(t.regime, thresholds.REGIMES["klassiek"])
    if t.regime == "concessie":
        kind_nl, kind_en = "concessies", "concessions"
    value = value_or_none
    if len(t.effective_lots()) == 1 and not t.lots_reason.strip():
        if value >= limit:
            f.error("lots-reason-missing", *_LOTS_REASON, "lots_reason")
        else:
            f.advice("lots-reason-missing", *_LOTS_REASON, "lots_reason")
    label_nl, label_en = PROCEDURES[t.procedure]
    if value >= limit and t.procedure not in EUROPEAN_PROCEDURES:
        f.error("procedure-eu-required", f"de geraamde waarde ({_euro(value)}) ligt op of boven de Europese drempel "
                f"voor {kind_nl} ({_euro(limit)}; {regime_nl}; bron: {period.source}); een "
                f"{procedure_inline(label_nl)} is dan niet toegestaan{LIGHT_REGIME[0] if social else ''}",
                f"the estimated value ({_euro(value)}) is at "
                f"or above the EU threshold for {kind_en} ({_euro(limit)}; {regime_en}; source: {period.source}); a "
                f"{procedure_inline(label_en)} is not allowed{LIGHT_REGIME[1] if social else ''}", "procedure")
        return
    if social and value < limit:
        f.info("social-services", f"de opdracht betreft {kind_nl}; onder de drempel van {_euro(limit)} geldt geen "
               "Europese aanbestedingsplicht", f"the contract is for {kind_en}; below the threshold of "
               f"{_euro(limit)} there is no EU obligation to tender", "procedure")
    elif social:
        f.info("social-services", f"de opdracht betreft {kind_nl} boven de drempel van {_euro(limit)}: het verlicht "
               "regime geldt (aankondiging in het Publicatieblad van de EU, art. 74-76 Richtlijn 2014/24/EU)",
               f"the contract is for {kind_en} above the threshold of {_euro(limit)}: the light regime applies "
               "(a notice in the EU Official Journal, art. 74-76 directive 2014/24/EU)", "procedure")
    if value < limit:
        f.info("estimate-reminder", f"de geraamde waarde ({_euro(value)}) ligt onder de Europese drempel "
               f"({_euro(limit)}); de raming omvat de totale waarde met alle opties en verlengingen, en een opdracht "
               "splitsen om onder een drempel te blijven is niet toegestaan", f"the estimated value ({_euro(value)}) "
               f"is below the EU threshold ({_euro(limit)}); the estimate covers the total value with all options and "
               "extensions, and splitting a contract to stay below a threshold is not allowed", "estimated_value_eur")
    if value < limit and t.procedure in EUROPEAN_PROCEDURES:
        f.info("procedure-eu-voluntary", f"de geraamde waarde ligt onder de Europese drempel ({_euro(limit)}); een "
               "Europese procedure mag, maar een lichtere procedure kan ook", f"the estimated value is below the EU "
               f"threshold ({_euro(limit)}); a European procedure is allowed, a lighter one is possible", "procedure")
    if t.regime != "klassiek":
        return  # the national advice below is for classic public contracts
    national = thresholds.national_advice(works, policy)
    basis_nl = ("de Gids Proportionaliteit adviseert voor werken" if not national.from_policy
                else f"volgens het inkoopbeleid ({national.source}) geldt voor leveringen en diensten")
    basis_en = ("the Gids Proportionaliteit advises for works" if not national.from_policy
                else "under the procurement policy (default values unless your own are set) supplies and services "
                "call for")
    if t.procedure == "enkelvoudig-onderhands" and national.enkelvoudig_max and value > national.enkelvoudig_max:
        f.advice("procedure-national", f"boven {_euro(national.enkelvoudig_max)}: {basis_nl} meer dan één inschrijver "
                 "uit te nodigen (meervoudig onderhands)", f"above {_euro(national.enkelvoudig_max)}: {basis_en} "
                 "inviting more than one bidder (multiple private procedure)", "procedure")
    if t.procedure == "meervoudig-onderhands" and national.meervoudig_max and value > national.meervoudig_max:
        f.advice("procedure-national", f"boven {_euro(national.meervoudig_max)}: {basis_nl} een nationale "
                 "aanbestedingsprocedure (openbaar of niet-openbaar)", f"above {_euro(national.meervoudig_max)}: "
                 f"{basis_en} a national tender procedure (open or restricted)", "procedure")


REFERENCE_YEARS_RE = re.compile(r"(?:afgelopen|laatste|voorgaande)\s+(\d{1,2})\s+jaar", re.IGNORECASE)
MOTIVATION_RE = re.compile(r"motiv|\bomdat\b|\bvanwege\b|noodzakelijk", re.IGNORECASE)
REFERENCE_YEARS_SUPPLIES = 3  # Directive 2014/24/EU annex XII: supplies and services 3 years, works 5


def _check_reference_age(t: Tender, criteria: list[Criterion], f: _Findings) -> None:
    """Proportionality: references older than 3 years for supplies or services need a motivation in the clause."""
    if thresholds.is_works(t.cpv, t.package, t.main_object):
        return
    for c in criteria:
        if c.kind != Kind.SELECTION:
            continue
        text = fill_clause(t, c).text
        years = [int(m.group(1)) for m in REFERENCE_YEARS_RE.finditer(text)]
        if years and max(years) > REFERENCE_YEARS_SUPPLIES and not MOTIVATION_RE.search(text):
            f.advice("reference-age", f"{c.id} vraagt referenties uit de afgelopen {max(years)} jaar; voor leveringen "
                     f"en diensten is {REFERENCE_YEARS_SUPPLIES} jaar het uitgangspunt (Gids Proportionaliteit); "
                     "motiveer een langere termijn in de tekst of verkort hem", f"{c.id} asks for references from the "
                     f"past {max(years)} years; for supplies and services {REFERENCE_YEARS_SUPPLIES} years is the "
                     "starting point (Gids Proportionaliteit); motivate a longer period in the text or shorten it",
                     f"criteria[{c.id}]")


def _check_ambition(t: Tender, criteria: list[Criterion], f: _Findings) -> None:
    if not criteria:
        return
    top = max(c.level for c in criteria)
    if t.ambition_level >= 2 and top < 2:
        f.advice("ambition-low", "de aanbesteding is gemarkeerd als "
                 f"{'koploper' if t.ambition_level == 3 else 'ambitieus'}, maar bevat alleen criteria van niveau 1 "
                 "(basis)", f"the tender is marked {'front-runner' if t.ambition_level == 3 else 'ambitious'} but "
                 "contains only level 1 (basic) criteria", "ambition_level")
    above = [c.id for c in criteria if c.level > t.ambition_level]
    if above:
        f.info("ambition-above", f"{', '.join(above)} {'ligt' if len(above) == 1 else 'liggen'} boven het gekozen "
               "ambitieniveau", f"{', '.join(above)} {'is' if len(above) == 1 else 'are'} above the chosen ambition "
               "level", "ambition_level")


def _check_circular(t: Tender, criteria: list[Criterion], f: _Findings, rule: CountingRule | None) -> None:
    """Whether the tender would count as circular in the organisation's monitoring, and if not, what would."""
    from .monitoring.tender_count import count_tender

    if not criteria:
        return  # 'no-criteria' says it already
    result = count_tender(t, criteria, rule)
    if result.counts or not result.in_scope:
        f.info("circular-counts" if result.counts else "circular-out-of-scope", result.summary(), result.summary("en"),
               "criteria")
    else:
        f.advice("circular-not-counted", result.summary(), result.summary("en"), "criteria")
