"""The document set a buyer publishes and works from: leidraad, programma van eisen, contractbijlage and workbooks.

`export --set OUTDIR` writes exactly SET_FILES. The three Word documents are cut from one document plan (criteria
numbered by kind, GE1/ME1/GC1/CB1, so the numbers are the same in every file and workbook); the workbooks hold the
questions as an e-procurement platform asks them (eisenlijst.xlsx) and the contract manager's verification plan
with the supplier's yearly data sheet (borgingsplan.xlsx, columns in docs/leveranciersgegevens.md), and per lot
what the buyer types into TenderNed in eForms terms (tenderned-invulhulp.xlsx, docs/eforms.md).
"""

from __future__ import annotations

import copy
import functools
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from criteria_library.infra.spreadsheets import SheetError, cell_number, read_rows, set_cell
from criteria_library.infra.text import NumberError, shown
from criteria_library.models import KIND_ORDER, Criterion, Kind

from ..checks import resolve_criteria
from ..clauses import fill_clause, fill_text
from ..errors import TemplateError, TenderError
from ..library import Library
from ..output import write_output
from ..set_swap import refuse_unwritable, write_set
from ..tender import PROCEDURES, Tender
from .export import refuse_overwriting_input, render
from .house_style import load_template
from .invulhulp import write_invulhulp
from .lot_chapters import agreement, in_documents
from .markers import block_markers, split_parts
from .plan import (
    KIND_CODES,
    Block,
    DocumentPlan,
    Heading,
    PageBreak,
    Paragraph,
    Style,
    Table,
    Toc,
    build_plan,
    procedure_blocks,
    text,
)
from .renderer import Progress

LEIDRAAD = "aanbestedingsleidraad.docx"
PVE = "programma-van-eisen.docx"
CONTRACT = "contractbijlage.docx"
EISENLIJST = "eisenlijst.xlsx"
BORGINGSPLAN = "borgingsplan.xlsx"
INVULHULP = "tenderned-invulhulp.xlsx"
SET_FILES = (LEIDRAAD, PVE, CONTRACT, EISENLIJST, BORGINGSPLAN, INVULHULP)

MOMENT_RE = re.compile(r"(Bij inschrijving|Voor gunning|Bij gunning|Bij levering|Tijdens de uitvoering|Jaarlijks|"
                       r"Na afloop|Bij oplevering|Na gunning)\s*:", re.IGNORECASE)
DOCUMENT_WORDS = re.compile(r"rapport|certificaat|beschrijving|plan\b|plan van|productblad|referentie|berekening|"
                            r"overzicht|opgave|keurmerk|bewijs|lijst|monster|tekening|paspoort", re.IGNORECASE)
YEARLY = re.compile(r"jaarlijks|per jaar|elk jaar|ieder jaar|jaarrapportage", re.IGNORECASE)
CONSEQUENCE = {
    Kind.SELECTION: "de inschrijver wordt uitgesloten van verdere beoordeling",
    Kind.REQUIREMENT: "de inschrijving is ongeldig",
    Kind.AWARD: "lagere score; wat is aangeboden en niet wordt nagekomen, is een tekortkoming onder de overeenkomst",
    Kind.CONTRACT: "ingebrekestelling met een hersteltermijn; bij herhaling de maatregelen uit de overeenkomst "
                   "(boete, ontbinding)",
}
WHO = {Kind.SELECTION: "inkoper", Kind.REQUIREMENT: "inkoper", Kind.AWARD: "beoordelingscommissie",
       Kind.CONTRACT: "contractmanager"}

# The supplier's yearly figures for the circularity report (docs/leveranciersgegevens.md).
SUPPLIER_SHEET = "Leveranciersgegevens"
SUPPLIER_COLUMNS = ["Opdracht", "Opdrachtgever", "Inkooppakket", "Contractjaar", "Indicator", "Eenheid", "Waarde",
                    "Toelichting"]
SUPPLIER_INDICATORS = [
    ("Gerecycled materiaal in geleverde producten", "%"),
    ("Teruggenomen producten en materiaal", "kg"),
    ("Hergebruikt (tweedehands of gereviseerd) geleverd", "%"),
    ("Teruggenomen en daarna hergebruikt of gerecycled", "%"),
]


@dataclass
class SupplierFigure:
    """One figure of the supplier's yearly data sheet, as read back by the monitoring register."""

    contract: str
    organisation: str
    package: str
    year: int
    indicator: str
    unit: str
    value: float | None
    note: str = ""


