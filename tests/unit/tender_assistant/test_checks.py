"""Checks: errors block a final document, advice is what practice recommends."""

from __future__ import annotations

from datetime import date

import pytest

from tender_assistant.checks import Severity, check_tender, errors
from tender_assistant.thresholds import eu_thresholds, is_works

TODAY = date(2026, 11, 25)


def codes(findings, severity=None):
    return [f.code for f in findings if severity is None or f.severity == severity]


def test_complete_tender_has_no_errors_and_marks_defaults(fake_lib, tender):
    findings = check_tender(tender, fake_lib, TODAY)
    assert errors(findings) == []
    defaults = [f for f in findings if f.code == "placeholder-default"]
    assert {f.where for f in defaults} == {"values.referentie_jaren", "values.percentage_recycled"}


def test_weights_must_add_up_to_100(fake_lib, tender):
    tender.price_weight = 40
    found = errors(check_tender(tender, fake_lib, TODAY))
    assert codes(found) == ["weights-sum"] and "110%" in found[0].message


def test_award_criterion_without_weight_is_an_error(fake_lib, tender):
    tender.entry("BED-G-02").weight = None
    assert "weight-missing" in codes(check_tender(tender, fake_lib, TODAY), Severity.ERROR)


def test_placeholder_without_value_or_default_is_an_error(fake_lib, tender):
    del tender.values["reparatie_dagen"]
    found = errors(check_tender(tender, fake_lib, TODAY))
    assert [(f.code, f.where) for f in found] == [("placeholder-missing", "values.reparatie_dagen")]


def test_unknown_criterion_and_cpv_are_errors(fake_lib, tender):
    tender.cpv.append("12345678")
    tender.criteria[0].id = "XXX-S-99"
    assert set(codes(errors(check_tender(tender, fake_lib, TODAY)))) == {"criterion-unknown", "cpv-unknown"}


@pytest.mark.parametrize(
    ("value", "procedure", "cpv", "expected"),
    [
        (300_000, "nationaal-openbaar", ["18100000-0"], "procedure-eu-required"),  # supplies above 216k
        (200_000, "nationaal-openbaar", ["18100000-0"], None),
        (3_000_000, "nationaal-openbaar", ["45233000-9"], None),  # works: threshold in the millions
        (6_000_000, "meervoudig-onderhands", ["45233000-9"], "procedure-eu-required"),
    ],
)
def test_procedure_must_fit_the_eu_threshold(fake_lib, tender, value, procedure, cpv, expected):
    tender.estimated_value_eur, tender.procedure, tender.cpv = value, procedure, cpv
    found = codes(check_tender(tender, fake_lib, TODAY), Severity.ERROR)
    assert found == ([expected] if expected else [])


def test_central_government_has_a_lower_threshold(fake_lib, tender):
    tender.estimated_value_eur, tender.procedure = 180_000, "nationaal-openbaar"
    assert not errors(check_tender(tender, fake_lib, TODAY))
    tender.authority = "centraal"
    assert codes(errors(check_tender(tender, fake_lib, TODAY))) == ["procedure-eu-required"]


def test_advice_on_price_weight_award_and_ambition(fake_lib, tender):
    tender.price_weight, tender.entry("BED-G-01").weight, tender.entry("BED-G-02").weight = 60, 20, 20
    assert "price-weight" in codes(check_tender(tender, fake_lib, TODAY), Severity.ADVICE)
    tender.criteria = [c for c in tender.criteria if c.id in ("BED-S-01", "BED-M-01", "BED-C-01")]
    tender.price_weight = 100
    advice = codes(check_tender(tender, fake_lib, TODAY), Severity.ADVICE)
    assert "no-award" in advice and "ambition-low" in advice
    assert not errors(check_tender(tender, fake_lib, TODAY))


def test_single_private_procedure_above_guide_value_is_advice(fake_lib, tender):
    tender.procedure, tender.estimated_value_eur = "enkelvoudig-onderhands", 80_000
    assert "procedure-national" in codes(check_tender(tender, fake_lib, TODAY), Severity.ADVICE)


def test_thresholds_are_chosen_by_date_and_flagged_when_outdated(fake_lib, tender):
    assert eu_thresholds(date(2025, 6, 1))[0].supplies_services_decentral == 221_000
    assert eu_thresholds(date(2026, 6, 1))[0].valid_to == date(2027, 12, 31)
    assert eu_thresholds(date(2031, 1, 1))[1] is False
    assert "thresholds-outdated" in codes(check_tender(tender, fake_lib, date(2031, 1, 1)))


def test_works_are_recognised_by_main_cpv_or_package():
    assert is_works(["45210000-2", "71000000-8"]) and not is_works(["71000000-8", "45210000-2"])
    assert is_works([], "gww") and not is_works([], "meubilair")
