"""The Handleiding: in-app, Dutch and English, searchable, and F1 opens it at the step the user is on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

pytestmark = pytest.mark.gui


def test_the_manual_has_pages_for_buyers_curators_and_trainers_in_both_languages():
    from ui.help_dialog import manual_html, topics
    from ui.wizard.base import PageId

    for language in ("nl", "en"):
        anchors = [t.anchor for t in topics(manual_html(language))]
        assert {"inkoper", "regisseur", "trainer"} <= set(anchors)
        assert [f"page-{int(i)}" for i in PageId] == [a for a in anchors if a.startswith("page-")]
    assert "Voor inkopers" in manual_html("nl") and "For buyers" in manual_html("en")


def test_typing_in_the_search_field_keeps_the_topics_that_mention_it(app, qtbot):
    from ui.help_dialog import HelpDialog

    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    everything = dialog.list.count()
    QTest.keyClicks(dialog.search, "fictieve korting")
    titles = [dialog.list.item(i).text().strip() for i in range(dialog.list.count())]
    assert 0 < len(titles) < everything
    assert any("Weging" in t for t in titles)
    assert dialog.browser.textCursor().selectedText().lower() == "fictieve korting"
    dialog.search.clear()
    assert dialog.list.count() == everything


def test_f1_in_the_wizard_opens_the_manual_at_that_step(app, qtbot, library):
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    wizard = TenderWizard(library, AppSettings())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.tender.title = "Kantoorstoelen"
    wizard.tender.description = "bureaustoelen"
    wizard.go_to(PageId.WEIGHTS)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    QTest.keyClick(wizard, Qt.Key.Key_F1)
    dialog = wizard.help_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.current_topic() == "page-5"
    dialog.close()
    wizard.dirty = False


def test_the_manual_follows_the_interface_language(app, qtbot):
    from ui import i18n
    from ui.help_dialog import HelpDialog

    i18n.install(app, "en")
    dialog = HelpDialog("trainer")
    qtbot.addWidget(dialog)
    assert "For trainers" in dialog.browser.toPlainText()
    assert dialog.current_topic() == "trainer"
    i18n.install(app, "nl")
