"""A command-line import that changes the criterion open in the editor is noticed (issue 25 item 7): a clean editor
reloads it and says so; one with unsaved edits warns, and Save asks instead of writing over the import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton

import main
from tests.ui.test_editor import type_text

pytestmark = pytest.mark.gui
MINI = Path(__file__).resolve().parents[1] / "data" / "mini_pack.json"


@pytest.fixture
def editor(app, qtbot, fresh_db):
    from ui.criterion_editor import CriterionEditor

    dialog = CriterionEditor.for_existing(fresh_db, "MEU-M-01")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def import_from_the_command_line(db: Path, tmp_path: Path, title: str) -> None:
    """What a colleague does in a terminal: `library import` of a pack that retitles MEU-M-01."""
    pack = json.loads(MINI.read_text(encoding="utf-8"))
    for c in pack["criteria"]:
        if c["id"] == "MEU-M-01":
            c["title"] = title
    path = tmp_path / "bijgewerkt.json"
    path.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    assert main.main(["--db", str(db), "library", "import", str(path)]) == 0


def test_a_clean_editor_reloads_what_the_import_changed(editor, fresh_db, qtbot, tmp_path):
    import_from_the_command_line(fresh_db.path, tmp_path, "Stoelen met vervangbare onderdelen (geïmporteerd)")
    qtbot.waitUntil(lambda: editor.outside_label.isVisible(), timeout=5000)
    assert editor.widgets["title"].text() == "Stoelen met vervangbare onderdelen (geïmporteerd)"
    assert "door een ander programma gewijzigd" in editor.outside_label.text()
    assert not editor.is_dirty()


def test_unsaved_edits_are_not_saved_over_the_import_without_asking(editor, fresh_db, qtbot, tmp_path,
                                                                     monkeypatch):
    editor.widgets["rationale"].setFocus()
    type_text(editor.widgets["rationale"], " Eigen aanvulling.")
    assert editor.is_dirty()
    import_from_the_command_line(fresh_db.path, tmp_path, "Titel uit de import")
    qtbot.waitUntil(lambda: editor.outside_label.isVisible(), timeout=5000)
    assert "Let op" in editor.outside_label.text()
    assert "Eigen aanvulling." in editor.widgets["rationale"].toPlainText()  # the edits stay on screen

    pressed: list[str] = []

    def press(label: str):
        def run(box: QMessageBox) -> int:
            pressed.append(box.text())
            button = next(b for b in box.buttons() if isinstance(b, QPushButton) and label in b.text())
            button.click()
            return 0
        return run

    monkeypatch.setattr(QMessageBox, "exec", press("Annuleren"))
    assert editor.save() is False  # cancelled: nothing written
    assert "gewijzigd door een ander programma" in pressed[-1]
    assert fresh_db.working_copy("MEU-M-01").title == "Titel uit de import"
    monkeypatch.setattr(QMessageBox, "exec", press("laden"))
    assert editor.save() is False
    assert editor.widgets["title"].text() == "Titel uit de import" and not editor.is_dirty()

    type_text(editor.widgets["rationale"], " Toch mijn versie.")
    import_from_the_command_line(fresh_db.path, tmp_path, "Tweede import")
    monkeypatch.setattr(QMessageBox, "exec", press("opslaan"))
    assert editor.save() is True  # chosen knowingly
    stored = fresh_db.working_copy("MEU-M-01")
    assert "Toch mijn versie." in stored.rationale and stored.title == "Titel uit de import"


def test_an_import_between_the_last_check_and_the_save_is_not_saved_over(editor, fresh_db, qtbot, tmp_path,
                                                                          monkeypatch):
    """The race: the editor looked (nothing changed), then an import wrote, then the save ran. The library refuses
    the save and the editor offers to load the new content."""
    editor._outside_timer.stop()  # the timer must not notice the import first: this is the moment in between
    editor.widgets["rationale"].setFocus()
    type_text(editor.widgets["rationale"], " Eigen aanvulling.")
    looked = editor._stored_now

    def look_then_import():
        seen = looked()
        if seen is not None and seen.title != "Titel uit de import":
            import_from_the_command_line(fresh_db.path, tmp_path, "Titel uit de import")
        return seen

    monkeypatch.setattr(editor, "_stored_now", look_then_import)
    asked: list[str] = []

    def load_new_content(box: QMessageBox) -> int:
        asked.append(box.text())
        next(b for b in box.buttons() if "laden" in b.text()).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", load_new_content)
    editor.save_button.click()
    assert asked and "gewijzigd door een ander programma" in asked[0]
    assert fresh_db.working_copy("MEU-M-01").title == "Titel uit de import"  # the import was not saved over
    assert "Eigen aanvulling." not in fresh_db.working_copy("MEU-M-01").rationale
    assert editor.widgets["title"].text() == "Titel uit de import" and not editor.is_dirty()


def test_an_approval_by_another_program_reaches_the_main_windows_table(app, qtbot, fresh_db, make_window):
    """Exploratory finding R4: the editor and details pane showed 'Gepubliceerd', the table row kept 'In review'."""
    from criteria_library.models import Status
    from criteria_library.store import LibraryStore
    from ui.criteria_table_model import CriteriaTableModel

    fresh_db.set_status("MEU-M-01", Status.CONCEPT)
    fresh_db.set_status("MEU-M-01", Status.IN_REVIEW)
    window = make_window(fresh_db)
    window.show()
    assert window.select_criterion("MEU-M-01")
    status_cell = window.criteria_model.index(window.criteria_model.row_of("MEU-M-01"),
                                              CriteriaTableModel.COLUMNS.index("status"))
    assert status_cell.data() == "In review"
    window.edit_criterion()
    [editor] = window.editors
    with LibraryStore.open(fresh_db.path) as colleague:  # `library approve` in a terminal, by someone else
        colleague.author = "Collega"
        colleague.set_status("MEU-M-01", Status.PUBLISHED)
    editor.check_outside_change()  # the editor's timer tick
    assert editor.outside_label.isVisible()
    status_cell = window.criteria_model.index(window.criteria_model.row_of("MEU-M-01"),
                                              CriteriaTableModel.COLUMNS.index("status"))
    assert status_cell.data() == "Gepubliceerd"
    assert window.selected_id() == "MEU-M-01"
    editor.close()