# ------------------------------------------------------------------ the workbooks
def _sheet(wb: Any, title: str, header: list[str], rows: Sequence[Sequence[object]], widths: list[int],
           first: bool = False) -> Any:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    for r_index, row in enumerate([header, *rows], start=1):
        for c_index, value in enumerate(row, start=1):
            cell = set_cell(ws, r_index, c_index, value)  # text stays text: '=HYPERLINK(...)' is no formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if r_index == 1:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="D9E2F3")
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    return ws


def _workbook_bytes(wb: Any, title: str, organisation: str, user: str) -> bytes:
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    props = wb.properties
    props.creator = organisation or user
    props.lastModifiedBy = organisation or user
    props.title = title
    props.created = now
    props.modified = now
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def moments(verification: str) -> list[str]:
    """'Bij inschrijving: ... Tijdens de uitvoering: ...' -> ['bij inschrijving', 'tijdens de uitvoering']."""
    found = [m.group(1).lower() for m in MOMENT_RE.finditer(verification)]
    return list(dict.fromkeys(found))


def _segment(verification: str, moment: str) -> str:
    parts = MOMENT_RE.split(verification)
    for i in range(1, len(parts) - 1, 2):
        if parts[i].lower() == moment:
            return parts[i + 1]
    return ""


def answer_type(verification: str) -> str:
    """'upload' when the bidder hands in a document with the bid, else 'ja/nee' (a declaration)."""
    at_bid = _segment(verification, "bij inschrijving")
    return "upload" if at_bid and DOCUMENT_WORDS.search(at_bid) else "ja/nee"


def when_checked(kind: Kind, verification: str) -> str:
    """At award, at delivery, yearly or during the contract: when the contract manager or buyer checks it."""
    found = moments(verification)
    when = []
    if kind != Kind.CONTRACT or any(m in ("bij inschrijving", "voor gunning", "bij gunning") for m in found):
        when.append("bij gunning")
    if any(m in ("bij levering", "bij oplevering") for m in found):
        when.append("bij levering")
    if kind == Kind.CONTRACT or "tijdens de uitvoering" in found or "jaarlijks" in found:
        when.append("jaarlijks" if YEARLY.search(verification) else "tijdens de uitvoering")
    return ", ".join(dict.fromkeys(when))


def eisenlijst_rows(tender: Tender, criteria: list[tuple[str, Criterion]]) -> tuple[list[list[object]],
                                                                                      list[list[object]]]:
    """Rows of the questions sheet (selection, minimum requirements) and of the award sheet."""
    questions: list[list[object]] = []
    award: list[list[object]] = []
    for number, c in criteria:
        kind = c.kind
        verification = fill_text(tender, c, c.verification)
        clause = fill_clause(tender, c).text
        if kind in (Kind.SELECTION, Kind.REQUIREMENT):
            questions.append([number, kind.label_nl.lower(), c.title, clause, answer_type(verification), verification,
                              ", ".join(moments(verification)) or "bij inschrijving", c.id])
        elif kind == Kind.AWARD:
            entry = tender.entry(c.id)
            weight = entry.weight if entry is not None else None
            scoring_type = str(c.scoring_type) if c.scoring_type is not None else ""
            award.append([number, c.title, clause, fill_text(tender, c, c.scoring_text), scoring_type,
                          weight if weight is not None else None, verification, c.id])
    return questions, award


def write_eisenlijst(tender: Tender, criteria: list[tuple[str, Criterion]], out: Path, user: str = "") -> None:
    """eisenlijst.xlsx: the questionnaire as platforms load it, and the award criteria with their scoring."""
    from openpyxl import Workbook

    questions, award = eisenlijst_rows(tender, criteria)
    wb = Workbook()
    _sheet(wb, "Eisen", ["Nr.", "Soort", "Onderwerp", "Vraag aan de inschrijver", "Antwoordtype", "Bewijsmiddel",
                         "Moment", "Kenmerk"], questions, [7, 16, 30, 70, 11, 50, 20, 12], first=True)
    award_rows: list[list[object]] = [["Prijs", "Prijs", "De inschrijvingsprijs volgens het prijsformulier.",
                                       "", "", tender.price_weight, "", ""], *award]
    _sheet(wb, "Gunningscriteria", ["Nr.", "Criterium", "Wat de inschrijver beschrijft of aanbiedt", "Beoordeling",
                                    "Beoordelingstype", "Weging (%)", "Bewijsmiddel", "Kenmerk"],
           award_rows, [7, 30, 60, 50, 16, 11, 45, 12])
    write_output(out, _workbook_bytes(wb, f"Eisenlijst – {tender.title}", tender.organisation, user))


