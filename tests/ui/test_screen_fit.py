"""Windows fit the screen: the wizard's buttons stay reachable, saved geometry from a larger screen is clamped."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWizard

pytestmark = pytest.mark.gui


def _on_screen(widget) -> bool:
    area = widget.screen().availableGeometry()
    top_left = widget.mapToGlobal(QPoint(0, 0))
    return area.contains(QRect(top_left, widget.size()))


def test_wizard_buttons_are_on_the_screen_on_every_page(app, qtbot, library):
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    wizard = TenderWizard(library, AppSettings())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.tender.title = "Kantoorstoelen"
    wizard.tender.description = "bureaustoelen en bureaus"
    qtbot.waitExposed(wizard)
    area = wizard.screen().availableGeometry()
    assert wizard.height() <= area.height() and wizard.width() <= area.width()
    for page_id in PageId:
        wizard.go_to(page_id)
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton,
                      QWizard.WizardButton.CustomButton1):
            button = wizard.button(which)
            if button.isVisible():
                assert _on_screen(button), (page_id, which)
    wizard.dirty = False


def test_a_window_saved_on_a_larger_screen_is_clamped(app, qtbot, fresh_db):
    from ui.main_window import MainWindow
    from ui.settings import AppSettings

    settings = AppSettings()
    first = MainWindow(fresh_db, settings, background_queries=False)
    qtbot.addWidget(first)
    area = first.screen().availableGeometry()
    first.setGeometry(area.x() + 300, area.y() + 200, area.width() + 900, area.height() + 700)
    settings.save_window("main", first.saveGeometry(), first.saveState())
    first.shutdown()

    second = MainWindow(fresh_db, settings, background_queries=False)
    qtbot.addWidget(second)
    geo = second.geometry()
    assert area.contains(geo), (area, geo)
    second.shutdown()
