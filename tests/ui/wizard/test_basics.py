"""The CPV picker of the basics page: keys a person uses in its search, and its count."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

pytestmark = pytest.mark.gui


def test_down_and_up_in_the_cpv_search_move_the_selection(app, qtbot) -> None:
    from ui.wizard.basics import CpvPicker

    picker = CpvPicker()
    qtbot.addWidget(picker)
    picker.show()
    QTest.keyClicks(picker.search, "meubilair")
    first, second = (picker.list.item(i).data(Qt.ItemDataRole.UserRole) for i in (0, 1))
    assert picker.selected_codes() == [first]
    QTest.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.selected_codes() == [second] and picker.search.text() == "meubilair"
    QTest.keyClick(picker.search, Qt.Key.Key_Up)
    assert picker.selected_codes() == [first]
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.result() == picker.DialogCode.Accepted


def test_one_code_found_is_singular(app, qtbot) -> None:
    from ui.wizard.basics import CpvPicker

    picker = CpvPicker()
    qtbot.addWidget(picker)
    picker.search.setText("39130000")
    assert picker.list.count() == 1 and picker.count.text() == "1 code getoond"