def borgingsplan_rows(tender: Tender, criteria: list[tuple[str, Criterion]]) -> list[list[object]]:
    """Per criterion: what is checked, with which evidence, when, by whom, and what follows when it fails."""
    rows: list[list[object]] = []
    for number, c in criteria:
        kind = c.kind
        verification = fill_text(tender, c, c.verification)
        when = when_checked(kind, verification)
        who = WHO[kind]
        if kind != Kind.CONTRACT and when != "bij gunning":  # checked again during the contract: the manager's job
            who = f"{who} (bij gunning), daarna contractmanager"
        rows.append([number, kind.label_nl.lower(), c.title, fill_clause(tender, c).text, verification or "–", when, who,
                     CONSEQUENCE[kind], c.id])
    return rows


def write_borgingsplan(tender: Tender, criteria: list[tuple[str, Criterion]], package_name: str, out: Path,
                       user: str = "") -> None:
    """borgingsplan.xlsx: the verification plan, and the supplier's yearly data sheet for the circularity report."""
    from openpyxl import Workbook

    wb = Workbook()
    _sheet(wb, "Borgingsplan", ["Nr.", "Soort", "Criterium", "Wat wordt gecontroleerd", "Bewijsmiddel", "Wanneer",
                                "Door wie", "Gevolg bij niet voldoen", "Kenmerk"],
           borgingsplan_rows(tender, criteria), [7, 16, 30, 60, 50, 22, 20, 40, 12], first=True)
    years = max(1, math.ceil((tender.max_term_months() or 12) / 12))  # options included: the longest it may run
    supplier = [[tender.title, tender.organisation, package_name, year, indicator, unit, None, ""]
                for year in range(1, years + 1) for indicator, unit in SUPPLIER_INDICATORS]
    _sheet(wb, SUPPLIER_SHEET, SUPPLIER_COLUMNS, supplier, [34, 24, 22, 12, 44, 9, 10, 40])
    write_output(out, _workbook_bytes(wb, f"Borgingsplan – {tender.title}", tender.organisation, user))


def read_supplier_data(path: Path | str) -> list[SupplierFigure]:
    """Read a supplier's filled-in data sheet back (for the monitoring register); TenderError names a bad cell."""
    path = Path(path)
    try:
        rows = read_rows(path, sheet=SUPPLIER_SHEET)
    except SheetError as exc:
        raise TenderError(f"{path.name}: {exc.nl}.", en=f"{path.name}: {exc.en}.") from None
    header = [str(v or "").strip() for v in rows[0][1]] if rows else []
    if header[: len(SUPPLIER_COLUMNS)] != SUPPLIER_COLUMNS:
        raise TenderError(f"{path.name}: de kolommen van '{SUPPLIER_SHEET}' moeten zijn: "
                          f"{', '.join(SUPPLIER_COLUMNS)}.", en=f"{path.name}: the columns of "
                          f"'{SUPPLIER_SHEET}' must be: {', '.join(SUPPLIER_COLUMNS)}.")
    figures = []
    for line, row in rows[1:]:
        values = list(row) + [None] * (len(SUPPLIER_COLUMNS) - len(row))
        raw = values[6]
        try:
            year = int(values[3])
        except (TypeError, ValueError):
            raise TenderError(f"{path.name}, regel {line}, Contractjaar: '{shown(values[3])}' is geen jaartal.",
                              en=f"{path.name}, row {line}, Contractjaar: '{shown(values[3])}' is not a year.") from None
        try:
            value = cell_number(raw)
        except NumberError as exc:
            raise TenderError(f"{path.name}, regel {line}, Waarde: {exc.nl}.",
                              en=f"{path.name}, row {line}, Waarde: {exc.en}.") from None
        figures.append(SupplierFigure(str(values[0] or ""), str(values[1] or ""), str(values[2] or ""), year,
                                      str(values[4] or ""), str(values[5] or ""), value, str(values[7] or "")))
    return figures


# ------------------------------------------------------------------ the Word documents
def _renumber(blocks: list[Block]) -> list[Block]:
    """Number the chapters 1, 2, ... and their numbered sections 1.1, 1.2; annexes keep their letters."""
    out: list[Block] = []
    chapter, section = 0, 0
    by_kind = False  # a chapter of criteria numbered by kind (GC1): its other sections get no number
    for b in copy.deepcopy(blocks):
        if isinstance(b, Heading) and b.level == 1 and not b.number.startswith("Bijlage"):
            chapter, section = chapter + 1, 0
            b.number = str(chapter)
            by_kind = False
        elif isinstance(b, Heading) and b.level == 2 and b.number[:2] in KIND_CODES.values():
            by_kind = True
        elif isinstance(b, Heading) and b.level == 2 and not by_kind and (not b.number or b.number[0].isdigit()):
            section += 1
            b.number = f"{chapter}.{section}"
        out.append(b)
    return out


