"""Cells that a spreadsheet shows as the text we wrote and never runs as a formula (CSV/formula injection).

openpyxl turns any string that starts with '=' into a live formula, so a criterion titled '=HYPERLINK(...)' would
become a link in every exported workbook, and Excel, LibreOffice and Google Sheets also start a formula on '+', '-'
and '@' (and after a leading tab or carriage return) when a user edits such a cell. Every workbook we write puts its
values through `set_cell` or `append_row`: strings are stored as text (data type 's'), never changed, and cells that
start like a formula get Excel's "quote prefix" flag so that editing them keeps them text. Nothing is added to the
text, so reading the workbook back gives exactly what was written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .errors import UserError
from .text import shown

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


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


def _not_in_a_cell(value: str) -> UserError:
    return UserError(f"De tekst '{shown(value)}' bevat een stuurteken dat niet in een Excel-cel kan; verwijder het "
                        "('library check' noemt waar het staat). Er is niets geschreven.",
                        en=f"The text '{shown(value)}' holds a control character that cannot go into an Excel cell; "
                        "remove it ('library check' says where it is). Nothing was written.")


def set_cell(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write one value into a worksheet cell; strings always as text. Returns the cell. UserError for a text
    that no cell can hold (a control character)."""
    from openpyxl.utils.exceptions import IllegalCharacterError

    cell = ws.cell(row=row, column=column)
    try:
        cell.value = value
    except IllegalCharacterError:
        raise _not_in_a_cell(value) from None
    return as_text(cell)


def append_row(ws: Any, values: Iterable[Any]) -> None:
    """Append a row below the last one, every string as text (the safe form of ws.append; write-only sheets too).
    UserError for a text that no cell can hold (a control character)."""
    from openpyxl.cell.cell import Cell
    from openpyxl.utils.exceptions import IllegalCharacterError

    cells = []
    for v in values:
        try:
            cells.append(as_text(Cell(ws, row=1, column=1, value=v)) if isinstance(v, str) else v)
        except IllegalCharacterError:
            raise _not_in_a_cell(v) from None
    ws.append(cells)
