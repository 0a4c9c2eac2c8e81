"""Spreadsheets in and out: the one writer of every workbook the app makes and the one reader of every CSV or XLSX
file it is given (library packs, bids, contract lists, supplier data sheets).

Writing. openpyxl turns any string that starts with '=' into a live formula, so a criterion or contract titled
'=HYPERLINK(...)' would become a link in an exported workbook, and Excel, LibreOffice and Google Sheets also start a
formula on '+', '-' and '@' (and after a leading tab or carriage return) when a user edits such a cell. Every value
goes through `set_cell` or `append_row` (formulas the app builds itself through `set_formula`): strings are stored as text (data type 's'), never changed, and cells that
start like a formula get Excel's "quote prefix" flag so that editing them keeps them text. Nothing is added to the
text, so reading the workbook back gives exactly what was written. A control character no cell can hold is either
refused with a clear message (the default: packs and document sets must not change their content silently) or,
where the workbook only presents data from elsewhere (monitoring reports), written escaped as '\\x07'.

Reading. A CSV file is UTF-8 with or without BOM, separated by ';' or ',' (whichever the header uses more); a
workbook is checked against the zip-bomb bounds of zip_bounds before openpyxl opens it, and its rows are read past a
<dimension> that declares too few. Rows come with their number as the user sees it in Excel, blank rows left out,
and workbook values keep their native type (numbers stay numbers, dates stay dates).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from .errors import UserError
from .files import read_regular, require_regular
from .text import NUMBER, NumberError, read_number, shown
from .zip_bounds import workbook_problem

MAX_SHEET_FILE_BYTES = 100 * 2**20  # a spreadsheet read from outside: far above any register or bids file

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# What openpyxl refuses in a cell (its ILLEGAL_CHARACTERS_RE): control characters other than tab, new line, CR.
CELL_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
NATIVE_TYPES = (int, float, bool, date, datetime, time)

Row = tuple[int, list[Any]]  # (row number as the user sees it, values)


# ---------------------------------------------------------------------- writing
def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet could take the text for a formula when a user edits or pastes it."""
    return text.startswith(FORMULA_STARTS)


def as_text(cell: Any) -> Any:
    """Make a cell that holds a string store it as text, flagged when it starts like a formula. Returns the cell."""
    if isinstance(cell.value, str):
        cell.data_type = "s"  # openpyxl made it 'f' (formula) when it starts with '='
        if looks_like_formula(cell.value):
            cell.quotePrefix = True
    return cell


def escape_control(text: str) -> str:
    """The text with every character a cell cannot hold written as \\x07, so a report shows where it was."""
    return CELL_ILLEGAL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _not_in_a_cell(value: str) -> UserError:
    return UserError(f"De tekst '{shown(value)}' bevat een stuurteken dat niet in een Excel-cel kan; verwijder het "
                     "('library check' noemt waar het staat). Er is niets geschreven.",
                     en=f"The text '{shown(value)}' holds a control character that cannot go into an Excel cell; "
                     "remove it ('library check' says where it is). Nothing was written.")


def _storable(value: Any, escape: bool) -> Any:
    """A value a cell can hold: None, a native number, date or bool as is; anything else as its text."""
    if value is None or isinstance(value, NATIVE_TYPES):
        return value
    text = value if isinstance(value, str) else str(value)
    if CELL_ILLEGAL_RE.search(text):
        if not escape:
            raise _not_in_a_cell(text)
        text = escape_control(text)
    return text


def set_cell(ws: Any, row: int, column: int, value: Any, *, escape: bool = False) -> Any:
    """Write one value into a worksheet cell; strings always as text. Returns the cell. A control character is
    written escaped with escape=True, else refused with a UserError."""
    cell = ws.cell(row=row, column=column)
    cell.value = _storable(value, escape)
    return as_text(cell)


