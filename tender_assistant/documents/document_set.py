"""The document set a buyer publishes and works from: leidraad, programma van eisen, contractbijlage and workbooks.

`export --set OUTDIR` writes exactly SET_FILES. The three Word documents are cut from one document plan (criteria
numbered by kind, GE1/ME1/GC1/CB1, so the numbers are the same in every file and workbook); the workbooks hold the
questions as an e-procurement platform asks them (eisenlijst.xlsx) and the contract manager's verification plan
with the supplier's yearly data sheet (borgingsplan.xlsx, columns in docs/leveranciersgegevens.md), and per lot
what the buyer types into TenderNed in eForms terms (tenderned-invulhulp.xlsx, docs/eforms.md).
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from criteria_library.infra.spreadsheets import (
    SheetError,
    cell_number,
    mark_concept,
    read_rows,
    set_cell,
    set_formula,
)
from criteria_library.infra.text import NumberError, euro, shown
from criteria_library.models import KIND_ORDER, Criterion, Kind

from .. import set_folders
from ..checks import resolve_criteria
from ..clauses import fill_clause, fill_text
from ..document_checks import PENALTY_REFERENCE_RE, penalty_clause
from ..errors import TemplateError, TenderError
from ..library import Library
from ..output import write_output
from ..parties import contract_party, procedure_party
from ..set_swap import link_or_copy, refuse_unwritable, write_set
from ..tender import PROCEDURES, Tender
from .export import refuse_overwriting_input, render
from .gaps import fact_run
from .house_style import CONCEPT_MARK, clean_template, open_clean_template
from .invulhulp import write_invulhulp
from .library_reads import remembered
from .lot_chapters import agreement, framework_scope, in_documents, several_agreements
from .markers import block_markers, split_parts
from .plan import (
    BUYER_ANNEX_TITLE,
    KIND_CODES,
    Block,
    DocumentPlan,
    Heading,
    PageBreak,
    Paragraph,
    Run,
    Style,
    Table,
    Toc,
    and_list,
    build_plan,
    capitalise,
    labelled,
    procedure_blocks,
    text,
)
from .precedence import contract_precedence
from .renderer import Progress
from .samples import HEADING as SAMPLE_HEADING
from .samples import asks_samples, is_sample_note
from .sanctions import YEAR_VALUE_LABEL, penalty_terms, uses_year_value
from .template_fit import refuse_unfit

LEIDRAAD = "aanbestedingsleidraad.docx"
PVE = "programma-van-eisen.docx"
CONTRACT = "contractbijlage.docx"
EISENLIJST = "eisenlijst.xlsx"
BORGINGSPLAN = "borgingsplan.xlsx"
INVULHULP = "tenderned-invulhulp.xlsx"
PRIJSFORMULIER = "prijsformulier.xlsx"
SET_FILES = (LEIDRAAD, PVE, CONTRACT, EISENLIJST, BORGINGSPLAN, INVULHULP, PRIJSFORMULIER)
PRICE_POSTS = 15  # rows for the buyer's posts on each price sheet
PRICE_COLUMNS = ["Post", "Omschrijving", "Eenheid", "Fictieve hoeveelheid", "Prijs per eenheid (EUR, excl. btw)",
                 "Bedrag (EUR, excl. btw)"]
PRICE_TOTAL = "Inschrijvingsprijs (totaal)"  # the beoordelingsprijs is this after any fictieve kortingen

MOMENT_RE = re.compile(r"(Bij inschrijving|Voor gunning|Bij gunning|Na gunning|Voor de uitvoering|Bij levering|"
                       r"Bij oplevering|Tijdens de uitvoering|Jaarlijks|Aan het einde van elk contractjaar|Na afloop|"
                       r"Aan het einde van (?:het contract|de overeenkomst|de looptijd))\s*:", re.IGNORECASE)
# The moments as both workbooks name them (one vocabulary, so the eisenlijst and the borgingsplan agree per row).
CANONICAL_MOMENT = {"bij gunning": "voor gunning", "na gunning": "voor de uitvoering", "bij oplevering": "bij levering",
                    "aan het einde van elk contractjaar": "jaarlijks", "aan het einde van het contract": "na afloop",
                    "aan het einde van de overeenkomst": "na afloop", "aan het einde van de looptijd": "na afloop"}
MOMENT_ORDER = ["bij inschrijving", "voor gunning", "voor de uitvoering", "bij levering", "tijdens de uitvoering",
                "jaarlijks", "na afloop"]
DURING = ("tijdens de uitvoering", "jaarlijks")
DOCUMENT_WORDS = re.compile(r"rapport|certificaat|beschrijving|plan\b|plan van|productblad|referentie|berekening|"
                            r"overzicht|opgave|keurmerk|bewijs|lijst|monster|tekening|paspoort|dossier|"
                            r"(?:ondertekende|getekende) [a-z]*verklaring|\w+verklaring van|garantievoorwaarden|"
                            r"prijsformulier|formulier|kopie", re.IGNORECASE)
YEARLY = re.compile(r"jaarlijks|per jaar|elk jaar|ieder jaar|jaarrapportage", re.IGNORECASE)
CONSEQUENCE = {
    Kind.SELECTION: "de inschrijver wordt uitgesloten van verdere beoordeling",
    Kind.REQUIREMENT: "de inschrijving is ongeldig",
    Kind.AWARD: "lagere score; wat is aangeboden en niet wordt nagekomen, is een tekortkoming onder de overeenkomst: "
                "ingebrekestelling met een hersteltermijn",
    Kind.CONTRACT: "ingebrekestelling met een hersteltermijn; daarna nakoming, schadevergoeding of ontbinding",
}
# A requirement or selection ground checked again during the contract: after the award the bid cannot be made
# invalid any more, so what follows then is what follows a contract clause.
CHECKED_AGAIN = f"bij inschrijving: {CONSEQUENCE[Kind.REQUIREMENT]}; na de gunning: {CONSEQUENCE[Kind.CONTRACT]}"
BEFORE_AWARD = {"bij inschrijving", "voor gunning"}
REPAIR_DAYS = 30
REPAIR_TERM = (f"Waar het borgingsplan een ingebrekestelling met een hersteltermijn noemt, is die termijn "
               f"{REPAIR_DAYS} kalenderdagen na de ingebrekestelling (artikel 6:82 BW), tenzij de bepaling zelf een "
               "andere termijn noemt.")


def consequence(kind: Kind, penalty_number: str | None, own_penalty: str = "") -> str:
    """What follows when a row is not met; the penalty only when a chosen clause (penalty_number) sets one, and in
    full when the row's own clause sets it (own_penalty)."""
    text = CONSEQUENCE[kind]
    if penalty_number and kind in (Kind.AWARD, Kind.CONTRACT):
        text += f"; de boete volgens {penalty_number}"
    if own_penalty and kind == Kind.CONTRACT:
        text += f"; de boete volgens deze bepaling: {own_penalty}"
        if uses_year_value(own_penalty):
            text += f" ({YEAR_VALUE_LABEL.lower()}: zie de bepaling in de contractbijlage)"
    return text
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
    # Every cell wraps at the top, the header is bold on a shade: styled once, then the style record is copied to
    # each cell (openpyxl hashes a style object against the workbook's list on every assignment, 13,000 times).
    proto: dict[int, Any] = {}
    for r_index, row in enumerate([header, *rows], start=1):
        for c_index, value in enumerate(row, start=1):
            cell = ws.cell(row=r_index, column=c_index)
            kind = min(r_index, 2)
            if kind in proto:
                cell._style = copy.copy(proto[kind])
            else:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if r_index == 1:
                    cell.font = Font(bold=True)
                    cell.fill = PatternFill("solid", fgColor="D9E2F3")
                proto[kind] = copy.copy(cell._style)
            set_cell(ws, r_index, c_index, value)  # text stays text: '=HYPERLINK(...)' is no formula
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    return ws


