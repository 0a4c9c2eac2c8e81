"""The one spreadsheet writer and reader (issue 18 item 4): text stays text, control characters are refused or
escaped on purpose, and CSV and XLSX files are read the same way with the row numbers a user sees."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from criteria_library.infra.errors import UserError
from criteria_library.infra.spreadsheets import SheetError, append_row, header_row, read_rows, set_cell

LINK = '=HYPERLINK("http://evil.example","klik")'


def _saved(tmp_path: Path, fill) -> openpyxl.worksheet.worksheet.Worksheet:
    wb = openpyxl.Workbook()
    fill(wb.active)
    wb.save(tmp_path / "out.xlsx")
    return openpyxl.load_workbook(tmp_path / "out.xlsx").active


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    ws = _saved(tmp_path, lambda ws: (set_cell(ws, 1, 1, LINK), append_row(ws, ["+31 20 123", 7, None, "@x"])))
    assert ws["A1"].value == LINK and ws["A1"].data_type == "s" and ws["A1"].quotePrefix
    assert [c.value for c in ws[2]] == ["+31 20 123", 7, None, "@x"]
    assert ws["B2"].data_type == "n" and ws["A2"].quotePrefix


def test_a_control_character_is_refused_unless_the_caller_escapes_it(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    with pytest.raises(UserError, match="stuurteken"):
        set_cell(wb.active, 1, 1, "bel\x07")
    with pytest.raises(UserError, match="stuurteken"):
        append_row(wb.active, ["ok", "bel\x07"])
    ws = _saved(tmp_path, lambda ws: (set_cell(ws, 1, 1, "bel\x07 mij", escape=True),
                                      append_row(ws, ["=a\x1b"], escape=True)))
    assert ws["A1"].value == "bel\\x07 mij" and ws["A2"].value == "=a\\x1b" and ws["A2"].data_type == "s"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
@pytest.mark.parametrize("sep", [";", ","])
def test_csv_with_or_without_bom_and_either_separator(tmp_path: Path, encoding: str, sep: str) -> None:
    path = tmp_path / "lijst.csv"
    path.write_text(sep.join(["naam", "prijs"]) + "\n\n" + sep.join(["A", '"1,5"']) + "\n", encoding=encoding)
    assert read_rows(path) == [(1, ["naam", "prijs"]), (3, ["A", "1,5"])]  # the blank row keeps its number
    assert header_row(path) == ["naam", "prijs"]


def test_xlsx_rows_keep_native_values_and_their_numbers(tmp_path: Path) -> None:
    path = tmp_path / "lijst.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["naam", "prijs", "datum"])
    ws.append([])
    ws.append(["A", 1250000.5, datetime(2025, 3, 1)])
    wb.save(path)
    assert read_rows(path) == [(1, ["naam", "prijs", "datum"]), (3, ["A", 1250000.5, datetime(2025, 3, 1)])]
    assert header_row(path) == ["naam", "prijs", "datum"]


def test_a_csv_field_too_long_for_the_reader_is_a_clear_error_with_its_row(tmp_path: Path) -> None:
    """A field over 131,072 characters was an unexpected error in 'monitor import' (issue 25 item 16)."""
    path = tmp_path / "lijst.csv"
    path.write_text("naam;titel\nA;kort\nB;\"" + "x" * 140_000 + "\"\n", encoding="utf-8")
    with pytest.raises(SheetError, match="onleesbare CSV") as err:
        read_rows(path)
    assert err.value.row == 3


def test_what_is_not_a_spreadsheet_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").write_bytes(b"not a zip")
    (tmp_path / "a.csv").write_bytes(b"\xff\xfe bad")
    (tmp_path / "a.ods").write_bytes(b"")
    for name, words in (("a.xlsx", "geen leesbaar Excel-werkboek"), ("a.csv", "UTF-8"), ("a.ods", "bestandstype")):
        with pytest.raises(SheetError, match=words):
            read_rows(tmp_path / name)
    wb = openpyxl.Workbook()
    wb.save(tmp_path / "b.xlsx")
    with pytest.raises(SheetError, match="geen blad 'Leveranciersgegevens'"):
        read_rows(tmp_path / "b.xlsx", sheet="Leveranciersgegevens")


def test_the_app_reads_and_writes_cells_only_through_this_module() -> None:
    """One writer and one reader (issue 18 item 4): a cell written with ws.cell(value=...) or ws['A1'] = ... became a
    live formula in the monitoring report; a second CSV or workbook reader lacks the BOM, the zip-bomb bound or the
    row numbers."""
    import re

    root = Path(__file__).resolve().parents[4]
    assert (root / "criteria_library" / "infra").is_dir(), root  # a wrong root would find nothing and pass
    patterns = {"a cell written directly": re.compile(
                    r"\.cell\([^)]*value=|\w\[[\"'][A-Z]+\d+[\"']\]\s*=[^=]|\bcell\.value\s*=[^=]"),
                "a second workbook reader": re.compile(r"load_workbook\(|\.iter_rows\("),
                "a second CSV reader": re.compile(r"csv\.(reader|DictReader)\(|utf-8-sig\"\)\.split")}
    sources = [p for folder in ("criteria_library", "tender_assistant", "ui") for p in (root / folder).rglob("*.py")]
    found = [f"{path.relative_to(root)}: {what}" for path in [*sources, root / "main.py"]
             if path.name != "spreadsheets.py" and path.name != "cpv.py"  # cpv.py reads our own shipped CSV
             for what, pattern in patterns.items() if pattern.search(path.read_text(encoding="utf-8"))]
    assert found == []


def test_mark_concept_heads_every_sheet_and_leaves_the_cells_alone():
    from openpyxl import Workbook

    from criteria_library.infra.spreadsheets import mark_concept

    wb = Workbook()
    wb.active.title = "Eisen"
    wb.active["A1"] = "Nr."
    wb.create_sheet("Gunningscriteria")
    wb.properties.title = "Eisenlijst"
    mark_concept(wb, "CONCEPT")
    mark_concept(wb, "CONCEPT")  # twice: still one mark in the title
    assert [ws.oddHeader.center.text for ws in wb.worksheets] == ["CONCEPT", "CONCEPT"]
    assert wb.properties.title == "CONCEPT – Eisenlijst" and wb["Eisen"]["A1"].value == "Nr."
    assert wb.sheetnames == ["Eisen", "Gunningscriteria"]
