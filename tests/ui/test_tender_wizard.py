"""The wizard's file after 'Opslaan als': the next save goes to the new file, the title names it, the old file
stays as it was. Pressed as people press it: the wizard's buttons and the main window's menu entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard

from tender_assistant.tender import Tender, load_tender, save_tender

pytestmark = pytest.mark.gui


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "stoelen.tender.json"
    save_tender(Tender(title="Kantoorstoelen", package="meubilair"), path)
    return path


def _save_as_answers(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    """The file chooser answers target; what it suggested is recorded."""
    suggested: list[str] = []

    def choose(parent, caption, folder, *args, **kwargs):
        suggested.append(folder)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    return suggested


def _retitle(wizard, title: str) -> None:
    from PySide6.QtTest import QTest

    from ui.wizard.base import PageId

    edit = wizard.pages[PageId.BASICS].title_edit
    edit.selectAll()
    QTest.keyClicks(edit, title)
    assert wizard.tender.title == title and wizard.dirty


def test_after_save_as_the_save_button_writes_the_new_file_and_leaves_the_old_one(app, qtbot, library, old_file,
                                                                                  tmp_path, monkeypatch):
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard

    wizard = TenderWizard(library, AppSettings(tmp_path), old_file, load_tender(old_file))
    qtbot.addWidget(wizard)
    wizard.show()
    assert "stoelen.tender.json" in wizard.windowTitle()
    before = old_file.read_bytes()
    new_file = tmp_path / "kopie" / "stoelen-2026.tender.json"
    new_file.parent.mkdir()
    suggested = _save_as_answers(monkeypatch, new_file)

    _retitle(wizard, "Kantoorstoelen 2026")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CustomButton2), Qt.MouseButton.LeftButton)  # Opslaan als...
    assert Path(suggested[0]).parent == old_file.parent  # the chooser starts beside the file it came from
    assert json.loads(new_file.read_text(encoding="utf-8"))["title"] == "Kantoorstoelen 2026"
    assert wizard.path == new_file and not wizard.dirty
    assert "stoelen-2026.tender.json" in wizard.windowTitle() and "(stoelen.tender.json)" not in wizard.windowTitle()
    assert old_file.read_bytes() == before

    _retitle(wizard, "Kantoorstoelen 2026, herzien")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CustomButton1), Qt.MouseButton.LeftButton)  # Opslaan
    assert len(suggested) == 1, "Opslaan asks for no name once the tender has a file"
    assert json.loads(new_file.read_text(encoding="utf-8"))["title"] == "Kantoorstoelen 2026, herzien"
    assert old_file.read_bytes() == before
    assert not wizard.isWindowModified()
    wizard.dirty = False


def test_the_main_windows_save_entry_follows_the_wizard_to_its_new_file(make_window, library, old_file, tmp_path,
                                                                        monkeypatch, qtbot):
    window = make_window(library)
    wizard = window.open_tender(old_file)
    assert wizard is not None
    before = old_file.read_bytes()
    new_file = tmp_path / "stoelen-kopie.tender.json"
    _save_as_answers(monkeypatch, new_file)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CustomButton2), Qt.MouseButton.LeftButton)
    assert new_file.exists()
    assert window.settings.recent_files()[0] == new_file.resolve()  # the recent list offers the new file

    _retitle(wizard, "Stoelen via het menu")
    window.act_save_tender.trigger()  # Bestand > Aanbesteding opslaan
    assert json.loads(new_file.read_text(encoding="utf-8"))["title"] == "Stoelen via het menu"
    assert old_file.read_bytes() == before
    assert "stoelen-kopie.tender.json" in wizard.windowTitle()
    assert window.open_tender(new_file) is wizard  # the open wizard is found under its new file
    wizard.dirty = False
    wizard.close()
