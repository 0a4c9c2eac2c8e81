"""Monitoring speed: a year's report over 10,000 records of 35 organisations, and importing 35 organisation
files, each next to a plain-Python baseline over the same data (sqlite3 + csv + dicts, no checks, no dataclasses).

Run: .venv/bin/python bench/bench_monitoring.py   (prints figures; asserts nothing about time)
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from criteria_library.starter import open_library  # noqa: E402
from tender_assistant.monitoring.demo_register import build_records  # noqa: E402
from tender_assistant.monitoring.importer import COLUMNS, import_files  # noqa: E402
from tender_assistant.monitoring.register_store import RegisterStore  # noqa: E402
from tender_assistant.monitoring.rule import CountingRule, summarise  # noqa: E402

ORGANISATIONS = tuple(f"Gemeente {i:02d}" for i in range(1, 34)) + ("Provincie Noord-Holland", "Provincie Flevoland")
YEARS = (2022, 2023, 2024, 2025)
PER_YEAR = 72  # 35 x 4 x 72 = 10,080 records
YEAR = 2025
ROUNDS = 3


def best(fn, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def baseline_report(path: Path) -> dict[str, float]:
    """The same year's euros, straight from SQLite into a loop: the floor any implementation stands on."""
    conn = sqlite3.connect(path)
    scope = circular = 0.0
    for _org, award, value, physical, criteria, override in conn.execute(
            "SELECT organisation, award_date, value_eur, physical, criteria, override FROM records"):
        if not physical or not award or not award.startswith(str(YEAR)):
            continue
        scope += value
        counts = bool(override) if override is not None else any(
            c["r_strategy"] in ("R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9") and not c["marktstandaard"]
            and (c["kind"] != "gunningscriterium" or (c["weight"] or 0) >= 5 or c["scoring_type"] == "fictieve_korting")
            for c in json.loads(criteria))
        circular += value if counts else 0.0
    conn.close()
    return {"in_scope_eur": scope, "circular_eur": circular}


def write_org_files(records, folder: Path) -> list[Path]:
    """One contract list (CSV, ';', Dutch money) per organisation."""
    files = []
    for org in ORGANISATIONS:
        path = folder / f"{org.replace(' ', '_')}.csv"
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, delimiter=";")
            w.writerow(COLUMNS)
            for r in records:
                if r.organisation != org:
                    continue
                crit = " ".join(f"{c.id}={c.weight:g}" if c.weight is not None else c.id for c in r.criteria)
                w.writerow([r.organisation, r.title, r.package, " ".join(r.cpv), r.nature, r.procedure,
                            r.award_date.isoformat() if r.award_date else "",
                            r.start_date.isoformat() if r.start_date else "", r.end_date.isoformat() if r.end_date else "",
                            f"{r.value_eur:,.2f}".replace(",", "#").replace(".", ",").replace("#", "."),
                            "ja" if r.physical else "nee", crit if r.criteria_known else "", "", ""])
        files.append(path)
    return files


def baseline_import(files: list[Path], path: Path) -> int:
    """csv.reader into sqlite3 executemany: no checks, no library lookup, no backup, no duplicate detection."""
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE TABLE IF NOT EXISTS raw ({', '.join(COLUMNS)})")
    n = 0
    with conn:
        for f in files:
            with open(f, encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.reader(fh, delimiter=";"))[1:]
            conn.executemany(f"INSERT INTO raw VALUES ({', '.join('?' * len(COLUMNS))})", rows)
            n += len(rows)
    conn.close()
    return n


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        library = open_library(folder / "library.db")
        records = build_records(library, ORGANISATIONS, YEARS, PER_YEAR, seed=35)
        files = write_org_files(records, folder)

        # import of 35 organisation files into an empty register (one run: a second would add nothing)
        register = RegisterStore.open(folder / "register.db")
        start = time.perf_counter()
        added = import_files(list(files), register, library).added
        import_time = time.perf_counter() - start
        start = time.perf_counter()
        again = import_files(list(files), register, library).added
        again_time = time.perf_counter() - start
        base_import = best(lambda: baseline_import(files, folder / f"raw-{time.perf_counter_ns()}.db"), 1)

        # the year's report over every record, from the register file
        def report():
            with RegisterStore.open(folder / "register.db") as reg:
                return summarise(reg.records(), CountingRule(), YEAR)

        report_time = best(report)
        data = report().to_json()
        base = baseline_report(folder / "register.db")
        base_time = best(lambda: baseline_report(folder / "register.db"))
        register.close()
        library.close()

    print(f"monitoring: {len(records)} records of {len(ORGANISATIONS)} organisations, {len(YEARS)} years")
    print(f"  import 35 files ({added} added):     {import_time * 1000:7.0f} ms   (goal <= 2000 ms)   "
          f"baseline csv+executemany {base_import * 1000:5.0f} ms")
    print(f"  same 35 files again ({again} added): {again_time * 1000:7.0f} ms")
    print(f"  report {YEAR} (load + rule + roll-up): {report_time * 1000:7.0f} ms   (goal <= 1000 ms)   "
          f"baseline sqlite loop {base_time * 1000:5.0f} ms")
    same = abs(data["region"]["in_scope_eur"] - base["in_scope_eur"]) < 1 and \
        abs(data["region"]["circular_eur"] - base["circular_eur"]) < 1
    print(f"  region {YEAR}: in scope € {data['region']['in_scope_eur']:,.0f}, circular € "
          f"{data['region']['circular_eur']:,.0f} (baseline agrees: {'yes' if same else 'NO'})")


if __name__ == "__main__":
    main()