def _workbook_bytes(wb: Any, title: str, organisation: str, user: str, concept: bool = False) -> bytes:
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    props = wb.properties
    props.creator = organisation or user
    props.lastModifiedBy = organisation or user
    props.title = title
    props.created = now
    props.modified = now
    if concept:  # like the Word documents: a concept workbook cannot pass for the one that goes onto the platform
        mark_concept(wb, CONCEPT_MARK)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def moments(verification: str) -> list[str]:
    """'Bij inschrijving: ... Tijdens de uitvoering: ...' -> ['bij inschrijving', 'tijdens de uitvoering']."""
    found = [m.group(1).lower() for m in MOMENT_RE.finditer(verification)]
    return list(dict.fromkeys(CANONICAL_MOMENT.get(m, m) for m in found))


def _segment(verification: str, moment: str) -> str:
    """The text after a moment's label ('Bij inschrijving: ...'); a text without any label is asked at the bid."""
    parts = MOMENT_RE.split(verification)
    if len(parts) == 1:
        return verification if moment == "bij inschrijving" else ""
    found = []
    for i in range(1, len(parts) - 1, 2):
        if CANONICAL_MOMENT.get(parts[i].lower(), parts[i].lower()) == moment:
            found.append(parts[i + 1])
    return " ".join(found)


def answer_type(verification: str) -> str:
    """'upload' when the bidder hands in a document with the bid, else 'ja/nee' (a declaration)."""
    at_bid = _segment(verification, "bij inschrijving")
    return "upload" if at_bid and DOCUMENT_WORDS.search(at_bid) else "ja/nee"


def row_moments(kind: Kind, verification: str) -> list[str]:
    """When a row is handed in and checked, the same in the eisenlijst and the borgingsplan: the moments its
    verification names (a text without any: at the bid), and during the contract for what a contract clause or an
    award offer promises (an offer binds, so it is monitored, not only scored)."""
    if kind == Kind.SELECTION:  # the UEA with the bid, the papers from the intended winner before the award
        return ["bij inschrijving", "voor gunning"]
    found = moments(verification)
    if not found and kind != Kind.CONTRACT:
        found = ["bij inschrijving"]
    if kind in (Kind.AWARD, Kind.CONTRACT) and not any(m in DURING for m in found):
        found.append("jaarlijks" if YEARLY.search(verification) else "tijdens de uitvoering")
    return sorted(dict.fromkeys(found), key=MOMENT_ORDER.index)


def asked_at_bid(kind: Kind, clause: str, verification: str) -> bool:
    """Whether a contract clause asks for a document with the bid (a signed terugkoopverklaring), so the eisenlijst
    must ask for it too."""
    if kind != Kind.CONTRACT:
        return False
    at_bid = _segment(verification, "bij inschrijving") if MOMENT_RE.search(verification) else ""
    in_clause = re.search(r"bij (?:zijn|de) inschrijving[^.]*", clause, re.IGNORECASE)
    return bool(at_bid.strip()) or bool(in_clause and DOCUMENT_WORDS.search(in_clause.group(0)))


