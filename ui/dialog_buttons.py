"""The button row of our dialogs: one named accept button and a Dutch-labelled cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def accept_cancel_buttons(dialog: QDialog, accept_text: str, cancel_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """A button box wired to the dialog's accept and reject; returns it and its accept button."""
    buttons = QDialogButtonBox(dialog)
    accept = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    cancel.setText(cancel_text)  # the standard button's text follows Qt's locale, not the app's language
    accept.clicked.connect(dialog.accept)
    cancel.clicked.connect(dialog.reject)
    return buttons, accept
