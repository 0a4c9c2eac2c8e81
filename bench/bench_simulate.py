"""Simulator speed: 1,000 bids x 20 award criteria, read from CSV and scored, against a plain-Python baseline.

The baseline is the least a program must do for the same result: csv.reader, float(), the same formulas in one
loop, one sort. Run: .venv/bin/python bench/bench_simulate.py   (prints figures from one run; asserts nothing)
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from criteria_library.models import DiscountScoring, PointsScoring, RelativeScoring  # noqa: E402
from tender_assistant.scoring import ScoredCriterion, ScoringSetup, score_bids  # noqa: E402
from tender_assistant.simulate import read_bids  # noqa: E402

N_BIDS = 1000
N_CRITERIA = 20


def make_setup() -> ScoringSetup:
    """8 punten, 8 relatief (half hoger, half lager), 4 korting; weights 3 % each, price 52 %."""
    items = []
    for i in range(N_CRITERIA):
        cid = f"BEN-G-{i + 1:02d}"
        if i < 8:
            items.append(ScoredCriterion(cid, PointsScoring(10), 3))
        elif i < 16:
            items.append(ScoredCriterion(cid, RelativeScoring("hoger" if i % 2 else "lager", 50), 3))
        else:
            items.append(ScoredCriterion(cid, DiscountScoring(1.5, 6, "jaar"), None))
    return ScoringSetup(100 - 3 * 16, tuple(items))


def write_bids(path: Path, setup: ScoringSetup) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(["inschrijver", "prijs", *[c.id for c in setup.criteria]])
        for n in range(N_BIDS):
            row = [f"Inschrijver {n}", f"{rng.uniform(80_000, 140_000):.2f}".replace(".", ",")]
            for c in setup.criteria:
                if isinstance(c.scoring, PointsScoring):
                    row.append(str(rng.randint(0, 10)))
                elif isinstance(c.scoring, RelativeScoring):
                    row.append(f"{rng.uniform(0, 100):.1f}".replace(".", ","))
                else:
                    row.append(str(rng.randint(0, 5)))
            out.writerow(row)


def baseline(path: Path, setup: ScoringSetup) -> list[tuple[str, float]]:
    """The same scoring written as one plain loop over csv rows."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    header, body = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    prices, values = [], []
    for r in body:
        prices.append(float(r[1].replace(",", ".")))
        values.append({c.id: float(r[col[c.id]].replace(",", ".")) for c in setup.criteria})
    evaluation = []
    for p, v in zip(prices, values, strict=True):
        disc = 0.0
        for c in setup.criteria:
            if isinstance(c.scoring, DiscountScoring):
                disc += min(v[c.id] * c.scoring.per_unit_pct, c.scoring.cap_pct)
        evaluation.append(p * (1 - min(disc, 100) / 100))
    low = min(evaluation)
    totals = [setup.price_weight * low / e for e in evaluation]
    for c in setup.criteria:
        s = c.scoring
        column = [v[c.id] for v in values]
        if isinstance(s, PointsScoring):
            scores = [x / s.scale_max for x in column]
        elif isinstance(s, RelativeScoring):
            if s.direction == "lager":
                best = min(column)
                scores = [max(0.0, min(1.0, (s.floor - x) / (s.floor - best))) for x in column]
            else:
                best = max(column)
                scores = [max(0.0, min(1.0, (x - s.floor) / (best - s.floor))) for x in column]
        else:
            continue
        totals = [t + (c.weight or 0) * sc for t, sc in zip(totals, scores, strict=True)]
    return sorted(zip([r[0] for r in body], totals, strict=True), key=lambda x: -x[1])


def main() -> None:
    setup = make_setup()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bids.csv"
        write_bids(path, setup)
        start = time.perf_counter()
        ranked = score_bids(setup, read_bids(path, setup))
        ours = time.perf_counter() - start
        start = time.perf_counter()
        plain = baseline(path, setup)
        base = time.perf_counter() - start
    assert [b.bidder for b in ranked[:5]] == [name for name, _ in plain[:5]], "baseline and simulator disagree"
    print(f"simulate {N_BIDS} bids x {N_CRITERIA} criteria (read CSV + score + rank), one run:")
    print(f"  tender_assistant.simulate: {ours * 1000:7.1f} ms")
    print(f"  plain-Python baseline:     {base * 1000:7.1f} ms")
    print(f"  ratio: {ours / base:.1f}x")


if __name__ == "__main__":
    main()
