"""The scoring core on hand-computed cases: price rules, each scoring type, korting, totals and ranking."""

from __future__ import annotations

import pytest

from criteria_library.models import DiscountScoring, PointsScoring, RelativeScoring
from tender_assistant.scoring import (
    Bid,
    BidError,
    ScoredCriterion,
    ScoringSetup,
    discount_pct,
    example_bids,
    price_scores,
    rank_bids,
    relative_scores,
    round_score,
    score_bids,
    weight_total,
)

P = ScoredCriterion("TST-G-01", PointsScoring(scale_max=10), 30)
R = ScoredCriterion("TST-G-02", RelativeScoring("hoger", 20), 30)
K = ScoredCriterion("TST-G-03", DiscountScoring(per_unit_pct=2, cap_pct=10, unit="jaar"), None)
BIDS = [
    Bid("A", 100_000, {"TST-G-01": 6, "TST-G-02": 40, "TST-G-03": 0}),
    Bid("B", 110_000, {"TST-G-01": 8, "TST-G-02": 60, "TST-G-03": 5}),  # 5 years x 2 % = 10 % (the cap)
    Bid("C", 90_000, {"TST-G-01": 4, "TST-G-02": 20, "TST-G-03": 2}),  # 4 %; 20 is the floor: scores 0
]


def setup(rule: str = "relatief-laagste") -> ScoringSetup:
    return ScoringSetup(40, (P, R, K), rule)


def test_relatief_laagste_totals_by_hand() -> None:
    ranked = score_bids(setup(), BIDS)
    by = {b.bidder: b for b in ranked}
    assert [b.bidder for b in ranked] == ["B", "A", "C"] and [b.rank for b in ranked] == [1, 2, 3]
    assert by["B"].evaluation_price == pytest.approx(99_000) and by["B"].discount_pct == 10
    assert by["C"].evaluation_price == pytest.approx(86_400)
    assert by["A"].price_score == pytest.approx(0.864)
    assert by["B"].price_score == pytest.approx(86_400 / 99_000)
    assert by["A"].scores == pytest.approx({"TST-G-01": 0.6, "TST-G-02": 0.5})
    assert by["C"].scores["TST-G-02"] == 0
    assert by["A"].total == round_score(34.56 + 18 + 15)
    assert by["B"].total == round_score(40 * 86_400 / 99_000 + 24 + 30)  # 88,91
    assert by["C"].total == round_score(40 + 12 + 0)
    assert "TST-G-03" not in by["A"].scores  # korting works through the price, not as a score


def test_lineair_totals_by_hand() -> None:
    by = {b.bidder: b for b in score_bids(setup("lineair"), BIDS)}
    assert by["A"].price_score == 0 and by["C"].price_score == 1
    assert by["B"].price_score == pytest.approx(1_000 / 13_600)
    assert by["A"].total == round_score(33)
    assert by["B"].total == round_score(40 * 1_000 / 13_600 + 54)  # 56,94
    assert by["C"].total == round_score(52)


def test_price_rules() -> None:
    assert price_scores([50, 100, 200]) == pytest.approx([1, 0.5, 0.25])
    assert price_scores([50, 100, 200], "lineair") == pytest.approx([1, 2 / 3, 0])
    assert price_scores([80, 80], "lineair") == [1, 1]
    assert price_scores([0, 10]) == [1, 0]


def test_relative_scores_both_directions_and_no_offer_above_floor() -> None:
    assert relative_scores(RelativeScoring("hoger", 20), [20, 40, 60, 80]) == pytest.approx([0, 1 / 3, 2 / 3, 1])
    assert relative_scores(RelativeScoring("lager", 90), [50, 70, 100]) == pytest.approx([1, 0.5, 0])
    assert relative_scores(RelativeScoring("hoger", 20), [10, 20]) == [0, 0]


def test_discount_is_capped_and_lowers_only_the_evaluation_price() -> None:
    korting = DiscountScoring(per_unit_pct=2, cap_pct=10)
    assert [discount_pct(korting, u) for u in (0, 1, 5, 9)] == [0, 2, 10, 10]
    only_price = ScoringSetup(100, (K,))
    ranked = score_bids(only_price, [Bid("dure", 100, {"TST-G-03": 5}), Bid("goedkope", 95, {"TST-G-03": 0})])
    assert ranked[0].bidder == "dure" and ranked[0].evaluation_price == pytest.approx(90)


def test_weights_sum_leaves_korting_out() -> None:
    assert weight_total(setup()) == 100


def test_equal_totals_share_a_rank() -> None:
    same = [Bid("X", 100, {"TST-G-01": 5}), Bid("Y", 100, {"TST-G-01": 5}), Bid("Z", 200, {"TST-G-01": 5})]
    ranked = score_bids(ScoringSetup(50, (ScoredCriterion("TST-G-01", PointsScoring(10), 50),)), same)
    assert [b.rank for b in ranked] == [1, 1, 3]


