"""The counting rule on hand-computed records."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tender_assistant.monitoring.records import AppliedCriterion, ContractRecord
from tender_assistant.monitoring.rule import (
    ANNUALISED,
    AWARD_YEAR,
    CountingRule,
    evaluate,
    smallest_change,
    summarise,
    target_for,
    year_value,
)

RULE = CountingRule()


def crit(cid: str, kind: str, level: int = 1, r: str = "R3", weight: float | None = None, scoring: str = "",
         ms: bool = False, source: str = "MRA werkgroep") -> AppliedCriterion:
    return AppliedCriterion(cid, 1, kind, level, r, weight, scoring, ms, source)


def rec(org: str = "Gemeente A", value: float = 100_000, criteria: list[AppliedCriterion] | None = None,
        **kw: object) -> ContractRecord:
    base: dict = dict(title=f"Contract {value}", package="meubilair", award_date=date(2025, 3, 1), physical=True)
    base.update(kw)
    return ContractRecord(organisation=org, value_eur=value, criteria=criteria or [], **base)


REQ = crit("MEU-M-01", "minimumeis", level=1)
AWARD_20 = crit("MEU-G-01", "gunningscriterium", level=2, weight=20)
AWARD_3 = crit("MEU-G-03", "gunningscriterium", level=3, weight=3)
AWARD_5 = crit("MEU-G-05", "gunningscriterium", level=2, weight=5)


def test_unweighted_kinds_and_heavy_award_criteria_count_at_their_highest_level() -> None:
    v = evaluate(rec(criteria=[REQ, AWARD_20, AWARD_3]), RULE)
    assert v.counts
    assert v.level == 2  # AWARD_3 is level 3 but does not qualify, so it does not lift the level
    assert [c.id for c in v.qualifying] == ["MEU-M-01", "MEU-G-01"]


def test_award_criterion_below_min_weight_does_not_count_and_the_advice_names_the_line() -> None:
    r = rec(criteria=[AWARD_3])
    assert not evaluate(r, RULE).counts
    assert smallest_change(r, RULE)[0] == "verhoog de weging van MEU-G-03 van 3% naar 5%"
    assert evaluate(r, replace(RULE, min_weight=3)).counts
    assert smallest_change(rec(criteria=[REQ]), RULE) is None


def test_fictive_discount_counts_at_any_weight_unless_the_setting_says_otherwise() -> None:
    fk = crit("MEU-G-09", "gunningscriterium", weight=None, scoring="fictieve_korting")
    assert evaluate(rec(criteria=[fk]), RULE).counts
    assert not evaluate(rec(criteria=[fk]), replace(RULE, count_fictive_discount=False)).counts


@pytest.mark.parametrize("criterion, why", [
    (crit("X-M-01", "minimumeis", ms=True), "marktstandaard"),
    (crit("X-M-02", "minimumeis", r="ondersteunend"), "geen trede"),
    (crit("X-M-03", "minimumeis", r=""), "geen R-strategie"),
    (AppliedCriterion("X-M-04"), "onbekend"),
    (crit("X-G-01", "gunningscriterium", weight=None), "geen weging"),
])
def test_criteria_that_never_count_say_why(criterion: AppliedCriterion, why: str) -> None:
    v = evaluate(rec(criteria=[criterion]), RULE)
    assert not v.counts
    assert why in v.criteria[0].why


def test_override_decides_either_way_and_is_flagged() -> None:
    yes = rec(criteria=[], override=True, override_reason="Huurconstructie met terugname")
    no = rec(criteria=[REQ], override=False, override_reason="Eis bleek niet uitvoerbaar")
    assert evaluate(yes, RULE).counts and evaluate(yes, RULE).overridden
    assert not evaluate(no, RULE).counts
    report = summarise([yes, no], RULE, 2025)
    assert all("oordeel" in line.flags for line in report.lines)


def test_borderline_flag_for_a_record_that_counts_only_through_one_award_criterion_at_the_line() -> None:
    report = summarise([rec(criteria=[AWARD_5]), rec(value=5, criteria=[AWARD_5, REQ])], RULE, 2025)
    assert report.lines[0].flags == ["grens"]
    assert report.lines[1].flags == []


def test_award_year_and_annualised_values() -> None:
    # 1 July 2024 - 30 June 2025: 184 days in 2024, 181 in 2025, 365 in all.
    r = rec(value=365_000, award_date=date(2024, 5, 15), start_date=date(2024, 7, 1), end_date=date(2025, 6, 30))
    assert year_value(r, 2024, AWARD_YEAR) == 365_000
    assert year_value(r, 2025, AWARD_YEAR) == 0
    assert year_value(r, 2024, ANNUALISED) == pytest.approx(184_000)
    assert year_value(r, 2025, ANNUALISED) == pytest.approx(181_000)
    assert year_value(r, 2026, ANNUALISED) == 0
    annual = replace(RULE, value_method=ANNUALISED)
    figures = summarise([replace(r, criteria=[REQ])], annual, 2025).to_json()["region"]
    assert figures["in_scope_eur"] == 181_000 and figures["circular_eur"] == 181_000


def test_annualised_without_a_term_falls_back_to_the_award_year_and_says_so() -> None:
    annual = replace(RULE, value_method=ANNUALISED)
    report = summarise([rec(value=1000, criteria=[REQ])], annual, 2025)
    assert report.lines[0].value == 1000
    assert "looptijd-onbekend" in report.lines[0].flags


def test_scope_leaves_out_non_physical_contracts_and_excluded_packages() -> None:
    records = [rec(value=100, criteria=[REQ]), rec(value=1000, physical=False, criteria=[REQ]),
               rec(value=10_000, package="catering")]
    assert summarise(records, RULE, 2025).region.in_scope_eur == 10_100
    excluded = summarise(records, replace(RULE, excluded_packages=("catering",)), 2025)
    assert excluded.to_json()["region"]["in_scope_eur"] == 100
    assert excluded.to_json()["region"]["share_value"] == 1.0


def test_shares_coverage_target_and_gap_for_one_organisation() -> None:
    records = [
        rec(value=600_000, criteria=[REQ]),                       # circular
        rec(value=300_000, criteria=[AWARD_3]),                   # not circular, criteria known
        rec(value=100_000, criteria=[], criteria_known=False),    # not circular, criteria unknown
        rec(value=50_000, award_date=date(2024, 12, 31), criteria=[REQ]),  # another year
    ]
    figures = summarise(records, RULE, 2025).to_json()["organisations"][0]
    assert figures == {
        "organisation": "Gemeente A", "in_scope_eur": 1_000_000, "circular_eur": 600_000, "share_value": 0.6,
        "share_count": pytest.approx(1 / 3), "coverage": 0.9, "target": 0.5, "gap_eur": -100_000,
        "declared_eur": 0, "share_declared": 0.0, "share_not_counted": pytest.approx(0.3), "share_unknown": 0.1,
        "sources": {"handmatig": 3},
    }


def test_verified_declared_not_counted_and_unknown_match_a_plain_computation_over_the_same_records() -> None:
    import random

    rng = random.Random(22)
    kinds = [[REQ], [AWARD_3], [AWARD_20], []]
    records = [rec(org=rng.choice(["Gemeente A", "Gemeente B", "Gemeente C"]), value=rng.randint(1, 900) * 1000,
                   criteria=(c := rng.choice(kinds)), criteria_known=bool(c) or rng.random() < 0.3,
                   declared_circular=rng.random() < 0.4, physical=rng.random() < 0.9,
                   source=rng.choice(["aankondiging", "import", "app", "handmatig"]),
                   award_date=date(rng.choice([2024, 2025]), 5, 1), title=f"Contract {i}")
               for i, _ in enumerate(range(300))]
    report = summarise(records, RULE, 2025).to_json()
    for org in ("Gemeente A", "Gemeente B", "Gemeente C", None):
        mine = [r for r in records if (org is None or r.organisation == org) and r.physical
                and r.award_date and r.award_date.year == 2025]
        scope = sum(r.value_eur for r in mine)
        verified = sum(r.value_eur for r in mine if r.criteria in ([REQ], [AWARD_20]))
        declared = sum(r.value_eur for r in mine if r.criteria not in ([REQ], [AWARD_20]) and r.declared_circular)
        unknown = sum(r.value_eur for r in mine if r.criteria not in ([REQ], [AWARD_20]) and not r.declared_circular
                      and not r.criteria_known)
        known = sum(r.value_eur for r in mine if r.criteria_known)
        figures = report["region"] if org is None else next(o for o in report["organisations"]
                                                            if o["organisation"] == org)
        assert figures["share_value"] == pytest.approx(verified / scope)
        assert figures["share_declared"] == pytest.approx(declared / scope)
        assert figures["share_unknown"] == pytest.approx(unknown / scope)
        assert figures["share_not_counted"] == pytest.approx((scope - verified - declared - unknown) / scope)
        assert figures["coverage"] == pytest.approx(known / scope)
        assert sum(figures["sources"].values()) == len(mine)
        assert figures["sources"].get("aankondiging", 0) == sum(r.source == "aankondiging" for r in mine)


def test_region_adds_euros_of_three_organisations_and_never_averages_percentages() -> None:
    records = [
        rec("Gemeente A", 100_000, [REQ]), rec("Gemeente A", 100_000, []),        # 50 %
        rec("Gemeente B", 800_000, [AWARD_3]),                                    # 0 %
        rec("Provincie C", 1_000_000, [AWARD_20]),                                # 100 %
    ]
    data = summarise(records, RULE, 2025).to_json()
    assert [o["organisation"] for o in data["organisations"]] == ["Gemeente A", "Gemeente B", "Provincie C"]
    assert [o["share_value"] for o in data["organisations"]] == [0.5, 0.0, 1.0]
    region = data["region"]
    assert region["in_scope_eur"] == 2_000_000
    assert region["circular_eur"] == 1_100_000
    assert region["share_value"] == pytest.approx(0.55)  # the average of the three shares would be 0.5
    assert region["share_count"] == pytest.approx(0.5)
    assert region["gap_eur"] == pytest.approx(0.5 * 2_000_000 - 1_100_000)
    only_b = summarise(records, RULE, 2025, organisation="gemeente b").to_json()
    assert [o["organisation"] for o in only_b["organisations"]] == ["Gemeente B"]


def test_json_shape_is_the_contract() -> None:
    data = summarise([rec(criteria=[REQ])], RULE, 2025).to_json()
    keys = {"in_scope_eur", "circular_eur", "share_value", "share_count", "coverage", "target", "gap_eur",
            "declared_eur", "share_declared", "share_not_counted", "share_unknown", "sources"}  # issue 22 added 5
    assert set(data) == {"rule", "year", "organisations", "region"}
    assert data["year"] == 2025
    assert set(data["region"]) == keys
    assert all(set(o) == keys | {"organisation"} for o in data["organisations"])
    assert data["rule"]["min_weight"] == 5 and data["rule"]["value_method"] == "award-year"
    assert 0 <= data["region"]["share_value"] <= 1


def test_targets_are_agreed_in_the_agreed_years_and_a_trajectory_in_between() -> None:
    assert target_for(2022, RULE) == (0.10, "afgesproken")
    assert target_for(2025, RULE) == (0.50, "afgesproken")
    value, kind = target_for(2023, RULE)
    assert value == pytest.approx(0.10 + 0.40 / 3) and kind == "traject"
    assert target_for(2027, RULE)[0] == pytest.approx(0.70)
    assert target_for(2021, RULE) == (None, "")
    assert target_for(2031, RULE) == (1.0, "traject")


def test_breakdowns_by_package_kind_level_and_r_group() -> None:
    records = [rec(value=100, criteria=[REQ, AWARD_20]),
               rec(value=10, package="catering", criteria=[crit("CAT-C-01", "contractbepaling", 3, r="R8")]),
               rec(value=1, criteria=[AWARD_3])]
    report = summarise(records, RULE, 2025)
    assert report.breakdown("package") == {"catering": (10, 10), "meubilair": (101, 100)}
    assert report.breakdown("level") == {"-": (1, 0), "2": (100, 100), "3": (10, 10)}
    assert report.breakdown("kind") == {"contractbepaling": (10, 10), "gunningscriterium": (100, 100),
                                        "minimumeis": (100, 100)}
    assert report.breakdown("r_group") == {"R3-R7": (100, 100), "R8-R9": (10, 10)}


def test_eforms_values_per_record() -> None:
    gpp = crit("MEU-M-01", "minimumeis", source="EU GPP-criteria meubilair (2017)")
    report = summarise([rec(criteria=[gpp]), rec(value=5, criteria=[AWARD_3])], RULE, 2025)
    assert report.lines[0].eforms == {"BT-774": "circ-econ", "BT-805": "eu"}
    assert report.lines[1].eforms == {"BT-774": None, "BT-805": "other"}


@pytest.mark.parametrize(("source", "code"), [
    ("Bepalingsmethode Milieuprestatie Bouwwerken (Nationale Milieudatabase); NEN-EN 15804+A2", "other"),
    ("Batterijenverordening (EU) 2023/1542 (batterijbeheersysteem)", "other"),
    ("Kaderrichtlijn afvalstoffen 2008/98/EG (SCIP-meldplicht); Richtlijn 2012/19/EU (AEEA)", "other"),
    ("EU Ecolabel bedmatrassen (Besluit 2014/391/EU)", "other"),
    ("EU GPP-criteria textielproducten en -diensten (2017)", "eu"),
    ("PIANOo MVI-criteriatool, productgroep Kantoorartikelen (actualisatie 2019)", "national"),
    ("PIANOo, handreiking circulair inkopen", "other"),
])
def test_bt805_reads_whole_words_so_milieu_and_directives_are_no_eu_gpp(source: str, code: str) -> None:
    """For criteria captured before source types: a substring search marked 'Milieu' and the WEEE/battery rules as
    EU GPP criteria (issue 22 section 2)."""
    from tender_assistant.monitoring.rule import gpp_source

    assert gpp_source(source) == code


def test_bt805_follows_the_source_type_not_words_in_the_source() -> None:
    weee = replace(crit("ELE-C-01", "contractbepaling", source="Richtlijn 2012/19/EU (AEEA); Milieu Centraal"),
                   source_type=["wet", "overig"])
    both = replace(crit("MEU-M-01", "minimumeis", source="Eigen tekst"), source_type=["eu-gpp", "nationaal"])
    report = summarise([rec(criteria=[weee]), rec(criteria=[both])], RULE, 2025)
    # the text search marked the WEEE directive and the word 'Milieu' as EU GPP criteria
    assert report.lines[0].eforms["BT-805"] == "other"
    assert report.lines[1].eforms["BT-805"] == "eu"  # one code per lot (the SDK does not repeat it): eu first


def test_bt805_of_a_criterion_captured_before_source_types() -> None:
    old = crit("ELE-C-01", "contractbepaling", source="Richtlijn 2012/19/EU (AEEA); Milieu Centraal")
    assert summarise([rec(criteria=[old])], RULE, 2025).lines[0].eforms["BT-805"] == "other"


def test_the_rule_is_stated_with_its_numbers() -> None:
    text = " ".join(replace(RULE, min_weight=7.5, excluded_packages=("catering",)).describe())
    assert "7,5%" in text and "catering" in text and "50% in 2025" in text
    round_trip = CountingRule.from_dict(replace(RULE, min_weight=7.5).to_dict())
    assert round_trip == replace(RULE, min_weight=7.5)
