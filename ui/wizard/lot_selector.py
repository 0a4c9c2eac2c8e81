"""The lot selector of the criteria and weights pages: which lot is being worked on, and copying one lot's choices
to another. Hidden for a tender without lots."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from tender_assistant.tender import Tender
from tender_assistant.tender_parts import Lot, LotCriterion

from .base import _tr


def copy_lot_choices(source: Lot, target: Lot) -> None:
    """Give the target lot the source lot's criteria, weights, price weight, price rule and band."""
    target.criteria = [LotCriterion(c.id, c.weight) for c in source.criteria]
    target.price_weight = source.price_weight
    target.price_rule = source.price_rule
    target.price_band_percent = source.price_band_percent


def sync_lots(tender: Tender, before: list[str]) -> None:
    """After the tender's chosen criteria changed from `before`: new ones join every lot, dropped ones leave them
    (a lot naming a criterion the tender lacks makes the file unreadable)."""
    now = tender.criterion_ids()
    added = [cid for cid in now if cid not in before]
    chosen = set(now)
    for lot in tender.lots:
        lot.criteria = [c for c in lot.criteria if c.id in chosen]
        have = set(lot.criterion_ids())
        for cid in added:
            if cid not in have:
                entry = tender.entry(cid)
                lot.criteria.append(LotCriterion(cid, entry.weight if entry else None))
        if added:  # in the tender's order, as the documents list them
            order = {cid: i for i, cid in enumerate(now)}
            lot.criteria.sort(key=lambda c: order.get(c.id, len(order)))


class LotSelector(QWidget):
    """'Perceel: [lot]   Keuze kopiëren naar: [lot] [Kopiëren]'; `lot_changed` gives the lot id (None: all)."""

    lot_changed = Signal(object)
    copied = Signal()

    def __init__(self, with_all: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_all = with_all  # the criteria page can choose for all lots at once; weights are per lot only
        self.tender = Tender()
        self._filling = False
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(_tr("Perc&eel:"), self)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(_tr("Perceel"))
        label.setBuddy(self.combo)
        self.combo.currentIndexChanged.connect(self._changed)
        row.addWidget(label)
        row.addWidget(self.combo, 2)
        row.addSpacing(12)
        row.addWidget(QLabel(_tr("keuze kopiëren naar:"), self))
        self.target = QComboBox(self)
        self.target.setAccessibleName(_tr("Perceel om naar te kopiëren"))
        row.addWidget(self.target, 1)
        self.copy_button = QPushButton(_tr("Kopiëren"), self)
        self.copy_button.setToolTip(_tr("Het andere perceel krijgt de criteria, wegingen en prijsregel van dit "
                                        "perceel"))
        self.copy_button.clicked.connect(self.copy)
        row.addWidget(self.copy_button)
        row.addStretch(1)

    def load(self, tender: Tender, lot_id: str | None) -> None:
        """Fill the choices from the tender's lots and select lot_id (or the first lot / all)."""
        self.tender = tender
        self._filling = True
        try:
            self.combo.clear()
            if self.with_all:
                self.combo.addItem(_tr("alle percelen"), None)
            for lot in tender.lots:
                self.combo.addItem(_lot_label(lot), lot.id)
            index = self.combo.findData(lot_id) if lot_id is not None else (0 if self.with_all else -1)
            self.combo.setCurrentIndex(index if index >= 0 else 0)
        finally:
            self._filling = False
        self.setVisible(bool(tender.lots))
        self._fill_targets()

    def lot_id(self) -> str | None:
        """The lot worked on; None for all lots or a tender without lots."""
        if not self.tender.lots:
            return None
        value = self.combo.currentData()
        return value if isinstance(value, str) else None

    def lot(self) -> Lot | None:
        """The Lot worked on, or None."""
        lot_id = self.lot_id()
        return next((lot for lot in self.tender.lots if lot.id == lot_id), None)

    def _fill_targets(self) -> None:
        current = self.lot_id()
        self.target.clear()
        for lot in self.tender.lots:
            if lot.id != current:
                self.target.addItem(_lot_label(lot), lot.id)
        enabled = current is not None and self.target.count() > 0
        self.target.setEnabled(enabled)
        self.copy_button.setEnabled(enabled)

    def _changed(self) -> None:
        if self._filling:
            return
        self._fill_targets()
        self.lot_changed.emit(self.lot_id())

    def copy(self) -> None:
        """Copy the current lot's choices to the target lot."""
        source, target_id = self.lot(), self.target.currentData()
        target = next((lot for lot in self.tender.lots if lot.id == target_id), None)
        if source is None or target is None:
            return
        copy_lot_choices(source, target)
        self.copied.emit()


def _lot_label(lot: Lot) -> str:
    return f"{lot.id}. {lot.title}" if lot.title else lot.id
