"""The action table and the window agree: every action the table makes is an attribute the window declares, so a
renamed or added action is caught by mypy and here, not by a user pressing a menu entry."""

from __future__ import annotations

from typing import get_type_hints

import pytest
from PySide6.QtGui import QAction

pytestmark = pytest.mark.gui


def test_every_action_in_the_table_is_declared_on_the_window_and_made(make_window, library):
    from ui import main_window
    from ui.main_actions import ACTIONS

    hints = get_type_hints(main_window.MainWindow, vars(main_window))
    names = {spec.name for spec in ACTIONS}
    assert {name for name, kind in hints.items() if kind is QAction} == names
    window = make_window(library)
    assert all(isinstance(getattr(window, name), QAction) for name in names)
