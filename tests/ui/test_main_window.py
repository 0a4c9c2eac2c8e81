"""The main window: search-as-you-type, filters, curation actions, read-only libraries, bad files, closing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtTest import QTest

from criteria_library.models import Status
from tests.helpers import db_fingerprint

pytestmark = pytest.mark.gui


def test_typing_in_search_filters_the_table(make_window, qtbot, fresh_db):
    window = make_window(fresh_db)
    total = fresh_db.count_criteria()
    assert window.criteria_model.rowCount() == total
    window.focus_search()
    QTest.keyClicks(window.search_edit, "reserveonderdelen")
    window.queries.wait()
    qtbot.waitUntil(lambda: window.criteria_model.rowCount() < total)
    ids = window.criteria_model.ids()
    assert "MEU-M-01" in ids
    window.search_edit.clear()
    window.queries.wait()
    qtbot.waitUntil(lambda: window.criteria_model.rowCount() == total)


def test_search_runs_in_the_background_and_keeps_only_the_newest_result(make_window, qtbot, fresh_db):
    window = make_window(fresh_db, background_queries=True)
    for text in ("b", "bu", "bur", "bure", "bureau"):
        window.search_edit.setText(text)
    window.queries.wait()
    qtbot.waitUntil(lambda: window.queries.last_query is not None and window.queries.last_query.text == "bureau")
    qtbot.waitUntil(lambda: 0 < window.criteria_model.rowCount() < fresh_db.count_criteria())


def test_filters_by_package_and_kind(make_window, fresh_db):
    window = make_window(fresh_db)
    window.package_view.setCurrentIndex(window.packages_model.index(window.packages_model.row_of("verkeersborden"), 0))
    assert set(window.criteria_model.ids()) == set(fresh_db.criterion_ids(package="verkeersborden"))
    window.kind_combo.setCurrentIndex(window.kind_combo.findData("minimumeis"))
    assert set(window.criteria_model.ids()) == set(fresh_db.criterion_ids(package="verkeersborden", kind="minimumeis"))


def test_selecting_shows_details_with_placeholders_highlighted(make_window, fresh_db):
    window = make_window(fresh_db)
    assert window.select_criterion("MEU-S-01")
    html = window.details.toHtml()
    assert "Ervaring met het opknappen" in html
    assert "{{jaren}}" in window.details.toPlainText()
    assert "#fff2a8" in html


def test_retire_and_restore(make_window, fresh_db, answers):
    window = make_window(fresh_db)
    window.select_criterion("MEU-M-01")
    assert window.status_actions[Status.RETIRED].isEnabled()
    from tests.ui.test_retire_dialog import answer_the_retire_dialog

    asked: list[str] = []
    answer_the_retire_dialog("verouderd", asked)
    window.status_actions[Status.RETIRED].trigger()
    assert fresh_db.criterion("MEU-M-01").status == Status.RETIRED
    assert asked and asked[0] == "Criterium intrekken"
    window.select_criterion("MEU-M-01")
    # a retired criterion comes back through review (the store's rule), after a confirmation
    assert not window.status_actions[Status.PUBLISHED].isEnabled()
    assert window.status_actions[Status.CONCEPT].isEnabled()
    window.status_actions[Status.CONCEPT].trigger()
    assert "terugzetten naar concept" in answers.seen[-1][1]
    assert fresh_db.criterion("MEU-M-01").status == Status.CONCEPT
    assert [v.version for v in fresh_db.history("MEU-M-01")] == [3, 2, 1]


def test_history_dialog_restores_an_old_version(app, qtbot, fresh_db, answers):
    from dataclasses import replace

    from tests.helpers import publish_edit
    from ui.history_dialog import HistoryDialog

    old = fresh_db.criterion("MEU-M-01")
    publish_edit(fresh_db, replace(old, title="Andere titel"))
    dialog = HistoryDialog(fresh_db, "MEU-M-01")
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    dialog.list.setCurrentRow(0)
    assert "Andere" in dialog.diff.toPlainText() and "#ccffd8" in dialog.diff.toHtml()
    dialog.list.setCurrentRow(1)
    assert dialog.restore_button.isEnabled()
    dialog.restore_selected()
    # content only: the restored content waits as a concept version; the published one and its status stay
    now = fresh_db.criterion("MEU-M-01")
    assert now.title == "Andere titel" and now.status == Status.PUBLISHED
    pending = fresh_db.draft("MEU-M-01")
    assert pending is not None and pending.title == old.title and pending.status == Status.CONCEPT


def test_read_only_library_shows_banner_and_disables_editing(make_window, fresh_db):
    from criteria_library.store import LibraryStore

    path = fresh_db.path
    fresh_db.close()
    store = LibraryStore.open(path, read_only=True)
    try:
        window = make_window(store)
        assert not window.read_only_banner.isHidden()
        assert "Alleen-lezen" in window.read_only_banner.text()
        assert not window.act_new_criterion.isEnabled()
        assert not window.act_import.isEnabled()
        window.select_criterion(window.criteria_model.id_at(0))
        assert not window.act_duplicate.isEnabled()
        assert not any(a.isEnabled() for a in window.status_actions.values())
    finally:
        window.shutdown()
        store.close()


def test_a_file_that_is_not_a_library_gives_a_message_and_stays_untouched(app, tmp_path, user_errors):
    from ui.app import AppController
    from ui.settings import AppSettings

    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"dit is geen database\n" * 10)
    before = bogus.read_bytes()
    controller = AppController(app, AppSettings())
    assert controller.open_library(bogus) is None
    assert user_errors and "geen bibliotheek" in str(user_errors[0])
    assert bogus.read_bytes() == before


def test_locked_library_opens_read_only(make_window, fresh_db):
    from criteria_library.store import LibraryStore

    fresh_db.db.conn.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        other = LibraryStore.open(fresh_db.path)
        assert other.read_only
        window = make_window(other)
        assert not window.read_only_banner.isHidden()
        window.shutdown()
        other.close()
    finally:
        fresh_db.db.conn.execute("ROLLBACK")


def test_layout_and_presentation_mode_are_remembered(make_window, fresh_db, app):
    from ui.settings import AppSettings

    window = make_window(fresh_db)
    window.act_presentation.setChecked(True)
    assert app.font().pointSize() >= 16
    window.close()
    assert AppSettings().presentation_mode
    assert AppSettings().window_geometry("main") is not None
    window.act_presentation.setChecked(False)


def test_ctrl_f_focuses_search(make_window, fresh_db, qtbot):
    window = make_window(fresh_db)
    from PySide6.QtGui import QKeySequence

    window.show()
    qtbot.waitExposed(window)
    window.table.setFocus()
    assert window.act_find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    window.act_find.trigger()  # the offscreen platform has no active window to deliver the key to
    assert window.focusWidget() is window.search_edit
    every = [a for a in window.actions() if a.text() and not a.shortcut().isEmpty()]
    assert len(every) >= 20  # every main action has a shortcut


def test_closing_with_an_unsaved_tender_asks(make_window, library, answers, qtbot):
    from PySide6.QtWidgets import QMessageBox

    window = make_window(library)
    wizard = window.new_tender()
    qtbot.addWidget(wizard)
    wizard.tender.title = "Iets"
    wizard.mark_dirty()
    answers.question = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert wizard.isVisible()
    assert any("niet zijn opgeslagen" in text for kind, text in answers.seen)
    answers.question = QMessageBox.StandardButton.Discard
    assert window.close()
    assert not wizard.isVisible()


def test_copy_of_a_library_is_untouched_by_browsing(make_window, fresh_db, tmp_path):
    path = Path(fresh_db.path)
    before = db_fingerprint(path)
    window = make_window(fresh_db)
    window.search_edit.setText("meubilair")
    window.queries.wait()
    window.select_criterion(window.criteria_model.id_at(0))
    assert db_fingerprint(path) == before
    shutil.copy(path, tmp_path / "copy.db")


def test_unexpected_error_is_logged_and_reported_briefly(app, answers, isolated_home):
    from ui.error_dialogs import exception_hook

    try:
        raise ZeroDivisionError("kapot")
    except ZeroDivisionError as exc:
        exception_hook(type(exc), exc, exc.__traceback__)
    log = (isolated_home / "tender-assistant.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError: kapot" in log and "Traceback" in log
    assert any("niets gewijzigd" in text for kind, text in answers.seen)


def test_user_error_reaching_the_hook_is_shown_not_logged(app, isolated_home, user_errors):
    from criteria_library.errors import LibraryError
    from ui.error_dialogs import exception_hook

    err = LibraryError("Onbekend criterium: X")
    exception_hook(LibraryError, err, None)
    assert user_errors == [err]
    assert not (isolated_home / "tender-assistant.log").exists()


def test_toolbar_save_is_enabled_only_while_a_tender_is_open(make_window, fresh_db, qtbot):
    """The toolbar's 'Opslaan' stayed enabled (and did nothing) after the last tender was closed."""
    window = make_window(fresh_db)
    window.show()
    button = window.toolbar.widgetForAction(window.act_save_tender)
    assert not button.isEnabled()
    wizard = window.new_tender()
    assert button.isEnabled()
    wizard.dirty = False
    wizard.close()
    assert not button.isEnabled()


