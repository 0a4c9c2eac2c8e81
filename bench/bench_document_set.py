"""The whole document set for a tender with 300 criteria, beside raw python-docx/openpyxl writing the same content.

The baseline gets the content computed by our own code for free and writes the same seven files with plain library
calls: the same paragraphs in the same template and styles, tables at the same widths with the same header rows,
the same sheets with the same cell styles, each file flushed to disk as the exporter does. What it leaves out is
small (the cover's fields, page numbers, document properties, the set written as one swap).

Each measurement runs in a fresh process, so its peak RSS (resource.getrusage, ru_maxrss) counts everything the
export holds, the documents' XML trees included (tracemalloc would miss lxml's memory). Time is the work inside
that process after its imports. Figures and ratios come from one run of this script; nothing is asserted.

Run: .venv/bin/python bench/bench_document_set.py
"""

from __future__ import annotations

import io
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import peak_rss_mb  # noqa: E402

RUNS = 3


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    """Wall and CPU seconds since start: on a shared machine the CPU time is the steadier of the two."""
    return time.perf_counter() - start[0], time.process_time() - start[1]


def child_ours(outdir: Path) -> tuple[float, float]:
    from bench.bench_export import synthetic
    from tender_assistant.documents.document_set import export_set

    tender, library = synthetic()
    start = _now()
    export_set(tender, library, outdir)
    return _since(start)


