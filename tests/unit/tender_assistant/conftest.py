"""Fixtures for the drafting core: an in-memory library and a filled tender."""

from __future__ import annotations

from datetime import date

import pytest

from tender_assistant.tender import Tender, TenderCriterion
from tender_assistant.tender_parts import Planning
from tests.unit.tender_assistant.fake_library import FakeLibrary


@pytest.fixture
def fake_lib() -> FakeLibrary:
    """The 20 starter packages with a small bedrijfskleding set of criteria."""
    return FakeLibrary()


@pytest.fixture
def tender() -> Tender:
    """A complete, valid workwear tender whose weights add up to 100."""
    return Tender(
        title="Bedrijfskleding buitendienst",
        organisation="Gemeente Zaanstad",
        description="Levering van werkkleding voor 450 medewerkers.",
        package="bedrijfskleding",
        cpv=["18100000-0"],
        procedure="europees-openbaar",
        estimated_value_eur=900_000,
        lots_reason="Eén samenhangende levering met één aanspreekpunt; splitsen geeft geen kansen aan het mkb",
        contract_term_months=48,
        ambition_level=2,
        price_weight=30,
        criteria=[
            TenderCriterion("BED-S-01"),
            TenderCriterion("BED-M-01"),
            TenderCriterion("BED-M-02"),
            TenderCriterion("BED-G-01", weight=30),
            TenderCriterion("BED-G-02", weight=40),
            TenderCriterion("BED-C-01"),
            TenderCriterion("BED-C-02"),
        ],
        values={"reparatie_dagen": "5", "rapportage_datum": "1 maart", **FACTS},
        publication_date=date(2027, 2, 1),
        purchase_conditions="ARIV 2018",
        planning=Planning(submission_deadline=date(2027, 3, 22), questions_deadline=date(2027, 2, 22),
                          answers_date=date(2027, 3, 3), award_decision_date=date(2027, 4, 19),
                          contract_start_date=date(2027, 6, 1), bid_validity_days=90),
    )


# The facts a final document set needs besides the criteria's values (its leidraad has no open gap with them).
FACTS = {"contactpersoon": "J. de Vries", "platform": "TenderNed", "klachtenmeldpunt": "klachten@zaanstad.nl",
         "functionele_specificatie": "bijlage 1, Functionele specificatie bedrijfskleding",
         "tijdstip_inschrijving": "12.00 uur"}
