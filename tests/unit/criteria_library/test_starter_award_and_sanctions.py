"""The starter library's third edition (issue 21, sections 1 and 2): sanctions that exist, floors that follow the
requirements, award criteria every admissible bid can score, and worked-example offers inside each range."""

from __future__ import annotations

import re

import pytest

from criteria_library.companions import link_problems
from criteria_library.models import Kind, Status
from criteria_library.starter import starter_pack

BORGING = "Borging van aangeboden prestaties"
# a sanction the criterion does not define itself: it lives in another clause of the agreement
SANCTION = re.compile(r"boete|boeteregeling|maatregelen uit de overeenkomst|korting uit de overeenkomst|" + BORGING,
                      re.I)
OWN_SANCTION = {"CAT-C-02"}  # defines its own boete in its clause


@pytest.fixture(scope="module")
def pack():
    return starter_pack()


@pytest.fixture(scope="module")
def live(pack):
    return {c.id: c for c in pack.criteria if c.status != Status.RETIRED}


def _borging(live, package: str):
    found = [c for c in live.values() if c.package == package and c.title == BORGING]
    return found[0] if len(found) == 1 else None


def test_every_package_has_one_borging_clause_with_bounded_amounts(pack, live) -> None:
    problems = []
    for p in pack.packages:
        c = _borging(live, p.slug)
        if c is None:
            problems.append(f"{p.slug}: not exactly one '{BORGING}'")
            continue
        if c.kind != Kind.CONTRACT:
            problems.append(f"{c.id}: a {c.kind}")
        for name in ("boete_per_eenheid", "boete_max_pct", "borging_hersteltermijn_dagen"):
            meta = c.placeholder_meta.get(name)
            if name not in c.placeholder_names() or meta is None or meta.min is None or meta.max is None:
                problems.append(f"{c.id}: {{{{{name}}}}} missing or unbounded")
        if c.placeholder_meta["boete_max_pct"].max > 20:
            problems.append(f"{c.id}: a cap above 20 % invites mitigation (art. 6:94 BW)")
        for words in ("in gebreke", "anderhalf maal het voordeel", "6:92 lid 2", "nakoming", "ontbinding",
                      "na het einde van de overeenkomst"):
            if words not in c.clause:
                problems.append(f"{c.id}: clause lacks '{words}'")
    assert not problems, "\n".join(problems)


def test_a_sanction_reference_requires_the_borging_clause_of_its_package(live) -> None:
    """'de boete uit de overeenkomst' must point to a clause the tender can add; `requires` names it."""
    problems = []
    for c in live.values():
        if c.title == BORGING or c.id in OWN_SANCTION:
            continue
        text = " ".join((c.clause, c.verification, c.scoring_text))
        borging = _borging(live, c.package)
        if SANCTION.search(text) and (borging is None or borging.id not in c.requires):
            problems.append(f"{c.id}: refers to a sanction but does not require {borging.id if borging else '-'}")
        if re.search(r"boete(regeling)? uit de overeenkomst|in de overeenkomst bepaalde boete", text):
            problems.append(f"{c.id}: names a boete 'uit de overeenkomst' instead of the clause")
    assert not problems, "\n".join(problems)


def test_every_measurable_award_promise_is_enforceable(live) -> None:
    """A percentage, a number or a term offered on an award criterion binds the winner through the Borging clause."""
    missing = [c.id for c in live.values() if c.kind == Kind.AWARD and c.scoring_type in ("relatief",
               "fictieve_korting") and ((b := _borging(live, c.package)) is None or b.id not in c.requires)]
    assert missing == []


def test_links_in_the_starter_library_resolve(live) -> None:
    problems = [f"{c.id}.{p.where}: {p.nl}" for c in live.values() for p in link_problems(c, live)]
    assert problems == []


SURVIVING = re.compile(r"(garantie|onderdelen|accu's|terugko|terug te nemen)[^.]*\b(jaar|jaren) na (de laatste "
                       r"levering|levering|oplevering|plaatsing|aanbrengen|het einde van de productie)|"
                       r"na \{\{\w+\}\} jaar terug|(gedurende|garandeert) [^.]*\{\{\w+\}\} jaar na (oplevering|"
                       r"aanbrengen|plaatsing)", re.I)