def _raw_docx(plan) -> bytes:
    """A plan written with plain python-docx calls into the same house-style template: the same paragraphs in the
    same styles, the same run emphasis and gap highlights, the tables in the table style at the same column widths
    with a shaded, repeated, bold header row, the contents field with its heading lines, the page breaks."""
    import docx
    from docx.enum.text import WD_COLOR_INDEX
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Emu

    from tender_assistant.documents.house_style import DEFAULT_TEMPLATE
    from tender_assistant.documents.plan import Heading, PageBreak, Paragraph, Style, Table, Toc
    from tender_assistant.documents.renderer import HEADER_SHADE, column_widths, heading_label
    from tender_assistant.documents.styles import SPECS

    doc = docx.Document(str(DEFAULT_TEMPLATE))
    # Style ids looked up once and set on the paragraph element: python-docx's style= argument looks the style up
    # and compares it with the default style on every paragraph, which no writer in a hurry would pay for.
    ids = {logical: doc.styles[spec.name].style_id for logical, spec in SPECS.items()}

    def paragraph(style: Style, text: str = ""):
        p = doc.add_paragraph(text)
        if style != Style.BODY:  # the default paragraph style needs no mention
            p._p.style = ids[style]
        return p

    section = doc.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin

    def field_char(p, kind: str) -> None:
        fc = OxmlElement("w:fldChar")
        fc.set(qn("w:fldCharType"), kind)
        p.add_run()._r.append(fc)

    for b in [*plan.cover, *plan.body]:
        if isinstance(b, Heading):
            paragraph(Style.HEADING_1 if b.level == 1 else Style.HEADING_2, heading_label(b, False))
        elif isinstance(b, Paragraph):
            p = paragraph(b.style)
            for r in b.runs:
                run = p.add_run(r.text)
                if r.bold:
                    run.bold = True
                if r.italic:
                    run.italic = True
                if r.gap:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            if b.keep_with_next:
                p.paragraph_format.keep_with_next = True
        elif isinstance(b, Table):
            rows = [b.header, *b.rows] if b.show_header else b.rows
            table = doc.add_table(rows=len(rows), cols=len(b.header))
            table._tbl.tblPr.style = ids[Style.TABLE]
            table.autofit = False
            widths = [Emu(w) for w in column_widths(b.widths, rows, int(text_width))]
            for i, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
                header = b.show_header and i == 0
                tr_pr = row._tr.get_or_add_trPr()
                tr_pr.append(OxmlElement("w:cantSplit"))
                if header:
                    tr_pr.append(OxmlElement("w:tblHeader"))
                for j, (cell, value, w) in enumerate(zip(row.cells, values, widths, strict=True)):
                    cell.width = w
                    p = cell.paragraphs[0]
                    p.paragraph_format.space_after = 0
                    run = p.add_run(value)
                    if header or (b.bold_last_row and i == len(rows) - 1) or (not b.show_header and j == 0):
                        run.bold = True
                    if header:
                        shd = OxmlElement("w:shd")
                        shd.set(qn("w:val"), "clear")
                        shd.set(qn("w:fill"), HEADER_SHADE)
                        cell._tc.get_or_add_tcPr().append(shd)
            doc.add_paragraph()
        elif isinstance(b, Toc):
            p = doc.add_paragraph()
            field_char(p, "begin")
            instr = OxmlElement("w:instrText")
            instr.text = ' TOC \\o "1-2" \\h \\z \\u '
            p.add_run()._r.append(instr)
            field_char(p, "separate")
            for i, h in enumerate(plan.headings()):
                if i > 0:
                    p = doc.add_paragraph()
                p.add_run(heading_label(h, False))
            field_char(p, "end")
        elif isinstance(b, PageBreak):
            doc.add_page_break()
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _raw_sheet(wb, title: str, header: list, rows: list, widths: list[int], first: bool = False):
    """One sheet with plain openpyxl calls: the same cells, wrapped at the top, a bold shaded header, the same column
    widths, frozen header row and filter."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    wrap, bold, fill = Alignment(wrap_text=True, vertical="top"), Font(bold=True), PatternFill("solid", fgColor="D9E2F3")
    for row in [header, *rows]:
        ws.append(list(row))
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = wrap
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    return ws


def _durable(path: Path, data: bytes) -> None:
    """Write a file and flush it to disk, as the exporter does with each file of the set."""
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def child_raw(outdir: Path) -> tuple[float, float]:
    """The same seven files' content with plain library calls: the floor for any exporter built on these libraries."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, Protection

    from bench.bench_export import synthetic
    from tender_assistant.documents import document_set as ds
    from tender_assistant.documents.invulhulp import AMOUNT_FIELDS, COLUMNS, SHEET, code_lists, invulhulp_rows
    from tender_assistant.monitoring.report import MONEY_FORMAT

    tender, library = synthetic()
    # The content is computed by our own code and handed over for free: the baseline only writes it.
    plans = ds.set_plans(tender, library)
    criteria = ds._numbered(tender, library)
    questions, award = ds.eisenlijst_rows(tender, criteria)
    award = ds._price_rows(tender) + award
    plan_rows = ds.borgingsplan_rows(tender, criteria)
    package = plans[ds.LEIDRAAD].fields.get("inkooppakket", "")
    supplier = [[tender.title, tender.organisation, package, year, indicator, unit, None, ""]
                for year in range(1, math.ceil((tender.max_term_months() or 12) / 12) + 1)
                for indicator, unit in ds.SUPPLIER_INDICATORS]
    hulp_rows = invulhulp_rows(tender, criteria)
    hulp = [r.cells() for r in hulp_rows]
    amounts = [i for i, r in enumerate(hulp_rows, start=2) if r.bt in AMOUNT_FIELDS and isinstance(r.value, int | float)]
    data = code_lists()
    lists = [[name, info["version"], f"eForms SDK {data['sdk_version']}: {info['file']}"]
             for name, info in data["lists"].items()] + [["bron", data["sdk_version"], data["source"]]]
    notes = ds.price_form_notes(tender)
    start = _now()
    for name, plan in plans.items():
        _durable(outdir / name, _raw_docx(plan))
    # The sheets' headers as the exporter writes them (a header is a few words; the rows are the content).
    books = {
        ds.EISENLIJST: [("Eisen", ["Nr.", "Soort", "Onderwerp", "Vraag aan de inschrijver", "Antwoordtype",
                                   "Bewijsmiddel", "Moment", "Kenmerk"], questions, [7, 16, 30, 70, 11, 50, 20, 12]),
                        ("Gunningscriteria", ["Nr.", "Criterium", "Wat de inschrijver beschrijft of aanbiedt",
                                              "Beoordeling", "Beoordelingstype", "Weging (%)", "Bewijsmiddel",
                                              "Kenmerk", "Moment"], award, [7, 30, 60, 50, 16, 11, 45, 12, 20])],
        ds.BORGINGSPLAN: [("Borgingsplan", ["Nr.", "Soort", "Criterium", "Wat wordt gecontroleerd", "Bewijsmiddel",
                                            "Wanneer", "Door wie", "Gevolg bij niet voldoen", "Kenmerk"], plan_rows,
                           [7, 16, 30, 60, 50, 22, 20, 40, 12]),
                          (ds.SUPPLIER_SHEET, ds.SUPPLIER_COLUMNS, supplier, [34, 24, 22, 12, 44, 9, 10, 40])],
        ds.INVULHULP: [(SHEET, COLUMNS, hulp, [8, 26, 9, 38, 11, 34, 60, 50]),
                       ("Codelijsten", ["Codelijst", "Versie", "Bron"], lists, [26, 14, 90])],
    }
    for name, sheets in books.items():
        wb = Workbook()
        for i, (title, header, rows, widths) in enumerate(sheets):
            ws = _raw_sheet(wb, title, header, rows, widths, first=i == 0)
            if title == SHEET:
                for row in amounts:
                    ws.cell(row, COLUMNS.index("In te vullen") + 1).number_format = MONEY_FORMAT
        buf = io.BytesIO()
        wb.save(buf)
        _durable(outdir / name, buf.getvalue())
    wb = Workbook()
    ws = _raw_sheet(wb, "Prijsformulier", ds.PRICE_COLUMNS, [[i] for i in range(1, ds.PRICE_POSTS + 1)],
                    [7, 50, 14, 14, 18, 18], first=True)
    last = ds.PRICE_POSTS + 1
    for row in range(2, last + 1):
        ws.cell(row, 6).value = f"=D{row}*E{row}"
        ws.cell(row, 5).protection = Protection(locked=False)
    ws.cell(last + 1, 2, ds.PRICE_TOTAL).font = Font(bold=True)
    ws.cell(last + 1, 6, f"=SUM(F2:F{last})").font = Font(bold=True)
    for row, note in enumerate(notes, start=last + 3):
        ws.cell(row, 2, note)
    ws.protection.sheet = True
    buf = io.BytesIO()
    wb.save(buf)
    _durable(outdir / ds.PRIJSFORMULIER, buf.getvalue())
    return _since(start)  # the writing only


