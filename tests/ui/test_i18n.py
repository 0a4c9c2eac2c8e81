"""Languages: Dutch by default, English from the shipped .qm; domain labels and user errors follow."""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.gui


def test_english_translation_loads_english_strings(app, make_window, fresh_db):
    from ui import i18n

    assert i18n.qm_path("en").exists(), "the compiled translation is shipped"
    assert i18n.install(app, "en")
    window = make_window(fresh_db)
    menus = [a.text() for a in window.menuBar().actions()]
    assert "&File" in menus and "&Edit" in menus and "&View" in menus
    assert window.search_edit.placeholderText() == "Search criteria (Ctrl+F)"
    assert window.criteria_model.headerData(1, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "Title"
    assert window.kind_combo.itemText(1) == "Selection criterion"  # the core's English label
    assert window.count_label.text().endswith("criteria")
    i18n.install(app, "nl")
    window2 = make_window(fresh_db)
    assert "&Bestand" in [a.text() for a in window2.menuBar().actions()]


def test_language_setting_is_stored_and_used_at_start(app):
    from ui import i18n
    from ui.app import application
    from ui.settings import AppSettings

    settings = AppSettings()
    assert settings.language == "nl"
    settings.language = "en"
    settings.sync()
    application(None, AppSettings())
    assert i18n.lang() == "en"


def test_user_errors_follow_the_language(app):
    from criteria_library.errors import LibraryError
    from ui import i18n

    err = LibraryError("Onbekend criterium: X", en="Unknown criterion: X")
    i18n.install(app, "en")
    assert i18n.error_text(err) == "Unknown criterion: X"
    i18n.install(app, "nl")
    assert i18n.error_text(err) == "Onbekend criterium: X"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12: its count cannot drop")
def test_qt_bindings_keep_none_alive(app):
    """PySide6-Essentials 6.12.0 on Python 3.11 dropped a reference to None on every void call (abort later)."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setObjectName("x")
    assert sys.getrefcount(None) - before > -100


def test_switching_to_english_in_the_settings_needs_no_restart_and_keeps_open_tenders(app, qtbot, library):
    from ui import i18n
    from ui.app import AppController
    from ui.settings import AppSettings
    from ui.settings_dialog import SettingsDialog
    from ui.wizard.base import PageId

    controller = AppController(app, AppSettings())
    window = controller.open_library(library.path)
    assert "&Bestand" in [a.text() for a in window.menuBar().actions()]
    wizard = window.new_tender()
    wizard.tender.title = "Kantoorstoelen voor het stadhuis"
    wizard.tender.description = "bureaustoelen"
    wizard.go_to(PageId.AMBITION)
    wizard.mark_dirty()

    dialog = SettingsDialog(controller.store, window.settings, window)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()  # the OK button

    new = controller.window
    assert i18n.lang() == "en"
    assert "&File" in [a.text() for a in new.menuBar().actions()]
    assert new.kind_combo.itemText(1) == "Selection criterion"
    assert len(new.wizards) == 1
    moved = new.wizards[0]
    assert moved.tender.title == "Kantoorstoelen voor het stadhuis"
    assert moved.dirty and moved.currentId() == int(PageId.AMBITION)
    assert moved.buttonText(moved.WizardButton.NextButton) == "&Next >"
    moved.dirty = False
    new.shutdown()
    new.close()
    controller.store.close()
    i18n.install(app, "nl")


def test_the_shipped_qm_is_the_compiled_ts(tmp_path):
    """After a merge the .qm (kept as ours by .gitattributes) must be rebuilt: update_ts does it."""
    import shutil
    import subprocess
    from pathlib import Path

    from ui.translations.update_ts import QM, TS

    exe = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    out = tmp_path / "check.qm"
    subprocess.run([exe, "-silent", str(TS), "-qm", str(out)], check=True)
    assert out.read_bytes() == QM.read_bytes(), "run: .venv/bin/python -m ui.translations.update_ts"


def test_history_shows_status_changes_in_the_interface_language(app, qtbot, fresh_db):
    """A saved edit moves the status from published to concept; English history says so in English."""
    from dataclasses import replace

    from ui import i18n
    from ui.history_dialog import HistoryDialog

    fresh_db.save_criterion(replace(fresh_db.criterion("MEU-M-01"), title="Andere titel"), note="test")
    assert i18n.install(app, "en")
    try:
        dialog = HistoryDialog(fresh_db, "MEU-M-01")
        qtbot.addWidget(dialog)
        dialog.list.setCurrentRow(0)
        text = dialog.diff.toPlainText()
        assert "Published" in text and "Draft" in text
        assert "gepubliceerd" not in text
    finally:
        i18n.install(app, "nl")


def test_qt_file_dialog_is_all_dutch_in_dutch(app):
    """Qt's file dialog showed 'Look in:' and 'Files of type:' beside 'Bestandsnaam' (qtbase_nl.qm lacks them)."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    from ui import i18n

    i18n.install(app, "nl")
    dialog = QFileDialog(None, "Aanbesteding openen")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    labels = [label.text().replace("&", "") for label in dialog.findChildren(QLabel)]
    assert "Zoeken in:" in labels and "Bestandstype:" in labels and "Bestandsnaam:" in labels
    i18n.install(app, "en")
    english = QFileDialog(None, "Open tender")
    english.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    assert "Look in:" in [label.text().replace("&", "") for label in english.findChildren(QLabel)]
    i18n.install(app, "nl")


def test_english_amounts_are_written_one_way_in_the_wizard(app, qtbot, library):
    """D11: the English first page showed 'Estimated value: € 900,000' beside 'equal share (€ 450.000)'."""
    from tender_assistant.tender import Tender
    from tender_assistant.tender_parts import Participant
    from ui import i18n
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    assert i18n.install(app, "en")
    tender = Tender(title="Workwear", organisation="Gemeente Purmerend", package="bedrijfskleding",
                    estimated_value_eur=900_000,
                    participants=[Participant("Gemeente Purmerend", role="penvoerder"),
                                  Participant("Gemeente Zaanstad")])
    wizard = TenderWizard(library, AppSettings(), None, tender)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.page(PageId.BASICS)
    assert page.value_spin.text() == "€ 900.000"
    model = page.joint_section.model
    shares = [model.data(model.index(row, model.SHARE)) for row in range(2)]
    assert all("€ 450.000" in str(share) for share in shares)
    wizard.dirty = False
