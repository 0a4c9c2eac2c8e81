"""Every workbook a user hands us (bids, a contract register, a supplier's data sheet) is checked for zip bombs before
openpyxl opens it, as library packs are: a clear Dutch message instead of minutes of parsing and gigabytes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from criteria_library.infra import zip_bounds
from criteria_library.infra.errors import UserError
from tender_assistant.documents.document_set import read_supplier_data
from tender_assistant.monitoring.importer import headers_of, read_rows
from tender_assistant.scoring import ScoringSetup
from tender_assistant.simulate import read_bids


def _workbook(path: Path, rows: int, cols: int) -> Path:
    wb = Workbook()
    ws = wb.active
    for r in range(rows):
        ws.append([f"r{r}c{c}" if r == 0 else r * cols + c for c in range(cols)])
    wb.save(path)
    return path


READERS = {
    "inschrijvingen": lambda p: read_bids(p, ScoringSetup(price_weight=100, criteria=())),
    "contractregister": read_rows,
    "kolomkoppen": headers_of,
    "leveranciersgegevens": read_supplier_data,
}


@pytest.mark.parametrize("reader", list(READERS))
def test_a_workbook_with_too_many_cells_is_refused_before_openpyxl(tmp_path, monkeypatch, reader) -> None:
    bomb = _workbook(tmp_path / "bom.xlsx", 40, 10)
    monkeypatch.setattr(zip_bounds, "MAX_XLSX_CELLS", 100)

    def no_openpyxl(*args, **kwargs):
        raise AssertionError("openpyxl was reached")

    monkeypatch.setattr("openpyxl.load_workbook", no_openpyxl)
    monkeypatch.setattr("openpyxl.reader.excel.load_workbook", no_openpyxl)
    with pytest.raises(UserError, match=r"bom\.xlsx.*te veel cellen \(meer dan 100\)"):
        READERS[reader](bomb)


@pytest.mark.parametrize("reader", list(READERS))
def test_a_part_that_unpacks_suspiciously_far_is_refused(tmp_path, reader) -> None:
    good = _workbook(tmp_path / "goed.xlsx", 3, 3)
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr("xl/media/opvulling.bin", b"\0" * (8 * 2**20))  # 8 MB of zeros pack to 8 KB
    with pytest.raises(UserError, match="pakt verdacht sterk uit"):
        READERS[reader](bomb)


def test_a_stale_dimension_does_not_hide_rows(tmp_path) -> None:
    """Bids and register rows past a too-small <dimension> were silently left out."""
    import re

    path = _workbook(tmp_path / "lijst.xlsx", 6, 3)
    small = tmp_path / "klein.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(small, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:C2"/>', data)
            zout.writestr(info.filename, data)
    assert len(read_rows(small)) == len(read_rows(path)) == 5