def test_back_from_the_demo_to_ones_own_library_without_quitting(app, qtbot, fresh_db):
    """The demo banner's 'Terug naar mijn bibliotheek' (and Demo > Demo sluiten) opens the user's own library again
    in the same app; before, the only way back was to quit."""
    from PySide6.QtCore import Qt

    from ui.app import AppController
    from ui.settings import AppSettings

    controller = AppController(app, AppSettings())
    controller.own_db = fresh_db.path
    demo = controller.open_demo()
    assert demo is not None and demo.demo_workspace is not None and demo.act_demo_close.isEnabled()
    qtbot.mouseClick(demo.demo_back_button, Qt.MouseButton.LeftButton)
    own = controller.window
    assert own is not demo and own.demo_workspace is None
    assert controller.store.path == fresh_db.path and "demo" not in own.windowTitle()
    assert not own.act_demo_close.isEnabled()
    own.shutdown()
    own.close()
    controller.store.close()


def test_demo_reset_in_presentation_mode_keeps_the_window_maximized_with_the_search_field_focused(app, qtbot,
                                                                                                 monkeypatch):
    """D13: after 'Demo terugzetten' the window came back as 1400x860 in the middle of the projector's screen, with
    large type and cut-off names; D4: the keyboard focus sat on 'Demo terugzetten' itself."""
    from PySide6.QtCore import QRect, Qt

    import ui.main_window
    from ui import presentation
    from ui.app import AppController
    from ui.settings import AppSettings

    # a 1920x1080 projector (a fresh window is maximized only on screens up to 1600 wide)
    monkeypatch.setattr(ui.main_window, "available", lambda _widget: QRect(0, 0, 1920, 1040))
    controller = AppController(app, AppSettings())
    demo = controller.open_demo()
    try:
        demo.showMaximized()
        qtbot.waitUntil(demo.isMaximized)
        demo.activateWindow()
        qtbot.waitUntil(demo.isActiveWindow)
        demo.act_presentation.trigger()  # F11
        qtbot.waitUntil(lambda: app.focusWidget() is not None)
        assert app.focusWidget() is demo.search_edit
        qtbot.mouseClick(demo.demo_reset_button, Qt.MouseButton.LeftButton)  # the answer to 'terugzetten?' is Yes
        window = controller.window
        assert window is not demo and window.demo_workspace is not None
        qtbot.waitUntil(window.isVisible)
        assert window.isMaximized() and window.act_presentation.isChecked()
        assert window.package_view.wordWrap()  # the presentation layout, not only the large type
        assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        assert app.focusWidget() is window.search_edit
    finally:
        presentation.apply(app, False)
        controller.window.shutdown()
        controller.window.close()
        controller.store.close()


def test_the_demo_banner_points_the_trainer_to_the_scenarios(app, qtbot):
    """D5: the banner said 'met twee voorbeeldaanbestedingen' while Demo > Scenario's voor trainers offers five."""
    from ui.app import AppController
    from ui.settings import AppSettings

    controller = AppController(app, AppSettings())
    demo = controller.open_demo()
    try:
        text = demo.demo_banner.text()
        assert "Demo > Scenario's voor trainers" in text and "twee" not in text
        menu_titles = [a.text().replace("&", "") for a in demo.menuBar().actions()]
        assert "Demo" in menu_titles and demo.act_scenarios.text().replace("&", "").startswith("Scenario's voor trainers")
    finally:
        controller.window.shutdown()
        controller.window.close()
        controller.store.close()
