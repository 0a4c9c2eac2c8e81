"""Settings: interface language (switched at once), the name written into the history, presentation mode."""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from criteria_library import user
from criteria_library.errors import UserError
from criteria_library.store import LibraryStore

from . import i18n
from .error_dialogs import show_user_error
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
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.setAccessibleName(self.tr("Taal"))
        form.addRow(self.tr("Taal:"), self.language)
        self.author = QLineEdit(self)
        self.author.setAccessibleName(self.tr("Uw naam"))
        self.author.setPlaceholderText(self.tr("leeg: de gebruikersnaam van de computer"))
        # the name is this user's own setting (not the shared library's), so it can be set even when read-only
        self.author.setText(user.stored_user_name())
        form.addRow(self.tr("Uw naam (in de geschiedenis):"), self.author)
        self.four_eyes = QCheckBox(self.tr("Vier-ogenprincipe: publiceren door een ander dan wie bewerkte of "
                                           "ter review aanbood"), self)
        with contextlib.suppress(UserError):
            self.four_eyes.setChecked(store.four_eyes)
        self.four_eyes.setEnabled(not store.read_only)
        self.four_eyes.setToolTip(self.tr("Geldt voor de hele bibliotheek; uitschakelen wordt in de geschiedenis "
                                          "vastgelegd."))
        form.addRow("", self.four_eyes)
        self.presentation = QCheckBox(self.tr("Presentatiemodus (grote letters, hoog contrast)"), self)
        self.presentation.setChecked(settings.presentation_mode)
        form.addRow("", self.presentation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        self.settings.language = self.language.currentData()
        try:
            if self.author.text().strip() != user.stored_user_name():
                self.store.set_author(self.author.text())
            if not self.store.read_only and self.four_eyes.isChecked() != self.store.four_eyes:
                self.store.set_four_eyes(self.four_eyes.isChecked())
        except UserError as exc:
            show_user_error(self, exc)
            return
        parent = self.parent()
        if self.presentation.isChecked() != self.settings.presentation_mode and hasattr(parent, "act_presentation"):
            parent.act_presentation.setChecked(self.presentation.isChecked())
        self.settings.presentation_mode = self.presentation.isChecked()
        self.settings.sync()
        super().accept()
        language = self.settings.language
        if language != i18n.lang() and hasattr(parent, "change_language"):
            parent.change_language(language)  # the windows are rebuilt in the new language, tenders kept
