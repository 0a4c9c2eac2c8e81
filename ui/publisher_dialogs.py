"""Publishers and keys in the GUI, as on the command line (`library keygen|publish|trust|untrust`): the trusted
publishers with the fingerprints to compare by phone, trusting a key (also straight from a refused release), making
a key pair and publishing a signed release."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from criteria_library import user
from criteria_library.errors import LibraryError
from criteria_library.infra.errors import UserError
from criteria_library.publish import PublishResult, publish
from criteria_library.publishers import (
    fingerprint,
    generate_key,
    load_private_key,
    load_public_key,
    short_fingerprint,
    trust,
    trusted_publishers,
    untrust,
)
from criteria_library.store import LibraryStore

from .error_dialogs import show_user_error
from .operation import Operation
from .path_field import path_row
from .screen_fit import fit_to_screen


def _tr(text: str) -> str:
    return QCoreApplication.translate("PublisherDialogs", text)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("Annuleren"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _password(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    return edit


class TrustDialog(QDialog):
    """Trust a publisher's public key under a name, after comparing its fingerprint (shown as soon as the file is
    chosen); from a refused release the fingerprint it was signed with is shown too, and another key is refused."""

    def __init__(self, parent: QWidget | None = None, *, expected: str | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.expected = expected
        self.trusted_name = ""
        self.setObjectName("TrustDialog")
        self.setWindowTitle(_tr("Uitgever vertrouwen"))
        form = QFormLayout(self)
        intro = QLabel(_tr("Kies de openbare sleutel (.pub) die de uitgever u gaf en vergelijk de vingerafdruk met "
                           "de uitgever, bijvoorbeeld telefonisch."), self)
        intro.setWordWrap(True)
        form.addRow(intro)
        if expected:
            signed = QLabel(_tr("De release is ondertekend met sleutel %1.").replace("%1", short_fingerprint(expected)),
                            self)
            signed.setWordWrap(True)
            form.addRow(signed)
        row, self.key_edit = path_row(self, _tr("Openbare sleutel"), _tr("Bladeren..."), self._browse)
        form.addRow(_tr("Openbare sleutel:"), row)
        self.fingerprint_label = QLabel("-", self)
        self.fingerprint_label.setAccessibleName(_tr("Vingerafdruk van de sleutel"))
        form.addRow(_tr("Vingerafdruk:"), self.fingerprint_label)
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setAccessibleName(_tr("Naam van de uitgever"))
        form.addRow(_tr("Naam van de uitgever:"), self.name_edit)
        self.key_edit.textChanged.connect(self._show_fingerprint)
        form.addRow(_buttons(self, _tr("&Vertrouwen")))
        self.resize(620, self.sizeHint().height())

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, _tr("Openbare sleutel kiezen"), self.key_edit.text(),
                                              _tr("Openbare sleutels (*.pub);;Alle bestanden (*)"))
        if name:
            self.key_edit.setText(name)

    def key_fingerprint(self) -> str | None:
        """The fingerprint of the chosen file's key (None when it is no readable public key)."""
        try:
            return fingerprint(load_public_key(self.key_edit.text().strip()))
        except (UserError, OSError):
            return None

    def _show_fingerprint(self) -> None:
        fp = self.key_fingerprint()
        if fp is None:
            self.fingerprint_label.setText(_tr("(geen leesbare openbare sleutel)") if self.key_edit.text() else "-")
        elif self.expected and fp != self.expected:
            self.fingerprint_label.setText(_tr("%1: een andere sleutel dan die van de release")
                                           .replace("%1", short_fingerprint(fp)))
        else:
            self.fingerprint_label.setText(short_fingerprint(fp))

    def accept(self) -> None:
        try:
            if self.expected and self.key_fingerprint() != self.expected:
                raise LibraryError("Deze sleutel is niet de sleutel waarmee de release is ondertekend; vraag de "
                                   "uitgever om de juiste.",
                                   en="This key is not the one the release was signed with; ask the publisher for "
                                   "the right one.")
            self.trusted_name = trust(self.key_edit.text().strip(), self.name_edit.text()).name
        except UserError as exc:
            show_user_error(self, exc)
            return
        super().accept()