# The only formulas the app writes: arithmetic over cell references and SUM, never text from a user or a library.
OWN_FORMULA_RE = re.compile(r"=(?:SUM\(|[A-Z]{1,3}[0-9]{1,7}|[-+*/():, ]|[0-9.])+")


def set_formula(ws: Any, row: int, column: int, formula: str) -> Any:
    """Write a formula of the app's own making ('=D2*E2', '=SUM(F2:F16)'); anything else is a programming error."""
    if not OWN_FORMULA_RE.fullmatch(formula):
        raise ValueError(f"not a formula of our own: {formula!r}")
    cell = ws.cell(row=row, column=column)
    cell.value = formula
    return cell


def append_row(ws: Any, values: Iterable[Any], *, escape: bool = False) -> None:
    """Append a row below the last one, every string as text (the safe form of ws.append; write-only sheets too).
    A control character is written escaped with escape=True, else refused with a UserError."""
    from openpyxl.cell.cell import Cell

    cells = []
    for v in values:
        v = _storable(v, escape)
        cells.append(as_text(Cell(ws, row=1, column=1, value=v)) if isinstance(v, str) else v)
    ws.append(cells)


def mark_concept(wb: Any, mark: str) -> None:
    """Mark every sheet of a workbook as a concept: `mark` in red in each page header (first, odd and even pages),
    a red sheet tab, and before the workbook's title; the cells stay as they are, so the sheets read back alike."""
    for ws in wb.worksheets:
        for header in (ws.oddHeader, ws.evenHeader, ws.firstHeader):
            header.center.text = mark
            header.center.color = "C00000"
            header.center.font = "Calibri,Bold"
            header.center.size = 14
        ws.sheet_properties.tabColor = "C00000"
    title = wb.properties.title or ""
    if not title.startswith(mark):
        wb.properties.title = f"{mark} – {title}" if title else mark


# ---------------------------------------------------------------------- reading
class SheetError(UserError):
    """Why a spreadsheet cannot be read, in Dutch and English without the file's name (the caller adds its place);
    row when one row is the cause, too_big when splitting the file would help."""

    def __init__(self, nl: str, en: str, row: int | None = None, too_big: bool = False) -> None:
        super().__init__(nl, en=en)
        self.nl, self.en, self.row, self.too_big = nl, en, row, too_big


def cell_number(value: Any, *, kind: str = NUMBER, currency: bool = False) -> float | None:
    """A cell as a number: a workbook's native number as it is (no text round trip), a text read by read_number
    with the field's kind, None for an empty cell. NumberError says why a text or a date is not a number."""
    if isinstance(value, str):
        return read_number(value, kind=kind, currency=currency) if value.strip() else None
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise NumberError(f"\"{shown(value)}\" is geen getal", f"\"{shown(value)}\" is not a number")


def all_rows(ws: Any, **kwargs: Any) -> Iterator[tuple[Any, ...]]:
    """Every row's values of a read-only worksheet. openpyxl stops at the last row the file's <dimension> declares,
    which programs other than Excel may write too small: a pack declaring 'A1:U10' imported 9 of its 477 criteria,
    silently. The rows are still bounded: the cells were counted before the workbook was opened."""
    ws.reset_dimensions()
    return ws.iter_rows(values_only=True, **kwargs)


def is_blank(values: Iterable[Any]) -> bool:
    """True for a row without a value (empty cells and cells of only spaces)."""
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def numbered_rows(ws: Any, **kwargs: Any) -> Iterator[Row]:
    """(row number, values) for every non-blank row of a read-only worksheet, past a too small <dimension>."""
    for number, values in enumerate(all_rows(ws, **kwargs), start=1):
        if not is_blank(values):
            yield number, list(values)


