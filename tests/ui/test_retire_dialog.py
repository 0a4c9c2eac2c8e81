"""Retiring a criterion asks first, with a reason that lands in the history (exploratory finding R5: 'Intrekken'
retired a published criterion with one click)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from criteria_library.models import Status

pytestmark = pytest.mark.gui


def answer_the_retire_dialog(reason: str | None, seen: list[str]) -> None:
    """When the dialog opens: type the reason and press Intrekken (Enter), or press Escape (reason None)."""

    tries = [100]  # two seconds; a dialog that never opens leaves no timer behind

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "RetireDialog":
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(20, act)
            return
        seen.append(dialog.windowTitle())
        seen.append(str(dialog.retire_button.isEnabled()))
        if reason is None:
            QTest.keyClick(dialog, Qt.Key.Key_Escape)
            return
        QTest.keyClicks(dialog.reason, reason)
        QTest.keyClick(dialog.reason, Qt.Key.Key_Return)

    QTimer.singleShot(0, act)


def test_intrekken_in_the_editor_asks_a_reason_and_keeps_it(app, qtbot, fresh_db):
    from ui.criterion_editor import CriterionEditor

    editor = CriterionEditor.for_existing(fresh_db, "MEU-M-01")
    qtbot.addWidget(editor)
    editor.show()
    seen: list[str] = []
    answer_the_retire_dialog(None, seen)
    qtbot.mouseClick(editor.status_buttons[Status.RETIRED], Qt.MouseButton.LeftButton)
    assert seen == ["Criterium intrekken", "False"]  # Intrekken is not pressable before a reason is typed
    assert fresh_db.criterion("MEU-M-01").status == Status.PUBLISHED  # Escape: nothing happened
    answer_the_retire_dialog("vervangen door MEU-M-02", seen)
    qtbot.mouseClick(editor.status_buttons[Status.RETIRED], Qt.MouseButton.LeftButton)
    assert fresh_db.criterion("MEU-M-01").status == Status.RETIRED
    assert fresh_db.history("MEU-M-01")[0].note == "ingetrokken: vervangen door MEU-M-02"


def test_intrekken_in_the_main_window_asks_the_same(app, qtbot, fresh_db, make_window):
    window = make_window(fresh_db)
    window.show()
    window.select_criterion("MEU-M-01")
    seen: list[str] = []
    answer_the_retire_dialog("dubbel met MEU-S-01", seen)
    window.status_actions[Status.RETIRED].trigger()
    assert seen[0] == "Criterium intrekken"
    assert fresh_db.criterion("MEU-M-01").status == Status.RETIRED
    assert fresh_db.history("MEU-M-01")[0].note == "ingetrokken: dubbel met MEU-S-01"
