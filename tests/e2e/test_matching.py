"""The matching evaluation: realistic tender titles against the real starter library."""

from __future__ import annotations

import json
from pathlib import Path

from criteria_library.store import LibraryStore
from tender_assistant.matching import match_packages

EVAL = Path(__file__).parents[1] / "data" / "tender_eval.json"


def evaluate(store: LibraryStore) -> tuple[int, float, float, list[str]]:
    """Cases evaluated, top-1 and top-3 accuracy, and the misses (for the report)."""
    slugs = {p.slug for p in store.packages()}
    cases = [c for c in json.loads(EVAL.read_text(encoding="utf-8"))["cases"] if c["expected"] in slugs]
    top1 = top3 = 0
    misses = []
    for case in cases:
        got = [m.package for m in match_packages(store, case["text"], case.get("cpv", []), limit=3)]
        top1 += got[:1] == [case["expected"]]
        top3 += case["expected"] in got
        if got[:1] != [case["expected"]]:
            misses.append(f"{case['text'] or case.get('cpv')}: {got} (verwacht {case['expected']})")
    return len(cases), top1 / len(cases), top3 / len(cases), misses


def test_eval_set_is_large_and_realistic():
    cases = json.loads(EVAL.read_text(encoding="utf-8"))["cases"]
    assert len(cases) >= 60
    assert sum(1 for c in cases if c.get("cpv")) >= 5


def test_top1_accuracy_is_at_least_90_percent(starter_db_template: Path):
    store = LibraryStore.open(starter_db_template, read_only=True)
    try:
        n, top1, top3, misses = evaluate(store)
    finally:
        store.close()
    assert n >= 40, "the starter library should hold most packages"
    assert top1 >= 0.9, "\n".join(misses)
    assert top3 >= 0.95, "\n".join(misses)
