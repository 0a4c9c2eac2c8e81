"""The regisseur's editor: typing, validation while typing, undo/redo across fields, saving a new version."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from criteria_library.models import Status

pytestmark = pytest.mark.gui


def type_text(widget, text: str) -> None:
    """Type any text (accents included) one key event per character."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def press_undo(widget, redo: bool = False) -> None:
    QTest.keyClick(widget, Qt.Key.Key_Y if redo else Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture
def editor(app, qtbot, fresh_db):
    from ui.criterion_editor import CriterionEditor

    dialog = CriterionEditor.for_existing(fresh_db, "MEU-M-01")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_undo_and_redo_work_across_fields(editor):
    title, rationale = editor.widgets["title"], editor.widgets["rationale"]
    original_title = title.text()
    original_rationale = rationale.toPlainText()
    title.setFocus()
    title.end(False)
    QTest.keyClicks(title, " extra")
    rationale.setFocus()
    rationale.moveCursor(rationale.textCursor().MoveOperation.End)
    type_text(rationale, " Geïnspireerd op één café.")
    assert rationale.toPlainText().endswith("Geïnspireerd op één café.")
    assert editor.stack.count() == 2
    assert editor.is_dirty() and editor.isWindowModified()

    press_undo(rationale)
    assert rationale.toPlainText() == original_rationale
    assert title.text() == original_title + " extra"
    press_undo(rationale)
    assert title.text() == original_title
    assert not editor.is_dirty()
    press_undo(title, redo=True)
    assert title.text() == original_title + " extra"
    editor.stack.redo()
    assert rationale.toPlainText().endswith("één café.")


def test_validation_while_typing_blocks_saving(editor):
    title = editor.widgets["title"]
    title.selectAll()
    QTest.keyClick(title, Qt.Key.Key_Delete)
    assert any(field == "title" for field, _ in editor.problems())
    assert not editor.problems_label.isHidden()
    assert "titel ontbreekt" in editor.problems_label.text()
    assert not editor.save_button.isEnabled()
    editor.stack.undo()
    assert editor.problems() == []


def test_award_fields_follow_the_kind_and_are_validated(editor):
    editor.set_field("kind", "gunningscriterium")
    assert editor.widgets["weight_min"].isVisible()
    fields = {f for f, _ in editor.problems()}
    assert {"weight_min", "scoring"} & fields
    editor.set_field("weight_min", 5)
    editor.set_field("weight_max", 15)
    editor.set_field("scoring", "0-10 punten naar rato")
    assert editor.problems() == []
    editor.stack.undo()
    editor.stack.undo()
    editor.stack.undo()
    editor.stack.undo()
    assert editor.read_field("kind") == "minimumeis"


def test_save_writes_a_new_version_with_the_note(editor, fresh_db, qtbot):
    with qtbot.waitSignal(editor.saved, timeout=2000):
        editor.set_field("title", "Reserveonderdelen tien jaar leverbaar")
        editor.note_edit.setText("titel verduidelijkt")
        assert editor.save()
    # a published criterion: the edit is a new concept version; buyers keep seeing the published one
    published = fresh_db.criterion("MEU-M-01")
    assert published.title != "Reserveonderdelen tien jaar leverbaar" and published.version == 1
    pending = fresh_db.draft("MEU-M-01")
    assert pending is not None and pending.title == "Reserveonderdelen tien jaar leverbaar" and pending.version == 2
    assert "nieuwe versie, nog niet goedgekeurd" in editor.status_label.text()
    assert not editor.is_dirty()
    # submit, then a colleague approves in the editor: the new version is published with the note
    editor.status_buttons[Status.IN_REVIEW].click()
    assert editor.status_buttons[Status.PUBLISHED].isVisible()
    with pytest.raises(AssertionError):  # the submitter cannot approve
        _click_expecting_no_error(editor, Status.PUBLISHED)
    fresh_db.author = "Collega"
    editor.status_buttons[Status.PUBLISHED].click()
    stored = fresh_db.criterion("MEU-M-01")
    assert stored.title == "Reserveonderdelen tien jaar leverbaar" and stored.version == 2
    assert stored.status == Status.PUBLISHED and fresh_db.draft("MEU-M-01") is None
    assert fresh_db.history("MEU-M-01")[0].note.startswith("titel verduidelijkt")


def _click_expecting_no_error(editor, status) -> None:
    from ui import criterion_editor

    shown: list[str] = []
    original = criterion_editor.show_user_error
    criterion_editor.show_user_error = lambda parent, exc, *a: shown.append(str(exc))
    try:
        editor.status_buttons[status].click()
    finally:
        criterion_editor.show_user_error = original
    assert not shown, shown


def test_back_to_concept_asks_first(editor, fresh_db, answers):
    from PySide6.QtWidgets import QMessageBox

    answers.question = QMessageBox.StandardButton.No
    editor.status_buttons[Status.CONCEPT].click()
    assert answers.seen and "terugzetten naar concept" in answers.seen[-1][1]
    assert fresh_db.criterion("MEU-M-01").status == Status.PUBLISHED
    answers.question = QMessageBox.StandardButton.Yes
    editor.status_buttons[Status.CONCEPT].click()
    assert fresh_db.criterion("MEU-M-01").status == Status.CONCEPT


def test_after_a_status_button_the_keyboard_cannot_press_the_next_one_by_accident(editor, fresh_db, monkeypatch):
    """After 'Publiceren' the button under the focus became 'Terug naar concept': Space twice unpublished."""
    from PySide6.QtWidgets import QMessageBox

    defaults: list[QMessageBox.StandardButton] = []

    def question(parent, title, text, buttons=None, default=QMessageBox.StandardButton.NoButton):
        defaults.append(default)
        return default  # Enter or Space on the box presses its default button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    fresh_db.set_four_eyes(False)
    editor.set_field("title", "Reserveonderdelen tien jaar leverbaar")
    assert editor.save()
    for status in (Status.IN_REVIEW, Status.PUBLISHED):
        button = editor.status_buttons[status]
        button.setFocus()
        QTest.keyClick(button, Qt.Key.Key_Space)
        assert editor.focusWidget() is editor.widgets["title"], status
    assert fresh_db.criterion("MEU-M-01").status == Status.PUBLISHED
    QTest.keyClick(editor.status_buttons[Status.CONCEPT], Qt.Key.Key_Space)  # pressed on purpose: asks, default No
    assert defaults == [QMessageBox.StandardButton.No]
    assert fresh_db.criterion("MEU-M-01").status == Status.PUBLISHED


def test_new_criterion_gets_an_id_and_is_saved_as_concept(app, qtbot, fresh_db):
    from ui.criterion_editor import CriterionEditor

    editor = CriterionEditor.for_new(fresh_db, "meubilair")
    qtbot.addWidget(editor)
    assert editor.criterion_id.startswith("MEU-M-")
    editor.set_field("kind", "contractbepaling")
    assert editor.criterion_id.startswith("MEU-C-")
    for name, value in (("title", "Terugname na gebruik"), ("rationale", "Houdt materiaal in de kringloop."),
                        ("clause", "Opdrachtnemer neemt het meubilair na {{jaren}} jaar terug."),
                        ("verification", "Terugnameplan bij inschrijving."), ("source", "MRA werkgroep")):
        editor.set_field(name, value)
    assert any(f == "placeholders" for f, _ in editor.problems())
    editor.placeholders_from_clause()
    editor.set_field("placeholders", "jaren = 8")
    assert editor.problems() == []
    assert editor.save()
    stored = fresh_db.criterion(editor.criterion_id)
    assert stored.status == "concept" and stored.placeholders == {"jaren": "8"}


def test_closing_with_unsaved_edits_asks(editor, answers):
    from PySide6.QtWidgets import QMessageBox

    editor.set_field("title", "Gewijzigd")
    answers.question = QMessageBox.StandardButton.Cancel
    assert not editor.close()
    assert editor.isVisible()
    answers.question = QMessageBox.StandardButton.Discard
    assert editor.close()


TYPED_FIELDS = ["title", "rationale", "clause", "placeholders", "verification", "source", "weight_min", "weight_max",
                "scoring"]


@pytest.fixture
def award_editor(app, qtbot, fresh_db):
    from ui.criterion_editor import CriterionEditor

    dialog = CriterionEditor.for_existing(fresh_db, "MEU-G-01")  # an award criterion: every field is shown
    qtbot.addWidget(dialog)
    dialog.resize(860, 680)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _places(editor) -> dict[str, tuple]:
    """Where every field and button is, in the dialog's coordinates."""
    from PySide6.QtCore import QPoint

    widgets = {**editor.widgets, "note": editor.note_edit, "save": editor.save_button, "close": editor.close_button}
    return {name: (w.mapTo(editor, QPoint(0, 0)).toTuple(), w.size().toTuple())
            for name, w in widgets.items() if w.isVisible()}


@pytest.mark.parametrize("name", TYPED_FIELDS)
def test_typing_into_a_field_moves_no_other_field(award_editor, name):
    """Problems come and go while typing (a required text emptied, an unfinished {{placeholder}}, a minimum weight
    above the maximum): the form must not jump, or the next click lands in another field."""
    editor, widget = award_editor, award_editor.widgets[name]
    widget.setFocus()
    before = _places(editor)
    assert set(TYPED_FIELDS) <= set(before)
    seen_problems = []

    def check() -> None:
        QApplication.processEvents()
        seen_problems.extend(editor.problems())
        after = _places(editor)
        moved = {k: (before[k], after.get(k)) for k in before if after.get(k) != before[k]}
        assert not moved, moved  # nothing moved or resized, the typed-in field included

    if name.startswith("weight"):
        widget.lineEdit().selectAll()
        for digit in ("95" if name == "weight_min" else "1"):
            QTest.keyClicks(widget.lineEdit(), digit)
            check()
    else:
        widget.selectAll()
        QTest.keyClick(widget, Qt.Key.Key_Backspace)
        check()
        for ch in "Nieuw {{onaf":
            type_text(widget, ch)
            check()
        widget.selectAll()
        QTest.keyClick(widget, Qt.Key.Key_Backspace)
        check()
    assert seen_problems  # messages did come and go while typing
    editor.stack.setClean()


def test_a_field_with_a_problem_is_marked_without_changing_its_size(award_editor):
    from PySide6.QtGui import QPalette

    title = award_editor.widgets["title"]
    size = title.size()
    normal = title.palette().color(QPalette.ColorRole.Base)
    award_editor.set_field("title", "")
    assert title.palette().color(QPalette.ColorRole.Base) != normal and title.size() == size
    award_editor.set_field("title", "Weer een titel")
    assert title.palette().color(QPalette.ColorRole.Base) == normal
    award_editor.stack.setClean()


def test_the_editor_opens_within_the_screen(app, qtbot, fresh_db):
    from ui.criterion_editor import CriterionEditor

    editor = CriterionEditor.for_existing(fresh_db, "MEU-G-01")
    qtbot.addWidget(editor)
    area = editor.screen().availableGeometry()
    assert editor.width() <= area.width() and editor.height() <= area.height()


def test_destructive_buttons_never_get_the_first_focus(app, qtbot, fresh_db) -> None:
    """A new version in review: 'Terug naar concept' and 'Nieuwe versie verwerpen' are first in the tab order, but
    the editor opens with the focus in the title, so a stray Space or Enter destroys nothing."""
    from dataclasses import replace

    from ui.criterion_editor import CriterionEditor

    fresh_db.author = "Anna"
    fresh_db.save_criterion(replace(fresh_db.criterion("MEU-M-01"), title="Door Anna voorgestelde titel"))
    fresh_db.set_status("MEU-M-01", Status.IN_REVIEW)
    dialog = CriterionEditor.for_existing(fresh_db, "MEU-M-01")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    assert dialog.status_buttons[Status.CONCEPT].isVisible() and dialog.discard_button.isVisible()
    assert dialog.focusWidget() is dialog.widgets["title"]
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert fresh_db.draft("MEU-M-01").status == Status.IN_REVIEW


def test_a_pending_version_is_shown_as_a_difference_to_the_published_one(app, qtbot, fresh_db) -> None:
    from dataclasses import replace

    from ui.criterion_editor import CriterionEditor

    published = fresh_db.criterion("MEU-M-01")
    fresh_db.author = "Anna"
    fresh_db.save_criterion(replace(published, title="Onderdelen vijftien jaar leverbaar"))
    dialog = CriterionEditor.for_existing(fresh_db, "MEU-M-01")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.compare_button.isVisible()
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    difference = next(w for w in dialog.children() if type(w).__name__ == "HistoryDialog")
    assert difference.isVisible() and difference.list.currentRow() == 0  # the pending version, on top
    assert "line-through" in difference.diff.toHtml()  # what the published text loses, struck through
    assert "Onderdelen vijftien jaar leverbaar" in difference.diff.toPlainText()
    assert published.title.split()[0] in difference.diff.toPlainText()  # the published word it replaces
    difference.close()
    plain = CriterionEditor.for_existing(fresh_db, "MEU-S-01")  # nothing pending: no comparison offered
    qtbot.addWidget(plain)
    plain.show()
    assert not plain.compare_button.isVisible()


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_after_opslaan_the_next_enter_does_not_undo_the_save(editor, fresh_db, qtbot, how):
    """Exploratory finding R6: after Opslaan the focus landed on 'Ongedaan maken', so Enter undid the save."""
    from PySide6.QtGui import QTextCursor

    field = editor.widgets["rationale"]
    field.setFocus()
    field.moveCursor(QTextCursor.MoveOperation.End)
    type_text(field, " Met onderdelenlijst.")
    if how == "mouse":
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert editor.focusWidget() is field  # the focus stays where the user was typing
    else:
        editor.save_button.setFocus()
        QTest.keyClick(editor.save_button, Qt.Key.Key_Space)
    assert fresh_db.working_copy("MEU-M-01").rationale.endswith(" Met onderdelenlijst.")
    assert editor.focusWidget() is not editor.undo_button
    QTest.keyClick(editor.focusWidget(), Qt.Key.Key_Return)  # in the text a new line; never the undo
    assert " Met onderdelenlijst." in field.toPlainText()
