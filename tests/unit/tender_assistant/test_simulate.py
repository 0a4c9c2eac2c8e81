"""Reading a bids file (tender_assistant.simulate): amounts typed the English or the Dutch way, in CSV and XLSX,
are read the same, and what could be read two ways is refused with its row, column and value (issue 26)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tender_assistant.scoring import ScoringSetup
from tender_assistant.simulate import BidsFileError, read_bids
from tests.unit.criteria_library.infra.test_text import ENGLISH_AND_DUTCH_AMOUNTS

PRICE_ONLY = ScoringSetup(price_weight=100, criteria=())
GOOD = [(text, value) for text, value in ENGLISH_AND_DUTCH_AMOUNTS if value is not None]
BAD = [text for text, value in ENGLISH_AND_DUTCH_AMOUNTS if value is None]


def _csv(path: Path, prices: list[str]) -> Path:
    lines = ["inschrijver;prijs", *(f"Inschrijver {i};{p}" for i, p in enumerate(prices))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _xlsx(path: Path, prices: list[object]) -> Path:
    wb = openpyxl.Workbook()
    wb.active.append(["inschrijver", "prijs"])
    for i, p in enumerate(prices):
        wb.active.append([f"Inschrijver {i}", p])
    wb.save(path)
    return path


@pytest.mark.parametrize("write", [_csv, _xlsx])
def test_prices_typed_the_english_or_dutch_way_are_read_right(tmp_path: Path, write) -> None:
    """'1,000.50' was read as EUR 1,0005 and won the simulation."""
    bids = read_bids(write(tmp_path / f"bids{write.__name__.replace('_', '.')}", [t for t, _ in GOOD]), PRICE_ONLY)
    assert [b.price for b in bids] == [v for _, v in GOOD]


@pytest.mark.parametrize("write", [_csv, _xlsx])
@pytest.mark.parametrize("text", BAD)
def test_a_price_that_is_no_amount_or_could_be_read_two_ways_is_refused(tmp_path: Path, write, text: str) -> None:
    path = write(tmp_path / f"bids{write.__name__.replace('_', '.')}", ["95000", text])
    with pytest.raises(BidsFileError) as err:
        read_bids(path, PRICE_ONLY)
    assert err.value.message.startswith(f'{path.name} rij 3, kolom prijs: "{text}" is ')


def test_native_workbook_numbers_are_taken_as_numbers(tmp_path: Path) -> None:
    bids = read_bids(_xlsx(tmp_path / "bids.xlsx", [1_000.5, 250_000, 0.125]), PRICE_ONLY)
    assert [b.price for b in bids] == [1000.5, 250_000, 0.125]
