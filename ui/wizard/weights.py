"""Page 6: award weights."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTextBrowser,
    QVBoxLayout,
)

from criteria_library.models import Kind
from tender_assistant import checks, matching

from .base import WEIGHT_CODES, TenderPage, _tr, findings_html


# ---------------------------------------------------------------------- 6 weights
class WeightsPage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Weging"))
        self.setSubTitle(_tr("Verdeel 100% over de prijs en de gunningscriteria (beste prijs-kwaliteitverhouding). "
                             "Het totaal en het advies werken direct bij."))
        layout = QVBoxLayout(self.content)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([_tr("Onderdeel"), _tr("Weging")])
        self.table.setAccessibleName(_tr("Wegingen"))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(0, self.table.horizontalHeader().ResizeMode.Stretch)
        self.table.setColumnWidth(1, 130)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.total = QLabel(self)
        self.total.setAccessibleName(_tr("Totaal van de wegingen"))
        font = self.total.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.total.setFont(font)
        spread = QPushButton(_tr("&Verdelen volgens advies"), self)
        spread.setToolTip(_tr("Verdeel wat na de prijs overblijft naar de voorgestelde gewichten"))
        spread.clicked.connect(self.spread)
        row.addWidget(self.total, 1)
        row.addWidget(spread)
        layout.addLayout(row)
        self.advice = QTextBrowser(self)
        self.advice.setAccessibleName(_tr("Advies over de weging"))
        self.advice.setMaximumHeight(120)
        layout.addWidget(self.advice)
        from ..monitoring_badge import CircularBadge

        self.circular_badge = CircularBadge(self)
        layout.addWidget(self.circular_badge)
        self.spins: dict[str, QSpinBox] = {}
        self._loading = False

    def _spin(self, value: int) -> QSpinBox:
        spin = QSpinBox(self.table)
        spin.setRange(0, 100)
        spin.setSuffix(" %")
        spin.setValue(value)
        return spin

    def initializePage(self) -> None:
        w = self.wiz()
        t = w.tender
        found = w.store.criteria_by_ids(t.criterion_ids())
        self.award = [found[e.id] for e in t.criteria if e.id in found and Kind(found[e.id].kind) == Kind.AWARD]
        self._loading = True
        try:
            self.table.setRowCount(1 + len(self.award))
            self.spins = {}
            self.table.setItem(0, 0, _item(_tr("Prijs")))
            self.price_spin = self._spin(t.price_weight)
            self.price_spin.setAccessibleName(_tr("Weging van de prijs"))
            self.price_spin.valueChanged.connect(self._price_changed)
            self.table.setCellWidget(0, 1, self.price_spin)
            for row, c in enumerate(self.award, start=1):
                entry = t.entry(c.id)
                rng = f" ({_tr('advies')} {c.weight_min}-{c.weight_max}%)" if c.weight_min is not None else ""
                self.table.setItem(row, 0, _item(f"{c.id}  {c.title}{rng}"))
                spin = self._spin(entry.weight if entry and entry.weight is not None else 0)
                spin.setAccessibleName(_tr("Weging van %1").replace("%1", c.id))
                spin.valueChanged.connect(lambda v, cid=c.id: self._weight_changed(cid, v))
                self.table.setCellWidget(row, 1, spin)
                self.spins[c.id] = spin
        finally:
            self._loading = False
        self.update_total()

    def _price_changed(self, value: int) -> None:
        if self._loading:
            return
        self.wiz().tender.price_weight = value
        self.changed()
        self.update_total()

    def _weight_changed(self, cid: str, value: int) -> None:
        if self._loading:
            return
        entry = self.wiz().tender.entry(cid)
        if entry is not None:
            entry.weight = value
        self.changed()
        self.update_total()

    def spread(self) -> None:
        t = self.wiz().tender
        # the price weight moves only when the advised ranges cannot absorb what it leaves (never a weight-range)
        t.price_weight, weights = matching.propose_split(self.award, t.price_weight)
        for cid, value in weights.items():
            entry = t.entry(cid)
            if entry is not None:
                entry.weight = value
        self.changed()
        self.initializePage()

    def total_weight(self) -> int:
        t = self.wiz().tender
        return t.price_weight + sum(e.weight or 0 for e in t.criteria if e.id in self.spins)

    def update_total(self) -> None:
        total = self.total_weight()
        ok = total == 100
        self.total.setText(_tr("Totaal: %1%").replace("%1", str(total)) + ("  ✔" if ok else
                           "  " + _tr("(moet 100% zijn)")))
        self.total.setStyleSheet("color:#1b5e20" if ok else "color:#b71c1c")
        w = self.wiz()
        findings = [f for f in checks.check_tender(w.tender, w.store) if f.code in WEIGHT_CODES]
        self.advice.setHtml(findings_html(findings))
        self.circular_badge.refresh(w.tender, w.store)


def _item(text: str) -> Any:
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setToolTip(text)
    return item


