"""How bids become scores: price rules, the three award scoring types, totals on 0-100, and ranking.

The model (stated in the document and in docs/scoring.md):
- evaluation price = price x (1 - sum of the % discounts / 100) - sum of the euro discounts, never below 0
  (fictieve kortingen): a % discount is units x per_unit_pct, at most cap_pct, all together at most 100 %; a euro
  discount (an MKI valued the way Rijkswaterstaat and PIANOo do) is units x per_unit_eur, at most cap_eur, where
  the units are the plafond (reference) minus the offered value;
- price score (0..1) by the tender's rule: `relatief-laagste` = lowest evaluation price / evaluation price;
  `lineair` = (highest - evaluation price) / (highest - lowest), all equal = 1;
  `bandbreedte` = 1 - (evaluation price - lowest) / (lowest x band %), at least 0: fixed in advance, so one
  far-off bid cannot reorder the others as it can under `lineair`;
- `punten`: points given / scale_max; `relatief`: (offer - floor) / (best offer - floor), clipped to 0..1
  (for `lager` mirrored: lower is better, the floor is the worst acceptable value);
- total = price weight x price score + sum(weight x score): weights are percentages, so totals run 0..100.
  Discount criteria carry no weight; they act through the evaluation price.
- the total is rounded to two decimals (half up) before ranking; equal rounded totals are decided by the tender's
  tie rule (tender_parts.TIE_RULES): the higher quality score (total without price points, rounded the same way),
  or the lower evaluation price, and then by drawing lots: bids still equal share a rank and are marked `drawn`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from criteria_library.infra.text import dutch_number, parse_number
from criteria_library.models import (
    Criterion,
    DiscountScoring,
    Kind,
    PointsScoring,
    RelativeScoring,
    Scoring,
    example_offers,
)

from .clauses import resolve, with_tender_floor
from .errors import TenderError
from .tender import DEFAULT_PRICE_RULE, PRICE_RULES, Tender
from .tender_parts import DEFAULT_TIE_RULE

# An award criterion without a scoring type (a version-1 library) is scored as points on this scale.
UNTYPED_SCALE = PointsScoring(scale_max=10)


@dataclass(frozen=True)
class ScoredCriterion:
    """An award criterion as the scoring sees it: id, how it scores, and its weight (None for a discount)."""

    id: str
    scoring: Scoring
    weight: float | None
    title: str = ""


@dataclass(frozen=True)
class ScoringSetup:
    """Everything needed to score bids: price weight and rule, and the award criteria in tender order."""

    price_weight: float
    criteria: tuple[ScoredCriterion, ...]
    price_rule: str = DEFAULT_PRICE_RULE
    price_band_percent: float | None = None  # rule "bandbreedte": price scores 0 this far above the lowest
    tie_rule: str = DEFAULT_TIE_RULE

    @property
    def weighted(self) -> list[ScoredCriterion]:
        """Criteria that carry a weight (punten and relatief)."""
        return [c for c in self.criteria if not isinstance(c.scoring, DiscountScoring)]

    @property
    def discounts(self) -> list[ScoredCriterion]:
        """Criteria that lower the evaluation price (fictieve korting)."""
        return [c for c in self.criteria if isinstance(c.scoring, DiscountScoring)]


@dataclass
class Bid:
    """One (made-up or real) bid: who, the offered price in EUR, and a value per award criterion id."""

    bidder: str
    price: float
    values: dict[str, float] = field(default_factory=dict)
    row: int | None = None  # where the bid was typed or read (file row, table row), for messages that name it


@dataclass
class ScoredBid:
    """A bid with its evaluation price, scores (0..1), weighted points (0..100 scale), total and rank."""

    bidder: str
    price: float
    evaluation_price: float
    discount_pct: float
    price_score: float
    price_points: float
    scores: dict[str, float]
    points: dict[str, float]
    total: float  # rounded to two decimals, as the leidraad states
    rank: int = 0
    quality: float = 0.0  # the total without the price points, rounded the same way: the first tie-breaker
    drawn: bool = False  # equal after the tie rule: the notary's draw decides between the bids sharing this rank
    discount_eur: float = 0.0  # the euro discounts together (taken off after the % discounts)


@dataclass(frozen=True)
class InvalidBid:
    """A bid the tender documents declare invalid (an MKI above the plafond): not ranked, shown with its reason."""

    bidder: str
    price: float
    column: str
    reason: str  # Dutch, names the row (when known), the column and the plafond
    reason_en: str
    row: int | None = None


@dataclass
class Ranking:
    """The outcome of a simulation: the valid bids ranked best first, and the invalid ones in input order."""

    ranked: list[ScoredBid]
    invalid: list[InvalidBid] = field(default_factory=list)


class BidError(TenderError):
    """A bid value the scoring cannot use; `bid` is its index, `column` the criterion id or 'prijs'."""

    def __init__(self, message: str, *, en: str, bid: int, column: str) -> None:
        super().__init__(message, en=en)
        self.bid = bid
        self.column = column


def setup_for(tender: Tender, criteria: Sequence[Criterion], *, strict: bool = False) -> ScoringSetup:
    """The scoring setup of a tender: its award criteria (library objects, in tender order) with their weights.
    strict (the simulator): a factor, cap or plafond the buyer filled in that is not a number is a TenderError."""
    items = []
    for c in criteria:
        if c.kind != Kind.AWARD:
            continue
        c = with_tender_values(tender, with_tender_floor(tender, c), strict=strict)  # floor_from, then values_from
        scoring = c.scoring if c.scoring is not None else UNTYPED_SCALE
        entry = tender.entry(c.id)
        weight = None if isinstance(scoring, DiscountScoring) else float(entry.weight or 0 if entry else 0)
        items.append(ScoredCriterion(c.id, scoring, weight, c.title))
    return ScoringSetup(float(tender.price_weight), tuple(items), tender.price_rule, tender.price_band_percent,
                        tender.tie_rule)


def with_tender_values(tender: Tender, criterion: Criterion, *, strict: bool = False) -> Criterion:
    """The criterion with a korting's factor, cap and plafond (values_from) set to the values the tender gives
    those placeholders, so the leidraad, its worked example and the simulator use the numbers the buyer filled in.
    Amounts may carry '€' ("€ 300.000"); with strict, a value that is no number is a TenderError instead of the
    pack's default (the simulator would otherwise rank with a cap the buyer did not write)."""
    s = criterion.scoring
    if not isinstance(s, DiscountScoring) or not s.values_from:
        return criterion
    changes: dict[str, float] = {}
    for key, name in s.values_from:
        value, _ = resolve(name, tender, criterion)
        number = parse_number(value, currency=True) if value is not None else None
        if strict and number is None and value is not None and value.strip():
            raise TenderError(f"{criterion.id}: '{value}' bij {name} is geen getal; vul een bedrag of getal in "
                              "(bijvoorbeeld 300.000).",
                              en=f"{criterion.id}: '{value}' for {name} is not a number; fill in an amount or "
                                 "number (for example 300,000).")
        if number is not None and number != getattr(s, key):
            changes[key] = number
    return replace(criterion, scoring=replace(s, **changes)) if changes else criterion  # type: ignore[arg-type]


