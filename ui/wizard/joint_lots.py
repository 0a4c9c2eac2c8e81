"""The basics page's parts for the tenders the MRA runs: joint tenders, lots, extension options, framework."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from criteria_library.infra.text import euro
from tender_assistant.tender import Tender

from .. import i18n
from ..field_marks import ReservedMessage
from .base import _tr
from .tender_models import LotsModel, ParticipantsModel, parse_options


def add_row(table: Any, model: Any, column: int) -> None:
    """Add a row to a table's model and start typing in its first field (nothing when the model refuses)."""
    row = model.add()
    if row is not None:
        index = model.index(row, column)
        table.setCurrentIndex(index)
        table.setFocus()
        table.edit(index)


def remove_row(table: Any, model: Any) -> None:
    """Remove the row the table's cursor is on."""
    row = table.currentIndex().row()
    if row >= 0:
        model.remove(row)


class EditTable(QTableView):
    """An editable table for the keyboard: Enter opens the cell (in a wizard it would press 'Volgende' and leave
    the page), and Tab into it lands on the first cell, so the arrow keys start there."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            index = self.currentIndex()
            if index.isValid() and self.model().flags(index) & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if not self.currentIndex().isValid() and self.model() is not None and self.model().rowCount():
            self.setCurrentIndex(self.model().index(0, 0))
        super().focusInEvent(event)


def _table(parent: QWidget, name: str, rows: int) -> QTableView:
    """A compact editable table that Tab leaves (the arrow keys move between cells)."""
    table = EditTable(parent)
    table.setAccessibleName(name)
    table.setTabKeyNavigation(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    # not on a mere change of the current cell: the arrow keys move, F2, a double click or typing edits
    table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.AnyKeyPressed)
    table.verticalHeader().hide()
    table.setMinimumHeight(table.verticalHeader().defaultSectionSize() * rows + 30)
    table.setMaximumHeight(table.verticalHeader().defaultSectionSize() * (rows + 2) + 30)
    return table


def _problem_label(parent: QWidget) -> ReservedMessage:
    label = ReservedMessage(parent)
    label.setStyleSheet("color:#b71c1c")
    label.setAccessibleName(_tr("Waarde geweigerd"))
    label.hide()
    return label


def _show_problem(label: ReservedMessage, text: str) -> None:
    label.setText(_tr("%1; de waarde is niet overgenomen.").replace("%1", text) if text else "")
    label.setVisible(bool(text))


class JointSection(QWidget):
    """"Gezamenlijke aanbesteding?": the participants, the penvoerder, their shares, and the mandate."""

    changed = Signal()

    def __init__(self, tender: Tender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tender = tender
        self._stash: list = []  # participants kept while the box is unticked, so a slip of the mouse loses nothing
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(_tr("&Gezamenlijke aanbesteding?"), self)
        self.check.setAccessibleName(_tr("Gezamenlijke aanbesteding"))
        self.check.setToolTip(_tr("Eén organisatie (de penvoerder) voert de procedure namens meerdere "
                                  "aanbestedende diensten; elke deelnemer sluit een eigen overeenkomst"))
        self.check.toggled.connect(self._toggled)
        layout.addWidget(self.check)
        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(20, 0, 0, 0)
        self.model = ParticipantsModel(tender)
        self.table = _table(self.body, _tr("Deelnemers"), 5)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ParticipantsModel.NAME, QHeaderView.ResizeMode.Stretch)
        for col in (ParticipantsModel.LEAD, ParticipantsModel.SHARE, ParticipantsModel.IDENTIFIER):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        buttons = QVBoxLayout()
        self.add_button = QPushButton(_tr("Deelnemer toevoegen"), self.body)
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(_tr("Deelnemer verwijderen"), self.body)
        self.remove_button.clicked.connect(self.remove)
        self.lead_button = QPushButton(_tr("Maak penvoerder"), self.body)
        self.lead_button.setToolTip(_tr("De gekozen deelnemer voert de procedure namens alle deelnemers"))
        self.lead_button.clicked.connect(self.make_lead)
        for b in (self.add_button, self.remove_button, self.lead_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        row.addLayout(buttons)
        body.addLayout(row)
        mandate = QHBoxLayout()
        # a tick box for 'no date yet': a QDateEdit with a special 'no date' text keeps the Tab key (a focus trap)
        self.mandate_dated = QCheckBox(_tr("Mandaat van"), self.body)
        self.mandate_dated.setAccessibleName(_tr("Mandaat heeft een datum"))
        self.mandate_date = QDateEdit(QDate.currentDate(), self.body)
        self.mandate_date.setCalendarPopup(True)
        self.mandate_date.setDisplayFormat("d-M-yyyy")
        self.mandate_date.setAccessibleName(_tr("Datum van het mandaat"))
        self.mandate_date.setEnabled(False)
        self.mandate_dated.toggled.connect(self.mandate_date.setEnabled)
        self.mandate_reference = QLineEdit(self.body)
        self.mandate_reference.setAccessibleName(_tr("Kenmerk van het mandaat"))
        self.mandate_reference.setPlaceholderText(_tr("kenmerk, bijvoorbeeld 2026-0412"))
        mandate.addWidget(self.mandate_dated)
        mandate.addWidget(self.mandate_date)
        mandate.addWidget(QLabel(_tr("kenmerk:"), self.body))
        mandate.addWidget(self.mandate_reference, 1)
        body.addLayout(mandate)
        self.problem = _problem_label(self.body)
        body.addWidget(self.problem)
        layout.addWidget(self.body)
        self.model.problem.connect(lambda text: _show_problem(self.problem, text))
        self.model.edited.connect(self.changed)
        self.mandate_dated.toggled.connect(self._store_mandate)
        self.mandate_date.dateChanged.connect(self._store_mandate)
        self.mandate_reference.textEdited.connect(self._store_mandate)

    def load(self, tender: Tender) -> None:
        """Show a tender's participants and mandate."""
        self._loading = True
        try:
            self.tender = tender
            self.model.set_tender(tender)
            self.check.setChecked(bool(tender.participants))
            self.body.setVisible(bool(tender.participants))
            d = tender.mandate_date
            self.mandate_dated.setChecked(d is not None)
            self.mandate_date.setDate(QDate(d.year, d.month, d.day) if d else QDate.currentDate())
            self.mandate_reference.setText(tender.mandate_reference)
        finally:
            self._loading = False

    def _toggled(self, on: bool) -> None:
        self.body.setVisible(on)
        if self._loading:
            return
        t = self.tender
        if on and not t.participants:
            self.model.beginResetModel()
            t.participants = self._stash
            self.model.endResetModel()
            if not t.participants:  # the own organisation first, as penvoerder, and room for the next one
                self.model.add(t.organisation.strip())
                self.model.add()
        elif not on and t.participants:
            self._stash = t.participants
            self.model.beginResetModel()
            t.participants = []
            self.model.endResetModel()
        self.changed.emit()

    def _store_mandate(self, *_args: object) -> None:
        if self._loading:
            return
        chosen = self.mandate_date.date()
        self.tender.mandate_date = (date(chosen.year(), chosen.month(), chosen.day())
                                    if self.mandate_dated.isChecked() else None)
        self.tender.mandate_reference = self.mandate_reference.text().strip()
        self.changed.emit()

    def add(self) -> None:
        """Add a participant and start typing its name."""
        add_row(self.table, self.model, ParticipantsModel.NAME)

    def remove(self) -> None:
        """Remove the participant the cursor is on."""
        remove_row(self.table, self.model)

    def make_lead(self) -> None:
        """Make the participant the cursor is on the penvoerder."""
        row = self.table.currentIndex().row()
        if row >= 0:
            self.model.set_penvoerder(row)


