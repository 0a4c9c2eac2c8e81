"""The rules the leidraad states and the simulator applies alike: bandbreedte, rounding, equal scores, the
published scale and the floor, and example values a bid could really offer."""

from __future__ import annotations

import pytest

from criteria_library.models import PointsScoring, RelativeScoring, ScoreLevel
from tender_assistant.scoring import (
    Bid,
    BidError,
    ScoredCriterion,
    ScoringSetup,
    example_points,
    plausible_offers,
    price_scores,
    round_score,
    score_bids,
)

SCALE = PointsScoring(10, tuple(ScoreLevel(p) for p in (10, 7, 4, 1, 0)))
Q = ScoredCriterion("TST-G-01", PointsScoring(10), 50)


def test_bandbreedte_gives_zero_at_the_stated_percentage_above_the_lowest():
    assert price_scores([100_000, 110_000, 120_000, 130_000], "bandbreedte", 20) == [1, 0.5, 0, 0]


def test_a_far_off_bid_reorders_the_others_under_lineair_but_not_under_bandbreedte():
    quality = ScoredCriterion("TST-G-01", PointsScoring(10), 40)
    bids = [Bid("Goedkoop", 100_000, {"TST-G-01": 2}), Bid("Circulair", 120_000, {"TST-G-01": 9})]
    far = Bid("Ver weg", 2_000_000, {"TST-G-01": 0})

    def winner(rule: str, with_far: bool) -> str:
        setup = ScoringSetup(60, (quality,), rule, price_band_percent=50)
        return score_bids(setup, bids + ([far] if with_far else []))[0].bidder

    assert (winner("lineair", False), winner("lineair", True)) == ("Goedkoop", "Circulair")
    assert winner("bandbreedte", False) == winner("bandbreedte", True)
    assert winner("relatief-laagste", False) == winner("relatief-laagste", True)


def test_totals_are_rounded_half_up_to_two_decimals():
    assert round_score(38.885) == 38.89 and round_score(38.884999) == 38.88 and round_score(40) == 40.0


@pytest.mark.parametrize("rule, first, drawn", [("kwaliteit-loting", "Kwaliteit", False),
                                                  ("prijs-loting", "Prijs", False),
                                                  ("loting", None, True)])
def test_equal_totals_are_decided_by_the_tie_rule(rule, first, drawn):
    # Prijs: 50 x 1 + 50 x 0.2 = 60; Kwaliteit: 50 x 0.8 (100/125) + 50 x 0.4 = 60: equal totals
    setup = ScoringSetup(50, (Q,), tie_rule=rule)
    ranked = score_bids(setup, [Bid("Prijs", 100, {"TST-G-01": 2}), Bid("Kwaliteit", 125, {"TST-G-01": 4})])
    assert ranked[0].total == ranked[1].total == 60
    assert [b.drawn for b in ranked] == [drawn, drawn]
    if first is None:
        assert ranked[0].rank == ranked[1].rank == 1
    else:
        assert ranked[0].bidder == first and [b.rank for b in ranked] == [1, 2]


def test_points_off_the_published_scale_are_refused_naming_bid_and_criterion():
    setup = ScoringSetup(50, (ScoredCriterion("TST-G-01", SCALE, 50),))
    with pytest.raises(BidError) as info:
        score_bids(setup, [Bid("A", 100, {"TST-G-01": 7}), Bid("B", 100, {"TST-G-01": 8})])
    assert (info.value.bid, info.value.column) == (1, "TST-G-01")
    assert "8 punten staat niet op de gepubliceerde schaal (10, 7, 4, 1, 0)" in str(info.value)


@pytest.mark.parametrize("scoring, offer", [(RelativeScoring("hoger", 20), 19.5), (RelativeScoring("lager", 5), 5.5)])
def test_an_offer_worse_than_the_floor_is_refused(scoring, offer):
    setup = ScoringSetup(50, (ScoredCriterion("TST-G-02", scoring, 50),))
    with pytest.raises(BidError) as info:
        score_bids(setup, [Bid("A", 100, {"TST-G-02": offer})])
    assert info.value.column == "TST-G-02" and "ondergrens" in str(info.value)


def test_example_points_are_anchors_of_the_published_scale():
    low, high = example_points(SCALE)
    assert {low, high} <= {10, 7, 4, 1, 0} and low < high
    assert example_points(PointsScoring(10)) == (4, 8)


@pytest.mark.parametrize("scoring, low_bound, high_bound", [
    (RelativeScoring("lager", 5), 0, 5),  # kg waste per participant: never negative (was -3,5)
    (RelativeScoring("lager", 1.0), 0, 1.0),  # MPG: never negative (was -3,3)
    (RelativeScoring("hoger", 0.5), 0.5, 1),  # a disassembly index on 0-1 (was 20,4)
    (RelativeScoring("hoger", 20), 20, 100),  # a percentage
    (RelativeScoring("hoger", 150), 150, 1000),  # a quantity above 100
])
def test_plausible_offers_are_possible_and_better_than_the_floor(scoring, low_bound, high_bound):
    a, b = plausible_offers(scoring)
    assert low_bound <= min(a, b) and max(a, b) <= high_bound
    assert (b < a) if scoring.direction == "lager" else (b > a)