def round_score(value: float) -> float:
    """A score rounded to two decimals, half up (38,885 -> 38,89), as the leidraad states it."""
    return float(Decimal(repr(round(value, 9))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def discount_pct(scoring: DiscountScoring, offer: float) -> float:
    """The notional discount in % for an offer (at most cap_pct; 0 for a discount in euros)."""
    return scoring.discount_pct(offer)


def evaluation_price(price: float, pct: float, eur: float) -> float:
    """Price x (1 - % discounts / 100) - euro discounts: percentages first, then euros, never below 0."""
    return max(price * (1 - min(pct, 100.0) / 100) - eur, 0.0)


def price_scores(evaluation_prices: Sequence[float], rule: str = DEFAULT_PRICE_RULE,
                 band_percent: float | None = None) -> list[float]:
    """Price score (0..1) of each evaluation price under a rule."""
    if rule not in PRICE_RULES:
        raise ValueError(f"unknown price rule {rule!r}")
    if not evaluation_prices:
        return []
    low, high = min(evaluation_prices), max(evaluation_prices)
    if rule == "bandbreedte":
        if band_percent is None or band_percent <= 0:
            raise ValueError("the band price rule needs a percentage")
        if low <= 0:
            return [1.0 if p <= 0 else 0.0 for p in evaluation_prices]
        width = low * band_percent / 100
        return [max(0.0, 1 - (p - low) / width) for p in evaluation_prices]
    if rule == "lineair":
        if high == low:
            return [1.0 for _ in evaluation_prices]
        return [(high - p) / (high - low) for p in evaluation_prices]
    if low <= 0:  # a price discounted to nothing: it alone scores in full
        return [1.0 if p <= 0 else 0.0 for p in evaluation_prices]
    return [low / p for p in evaluation_prices]


def relative_scores(scoring: RelativeScoring, offers: Sequence[float]) -> list[float]:
    """Score (0..1) of each offer against the best one; 0 for all when no offer beats the floor."""
    if not offers:
        return []
    lower = scoring.direction == "lager"
    best = min(offers) if lower else max(offers)
    span = (scoring.floor - best) if lower else (best - scoring.floor)
    if span <= 0:
        return [0.0 for _ in offers]
    floor = scoring.floor
    if lower:
        return [min(1.0, max(0.0, (floor - v) / span)) for v in offers]
    return [min(1.0, max(0.0, (v - floor) / span)) for v in offers]


def _clip(value: float) -> float:
    return min(1.0, max(0.0, value))


def validate_bids(setup: ScoringSetup, bids: Sequence[Bid]) -> None:
    """BidError for the first value the scoring cannot use (names the bid and the column)."""
    isfinite = math.isfinite
    # per criterion: id, the points scale (punten) and whether it is a discount, decided once instead of per value
    rules = [(c.id, c.scoring.scale_max if isinstance(c.scoring, PointsScoring) else None,
              isinstance(c.scoring, DiscountScoring), c.scoring) for c in setup.criteria]
    if setup.price_rule == "bandbreedte" and setup.price_band_percent is None:
        raise BidError("de prijsregel bandbreedte heeft een percentage nodig; vul de bandbreedte in bij de "
                       "aanbesteding", en="the band price rule needs a percentage; fill in the band in the tender",
                       bid=0, column="prijs")
    for i, bid in enumerate(bids):
        if not _finite(bid.price) or bid.price <= 0:
            raise BidError(f"prijs \"{bid.price}\" moet een bedrag groter dan 0 zijn",
                           en=f"price \"{bid.price}\" must be an amount above 0", bid=i, column="prijs")
        values = bid.values
        for cid, scale_max, discount, s in rules:
            value = values.get(cid)
            if value is None:
                raise BidError(f"waarde voor {cid} ontbreekt", en=f"value for {cid} is missing", bid=i, column=cid)
            if not (type(value) is float or _finite(value)) or not isfinite(value):
                raise BidError(f"\"{value}\" is geen getal", en=f"\"{value}\" is not a number", bid=i, column=cid)
            if scale_max is not None and not 0 <= value <= scale_max:
                written, most = dutch_number(value, 6, group_from=10_000), dutch_number(scale_max, 6, group_from=10_000)
                raise BidError(f"{written} punten ligt niet tussen 0 en {most}",
                               en=f"{written} points is not between 0 and {most}", bid=i, column=cid)
            if isinstance(s, PointsScoring) and s.levels and value not in {lv.points for lv in s.levels}:
                allowed = ", ".join(dutch_number(v) for v in sorted({lv.points for lv in s.levels}, reverse=True))
                written = dutch_number(value, 6, group_from=10_000)
                raise BidError(f"{written} punten staat niet op de gepubliceerde schaal ({allowed}); de leidraad laat "
                               "de commissie alleen die punten toekennen", en=f"{written} points is not on the "
                               f"published scale ({allowed}); the tender documents let the committee give only those "
                               "points", bid=i, column=cid)
            if isinstance(s, RelativeScoring) and _beyond_floor(s, value):
                written, floor = dutch_number(value, 6, group_from=10_000), dutch_number(s.floor, 6, group_from=10_000)
                side_nl, side_en = ("boven", "above") if s.direction == "lager" else ("onder", "below")
                raise BidError(f"de aanbieding {written} ligt {side_nl} de ondergrens {floor}; de leidraad geeft zo'n "
                               "aanbieding 0 punten en als de ondergrens de minimumeis is, is de inschrijving "
                               "ongeldig: geef de ondergrens of een betere waarde", en=f"the offer {written} is "
                               f"{side_en} the floor {floor}; the tender documents give such an offer 0 points, and "
                               "where the floor is the minimum requirement the bid is invalid: enter the floor or a "
                               "better value", bid=i, column=cid)
            if discount and value < 0:
                unit, written = s.unit if isinstance(s, DiscountScoring) else "", dutch_number(value, 6, group_from=10_000)
                raise BidError(f"aantal {unit or 'eenheden'} ({written}) mag niet negatief zijn",
                               en=f"number of {unit or 'units'} ({written}) may not be negative", bid=i, column=cid)


def invalid_offer(setup: ScoringSetup, bids: Sequence[Bid]) -> list[BidError | None]:
    """Per bid, why the tender documents make it invalid (an offered MKI above the plafond: it does not meet the
    requirement), or None for a bid that competes; the BidError names the column and the plafond."""
    ceilings = [(c.id, c.scoring) for c in setup.discounts
                if isinstance(c.scoring, DiscountScoring) and c.scoring.reference is not None]
    result: list[BidError | None] = []
    for i, bid in enumerate(bids):
        problem = None
        for cid, s in ceilings:
            value = bid.values.get(cid)
            if value is not None and s.reference is not None and value > s.reference:
                written, most = dutch_number(value, 6, group_from=10_000), dutch_number(s.reference, 6, group_from=10_000)
                problem = BidError(f"de aanbieding {written} ligt boven het plafond {most}: de inschrijving voldoet "
                                   "niet aan de eis", en=f"the offer {written} lies above the ceiling {most}: the bid "
                                   "does not meet the requirement", bid=i, column=cid)
                break
        result.append(problem)
    return result


def rank_bids(setup: ScoringSetup, bids: Sequence[Bid]) -> Ranking:
    """Rank the bids as the committee would: a bid the documents make invalid (an MKI above the plafond) is set
    apart as "ongeldig" with its reason, the others are scored and ranked among themselves. The one simulation of
    `tender simulate` and the simulator window; BidError for a value that cannot be scored at all."""
    validate_bids(setup, bids)
    problems = invalid_offer(setup, bids)
    invalid = [_invalid(bid, problem) for bid, problem in zip(bids, problems, strict=True) if problem is not None]
    valid = [bid for bid, problem in zip(bids, problems, strict=True) if problem is None]
    return Ranking(_score(setup, valid), invalid)


def _invalid(bid: Bid, problem: BidError) -> InvalidBid:
    place_nl = (f"rij {bid.row}, " if bid.row is not None else "") + f"kolom {problem.column}"
    place_en = (f"row {bid.row}, " if bid.row is not None else "") + f"column {problem.column}"
    return InvalidBid(bid.bidder, bid.price, problem.column, f"{place_nl}: {problem.text()}",
                      f"{place_en}: {problem.text('en')}", bid.row)


def _beyond_floor(s: RelativeScoring, value: float) -> bool:
    """True for an offer worse than the floor (the worst acceptable value)."""
    return value > s.floor if s.direction == "lager" else value < s.floor


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def score_bids(setup: ScoringSetup, bids: Sequence[Bid]) -> list[ScoredBid]:
    """Score and rank bids, best first; equal totals share a rank (1, 1, 3). A bid the documents make invalid is a
    BidError here (the worked example must never need one); rank_bids sets such bids apart instead."""
    validate_bids(setup, bids)
    for problem in invalid_offer(setup, bids):
        if problem is not None:
            raise problem
    return _score(setup, bids)


def _score(setup: ScoringSetup, bids: Sequence[Bid]) -> list[ScoredBid]:
    kortingen = [c.scoring for c in setup.discounts if isinstance(c.scoring, DiscountScoring)]
    ids = [c.id for c in setup.discounts]
    discounts = [min(100.0, sum((s.discount_pct(b.values[cid]) for cid, s in zip(ids, kortingen, strict=True)), 0.0))
                 for b in bids]
    euros = [sum((s.discount_eur(b.values[cid]) for cid, s in zip(ids, kortingen, strict=True)), 0.0) for b in bids]
    evaluation = [evaluation_price(b.price, d, e) for b, d, e in zip(bids, discounts, euros, strict=True)]
    price = price_scores(evaluation, setup.price_rule, setup.price_band_percent)
    scores: list[dict[str, float]] = [{} for _ in bids]
    for c in setup.weighted:
        offers = [b.values[c.id] for b in bids]
        if isinstance(c.scoring, RelativeScoring):
            column = relative_scores(c.scoring, offers)
        else:
            scale = c.scoring.scale_max if isinstance(c.scoring, PointsScoring) else 10
            column = [_clip(v / scale) for v in offers]
        for row, value in zip(scores, column, strict=True):
            row[c.id] = value
    result = []
    for i, b in enumerate(bids):
        points = {c.id: (c.weight or 0) * scores[i][c.id] for c in setup.weighted}
        price_points = setup.price_weight * price[i]
        quality = sum(points.values())
        result.append(ScoredBid(b.bidder, b.price, evaluation[i], discounts[i], price[i], price_points,
                                scores[i], points, round_score(price_points + quality), quality=round_score(quality),
                                discount_eur=euros[i]))
    ranked = sorted(result, key=lambda x: tie_key(setup.tie_rule, x))
    for pos, item in enumerate(ranked):
        same = pos > 0 and tie_key(setup.tie_rule, item) == tie_key(setup.tie_rule, ranked[pos - 1])
        item.rank = ranked[pos - 1].rank if same else pos + 1
        if same:
            item.drawn = ranked[pos - 1].drawn = True
    return ranked


def tie_key(rule: str, bid: ScoredBid) -> tuple[float, ...]:
    """Sort key of a scored bid: the rounded total, then the tie rule's criterion (bids with equal keys draw lots)."""
    if rule == "kwaliteit-loting":
        return (-bid.total, -bid.quality)
    if rule == "prijs-loting":
        return (-bid.total, round(bid.evaluation_price, 2))
    return (-bid.total,)


def weight_total(setup: ScoringSetup) -> float:
    """Price weight plus the weights of punten and relatief criteria (should be 100)."""
    return setup.price_weight + sum(c.weight or 0 for c in setup.weighted)


def weights_sum_problem(price_weight: float, total: float) -> tuple[str, str] | None:
    """(Dutch, English) line when the price weight and the award criteria's weights do not add up to 100: the one
    wording for 'tender check', the wizard's findings and the simulator."""
    if total == 100:
        return None
    return (f"de wegingen van prijs ({dutch_number(price_weight)}%) en gunningscriteria tellen op tot "
            f"{dutch_number(total)}% in plaats van 100%", f"the weights of price ({price_weight:g}%) and the award "
            f"criteria add up to {total:g}% instead of 100%")


def example_base_price(setup: ScoringSetup) -> float:
    """The price of the made-up bids: 100.000, or with a korting in euros ten times its largest cap (rounded up to
    a hundred thousand), so an MKI discount is a plausible part of the price, not all of it."""
    caps = [c.scoring.cap_eur for c in setup.discounts
            if isinstance(c.scoring, DiscountScoring) and c.scoring.cap_eur is not None]
    return max(100_000.0, math.ceil(max(caps) * 10 / 100_000) * 100_000.0) if caps else 100_000.0


def example_bids(setup: ScoringSetup, base_price: float | None = None) -> list[Bid]:
    """Two made-up bids for the document's worked example: a cheaper plain one and a dearer circular one (at
    example_base_price unless a price is given, e.g. a fixed budget)."""
    if base_price is None:
        base_price = example_base_price(setup)
    cheap = Bid("Inschrijver A", base_price, {})
    circular = Bid("Inschrijver B", round(base_price * 1.08), {})
    for c in setup.criteria:
        s = c.scoring
        if isinstance(s, PointsScoring):
            cheap.values[c.id], circular.values[c.id] = example_points(s)
        elif isinstance(s, DiscountScoring) and s.reference is not None:
            # values under the plafond, the lower the better: the criterion's own, unless the buyer's plafond lies
            # below them (they would not qualify, and the example could not be computed)
            offers = example_offers(s)
            if offers is None or offers[1] > s.reference:
                offers = (_tidy(s.reference * 0.8), _tidy(s.reference * 0.95))
            cheap.values[c.id], circular.values[c.id] = offers[1], offers[0]
        elif isinstance(s, DiscountScoring) and (offers := example_offers(s)) is not None:
            cheap.values[c.id], circular.values[c.id] = offers  # units offered: the criterion's own plausible ones
        elif isinstance(s, DiscountScoring) and s.in_euros:
            cheap.values[c.id], circular.values[c.id] = 0, 1
        elif isinstance(s, RelativeScoring):
            cheap.values[c.id], circular.values[c.id] = plausible_offers(s)
        else:
            units = math.ceil(s.cap_pct / s.per_unit_pct) if s.per_unit_pct > 0 else 0
            cheap.values[c.id], circular.values[c.id] = 0, units
    return [cheap, circular]


def example_points(s: PointsScoring) -> tuple[float, float]:
    """Points for the plain and the circular example bid: anchors of the published scale near 40 % and 80 %."""
    if not s.levels:
        return round(s.scale_max * 0.4), round(s.scale_max * 0.8)
    anchors = sorted({lv.points for lv in s.levels})
    return (min(anchors, key=lambda p: abs(p - s.scale_max * 0.4)),
            min(anchors, key=lambda p: abs(p - s.scale_max * 0.8)))


def plausible_offers(s: RelativeScoring) -> tuple[float, float]:
    """A modest and a good offer that are physically possible for the criterion: both on the good side of the floor.

    The scoring's own example offers when it states them (numerically low and high); otherwise a fraction scale
    (floor up to 1), a percentage (floor below 100) or a quantity (above the floor by a quarter and a half, or for
    "lager" below it, never below zero).
    """
    stated = example_offers(s)
    if stated is not None and not _beyond_floor(s, stated[0]) and not _beyond_floor(s, stated[1]):
        low, high = stated
        return (high, low) if s.direction == "lager" else (low, high)
    floor = s.floor  # no stated offers, or the tender's floor (floor_from) moved past them
    if s.direction == "lager":
        if floor > 0:
            return _tidy(floor * 0.85), _tidy(floor * 0.6)
        return _tidy(floor - 1), _tidy(floor - 2)
    if 0 < floor < 1:  # an index or fraction on a 0-1 scale
        return _tidy(floor + (1 - floor) * 0.25), _tidy(floor + (1 - floor) * 0.6)
    if 0 <= floor < 100:  # most relative offers are percentages
        return _tidy(floor + (100 - floor) * 0.2), _tidy(floor + (100 - floor) * 0.5)
    return _tidy(floor * 1.25), _tidy(floor * 1.5)


def _tidy(value: float) -> float:
    """An example number a person would write: whole above 10, one decimal above 1, two below."""
    if abs(value) >= 10:
        return float(round(value))
    return round(value, 1) if abs(value) >= 1 else round(value, 2)
