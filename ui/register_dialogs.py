"""The Monitoring window's dialogs: one contract typed in or edited, another list's columns mapped, and an
import's problems listed."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from criteria_library.infra.errors import UserError
from criteria_library.infra.text import dutch_number
from criteria_library.store import LibraryStore
from tender_assistant.monitoring.importer import COLUMNS, ImportProblems, parse_rows
from tender_assistant.monitoring.records import ContractRecord

from . import i18n
from .dialog_buttons import accept_cancel_buttons
from .error_dialogs import show_user_error
from .i18n import QT_TRANSLATE_NOOP


def _tr(text: str) -> str:
    return QCoreApplication.translate("Monitoring", text)


def show_problems(parent: QWidget, exc: UserError, title: str) -> None:
    """A user error; an import's problems listed one per line under 'details'."""
    if not isinstance(exc, ImportProblems):
        show_user_error(parent, exc, title)
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, i18n.error_text(exc), QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText(exc.report(i18n.lang()))
    box.exec()



class RecordDialog(QDialog):
    """Type in or edit one contract; checked with the import's own rules (same messages, same library lookup)."""

    def __init__(self, parent: QWidget, library: LibraryStore, record: ContractRecord | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.original = record
        self.result_record: ContractRecord | None = None
        self.setWindowTitle(_tr("Registratie bewerken") if record else _tr("Registratie toevoegen"))
        form = QFormLayout(self)
        self.fields: dict[str, QLineEdit] = {}
        labels = {
            "organisatie": QT_TRANSLATE_NOOP("Monitoring", "Organisatie"), "titel": QT_TRANSLATE_NOOP("Monitoring", "Titel"),
            "cpv": QT_TRANSLATE_NOOP("Monitoring", "CPV-codes"), "procedure": QT_TRANSLATE_NOOP("Monitoring", "Procedure"),
            "gunningsdatum": QT_TRANSLATE_NOOP("Monitoring", "Gunningsdatum (JJJJ-MM-DD)"),
            "startdatum": QT_TRANSLATE_NOOP("Monitoring", "Startdatum"), "einddatum": QT_TRANSLATE_NOOP("Monitoring", "Einddatum"),
            "waarde_eur": QT_TRANSLATE_NOOP("Monitoring", "Waarde in € excl. btw, met opties"),
            "criteria": QT_TRANSLATE_NOOP("Monitoring", "Criteria (bijv. MEU-M-01 MEU-G-01=20)"),
            "reden": QT_TRANSLATE_NOOP("Monitoring", "Reden van het oordeel"),
            "aankondiging": QT_TRANSLATE_NOOP("Monitoring", "Aankondigings-ID (TenderNed/TED)"),
            "perceel": QT_TRANSLATE_NOOP("Monitoring", "Perceel"),
        }
        self.package = QComboBox(self)
        self.package.addItem(_tr("(geen pakket)"), "")
        for p in library.packages():
            self.package.addItem(p.name(i18n.lang()), p.slug)
        self.nature = QComboBox(self)
        for code, label in (("L", _tr("Leveringen")), ("W", _tr("Werken")), ("D", _tr("Diensten"))):
            self.nature.addItem(label, code)
        self.physical = QCheckBox(_tr("Fysieke producten of werken"), self)
        self.physical.setChecked(True)
        self.override = QComboBox(self)
        self.override.addItem(_tr("Volgens de telregel"), "")
        self.override.addItem(_tr("Ja, circulair (oordeel organisatie)"), "ja")
        self.override.addItem(_tr("Nee, niet circulair (oordeel organisatie)"), "nee")
        for key in ("organisatie", "titel"):
            self._add_line(form, key, labels[key])
        form.addRow(_tr("Pakket"), self.package)
        form.addRow(_tr("Aard"), self.nature)
        for key in ("cpv", "procedure", "gunningsdatum", "startdatum", "einddatum", "waarde_eur", "criteria"):
            self._add_line(form, key, labels[key])
        form.addRow("", self.physical)
        form.addRow(_tr("Oordeel"), self.override)
        self._add_line(form, "reden", labels["reden"])
        for key in ("aankondiging", "perceel"):  # a notice with this id merges into this record when imported
            self._add_line(form, key, labels[key])
        buttons, _ok = accept_cancel_buttons(self, _tr("Opslaan"), _tr("Annuleren"))
        form.addRow(buttons)
        if record is not None:
            self._fill(record)

    def _add_line(self, form: QFormLayout, key: str, label: str) -> None:
        edit = QLineEdit(self)
        edit.setObjectName(f"field_{key}")
        edit.setAccessibleName(_tr(label))
        self.fields[key] = edit
        form.addRow(_tr(label), edit)

    def _fill(self, r: ContractRecord) -> None:
        values = {"organisatie": r.organisation, "titel": r.title, "cpv": " ".join(r.cpv), "procedure": r.procedure,
                  "gunningsdatum": r.award_date.isoformat() if r.award_date else "",
                  "startdatum": r.start_date.isoformat() if r.start_date else "",
                  "einddatum": r.end_date.isoformat() if r.end_date else "",
                  "waarde_eur": dutch_number(r.value_eur, 2, fixed=True),
                  "criteria": " ".join(f"{c.id}={c.weight:g}" if c.weight is not None else c.id for c in r.criteria)
                  or ("" if not r.criteria_known else "geen"), "reden": r.override_reason,
                  "aankondiging": r.notice_id, "perceel": r.lot_id}
        for key, value in values.items():
            self.fields[key].setText(value)
        self.package.setCurrentIndex(max(0, self.package.findData(r.package)))
        self.nature.setCurrentIndex(max(0, self.nature.findData(r.nature)))
        self.physical.setChecked(r.physical)
        self.override.setCurrentIndex({None: 0, True: 1, False: 2}[r.override])

    def row(self) -> dict[str, Any]:
        """The form as a contract-list row (the import's column names)."""
        row: dict[str, Any] = {key: edit.text() for key, edit in self.fields.items()}
        row.update(pakket=self.package.currentData(), aard=self.nature.currentData(),
                   fysiek="ja" if self.physical.isChecked() else "nee", circulair=self.override.currentData())
        return row

    def accept(self) -> None:
        try:
            [record] = parse_rows([(1, self.row())], self.library, _tr("invoer"))
        except UserError as exc:
            show_problems(self, exc, _tr("Registratie niet opgeslagen"))
            return
        if self.original is not None:
            o = self.original  # what the form does not show stays as it was (a notice's winner, flags and shares)
            record = replace(record, id=o.id, uid=o.uid, source=o.source, winner=o.winner, framework=o.framework,
                             declared_circular=o.declared_circular, share=o.share, share_basis=o.share_basis,
                             participants=o.participants)
        else:
            record.source = "handmatig"
        self.result_record = record
        super().accept()


class HeaderMappingDialog(QDialog):
    """Map another contract list's headers onto the import contract's column names."""

    def __init__(self, parent: QWidget, headers: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Kolommen koppelen"))
        layout = QVBoxLayout(self)
        intro = QLabel(_tr("Dit bestand heeft andere kolomnamen. Kies bij elk gegeven de kolom uit het bestand."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.boxes: dict[str, QComboBox] = {}
        folded = {h.strip().casefold(): h for h in headers}
        for column in COLUMNS:
            box = QComboBox(self)
            box.setObjectName(f"map_{column}")
            box.addItem(_tr("(niet in het bestand)"), "")
            for h in headers:
                box.addItem(h, h)
            guess = folded.get(column) or next((h for f, h in folded.items() if column in f or f in column), None)
            if guess:
                box.setCurrentIndex(box.findData(guess))
            self.boxes[column] = box
            form.addRow(column, box)
        layout.addLayout(form)
        buttons, _ok = accept_cancel_buttons(self, _tr("Importeren"), _tr("Annuleren"))
        layout.addWidget(buttons)

    def mapping(self) -> dict[str, str]:
        """file header -> contract column."""
        return {box.currentData(): column for column, box in self.boxes.items() if box.currentData()}
