"""`library check` on a 20,000-criterion library, beside SQLite's own PRAGMA integrity_check of the same file.

The library is made once (an import of the synthetic pack). Each run is a fresh process that opens it and times
check_library (every check the command runs) and, on a connection of its own, PRAGMA integrity_check; the ratio of
a run is what counts on a loaded machine. Peak RSS is that process's (ru_maxrss).

Run: .venv/bin/python bench/bench_check.py [--criteria 20000] [--runs 3]. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import peak_rss_mb  # noqa: E402

GOAL = 5.0  # issue 24: at most 5x PRAGMA integrity_check


def child(db_path: str) -> None:
    """Time the check and the plain integrity check of one file in this fresh process; print JSON."""
    import sqlite3

    from criteria_library.integrity import check_library
    from criteria_library.store import LibraryStore

    conn = sqlite3.connect(db_path)
    start, cpu = time.perf_counter(), time.process_time()
    result = conn.execute("PRAGMA integrity_check").fetchall()
    raw, raw_cpu = time.perf_counter() - start, time.process_time() - cpu
    conn.close()
    store = LibraryStore.open(db_path)
    start, cpu = time.perf_counter(), time.process_time()
    report = check_library(store)
    ours, ours_cpu = time.perf_counter() - start, time.process_time() - cpu
    store.close()
    print(json.dumps({"ours": ours, "raw": raw, "ours_cpu": ours_cpu, "raw_cpu": raw_cpu,
                      "ok": report.ok and result == [("ok",)],
                      "checked": report.checked_criteria, "rss_mb": peak_rss_mb()}))


def main() -> None:
    from bench.synthetic import synthetic_pack
    from criteria_library.pack_import import apply_import, plan_import
    from criteria_library.pack_reading import read_pack
    from criteria_library.store import LibraryStore

    parser = argparse.ArgumentParser()
    parser.add_argument("--criteria", type=int, default=20_000)
    parser.add_argument("--packages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ta-bench-check-") as tmp:
        pack_path, db_path = Path(tmp) / "pack.json", Path(tmp) / "lib.db"
        pack_path.write_text(json.dumps(synthetic_pack(args.criteria, args.packages), ensure_ascii=False),
                             encoding="utf-8")
        with LibraryStore.open(db_path) as store:
            store.set_accept_trusted_releases(True)
            apply_import(store, plan_import(store, read_pack(pack_path)), backup=False)
        print(f"library check of {args.criteria} criteria ({db_path.stat().st_size / 2**20:.0f} MB file); "
              f"fresh process per run, {args.runs} runs")
        ratios: list[float] = []
        cpu_ratios: list[float] = []
        for run in range(1, args.runs + 1):
            out = subprocess.run([sys.executable, __file__, "--child", str(db_path)], capture_output=True, text=True,
                                 check=True)
            fig = json.loads(out.stdout.strip().splitlines()[-1])
            ratios.append(fig["ours"] / fig["raw"])
            cpu_ratios.append(fig["ours_cpu"] / fig["raw_cpu"])
            print(f"  run {run}: library check {fig['ours'] * 1000:6.0f} ms (CPU {fig['ours_cpu'] * 1000:5.0f} ms; "
                  f"{fig['checked']} criteria, {'ok' if fig['ok'] else 'PROBLEMS'})   PRAGMA integrity_check "
                  f"{fig['raw'] * 1000:5.0f} ms (CPU {fig['raw_cpu'] * 1000:4.0f} ms)   ratio {ratios[-1]:5.2f}x "
                  f"(CPU {cpu_ratios[-1]:5.2f}x)   peak RSS {fig['rss_mb']:4.0f} MB")
        print(f"  median ratio {statistics.median(ratios):5.2f}x (CPU time {statistics.median(cpu_ratios):5.2f}x)   "
              f"goal <= {GOAL}x")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
