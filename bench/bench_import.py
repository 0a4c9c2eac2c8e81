"""Import of a 20,000-criterion pack with validation, beside the plainest fast way to store the same rows.

Ours: read_pack (JSON parse and every check) + plan_import + apply_import into a new library, the search index
included (no backup copy, as in bench_library). The baseline: the very rows our import stored, handed over in
memory, written with sqlite-utils insert_all in one transaction (the fastest plain way: insert_all commits every
chunk otherwise) into a plain new file (rollback journal: faster here than our library's WAL), with the same FTS5
index (its definition copied from our file) filled in one statement. Each side runs in a fresh process, so its peak RSS (ru_maxrss) is its own; time is
the work after the imports, wall clock and the process's CPU time (steadier when other work shares the cores). A
run is one of each; the ratio of a run is what counts on a loaded machine.

Run: .venv/bin/python bench/bench_import.py [--criteria 20000] [--runs 3]. Prints figures; asserts nothing.
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

GOAL = 1.6  # issue 24: at most 1.6x the plain insert, validation included


def child_ours(pack_path: Path, db_path: Path) -> tuple[float, float]:
    """Import the pack into a new library; seconds for read + validate + plan + write + index."""
    from criteria_library.pack_import import apply_import, plan_import
    from criteria_library.pack_reading import read_pack
    from criteria_library.store import LibraryStore

    store = LibraryStore.open(db_path)
    store.set_accept_trusted_releases(True)  # the regisseur's own pack: published as it says, as before review
    start, cpu = time.perf_counter(), time.process_time()
    result = apply_import(store, plan_import(store, read_pack(pack_path)), backup=False)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    store.close()
    if result.added == 0:
        raise SystemExit("the import added nothing")
    return seconds, cpu


def child_raw(ours_path: Path, db_path: Path) -> tuple[float, float]:
    """Store the rows our import stored with plain insert_all, and the same FTS5 index; seconds for that."""
    import sqlite3

    from sqlite_utils import Database

    from criteria_library.infra.sqlite_file import sqlite_uri

    source = sqlite3.connect(sqlite_uri(ours_path, mode="ro"), uri=True)
    source.row_factory = sqlite3.Row
    rows = [dict(r) for r in source.execute("SELECT * FROM criteria")]
    fts_sql = source.execute("SELECT sql FROM sqlite_master WHERE name = 'criteria_fts'").fetchone()[0]
    columns = [r[1] for r in source.execute("PRAGMA table_info(criteria_fts)")]
    source.close()
    db = Database(db_path)
    start, cpu = time.perf_counter(), time.process_time()
    with db.atomic():
        db["criteria"].insert_all(rows, pk="id")
        db.execute(fts_sql)
        cols = ", ".join(columns)
        db.execute(f"INSERT INTO criteria_fts (rowid, {cols}) SELECT rowid, {cols} FROM criteria")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    db.close()
    return seconds, cpu


def child(kind: str, source: str, target: str) -> None:
    """Run one side in this fresh process; print its time and peak RSS as JSON."""
    import sqlite_utils  # noqa: F401

    import criteria_library.pack_import  # noqa: F401 - both sides import the same libraries before the clock starts

    run = child_ours if kind == "ours" else child_raw
    seconds, cpu = run(Path(source), Path(target))
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_mb": peak_rss_mb()}))


def run_child(kind: str, source: Path, target: Path) -> dict[str, float]:
    """One side in a fresh process: its figures."""
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(source), str(target)], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    from bench.synthetic import synthetic_pack

    parser = argparse.ArgumentParser()
    parser.add_argument("--criteria", type=int, default=20_000)
    parser.add_argument("--packages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ta-bench-import-") as tmp:
        work = Path(tmp)
        pack_path = work / "pack.json"
        pack_path.write_text(json.dumps(synthetic_pack(args.criteria, args.packages), ensure_ascii=False),
                             encoding="utf-8")
        print(f"import of {args.criteria} criteria over {args.packages} packages "
              f"({pack_path.stat().st_size / 2**20:.1f} MB JSON); fresh process per side, {args.runs} runs")
        ratios: list[float] = []
        cpu_ratios: list[float] = []
        for run in range(1, args.runs + 1):
            ours_db, raw_db = work / f"lib-{run}.db", work / f"raw-{run}.db"
            ours = run_child("ours", pack_path, ours_db)
            raw = run_child("raw", ours_db, raw_db)
            ratios.append(ours["seconds"] / raw["seconds"])
            cpu_ratios.append(ours["cpu"] / raw["cpu"])
            print(f"  run {run}: import {ours['seconds'] * 1000:6.0f} ms (CPU {ours['cpu'] * 1000:5.0f} ms, peak RSS "
                  f"{ours['rss_mb']:4.0f} MB)   insert_all + FTS {raw['seconds'] * 1000:6.0f} ms (CPU "
                  f"{raw['cpu'] * 1000:5.0f} ms, peak RSS {raw['rss_mb']:4.0f} MB)   ratio {ratios[-1]:4.2f}x "
                  f"(CPU {cpu_ratios[-1]:4.2f}x)")
            for path in (ours_db, raw_db):
                for extra in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                    extra.unlink(missing_ok=True)
        print(f"  median ratio {statistics.median(ratios):4.2f}x (CPU time {statistics.median(cpu_ratios):4.2f}x)   "
              f"goal <= {GOAL}x")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        main()
