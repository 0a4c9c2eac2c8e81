"""Procedure advice as issue 9 corrects it: publication date, directives, Gids for works only, inkoopbeleid."""

from __future__ import annotations

from datetime import date

import pytest

from criteria_library.models import Kind
from tender_assistant.checks import Severity, check_tender
from tender_assistant.thresholds import NationalAdvice, eu_thresholds
from tests.unit.tender_assistant.fake_library import FakeLibrary, criterion, packages

TODAY = date(2026, 11, 25)


def found(tender, lib, code, today=TODAY, **kw):
    return [f for f in check_tender(tender, lib, today, **kw) if f.code == code]


def test_thresholds_are_looked_up_at_the_publication_date(fake_lib, tender):
    tender.procedure, tender.estimated_value_eur = "nationaal-openbaar", 218_000
    assert found(tender, fake_lib, "procedure-eu-required")  # 2026: 216,000
    tender.publication_date = date(2025, 12, 1)
    assert not found(tender, fake_lib, "procedure-eu-required")  # 2025: 221,000
    tender.publication_date = date(2028, 2, 1)
    assert found(tender, fake_lib, "thresholds-outdated")


def test_2026_source_names_the_delegated_regulation(fake_lib, tender):
    tender.procedure, tender.estimated_value_eur = "nationaal-openbaar", 300_000
    message = found(tender, fake_lib, "procedure-eu-required")[0].message
    assert "2025/2152" in message and "€ 216.000" in message


@pytest.mark.parametrize(("regime", "cpv", "value", "required"), [
    ("speciale-sectoren", ["18100000-0"], 400_000, False),  # utilities supplies: 432,000
    ("speciale-sectoren", ["18100000-0"], 440_000, True),
    ("concessie", ["18100000-0"], 5_000_000, False),  # concessions: 5,404,000
    ("concessie", ["18100000-0"], 5_500_000, True),
])
def test_utilities_and_concessions_have_their_own_thresholds(fake_lib, tender, regime, cpv, value, required):
    tender.regime, tender.cpv, tender.estimated_value_eur, tender.procedure = regime, cpv, value, "nationaal-openbaar"
    assert bool(found(tender, fake_lib, "procedure-eu-required")) is required
    assert eu_thresholds(date(2026, 6, 1))[0].utilities_supplies_services == 432_000


def test_gids_values_are_for_works_and_say_nationale_procedure(fake_lib, tender):
    tender.cpv, tender.procedure, tender.estimated_value_eur = ["45233000-9"], "meervoudig-onderhands", 2_000_000
    advice = found(tender, fake_lib, "procedure-national")
    assert len(advice) == 1 and "nationale aanbestedingsprocedure" in advice[0].message
    assert "Gids Proportionaliteit" in advice[0].message and "openbare procedure" not in advice[0].message


def test_supplies_and_services_follow_the_inkoopbeleid_stated_as_default(fake_lib, tender):
    tender.procedure, tender.estimated_value_eur = "enkelvoudig-onderhands", 80_000
    advice = found(tender, fake_lib, "procedure-national")
    assert len(advice) == 1 and "inkoopbeleid" in advice[0].message and "standaardwaarden" in advice[0].message
    assert "Gids" not in advice[0].message
    own = NationalAdvice("inkoopbeleid Gemeente Zaanstad 2025", 100_000, None, from_policy=True)
    assert not found(tender, fake_lib, "procedure-national", policy=own)


def test_estimate_reminder_below_the_threshold(fake_lib, tender):
    tender.procedure, tender.estimated_value_eur = "meervoudig-onderhands", 120_000
    info = found(tender, fake_lib, "estimate-reminder")
    assert info[0].severity == Severity.INFO
    assert "opties en verlengingen" in info[0].message and "splitsen" in info[0].message
    tender.estimated_value_eur, tender.procedure = 900_000, "europees-openbaar"
    assert not found(tender, fake_lib, "estimate-reminder")


def test_mixed_contract_is_decided_by_main_object(fake_lib, tender):
    tender.cpv, tender.procedure, tender.estimated_value_eur = ["45210000-2", "39130000-2"], "nationaal-openbaar", 1e6
    assert found(tender, fake_lib, "mixed-contract") and found(tender, fake_lib, "procedure-eu-required")
    tender.main_object = "werken"
    assert not found(tender, fake_lib, "mixed-contract") and not found(tender, fake_lib, "procedure-eu-required")


@pytest.mark.parametrize("procedure", ["mededinging-onderhandeling", "concurrentiegerichte-dialoog",
                                       "innovatiepartnerschap"])
def test_added_procedures_are_european_and_need_grounds(fake_lib, tender, procedure):
    tender.procedure = procedure
    assert found(tender, fake_lib, "procedure-grounds") and not found(tender, fake_lib, "procedure-eu-required")


def test_lowest_price_alone_needs_a_motivation(fake_lib, tender):
    tender.criteria = [c for c in tender.criteria if not c.id.startswith("BED-G")]
    tender.price_weight = 100
    assert "motiveren" in found(tender, fake_lib, "no-award")[0].message