def _annex(blocks: list[Block], letter: str) -> list[Block]:
    """A part as an annex: page break, 'Bijlage X' heading."""
    if not blocks:
        return []
    head = copy.deepcopy(blocks[0])
    assert isinstance(head, Heading)
    head.number = f"Bijlage {letter}"
    return [PageBreak(), head, *copy.deepcopy(blocks[1:])]


def _evidence_for(parts: dict[str, list[Block]], codes: tuple[str, ...]) -> list[Block]:
    """The evidence annex with only the rows of these kinds (GE, ME, ...)."""
    part = copy.deepcopy(parts.get("bewijsmiddelen", []))
    for b in part:
        if isinstance(b, Table):
            b.rows = [r for r in b.rows if r[0].startswith(codes)]
    return part if any(isinstance(b, Table) and b.rows for b in part) else []


def _cover(plan: DocumentPlan, subtitle: str) -> list[Block]:
    cover = copy.deepcopy(plan.cover)
    for b in cover:
        if isinstance(b, Paragraph) and b.style == Style.SUBTITLE:
            b.runs[0].text = f"CONCEPT – {subtitle.lower()}, niet voor publicatie" if plan.concept else subtitle
    return cover


def _document(plan: DocumentPlan, subtitle: str, body: list[Block]) -> DocumentPlan:
    doc = DocumentPlan(plan.title, plan.organisation, plan.date_text, concept=plan.concept)
    doc.fields = dict(plan.fields)
    doc.cover = _cover(plan, subtitle)
    doc.body = [text("Inhoudsopgave", Style.TOC_HEADING), Toc(levels=2), PageBreak(), *_renumber(body)]
    return doc


def set_plans(tender: Tender, library: Library, today: date | None = None,
              concept: bool = False) -> dict[str, DocumentPlan]:
    """The three Word documents of the set as plans, cut from one plan whose criteria are numbered by kind."""
    plan = build_plan(tender, library, today=today, concept=concept, numbering="kind")
    parts = split_parts(plan.body)
    procedure = PROCEDURES[tender.procedure][0]
    related = text(f"Bij deze leidraad horen het {PVE.removesuffix('.docx').replace('-', ' ')} "
                   f"({PVE}), de contractbijlage ({CONTRACT}), de eisenlijst voor het inkoopplatform ({EISENLIJST}) "
                   f"en het borgingsplan ({BORGINGSPLAN}).")
    inleiding: list[Block] = [*parts.get("inleiding", []), related]
    leidraad: list[Block] = [*inleiding, *procedure_blocks(tender, procedure), *parts.get("geschiktheidseisen", []),
                *parts.get("gunningscriteria", [])]
    letters = iter("ABCDE")
    leidraad += _annex(_evidence_for(parts, ("GE", "GC")), next(letters))
    leidraad += _annex(parts.get("bijlagen", []), next(letters))
    pve_intro: list[Block] = [Heading("Inleiding", 1, ""), text(
        f"Dit programma van eisen hoort bij de aanbestedingsleidraad van '{tender.title}'. Het bevat de "
        "minimumeisen; bijlage A zegt per eis met welk bewijs de inschrijver aantoont dat hij eraan voldoet.")]
    letters = iter("ABCDE")
    pve: list[Block] = [*pve_intro, *parts.get("minimumeisen", []), *_annex(_evidence_for(parts, ("ME",)), next(letters))]
    contract_intro: list[Block] = [Heading("Inleiding", 1, ""), text(
        f"Deze bijlage hoort bij {agreement(tender)} voor '{tender.title}'. Zij bevat de circulaire contractbepalingen "
        "en het borgingsplan: hoe de opdrachtgever tijdens de looptijd controleert of alle eisen en beloften worden "
        f"nagekomen. Het borgingsplan staat ook in {BORGINGSPLAN}, met het blad voor de jaarlijkse "
        "leveranciersgegevens.")]
    criteria = _numbered(tender, library)
    plan_rows = [[str(r[i]) for i in (0, 2, 4, 5, 6)] for r in borgingsplan_rows(tender, criteria)]
    borging: list[Block] = [Heading("Borgingsplan", 1, ""),
               text("Per criterium: met welk bewijs, wanneer en door wie wordt gecontroleerd. Wat bij niet voldoen "
                    f"volgt, staat in {BORGINGSPLAN}."),
               Table(["Nr.", "Criterium", "Bewijsmiddel", "Wanneer", "Door wie"], plan_rows, [0.6, 1.8, 3.4, 1.2, 1.6])]
    clauses = copy.deepcopy(parts.get("contractbepalingen", []))
    for b in clauses:  # this document has no evidence annex: its borgingsplan says how each clause is checked
        if isinstance(b, Paragraph):
            for r in b.runs:
                r.text = r.text.replace("zie Bewijsmiddelen, ", "zie het borgingsplan, ")
    contract: list[Block] = [*contract_intro, *clauses, *borging]
    return {LEIDRAAD: _document(plan, "Aanbestedingsleidraad", leidraad),
            PVE: _document(plan, "Programma van eisen", pve),
            CONTRACT: _document(plan, "Contractbijlage: circulaire bepalingen en borgingsplan", contract)}


