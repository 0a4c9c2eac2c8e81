"""A clause that sets a sanction shows it in its own borgingsplan row, and the base of a penalty cap is defined for
the tender's agreements (finding L5: CB11's boete missing from its row; "de opdrachtwaarde van dat contractjaar"
undefined for a framework of ten agreements)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from criteria_library.models import Kind
from criteria_library.starter import starter_pack
from tender_assistant.clauses import fill_clause
from tender_assistant.documents.document_set import CONTRACT, borgingsplan_rows, set_plans
from tender_assistant.documents.plan import build_plan
from tender_assistant.tender import Tender, TenderCriterion, load_tender
from tests.unit.tender_assistant.documents.test_lot_chapters import section, texts

MRA = Path(__file__).parents[4] / "docs" / "examples" / "bedrijfskleding-mra.tender.json"
PENALTY_CLAUSES = [c for c in starter_pack().criteria if c.kind == Kind.CONTRACT and re.search(r"verbeurt|boete van",
                                                                                                   c.clause, re.I)]


def test_the_starter_library_has_penalty_clauses_to_check():
    assert len(PENALTY_CLAUSES) >= 20 and len({c.package for c in PENALTY_CLAUSES}) >= 15


@pytest.mark.parametrize("criterion", PENALTY_CLAUSES, ids=[c.id for c in PENALTY_CLAUSES])
def test_every_clause_that_sets_a_penalty_shows_it_in_its_own_borgingsplan_row(criterion):
    tender = Tender(title="T", organisation="Gemeente Zaanstad", package=criterion.package,
                    criteria=[TenderCriterion(criterion.id)])
    clause = fill_clause(tender, criterion).text
    amount = next(s for s in re.split(r"(?<=\.) ", clause) if re.search(r"verbeurt|boete van", s, re.I))
    [row] = borgingsplan_rows(tender, [("CB1", criterion)])
    assert amount in row[7]  # "Gevolg bij niet voldoen": the amount as the clause sets it
    caps = [s for s in re.split(r"(?<=\.) ", clause) if re.search(r"boetes? .*ten hoogste", s, re.I)]
    assert all(cap in row[7] for cap in caps)


def test_the_mra_rows_cb11_and_the_award_rows_name_the_boete(library):
    from tender_assistant.documents.document_set import _numbered

    tender = load_tender(MRA)
    rows = {r[0]: r[7] for r in borgingsplan_rows(tender, _numbered(tender, library))}
    assert "boete van 500 euro per eenheid tekort" in rows["CB11"] and "ten hoogste 5 procent" in rows["CB11"]
    assert rows["GC1"].endswith("de boete volgens CB11")


def _year_value(plan) -> list[str]:
    return [s for s in texts(plan) if s.startswith("Opdrachtwaarde van een contractjaar:")]


def test_the_cap_base_is_defined_per_agreement_for_a_joint_framework_with_lots(library):
    contract = set_plans(load_tender(MRA), library, today=date(2026, 12, 6))[CONTRACT]
    cb11 = section(contract, "Borging van aangeboden prestaties")
    assert any("opdrachtwaarde van dat contractjaar" in s for s in cb11)
    [definition] = [s for s in cb11 if s.startswith("Opdrachtwaarde van een contractjaar:")]
    assert "onder zijn eigen overeenkomst voor dat perceel" in definition
    assert "niet de geraamde of de maximale waarde van de raamovereenkomst" in definition
    assert "niet door die van de overeenkomsten van andere Opdrachtgevers of andere percelen" in definition
    assert "Een contractjaar is een periode van twaalf maanden" in definition


def test_a_single_buyer_without_framework_gets_the_plain_definition(library):
    mra = load_tender(MRA)
    single = replace(mra, participants=[], lots=[], framework_agreement=False, maximum_value_eur=None)
    [definition] = _year_value(set_plans(single, library, today=date(2026, 12, 6))[CONTRACT])
    assert "die de opdrachtgever in dat contractjaar onder de overeenkomst aan opdrachtnemer" in definition
    assert "Opdrachtgevers" not in definition and "raamovereenkomst" not in definition
    assert len(_year_value(build_plan(single, library, today=date(2026, 12, 6)))) == 1  # the one-document export too