def test_a_small_circular_weight_cannot_change_the_winner() -> None:
    circ = ScoredCriterion("TST-G-01", PointsScoring(10), 5)
    ranked = score_bids(ScoringSetup(95, (circ,)), [Bid("circulair", 110, {"TST-G-01": 10}),
                                                     Bid("gewoon", 100, {"TST-G-01": 0})])
    assert ranked[0].bidder == "gewoon"


@pytest.mark.parametrize(("bid", "column", "message"), [
    (Bid("A", 0, {"TST-G-01": 5, "TST-G-02": 30, "TST-G-03": 0}), "prijs", "groter dan 0"),
    (Bid("A", 10, {"TST-G-01": 11, "TST-G-02": 30, "TST-G-03": 0}), "TST-G-01", "niet tussen 0 en 10"),
    (Bid("A", 10, {"TST-G-01": 5, "TST-G-03": 0}), "TST-G-02", "ontbreekt"),
    (Bid("A", 10, {"TST-G-01": 5, "TST-G-02": 30, "TST-G-03": -1}), "TST-G-03", "niet negatief"),
])
def test_unusable_values_name_bid_and_column(bid: Bid, column: str, message: str) -> None:
    with pytest.raises(BidError, match=message) as err:
        score_bids(setup(), [BIDS[0], bid])
    assert (err.value.bid, err.value.column) == (1, column)


def test_example_bids_make_the_circular_bid_win_on_quality() -> None:
    ranked = score_bids(setup(), example_bids(setup()))
    assert len(ranked) == 2 and all(0 <= b.total <= 100 for b in ranked)
    b = next(x for x in ranked if x.bidder == "Inschrijver B")
    assert b.discount_pct == 10 and b.scores["TST-G-01"] == 0.8


def test_example_bids_take_offers_from_the_criterion_and_points_from_its_scale() -> None:
    """The worked example printed -3,5 kg on a 'lager' criterion and 8 points on a {10, 7, 4, 1, 0} scale: the bids
    now use the criterion's own example offers and the scale's anchors."""
    from criteria_library.models import ScoreLevel

    scale = PointsScoring(10, tuple(ScoreLevel(p, f"{p} punten") for p in (10, 7, 4, 1, 0)))
    waste = RelativeScoring("lager", 0.5, example_low=0.25, example_high=0.4)
    years = DiscountScoring(per_unit_pct=2, cap_pct=10, unit="jaar", example_low=1, example_high=3)
    own = ScoringSetup(40, (ScoredCriterion("S", scale, 20), ScoredCriterion("W", waste, 20),
                            ScoredCriterion("Y", years, None)))
    plain, circular = example_bids(own)
    assert (plain.values["S"], circular.values["S"]) == (4, 7)
    assert (plain.values["W"], circular.values["W"]) == (0.4, 0.25)  # less is better: the circular bid offers less
    assert (plain.values["Y"], circular.values["Y"]) == (1, 3)


def test_the_worked_example_of_every_starter_award_criterion_stays_on_its_scale_and_range() -> None:
    """Over the shipped library: points come from the published anchors, measured offers from the criterion's own
    example offers (so never -3,5 kg, an MPG of -3,3 or an index of 20,4 on a 0-1 scale)."""
    from criteria_library.models import Kind
    from criteria_library.starter import starter_pack

    problems = []
    for c in starter_pack().criteria:
        if c.kind != Kind.AWARD or c.scoring is None:
            continue
        plain, circular = example_bids(ScoringSetup(40, (ScoredCriterion(c.id, c.scoring, None if isinstance(
            c.scoring, DiscountScoring) else 20),)))
        values = (plain.values[c.id], circular.values[c.id])
        s = c.scoring
        if isinstance(s, PointsScoring):
            allowed = {lv.points for lv in s.levels}
            if not set(values) <= allowed:
                problems.append(f"{c.id}: points {values} not on the scale {sorted(allowed)}")
        elif set(values) != {s.example_low, s.example_high} or min(values) < 0:
            problems.append(f"{c.id}: offers {values}")
    assert not problems, "\n".join(problems)


# An MKI valued in euros the way Rijkswaterstaat and PIANOo do: (plafond - offered MKI) x factor, at most the cap.
MKI = ScoredCriterion("TST-G-04", DiscountScoring(per_unit_eur=2, cap_eur=240_000, reference=400_000,
                                                  unit="euro MKI"), None)
P40 = ScoredCriterion("TST-G-01", PointsScoring(scale_max=10), 40)  # price 60 + points 40 = 100