def test_obligations_that_outlast_the_contract_say_so(live) -> None:
    """Warranty, spare parts and buy-back terms run past the agreement's end; the clause must say they survive."""
    missing = [c.id for c in live.values() if c.kind in (Kind.REQUIREMENT, Kind.CONTRACT)
               and SURVIVING.search(c.clause) and "na het einde van" not in c.clause]
    assert missing == []


# ---------------------------------------------------------------- section 1: award criteria every bid can score
NO_MODEL = re.compile(r"\bgeen (model|variant|aanbod|dienstmodel|gebruiksmodel)\b|zonder variant|"
                      r"(variant|dienstmodel)[^.]*\b0 punten", re.I)
MODEL_WORDS = re.compile(r"\b(variant|dienstmodel|gebruiksmodel|verdienmodel|als dienst)\b", re.I)


def test_no_award_criterion_scores_a_purchase_bid_zero_for_lacking_a_model(live) -> None:
    """A purchase bid must be able to score on every award criterion: no '0 = geen model / variant / aanbod', and no
    level that only a service model or a variant can reach."""
    problems = []
    for c in live.values():
        if c.kind != Kind.AWARD or c.scoring_type != "punten":
            continue
        for lv in c.scoring.levels:
            if NO_MODEL.search(lv.description) or (lv.points > 0 and MODEL_WORDS.search(lv.description)):
                problems.append(f"{c.id}: {lv.points:g} = {lv.description}")
        if NO_MODEL.search(c.scoring_text):
            problems.append(f"{c.id}: scoring text scores a missing model")
    assert not problems, "\n".join(problems)


def test_service_models_in_public_ground_settle_ownership_liability_and_bankruptcy(live) -> None:
    for cid in ("SPT-G-04", "SMB-G-04", "OVL-G-03"):
        clause = live[cid].clause
        assert all(words in clause for words in ("5:20 BW", "6:174 BW", "faillissement", "restwaarde")), cid


# ---------------------------------------------------------------- section 1: floors that follow the requirements
MIRRORS = re.compile(r"\bde minimumeis\b|minimumtermijn|programma van eisen|het minimum uit de eis", re.I)
NAMED_FLOORS = ("BKL-G-01", "TEX-G-01", "KUN-G-01", "VKB-G-02", "GEB-G-01", "EVE-G-03", "TXR-G-01", "AFV-G-01")


def _award_text(c) -> str:
    levels = " ".join(lv.description for lv in c.scoring.levels) if c.scoring_type == "punten" else ""
    return " ".join((c.title, c.clause, c.scoring_text, levels))


def test_an_award_criterion_citing_the_minimum_requirement_links_it(live) -> None:
    """'langer dan de minimumeis' must name the requirement (floor_from, or requires), so the documents keep the
    two values equal and add the requirement when it is missing."""
    problems = []
    for c in live.values():
        if c.kind != Kind.AWARD or not MIRRORS.search(_award_text(c)):
            continue
        linked = c.floor_from is not None or any(live[r].kind == Kind.REQUIREMENT for r in c.requires if r in live)
        if not linked:
            problems.append(f"{c.id}: cites the minimum requirement without floor_from or requires")
    assert not problems, "\n".join(problems)
    for cid in NAMED_FLOORS:
        assert live[cid].floor_from is not None, f"{cid}: a fixed floor"


def test_a_linked_floor_is_not_printed_as_a_second_number(live) -> None:
    problems = []
    for c in live.values():
        if c.scoring_type != "relatief" or c.floor_from is None:
            continue
        floor = f"{c.scoring.floor:g}".replace(".", ",")
        if re.search(rf"(?<![\d,]){re.escape(floor)}(?![\d,])", c.scoring_text):
            problems.append(f"{c.id}: scoring text repeats the floor {floor}")
    assert not problems, "\n".join(problems)
    assert "krijgt dus 0" not in live["BKL-G-01"].scoring_text  # false under its own weighting
    assert live["AFV-G-01"].floor_from.placeholder in live["AFV-G-01"].placeholder_names()


# ---------------------------------------------------------------- section 1: worked-example offers
INDEX = re.compile(r"index|factor \(ERF\)|Energy Reuse Factor", re.I)