def _numbered(tender: Tender, library: Library) -> list[tuple[str, Criterion]]:
    """The tender's criteria in document order with their set numbers (GE1, ME1, GC1, CB1)."""
    criteria, unknown = resolve_criteria(tender, library)
    if unknown:
        raise TenderError(f"de criteria {', '.join(unknown)} staan niet in de bibliotheek",
                          en=f"the criteria {', '.join(unknown)} are not in the library", where="criteria")
    criteria = in_documents(tender, criteria)
    out: list[tuple[str, Criterion]] = []
    for kind in KIND_ORDER:
        items = [c for c in criteria if c.kind == kind]
        out += [(f"{KIND_CODES[kind]}{i}", c) for i, c in enumerate(items, start=1)]
    return out


def export_set(tender: Tender, library: Library, outdir: Path | str, template: Path | str | None = None,
               contract_template: Path | str | None = None, today: date | None = None, concept: bool = False,
               progress: Progress | None = None, notes: list[str] | None = None,
               user: str = "") -> list[Path]:
    """Write the files of the set (SET_FILES) into outdir (which must exist) as one set; templates untouched."""

    outdir = Path(outdir)
    if not outdir.is_dir():
        raise TenderError(f"De map {outdir} bestaat niet.", en=f"The folder {outdir} does not exist.")
    paths = [outdir / name for name in SET_FILES]
    for p in paths:
        refuse_overwriting_input(p, {"de sjabloon": template})
        refuse_overwriting_input(p, {"de sjabloon": contract_template})
    refuse_unwritable(paths)  # said before the work of rendering, not after it
    plans = set_plans(tender, library, today=today, concept=concept)
    chosen = {LEIDRAAD: template, PVE: template, CONTRACT: contract_template or template}
    rendered: dict[str, bytes] = {}
    for i, (name, plan) in enumerate(plans.items()):
        doc = load_template(chosen[name], notes if i == 0 or name == CONTRACT and contract_template else None)
        own_template = name == LEIDRAAD or name == CONTRACT and contract_template is not None
        if not own_template and block_markers(doc):
            # The leidraad's own text belongs in the leidraad; the other documents take only its house style.
            for anchor, _ in block_markers(doc):
                anchor.getparent().remove(anchor)
        chapter_notes: list[str] = []
        try:
            render(plan, doc, _scaled(progress, i, 5), chapter_notes)
        except TemplateError as exc:  # which of the three documents lacks a place for a chapter
            raise TemplateError(exc.message, en=exc.message_en, where=name) from None
        if notes is not None:
            notes.extend(f"{name}: {line}" for line in chapter_notes)
        buf = io.BytesIO()
        doc.save(buf)
        rendered[name] = buf.getvalue()
    package_name = plans[LEIDRAAD].fields.get("inkooppakket", "")
    criteria = _numbered(tender, library)
    writers: dict[str, Callable[[Path], None]] = {
        name: functools.partial(_write_bytes, data) for name, data in rendered.items()}
    writers[EISENLIJST] = lambda out: write_eisenlijst(tender, criteria, out, user)
    writers[BORGINGSPLAN] = lambda out: write_borgingsplan(tender, criteria, package_name, out, user)
    writers[INVULHULP] = lambda out: write_invulhulp(tender, library, out, user)
    write_set(outdir, writers)  # all new files, or the old set whole: never a mixed set
    if progress:
        progress(1, 1)
    return paths


def _write_bytes(data: bytes, out: Path) -> None:
    write_output(out, data)


def _scaled(progress: Progress | None, index: int, total: int) -> Progress | None:
    if progress is None:
        return None
    report: Callable[[int, int], None] = progress

    def scaled(done: int, count: int) -> None:
        report(index * 100 + (100 * done // max(count, 1)), total * 100)

    return scaled