def lot_ids(tender: Tender, cid: str) -> str:
    """The lots a criterion belongs to, for the workbooks' Perceel column ('' for a tender without lots)."""
    if not tender.lots:
        return ""
    found = [lot.id for lot in tender.lots if cid in lot.criterion_ids()]
    return ", ".join(found) if found else "alle"


def eisenlijst_rows(tender: Tender, criteria: list[tuple[str, Criterion]]) -> tuple[list[list[object]],
                                                                                      list[list[object]]]:
    """Rows of the questions sheet (selection, minimum requirements) and of the award sheet."""
    questions: list[list[object]] = []
    award: list[list[object]] = []
    lots: list[object] = []
    for number, c in criteria:
        kind = c.kind
        verification = fill_text(tender, c, c.verification)
        clause = fill_clause(tender, c).text
        when = ", ".join(row_moments(kind, verification))
        if tender.lots:
            lots = [lot_ids(tender, c.id)]
        if kind in (Kind.SELECTION, Kind.REQUIREMENT) or asked_at_bid(kind, clause, verification):
            answer = ("UEA" if kind == Kind.SELECTION  # no papers at submission: the intended winner's, later
                      else "upload" if kind == Kind.CONTRACT else answer_type(verification))
            questions.append([number, kind.label_nl.lower(), c.title, clause, answer, verification, when, c.id,
                              *lots])
        elif kind == Kind.AWARD:
            award.extend(_award_rows(tender, number, c, clause, verification, when))
    return questions, award


def _award_rows(tender: Tender, number: str, c: Criterion, clause: str, verification: str,
                when: str) -> list[list[object]]:
    """An award criterion's rows: one per lot that scores it, each with that lot's weight and scoring text (the
    leidraad's per-lot weighting), or one row without lots."""
    scoring_type = str(c.scoring_type) if c.scoring_type is not None else ""
    rows: list[list[object]] = []
    for lot in tender.effective_lots():
        if c.id not in lot.criterion_ids():
            continue
        view = tender.for_lot(lot.id)
        entry = view.entry(c.id)
        weight = entry.weight if entry is not None else None
        rows.append([number, c.title, clause, scoring_in_words(view, c), scoring_type, weight, verification, c.id,
                     when, *([lot.id] if tender.lots else [])])
    return rows


def _price_rows(tender: Tender, criteria: list[tuple[str, Criterion]]) -> list[list[object]]:
    """The price's row per lot: its own weight and price rule, as the leidraad's weighting table per lot."""
    from .award_text import discount_names, price_rule_text

    basis = " ".join("".join(r.text for r in b.runs) for b in price_basis(tender) if isinstance(b, Paragraph))
    rows: list[list[object]] = []
    for lot in tender.effective_lots():
        view = tender.for_lot(lot.id)
        rows.append(["Prijs", "Prijs", f"De prijzen per eenheid in {PRIJSFORMULIER}. " + basis,
                     price_rule_text(view, discount_names(
                         [(n, c) for n, c in criteria if c.kind == Kind.AWARD and c.id in lot.criterion_ids()])),
                     view.price_rule, view.price_weight, PRIJSFORMULIER, "",
                     "bij inschrijving", *([lot.id] if tender.lots else [])])
    return rows


def scoring_in_words(tender: Tender, c: Criterion) -> str:
    """The award criterion's scoring exactly as the leidraad states it: scale, formula, explanation and weight."""
    from .award_text import criterion_scoring

    lines: list[str] = []
    for b in criterion_scoring(tender, c):
        if isinstance(b, Paragraph):
            lines.append("".join(r.text for r in b.runs))
        elif isinstance(b, Table):
            lines.extend(f"{row[0]} {b.header[0].lower()}: {row[1]}" for row in b.rows)
    return "\n".join(lines)


def write_eisenlijst(tender: Tender, criteria: list[tuple[str, Criterion]], out: Path, user: str = "",
                     concept: bool = False) -> None:
    """eisenlijst.xlsx: the questionnaire as platforms load it, and the award criteria with their scoring."""
    from openpyxl import Workbook

    questions, award = eisenlijst_rows(tender, criteria)
    wb = Workbook()
    lot_column = ["Perceel"] if tender.lots else []
    _sheet(wb, "Eisen", ["Nr.", "Soort", "Onderwerp", "Vraag aan de inschrijver", "Antwoordtype", "Bewijsmiddel",
                         "Moment", "Kenmerk", *lot_column], questions, [7, 16, 30, 70, 11, 50, 20, 12, 10], first=True)
    award_rows = _price_rows(tender, criteria) + award
    if tender.lots:  # per lot: its price, then its award criteria with its own weights
        order = {lot.id: i for i, lot in enumerate(tender.lots)}
        award_rows.sort(key=lambda row: order.get(str(row[-1]), len(order)))
    _sheet(wb, "Gunningscriteria", ["Nr.", "Criterium", "Wat de inschrijver beschrijft of aanbiedt", "Beoordeling",
                                    "Beoordelingstype", "Weging (%)", "Bewijsmiddel", "Kenmerk", "Moment",
                                    *lot_column], award_rows, [7, 30, 60, 50, 16, 11, 45, 12, 20, 10])
    write_output(out, _workbook_bytes(wb, f"Eisenlijst – {tender.title}", tender.organisation, user,
                                      concept))