class KeygenDialog(QDialog):
    """Make a key pair to sign releases: the private key (encrypted with a passphrase) and the .pub beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fingerprint = ""
        self.setObjectName("KeygenDialog")
        self.setWindowTitle(_tr("Sleutelpaar maken"))
        form = QFormLayout(self)
        row, self.key_edit = path_row(self, _tr("Privésleutel"), _tr("Bladeren..."), self._browse)
        form.addRow(_tr("Privésleutel:"), row)
        self.passphrase = _password(self, _tr("Wachtwoordzin"))
        self.repeat = _password(self, _tr("Wachtwoordzin herhalen"))
        form.addRow(_tr("Wachtwoordzin:"), self.passphrase)
        form.addRow(_tr("Nogmaals:"), self.repeat)
        hint = QLabel(_tr("De openbare sleutel komt ernaast (.pub): die geeft u aan wie uw releases ontvangt. Bewaar "
                          "de privésleutel en de wachtwoordzin goed."), self)
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(_buttons(self, _tr("&Maken")))
        self.resize(600, self.sizeHint().height())

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, _tr("Privésleutel opslaan als"), self.key_edit.text() or "uitgever.key")
        if name:
            self.key_edit.setText(name)

    def accept(self) -> None:
        try:
            if not self.key_edit.text().strip():
                raise LibraryError("Kies waar de sleutel komt.", en="Choose where the key goes.")
            if len(self.passphrase.text()) < 8:
                raise LibraryError("Kies een wachtwoordzin van minstens 8 tekens.",
                                   en="Choose a passphrase of at least 8 characters.")
            if self.passphrase.text() != self.repeat.text():
                raise LibraryError("De twee wachtwoordzinnen verschillen.", en="The two passphrases differ.")
            self.fingerprint = generate_key(self.key_edit.text().strip(), self.passphrase.text())
        except UserError as exc:
            show_user_error(self, exc)
            return
        QMessageBox.information(self, _tr("Sleutelpaar gemaakt"),
                                _tr("Sleutel gemaakt: %1 (privé) en %1.pub (om te delen).\nVingerafdruk: %2")
                                .replace("%1", self.key_edit.text().strip())
                                .replace("%2", short_fingerprint(self.fingerprint)))
        super().accept()


class PublishDialog(QDialog):
    """Write a signed release of the published criteria into a folder."""

    def __init__(self, store: LibraryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.result_: PublishResult | None = None
        self.setObjectName("PublishDialog")
        self.setWindowTitle(_tr("Release publiceren"))
        form = QFormLayout(self)
        key_row, self.key_edit = path_row(self, _tr("Privésleutel"), _tr("Bladeren..."), self._browse_key)
        form.addRow(_tr("Privésleutel:"), key_row)
        self.passphrase = _password(self, _tr("Wachtwoordzin"))
        form.addRow(_tr("Wachtwoordzin:"), self.passphrase)
        out_row, self.out_edit = path_row(self, _tr("Map voor de release"), _tr("Bladeren..."), self._browse_out)
        form.addRow(_tr("Map voor de release:"), out_row)
        self.version = QLineEdit(self)
        self.version.setPlaceholderText(_tr("leeg: datum en tijd, of bijvoorbeeld 2026.3"))
        self.version.setAccessibleName(_tr("Releaseversie"))
        form.addRow(_tr("Versie:"), self.version)
        self.publisher = QLineEdit(user.user_name(), self)
        self.publisher.setAccessibleName(_tr("Naam van de uitgever"))
        form.addRow(_tr("Uitgever:"), self.publisher)
        self.notes = QLineEdit(self)
        self.notes.setAccessibleName(_tr("Toelichting bij deze release"))
        form.addRow(_tr("Toelichting:"), self.notes)
        form.addRow(_buttons(self, _tr("&Publiceren")))
        self.resize(640, self.sizeHint().height())

    def _browse_key(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, _tr("Privésleutel kiezen"), self.key_edit.text())
        if name:
            self.key_edit.setText(name)

    def _browse_out(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _tr("Map voor de release kiezen"), self.out_edit.text())
        if folder:
            self.out_edit.setText(folder)

    def accept(self) -> None:
        """Sign and write the release in a worker; the dialog closes when it is written."""
        try:
            if not self.out_edit.text().strip():
                raise LibraryError("Kies een map voor de release.", en="Choose a folder for the release.")
            key = load_private_key(self.key_edit.text().strip(), self.passphrase.text())
        except UserError as exc:
            show_user_error(self, exc)
            return
        path, out = self.store.path, Path(self.out_edit.text().strip())
        publisher, version, notes = self.publisher.text().strip(), self.version.text().strip() or None, self.notes.text()

        def task(_progress: Any) -> PublishResult:
            reader = LibraryStore.open(path, read_only=True)  # the worker's own connection
            try:
                return publish(reader, out, key, publisher=publisher or user.user_name(), version=version,
                               notes=notes)
            finally:
                reader.close()

        Operation(self, task, label=_tr("Release schrijven..."), failure_title=_tr("Niet gepubliceerd")).success(
            self._published).run()

    def _published(self, result: PublishResult) -> None:
        self.result_ = result
        QMessageBox.information(self, _tr("Release gepubliceerd"),
                                _tr("Release %1 staat in %2: %3 criteria, ondertekend met sleutel %4.")
                                .replace("%1", result.version).replace("%2", str(result.folder))
                                .replace("%3", str(result.criteria)).replace("%4", short_fingerprint(result.fingerprint)))
        super().accept()


class PublishersDialog(QDialog):
    """The trusted publishers with their fingerprints, and everything a regisseur does with keys and releases."""

    def __init__(self, store: LibraryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("PublishersDialog")
        self.setWindowTitle(_tr("Uitgevers en sleutels"))
        layout = QVBoxLayout(self)
        heading = QLabel(_tr("Vertrouwde uitgevers: alleen hun releases kunnen de bibliotheek bijwerken. Vergelijk "
                             "een vingerafdruk met de uitgever, bijvoorbeeld telefonisch."), self)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_tr("Vertrouwde uitgevers"))
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.trust_button = QPushButton(_tr("&Vertrouwen..."), self)
        self.untrust_button = QPushButton(_tr("&Niet meer vertrouwen"), self)
        self.keygen_button = QPushButton(_tr("&Sleutelpaar maken..."), self)
        self.publish_button = QPushButton(_tr("Release &publiceren..."), self)
        close = QPushButton(_tr("Sluiten"), self)
        for b in (self.trust_button, self.untrust_button, self.keygen_button, self.publish_button):
            b.setAutoDefault(False)
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.trust_button.clicked.connect(self.trust_key)
        self.untrust_button.clicked.connect(self.untrust_selected)
        self.keygen_button.clicked.connect(lambda: KeygenDialog(self).exec())
        self.publish_button.clicked.connect(lambda: PublishDialog(self.store, self).exec())
        close.clicked.connect(self.reject)
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.reload()
        fit_to_screen(self, 760, 420)

    def reload(self) -> None:
        self.list.clear()
        try:
            publishers = trusted_publishers()
        except UserError as exc:
            show_user_error(self, exc)
            publishers = []
        for p in publishers:
            extra = _tr(" (meegeleverd)") if p.builtin else ""
            item = QListWidgetItem(f"{p.name}{extra}    {short_fingerprint(p.fingerprint)}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, p.name)
            item.setToolTip(p.fingerprint)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.untrust_button.setEnabled(self.list.currentRow() >= 0)
        self.publish_button.setEnabled(True)

    def trust_key(self) -> None:
        dialog = TrustDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def untrust_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        name = str(item.data(Qt.ItemDataRole.UserRole))
        answer = QMessageBox.question(self, _tr("Niet meer vertrouwen"),
                                      _tr("Releases van '%1' niet meer vertrouwen?").replace("%1", name),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            untrust(name)
        except UserError as exc:
            show_user_error(self, exc)
        self.reload()


def offer_trust(parent: QWidget, claimed: str, fp: str) -> bool:
    """A release was refused because its key is not trusted: offer to trust it from here; True when trusted."""
    answer = QMessageBox.question(
        parent, _tr("Uitgever niet vertrouwd"),
        _tr("De release is ondertekend door '%1' met sleutel %2, die nog niet wordt vertrouwd. Er is niets gewijzigd."
            "\n\nWilt u deze uitgever nu vertrouwen? U heeft de openbare sleutel (.pub) van de uitgever nodig; "
            "vergelijk de vingerafdruk met de uitgever.").replace("%1", claimed).replace("%2", short_fingerprint(fp)))
    if answer != QMessageBox.StandardButton.Yes:
        return False
    dialog = TrustDialog(parent, expected=fp, name=claimed)
    return dialog.exec() == QDialog.DialogCode.Accepted
