"""The bid simulator's file format: read bids from CSV or XLSX, and the JSON shape `tender simulate --json` prints.

A bids file has one row per bid and the columns `inschrijver`, `prijs` (EUR) and one column per chosen award
criterion id (punten: the points given; relatief: the offered number; fictieve_korting: the units offered, or for
a korting in euros against a plafond (an MKI) the offered value in euros, read as an amount like the price).
CSV may be comma or semicolon separated, UTF-8 with or without BOM (spreadsheets.read_rows); numbers are read by
infra.text.read_number, Dutch or English notation, and may start with "€": the price as an amount (AMOUNT), the
criteria columns as numbers whose lone separator before three digits is refused (NUMBER).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from criteria_library.infra.spreadsheets import SheetError, cell_number, read_rows
from criteria_library.infra.text import (
    AMOUNT,
    NUMBER,
    NumberError,
    escape_unprintable,
    euro,
    parse_number,
    points,
)
from criteria_library.models import DiscountScoring

from .errors import TenderError
from .scoring import Bid, BidError, InvalidBid, ScoredBid, ScoringSetup, validate_bids
from .tender import Tender
from .tender_parts import TIE_RULES

BIDDER_COLUMN = "inschrijver"
PRICE_COLUMN = "prijs"
MAX_BIDS_FILE_BYTES = 20 * 1024 * 1024


class BidsFileError(TenderError):
    """A bids file problem, with the row and column it concerns."""


def parse_amount(text: str) -> float | None:
    """A number as a buyer types it: '12,5', '1.250.000', '1.250,50', '€ 95000', '7.5'; None when it is none."""
    return parse_number(text, currency=True)


def _error(name: str, row: int | None, column: str | None, nl: str, en: str) -> BidsFileError:
    place_nl = name + (f" rij {row}" if row else "") + (f", kolom {column}" if column else "")
    place_en = name + (f" row {row}" if row else "") + (f", column {column}" if column else "")
    return BidsFileError(f"{place_nl}: {nl}", en=f"{place_en}: {en}")


def read_bids(path: Path | str, setup: ScoringSetup, lot: str | None = None) -> list[Bid]:
    """Read a bids file for a tender's (or one lot's) award criteria; BidsFileError names the row and column of a
    problem."""
    path = Path(path)
    if not path.is_file():
        raise TenderError(f"Het bestand {path} bestaat niet.", en=f"The file {path} does not exist.")
    if path.stat().st_size > MAX_BIDS_FILE_BYTES:
        raise _error(path.name, None, None, "het bestand is te groot voor een inschrijvingenbestand",
                     "the file is too large for a bids file")
    try:
        rows = read_rows(path)
    except SheetError as exc:
        raise _error(path.name, exc.row, None, exc.nl, exc.en) from None
    if not rows:
        raise _error(path.name, None, None, "het bestand is leeg", "the file is empty")
    header_row, header = rows[0]
    columns = [str(h).strip() if h is not None else "" for h in header]
    wanted = [BIDDER_COLUMN, PRICE_COLUMN] + [c.id for c in setup.criteria]
    for name in wanted:
        if name not in columns:
            raise _error(path.name, header_row, name, "deze kolom ontbreekt (kolommen: " + ", ".join(wanted) + ")",
                         "this column is missing (columns: " + ", ".join(wanted) + ")")
    for name in columns:
        if name and name not in wanted:
            raise _error(path.name, header_row, name, "dit is geen gekozen gunningscriterium van "
                         + (f"perceel {lot}" if lot else "de aanbesteding"),
                         "this is not a chosen award criterion of " + (f"lot {lot}" if lot else "the tender"))
        if name and columns.count(name) > 1:
            raise _error(path.name, header_row, name, "deze kolom staat er twee keer in", "this column occurs twice")
    index = {name: columns.index(name) for name in wanted}
    bids: list[Bid] = []
    row_numbers: list[int] = []
    bidder_at = index[BIDDER_COLUMN]
    number_columns = [(name, index[name]) for name in wanted[1:]]
    amounts = {PRICE_COLUMN} | {c.id for c in setup.discounts  # an offered MKI is euros: 380.000 is an amount
                                if isinstance(c.scoring, DiscountScoring) and c.scoring.reference is not None}
    for row_no, row in rows[1:]:
        width = len(row)
        bidder = row[bidder_at] if bidder_at < width else None
        bidder = "" if bidder is None else str(bidder).strip()
        if not bidder:
            raise _error(path.name, row_no, BIDDER_COLUMN, "de naam van de inschrijver ontbreekt",
                         "the bidder's name is missing")
        numbers: dict[str, float] = {}
        for name, i in number_columns:
            raw = row[i] if i < width else None
            try:  # Excel numbers as they are; the price is an amount in euros (1.000 is a thousand), other
                # columns refuse a text that could be read two ways (1.000, 12,500)
                value = cell_number(raw, kind=AMOUNT if name in amounts else NUMBER, currency=True)
            except NumberError as exc:
                raise _error(path.name, row_no, name, exc.nl, exc.en) from None
            if value is None:
                raise _error(path.name, row_no, name, "de waarde ontbreekt", "the value is missing")
            numbers[name] = value
        bids.append(Bid(bidder, numbers.pop(PRICE_COLUMN), numbers, row=row_no))
        row_numbers.append(row_no)
    if not bids:
        raise _error(path.name, None, None, "er staat geen enkele inschrijving in (alleen de kopregel)",
                     "there is no bid in it (only the header row)")
    try:
        validate_bids(setup, bids)  # a value the scoring cannot use is reported with its place in the file
    except BidError as exc:
        raise _error(path.name, row_numbers[exc.bid], exc.column, exc.text(), exc.text("en")) from None
    return bids


def lot_view(tender: Tender, lot_id: str | None, name: str) -> Tender:
    """The tender as the chosen lot sees it; a tender with several lots needs one, an unknown lot is refused."""
    lots = tender.effective_lots()
    if lot_id is None:
        if len(lots) > 1:
            known = ", ".join(lot.id for lot in lots)
            raise TenderError(f"{name} heeft {len(lots)} percelen ({known}); kies er een met --lot",
                              en=f"{name} has {len(lots)} lots ({known}); choose one with --lot")
        return tender
    if tender.lot(lot_id) is None:
        known = ", ".join(lot.id for lot in lots)
        raise TenderError(f"{name} heeft geen perceel \"{escape_unprintable(lot_id)}\" (percelen: {known})",
                          en=f"{name} has no lot \"{escape_unprintable(lot_id)}\" (lots: {known})")
    return tender.for_lot(lot_id)


def results_json(ranked: list[ScoredBid], invalid: Sequence[InvalidBid] = (), lang: str = "nl") -> dict[str, Any]:
    """The `--json` shape: bids best first, scores 0..1 per weighted criterion, totals on the 0-100 scale.

    `total` is rounded to two decimals as the leidraad states; `quality` is the first tie-breaker; `drawn` marks bids
    that are still equal after the tie rule (lots are drawn between them). `invalid` lists the bids the documents
    make invalid (not ranked), in file order, with the row, the column and the reason.
    """
    return {"bids": [{
        "inschrijver": b.bidder,
        "evaluation_price": round(b.evaluation_price, 2),
        "price_score": round(b.price_score, 6),
        "scores": {cid: round(s, 6) for cid, s in b.scores.items()},
        "total": b.total,
        "quality": b.quality,
        "rank": b.rank,
        "drawn": b.drawn,
    } for b in ranked], "invalid": [{
        "inschrijver": b.bidder,
        "price": b.price,
        "row": b.row,
        "column": b.column,
        "reason": b.reason_en if lang == "en" else b.reason,
    } for b in invalid]}


def results_table(setup: ScoringSetup, ranked: list[ScoredBid], lang: str = "nl",
                  invalid: Sequence[InvalidBid] = ()) -> str:
    """A plain-text ranking: rank, bidder, evaluation price, points per part and the total; invalid bids below the
    ranked ones as "ongeldig", with their reason after the table."""
    en = lang == "en"
    ids = [c.id for c in setup.weighted]
    head = ["#", "bidder" if en else "inschrijver", "evaluation price" if en else "beoordelingsprijs",
            f"{'price' if en else 'prijs'} ({setup.price_weight:g}%)"]
    head += [f"{cid} ({c.weight or 0:g}%)" for cid, c in zip(ids, setup.weighted, strict=True)]
    head.append("total" if en else "totaal")
    # a bids file comes from elsewhere: a bidder named '\x1b[31m...' must not drive the terminal
    rows = [[str(b.rank), escape_unprintable(b.bidder), euro(b.evaluation_price, cents=True), points(b.price_points)]
            + [points(b.points[cid]) for cid in ids] + [points(b.total)] for b in ranked]
    label = "invalid" if en else "ongeldig"
    rows += [[label, escape_unprintable(b.bidder)] + ["-"] * (len(head) - 2) for b in invalid]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(v.ljust(w) if i == 1 else v.rjust(w) for i, (v, w) in enumerate(zip(r, widths, strict=True)))
             for r in [head, *rows]]
    rule = ("price rule" if en else "prijsregel") + f": {setup.price_rule}"
    if setup.price_rule == "bandbreedte" and setup.price_band_percent is not None:
        rule += f" {setup.price_band_percent:g}%"
    notes = []
    if any(b.drawn for b in ranked):
        tie = TIE_RULES.get(setup.tie_rule, TIE_RULES["loting"])[1 if en else 0]
        notes.append(("Equal after the tie rule: " if en else "Gelijk na de regel voor gelijke scores: ")
                     + ", ".join(escape_unprintable(b.bidder) for b in ranked if b.drawn)
                     + (f" (rule: {tie})" if en else f" (regel: {tie})"))
    notes += [("Invalid, not ranked: " if en else "Ongeldig, niet gerangschikt: ") + escape_unprintable(b.bidder)
              + " (" + (b.reason_en if en else b.reason) + ")" for b in invalid]
    return "\n".join([rule, *lines, *notes])
