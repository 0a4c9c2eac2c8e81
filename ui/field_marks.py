"""Marks on fields with a problem that never move the form: a tinted background and a message of fixed height.

A thicker border through a style sheet changed a field's height, and a message that appeared while typing pushed
the fields below it down, so a click landed in another field than the one aimed at.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

INVALID_BASE = QColor("#fde2e2")
INVALID_TEXT = QColor("#3b0000")


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Colour a field's background when it has a problem; its size stays the same."""
    if widget.property("invalid") == invalid:
        return
    widget.setProperty("invalid", invalid)
    if invalid:
        palette = widget.palette()
        for role, color in ((QPalette.ColorRole.Base, INVALID_BASE), (QPalette.ColorRole.Button, INVALID_BASE),
                            (QPalette.ColorRole.Text, INVALID_TEXT), (QPalette.ColorRole.ButtonText, INVALID_TEXT)):
            palette.setColor(role, color)
        widget.setPalette(palette)
    else:
        widget.setPalette(QPalette())  # back to the application's palette (light, dark or high contrast)


class ReservedMessage(QLabel):
    """A wrapped message that always takes `lines` lines of the current font, shown or hidden, with or without text."""

    def __init__(self, parent: QWidget | None = None, lines: int = 2) -> None:
        super().__init__(parent)
        self.lines = lines
        self.setWordWrap(True)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)

    def _height(self) -> int:
        margins = self.contentsMargins()
        return self.lines * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom() + 2

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return False  # the height does not follow the text: that is the point

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(super().sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(0, self._height())

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        """Show the text (a longer one is cut off; the tooltip holds all of it)."""
        super().setText(text)
        self.setToolTip(text)
