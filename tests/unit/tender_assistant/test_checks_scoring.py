"""Checks around scoring: korting left out of the sum, weight-range, price-weight, placeholder ranges."""

from __future__ import annotations

from datetime import date

import pytest

from criteria_library.models import DiscountScoring, Kind, PlaceholderMeta, PointsScoring, RelativeScoring
from tender_assistant.checks import Severity, check_tender
from tender_assistant.matching import propose_split
from tender_assistant.tender import Tender, TenderCriterion
from tests.unit.tender_assistant.fake_library import FakeLibrary, criterion, packages

TODAY = date(2026, 11, 25)
CRITERIA = [
    criterion("BED-G-01", Kind.AWARD, 1, "Plan van aanpak", "Plan.", weight_min=10, weight_max=20,
              scoring=PointsScoring(10)),
    criterion("BED-G-02", Kind.AWARD, 1, "Gerecyclede vezels", "Aandeel.", weight_min=10, weight_max=30,
              scoring=RelativeScoring("hoger", 20)),
    criterion("BED-G-03", Kind.AWARD, 1, "Extra garantie", "Garantie van {{garantie_jaren}} jaar.",
              placeholders={"garantie_jaren": "3"},
              placeholder_meta={"garantie_jaren": PlaceholderMeta("Garantietermijn", "jaar", 1, 10)},
              scoring=DiscountScoring(2, 10, "jaar")),
]


@pytest.fixture
def lib() -> FakeLibrary:
    return FakeLibrary(packages(), CRITERIA)


def tender(price: int = 60, g1: int | None = 15, g2: int | None = 25, **kw: object) -> Tender:
    return Tender(title="Kleding", organisation="Gemeente Delft", package="bedrijfskleding", price_weight=price,
                  criteria=[TenderCriterion("BED-G-01", g1), TenderCriterion("BED-G-02", g2),
                            TenderCriterion("BED-G-03")], **kw)  # type: ignore[arg-type]


def codes(t: Tender, lib: FakeLibrary, severity: Severity | None = None) -> list[str]:
    return [f.code for f in check_tender(t, lib, TODAY) if severity is None or f.severity == severity]


def test_korting_has_no_weight_and_is_left_out_of_the_sum(lib) -> None:
    found = codes(tender(), lib)
    assert not {"weights-sum", "weight-missing", "weight-range", "price-weight", "weight-ignored"} & set(found)


def test_weight_outside_the_advised_range(lib) -> None:
    findings = check_tender(tender(price=55, g1=20, g2=25), lib, TODAY)
    assert [f.where for f in findings if f.code == "weight-range"] == []
    findings = check_tender(tender(price=50, g1=25, g2=25), lib, TODAY)
    ranged = [f for f in findings if f.code == "weight-range"]
    assert [(f.severity, f.where) for f in ranged] == [(Severity.ADVICE, "criteria[BED-G-01].weight")]
    assert "10-20%" in ranged[0].message


@pytest.mark.parametrize(("price", "advised"), [(20, True), (30, False), (50, False), (70, False), (75, True)])
def test_price_weight_advice_only_below_30_or_above_70(lib, price: int, advised: bool) -> None:
    g1, g2 = {20: (20, 60), 30: (20, 50), 50: (20, 30), 70: (10, 20), 75: (10, 15)}[price]
    assert ("price-weight" in codes(tender(price, g1, g2), lib, Severity.ADVICE)) is advised


def test_fixed_budget_with_price_weight_0_gets_no_price_advice(lib) -> None:
    fixed = tender(0, 20, 80, fixed_budget_eur=200_000.0)
    assert "price-weight" not in codes(fixed, lib)
    assert "price-weight" in codes(tender(0, 20, 80), lib)  # price 0 without a stated budget: advice


def test_spread_by_advice_never_gives_weight_range(lib) -> None:
    for price in range(0, 101, 5):
        t = tender(price, None, None)
        t.price_weight, weights = propose_split(CRITERIA, price)
        for cid, w in weights.items():
            t.entry(cid).weight = w
        assert "weight-range" not in codes(t, lib), price


def test_placeholder_value_outside_its_range_is_an_error(lib) -> None:
    t = tender()
    t.set_value("BED-G-03", "garantie_jaren", "12")
    found = [f for f in check_tender(t, lib, TODAY) if f.code == "placeholder-range"]
    assert [(f.severity, f.where) for f in found] == [(Severity.ERROR, "criteria[BED-G-03].values.garantie_jaren")]
    assert "Garantietermijn: 12 jaar is groter dan het maximum 10 jaar" in found[0].message
    t.set_value("BED-G-03", "garantie_jaren", "5")
    assert "placeholder-range" not in codes(t, lib)


def test_value_unused_names_the_criterion_value(lib) -> None:
    t = tender()
    t.entry("BED-G-01").values["garantie_jaren"] = "4"  # BED-G-01 has no such placeholder
    found = [f for f in check_tender(t, lib, TODAY) if f.code == "value-unused"]
    assert [f.where for f in found] == ["criteria[BED-G-01].values.garantie_jaren"]


def test_korting_without_price_weight_has_no_effect(lib) -> None:
    # a fixed price has no evaluation price to lower: an error, not advice (issue 19)
    assert "korting-fixed-price" in codes(tender(0, 20, 80, fixed_budget_eur=200_000.0), lib, Severity.ERROR)
    assert "korting-no-effect" in codes(tender(0, 20, 80), lib, Severity.ADVICE)
    assert not {"korting-no-effect", "korting-fixed-price"} & set(codes(tender(), lib))


def test_the_lineair_price_rule_is_advised_against_with_the_bandbreedte_offered(lib) -> None:
    advice = [f for f in check_tender(tender(price_rule="lineair"), lib, TODAY) if f.code == "price-rule-lineair"]
    assert len(advice) == 1 and "bandbreedte" in advice[0].message and advice[0].where == "price_rule"
    assert "price-rule-lineair" not in codes(tender(), lib)


def test_bandbreedte_needs_its_percentage(lib) -> None:
    assert "price-band-missing" in codes(tender(price_rule="bandbreedte"), lib, Severity.ERROR)
    assert "price-band-missing" not in codes(tender(price_rule="bandbreedte", price_band_percent=25.0), lib)
