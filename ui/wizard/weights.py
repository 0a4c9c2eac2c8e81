"""Page 6: award weights."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
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
from tender_assistant.tender import DEFAULT_PRICE_RULE, Tender
from tender_assistant.tender_parts import Lot

from .. import i18n
from .base import WEIGHT_CODES, TenderPage, _tr, findings_html
from .lot_selector import LotSelector


# ---------------------------------------------------------------------- 6 weights
class WeightsPage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Weging"))
        self.setSubTitle(_tr("Verdeel 100% over de prijs en de gunningscriteria (beste prijs-kwaliteitverhouding). "
                             "Het totaal en het advies werken direct bij."))
        layout = QVBoxLayout(self.content)
        # with lots: each lot has its own weights, price weight and price rule
        self.lot_selector = LotSelector(with_all=False, parent=self)
        self.lot_selector.lot_changed.connect(self._lot_changed)
        self.lot_selector.copied.connect(self._lot_copied)
        layout.addWidget(self.lot_selector)
        layout.addLayout(self._price_controls())
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([_tr("Onderdeel"), _tr("Weging")])
        self.table.setAccessibleName(_tr("Wegingen"))
        # Tab goes from weight to weight and on to the buttons, instead of circling the table's cells for ever
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(0, self.table.horizontalHeader().ResizeMode.Stretch)
        # wide enough for the spin boxes and for 'fictieve korting, geen weging' at presentation size
        self.table.horizontalHeader().setSectionResizeMode(1, self.table.horizontalHeader().ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.total = QLabel(self)
        self.total.setAccessibleName(_tr("Totaal van de wegingen"))
        font = self.total.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.total.setFont(font)
        spread = self.spread_button = QPushButton(_tr("Ver&delen volgens advies"), self)
        spread.setToolTip(_tr("Verdeel wat na de prijs overblijft naar de voorgestelde gewichten"))
        spread.clicked.connect(self.spread)
        simulate = self.simulate_button = QPushButton(_tr("Si&muleer beoordeling…"), self)
        simulate.setToolTip(_tr("Bereken met verzonnen inschrijvingen wie zou winnen met deze wegingen"))
        simulate.clicked.connect(self.open_simulator)
        self.simulator: Any = None
        row.addWidget(self.total, 1)
        row.addWidget(spread)
        row.addWidget(simulate)
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

    def _price_controls(self) -> QVBoxLayout:
        """Price rule, and the 'fixed price, award on quality' option with its budget."""
        rows = QVBoxLayout()  # two rows: one is wider than a 1280x720 screen in presentation mode
        row = QHBoxLayout()
        rows.addLayout(row)
        row.addWidget(QLabel(_tr("Prijsregel:"), self))
        self.rule_combo = QComboBox(self)
        self.rule_combo.setAccessibleName(_tr("Prijsregel"))
        self.rule_combo.addItem(_tr("Laagste prijs / prijs (relatief)"), "relatief-laagste")
        self.rule_combo.addItem(_tr("Lineair tussen laagste en hoogste prijs"), "lineair")
        self.rule_combo.addItem(_tr("Bandbreedte: 0 punten vanaf een vast percentage boven de laagste prijs"),
                                "bandbreedte")
        self.rule_combo.currentIndexChanged.connect(self._rule_changed)
        row.addWidget(self.rule_combo, 2)  # room for the longest rule where the screen has it
        self.band_label = QLabel(_tr("Bandbreedte:"), self)
        self.band_spin = QDoubleSpinBox(self)
        self.band_spin.setAccessibleName(_tr("Bandbreedte in procent boven de laagste prijs"))
        self.band_spin.setToolTip(_tr("Een prijs die dit percentage of meer boven de laagste prijs ligt, krijgt 0 "
                                      "punten voor de prijs"))
        self.band_spin.setRange(0, 1000)
        self.band_spin.setDecimals(0)
        self.band_spin.setSuffix(" %")
        self.band_spin.setSpecialValueText(_tr("vul in"))
        self.band_label.setBuddy(self.band_spin)
        self.band_spin.valueChanged.connect(self._band_changed)
        row.addWidget(self.band_label)
        row.addWidget(self.band_spin)
        row.addStretch(1)
        row = QHBoxLayout()
        rows.addLayout(row)
        self.fixed_check = QCheckBox(_tr("Vaste prijs, gunnen op kwaliteit"), self)
        self.fixed_check.setToolTip(_tr("De prijs weegt 0%; het budget staat in het document"))
        self.fixed_check.toggled.connect(self._fixed_changed)
        row.addWidget(self.fixed_check)
        budget_label = QLabel(_tr("Budget:"), self)
        row.addWidget(budget_label)
        self.budget_spin = QDoubleSpinBox(self)
        budget_label.setBuddy(self.budget_spin)
        self.budget_label = budget_label
        self.budget_spin.setAccessibleName(_tr("Vast budget in euro"))
        self.budget_spin.setRange(1, 1e12)
        self.budget_spin.setDecimals(0)
        self.budget_spin.setPrefix("€ ")
        self.budget_spin.setGroupSeparatorShown(True)
        i18n.number_field(self.budget_spin)
        self.budget_spin.valueChanged.connect(self._budget_changed)
        row.addWidget(self.budget_spin)
        row.addStretch(1)
        return rows

    # ------------------------------------------------------------ the tender or the lot being weighed
    def _lot(self) -> Lot | None:
        return self.lot_selector.lot()

    def _view(self) -> Tender:
        """The tender as the lot being weighed sees it (the tender itself without lots)."""
        lot = self._lot()
        return self.wiz().tender.for_lot(lot.id) if lot is not None else self.wiz().tender

    def _price_weight(self) -> int:
        lot = self._lot()
        return lot.price_weight if lot is not None else self.wiz().tender.price_weight

    def _set_price_weight(self, value: int) -> None:
        lot = self._lot()
        if lot is not None:
            lot.price_weight = value
        else:
            self.wiz().tender.price_weight = value

    def _weight(self, cid: str) -> int | None:
        lot = self._lot()
        if lot is not None:
            return next((c.weight for c in lot.criteria if c.id == cid), None)
        entry = self.wiz().tender.entry(cid)
        return entry.weight if entry else None

    def _set_weight(self, cid: str, value: int) -> None:
        lot = self._lot()
        if lot is not None:
            for c in lot.criteria:
                if c.id == cid:
                    c.weight = value
        elif (entry := self.wiz().tender.entry(cid)) is not None:
            entry.weight = value

    def _lot_changed(self, lot_id: str | None) -> None:
        self.wiz().current_lot = lot_id
        self.initializePage()

    def _lot_copied(self) -> None:
        self.changed()
        self.initializePage()

    def _rule_changed(self) -> None:
        self._show_band()
        if self._loading:
            return
        rule = self.rule_combo.currentData() or DEFAULT_PRICE_RULE
        lot = self._lot()
        if lot is not None:
            lot.price_rule = rule
        else:
            self.wiz().tender.price_rule = rule
        self.changed()
        self.update_total()

    def _show_band(self) -> None:
        band = self.rule_combo.currentData() == "bandbreedte"
        self.band_label.setVisible(band)
        self.band_spin.setVisible(band)

    def _band_changed(self, value: float) -> None:
        if self._loading:
            return
        lot = self._lot()
        if lot is not None:
            lot.price_band_percent = value or None
        else:
            self.wiz().tender.price_band_percent = value or None
        self.changed()
        self.update_total()

    def _fixed_changed(self, on: bool) -> None:
        if self._loading:
            return
        t = self.wiz().tender
        if on:
            t.fixed_budget_eur = float(self.budget_spin.value())
            t.price_weight = 0
        else:
            t.fixed_budget_eur = None
        self.changed()
        self.initializePage()

    def _budget_changed(self, value: float) -> None:
        if self._loading or self.wiz().tender.fixed_budget_eur is None:
            return
        self.wiz().tender.fixed_budget_eur = float(value)
        self.changed()
        self.update_total()

    def open_simulator(self) -> None:
        """Open (or raise) the 'Simuleer beoordeling' dialog; it follows the weights set here."""
        from ..simulator_dialog import SimulatorDialog

        if self.simulator is None:
            lot = self._lot()
            # the whole tender and the lot: the dialog names the lot it scores and reads its weights as they are now
            self.simulator = SimulatorDialog(self.wiz().tender, self.award, self, lot.id if lot is not None else None)
        self.simulator.show()
        self.simulator.raise_()

    def _spin(self, value: int) -> QSpinBox:
        spin = QSpinBox(self.table)
        spin.setRange(0, 100)
        spin.setSuffix(" %")
        spin.setValue(value)
        return spin

    def initializePage(self) -> None:
        w = self.wiz()
        t = w.tender
        lot_before = self.lot_selector.lot_id()
        self.lot_selector.load(t, w.current_lot)
        lot = self._lot()
        ids = lot.criterion_ids() if lot is not None else t.criterion_ids()
        found = {c.id: c for c in checks.resolve_criteria(t, w.store)[0]}  # the versions the tender chose
        self.award = [found[cid] for cid in ids if cid in found and found[cid].kind == Kind.AWARD]
        if self.simulator is not None and ([c.id for c in self.simulator.criteria] != [c.id for c in self.award]
                                           or self.lot_selector.lot_id() != lot_before):
            self.simulator.close()  # the chosen criteria changed: a new dialog gets the new columns
            self.simulator = None
        # the weights are new spin boxes after 'Verdelen volgens advies' (Alt+D from a weight): keep the keyboard
        # focus on the same weight instead of losing it with the old spin box
        focus = QApplication.focusWidget()
        focused = next((key for key, spin in {"": getattr(self, "price_spin", None), **self.spins}.items()
                        if spin is not None and spin is focus), None)
        self._loading = True
        try:
            view = self._view()
            self.rule_combo.setCurrentIndex(max(0, self.rule_combo.findData(view.price_rule)))
            self.band_spin.setValue(view.price_band_percent or 0)
            self._show_band()
            # a fixed price is the whole tender's choice, not a lot's
            for widget in (self.fixed_check, self.budget_label, self.budget_spin):
                widget.setVisible(lot is None)
            self.fixed_check.setChecked(t.fixed_budget_eur is not None)
            self.budget_spin.setValue(t.fixed_budget_eur or t.estimated_value_eur or 100_000)
            self.budget_spin.setEnabled(t.fixed_budget_eur is not None)
            self.budget_label.setEnabled(t.fixed_budget_eur is not None)
            self.table.setRowCount(1 + len(self.award))
            self.spins = {}
            self.table.setItem(0, 0, _item(_tr("Prijs")))
            self.price_spin = self._spin(self._price_weight())
            self.price_spin.setAccessibleName(_tr("Weging van de prijs"))
            self.price_spin.valueChanged.connect(self._price_changed)
            self.table.setCellWidget(0, 1, self.price_spin)
            self.price_spin.setEnabled(t.fixed_budget_eur is None)
            for row, c in enumerate(self.award, start=1):
                weight = self._weight(c.id)
                if not c.carries_weight:  # a fictieve korting works through the evaluation price
                    self.table.setItem(row, 0, _item(f"{c.id}  {c.title}"))
                    self.table.setItem(row, 1, _item(_tr("fictieve korting, geen weging")))
                    continue
                rng = f" ({_tr('advies')} {c.weight_min}-{c.weight_max}%)" if c.weight_min is not None else ""
                self.table.setItem(row, 0, _item(f"{c.id}  {c.title}{rng}"))
                spin = self._spin(weight if weight is not None else 0)
                spin.setAccessibleName(_tr("Weging van %1").replace("%1", c.id))
                spin.valueChanged.connect(lambda v, cid=c.id: self._weight_changed(cid, v))
                self.table.setCellWidget(row, 1, spin)
                self.spins[c.id] = spin
        finally:
            self._loading = False
        if focused is not None:
            (self.spins.get(focused) or self.price_spin).setFocus()
        self.update_total()

    def _price_changed(self, value: int) -> None:
        if self._loading:
            return
        self._set_price_weight(value)
        self.changed()
        self.update_total()

    def _weight_changed(self, cid: str, value: int) -> None:
        if self._loading:
            return
        self._set_weight(cid, value)
        self.changed()
        self.update_total()

    def spread(self) -> None:
        t = self.wiz().tender
        current = self._price_weight()
        # the price weight moves only when the advised ranges cannot absorb what it leaves (never a weight-range)
        price, weights = matching.propose_split(self.award, current)
        if t.fixed_budget_eur is not None and self._lot() is None and price != current:
            weights = matching.propose_weights(self.award, current)  # a fixed price keeps its 0%
        else:
            self._set_price_weight(price)
        for cid, value in weights.items():
            self._set_weight(cid, value)
        self.changed()
        self.initializePage()

    def total_weight(self) -> int:
        return self._price_weight() + sum(self._weight(cid) or 0 for cid in self.spins)

    def update_total(self) -> None:
        total = self.total_weight()
        ok = total == 100
        lot = self._lot()
        where = _tr("perceel %1").replace("%1", lot.id) + ": " if lot is not None else ""
        self.total.setText(where + _tr("Totaal: %1%").replace("%1", str(total)) + ("  ✔" if ok else
                           "  " + _tr("(moet 100% zijn)")))
        self.total.setStyleSheet("color:#1b5e20" if ok else "color:#b71c1c")
        w = self.wiz()
        codes = WEIGHT_CODES | {"price-band-missing"}
        findings = [f for f in checks.check_tender(w.tender, w.store, rule=w.counting_rule(), documents="none")
                    if f.code in codes
                    and (lot is None or f.where.startswith(f"lots[{lot.id}]"))]
        self.advice.setHtml(findings_html(findings))
        view = self._view()
        self.circular_badge.refresh(view, w.store, w.counting_rule())
        if self.simulator is not None and self.simulator.isVisible():
            self.simulator.refresh()  # the chart follows the weights live (it reads the lot from the tender)

    def focus_place(self, place: str) -> None:
        """Put the cursor on the weight a finding names: the price's or a criterion's."""
        spin = self.band_spin if place == "price_band_percent" else self.spins.get(place) or self.price_spin
        spin.setFocus()
        spin.selectAll()


def _item(text: str) -> Any:
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setToolTip(text)
    return item
