"""Monitoring reports: text for the terminal, XLSX with native Excel charts, Word with chart images.

The JSON contract is MonitoringReport.to_json() in rule.py; everything here only presents a report.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from criteria_library.infra.files import atomic_write
from criteria_library.infra.spreadsheets import set_cell
from criteria_library.infra.text import dutch_number, euro
from criteria_library.models import Kind, Level

from .records import ContractRecord
from .register_store import RegisterError
from .rule import (
    FLAG_LABELS,
    CountingRule,
    MonitoringReport,
    RecordLine,
    share_series,
    smallest_change,
    target_for,
)

PACKAGE_NONE = "(geen pakket)"


def pct(share: float | None) -> str:
    """40,0% (Dutch decimal comma); '-' when there is nothing to divide by."""
    return "-" if share is None else dutch_number(share * 100, 1, fixed=True) + "%"


def target_line(report: MonitoringReport) -> str:
    """'doel 50% (afgesproken)' or 'traject 36,7% (geen afgesproken doel)'."""
    if report.target is None:
        return "geen doel voor dit jaar"
    if report.target_kind == "afgesproken":
        return f"afgesproken doel {pct(report.target)}"
    return f"traject {pct(report.target)} (tussen de afgesproken doelen; geen afgesproken doel)"


def text_report(report: MonitoringReport) -> str:
    """The report as plain text: the rule, the figures per organisation and the region, the flags."""
    lines = [f"Monitoring circulair inkopen {report.year}: {target_line(report)}", "", "Telregel:"]
    lines += [f"  - {line}" for line in report.rule.describe()]
    lines.append("  - Elke registratie is met deze telregel geteld, ook die uit bestanden van andere organisaties "
                 "(gemaakt met hun eigen telregel).")
    lines.append("")
    header = f"{'Organisatie':<32} {'binnen telling':>16} {'circulair':>16} {'aandeel €':>10} {'aandeel #':>10} " \
             f"{'dekking':>8} {'tekort':>16}"
    lines.append(header)
    lines.append("-" * len(header))
    rows = [(name, totals) for name, totals in sorted(report.organisations.items(), key=lambda kv: kv[0].casefold())]
    if len(rows) > 1 or not rows:
        rows.append(("Regio (som)", report.region))
    for name, totals in rows:
        f = totals.figures(report.target)
        gap = "-" if f["gap_eur"] is None else euro(f["gap_eur"])
        lines.append(f"{name[:32]:<32} {euro(f['in_scope_eur']):>16} {euro(f['circular_eur']):>16} "
                     f"{pct(f['share_value']):>10} {pct(f['share_count']):>10} {pct(f['coverage']):>8} {gap:>16}")
    if not report.lines:
        lines += ["", f"Geen contracten binnen de telling in {report.year}."]
        return "\n".join(lines)
    lines += ["", "Waar de waarde staat (aandeel van de waarde binnen de telling) en waar de registraties vandaan komen:"]
    header = (f"{'Organisatie':<32} {'geverifieerd':>12} {'verklaard':>10} {'niet geteld':>12} {'onbekend':>9}  "
              f"{'herkomst'}")
    lines += [header, "-" * (len(header) + 40)]
    for name, totals in rows:
        f = totals.figures(report.target)
        lines.append(f"{name[:32]:<32} {pct(f['share_value']):>12} {pct(f['share_declared']):>10} "
                     f"{pct(f['share_not_counted']):>12} {pct(f['share_unknown']):>9}  {sources_text(f['sources'])}")
    lines.append("  geverifieerd: telt volgens de telregel uit de criteria; verklaard: circulair verklaard in de "
                 "aankondiging (eForms BT-774), niet met criteria geverifieerd; onbekend: welke criteria erin zaten "
                 "is niet bekend.")
    lines += ["", "Per inkooppakket (binnen telling / circulair):"]
    for key, (scope, circ) in report.breakdown("package").items():
        lines.append(f"  {key[:40]:<40} {euro(scope):>16} {euro(circ):>16}  {pct(circ / scope if scope else None):>7}")
    flagged = [line for line in report.lines if line.flags]
    if flagged:
        lines += ["", "Let op:"]
        for line in flagged:
            labels = "; ".join(FLAG_LABELS[f][0] for f in line.flags)
            lines.append(f"  {line.record.organisation}: {line.record.title} ({euro(line.value)}): {labels}")
    return "\n".join(lines)


SOURCE_WORDS = {"aankondiging": ("uit aankondigingen", "from notices"), "import": ("uit contractenlijsten",
                                                                                  "from contract lists"),
                "app": ("uit de app", "from the app"), "handmatig": ("ingetypt", "typed in")}


def sources_text(sources: dict[str, int], lang: str = "nl") -> str:
    """'3 uit aankondigingen, 2 uit de app': how many in-scope records came from where."""
    index = 1 if lang == "en" else 0
    parts = [f"{n} {SOURCE_WORDS.get(source, (source, source))[index]}" for source, n in sorted(sources.items())
             if n]
    return ", ".join(parts) or "-"


# ------------------------------------------------------------------ shared by the file reports
# The breakdowns' keys are the stored kind values and level numbers; their words come from the one table in models.
KIND_LABELS = {kind.value: kind.label_nl for kind in Kind}
LEVEL_LABELS = {str(int(level)): f"{int(level)} {level.label_nl.lower()}" for level in Level} | {
    "-": "geen niveau (niet circulair of oordeel)"}
SERIES_END = 2030  # the charts run to the last agreed target, so the trajectory ahead is visible


def chart_years(records: list[ContractRecord], year: int) -> list[int]:
    """The years on the share chart: from the first award year in the register to 2030 (or the report year)."""
    first = min((r.award_date.year for r in records if r.award_date), default=year)
    return list(range(min(first, year), max(year, SERIES_END) + 1))


def series_for(report: MonitoringReport, records: list[ContractRecord], organisation: str | None):
    """(year, share_value, target) per chart year; years after the report year have no share yet."""
    years = chart_years(records, report.year)
    series = share_series(records, report.rule, [y for y in years if y <= report.year], organisation)
    series += [(y, None, target_for(y, report.rule)[0]) for y in years if y > report.year]
    return series


def scope_name(report: MonitoringReport, organisation: str | None) -> str:
    """'Gemeente Zaanstad' or 'de regio (3 organisaties)'."""
    if organisation:
        return next(iter(report.organisations), organisation)
    n = len(report.organisations)
    return f"de regio ({n} {'organisatie' if n == 1 else 'organisaties'})"


def headline(report: MonitoringReport, organisation: str | None) -> str:
    """One sentence that says where things stand: share, target, gap."""
    f = report.region.figures(report.target)
    who = scope_name(report, organisation)
    if f["share_value"] is None:
        return f"In {report.year} heeft {who} geen contracten binnen de telling."
    text = f"In {report.year} kocht {who} {pct(f['share_value'])} circulair in (in euro's)"
    if f["share_declared"]:
        text += f", en nog {pct(f['share_declared'])} verklaard in de aankondiging"
    if report.target is None:
        return text + "."
    kind = "het afgesproken doel" if report.target_kind == "afgesproken" else "het traject"
    if f["gap_eur"] > 0:
        return text + f"; {kind} is {pct(report.target)}: er ontbreekt {euro(f['gap_eur'])}."
    return text + f"; {kind} van {pct(report.target)} is gehaald ({euro(-f['gap_eur'])} erboven)."


def line_explanation(line: RecordLine, rule: CountingRule) -> str:
    """Why a record counts or not, and for one that does not, the smallest change."""
    if line.verdict.overridden:
        return f"oordeel van de organisatie: {line.record.override_reason}"
    if line.verdict.counts:
        return "telt door " + ", ".join(c.id for c in line.verdict.qualifying)
    if not line.record.criteria_known:
        return "criteria onbekend"
    why = "; ".join(v.why for v in line.verdict.criteria) or "geen criteria"
    change = smallest_change(line.record, rule)
    return why + (f". Advies: {change[0]}" if change else "")


# ------------------------------------------------------------------ XLSX
MONEY_FORMAT = '"€" #,##0'
PCT_FORMAT = "0.0%"


def write_xlsx(report: MonitoringReport, records: list[ContractRecord], out: Path | str,
               organisation: str | None = None) -> Path:
    """The report as a workbook with native Excel charts (the regisseur can restyle them); written atomically."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    out = Path(out)
    wb = Workbook()
    bold = Font(bold=True)

    def put(ws: Any, row: int, column: int, value: Any) -> Any:
        # Titles and names come from other organisations' lists: text stays text ('=HYPERLINK(...)' is no
        # formula), and a control character is shown escaped instead of stopping the whole report.
        return set_cell(ws, row, column, value, escape=True)

    def table(ws, header: list[str], rows: list[list], formats: dict[int, str], start: int = 1) -> int:
        ws.append([]) if start > ws.max_row + 1 else None
        for c, h in enumerate(header, start=1):
            put(ws, start, c, h).font = bold
        for r, values in enumerate(rows, start=start + 1):
            for c, v in enumerate(values, start=1):
                cell = put(ws, r, c, v)
                if c in formats:
                    cell.number_format = formats[c]
        for c in range(1, len(header) + 1):
            width = max(len(str(header[c - 1])), *(len(str(row[c - 1])) for row in rows)) if rows else len(header[c - 1])
            ws.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 10), 60)
        return start + len(rows)

    ws = wb.active
    ws.title = "Overzicht"
    put(ws, 1, 1, f"Monitoring circulair inkopen {report.year}").font = Font(bold=True, size=14)
    put(ws, 2, 1, headline(report, organisation))
    put(ws, 3, 1, target_line(report))
    put(ws, 5, 1, "Telregel").font = bold
    for i, text in enumerate(report.rule.describe(), start=6):
        put(ws, i, 1, f"- {text}")
    start = 7 + len(report.rule.describe())
    header = ["Organisatie", "Binnen telling (€)", "Circulair (€)", "Aandeel (€)", "Aandeel (aantal)", "Dekking",
              "Doel", "Tekort (€)", "Verklaard in de aankondiging", "Niet geteld", "Onbekend", "Herkomst"]
    rows = []
    entries = sorted(report.organisations.items(), key=lambda kv: kv[0].casefold())
    if organisation is None:
        entries.append(("Regio (som)", report.region))
    for name, totals in entries:
        f = totals.figures(report.target)
        rows.append([name, f["in_scope_eur"], f["circular_eur"], f["share_value"], f["share_count"], f["coverage"],
                     f["target"], f["gap_eur"], f["share_declared"], f["share_not_counted"], f["share_unknown"],
                     sources_text(f["sources"])])
    table(ws, header, rows, {2: MONEY_FORMAT, 3: MONEY_FORMAT, 4: PCT_FORMAT, 5: PCT_FORMAT, 6: PCT_FORMAT,
                             7: PCT_FORMAT, 8: MONEY_FORMAT, 9: PCT_FORMAT, 10: PCT_FORMAT, 11: PCT_FORMAT}, start)
    ws.column_dimensions["A"].width = 40

    years = wb.create_sheet("Per jaar")
    series = series_for(report, records, organisation)
    end = table(years, ["Jaar", "Aandeel circulair (€)", "Doel / traject"],
                [[y, s, t] for y, s, t in series], {2: PCT_FORMAT, 3: PCT_FORMAT})
    bars = BarChart()
    bars.title = f"Aandeel circulair per jaar: {scope_name(report, organisation)}"
    bars.y_axis.title = "aandeel (€)"
    bars.y_axis.number_format = "0%"
    bars.y_axis.scaling.min = 0
    bars.y_axis.scaling.max = 1
    bars.add_data(Reference(years, min_col=2, min_row=1, max_row=end), titles_from_data=True)
    bars.set_categories(Reference(years, min_col=1, min_row=2, max_row=end))
    line = LineChart()
    line.add_data(Reference(years, min_col=3, min_row=1, max_row=end), titles_from_data=True)
    line.series[0].graphicalProperties.line.solidFill = "C0392B"
    line.series[0].graphicalProperties.line.dashStyle = "dash"
    bars.series[0].graphicalProperties.solidFill = "1F7A4D"
    bars += line
    bars.width, bars.height = 18, 9
    years.add_chart(bars, "E2")

    packages = wb.create_sheet("Per pakket")
    breakdown = report.breakdown("package")
    rows = [[k, v[1], v[0] - v[1], v[0], v[1] / v[0] if v[0] else None]
            for k, v in sorted(breakdown.items(), key=lambda kv: -kv[1][1])]
    end = table(packages, ["Pakket", "Circulair (€)", "Niet circulair (€)", "Binnen telling (€)", "Aandeel"], rows,
                {2: MONEY_FORMAT, 3: MONEY_FORMAT, 4: MONEY_FORMAT, 5: PCT_FORMAT})
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = f"Circulair per inkooppakket, {report.year}"
    chart.x_axis.title = None
    chart.y_axis.number_format = '"€" #,##0'
    chart.add_data(Reference(packages, min_col=2, max_col=3, min_row=1, max_row=max(end, 2)), titles_from_data=True)
    chart.set_categories(Reference(packages, min_col=1, min_row=2, max_row=max(end, 2)))
    chart.series[0].graphicalProperties.solidFill = "1F7A4D"
    if len(chart.series) > 1:
        chart.series[1].graphicalProperties.solidFill = "C8CCD0"
    chart.width, chart.height = 18, max(7, 0.8 * len(rows) + 3)
    packages.add_chart(chart, "G2")

    for title, by, labels in (("Per soort", "kind", KIND_LABELS), ("Per niveau", "level", LEVEL_LABELS),
                              ("Per R-groep", "r_group", {})):
        sheet = wb.create_sheet(title)
        b = report.breakdown(by)
        table(sheet, [title.removeprefix("Per ").capitalize(), "Binnen telling (€)", "Circulair (€)"],
              [[labels.get(k, k), v[0], v[1]] for k, v in b.items()], {2: MONEY_FORMAT, 3: MONEY_FORMAT})
        if by in ("kind", "r_group"):
            put(sheet, len(b) + 3, 1, "Een contract telt mee bij elke soort of R-groep van zijn tellende criteria; "
                "deze rijen tellen dus niet op tot het totaal.")

    detail = wb.create_sheet("Registraties")
    rows = []
    for ln in report.lines:
        r = ln.record
        rows.append([r.organisation, r.title, r.package, r.award_date.isoformat() if r.award_date else "",
                     ln.value, "ja" if ln.verdict.counts else "nee", ln.verdict.level or "",
                     line_explanation(ln, report.rule), "; ".join(FLAG_LABELS[f][0] for f in ln.flags),
                     ln.eforms["BT-774"] or "", ln.eforms["BT-805"]])
    table(detail, ["Organisatie", "Titel", "Pakket", "Gunningsdatum", f"Waarde in {report.year} (€)", "Circulair",
                   "Niveau", "Waarom", "Let op", "BT-774", "BT-805"], rows, {5: MONEY_FORMAT})
    detail.freeze_panes = "A2"

    for sheet in wb.worksheets:  # printed or turned into PDF: each sheet one page wide, charts included
        sheet.page_setup.orientation = "landscape"
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    atomic_write(out, lambda tmp: tmp.write_bytes(data), error=RegisterError)
    return out


