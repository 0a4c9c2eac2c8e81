"""Workflow parts of the GUI: history in local time, the user's own name and the four-eyes setting."""

from __future__ import annotations

import time

import pytest

from criteria_library import user

pytestmark = pytest.mark.gui


def test_history_shows_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.history_dialog import local_time

    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        assert local_time("2026-07-01T10:15:00+00:00") == "2026-07-01 12:15"  # summer time, UTC+2
        assert local_time("2026-12-01T10:15:00+00:00") == "2026-12-01 11:15"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_settings_store_the_name_for_this_user_and_switch_four_eyes(app, qtbot, fresh_db, tmp_path) -> None:
    from ui.settings import AppSettings
    from ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(fresh_db, AppSettings(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.four_eyes.isChecked()
    dialog.author.setText("Carla Collega")
    dialog.four_eyes.setChecked(False)
    dialog.accept()
    assert user.stored_user_name() == "Carla Collega"
    assert fresh_db.author == "Carla Collega"
    assert not fresh_db.four_eyes
    assert fresh_db.events()[0]["by"] == "Carla Collega"


def test_settings_set_the_organisations_inkoopbeleid_and_the_wizard_advice_follows(app, qtbot, fresh_db,
                                                                                    tmp_path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton

    from tender_assistant.procurement_policy import current_policy
    from ui.settings import AppSettings
    from ui.settings_dialog import SettingsDialog

    def open_dialog() -> SettingsDialog:
        dialog = SettingsDialog(fresh_db, AppSettings(tmp_path))
        qtbot.addWidget(dialog)
        return dialog

    dialog = open_dialog()
    assert dialog.single_max.value() == 50_000 and dialog.multiple_max.text() == "geen eigen grens"
    dialog.accept()
    assert fresh_db.setting("inkoopbeleid") is None  # OK without changes stores nothing
    dialog = open_dialog()
    for spin, amount in ((dialog.single_max, "40000"), (dialog.multiple_max, "150000")):
        spin.lineEdit().selectAll()
        QTest.keyClicks(spin, amount)
    QTest.keyClicks(dialog.policy_source, "Inkoopbeleid 2025, art. 4")
    dialog.accept()
    policy = current_policy(fresh_db)
    assert (policy.enkelvoudig_max, policy.meervoudig_max, policy.source) == (40_000, 150_000,
                                                                              "Inkoopbeleid 2025, art. 4")
    dialog = open_dialog()
    assert dialog.single_max.value() == 40_000 and dialog.policy_source.text() == "Inkoopbeleid 2025, art. 4"
    defaults = next(b for b in dialog.findChildren(QPushButton) if "Standaard" in b.text())
    qtbot.mouseClick(defaults, Qt.MouseButton.LeftButton)
    dialog.accept()
    assert fresh_db.setting("inkoopbeleid") is None and current_policy(fresh_db).enkelvoudig_max == 50_000


def test_editor_discards_a_pending_version(app, qtbot, fresh_db, answers) -> None:
    from dataclasses import replace

    from criteria_library.models import Status
    from ui.criterion_editor import CriterionEditor

    published = fresh_db.criterion("MEU-C-01")
    fresh_db.save_criterion(replace(published, title="Een nieuwe titel in afwachting van review"))
    editor = CriterionEditor.for_existing(fresh_db, "MEU-C-01")
    qtbot.addWidget(editor)
    assert editor.original.title == "Een nieuwe titel in afwachting van review"  # the pending version opens
    assert not editor.discard_button.isHidden()
    # the pending version only moves towards review; retiring is for the published one
    assert editor.status_buttons[Status.RETIRED].isHidden() and not editor.status_buttons[Status.IN_REVIEW].isHidden()
    editor.discard_button.click()
    assert answers.seen[-1][0] == "question"
    assert fresh_db.draft("MEU-C-01") is None and fresh_db.criterion("MEU-C-01") == published
    assert editor.original.title == published.title and editor.discard_button.isHidden()


def test_history_shows_the_pending_version_on_top(app, qtbot, fresh_db) -> None:
    from dataclasses import replace

    from ui.history_dialog import HistoryDialog

    c = fresh_db.criterion("MEU-C-01")
    fresh_db.save_criterion(replace(c, title="Titel die nog goedgekeurd moet worden"))
    dialog = HistoryDialog(fresh_db, "MEU-C-01")
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    assert "nog niet goedgekeurd" in dialog.list.item(0).text()
    dialog.list.setCurrentRow(0)
    assert "Gewijzigd ten opzichte van versie 1" in dialog.diff.toPlainText() and "moet" in dialog.diff.toPlainText()
    assert not dialog.restore_button.isEnabled()


def test_switching_four_eyes_off_in_settings_waits_for_a_second_person(app, qtbot, fresh_db, tmp_path,
                                                                       answers) -> None:
    """Where a colleague works, unticking the box is a request; the colleague sees it and confirms by unticking."""
    from dataclasses import replace

    from ui.settings import AppSettings
    from ui.settings_dialog import SettingsDialog

    fresh_db.author = "Anna"
    fresh_db.save_criterion(replace(fresh_db.criterion("MEU-C-01"), title="Door Anna voorgestelde titel"))
    fresh_db.author = ""  # this computer's account
    dialog = SettingsDialog(fresh_db, AppSettings(tmp_path))
    qtbot.addWidget(dialog)
    assert user.os_account() in dialog.account.text()
    dialog.four_eyes.setChecked(False)
    dialog.accept()
    assert fresh_db.four_eyes and "pas uit als een collega" in answers.seen[-1][1]
    fresh_db.author = "Anna"
    dialog = SettingsDialog(fresh_db, AppSettings(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.four_eyes.isChecked() and not dialog.four_eyes_request.isHidden()
    assert "vroeg het vier-ogenprincipe uit te schakelen" in dialog.four_eyes_request.text()
    dialog.four_eyes.setChecked(False)
    dialog.accept()
    assert not fresh_db.four_eyes


def test_in_review_filter_lists_pending_new_versions_and_marks_them(make_window, qtbot, fresh_db) -> None:
    """Two published criteria have a new version waiting for review: the filter finds both, the table and the
    details say so, the history names author and submitter."""
    from dataclasses import replace

    from criteria_library.models import Status

    for cid in ("MEU-C-01", "MEU-M-01"):
        fresh_db.author = "Anna"
        fresh_db.save_criterion(replace(fresh_db.criterion(cid), title=f"Nieuwe titel voor {cid}"))
        fresh_db.author = "Bert"
        fresh_db.set_status(cid, Status.IN_REVIEW)
    window = make_window(fresh_db)
    window.status_combo.setCurrentIndex(window.status_combo.findData(Status.IN_REVIEW.value))
    window.queries.wait()
    qtbot.waitUntil(lambda: sorted(window.criteria_model.ids()) == ["MEU-C-01", "MEU-M-01"])
    status_column = window.criteria_model.COLUMNS.index("status")
    shown = window.criteria_model.index(0, status_column).data()
    assert shown == "Gepubliceerd, nieuwe versie: In review"
    window.select_criterion("MEU-C-01")
    details = window.details.toPlainText()
    assert "Nieuwe versie" in details and "In review (Anna)" in details


def test_settings_show_the_running_language_and_ok_keeps_the_stored_one(app, qtbot, fresh_db, tmp_path) -> None:
    """Started with --lang en, Settings said 'Nederlands' and OK switched the user to Dutch (finding D4)."""
    from PySide6.QtWidgets import QDialogButtonBox

    from ui import i18n
    from ui.settings import AppSettings
    from ui.settings_dialog import SettingsDialog

    settings = AppSettings(tmp_path)
    assert settings.language == "nl"
    i18n.install(app, "en")  # as main.py --lang en does
    try:
        dialog = SettingsDialog(fresh_db, settings)
        qtbot.addWidget(dialog)
        assert dialog.language.currentText() == "English"
        assert dialog.stored_language is not None and "Nederlands" in dialog.stored_language.text()
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        ok.click()
        assert settings.language == "nl" and i18n.lang() == "en"
    finally:
        i18n.install(app, "nl")
    dialog = SettingsDialog(fresh_db, settings)
    qtbot.addWidget(dialog)
    assert dialog.language.currentText() == "Nederlands" and dialog.stored_language is None
