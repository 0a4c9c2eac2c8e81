"""The mouse wheel scrolls the page, not the value of a drop-down or number field the pointer happens to be over.

Found in the wizard: scrolling the first page with the wheel changed the procedure from "Europese openbare
procedure" to "Mededingingsprocedure met onderhandeling" without a word. A field changes by the wheel only once it
has the keyboard focus (clicked or tabbed into), as in most professional tools.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

_GUARD: WheelGuard | None = None


class WheelGuard(QObject):
    """Application event filter: a wheel over an unfocused drop-down or number field goes to its parent instead."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (event.type() == QEvent.Type.Wheel and isinstance(watched, QComboBox | QAbstractSpinBox)
                and not watched.hasFocus()):
            parent = watched.parentWidget()
            if isinstance(parent, QWidget):
                QCoreApplication.sendEvent(parent, event)  # the page or list around it scrolls
            return True
        return False


def install(app: QApplication) -> None:
    """Install the guard once for the whole application."""
    global _GUARD
    if _GUARD is None:
        _GUARD = WheelGuard(app)
        app.installEventFilter(_GUARD)
