"""'Simuleer beoordeling': made-up bids typed or loaded, scored with the tender's current weights, ranked, and a
bar chart of each bid's points per part that follows every change (of a bid or of a weight on the weights page)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from criteria_library.infra.errors import UserError
from criteria_library.infra.text import dutch_number, euro
from criteria_library.models import Criterion, DiscountScoring, Kind, PointsScoring, RelativeScoring
from tender_assistant.scoring import (
    Bid,
    BidError,
    InvalidBid,
    ScoredBid,
    ScoringSetup,
    example_bids,
    rank_bids,
    setup_for,
    weight_total,
)
from tender_assistant.simulate import parse_amount, read_bids
from tender_assistant.tender import Tender

from . import i18n
from .error_dialogs import show_user_error
from .screen_fit import fit_to_screen

# Colour per part of the score: price first, then the criteria in tender order (colour-blind friendly set).
PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#bab0ac"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("SimulatorDialog", text)


def _pts(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") if i18n.lang() != "en" else f"{value:.2f}"


class PointsChart(QWidget):
    """Horizontal stacked bars: one per bid (best first), a segment per part of the score, on a 0-100 axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_tr("Staafdiagram: punten per onderdeel"))
        self.setMinimumHeight(160)
        self.ranked: list[ScoredBid] = []
        self.parts: list[tuple[str, str]] = []  # (key, label); key "" is the price

    def set_data(self, ranked: list[ScoredBid], parts: list[tuple[str, str]]) -> None:
        """Show these bids (best first) split into these parts; repaints."""
        self.ranked, self.parts = ranked, parts
        self.setAccessibleDescription("; ".join(f"{b.rank}. {b.bidder}: {_pts(b.total)}" for b in ranked))
        self.updateGeometry()
        self.update()

    def segments(self, bid: ScoredBid) -> list[float]:
        """The bid's points per part, in the order of `parts`."""
        return [bid.price_points if key == "" else bid.points.get(key, 0.0) for key, _ in self.parts]

    def sizeHint(self) -> QSize:
        line = QFontMetrics(self.font()).height()
        return QSize(520, (len(self.ranked) + 2) * (line + 10) + line * 2)

    def paintEvent(self, event: Any) -> None:  # noqa: ARG002 - Qt signature
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        names = [b.bidder for b in self.ranked] or [""]
        left = min(max(metrics.horizontalAdvance(n) for n in names) + 16, self.width() // 3)
        right = metrics.horizontalAdvance("100,00") + 12
        width = max(10, self.width() - left - right)
        bar = line + 4
        y = 4
        painter.setPen(QPen(self.palette().color(self.foregroundRole())))
        for bid in self.ranked:
            painter.drawText(QRectF(0, y, left - 8, bar), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             metrics.elidedText(bid.bidder, Qt.TextElideMode.ElideRight, left - 8))
            x = float(left)
            for i, value in enumerate(self.segments(bid)):
                w = width * max(0.0, value) / 100
                painter.fillRect(QRectF(x, y, w, bar), QColor(PALETTE[i % len(PALETTE)]))
                x += w
            painter.drawText(QRectF(x + 4, y, right, bar), int(Qt.AlignmentFlag.AlignVCenter), _pts(bid.total))
            y += bar + 6
        # the 0-100 axis
        painter.drawLine(left, y, left + width, y)
        for tick in (0, 25, 50, 75, 100):
            tx = left + width * tick / 100
            painter.drawLine(int(tx), y, int(tx), y + 4)
            painter.drawText(QRectF(tx - 20, y + 4, 40, line), int(Qt.AlignmentFlag.AlignHCenter), str(tick))
        y += line + 10
        # legend
        x = float(left)
        for i, (_, label) in enumerate(self.parts):
            text_w = metrics.horizontalAdvance(label)
            if x + 16 + text_w > self.width() and x > left:
                x, y = float(left), y + line + 4
            painter.fillRect(QRectF(x, y + 2, 12, line - 4), QColor(PALETTE[i % len(PALETTE)]))
            painter.drawText(QRectF(x + 16, y, text_w + 4, line), int(Qt.AlignmentFlag.AlignVCenter), label)
            x += 16 + text_w + 16
        painter.end()


class SimulatorDialog(QDialog):
    """Typed or loaded bids, scored live with the tender's weights; not modal, so weights can change meanwhile."""

    def __init__(self, tender: Tender, criteria: list[Criterion], parent: QWidget | None = None,
                 lot_id: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Simuleer beoordeling"))
        self.tender = tender
        self.award = [c for c in criteria if c.kind == Kind.AWARD]
        self.criteria = self.award
        self._loading = False
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_tr("Typ verzonnen inschrijvingen of laad ze uit een CSV- of Excel-bestand. Per "
                                    "criterium: punten (schaal), de aangeboden waarde (relatief) of het aantal "
                                    "eenheden (fictieve korting). De rangorde volgt elke wijziging, ook van de "
                                    "wegingen."), self, wordWrap=True))
        lot_row = QHBoxLayout()
        self.lot_label = QLabel(_tr("&Perceel:"), self)
        self.lot_box = QComboBox(self)
        self.lot_box.setAccessibleName(_tr("Perceel"))
        self.lot_label.setBuddy(self.lot_box)
        for lot in tender.effective_lots():
            self.lot_box.addItem(f"{lot.id}: {lot.title}" if lot.title else lot.id, lot.id)
        if lot_id is not None and (index := self.lot_box.findData(lot_id)) >= 0:
            self.lot_box.setCurrentIndex(index)
        self.lot_box.currentIndexChanged.connect(self.change_lot)
        lot_row.addWidget(self.lot_label)
        lot_row.addWidget(self.lot_box, 1)
        layout.addLayout(lot_row)
        for widget in (self.lot_label, self.lot_box):
            widget.setVisible(len(tender.lots) > 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.bids = QTableWidget(0, 0, splitter)
        self.bids.setAccessibleName(_tr("Inschrijvingen"))
        self.bids.itemChanged.connect(self.refresh)
        lower = QWidget(splitter)
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.ranking = QTableWidget(0, 4, lower)
        self.ranking.setAccessibleName(_tr("Rangorde"))
        self.ranking.setHorizontalHeaderLabels([_tr("Rang"), _tr("Inschrijver"), _tr("Beoordelingsprijs"),
                                                _tr("Totaal")])
        self.ranking.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ranking.verticalHeader().hide()
        ranking_header = self.ranking.horizontalHeader()
        ranking_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ranking_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.chart = PointsChart(lower)
        lower_layout.addWidget(self.ranking, 2)
        lower_layout.addWidget(self.chart, 3)
        splitter.setSizes([220, 320])
        layout.addWidget(splitter, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)  # one line per note; bidders' names are escaped
        self.message.setAccessibleName(_tr("Melding"))
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.add_button = QPushButton(_tr("Inschrijving &toevoegen"), self)
        self.add_button.clicked.connect(self.add_bid)
        self.remove_button = QPushButton(_tr("&Verwijderen"), self)
        self.remove_button.clicked.connect(self.remove_bid)
        self.load_button = QPushButton(_tr("&Laden…"), self)
        self.load_button.setToolTip(_tr("Laad inschrijvingen uit CSV of XLSX (kolommen: inschrijver, prijs, en per "
                                        "gunningscriterium de code)"))
        self.load_button.clicked.connect(self.choose_file)
        for button in (self.add_button, self.remove_button, self.load_button):
            row.addWidget(button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        layout.addLayout(row)
        # sized to the screen, larger in presentation mode: the moment the room looks at the ranking
        fit_to_screen(self, 980, 620)
        self.change_lot()

    # ----------------------------------------------------------------- data
    def lot_id(self) -> str:
        """The lot being simulated ("1" for a tender without lots)."""
        return str(self.lot_box.currentData() or "1")

    def view(self) -> Tender:
        """The tender as the chosen lot sees it, as it is now (weights may have changed since the last call)."""
        lot = self.lot_id()
        return self.tender.for_lot(lot) if self.tender.lot(lot) is not None else self.tender

    def setup(self) -> ScoringSetup:
        """The scoring setup from the tender as it is now (weights may have changed since the last call)."""
        return setup_for(self.view(), self.criteria)

    def change_lot(self) -> None:
        """Show the chosen lot's award criteria, with two example bids to start from."""
        ids = set(self.view().criterion_ids())
        self.criteria = [c for c in self.award if c.id in ids]
        title = _tr("Simuleer beoordeling")
        if len(self.tender.lots) > 1:  # which lot these bids are for, also when the selector is out of sight
            title += " - " + _tr("perceel %1").replace("%1", self.lot_box.currentText())
        self.setWindowTitle(title)
        self._build_columns()
        examples = example_bids(self.setup(), self.tender.fixed_budget_eur)
        for bid, letter in zip(examples, "ABCDEFGH", strict=False):  # the core names them in Dutch
            bid.bidder = _tr("Inschrijver %1").replace("%1", letter)
        self.set_bids(examples)

    def _build_columns(self) -> None:
        headers = [_tr("Inschrijver"), _tr("Prijs (€)")]
        tips = ["", _tr("Inschrijvingsprijs in euro, exclusief btw")]
        as_filled = {item.id: item.scoring for item in self.setup().criteria}  # the buyer's plafond, not the pack's
        for c in self.criteria:
            s = as_filled.get(c.id, c.scoring)
            if isinstance(s, DiscountScoring) and s.reference is not None:  # an MKI: the value itself, in euros
                ceiling = euro(s.reference) if "euro" in s.unit.lower() else f"{s.reference:g}"
                hint = _tr("aangeboden waarde, plafond %1 (fictieve korting)").replace("%1", ceiling)
            elif isinstance(s, DiscountScoring):
                hint = _tr("aantal %1 (fictieve korting)").replace("%1", s.unit or _tr("eenheden"))
            elif isinstance(s, RelativeScoring):
                hint = _tr("aangeboden waarde (relatief)")
            elif isinstance(s, PointsScoring) and s.levels:  # only the published scale's points may be given
                hint = _tr("punten: %1").replace("%1", ", ".join(
                    dutch_number(p) for p in sorted({lv.points for lv in s.levels}, reverse=True)))
            else:
                scale = s.scale_max if isinstance(s, PointsScoring) else 10
                hint = _tr("punten 0-%1").replace("%1", f"{scale:g}")
            headers.append(f"{c.id}\n{hint}")
            tips.append(f"{c.title}: {hint}")
        self.bids.setColumnCount(len(headers))
        self.bids.setHorizontalHeaderLabels(headers)
        for i, tip in enumerate(tips):
            item = self.bids.horizontalHeaderItem(i)
            if item is not None and tip:
                item.setToolTip(tip)
        header = self.bids.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # the hints under the ids stay legible
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def set_bids(self, bids: list[Bid]) -> None:
        """Replace the table's bids."""
        self._loading = True
        try:
            self.bids.setRowCount(0)
            for bid in bids:
                self._append(bid)
        finally:
            self._loading = False
        self.refresh()

    def _append(self, bid: Bid) -> None:
        row = self.bids.rowCount()
        self.bids.insertRow(row)
        values = [bid.bidder, _number(bid.price)] + [_number(bid.values.get(c.id, 0)) for c in self.criteria]
        for col, value in enumerate(values):
            self.bids.setItem(row, col, QTableWidgetItem(value))

    def current_bids(self) -> list[Bid]:
        """The bids as typed; UserError (with row and column) for a value that is not a number."""
        result = []
        for row in range(self.bids.rowCount()):
            def cell(col: int, row: int = row) -> str:
                item = self.bids.item(row, col)
                return item.text().strip() if item is not None else ""

            name = cell(0) or _tr("Inschrijver %1").replace("%1", str(row + 1))
            numbers = []
            for col in range(1, self.bids.columnCount()):
                value = parse_amount(cell(col))
                if value is None:
                    header = self.bids.horizontalHeaderItem(col)
                    column = header.text().split("\n")[0] if header is not None else str(col)
                    raise UserError(f"rij {row + 1}, kolom {column}: \"{cell(col)}\" is geen getal",
                                    en=f"row {row + 1}, column {column}: \"{cell(col)}\" is not a number")
                numbers.append(value)
            result.append(Bid(name, numbers[0], {c.id: v for c, v in zip(self.criteria, numbers[1:], strict=True)},
                              row=row + 1))
        return result

    # ------------------------------------------------------------- actions
    def add_bid(self) -> None:
        """Add a bid: a copy of the last one (or an empty one) to edit."""
        bids = self._safe_bids() or []
        template = bids[-1] if bids else Bid("", 100_000, {c.id: 0 for c in self.criteria})
        self._loading = True
        try:
            self._append(Bid(_tr("Inschrijver %1").replace("%1", str(self.bids.rowCount() + 1)), template.price,
                             dict(template.values)))
        finally:
            self._loading = False
        self.refresh()

    def remove_bid(self) -> None:
        """Remove the selected bid (or the last one)."""
        row = self.bids.currentRow() if self.bids.currentRow() >= 0 else self.bids.rowCount() - 1
        if row >= 0:
            self.bids.removeRow(row)
            self.refresh()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _tr("Inschrijvingen laden"), "",
                                              _tr("Inschrijvingen (*.csv *.xlsx)"))
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> bool:
        """Load bids from a CSV/XLSX file; a bad file is shown as a dialog and the table stays as it was."""
        try:
            bids = read_bids(path, self.setup(), self.lot_id() if len(self.tender.lots) > 1 else None)
        except UserError as exc:
            show_user_error(self, exc, _tr("Inschrijvingen laden"))
            return False
        self.set_bids(bids)
        return True

    def _safe_bids(self) -> list[Bid] | None:
        try:
            return self.current_bids()
        except UserError:
            return None

    # ------------------------------------------------------------- display
    def refresh(self) -> None:
        """Score the typed bids with the tender's current weights; update ranking, chart and message."""
        if self._loading:
            return
        setup = self.setup()
        try:
            bids = self.current_bids()
            ranking = rank_bids(setup, bids)  # the command line's ranking: invalid bids set apart, with the reason
        except BidError as exc:
            self._show_problem(f"{_tr('Inschrijving')} {exc.bid + 1}, {exc.column}: {i18n.error_text(exc)}")
            return
        except UserError as exc:
            self._show_problem(i18n.error_text(exc))
            return
        self.ranked = ranked = ranking.ranked
        self.ranking.setRowCount(len(ranked) + len(ranking.invalid))
        rows = [([f"{b.rank} ({_tr('loting')})" if b.drawn else str(b.rank), b.bidder, euro(b.evaluation_price),
                  _pts(b.total)], "") for b in ranked]
        rows += [([_tr("ongeldig"), b.bidder, "-", "-"], self._reason(b)) for b in ranking.invalid]
        for row, (values, reason) in enumerate(rows):
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col != 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if reason:
                    item.setToolTip(reason)
                self.ranking.setItem(row, col, item)
        parts = [("", _tr("Prijs") + f" {setup.price_weight:g}%")]
        parts += [(c.id, f"{c.id} {c.weight or 0:g}%") for c in setup.weighted]
        self.chart.set_data(ranked, parts)
        total = weight_total(setup)
        notes = [] if total == 100 else [_tr("Let op: de wegingen tellen op tot %1% in plaats van 100%.").replace(
            "%1", f"{total:g}")]
        notes += [_tr("Ongeldig, niet gerangschikt: %1").replace("%1", f"{b.bidder} ({self._reason(b)})")
                  for b in ranking.invalid]
        self.message.setStyleSheet("color:#8a5a00" if notes else "")
        self.message.setText("<br>".join(html.escape(n, quote=False) for n in notes))

    @staticmethod
    def _reason(bid: InvalidBid) -> str:
        return bid.reason_en if i18n.lang() == "en" else bid.reason

    def _show_problem(self, text: str) -> None:
        self.message.setStyleSheet("color:#b71c1c")
        self.message.setText(html.escape(text, quote=False))


def _number(value: float) -> str:
    text = f"{value:g}" if abs(value) < 1e6 else f"{value:.0f}"
    return text.replace(".", ",") if i18n.lang() != "en" else text
