"""Retiring a criterion: asked first, with the reason that goes into its history (publishing takes two people,
so retiring is not one careless click either)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from .dialog_buttons import accept_cancel_buttons


def _tr(text: str) -> str:
    return QCoreApplication.translate("RetireDialog", text)


class RetireDialog(QDialog):
    """'Criterium intrekken': what retiring means, and a reason; Intrekken stays disabled until one is typed."""

    def __init__(self, parent: QWidget | None, cid: str, suggested: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("RetireDialog")
        self.setWindowTitle(_tr("Criterium intrekken"))
        layout = QVBoxLayout(self)
        text = QLabel(_tr("%1 intrekken? Het wordt dan niet meer voorgesteld in nieuwe aanbestedingen. Terugzetten "
                          "kan daarna alleen via 'Terug naar concept' en een nieuwe review.").replace("%1", cid), self)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.reason = QLineEdit(suggested, self)
        self.reason.setAccessibleName(_tr("Reden van intrekken"))
        self.reason.setPlaceholderText(_tr("bijvoorbeeld: vervangen door een strenger criterium (komt in de "
                                           "geschiedenis)"))
        self.reason.setMaxLength(500)
        label = QLabel(_tr("&Reden:"), self)
        label.setBuddy(self.reason)
        form.addRow(label, self.reason)
        layout.addLayout(form)
        buttons, self.retire_button = accept_cancel_buttons(self, _tr("&Intrekken"), _tr("Annuleren"))
        self.retire_button.setAutoDefault(False)
        layout.addWidget(buttons)
        self.reason.textChanged.connect(self._update)
        self._update()
        self.resize(560, self.sizeHint().height())
        self.reason.setFocus()

    def _update(self) -> None:
        self.retire_button.setEnabled(bool(self.reason.text().strip()))
        self.retire_button.setDefault(self.retire_button.isEnabled())  # Enter retires only once a reason is given


def ask_retire_reason(parent: QWidget | None, cid: str, suggested: str = "") -> str | None:
    """The reason to retire cid with, or None when the user cancelled."""
    dialog = RetireDialog(parent, cid, suggested)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason.text().strip() or None