def test_every_measurable_award_criterion_has_example_offers_inside_its_range(live) -> None:
    """The worked example printed -3,5 kg, an MPG of -3,3 and an index of 20,4 on a 0-1 scale: each criterion now
    states a plausible low and high offer, and they must be physically possible and on the scoring side of the floor."""
    problems = []
    for c in live.values():
        s = c.scoring
        if c.scoring_type not in ("relatief", "fictieve_korting"):
            continue
        low, high = s.example_low, s.example_high
        if low is None or high is None:
            problems.append(f"{c.id}: no example offers")
            continue
        if not 0 <= low < high:
            problems.append(f"{c.id}: examples {low:g} and {high:g}")
        if c.scoring_type == "relatief":
            top = 1 if INDEX.search(c.title) else 100
            if high > top:
                problems.append(f"{c.id}: example {high:g} above {top}")
            if (s.direction == "hoger" and low < s.floor) or (s.direction == "lager" and high > s.floor):
                problems.append(f"{c.id}: an example on the wrong side of the floor {s.floor:g}")
            for name, meta in c.placeholder_meta.items():  # "met een maximum van {{max_hergebruik_procent}}%"
                if name.startswith("max_") and meta.unit == "%" and high > float(c.placeholders[name]):
                    problems.append(f"{c.id}: example {high:g} above {{{{{name}}}}}")
        elif s.in_euros and s.reference is not None:  # offered values under the plafond, the better one in the cap
            if high > s.reference or (s.reference - low) * s.per_unit_eur > s.cap_eur:
                problems.append(f"{c.id}: examples {low:g}-{high:g} against plafond {s.reference:g}, cap {s.cap_eur:g}")
        else:
            if high * s.per_unit_pct > s.cap_pct:
                problems.append(f"{c.id}: {high:g} units pass the cap")
            maximum = c.placeholder_meta.get("max_garantie_jaren") or c.placeholder_meta.get("max_garantie_folie_jaren")
            top = c.placeholders.get("max_garantie_jaren") or c.placeholders.get("max_garantie_folie_jaren")
            if maximum is not None and c.floor_from is not None:
                source = live[c.floor_from.criterion]
                base = float(source.placeholders[c.floor_from.placeholder].replace(",", "."))
                if base + high > float(top):
                    problems.append(f"{c.id}: {base:g} + {high:g} years passes the maximum {top}")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- section 1: MKI valued in euros
MKI_AWARDS = ("GWW-G-01", "RIO-G-02", "SMB-G-05")


@pytest.mark.parametrize("cid", MKI_AWARDS)
def test_mki_is_valued_in_euros_with_the_buyers_plafond_factor_and_cap(live, cid: str) -> None:
    """Rijkswaterstaat and PIANOo: (plafond - offered MKI) x a waarderingsfactor of 1-5 euro per euro MKI, capped;
    a MKI not delivered costs 1,5 times the advantage, through the package's Borging clause."""
    c = live[cid]
    s = c.scoring
    assert c.scoring_type == "fictieve_korting" and s.in_euros and s.reference is not None and s.cap_eur
    assert dict(s.values_from) == {"per_unit_eur": "mki_waarderingsfactor", "cap_eur": "mki_max_korting",
                                   "reference": "mki_plafond"}
    factor = c.placeholder_meta["mki_waarderingsfactor"]
    assert (factor.min, factor.max, factor.unit) == (1, 5, "euro per euro MKI")
    borging = _borging(live, c.package)
    assert borging is not None and borging.id in c.requires
    assert BORGING in c.clause and "anderhalf maal" in c.clause and "plafond" in c.clause
    assert not re.search(r"\d ?(%|procent)", c.scoring_text)  # no percentage discount left behind


def test_vkb_g_03_states_one_reference_per_accepted_method_for_a_sign_that_just_meets_the_requirements(live) -> None:
    c = live["VKB-G-03"]
    assert {"VKB-M-01", "VKB-M-04"} <= set(c.requires)
    assert "net aan het programma van eisen" in c.clause
    for name in ("referentie_mki", "referentie_vnvf"):
        assert "{{" + name + "}}" in c.clause, name
    # a further method only through the questions round, with its reference in the nota van inlichtingen
    assert "vragenronde" in c.clause and "nota van inlichtingen" in c.clause