def write_prijsformulier(tender: Tender, out: Path, user: str = "", concept: bool = False) -> None:
    """prijsformulier.xlsx: per lot the buyer's posts, units and fictitious quantities, the bidder's unit prices, and
    formulas for each amount and the total (the evaluation price). Only the unit prices are open to the bidder."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, Protection

    wb = Workbook()
    lots = tender.effective_lots()
    for index, lot in enumerate(lots):
        title = "Prijsformulier" if len(lots) == 1 else f"Perceel {lot.id}"[:31]
        ws = _sheet(wb, title, PRICE_COLUMNS, [[i] for i in range(1, PRICE_POSTS + 1)], [7, 50, 14, 14, 18, 18],
                    first=index == 0)
        ws.auto_filter.ref = None
        last = PRICE_POSTS + 1
        for row in range(2, last + 1):
            set_formula(ws, row, 6, f"=D{row}*E{row}")
            ws.cell(row=row, column=5).protection = Protection(locked=False)  # the bidder's column
        total = last + 1
        set_cell(ws, total, 2, PRICE_TOTAL).font = Font(bold=True)
        set_formula(ws, total, 6, f"=SUM(F2:F{last})").font = Font(bold=True)
        for row, note in enumerate(price_form_notes(tender), start=total + 2):
            set_cell(ws, row, 2, note)
        ws.protection.sheet = True  # no password: the buyer lifts it to fill in the posts, then sets it again
    write_output(out, _workbook_bytes(wb, f"Prijsformulier – {tender.title}", tender.organisation, user,
                                      concept))


def price_form_notes(tender: Tender) -> list[str]:
    """The explanation under the price sheet, as the leidraad states it."""
    notes = [f"{capitalise(procedure_party(tender))} vult vóór publicatie de posten, eenheden en fictieve hoeveelheden "
             "in; de inschrijver "
             "vult alleen de kolom 'Prijs per eenheid' in. De andere cellen zijn beveiligd (zonder wachtwoord).",
             "De fictieve hoeveelheden dienen alleen om de inschrijvingen op dezelfde manier te vergelijken; ze zijn "
             "geen toezegging van afname."]
    if tender.framework_agreement:
        notes.append(framework_sentence(tender))
    return notes


def framework_sentence(tender: Tender) -> str:
    """A framework agreement's maximum, as the leidraad and the price form state it (art. 2.140 Aw: its scope)."""
    start = ("Dit zijn raamovereenkomsten" if several_agreements(tender) else "Dit is een raamovereenkomst")
    scope = framework_scope(tender)
    if tender.maximum_value_eur is None:
        return f"{start}; de maximale waarde over de hele looptijd, met opties, is [in te vullen] exclusief btw{scope}."
    return (f"{start}; de maximale waarde over de hele looptijd, met opties, is "
            f"{euro(tender.maximum_value_eur)} exclusief btw{scope}. Daarboven wordt niet afgenomen.")


def price_basis(tender: Tender) -> list[Block]:
    """The leidraad's section on how the evaluation price is formed from the price form."""
    blocks: list[Block] = [Heading("Beoordelingsprijs en prijsformulier", 2, "")]
    if tender.fixed_budget_eur is not None:
        blocks.append(text(f"De opdracht heeft een vaste prijs van {euro(tender.fixed_budget_eur)} exclusief btw. De "
                           f"inschrijver vult in het prijsformulier ({PRIJSFORMULIER}) de opbouw van die prijs in; "
                           "die telt niet mee in de beoordeling."))
    else:
        # the inschrijvingsprijs: the beoordelingsprijs is that price after any fictieve kortingen (award_text)
        blocks.append(text(f"De inschrijvingsprijs, waarvan de beoordelingsprijs uitgaat, is het totaal van het "
                           f"prijsformulier ({PRIJSFORMULIER}): per post "
                           "de prijs per eenheid maal de fictieve hoeveelheid, opgeteld over alle posten, in euro "
                           "exclusief btw" + (", per perceel" if len(tender.effective_lots()) > 1 else "") + ". De "
                           "fictieve hoeveelheden dienen alleen om de inschrijvingen op dezelfde manier te "
                           "vergelijken; ze zijn geen toezegging van afname. De inschrijver vult alleen de prijzen "
                           "per eenheid in; een negatieve prijs is niet toegestaan."))
    if tender.framework_agreement:
        sentence = framework_sentence(tender)
        if tender.maximum_value_eur is None:
            head, _, tail = sentence.partition("[in te vullen]")
            blocks.append(Paragraph([Run(head), Run("[in te vullen]", gap=True, field="maximum_value_eur"), Run(tail)]))
        else:
            blocks.append(text(sentence))
    return blocks