# ------------------------------------------------------------------ Word
CHART_MARK = "[[grafiek:{}]]"


def build_report_plan(report: MonitoringReport, records: list[ContractRecord], organisation: str | None):
    """The Word report as a document plan (rendered into the house-style template by documents.export)."""
    from tender_assistant.documents.plan import (
        DocumentPlan,
        Heading,
        Paragraph,
        Run,
        Style,
        Table,
        dutch_date,
        text,
    )

    who = scope_name(report, organisation)
    plan = DocumentPlan(title=f"Monitoring circulair inkopen {report.year}", organisation=organisation or "",
                        date_text=dutch_date(date.today()))
    owner = organisation or "Metropoolregio Amsterdam"
    plan.fields = {"titel": plan.title, "organisatie": owner, "opdrachtgever": owner, "datum": plan.date_text}
    plan.cover = [text(plan.title, Style.TITLE), text(who[:1].upper() + who[1:], Style.SUBTITLE),
                  text(plan.date_text, Style.SUBTITLE)]
    body = plan.body
    body.append(Heading("Waar staan we?", 1, "1"))
    body.append(Paragraph([Run(headline(report, organisation), bold=True)]))
    body.append(text(CHART_MARK.format("aandeel")))
    body.append(text(CHART_MARK.format("pakket")))
    entries = sorted(report.organisations.items(), key=lambda kv: kv[0].casefold())
    if organisation is None and len(entries) != 1:
        entries.append(("Regio (som)", report.region))
    rows = []
    for name, totals in entries:
        f = totals.figures(report.target)
        rows.append([name, euro(f["in_scope_eur"]), euro(f["circular_eur"]), pct(f["share_value"]),
                     pct(f["share_count"]), pct(f["coverage"]),
                     "-" if f["gap_eur"] is None else euro(max(f["gap_eur"], 0))])
    body.append(Heading("Cijfers per organisatie", 1, "2"))
    body.append(text(f"{target_line(report).capitalize()}. Aandeel (€): circulaire euro's gedeeld door de euro's "
                     "binnen de telling; aandeel (#): hetzelfde in aantallen contracten; dekking: het deel van de "
                     "euro's waarvan bekend is welke criteria erin stonden."))
    body.append(Table(["Organisatie", "Binnen telling", "Circulair", "Aandeel €", "Aandeel #", "Dekking",
                       "Tekort"], rows, [2.6, 2, 2, 1.6, 1.6, 1.6, 2], bold_last_row=organisation is None))
    body.append(Heading("Uitsplitsingen", 1, "3"))
    for title, by, labels in (("Per ambitieniveau", "level", LEVEL_LABELS), ("Per soort criterium", "kind",
                              KIND_LABELS), ("Per R-groep", "r_group", {})):
        b = report.breakdown(by)
        if not b:
            continue
        body.append(Heading(title, 2, ""))
        if by == "level":
            body.append(Table(["", "Binnen telling", "Circulair"], [[labels.get(k, k), euro(v[0]), euro(v[1])]
                                                                     for k, v in b.items()], [4, 2, 2]))
        else:  # a contract counts under each kind or group it has, so only circular euros mean something here
            body.append(Table(["", "Circulair"], [[labels.get(k, k), euro(v[1])] for k, v in b.items()], [4, 2]))
    body.append(text("Een contract telt mee bij elke soort en R-groep van zijn tellende criteria; die tabellen "
                     "tellen dus niet op tot het totaal.", Style.NOTE))
    flagged = [ln for ln in report.lines if ln.flags]
    if flagged:
        body.append(Heading("Let op", 1, "4"))
        body.append(text("Contracten die alleen tellen door één gunningscriterium op de grens, waarvan de criteria "
                         "onbekend zijn, of waarover de organisatie zelf oordeelde."))
        body.append(Table(["Organisatie", "Contract", "Waarde", "Let op"],
                          [[ln.record.organisation, ln.record.title, euro(ln.value),
                            "; ".join(FLAG_LABELS[f][0] for f in ln.flags)] for ln in flagged], [2.5, 4, 1.6, 3.5]))
    body.append(Heading("De telregel", 1, "5" if flagged else "4"))
    body.extend(text(f"- {line}") for line in report.rule.describe())
    return plan