def child_text(outdir: Path) -> tuple[float, float]:
    """The issue's first baseline, kept for comparison: only the text of five files (3 .docx, 2 .xlsx) written with
    the fewest calls, no styles, no widths, not flushed to disk."""
    from openpyxl import Workbook

    from bench.bench_export import raw, synthetic
    from tender_assistant.documents import document_set as ds

    tender, library = synthetic()
    plans = ds.set_plans(tender, library)
    criteria = ds._numbered(tender, library)
    questions, award = ds.eisenlijst_rows(tender, criteria)
    plan_rows = ds.borgingsplan_rows(tender, criteria)
    start = _now()
    for name, plan in plans.items():
        (outdir / name).write_bytes(raw([*plan.cover, *plan.body]))
    for name, sheets in ((ds.EISENLIJST, [questions, award]), (ds.BORGINGSPLAN, [plan_rows])):
        wb = Workbook()
        for i, rows in enumerate(sheets):
            ws = wb.active if i == 0 else wb.create_sheet()
            for row in rows:
                ws.append([str(v) if v is not None else None for v in row])
        buf = io.BytesIO()
        wb.save(buf)
        (outdir / name).write_bytes(buf.getvalue())
    return _since(start)


def child(kind: str, outdir: str) -> None:
    """Run one export in this fresh process and print its time and peak RSS as JSON."""
    import docx  # noqa: F401 - both sides import the same libraries before the clock starts
    import openpyxl  # noqa: F401

    import tender_assistant.documents.document_set  # noqa: F401

    seconds = (0.0, 0.0)
    if kind == "ours":
        seconds = child_ours(Path(outdir))
    elif kind == "raw":
        seconds = child_raw(Path(outdir))
    elif kind == "text":
        seconds = child_text(Path(outdir))
    print(json.dumps({"seconds": seconds[0], "cpu": seconds[1], "rss_mb": peak_rss_mb()}))


def run_child(kind: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, __file__, "--child", kind, tmp], capture_output=True, text=True,
                             check=True)
        sizes = sum(p.stat().st_size for p in Path(tmp).iterdir())
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["kb"] = sizes / 1024
    return result


