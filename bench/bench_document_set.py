"""The whole document set for a tender with 300 criteria, beside raw python-docx/openpyxl writing the same text.

Each measurement runs in a fresh process, so its peak RSS (resource.getrusage, ru_maxrss) counts everything the
export holds, the documents' XML trees included (tracemalloc would miss lxml's memory). Time is the work inside
that process after its imports. Figures and ratios come from one run of this script; nothing is asserted.

Run: .venv/bin/python bench/bench_document_set.py
"""

from __future__ import annotations

import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

RUNS = 3


def _rss_mb() -> float:
    """This process's peak resident set size in MB (Linux reports KB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def child_ours(outdir: Path) -> None:
    from bench.bench_export import synthetic
    from tender_assistant.documents.document_set import export_set

    tender, library = synthetic()
    export_set(tender, library, outdir)


def _raw_docx(blocks: list) -> bytes:
    from bench.bench_export import raw

    return raw(blocks)


def child_raw(outdir: Path) -> float:
    """The same five files' text with plain library calls: the floor for any exporter built on these libraries."""
    from openpyxl import Workbook

    from bench.bench_export import synthetic
    from tender_assistant.documents.document_set import _numbered as numbered
    from tender_assistant.documents.document_set import borgingsplan_rows, eisenlijst_rows, set_plans

    tender, library = synthetic()
    # The text is computed by our own code and handed over for free: the baseline only writes it.
    plans = set_plans(tender, library)
    criteria = numbered(tender, library)
    questions, award = eisenlijst_rows(tender, criteria)
    plan_rows = borgingsplan_rows(tender, criteria)
    start = time.perf_counter()
    for name, plan in plans.items():
        (outdir / name).write_bytes(_raw_docx([*plan.cover, *plan.body]))
    for name, sheets in (("eisenlijst.xlsx", [questions, award]), ("borgingsplan.xlsx", [plan_rows])):
        wb = Workbook()
        for i, rows in enumerate(sheets):
            ws = wb.active if i == 0 else wb.create_sheet()
            for row in rows:
                ws.append([str(v) if v is not None else None for v in row])
        buf = io.BytesIO()
        wb.save(buf)
        (outdir / name).write_bytes(buf.getvalue())
    return time.perf_counter() - start  # the writing only


def child(kind: str, outdir: str) -> None:
    """Run one export in this fresh process and print its time and peak RSS as JSON."""
    import docx  # noqa: F401 - both sides import the same libraries before the clock starts
    import openpyxl  # noqa: F401

    import tender_assistant.documents.document_set  # noqa: F401

    start = time.perf_counter()
    if kind == "ours":
        child_ours(Path(outdir))
    seconds = time.perf_counter() - start
    if kind == "raw":
        seconds = child_raw(Path(outdir))
    print(json.dumps({"seconds": seconds, "rss_mb": _rss_mb()}))


def run_child(kind: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, __file__, "--child", kind, tmp], capture_output=True, text=True,
                             check=True)
        sizes = sum(p.stat().st_size for p in Path(tmp).iterdir())
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["kb"] = sizes / 1024
    return result


def main() -> None:
    figures: dict[str, list[dict[str, float]]] = {"idle": [], "ours": [], "raw": []}
    for _ in range(RUNS):
        for kind in figures:
            figures[kind].append(run_child(kind))
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    def med(kind: str, key: str) -> float:
        return statistics.median(f[key] for f in figures[kind])

    print(f"document set (3 .docx + 2 .xlsx) for a tender with 300 criteria; fresh process each, median of {RUNS}")
    print(f"  imports only          : peak RSS {med('idle', 'rss_mb'):6.1f} MB")
    print(f"  tender_assistant set  : {med('ours', 'seconds') * 1000:6.0f} ms   peak RSS {med('ours', 'rss_mb'):6.1f} MB"
          f"   ({med('ours', 'kb'):.0f} KB written)")
    print(f"  raw python-docx/xlsx  : {med('raw', 'seconds') * 1000:6.0f} ms   peak RSS {med('raw', 'rss_mb'):6.1f} MB"
          f"   ({med('raw', 'kb'):.0f} KB written; text handed over, plain calls, no styles)")
    extra_ours = med("ours", "rss_mb") - med("idle", "rss_mb")
    extra_raw = med("raw", "rss_mb") - med("idle", "rss_mb")
    print(f"  ratio                 : {med('ours', 'seconds') / med('raw', 'seconds'):6.2f}x time, "
          f"{med('ours', 'rss_mb') / med('raw', 'rss_mb'):.2f}x peak RSS "
          f"({extra_ours:.1f} MB vs {extra_raw:.1f} MB above the imports)")
    print(f"  (largest child's peak RSS by RUSAGE_CHILDREN: {children:.1f} MB)")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