def write_docx(report: MonitoringReport, records: list[ContractRecord], out: Path | str,
               organisation: str | None = None, template: Path | str | None = None) -> Path:
    """The Word report in the house-style template, with the two charts as images; written atomically."""
    from docx.shared import Cm

    from tender_assistant.documents.export import render
    from tender_assistant.documents.house_style import load_template, set_properties

    from .charts import package_chart, share_chart

    out = Path(out)
    doc = load_template(template)
    plan = build_report_plan(report, records, organisation)
    render(plan, doc)
    set_properties(doc, plan.title, organisation or "", "Monitoring circulair inkopen")
    who = scope_name(report, organisation)
    images = {
        "aandeel": share_chart(series_for(report, records, organisation), f"Aandeel circulair per jaar: {who}"),
        "pakket": package_chart(report.breakdown("package"), f"Circulair per inkooppakket, {report.year}"),
    }
    section = doc.sections[-1]
    width = (section.page_width or Cm(21)) - (section.left_margin or Cm(2.5)) - (section.right_margin or Cm(2.5))
    for p in doc.paragraphs:
        for key, png in images.items():
            if p.text.strip() == CHART_MARK.format(key):
                for run in p.runs:
                    run.text = ""
                p.runs[0].add_picture(io.BytesIO(png), width=min(int(width), int(Cm(16))))
    buf = io.BytesIO()
    doc.save(buf)
    data = buf.getvalue()
    atomic_write(out, lambda tmp: tmp.write_bytes(data), error=RegisterError)
    return out
