"""Matching speed: p50/p95 over the evaluation set against the starter library, plus accuracy.

Run: .venv/bin/python bench/bench_matching.py   (prints figures; asserts nothing about time)
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from criteria_library.starter import open_library  # noqa: E402
from tender_assistant.matching import match_packages, matcher_for  # noqa: E402

EVAL = ROOT / "tests" / "data" / "tender_eval.json"
ROUNDS = 5


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_library(Path(folder) / "library.db")
        start = time.perf_counter()
        matcher_for(store)
        build = time.perf_counter() - start
        slugs = {p.slug for p in store.packages()}
        cases = [c for c in json.loads(EVAL.read_text(encoding="utf-8"))["cases"] if c["expected"] in slugs]
        times, top1, top3 = [], 0, 0
        for round_no in range(ROUNDS):
            for case in cases:
                start = time.perf_counter()
                got = [m.package for m in match_packages(store, case["text"], case.get("cpv", []), limit=3)]
                times.append(time.perf_counter() - start)
                if round_no == 0:
                    top1 += got[:1] == [case["expected"]]
                    top3 += case["expected"] in got
        store.close()
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"matching over {len(cases)} evaluation cases x {ROUNDS} ({len(slugs)} packages in the library)")
    print(f"  index build (once per library change): {build * 1000:.0f} ms")
    print(f"  p50 {statistics.median(times) * 1000:.2f} ms   p95 {p95 * 1000:.2f} ms   max {times[-1] * 1000:.2f} ms"
          "   (goal p95 <= 50 ms)")
    print(f"  top-1 {top1 / len(cases):.1%}   top-3 {top3 / len(cases):.1%}")


if __name__ == "__main__":
    main()
