"""Page 1, the basic facts, with the CPV picker."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from criteria_library import cpv
from tender_assistant.tender import MAX_NAME_LENGTH, PROCEDURES, Tender
from tender_assistant.thresholds import MAIN_OBJECTS, REGIMES

from .. import i18n
from ..dialog_buttons import accept_cancel_buttons
from .base import TenderPage, _tr
from .joint_lots import JointSection, LotsSection, TermSection


# ---------------------------------------------------------------------- CPV picker
class CpvPicker(QDialog):
    """Search the shipped CPV list (code or words, Dutch or English) and pick one or more codes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CpvPicker")
        self.setWindowTitle(_tr("CPV-code kiezen"))
        self.catalogue = cpv.catalogue()
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_tr("Zoek op code of omschrijving, bijvoorbeeld 'meubilair' of '3913'"))
        self.search.setAccessibleName(_tr("Zoeken in de CPV-lijst"))
        self.search.textChanged.connect(self._fill)
        self.search.installEventFilter(self)  # Down/Up in the search move through the list
        layout.addWidget(self.search)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAccessibleName(_tr("CPV-codes"))
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        layout.addWidget(self.list, 1)
        self.count = QLabel(self)
        layout.addWidget(self.count)
        buttons, _ok = accept_cancel_buttons(self, _tr("Toevoegen"), _tr("Annuleren"))
        layout.addWidget(buttons)
        self.resize(720, 520)
        self._fill("")

    def _fill(self, text: str) -> None:
        self.list.clear()
        entries = self.catalogue.search(text, limit=300)
        for e in entries:
            item = QListWidgetItem(f"{e.code}  {e.label(i18n.lang())}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, e.code)
        self.count.setText(_tr("1 code getoond") if len(entries) == 1
                           else _tr("%1 codes getoond").replace("%1", str(len(entries))))
        if entries:
            self.list.setCurrentRow(0)

    def selected_codes(self) -> list[str]:
        return [i.data(Qt.ItemDataRole.UserRole) for i in self.list.selectedItems()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = min(max(self.list.currentRow() + step, 0), self.list.count() - 1)
            if row >= 0:
                self.list.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)


# ---------------------------------------------------------------------- 1 basics
class BasicsPage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Gegevens van de aanbesteding"))
        self.setSubTitle(_tr("Wat koopt u in, voor wie, hoe lang en via welke procedure? Met de titel en de "
                             "omschrijving zoekt de app straks het passende inkooppakket."))
        outer = QVBoxLayout(self.content)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName(_tr("Titel"))
        self.title_edit.setPlaceholderText(_tr("bijvoorbeeld: Circulair kantoormeubilair voor het stadhuis"))
        self.registerField("title*", self.title_edit)
        form.addRow(_tr("&Titel:"), self.title_edit)
        self.title_note = self._limit(self.title_edit, form, _tr(
            "De titel is ingekort tot %1 tekens, het maximum; een langere tekst hoort in de omschrijving."))
        self.org_edit = QLineEdit(self)
        self.org_edit.setAccessibleName(_tr("Opdrachtgever"))
        self.org_edit.setPlaceholderText(_tr("bijvoorbeeld: Gemeente Zaanstad"))
        form.addRow(_tr("Op&drachtgever:"), self.org_edit)
        self.org_note = self._limit(self.org_edit, form, _tr(
            "De naam van de opdrachtgever is ingekort tot %1 tekens, het maximum."))
        self.description = QPlainTextEdit(self)
        self.description.setAccessibleName(_tr("Omschrijving"))
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(_tr("Wat wordt er gekocht, hoeveel, en wat is de circulaire ambitie?"))
        self.description.setMinimumHeight(70)
        self.description.setMaximumHeight(140)
        form.addRow(_tr("O&mschrijving:"), self.description)

        cpv_row = QHBoxLayout()
        self.cpv_list = QListWidget(self)
        self.cpv_list.setAccessibleName(_tr("Gekozen CPV-codes"))
        self.cpv_list.setMaximumHeight(68)
        cpv_buttons = QVBoxLayout()
        self.cpv_add = QPushButton(_tr("CPV-code &zoeken..."), self)
        self.cpv_add.clicked.connect(self.pick_cpv)
        self.cpv_remove = QPushButton(_tr("Verwijderen"), self)
        self.cpv_remove.clicked.connect(self.remove_cpv)
        cpv_buttons.addWidget(self.cpv_add)
        cpv_buttons.addWidget(self.cpv_remove)
        cpv_buttons.addStretch(1)
        cpv_row.addWidget(self.cpv_list, 1)
        cpv_row.addLayout(cpv_buttons)
        form.addRow(_tr("CPV-codes:"), cpv_row)

        grid = QGridLayout()
        self.value_spin = QDoubleSpinBox(self)
        self.value_spin.setRange(0, 10_000_000_000)
        self.value_spin.setDecimals(0)
        self.value_spin.setSingleStep(10_000)
        self.value_spin.setPrefix("€ ")
        self.value_spin.setGroupSeparatorShown(True)
        i18n.number_field(self.value_spin)
        self.value_spin.setSpecialValueText(_tr("onbekend"))
        self.value_spin.setAccessibleName(_tr("Geraamde waarde in euro"))
        self.term_spin = QSpinBox(self)
        self.term_spin.setRange(0, 600)
        self.term_spin.setSuffix(_tr(" maanden"))
        self.term_spin.setSpecialValueText(_tr("onbekend"))
        self.term_spin.setAccessibleName(_tr("Looptijd in maanden"))
        grid.addWidget(self.value_spin, 0, 0)
        grid.addWidget(QLabel(_tr("Looptijd:"), self), 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.term_spin, 0, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        form.addRow(_tr("Geraamde waarde:"), grid)
        # the options sit with the term: the maximum term (and the value over it, art. 2.17 Aw) follows from both
        self.term_section = TermSection(Tender(), self)
        form.addRow(self.term_section)
        proc_row = QHBoxLayout()
        self.procedure = QComboBox(self)
        for key, (nl, en) in PROCEDURES.items():
            self.procedure.addItem(en if i18n.lang() == "en" else nl, key)
        self.procedure.setAccessibleName(_tr("Procedure"))
        self.authority = QComboBox(self)
        self.authority.addItem(_tr("Decentrale overheid (gemeente, provincie)"), "decentraal")
        self.authority.addItem(_tr("Centrale overheid (Rijk)"), "centraal")
        self.authority.setAccessibleName(_tr("Soort overheid"))
        proc_row.addWidget(self.procedure, 1)
        proc_row.addWidget(self.authority, 1)
        form.addRow(_tr("Procedure:"), proc_row)

        # what the procedure advice rests on: thresholds on the publication date, the directive, the main object
        legal = QGridLayout()
        # not a special value text for 'no date': with one, QDateEdit keeps the Tab key (a focus trap)
        self.publication_planned = QCheckBox(_tr("gepland op"), self)
        self.publication_planned.setToolTip(_tr("Zonder geplande datum gelden de Europese drempels van vandaag"))
        self.publication = QDateEdit(QDate.currentDate(), self)
        self.publication.setCalendarPopup(True)
        self.publication.setDisplayFormat("d-M-yyyy")
        self.publication.setAccessibleName(_tr("Geplande publicatiedatum"))
        self.publication.setToolTip(_tr("De Europese drempels gelden op de datum van publicatie"))
        self.publication.setEnabled(False)
        self.publication_planned.toggled.connect(self.publication.setEnabled)
        self.regime = QComboBox(self)
        for key, (nl, en) in REGIMES.items():
            self.regime.addItem(en if i18n.lang() == "en" else nl, key)
        self.regime.setAccessibleName(_tr("Richtlijn"))
        self.main_object = QComboBox(self)
        self.main_object.addItem(_tr("uit de CPV-codes"), None)
        for key, (nl, en) in MAIN_OBJECTS.items():
            self.main_object.addItem(en if i18n.lang() == "en" else nl, key)
        self.main_object.setAccessibleName(_tr("Hoofdvoorwerp"))
        self.main_object.setToolTip(_tr("Bij een gemengde opdracht beslist het hoofdvoorwerp naar waarde of het om "
                                        "werken gaat, niet de eerste CPV-code"))
        planned = QHBoxLayout()
        planned.addWidget(self.publication_planned)
        planned.addWidget(self.publication)
        planned.addStretch(1)
        publication_label = QLabel(_tr("&Publicatie:"), self)
        publication_label.setBuddy(self.publication_planned)
        form.addRow(publication_label, planned)
        # two rows, so the page stays within a 1280x720 screen in presentation mode too
        legal.addWidget(self.regime, 0, 0)
        object_label = QLabel(_tr("&Hoofdvoorwerp:"), self)
        object_label.setBuddy(self.main_object)
        legal.addWidget(object_label, 0, 1, Qt.AlignmentFlag.AlignRight)
        legal.addWidget(self.main_object, 0, 2)
        legal.setColumnStretch(0, 1)
        legal.setColumnStretch(2, 1)
        regime_label = QLabel(_tr("R&ichtlijn:"), self)
        regime_label.setBuddy(self.regime)
        form.addRow(regime_label, legal)
        self.joint_section = JointSection(Tender(), self)
        form.addRow(self.joint_section)
        self.lots_section = LotsSection(Tender(), self)
        form.addRow(self.lots_section)

        self.title_edit.textEdited.connect(self._store)
        self.org_edit.textEdited.connect(self._store)
        self.description.textChanged.connect(self._store)
        self.value_spin.valueChanged.connect(self._store)
        self.term_spin.valueChanged.connect(self._store)
        self.procedure.currentIndexChanged.connect(self._store)
        self.authority.currentIndexChanged.connect(self._store)
        self.publication.dateChanged.connect(self._store)
        self.publication_planned.toggled.connect(self._store)
        self.regime.currentIndexChanged.connect(self._store)
        self.main_object.currentIndexChanged.connect(self._store)
        for section in (self.term_section, self.joint_section, self.lots_section):
            section.changed.connect(self.changed)
        # equal shares are parts of the whole: they follow the estimate and the lots' values
        self.lots_section.changed.connect(self.joint_section.table.viewport().update)
        self.lots_section.changed.connect(self._fill_cpv)  # a lot's CPV code joins the tender's list
        self._loading = False

    def _limit(self, edit: QLineEdit, form: QFormLayout, cut_text: str) -> QLabel:
        """Hold the field to the tender file's limit (a longer one would not open again) and say so when a
        paste or typing is cut; the note goes away with the next edit that fits."""
        edit.setMaxLength(MAX_NAME_LENGTH)
        note = QLabel(cut_text.replace("%1", str(MAX_NAME_LENGTH)), self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #8a4b00;")
        form.addRow("", note)
        form.setRowVisible(note, False)

        def rejected() -> None:
            form.setRowVisible(note, True)
            edit.setAccessibleDescription(note.text())

        def edited(_text: str) -> None:
            if len(edit.text()) < MAX_NAME_LENGTH:
                form.setRowVisible(note, False)
                edit.setAccessibleDescription("")

        edit.inputRejected.connect(rejected)
        edit.textEdited.connect(edited)
        return note

    def initializePage(self) -> None:
        t = self.wiz().tender
        self._loading = True
        try:
            self.title_edit.setText(t.title)
            self.org_edit.setText(t.organisation)
            if self.description.toPlainText() != t.description:
                self.description.setPlainText(t.description)
            self.value_spin.setValue(t.estimated_value_eur or 0)
            self.term_spin.setValue(t.contract_term_months or 0)
            self.procedure.setCurrentIndex(max(0, self.procedure.findData(t.procedure)))
            self.authority.setCurrentIndex(max(0, self.authority.findData(t.authority)))
            published = t.publication_date
            self.publication_planned.setChecked(published is not None)
            self.publication.setDate(QDate(published.year, published.month, published.day) if published
                                     else QDate.currentDate())
            self.regime.setCurrentIndex(max(0, self.regime.findData(t.regime)))
            self.main_object.setCurrentIndex(max(0, self.main_object.findData(t.main_object)))
            self._fill_cpv()
            for section in (self.term_section, self.joint_section, self.lots_section):
                section.load(t)
        finally:
            self._loading = False

    def _fill_cpv(self) -> None:
        self.cpv_list.clear()
        catalogue = cpv.catalogue()
        for code in self.wiz().tender.cpv:
            item = QListWidgetItem(f"{code}  {catalogue.label(code, i18n.lang())}", self.cpv_list)
            item.setData(Qt.ItemDataRole.UserRole, code)
        self.cpv_remove.setEnabled(bool(self.wiz().tender.cpv))

    def _store(self, *_args: Any) -> None:
        if self._loading:
            return
        t = self.wiz().tender
        t.title = self.title_edit.text()
        t.organisation = self.org_edit.text()
        t.description = self.description.toPlainText()
        t.estimated_value_eur = self.value_spin.value() or None
        t.contract_term_months = self.term_spin.value() or None
        t.procedure = self.procedure.currentData()
        t.authority = self.authority.currentData()
        chosen = self.publication.date()
        t.publication_date = (date(chosen.year(), chosen.month(), chosen.day()) if self.publication_planned.isChecked()
                              else None)
        t.regime = self.regime.currentData() or "klassiek"
        t.main_object = self.main_object.currentData()
        self.term_section.update_max_term()
        self.joint_section.table.viewport().update()
        self.changed()

    def pick_cpv(self) -> None:
        picker = CpvPicker(self)
        if picker.exec() == QDialog.DialogCode.Accepted:
            self.add_cpv(picker.selected_codes())

    def add_cpv(self, codes: list[str]) -> None:
        t = self.wiz().tender
        for code in codes:
            full = cpv.catalogue().normalise(code) or code
            if full not in t.cpv:
                t.cpv.append(full)
        self._fill_cpv()
        self.changed()

    def remove_cpv(self) -> None:
        item = self.cpv_list.currentItem()
        if item is None:
            return
        self.wiz().tender.cpv.remove(item.data(Qt.ItemDataRole.UserRole))
        self._fill_cpv()
        self.changed()

    def focus_place(self, place: str) -> None:
        """Put the cursor in the field a finding names."""
        fields = {"title": self.title_edit, "organisation": self.org_edit, "description": self.description,
                  "cpv": self.cpv_list, "estimated_value_eur": self.value_spin,
                  "contract_term_months": self.term_spin, "procedure": self.procedure,
                  "publication_date": self.publication_planned, "regime": self.regime, "main_object": self.main_object,
                  "extension_options_months": self.term_section.options,
                  "framework_agreement": self.term_section.framework, "maximum_value_eur": self.term_section.maximum,
                  "participants": self.joint_section.table, "mandate": self.joint_section.mandate_reference,
                  "lots": self.lots_section.table, "lots_reason": self.lots_section.reason,
                  "max_lots_per_bidder": self.lots_section.max_bid,
                  "max_lots_awarded_per_bidder": self.lots_section.max_won,
                  "lot_award_order": self.lots_section.award_order}
        widget = fields.get(place.split("[")[0].split(".")[0])
        if widget is not None:
            widget.setFocus()