class LotsSection(QWidget):
    """"In percelen?": the lots (id, title, value, CPV) and the rules for several lots; without lots, the
    motivation for not dividing (art. 1.5 Aw)."""

    changed = Signal()

    def __init__(self, tender: Tender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tender = tender
        self._stash: list = []
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(_tr("In perce&len?"), self)
        self.check.setAccessibleName(_tr("In percelen"))
        self.check.setToolTip(_tr("Elk perceel krijgt een eigen onderwerp, waarde, criteria en weging"))
        self.check.toggled.connect(self._toggled)
        layout.addWidget(self.check)
        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(20, 0, 0, 0)
        self.model = LotsModel(tender)
        self.table = _table(self.body, _tr("Percelen"), 3)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(LotsModel.ID, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LotsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(LotsModel.VALUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LotsModel.CPV, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(LotsModel.CPV, 160)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        buttons = QVBoxLayout()
        self.add_button = QPushButton(_tr("Perceel toevoegen"), self.body)
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(_tr("Perceel verwijderen"), self.body)
        self.remove_button.clicked.connect(self.remove)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        body.addLayout(row)
        rules = QHBoxLayout()
        self.sum_label = QLabel(self.body)
        self.sum_label.setAccessibleName(_tr("Som van de percelen"))
        rules.addWidget(self.sum_label, 1)
        self.max_bid = self._limit(_tr("Inschrijven op ten hoogste (aantal percelen)"))
        self.max_won = self._limit(_tr("Winnen van ten hoogste (aantal percelen)"))
        rules.addWidget(QLabel(_tr("inschrijven op max.:"), self.body))
        rules.addWidget(self.max_bid)
        rules.addWidget(QLabel(_tr("winnen max.:"), self.body))
        rules.addWidget(self.max_won)
        body.addLayout(rules)
        order = QHBoxLayout()
        order_label = QLabel(_tr("Volgorde van gunnen:"), self.body)
        self.award_order = QLineEdit(self.body)
        self.award_order.setAccessibleName(_tr("Volgorde van gunnen"))
        self.award_order.setPlaceholderText(_tr("percelen in de volgorde waarin ze worden gegund, bijvoorbeeld 2, 1"))
        self.award_order.setToolTip(_tr("Nodig als een inschrijver niet alle percelen mag winnen"))
        order_label.setBuddy(self.award_order)
        order.addWidget(order_label)
        order.addWidget(self.award_order, 1)
        body.addLayout(order)
        self.problem = _problem_label(self.body)
        body.addWidget(self.problem)
        layout.addWidget(self.body)
        self.reason_label = QLabel(_tr("Waarom niet in percelen (art. 1.5 Aanbestedingswet 2012):"), self)
        layout.addWidget(self.reason_label)
        self.reason = QPlainTextEdit(self)
        self.reason.setAccessibleName(_tr("Motivering geen percelen"))
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(_tr("bijvoorbeeld: levering en onderhoud hangen technisch samen; splitsen "
                                           "maakt de opdracht duurder zonder meer kansen voor het mkb"))
        self.reason.setMaximumHeight(60)
        self.reason_label.setBuddy(self.reason)
        layout.addWidget(self.reason)
        self.model.problem.connect(lambda text: _show_problem(self.problem, text))
        self.model.edited.connect(self._edited)
        self.reason.textChanged.connect(self._store_reason)
        self.max_bid.valueChanged.connect(self._store_limits)
        self.max_won.valueChanged.connect(self._store_limits)
        self.award_order.textEdited.connect(self._store_limits)

    def _limit(self, name: str) -> QSpinBox:
        spin = QSpinBox(self.body)
        spin.setRange(0, 100)
        spin.setSpecialValueText(_tr("alle"))
        spin.setAccessibleName(name)
        return spin

    def load(self, tender: Tender) -> None:
        """Show a tender's lots, rules and motivation."""
        self._loading = True
        try:
            self.tender = tender
            self.model.set_tender(tender)
            self.check.setChecked(bool(tender.lots))
            self._show_parts(bool(tender.lots))
            if self.reason.toPlainText() != tender.lots_reason:
                self.reason.setPlainText(tender.lots_reason)
            self.max_bid.setValue(tender.max_lots_per_bidder or 0)
            self.max_won.setValue(tender.max_lots_awarded_per_bidder or 0)
            self.award_order.setText(", ".join(tender.lot_award_order))
        finally:
            self._loading = False
        self._update_sum()

    def _show_parts(self, lots: bool) -> None:
        self.body.setVisible(lots)
        self.reason_label.setVisible(not lots)
        self.reason.setVisible(not lots)

    def _toggled(self, on: bool) -> None:
        self._show_parts(on)
        if self._loading:
            return
        t = self.tender
        if on and not t.lots:
            self.model.beginResetModel()
            t.lots = self._stash
            self.model.endResetModel()
            if not t.lots:  # a division has two lots at least
                self.model.add()
                self.model.add()
        elif not on and t.lots:
            self._stash = t.lots
            self.model.beginResetModel()
            t.lots = []
            self.model.endResetModel()
        self._edited()

    def _edited(self) -> None:
        if not self.award_order.hasFocus():  # a renamed or removed lot changes the order of award too
            self.award_order.setText(", ".join(self.tender.lot_award_order))
        self._update_sum()
        self.changed.emit()

    def _update_sum(self) -> None:
        values = [lot.estimated_value_eur for lot in self.tender.lots]
        if values and all(v is not None for v in values):
            self.sum_label.setText(_tr("Samen: %1").replace("%1", euro(sum(v or 0 for v in values))))
        else:
            self.sum_label.setText(_tr("Geef elk perceel zijn waarde (opties inbegrepen)"))

    def _store_reason(self) -> None:
        if self._loading:
            return
        self.tender.lots_reason = self.reason.toPlainText().strip()
        self.changed.emit()

    def _store_limits(self) -> None:
        if self._loading:
            return
        self.tender.max_lots_per_bidder = self.max_bid.value() or None
        self.tender.max_lots_awarded_per_bidder = self.max_won.value() or None
        # ids as typed; an unknown lot is reported by the check, so a half-typed order is no problem
        ids = [i.strip()[:20] for i in self.award_order.text().replace(";", ",").split(",") if i.strip()]
        self.tender.lot_award_order = list(dict.fromkeys(ids))[:100]
        self.changed.emit()

    def add(self) -> None:
        """Add a lot and start typing its title."""
        add_row(self.table, self.model, LotsModel.TITLE)

    def remove(self) -> None:
        """Remove the lot the cursor is on."""
        remove_row(self.table, self.model)


class TermSection(QWidget):
    """Extension options beside the term (the maximum term shown), and a framework agreement's maximum value."""

    changed = Signal()

    def __init__(self, tender: Tender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tender = tender
        self._loading = False
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.options_label = QLabel(_tr("V&erlengingsopties:"), self)
        self.options = QLineEdit(self)
        self.options.setAccessibleName(_tr("Verlengingsopties in maanden"))
        self.options.setPlaceholderText(_tr("maanden per optie, bijvoorbeeld 12, 12"))
        self.options.setToolTip(_tr("Opties die de opdrachtgever eenzijdig kan lichten, in maanden, gescheiden door "
                                    "komma's"))
        self.options.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9 ,;]{0,60}"), self.options))
        self.options_label.setBuddy(self.options)
        self.max_term = QLabel(self)
        self.max_term.setAccessibleName(_tr("Maximale looptijd"))
        grid.addWidget(self.options_label, 0, 0)
        grid.addWidget(self.options, 0, 1)
        grid.addWidget(self.max_term, 0, 2, 1, 2)
        self.framework = QCheckBox(_tr("Raamoveree&nkomst"), self)
        self.framework.setAccessibleName(_tr("Raamovereenkomst"))
        self.maximum_label = QLabel(_tr("maximale waarde:"), self)
        self.maximum = QDoubleSpinBox(self)
        self.maximum.setRange(0, 10_000_000_000)
        self.maximum.setDecimals(0)
        self.maximum.setSingleStep(10_000)
        self.maximum.setPrefix("€ ")
        self.maximum.setGroupSeparatorShown(True)
        i18n.number_field(self.maximum)
        self.maximum.setSpecialValueText(_tr("onbekend"))
        self.maximum.setAccessibleName(_tr("Maximale waarde van de raamovereenkomst in euro"))
        self.maximum_label.setBuddy(self.maximum)
        grid.addWidget(self.framework, 1, 0, 1, 2)
        grid.addWidget(self.maximum_label, 1, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.maximum, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.options.textEdited.connect(self._store)
        self.framework.toggled.connect(self._store)
        self.maximum.valueChanged.connect(self._store)

    def load(self, tender: Tender) -> None:
        """Show a tender's options and framework facts."""
        self._loading = True
        try:
            self.tender = tender
            self.options.setText(", ".join(str(m) for m in tender.extension_options_months))
            self.framework.setChecked(tender.framework_agreement)
            self.maximum.setValue(tender.maximum_value_eur or 0)
        finally:
            self._loading = False
        self.update_max_term()

    def _store(self, *_args: object) -> None:
        if self._loading:
            return
        t = self.tender
        options = parse_options(self.options.text())
        if options is not None:
            t.extension_options_months = options
        t.framework_agreement = self.framework.isChecked()
        t.maximum_value_eur = self.maximum.value() or None
        self.update_max_term()
        self.changed.emit()

    def update_max_term(self) -> None:
        """The maximum term, or why the options were not taken."""
        t = self.tender
        self.maximum.setEnabled(t.framework_agreement)
        self.maximum_label.setEnabled(t.framework_agreement)
        if parse_options(self.options.text()) is None:
            self.max_term.setText(_tr("elke optie 1 tot 120 maanden, hoogstens 10 opties"))
            self.max_term.setStyleSheet("color:#b71c1c")
            return
        self.max_term.setStyleSheet("")
        longest = t.max_term_months()
        if not t.extension_options_months:
            self.max_term.setText(_tr("geen opties"))
        elif longest is None:
            self.max_term.setText(_tr("vul de looptijd in"))
        else:
            self.max_term.setText(_tr("ten hoogste %1 maanden").replace("%1", str(longest)))