def borgingsplan_rows(tender: Tender, criteria: list[tuple[str, Criterion]]) -> list[list[object]]:
    """Per criterion: what is checked, with which evidence, when, by whom, and what follows when it fails."""
    rows: list[list[object]] = []
    penalty = penalty_clause(tender, [c for _, c in criteria])
    penalty_number = next((n for n, c in criteria if c is penalty), None)
    for number, c in criteria:
        kind = c.kind
        verification = fill_text(tender, c, c.verification)
        found = row_moments(kind, verification)
        who = WHO[kind]
        if kind != Kind.CONTRACT and not set(found) <= {"bij inschrijving", "voor gunning"}:
            who = f"{who} (bij gunning), daarna contractmanager"  # checked again during the contract
        clause = fill_clause(tender, c).text
        follows = consequence(kind, penalty_number if _penalised(tender, c, penalty) else None, penalty_terms(clause))
        if kind == Kind.REQUIREMENT and not set(found) <= BEFORE_AWARD:  # also checked at delivery or later
            follows = CHECKED_AGAIN
        rows.append([number, kind.label_nl.lower(), c.title, clause, verification or "–",
                     ", ".join(found), who, follows,
                     c.id,
                     *([lot_ids(tender, c.id)] if tender.lots else [])])
    return rows


def _penalised(tender: Tender, c: Criterion, penalty: Criterion | None) -> bool:
    """Whether the penalty clause covers this row: every award offer, and a contract clause that refers to it."""
    if penalty is None or c is penalty:
        return False
    return c.kind == Kind.AWARD or bool(PENALTY_REFERENCE_RE.search(f"{fill_clause(tender, c).text} {c.verification}"))


def write_borgingsplan(tender: Tender, criteria: list[tuple[str, Criterion]], package_name: str, out: Path,
                       user: str = "", concept: bool = False) -> None:
    """borgingsplan.xlsx: the verification plan, and the supplier's yearly data sheet for the circularity report."""
    from openpyxl import Workbook

    wb = Workbook()
    _sheet(wb, "Borgingsplan", ["Nr.", "Soort", "Criterium", "Wat wordt gecontroleerd", "Bewijsmiddel", "Wanneer",
                                "Door wie", "Gevolg bij niet voldoen", "Kenmerk", *(["Perceel"] if tender.lots else [])],
           borgingsplan_rows(tender, criteria), [7, 16, 30, 60, 50, 22, 20, 40, 12, 10], first=True)
    years = max(1, math.ceil((tender.max_term_months() or 12) / 12))  # options included: the longest it may run
    supplier = [[tender.title, buyer, package_name, year, indicator, unit, None, ""] for buyer in supplier_buyers(tender)
                for year in range(1, years + 1) for indicator, unit in SUPPLIER_INDICATORS]
    _sheet(wb, SUPPLIER_SHEET, SUPPLIER_COLUMNS, supplier, [34, 24, 22, 12, 44, 9, 10, 40])
    write_output(out, _workbook_bytes(wb, f"Borgingsplan – {tender.title}", tender.organisation, user,
                                      concept))


def supplier_buyers(tender: Tender) -> list[str]:
    """Whom the supplier reports to: every participant of a joint tender (each monitors its own agreement), else
    the organisation."""
    if tender.is_joint():
        return [p.name for p in tender.participants]
    return [tender.organisation]


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
    for b in blocks:  # only a heading that gets a number is copied: the other blocks are shared, never changed
        if isinstance(b, Heading) and b.level == 1 and not b.number.startswith("Bijlage"):
            chapter, section = chapter + 1, 0
            b = dataclasses.replace(b, number=str(chapter))
            by_kind = False
        elif isinstance(b, Heading) and b.level == 2 and b.number[:2] in KIND_CODES.values():
            by_kind = True
        elif isinstance(b, Heading) and b.level == 2 and not by_kind and (not b.number or b.number[0].isdigit()):
            section += 1
            b = dataclasses.replace(b, number=f"{chapter}.{section}")
        out.append(b)
    return out


def _annex(blocks: list[Block], letter: str) -> list[Block]:
    """A part as an annex: page break, 'Bijlage X' heading."""
    if not blocks:
        return []
    head = blocks[0]
    assert isinstance(head, Heading)
    return [PageBreak(), dataclasses.replace(head, number=f"Bijlage {letter}"), *blocks[1:]]


def _evidence_for(parts: dict[str, list[Block]], codes: tuple[str, ...]) -> list[Block]:
    """The evidence annex with only the rows of these kinds (GE, ME, ...)."""
    # the leidraad describes the monstertoets in its procedure chapter; the programma van eisen points there
    part = [dataclasses.replace(b, rows=[r for r in b.rows if r[0].startswith(codes)]) if isinstance(b, Table) else b
            for b in parts.get("bewijsmiddelen", []) if not is_sample_note(b)]
    return part if any(isinstance(b, Table) and b.rows for b in part) else []


def _cover(plan: DocumentPlan, subtitle: str) -> list[Block]:
    cover = copy.deepcopy(plan.cover)
    for b in cover:
        if isinstance(b, Paragraph) and b.style == Style.SUBTITLE:
            b.runs[0].text = f"CONCEPT – {subtitle.lower()}, niet voor publicatie" if plan.concept else subtitle
    return cover


def _document(plan: DocumentPlan, subtitle: str, body: list[Block]) -> DocumentPlan:
    doc = DocumentPlan(plan.title, plan.organisation, plan.date_text, concept=plan.concept)
    doc.fields = {**plan.fields, "documenttype": subtitle.split(":")[0]}  # each document's own title and footer
    doc.cover = _cover(plan, subtitle)
    doc.body = [text("Inhoudsopgave", Style.TOC_HEADING), Toc(levels=2), PageBreak(), *_renumber(body)]
    return doc