def check_figures(runs: int = 7) -> dict[str, list[float]]:
    """`tender check` (check_tender as the CLI and the wizard's review call it, and as its weight step calls it on
    every change: without the documents' open gaps) on a tender of 300 criteria in a real library store: CPU
    milliseconds of each run (the machine is shared: CPU time is steadier than wall time)."""
    from bench.synthetic import synthetic_pack
    from criteria_library.pack_import import apply_import, plan_import
    from criteria_library.pack_reading import pack_from_dict
    from criteria_library.store import LibraryStore
    from tender_assistant import document_checks
    from tender_assistant.checks import check_tender, resolve_criteria
    from tender_assistant.tender import Tender, TenderCriterion

    with tempfile.TemporaryDirectory() as tmp:
        store = LibraryStore.open(Path(tmp) / "lib.db")
        store.set_accept_trusted_releases(True)
        apply_import(store, plan_import(store, pack_from_dict(synthetic_pack(criteria=300, packages=1))), backup=False)
        chosen = store.criteria(package="pakket-000")
        tender = Tender(title="Benchmark", organisation="Gemeente Voorbeeld", description="Benchmark.",
                        package="pakket-000", cpv=["39100000-3"], estimated_value_eur=1_000_000,
                        contract_term_months=48, price_weight=25,
                        criteria=[TenderCriterion(c.id, 1 if c.weight_min is not None else None) for c in chosen])
        check_tender(tender, store)  # warm: caches of the CPV list, thresholds, code lists
        criteria, _ = resolve_criteria(tender, store)
        calls = {"check": lambda: check_tender(tender, store),
                 "gaps": lambda: document_checks.check_documents(tender, store, criteria, [], _Silent()),
                 "weight step": lambda: check_tender(tender, store, documents="none")}
        figures: dict[str, list[float]] = {name: [] for name in calls}
        for _ in range(runs):
            for name, call in calls.items():
                start = time.process_time()
                call()
                figures[name].append((time.process_time() - start) * 1000)
        store.close()
    return figures


class _Silent:
    """Findings nobody reads (the document-gap part timed on its own)."""

    def error(self, code: str, nl: str, en: str, where: str = "") -> None:
        pass


def main() -> None:
    figures: dict[str, list[dict[str, float]]] = {"idle": [], "ours": [], "raw": [], "text": []}
    for _ in range(RUNS):
        for kind in figures:
            figures[kind].append(run_child(kind))
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    def med(kind: str, key: str) -> float:
        return statistics.median(f[key] for f in figures[kind])

    print(f"document set (3 .docx + 4 .xlsx) for a tender with 300 criteria; fresh process each, median of {RUNS}")
    print(f"  imports only          : peak RSS {med('idle', 'rss_mb'):6.1f} MB")
    print(f"  tender_assistant set  : {med('ours', 'seconds') * 1000:6.0f} ms ({med('ours', 'cpu') * 1000:4.0f} CPU)   peak RSS {med('ours', 'rss_mb'):6.1f} MB"
          f"   ({med('ours', 'kb'):.0f} KB written)")
    print(f"  raw python-docx/xlsx  : {med('raw', 'seconds') * 1000:6.0f} ms ({med('raw', 'cpu') * 1000:4.0f} CPU)   peak RSS {med('raw', 'rss_mb'):6.1f} MB"
          f"   ({med('raw', 'kb'):.0f} KB written; content handed over, plain calls, same styles)")
    extra_ours = med("ours", "rss_mb") - med("idle", "rss_mb")
    extra_raw = med("raw", "rss_mb") - med("idle", "rss_mb")
    print(f"  ratio                 : {med('ours', 'seconds') / med('raw', 'seconds'):6.2f}x time "
          f"({med('ours', 'cpu') / med('raw', 'cpu'):.2f}x CPU), "
          f"{med('ours', 'rss_mb') / med('raw', 'rss_mb'):.2f}x peak RSS "
          f"({extra_ours:.1f} MB vs {extra_raw:.1f} MB above the imports)   (goals: <= 1.3x time, <= 1.1x RSS)")
    print(f"  text only, 5 files    : {med('text', 'seconds') * 1000:6.0f} ms ({med('text', 'cpu') * 1000:4.0f} CPU)   peak RSS {med('text', 'rss_mb'):6.1f} MB"
          f"   (the first baseline: no styles, not flushed; ratio {med('ours', 'seconds') / med('text', 'seconds'):.2f}x"
          f" time, {med('ours', 'rss_mb') / med('text', 'rss_mb'):.2f}x peak RSS)")
    checks = {name: statistics.median(ms) for name, ms in check_figures().items()}
    print(f"tender check, 300 criteria (CPU ms, in process, median of 7): {checks['check']:.0f} ms, of which the "
          f"documents' open gaps {checks['gaps']:.0f} ms; the wizard's weight step (no document gaps) "
          f"{checks['weight step']:.0f} ms ({checks['weight step'] / checks['check']:.2f}x)")
    print(f"  (largest child's peak RSS by RUSAGE_CHILDREN: {children:.1f} MB)")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
