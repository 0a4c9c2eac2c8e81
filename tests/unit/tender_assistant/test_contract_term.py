"""The term with its options, stated once and the same everywhere."""

from __future__ import annotations

from tender_assistant.contract_term import tender_term, term_phrase, value_sentence
from tests.unit.tender_assistant.test_tender_parts import joint_workwear


def test_the_term_names_the_initial_term_the_options_and_the_maximum():
    assert term_phrase(36, [12, 12]) == "36 maanden, twee keer 12 maanden verlenging, ten hoogste 60 maanden"
    assert term_phrase(24, [12]) == "24 maanden, één keer 12 maanden verlenging, ten hoogste 36 maanden"
    assert term_phrase(24, [12, 6]) == "24 maanden, verlenging met 12 maanden en 6 maanden, ten hoogste 42 maanden"
    assert term_phrase(48, []) == "48 maanden"
    assert term_phrase(1, []) == "1 maand"


def test_the_value_is_over_the_maximum_term_of_all_lots():
    tender = joint_workwear()
    assert tender_term(tender) == "36 maanden, twee keer 12 maanden verlenging, ten hoogste 60 maanden"
    assert value_sentence(tender) == ("De geraamde waarde van de opdracht bedraagt € 1.500.000 exclusief btw, over de "
                                      "maximale looptijd van 60 maanden, verlengingen inbegrepen, alle percelen samen.")
    tender.contract_term_months = None
    assert tender_term(tender) == ""