def set_plans(tender: Tender, library: Library, today: date | None = None,
              concept: bool = False) -> dict[str, DocumentPlan]:
    """The three Word documents of the set as plans, cut from one plan whose criteria are numbered by kind."""
    library = remembered(library)
    plan = build_plan(tender, library, today=today, concept=concept, numbering="kind")
    parts = split_parts(plan.body)
    procedure = PROCEDURES[tender.procedure][0]
    related = text(f"Bij deze leidraad horen het {PVE.removesuffix('.docx').replace('-', ' ')} "
                   f"({PVE}), de contractbijlage ({CONTRACT}), de eisenlijst voor het inkoopplatform ({EISENLIJST}), "
                   f"het prijsformulier ({PRIJSFORMULIER}) en het borgingsplan ({BORGINGSPLAN}).")
    inleiding: list[Block] = [*parts.get("inleiding", []), related]
    award_part = parts.get("gunningscriteria", [])
    criteria = _numbered(tender, library)  # once: each call reads the chosen criteria from the library again
    counts = {kind: sum(1 for _, c in criteria if c.kind == kind) for kind in KIND_ORDER}
    samples = [n for n, c in criteria if asks_samples(fill_text(tender, c, c.verification))]
    leidraad: list[Block] = [*inleiding, *procedure_blocks(tender, procedure, samples),
                             *parts.get("geschiktheidseisen", []),
                             *pointer(Kind.REQUIREMENT, counts[Kind.REQUIREMENT]), *award_part, *price_basis(tender),
                             *pointer(Kind.CONTRACT, counts[Kind.CONTRACT])]
    parts["bijlagen"] = set_annexes(parts.get("bijlagen", []), tender)
    letters = iter("ABCDE")
    leidraad += _annex(_evidence_for(parts, ("GE", "GC")), next(letters))
    leidraad += _annex(parts["bijlagen"], next(letters))
    spec = fact_run(tender, "functionele_specificatie")
    pve_intro: list[Block] = [Heading("Inleiding", 1, ""), text(
        f"Dit programma van eisen hoort bij de aanbestedingsleidraad van '{tender.title}'. Het bevat de circulaire "
        "eisen: de minimumeisen waaraan elke inschrijving voldoet. Bijlage A zegt per eis met welk bewijs de "
        "inschrijver aantoont dat hij eraan voldoet."), Paragraph([
            Run(f"Samen met de functionele specificatie van de opdracht, die {procedure_party(tender)} zelf opstelt, "
                "vormt dit document het volledige programma van eisen. De functionele specificatie: "), spec, Run(".")])]
    letters = iter("ABCDE")
    pve_evidence = _evidence_for(parts, ("ME",))
    if pve_evidence and any(n.startswith("ME") for n in samples):
        pve_evidence.append(labelled(SAMPLE_HEADING, f"hoe, wanneer en door wie monsters worden getoetst en wat volgt "
                                     f"als een monster niet voldoet, staat in de aanbestedingsleidraad ({LEIDRAAD}), "
                                     f"hoofdstuk Procedure en planning, paragraaf {SAMPLE_HEADING}."))
    pve: list[Block] = [*pve_intro, *parts.get("minimumeisen", []), *_annex(pve_evidence, next(letters))]
    contract_intro: list[Block] = [Heading("Inleiding", 1, ""), text(
        f"Deze bijlage hoort bij {agreement(tender)} voor '{tender.title}'. Zij bevat de circulaire contractbepalingen "
        f"en het borgingsplan: hoe {contract_party(tender)} tijdens de looptijd controleert of alle eisen en beloften worden "
        f"nagekomen. Het borgingsplan staat ook in {BORGINGSPLAN}, met het blad voor de jaarlijkse "
        "leveranciersgegevens; bij verschil gaat het borgingsplan in deze bijlage voor.")]
    plan_rows = [[str(r[i]) for i in (0, 2, 4, 5, 6, 7)] for r in borgingsplan_rows(tender, criteria)]
    # the consequences stand in the contract annex itself, which the order of precedence names (the workbook is
    # a working copy): found by a lawyer's read, the sanctions were only in the workbook
    borging: list[Block] = [Heading("Borgingsplan", 1, ""),
               text("Per criterium: met welk bewijs, wanneer en door wie wordt gecontroleerd, en wat volgt als niet "
                    f"wordt voldaan. {REPAIR_TERM}"),
               Table(["Nr.", "Criterium", "Bewijsmiddel", "Wanneer", "Door wie", "Gevolg bij niet voldoen"],
                     plan_rows, [0.7, 1.4, 2.4, 1.3, 1.0, 1.8])]
    # This document has no evidence annex: its borgingsplan says how each clause is checked.
    clauses = [dataclasses.replace(b, runs=[dataclasses.replace(r, text=r.text.replace(
        "zie Bewijsmiddelen, ", "zie het borgingsplan, ")) for r in b.runs]) if isinstance(b, Paragraph) else b
        for b in parts.get("contractbepalingen", [])]
    contract: list[Block] = [*contract_intro, *binding_offer(parts, tender), *clauses, *borging]
    return {LEIDRAAD: _document(plan, "Aanbestedingsleidraad", leidraad),
            PVE: _document(plan, "Programma van eisen", pve),
            CONTRACT: _document(plan, "Contractbijlage: circulaire bepalingen en borgingsplan", contract)}


