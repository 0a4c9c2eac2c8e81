"""Export speed and memory: a tender with 300 criteria, against raw python-docx writing the same text.

Run: .venv/bin/python bench/bench_export.py   (prints figures; asserts nothing about time)

Memory is each variant's peak RSS in a fresh process (tracemalloc only sees Python allocations and misses lxml's
document tree, which is most of it); a third fresh process that only imports and builds the plan is the floor both
share, so the ratio compares what each export adds on top of it.
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import docx  # noqa: E402

from criteria_library.models import KIND_ORDER, Criterion, Kind, Package  # noqa: E402
from tender_assistant.documents.export import render  # noqa: E402
from tender_assistant.documents.house_style import load_template  # noqa: E402
from tender_assistant.documents.plan import Heading, PageBreak, Paragraph, Table, Toc, build_plan  # noqa: E402
from tender_assistant.tender import Tender, TenderCriterion  # noqa: E402

N_CRITERIA = 300
RUNS = 5
CLAUSE = ("De opdrachtnemer levert gedurende de looptijd van {{looptijd_maanden}} maanden producten waarvan ten minste "
          "{{percentage}}% bestaat uit gerecycled materiaal. De opdrachtnemer neemt afgedankte producten van "
          "{{opdrachtgever}} kosteloos terug en zorgt voor hoogwaardig hergebruik of recycling, met een jaarlijkse "
          "rapportage over de behaalde resultaten en de toegepaste verwerkingsroutes.")


class MemoryLibrary:
    """Just enough of the library API for build_plan."""

    def __init__(self, criteria: list[Criterion]) -> None:
        self._criteria = {c.id: c for c in criteria}

    def package(self, slug: str) -> Package:
        return Package(slug, "Bedrijfskleding en werkkleding", "Workwear")

    def criteria_by_ids(self, ids):
        return {i: self._criteria[i] for i in ids if i in self._criteria}


def synthetic() -> tuple[Tender, MemoryLibrary]:
    """A tender with 300 criteria over the four kinds (30 award criteria so weights stay whole percents)."""
    criteria: list[Criterion] = []
    entries: list[TenderCriterion] = []
    for i in range(N_CRITERIA):
        kind = KIND_ORDER[0] if i < 30 else Kind.AWARD if i < 60 else KIND_ORDER[1] if i < 200 else KIND_ORDER[3]
        cid = f"BEN-{kind.letter}-{i:03d}"
        criteria.append(Criterion(cid, "bedrijfskleding", kind, 1 + i % 3, "R8", f"Criterium {i}: terugname en "
                                  "recycling van afgedankte kleding", "Toelichting.", CLAUSE,
                                  "Bij inschrijving: productblad en verklaring; tijdens de uitvoering: jaarlijkse "
                                  "rapportage met aantallen en verwerkingsroute.", "MRA werkgroep (2024)",
                                  placeholders={"percentage": "20"}, weight_min=1, weight_max=3,
                                  scoring_text="Beoordeling op een schaal van 0 tot 10 door een commissie."))
        entries.append(TenderCriterion(cid, 2 if kind == Kind.AWARD else None))
    tender = Tender(title="Benchmark", organisation="Gemeente Voorbeeld", description="Benchmark.",
                    package="bedrijfskleding", cpv=["18100000-0"], estimated_value_eur=1_000_000,
                    contract_term_months=48, price_weight=40, criteria=entries)
    return tender, MemoryLibrary(criteria)


def ours(tender: Tender, library: MemoryLibrary) -> bytes:
    doc = render(build_plan(tender, library), load_template())
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def raw(blocks: list) -> bytes:
    """The same text written with plain python-docx calls: the floor for any python-docx exporter."""
    doc = docx.Document()
    for b in blocks:
        if isinstance(b, Heading):
            doc.add_heading(f"{b.number} {b.text}", level=b.level)
        elif isinstance(b, Paragraph):
            p = doc.add_paragraph()
            for r in b.runs:
                p.add_run(r.text).bold = r.bold
        elif isinstance(b, Table):
            table = doc.add_table(rows=len(b.rows) + 1, cols=len(b.header))
            for row, values in zip(table.rows, [b.header, *b.rows], strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.paragraphs[0].add_run(value)
        elif isinstance(b, PageBreak):
            doc.add_page_break()
        elif isinstance(b, Toc):
            doc.add_paragraph("Inhoudsopgave")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def measure(fn, *args) -> float:
    """Median seconds over RUNS."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb(variant: str) -> float:
    """Peak resident memory (MB) of a fresh process that runs one export of the variant ('ours', 'raw', 'none')."""
    out = subprocess.run([sys.executable, __file__, "--child", variant], capture_output=True, text=True, check=True)
    return float(out.stdout.split()[-1])


def _own_peak_mb() -> float:
    """This process's peak RSS: VmHWM belongs to the process image (ru_maxrss would carry the parent's over exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def child(variant: str) -> None:
    """One export in this fresh process; prints its peak RSS in MB for the parent."""
    tender, library = synthetic()
    plan = build_plan(tender, library)
    if variant == "ours":
        ours(tender, library)
    elif variant == "raw":
        raw([*plan.cover, *plan.body])
    print(f"{_own_peak_mb():.1f}")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        return
    tender, library = synthetic()
    plan = build_plan(tender, library)
    blocks = [*plan.cover, *plan.body]  # the raw baseline gets its text for free; we count our whole pipeline
    ours(tender, library)  # warm-up: imports, template and CPV list cached
    raw(blocks)
    t_ours, t_raw = measure(ours, tender, library), measure(raw, blocks)
    m_floor, m_ours, m_raw = peak_rss_mb("none"), peak_rss_mb("ours"), peak_rss_mb("raw")
    print(f"export of a tender with {N_CRITERIA} criteria (median of {RUNS}; memory: peak RSS of a fresh process)")
    print(f"  tender_assistant : {t_ours * 1000:7.0f} ms   peak RSS {m_ours:6.1f} MB "
          f"(+{m_ours - m_floor:5.1f} MB)   ({len(ours(tender, library)) // 1024} KB)")
    print(f"  raw python-docx  : {t_raw * 1000:7.0f} ms   peak RSS {m_raw:6.1f} MB (+{m_raw - m_floor:5.1f} MB)")
    print(f"  imports + plan   :            peak RSS {m_floor:6.1f} MB")
    print(f"  ratio            : {t_ours / t_raw:7.2f}x time, {m_ours / m_raw:.2f}x peak RSS, "
          f"{(m_ours - m_floor) / max(m_raw - m_floor, 0.1):.2f}x memory added   (goal <= 1.3x)")


if __name__ == "__main__":
    main()