@contextmanager
def open_workbook(path: Path) -> Iterator[Any]:
    """A workbook opened read-only with cached values, after the zip-bomb bounds; SheetError when it must not or
    cannot be opened. Closed on leaving the block."""
    from openpyxl import load_workbook

    require_regular(path, MAX_SHEET_FILE_BYTES, ("werkboek", "workbook"), error=SheetError)  # not a pipe or device
    problem = workbook_problem(path)  # a zip bomb costs openpyxl minutes and gigabytes
    if problem is not None:
        raise SheetError(problem.nl, problem.en, too_big=problem.too_big)
    # our own handle: openpyxl leaves its file open when a sheet's XML fails half-way (its reader still holds it)
    with path.open("rb") as handle:
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not a workbook
            raise SheetError("het bestand is geen leesbaar Excel-werkboek (.xlsx)",
                             "the file is not a readable Excel workbook (.xlsx)") from None
        try:
            yield workbook
        finally:
            workbook.close()


def _csv_text(path: Path) -> str:
    try:
        return read_regular(path, MAX_SHEET_FILE_BYTES, ("CSV-bestand", "CSV file"), error=SheetError).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError("het bestand is geen UTF-8-tekst; sla het op als 'CSV UTF-8'",
                         "the file is not UTF-8 text; save it as 'CSV UTF-8'") from None
    except OSError as exc:
        raise SheetError(f"het bestand kan niet worden gelezen ({exc.strerror})",
                         f"the file cannot be read ({exc.strerror})") from None


def csv_delimiter(text: str) -> str:
    """';' when the first line holds more semicolons than commas (Dutch Excel), else ','."""
    end = text.find("\n")
    first_line = text if end < 0 else text[:end]
    return ";" if first_line.count(";") > first_line.count(",") else ","


def csv_rows(path: Path) -> list[Row]:
    """(row number, texts) for every non-blank record of a CSV file; SheetError names the row it cannot read."""
    text = _csv_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text))
    rows: list[Row] = []
    number = 0
    try:
        for number, values in enumerate(reader, start=1):  # number also names the row of a csv.Error
            if not is_blank(values):
                rows.append((number, list(values)))
    except csv.Error as exc:
        raise SheetError(f"onleesbare CSV ({shown(str(exc), 120)})", f"unreadable CSV ({shown(str(exc), 120)})",
                         row=number + 1) from None
    return rows


def _known_type(path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise SheetError(f"onbekend bestandstype '{shown(suffix)}'; kies .csv of .xlsx",
                         f"unknown file type '{shown(suffix)}'; choose .csv or .xlsx")


def read_rows(path: Path, sheet: str | None = None) -> list[Row]:
    """(row number, values) for every non-blank row of a .csv file or of a workbook's sheet (the first unless
    named); SheetError for a file that cannot be read, an unknown type or a missing sheet."""
    if path.suffix.lower() == ".csv":
        return csv_rows(path)
    _known_type(path)
    with open_workbook(path) as workbook:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise SheetError(f"het werkboek heeft geen blad '{shown(sheet)}'",
                             f"the workbook has no sheet '{shown(sheet)}'")
        ws = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        try:
            return list(numbered_rows(ws))
        except UserError:
            raise
        except Exception:  # noqa: BLE001 - openpyxl raises what its XML and zip layers raise on a damaged part
            raise SheetError("het Excel-werkboek is beschadigd en kan niet worden gelezen",
                             "the Excel workbook is damaged and cannot be read") from None


def header_row(path: Path) -> list[str]:
    """The first non-blank row of a CSV file or a workbook's first sheet as trimmed texts (for a column-mapping
    dialog); only that row is read. SheetError as read_rows."""
    if path.suffix.lower() == ".csv":
        text = _csv_text(path)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text))
        try:
            first = next((values for values in reader if not is_blank(values)), [])
        except csv.Error as exc:
            raise SheetError(f"onleesbare CSV ({shown(str(exc), 120)})", f"unreadable CSV ({shown(str(exc), 120)})",
                             row=1) from None
    else:
        _known_type(path)
        with open_workbook(path) as workbook:
            first = next((values for _, values in numbered_rows(workbook.worksheets[0])), [])
    return [str(v).strip() for v in first if v is not None]
