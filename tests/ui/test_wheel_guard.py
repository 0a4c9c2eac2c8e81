"""The wheel over a drop-down changes it only once the field has the focus (FINDINGS5 F3: scrolling the wizard's
first page changed the procedure without a word)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QVBoxLayout, QWidget

from ui import wheel_guard

pytestmark = pytest.mark.gui


def _wheel(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(QPoint(10, 10))), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_past_an_unfocused_drop_down_and_turns_a_focused_one(qtbot, qapp) -> None:
    wheel_guard.install(qapp)
    page = QWidget()
    layout = QVBoxLayout(page)
    other = QLineEdit(page)
    procedure = QComboBox(page)
    procedure.addItems(["Europese openbare procedure", "Mededingingsprocedure met onderhandeling", "Nationaal"])
    layout.addWidget(other)
    layout.addWidget(procedure)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    other.setFocus()
    _wheel(procedure)
    assert procedure.currentIndex() == 0 and not procedure.hasFocus()
    procedure.setFocus()
    qtbot.waitUntil(procedure.hasFocus)
    _wheel(procedure)
    assert procedure.currentIndex() == 1
