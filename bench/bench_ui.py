"""UI benchmark: cold start and memory of the main window, and search-as-you-type latency at 20k criteria.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_ui.py [--criteria 20000] [--runs 5]
Prints figures and ratios against a bare PySide6 window that opens the same database; asserts nothing about time.

- cold start: wall time from launching a fresh interpreter until the main window has painted once (median of runs),
  beside the same for a bare QMainWindow + QTableView + LibraryStore.open on the same file; peak RSS of each.
- keystroke latency: per typed character, the time from the key event until the UI thread is idle again with the
  search field repainted (what the user feels while typing), p50/p95; and the time until the table shows the
  results of the last keystroke (debounce + background query + repaint).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import os, sys, time, resource
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from PySide6.QtWidgets import QApplication
mode, db = sys.argv[1], sys.argv[2]
app = QApplication([])
if mode == "bare":
    from PySide6.QtWidgets import QMainWindow, QTableView
    from criteria_library.starter import open_library
    store = open_library(db)
    window = QMainWindow()
    window.setCentralWidget(QTableView())
else:
    from ui import i18n
    from ui.main_window import MainWindow
    from ui.settings import AppSettings
    from criteria_library.starter import open_library
    settings = AppSettings()
    i18n.install(app, "nl")
    store = open_library(db)
    window = MainWindow(store, settings)
window.resize(1366, 768)
window.show()
window.repaint()  # a synchronous paint of the whole window: what the user first sees
elapsed = time.perf_counter() - t0
app.processEvents()
if mode != "bare":  # until the table and the package counts are filled in
    while window.criteria_model.rowCount() == 0 or not window.packages_model.counted():
        app.processEvents()
        time.sleep(0.0005)
    window.repaint()
filled = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{{elapsed:.4f}} {{filled:.4f}} {{rss:.1f}}")
"""


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def build_library(path: Path, criteria: int) -> None:
    from bench.synthetic import synthetic_pack
    from criteria_library.pack_import import apply_import, plan_import
    from criteria_library.pack_reading import pack_from_dict
    from criteria_library.store import LibraryStore

    store = LibraryStore.open(path)
    pack = pack_from_dict(synthetic_pack(criteria=criteria))
    store.set_accept_trusted_releases(True)  # the regisseur's own pack: published as it says
    apply_import(store, plan_import(store, pack), backup=False)
    store.close()


def cold_start(mode: str, db: Path, runs: int, home: Path) -> tuple[float, float, float, float]:
    """Median wall time (s) from launch to first paint, in-process time to first paint and to a filled table,
    max RSS (MB)."""
    script = CHILD.format(root=str(ROOT))
    walls, inner, filled, rss = [], [], [], []
    env = dict(os.environ, TENDER_ASSISTANT_HOME=str(home), QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM",
                                                                                           "offscreen"))
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", script, mode, str(db)], capture_output=True, text=True,
                             env=env, check=True).stdout.split()
        inner.append(float(out[-3]))
        filled.append(float(out[-2]))
        rss.append(float(out[-1]))
        # launch to first paint = process wall time minus the part spent after the first paint
        walls.append(time.perf_counter() - start - (filled[-1] - inner[-1]))
    return statistics.median(walls), statistics.median(inner), statistics.median(filled), max(rss)


def keystroke_latency(db: Path, queries: list[str]) -> tuple[list[float], list[float]]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from criteria_library.starter import open_library
    from ui.main_window import MainWindow
    from ui.settings import AppSettings

    app = QApplication.instance() or QApplication([])
    store = open_library(db)
    window = MainWindow(store, AppSettings())
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    per_key: list[float] = []
    to_results: list[float] = []
    for query in queries:
        window.search_edit.clear()
        window.queries.wait()
        app.processEvents()
        for ch in query:
            start = time.perf_counter()
            QTest.keyClick(window.search_edit, ch)
            window.search_edit.repaint()
            app.processEvents()
            per_key.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        deadline = start + 5
        while time.perf_counter() < deadline:
            app.processEvents()
            last = window.queries.last_query
            if last is not None and last.text == query and not window.queries.timer.isActive() \
                    and window.queries.pool.activeThreadCount() == 0:
                app.processEvents()
                window.table.viewport().repaint()
                break
            time.sleep(0.001)
        to_results.append((time.perf_counter() - start) * 1000)
    window.queries.close()
    window.close()
    store.close()
    _ = Qt
    return per_key, to_results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--criteria", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="ta-bench-ui-"))
    os.environ["TENDER_ASSISTANT_HOME"] = str(work / "home")
    from criteria_library.starter import open_library

    starter = work / "starter.db"
    open_library(starter).close()
    big = work / "big.db"
    t = time.perf_counter()
    build_library(big, args.criteria)
    print(f"built a {args.criteria}-criterion library in {time.perf_counter() - t:.1f} s")

    for label, db in (("starter library", starter), (f"{args.criteria} criteria", big)):
        bare_wall, bare_in, _bare_filled, bare_rss = cold_start("bare", db, args.runs, work / "home")
        app_wall, app_in, app_filled, app_rss = cold_start("app", db, args.runs, work / "home")
        print(f"cold start, {label}: app to first paint {app_wall * 1000:.0f} ms (in-process {app_in * 1000:.0f} ms, "
              f"table and counts filled at {app_filled * 1000:.0f} ms), bare PySide6 window + open db "
              f"{bare_wall * 1000:.0f} ms (in-process {bare_in * 1000:.0f} ms); ratio to first paint "
              f"{app_wall / bare_wall:.2f}x, to filled table {(app_wall - app_in + app_filled) / bare_wall:.2f}x "
              f"(goal <= 1.3x)")
        print(f"peak RSS, {label}: app {app_rss:.0f} MB, bare {bare_rss:.0f} MB (goal <= 200 MB)")

    queries = ["kleding", "hergebruik", "terugname", "refurbsihed", "bureaustoel", "reparatie garantie",
               "modulair", "verpakking", "aluminium", "materialenpaspoort"]
    per_key, to_results = keystroke_latency(big, queries)
    print(f"keystroke to repaint, {args.criteria} criteria ({len(per_key)} keys): p50 {percentile(per_key, 50):.1f} ms, "
          f"p95 {percentile(per_key, 95):.1f} ms, max {max(per_key):.1f} ms (goal p95 <= 16 ms)")
    print(f"last keystroke to results shown: p50 {percentile(to_results, 50):.0f} ms, "
          f"p95 {percentile(to_results, 95):.0f} ms (includes the {60} ms typing pause)")


if __name__ == "__main__":
    main()
