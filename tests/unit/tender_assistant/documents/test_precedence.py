"""One order of precedence, quoted alike by the leidraad and the contract annex (finding L1: each document claimed to
prevail over the other)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tender_assistant.documents.document_set import CONTRACT, LEIDRAAD, set_plans
from tender_assistant.documents.precedence import CONTRACT_ORDER, contract_precedence, procedure_precedence
from tender_assistant.tender import load_tender
from tests.unit.tender_assistant.documents.test_lot_chapters import texts
from tests.unit.tender_assistant.test_tender_parts import joint_workwear

MRA = Path(__file__).parents[4] / "docs" / "examples" / "bedrijfskleding-mra.tender.json"
# A sentence that ranks documents: "gaat voor", "gaan ... voor", "voor op", "bij strijd".
RANKING = re.compile(r"tegenstrijdig\w* (?:gaa?t|tussen|over)|bij strijd|\bvoor op\b|gaan de .* voor de", re.IGNORECASE)


def _ranking_sentences(lines: list[str]) -> list[str]:
    sentences = [s.strip() for line in lines for s in re.split(r"(?<=\.) (?=[A-Z])", line)]
    return [s for s in sentences if RANKING.search(s)]


def _assert_one_order(plans) -> None:
    leidraad = _ranking_sentences(texts(plans[LEIDRAAD]))
    contract = _ranking_sentences(texts(plans[CONTRACT]))
    assert contract == [contract_precedence()]  # the annex states the contract's order, nothing else
    assert contract_precedence() in leidraad  # and the leidraad quotes that same order
    assert set(leidraad) == {procedure_precedence(), contract_precedence()}  # no third, competing order


def test_the_leidraad_and_the_contract_annex_give_one_order_for_a_joint_tender_with_lots(library):
    _assert_one_order(set_plans(load_tender(MRA), library, today=date(2026, 12, 6)))


@pytest.mark.parametrize("procedure", ["europees-openbaar", "meervoudig-onderhands"])
def test_the_same_order_for_a_single_buyer(fake_lib, tender, procedure):
    tender.procedure = procedure
    _assert_one_order(set_plans(tender, fake_lib, today=date(2026, 12, 6)))
    _assert_one_order(set_plans(joint_workwear(), fake_lib, today=date(2026, 12, 6)))


def test_the_contract_order_puts_the_agreement_first_and_the_bid_last():
    assert CONTRACT_ORDER[0] == "de overeenkomst" and CONTRACT_ORDER[-1] == "de inschrijving"
    assert CONTRACT_ORDER.index("de nota van inlichtingen") < CONTRACT_ORDER.index("de aanbestedingsleidraad")
