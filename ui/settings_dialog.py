"""Settings: interface language (switched at once), the name written into the history, presentation mode, and the
library's four-eyes rule and inkoopbeleid."""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from criteria_library import user
from criteria_library.infra.errors import UserError
from criteria_library.store import LibraryStore
from tender_assistant.procurement_policy import MAX_AMOUNT, clear_policy, current_policy, save_policy
from tender_assistant.thresholds import NationalAdvice, default_policy

from . import i18n
from .error_dialogs import show_user_error
from .screen_fit import fit_to_screen
from .settings import AppSettings


class SettingsDialog(QDialog):
    """Preferences of this user (language, presentation, own name) and the library's four-eyes setting."""

    def __init__(self, store: LibraryStore, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.setObjectName("SettingsDialog")
        self.setWindowTitle(self.tr("Instellingen"))
        form = QFormLayout(self)
        self.language = QComboBox(self)
        self.language.addItem("Nederlands", "nl")
        self.language.addItem("English", "en")
        # the language this window runs in (a start with --lang may differ from the stored one)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.lang())))
        self.language.setAccessibleName(self.tr("Taal"))
        form.addRow(self.tr("Taal:"), self.language)
        self.stored_language: QLabel | None = None
        if settings.language != i18n.lang():
            stored = self.language.itemText(max(0, self.language.findData(settings.language)))
            self.stored_language = QLabel(self.tr("Opgeslagen instelling: %1 (geldt na herstart zonder --lang)").replace("%1", stored),
                                          self)
            self.stored_language.setWordWrap(True)
            form.addRow("", self.stored_language)
        self.author = QLineEdit(self)
        self.author.setAccessibleName(self.tr("Uw naam"))
        self.author.setPlaceholderText(self.tr("leeg: de gebruikersnaam van de computer"))
        # the name is this user's own setting (not the shared library's), so it can be set even when read-only
        self.author.setText(user.stored_user_name())
        form.addRow(self.tr("Uw naam (in de geschiedenis):"), self.author)
        self.account = QLabel(self.tr("Account: %1 (vastgelegd bij elke wijziging; een andere naam maakt u niet "
                                      "tot een ander persoon)").replace("%1", user.os_account()), self)
        self.account.setWordWrap(True)
        form.addRow("", self.account)
        # short check box texts (a check box does not wrap): the dialog fits 1280x720 in presentation mode
        self.four_eyes = QCheckBox(self.tr("Vier-ogenprincipe"), self)
        self.four_eyes.setAccessibleName(self.tr("Vier-ogenprincipe: publiceren door een ander account dan wie "
                                                 "bewerkte of ter review aanbood"))
        request = None
        with contextlib.suppress(UserError):
            self.four_eyes.setChecked(store.four_eyes)
            request = store.four_eyes_off_request
        self.four_eyes.setEnabled(not store.read_only)
        self.four_eyes.setToolTip(self.tr("Een instelling van de organisatie: uitschakelen kan alleen direct in een "
                                          "bibliotheek met één gebruiker; anders moet een tweede persoon het "
                                          "bevestigen. Elke stap wordt vastgelegd."))
        form.addRow("", self.four_eyes)
        four_eyes_text = QLabel(self.tr("Publiceren door een ander account dan wie bewerkte of ter review aanbood."),
                                self)
        four_eyes_text.setWordWrap(True)
        form.addRow("", four_eyes_text)
        self.four_eyes_request = QLabel(self)
        self.four_eyes_request.setWordWrap(True)
        if request is not None:
            self.four_eyes_request.setText(
                self.tr("%1 vroeg het vier-ogenprincipe uit te schakelen; vink het uit om dat als tweede persoon "
                        "te bevestigen.").replace("%1", request.label()))
        self.four_eyes_request.setVisible(request is not None)
        form.addRow("", self.four_eyes_request)
        form.addRow(self._policy_box())
        self.presentation = QCheckBox(self.tr("Presentatiemodus (grote letters, hoog contrast)"), self)
        self.presentation.setChecked(settings.presentation_mode)
        form.addRow("", self.presentation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        fit_to_screen(self, 620, self.sizeHint().height())

    def _policy_box(self) -> QGroupBox:
        """The organisation's inkoopbeleid: the procedure advice for supplies and services rests on it."""
        box = QGroupBox(self.tr("Inkoopbeleid van de organisatie (leveringen en diensten)"), self)
        grid = QFormLayout(box)
        self.single_max = self._amount_spin(self.tr("Enkelvoudig onderhands tot"), self.tr("geen eigen grens"))
        self.multiple_max = self._amount_spin(self.tr("Meervoudig onderhands tot"), self.tr("geen eigen grens"))
        self.policy_source = QLineEdit(self)
        self.policy_source.setAccessibleName(self.tr("Bron van het inkoopbeleid"))
        self.policy_source.setPlaceholderText(self.tr("bijvoorbeeld: Inkoopbeleid 2025, artikel 4"))
        self._show_policy(current_policy(self.store))  # the default when unset or unreadable
        defaults = QPushButton(self.tr("Standaard&waarden"), self)
        defaults.clicked.connect(lambda: self._show_policy(default_policy()))
        grid.addRow(self.tr("Enkelvoudig onderhands tot:"), self.single_max)
        grid.addRow(self.tr("Meervoudig onderhands tot:"), self.multiple_max)
        grid.addRow(self.tr("Bron:"), self.policy_source)
        grid.addRow("", defaults)
        box.setToolTip(self.tr("Voor werken geldt de Gids Proportionaliteit; voor leveringen en diensten de grenzen "
                               "uit uw eigen inkoopbeleid. Geldt voor de hele bibliotheek."))
        box.setEnabled(not self.store.read_only)
        return box

    def _amount_spin(self, name: str, none_text: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(0, MAX_AMOUNT)
        spin.setSingleStep(5_000)
        spin.setPrefix("€ ")
        spin.setGroupSeparatorShown(True)
        i18n.number_field(spin)
        spin.setSpecialValueText(none_text)
        spin.setAccessibleName(name)
        return spin

    def _show_policy(self, policy: NationalAdvice) -> None:
        self.single_max.setValue(policy.enkelvoudig_max or 0)
        self.multiple_max.setValue(policy.meervoudig_max or 0)
        self.policy_source.setText("" if policy == default_policy() else policy.source)

    def _save_policy(self) -> None:
        """Store what the fields show; the store writes (and logs) nothing when that is what it holds already."""
        default = default_policy()
        shown = (self.single_max.value() or None, self.multiple_max.value() or None)
        if shown == (default.enkelvoudig_max, default.meervoudig_max) and not self.policy_source.text().strip():
            clear_policy(self.store)
        else:
            save_policy(self.store, shown[0], shown[1], self.policy_source.text())

    def accept(self) -> None:
        if self.language.currentData() != i18n.lang():  # untouched, the stored language stays as it was
            self.settings.language = self.language.currentData()
        try:
            if self.author.text().strip() != user.stored_user_name():
                self.store.set_author(self.author.text())
            if (not self.store.read_only and self.four_eyes.isChecked() != self.store.four_eyes
                    and self.store.set_four_eyes(self.four_eyes.isChecked()) == "requested"):
                QMessageBox.information(
                    self, self.tr("Vier-ogenprincipe"),
                    self.tr("Uw verzoek om het vier-ogenprincipe uit te schakelen is vastgelegd. Het gaat pas "
                            "uit als een collega (een ander account) het in Instellingen bevestigt."))
            if not self.store.read_only:
                self._save_policy()
        except UserError as exc:
            show_user_error(self, exc)
            return
        from .main_window import MainWindow  # here: the window imports this dialog

        parent = self.parent()
        window = parent if isinstance(parent, MainWindow) else None
        if self.presentation.isChecked() != self.settings.presentation_mode and window is not None:
            window.act_presentation.setChecked(self.presentation.isChecked())
        self.settings.presentation_mode = self.presentation.isChecked()
        self.settings.sync()
        super().accept()
        language = self.settings.language
        if language != i18n.lang() and window is not None:
            window.change_language(language)  # the windows are rebuilt in the new language, tenders kept
