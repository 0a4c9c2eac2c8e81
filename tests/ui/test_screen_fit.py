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


def test_criterion_editor_fits_a_narrow_dialog_in_english_without_a_sideways_scroll_bar(app, qtbot, fresh_db):
    """Long English package names in the classification row no longer push the form past the dialog's edge."""
    from PySide6.QtWidgets import QScrollArea

    from ui import i18n
    from ui.criterion_editor import CriterionEditor

    assert i18n.install(app, "en")
    try:
        editor = CriterionEditor.for_existing(fresh_db, "MEU-G-01")
        qtbot.addWidget(editor)
        editor.resize(760, 720)
        editor.show()
        qtbot.waitExposed(editor)
        scroll = editor.findChild(QScrollArea)
        assert scroll.horizontalScrollBar().maximum() == 0
    finally:
        i18n.install(app, "nl")


def test_criteria_page_shows_level_and_reason_columns_inside_the_tree(app, qtbot, library):
    """At 1100 pixels wide the 'Waarom voorgesteld' column starts inside the visible part of the list."""
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    wizard = TenderWizard(library, AppSettings())
    qtbot.addWidget(wizard)
    wizard.tender.title = "Kantoorstoelen"
    wizard.tender.description = "bureaustoelen en bureaus met terugname"
    wizard.resize(1100, 700)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.go_to(PageId.CRITERIA)
    tree = wizard.pages[PageId.CRITERIA].tree
    header = tree.header()
    assert sum(header.sectionSize(i) for i in range(3)) <= tree.viewport().width()
    assert header.sectionSize(2) >= tree.fontMetrics().horizontalAdvance(tree.headerItem().text(2))
    wizard.dirty = False


def test_criteria_summary_counts_read_without_a_plural(app, qtbot, library):
    """'Gekozen: 2 × geschiktheidseis' instead of '2 geschiktheidseis' (English showed '2 selection criterion')."""
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    wizard = TenderWizard(library, AppSettings())
    qtbot.addWidget(wizard)
    wizard.tender.title = "Kantoorstoelen"
    wizard.tender.description = "bureaustoelen en bureaus"
    wizard.go_to(PageId.CRITERIA)
    text = wizard.pages[PageId.CRITERIA].summary.text()
    assert text.startswith("Gekozen: ") and " × geschiktheidseis" in text
    wizard.dirty = False


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_wizard_page_is_wider_than_a_1280_screen_in_presentation_mode(app, qtbot, library, language):
    """A trainer's 1280x720 projector: long combo entries ('Mededingingsprocedure met onderhandeling') and the price
    controls on one row pushed pages sideways, so 'Voorstel herstellen' and the budget were cut off."""
    from ui import i18n, presentation
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    assert i18n.install(app, language)
    presentation.apply(app, True)
    try:
        wizard = TenderWizard(library, AppSettings())
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.tender.title = "Kantoorstoelen"
        wizard.tender.description = "bureaustoelen en bureaus"
        too_wide = {}
        for page_id in PageId:
            wizard.go_to(page_id)
            page = wizard.pages[page_id]
            needed = page.content.minimumSizeHint().width()
            if needed > 1280 - 60:  # the wizard's own margins and the scroll bar
                too_wide[page_id.name] = needed
        assert too_wide == {}
        wizard.dirty = False
    finally:
        presentation.apply(app, False)
        i18n.install(app, "nl")


def test_the_wizard_uses_a_large_screen_and_opens_as_it_was_left(app, qtbot, library, tmp_path, monkeypatch):
    """At 1920x1080 the wizard kept 1100x760 and scrolled its pages; it remembered no size (finding K9)."""
    from ui import screen_fit
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard

    monkeypatch.setattr(screen_fit, "available", lambda widget: QRect(0, 0, 1920, 1040))
    settings = AppSettings(tmp_path)
    wizard = TenderWizard(library, settings)
    qtbot.addWidget(wizard)
    assert wizard.width() >= 1500 and wizard.height() >= 900
    wizard.resize(1300, 880)
    wizard.reject()  # 'Sluiten': nothing to save
    again = TenderWizard(library, settings)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (1300, 880)
    monkeypatch.setattr(screen_fit, "available", lambda widget: QRect(0, 0, 1280, 680))  # a laptop now
    small = TenderWizard(library, AppSettings(tmp_path / "other"))
    qtbot.addWidget(small)
    assert small.width() <= 1280 and small.height() <= 680