# A clause that says what holds after the agreement ends: "na het einde van de overeenkomst", "gedurende de looptijd
# en ten minste 24 maanden daarna", "bij het einde van de overeenkomst", a term counted from delivery that outruns
# the agreement ("5 jaar na levering"), or that sets a take-back or buy-back duty ("neemt ... terug": what was handed
# in before the end is still collected, processed and reported after it). Found by the exploratory run: the noun
# "terugnameverplichting" named CB4 and CB5, which only refer to that duty, and ME5's 24 months after the term was
# missed.
SURVIVING_RE = re.compile(r"\b(?:neemt|koopt)\b[^.]{0,240}\bterug\b|"
    r"(?:na|bij|vanaf|aan) (?:het )?(?:einde|afloop|beëindiging) van de (?:overeenkomst|looptijd|contractperiode)"
    r"|\b(?:looptijd|overeenkomst)\b[^.;]{0,160}\bdaarna\b"
    r"|\b(?:\d+|\[[^]]*\])\s+(?:jaar|jaren|maanden)\s+na\s+(?:de\s+)?(?:laatste\s+)?(?:levering|datum van|"
    r"het einde van de productie|demontage)", re.IGNORECASE)


def binding_offer(parts: dict[str, list[Block]], tender: Tender) -> list[Block]:
    """The contract annex's chapter that makes the bid part of the contract and lets lasting obligations survive it."""
    offered = [b for b in parts.get("gunningscriteria", []) if isinstance(b, Heading) and b.level == 2
               and b.number.startswith(KIND_CODES[Kind.AWARD])]
    lasting: list[str] = []
    for key in ("minimumeisen", "gunningscriteria", "contractbepalingen"):
        current = ""
        for b in parts.get(key, []):
            if isinstance(b, Heading) and b.level == 2:
                current = b.number
            elif current and isinstance(b, Paragraph) and b.style == Style.CLAUSE and current not in lasting \
                    and SURVIVING_RE.search("".join(r.text for r in b.runs)):
                lasting.append(current)
    named = "; ".join(f"{h.number} {re.sub(r' [(][0-9]+%[)]$', '', h.text)}" for h in offered)  # without weight
    blocks: list[Block] = [
        Heading("Inschrijving en nawerking", 1, ""),
        text("De inschrijving van de opdrachtnemer maakt deel uit van de overeenkomst. Wat de opdrachtnemer heeft "
             "aangeboden, " + (f"ook op de gunningscriteria ({named}), " if named else "") + "geldt als zijn "
             f"verplichting onder de overeenkomst gedurende de hele looptijd; {contract_party(tender)} controleert "
             "het volgens het borgingsplan. " + contract_precedence()),
        text("Verplichtingen die naar hun aard bedoeld zijn om na het einde van de overeenkomst door te lopen, "
             "blijven daarna van kracht: garantie, levering van onderdelen, terugname en terugkoop na afloop van de "
             "looptijd, en de rapportage daarover" + (f" (in deze aanbesteding in elk geval {and_list(lasting)})"
                                                     if lasting else "") + "."),
    ]
    return blocks


def pointer(kind: Kind, n: int) -> list[Block]:
    """The leidraad's short chapter for the requirements or contract clauses that live in their own document, so a
    house style's {{minimumeisen}} and {{contractbepalingen}} never stand empty."""
    code = KIND_CODES[kind]
    numbers = f"{code}1" if n == 1 else f"{code}1 tot en met {code}{n}"
    if kind == Kind.REQUIREMENT:
        body = (f"De minimumeisen staan in het programma van eisen ({PVE}), genummerd {numbers}. Een inschrijving "
                "die niet aan een minimumeis voldoet, is ongeldig." if n else
                f"Deze aanbesteding stelt geen aanvullende circulaire minimumeisen; het programma van eisen ({PVE}) "
                "beschrijft de opdracht.")
        return [Heading("Programma van eisen", 1, ""), text(body)]
    body = (f"De circulaire contractbepalingen staan in de contractbijlage ({CONTRACT}), genummerd {numbers}, met het "
            "borgingsplan. De contractbijlage wordt deel van de overeenkomst, net als de inschrijving." if n else
            f"De contractbijlage ({CONTRACT}) maakt de inschrijving deel van de overeenkomst en bevat het borgingsplan.")
    return [Heading("Contractbepalingen", 1, ""), text(body)]


