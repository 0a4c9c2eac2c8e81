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