REFS = [criterion("BED-S-09", Kind.SELECTION, 1, "Referenties", "De inschrijver heeft in de afgelopen "
                  "{{referentie_jaren}} jaar twee vergelijkbare opdrachten uitgevoerd.",
                  placeholders={"referentie_jaren": "3"})]


def test_references_older_than_3_years_need_a_motivation(tender):
    from tender_assistant.tender import TenderCriterion

    lib = FakeLibrary(packages(), REFS)
    tender.criteria = [TenderCriterion("BED-S-09")]
    assert not found(tender, lib, "reference-age")
    tender.set_value("BED-S-09", "referentie_jaren", "5")
    advice = found(tender, lib, "reference-age")
    assert advice[0].where == "criteria[BED-S-09]" and "5 jaar" in advice[0].message
    tender.entry("BED-S-09").text = (REFS[0].clause + " Een langere termijn is nodig omdat deze producten zelden "
                                     "worden aanbesteed.")
    assert not found(tender, lib, "reference-age")
    tender.entry("BED-S-09").text = None
    tender.cpv = ["45233000-9"]  # works: 5 years is the starting point
    assert not found(tender, lib, "reference-age")


@pytest.mark.parametrize(("cpv", "authority", "limit"), [
    (["18100000-0"], "decentraal", 216_000),  # supplies, municipality (2026-2027)
    (["18100000-0"], "centraal", 140_000),  # supplies, State
    (["45233000-9"], "decentraal", 5_404_000),  # works
])
def test_a_value_equal_to_the_eu_threshold_is_european_and_one_cent_less_is_not(fake_lib, tender, cpv, authority,
                                                                                limit):
    tender.cpv, tender.authority, tender.procedure = cpv, authority, "nationaal-openbaar"
    tender.estimated_value_eur = limit
    required = found(tender, fake_lib, "procedure-eu-required")
    assert len(required) == 1 and required[0].severity == Severity.ERROR
    assert not found(tender, fake_lib, "estimate-reminder")
    tender.estimated_value_eur = limit - 0.01
    assert not found(tender, fake_lib, "procedure-eu-required")
    assert found(tender, fake_lib, "estimate-reminder")


def test_a_european_procedure_at_exactly_the_threshold_is_not_called_voluntary(fake_lib, tender):
    tender.procedure, tender.estimated_value_eur = "europees-openbaar", 216_000
    assert not found(tender, fake_lib, "procedure-eu-voluntary")
    assert not found(tender, fake_lib, "procedure-eu-required")
    tender.estimated_value_eur = 215_999.99
    assert found(tender, fake_lib, "procedure-eu-voluntary")


@pytest.mark.parametrize(("procedure", "enkelvoudig", "meervoudig"), [
    ("enkelvoudig-onderhands", 100_000, None),
    ("meervoudig-onderhands", None, 100_000),
])
def test_the_inkoopbeleid_maximum_itself_is_still_allowed_one_euro_more_is_not(fake_lib, tender, procedure,
                                                                               enkelvoudig, meervoudig):
    own = NationalAdvice("inkoopbeleid Gemeente Zaanstad 2025", enkelvoudig, meervoudig, from_policy=True)
    tender.procedure, tender.estimated_value_eur = procedure, 100_000
    assert not found(tender, fake_lib, "procedure-national", policy=own)
    tender.estimated_value_eur = 100_001
    assert found(tender, fake_lib, "procedure-national", policy=own)


# ---- social and other specific services (Annex XIV): EUR 750.000, the light regime above it
@pytest.mark.parametrize(("value", "required"), [(749_999, False), (750_000, True)])
def test_social_services_have_their_own_threshold(fake_lib, tender, value, required):
    tender.package, tender.cpv, tender.procedure = "catering", ["55520000-1"], "nationaal-openbaar"
    tender.estimated_value_eur = value
    errors = found(tender, fake_lib, "procedure-eu-required")
    assert bool(errors) == required
    if required:
        assert "€ 750.000" in errors[0].message and "verlicht regime" in errors[0].message
    else:
        assert "geen Europese aanbestedingsplicht" in found(tender, fake_lib, "social-services")[0].message


def test_a_catering_tender_of_500000_under_a_national_procedure_is_no_longer_refused(fake_lib, tender):
    """It was refused with the EUR 216.000 threshold for supplies and services."""
    tender.package, tender.procedure, tender.estimated_value_eur = "catering", "nationaal-openbaar", 500_000
    tender.cpv, tender.main_object = ["55520000-1", "15000000-8"], "diensten"  # catering with the food it serves
    assert not found(tender, fake_lib, "procedure-eu-required")
    tender.main_object = None  # a mix of services and supplies without a main object: the lower threshold stays
    assert found(tender, fake_lib, "procedure-eu-required")


def test_a_european_procedure_above_the_social_threshold_names_the_light_regime(fake_lib, tender):
    tender.cpv, tender.estimated_value_eur = ["79952000-2"], 900_000  # event services
    assert "verlicht regime" in found(tender, fake_lib, "social-services")[0].message