def set_annexes(part: list[Block], tender: Tender) -> list[Block]:
    """The annex listing the stukken of the set: its own price form, the documents the leidraad and the programma van
    eisen themselves name (conceptovereenkomst, inkoopvoorwaarden, functionele specificatie) and every stuk a
    criterion names (never empty)."""
    party = procedure_party(tender)
    form = ["Prijsformulier", f"{PRIJSFORMULIER} in deze set: {party} vult de posten, eenheden en fictieve "
            "hoeveelheden in, de inschrijver de prijzen per eenheid", "Beoordelingsprijs"]
    rows: list[list[str]] = []
    for b in part:
        if isinstance(b, Table):
            rows = [r for r in b.rows if r[0] != "Prijsformulier"]
            form[2] = next((f"Beoordelingsprijs, {r[2]}" for r in b.rows if r[0] == "Prijsformulier"), form[2])
    conditions = tender.purchase_conditions.strip() or "de inkoopvoorwaarden (in te vullen)"
    spec = str(tender.values.get("functionele_specificatie", "")).strip()
    own = [["Conceptovereenkomst", f"de overeenkomst die na de gunning wordt gesloten, met de contractbijlage "
            f"({CONTRACT}) als bijlage", "Voorwaarden en overeenkomst"],
           ["Inkoopvoorwaarden", conditions, "Voorwaarden en overeenkomst"],
           ["Functionele specificatie", f"de beschrijving van de opdracht die {party} zelf opstelt"
            + (f" ({spec})" if spec else ""), "Programma van eisen"]]
    return [Heading(BUYER_ANNEX_TITLE, 1, ""),
            text(f"De aanbestedingsstukken omvatten de volgende bijlagen. Het prijsformulier hoort bij deze set; de "
                 f"andere stukken voegt {party} toe (ze zijn niet door Tender Assistant gemaakt)."),
            Table(["Stuk", "Wat het bevat", "Genoemd bij"], [form, *own, *rows], [1.3, 3.5, 1.4])]


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
               user: str = "", to_pdf: Callable[[Path, Path], object] | None = None) -> list[Path]:
    """Write the files of the set (SET_FILES) into outdir (which must exist) as one set; templates untouched.

    to_pdf (docx, pdf), when given, makes a PDF of each Word document, part of the same set; without it the PDFs
    an earlier set left there go with the Word files they were made from, so no PDF contradicts its document.
    """

    outdir = Path(outdir)
    if not outdir.is_dir():
        raise TenderError(f"De map {outdir} bestaat niet.", en=f"The folder {outdir} does not exist.")
    pdf_names = {name: str(Path(name).with_suffix(".pdf")) for name in SET_FILES if name.endswith(".docx")}
    paths = [outdir / name for name in SET_FILES]
    if to_pdf is not None:
        paths += [outdir / name for name in pdf_names.values()]
    for p in paths:
        refuse_overwriting_input(p, {"de sjabloon": template})
        refuse_overwriting_input(p, {"de sjabloon": contract_template})
    refuse_unwritable(paths)  # said before the work of rendering, not after it
    library = remembered(library)  # the plan, the numbering and the workbooks read the same criteria
    plans = set_plans(tender, library, today=today, concept=concept)
    chosen = {LEIDRAAD: template, PVE: template, CONTRACT: contract_template or template}
    rendered: dict[str, bytes] = {}
    cleaned: dict[Path | str | None, tuple[bytes, list[str], str]] = {}  # a house style is read and cleaned once
    for own in dict.fromkeys(t for t in chosen.values() if t is not None):  # the buyer's own house styles only
        cleaned[own] = clean_template(own)
        serves = [plans[name].fields["documenttype"].lower() for name, t in chosen.items() if t == own]
        refuse_unfit(open_clean_template(cleaned[own][0], cleaned[own][2]), tender, cleaned[own][2], serves,
                     concept, notes)
    for i, (name, plan) in enumerate(plans.items()):
        if chosen[name] not in cleaned:
            cleaned[chosen[name]] = clean_template(chosen[name])
        clean, dropped, template_name = cleaned[chosen[name]]
        if notes is not None and (i == 0 or name == CONTRACT and contract_template):
            notes.extend(dropped)
        doc = open_clean_template(clean, template_name)
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
    writers[EISENLIJST] = lambda out: write_eisenlijst(tender, criteria, out, user, concept)
    writers[BORGINGSPLAN] = lambda out: write_borgingsplan(tender, criteria, package_name, out, user, concept)
    writers[INVULHULP] = lambda out: write_invulhulp(tender, library, out, user, concept)
    writers[PRIJSFORMULIER] = lambda out: write_prijsformulier(tender, out, user, concept)
    aside = {pdf: previous_pdf_name(pdf) for pdf in pdf_names.values()}
    stale: list[str] = []
    if to_pdf is not None:
        for word, pdf in pdf_names.items():
            writers[pdf] = functools.partial(_write_pdf, to_pdf, word)
    else:  # a PDF beside a replaced Word file would contradict it; it is kept under a name that says so
        stale = [name for name in pdf_names.values() if (outdir / name).is_file()]
        for name in stale:
            writers[aside[name]] = functools.partial(link_or_copy, outdir / name)
    set_folders.remember(outdir)  # before the swap: a killed export's folder is known when the app next starts
    write_set(outdir, writers, drop=stale, known=[*pdf_names.values(), *aside.values()])
    if stale and notes is not None:
        notes.append("de PDF's naast de vervangen Word-documenten heten nu "
                     f"{', '.join(repr(aside[n]) for n in stale)}: ze horen bij de vorige set")
    if progress:
        progress(1, 1)
    return paths


def previous_pdf_name(pdf: str) -> str:
    """The name a set's PDF gets when a set without PDFs replaces its Word document."""
    return f"{Path(pdf).stem} (vorige set).pdf"


def _write_pdf(to_pdf: Callable[[Path, Path], object], word: str, out: Path) -> None:
    """The PDF of the staged Word document `word`, beside it; a failure leaves the previous set as it was."""
    try:
        to_pdf(out.parent / word, out)
    except TenderError as exc:
        raise TenderError(f"{exc.message} De vorige set staat er nog volledig; er is niets gewijzigd.",
                          en=f"{exc.message_en} The previous set is still complete; nothing was changed.") from None


def _write_bytes(data: bytes, out: Path) -> None:
    write_output(out, data)


def _scaled(progress: Progress | None, index: int, total: int) -> Progress | None:
    if progress is None:
        return None
    report: Callable[[int, int], None] = progress

    def scaled(done: int, count: int) -> None:
        report(index * 100 + (100 * done // max(count, 1)), total * 100)

    return scaled