def test_mki_in_euros_by_hand_the_lower_mki_wins_on_evaluation_price() -> None:
    bids = [Bid("A", 2_400_000, {"TST-G-01": 6, "TST-G-04": 390_000}),  # 10.000 under the plafond: 20.000 off
            Bid("B", 2_500_000, {"TST-G-01": 6, "TST-G-04": 300_000})]  # 100.000 under: 200.000 off
    by = {b.bidder: b for b in score_bids(ScoringSetup(60, (P40, MKI)), bids)}
    assert by["A"].discount_eur == 20_000 and by["B"].discount_eur == 200_000
    assert by["A"].evaluation_price == 2_380_000 and by["B"].evaluation_price == 2_300_000
    assert by["B"].price_score == 1 and by["A"].price_score == pytest.approx(2_300_000 / 2_380_000)
    assert by["A"].total == 81.98  # 60 x 0,966387 + 0,6 x 40 = 57,98 + 24
    assert by["B"].total == 84.00 and by["B"].rank == 1  # dearer, but its lower MKI makes it the best bid


def test_mki_discount_stops_at_the_cap_and_never_below_zero() -> None:
    bids = [Bid("C", 2_000_000, {"TST-G-01": 6, "TST-G-04": 250_000}),  # 150.000 x 2 = 300.000, capped at 240.000
            Bid("D", 100_000, {"TST-G-01": 6, "TST-G-04": 0})]  # 240.000 off a price of 100.000: 0, not negative
    by = {b.bidder: b for b in score_bids(ScoringSetup(60, (P40, MKI)), bids)}
    assert by["C"].discount_eur == 240_000 and by["C"].evaluation_price == 1_760_000
    assert by["D"].evaluation_price == 0 and by["D"].price_score == 1 and by["C"].price_score == 0


def test_percentages_come_off_first_then_euros() -> None:
    bid = Bid("E", 1_000_000, {"TST-G-01": 6, "TST-G-03": 5, "TST-G-04": 390_000})  # 10 % and 20.000 euro
    (scored,) = score_bids(ScoringSetup(60, (P40, K, MKI)), [bid])
    assert scored.evaluation_price == 880_000  # 1.000.000 x 0,9 - 20.000; the other order would give 882.000


def test_an_mki_above_the_plafond_is_refused_with_its_column() -> None:
    with pytest.raises(BidError, match="boven het plafond 400.000") as caught:
        score_bids(ScoringSetup(60, (P40, MKI)), [Bid("F", 2_000_000, {"TST-G-01": 6, "TST-G-04": 410_000})])
    assert caught.value.column == "TST-G-04"


def test_rank_bids_sets_a_bid_above_the_plafond_apart_and_ranks_the_others_without_it() -> None:
    """Finding m3: the invalid bid's low price must not set the lowest price the others are scored against."""
    valid = [Bid("A", 2_400_000, {"TST-G-01": 6, "TST-G-04": 390_000}, row=2),
             Bid("B", 2_500_000, {"TST-G-01": 6, "TST-G-04": 300_000}, row=4)]
    above = Bid("F", 1_000_000, {"TST-G-01": 6, "TST-G-04": 410_000}, row=3)
    setup = ScoringSetup(60, (P40, MKI))
    ranking = rank_bids(setup, [valid[0], above, valid[1]])
    assert [(b.bidder, b.total) for b in ranking.ranked] == [(b.bidder, b.total) for b in score_bids(setup, valid)]
    (invalid,) = ranking.invalid
    assert (invalid.bidder, invalid.row, invalid.column) == ("F", 3, "TST-G-04")
    assert invalid.reason.startswith("rij 3, kolom TST-G-04: de aanbieding 410.000 ligt boven het plafond 400.000")
    assert invalid.reason_en.startswith("row 3, column TST-G-04: the offer 410.000 lies above the ceiling 400.000")
    assert rank_bids(setup, [above]).ranked == []  # all invalid: nothing ranked, nothing refused


def test_worked_example_bids_take_the_mki_examples_the_circular_bid_the_lower() -> None:
    s = DiscountScoring(per_unit_eur=2, cap_eur=240_000, reference=400_000, example_low=300_000, example_high=380_000)
    cheap, circular = example_bids(ScoringSetup(60, (P40, ScoredCriterion("TST-G-04", s, None))))
    assert cheap.values["TST-G-04"] == 380_000 and circular.values["TST-G-04"] == 300_000


def test_worked_example_follows_a_buyers_plafond_or_floor_that_passes_the_stated_examples() -> None:
    """A buyer's MKI-plafond of 300.000 under the pack's example 380.000 (or a minimum requirement of 60 % above the
    example 40 %) made the export stop with 'ligt boven het plafond'; the example now takes offers that qualify."""
    mki = DiscountScoring(per_unit_eur=2, cap_eur=240_000, reference=300_000, example_low=300_000, example_high=380_000)
    floor = RelativeScoring("hoger", 60, example_low=40, example_high=70)
    setup = ScoringSetup(60, (ScoredCriterion("TST-G-04", mki, None), ScoredCriterion("TST-G-02", floor, 40)))
    cheap, circular = example_bids(setup)
    assert (cheap.values["TST-G-04"], circular.values["TST-G-04"]) == (285_000, 240_000)
    assert (cheap.values["TST-G-02"], circular.values["TST-G-02"]) == (68, 80)
    assert [b.rank for b in score_bids(setup, [cheap, circular])] == [1, 2]  # scored, not refused
