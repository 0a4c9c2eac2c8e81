"""The trainers' demo workspace: its own library copy and two example tenders, reset in one step."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from criteria_library.store import LibraryStore
from tender_assistant.demo import demo_db_path, demo_tenders, ensure_demo, reset_demo
from tender_assistant.tender import load_tender
from tests.helpers import publish_edit

ROOT = Path(__file__).resolve().parents[2]


def test_reset_builds_a_separate_workspace(isolated_home):
    workspace = reset_demo()
    assert workspace.parent == isolated_home
    assert demo_db_path(workspace).exists()
    tenders = demo_tenders(workspace)
    assert len(tenders) == 2
    for path in tenders:
        tender = load_tender(path)
        assert tender.criteria and tender.package in ("meubilair", "bedrijfskleding")
    assert not (isolated_home / "library.db").exists(), "the real library is not touched"


def test_the_example_tenders_have_no_errors_and_no_weight_advice(isolated_home):
    """A trainer opens them in front of a room: their weights add up and stay inside the advised ranges."""
    from tender_assistant.checks import check_tender

    workspace = reset_demo()
    store = LibraryStore.open(demo_db_path(workspace))
    try:
        for path in demo_tenders(workspace):
            findings = check_tender(load_tender(path), store)
            assert not [f for f in findings if f.severity == "fout"], path.name
            assert not [f.message for f in findings if f.code in ("weight-range", "weights-sum", "price-weight")]
    finally:
        store.close()


def test_reset_undoes_changes_made_in_the_demo(isolated_home):
    workspace = reset_demo()
    with LibraryStore.open(demo_db_path(workspace)) as store:
        cid = store.criterion_ids()[0]
        original, version = store.criterion(cid).title, store.criterion(cid).version
        publish_edit(store, replace(store.criterion(cid), title="Door de trainer veranderd"))
        assert store.criterion(cid).title == "Door de trainer veranderd"
    (workspace / "extra.tender.json").write_text("{}", encoding="utf-8")
    reset_demo()
    with LibraryStore.open(demo_db_path(workspace)) as store:
        assert store.criterion(cid).title == original
        assert store.criterion(cid).version == version  # the starter edition's version, not the trainer's edit
    assert not (workspace / "extra.tender.json").exists()
    assert ensure_demo() == workspace


def test_reset_refuses_a_folder_it_did_not_make(isolated_home):
    from criteria_library.errors import LibraryError

    folder = isolated_home / "demo"
    folder.mkdir()
    (folder / "belangrijk.txt").write_text("niet weggooien", encoding="utf-8")
    with pytest.raises(LibraryError):
        reset_demo()
    assert (folder / "belangrijk.txt").exists()


def test_main_demo_reset_command(isolated_home):
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", "--reset"], capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Demo-omgeving teruggezet" in result.stdout
    assert demo_db_path().exists()


@pytest.mark.gui
def test_demo_window_and_reset_button(qapp, qtbot, monkeypatch, isolated_home):
    from PySide6.QtWidgets import QMessageBox

    from ui.app import AppController
    from ui.settings import AppSettings

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    controller = AppController(qapp, AppSettings())
    window = controller.open_demo()
    assert window is not None and window.demo_workspace is not None
    assert "demo" in window.windowTitle()
    assert window.act_demo_reset.isEnabled()
    cid = window.store.criterion_ids()[0]
    publish_edit(window.store, replace(window.store.criterion(cid), title="Tijdens de demo veranderd"))
    assert window.store.criterion(cid).title == "Tijdens de demo veranderd"
    window.reset_demo()
    new_window = controller.window
    assert new_window is not window
    assert new_window.store.criterion(cid).title != "Tijdens de demo veranderd"
    new_window.shutdown()
    new_window.close()
    controller.store.close()


@pytest.mark.gui
def test_demo_keeps_its_own_recent_files_and_layout_and_reset_defaults_to_no(qapp, qtbot, monkeypatch,
                                                                            isolated_home, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from ui.app import AppController
    from ui.settings import AppSettings

    real = AppSettings()
    private = tmp_path / "gemeente-geheim.tender.json"
    private.write_text("{}", encoding="utf-8")
    real.add_recent_file(private)
    real.presentation_mode = False
    controller = AppController(qapp, real)
    window = controller.open_demo()
    assert window is not None
    window.recent_menu.aboutToShow.emit()
    shown = [a.toolTip() for a in window.recent_menu.actions() if a.toolTip()]
    assert shown and str(private) not in shown  # only the demo's example tenders
    window.set_presentation_mode(True)
    assert not real.presentation_mode  # the trainer's own settings are untouched

    asked: list = []

    def question(parent, title, text, buttons=None, default=None):
        asked.append(default)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    window.reset_demo()
    assert asked == [QMessageBox.StandardButton.No]  # Enter does not wipe the demo
    assert controller.window is window  # answered No: nothing was reset
    window.set_presentation_mode(False)
    window.shutdown()
    window.close()
    controller.store.close()


def test_the_reset_question_names_what_was_made_in_the_demo_workspace(qapp, qtbot, monkeypatch, isolated_home):
    """FINDINGS5 F21: the export page proposes a folder in the demo workspace, and a reset removed the documents
    exported there while the question only said 'alle wijzigingen in de demo gaan verloren'."""
    from PySide6.QtWidgets import QMessageBox

    from tender_assistant.demo import made_in_demo
    from ui.app import AppController
    from ui.settings import AppSettings

    asked: list[str] = []

    def answer(_parent, _title, text, *_a, **_k):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    controller = AppController(qapp, AppSettings())
    window = controller.open_demo()
    assert window is not None and window.demo_workspace is not None
    assert made_in_demo(window.demo_workspace) == []  # the workspace as the reset made it (library files aside)
    exported = window.demo_workspace / "werkkleding"
    exported.mkdir()
    (exported / "aanbestedingsleidraad.docx").write_bytes(b"PK")
    window.reset_demo()
    assert asked and "werkkleding" in asked[0] and "gaat weg" in asked[0]
    assert exported.exists()  # answered No: nothing removed
    window.shutdown()
    window.close()
    controller.store.close()
