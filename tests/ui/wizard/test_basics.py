"""The basics step: a joint tender's participants, lots, options and a framework; and the CPV picker's keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QTableView, QWizard

from tests.ui.test_editor import type_text

pytestmark = pytest.mark.gui


def type_in_cell(table: QTableView, row: int, column: int, text: str) -> None:
    """Put the cursor on a cell, open it with F2, type over what is there and press Enter, as a person does."""
    index = table.model().index(row, column)
    table.setCurrentIndex(index)
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_F2)
    editor = open_editor(table)
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on the event loop's next turn


def open_editor(table: QTableView) -> QLineEdit:
    """The cell editor that is open in a table (F2, or a button that starts typing in a new row)."""
    editors = [e for e in table.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "one cell is open for typing"
    return editors[0]


def click(qtbot, widget) -> None:
    """A mouse click on a button, or on a tick box's box (its left end), not the middle of a wide widget."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QCheckBox

    where = QPoint(8, widget.height() // 2) if isinstance(widget, QCheckBox) else widget.rect().center()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=where)


@pytest.fixture
def wizard(app, qtbot, library, tmp_path):
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard

    w = TenderWizard(library, AppSettings(tmp_path))
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    yield w
    w.dirty = False


def save_and_read(qtbot, wizard, path: Path, monkeypatch) -> dict:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CustomButton1), Qt.MouseButton.LeftButton)  # Opslaan
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_joint_tender_with_lots_and_options_typed_on_the_basics_page_is_saved_as_version_3(
        qtbot, wizard, tmp_path, monkeypatch):
    from ui.wizard.base import PageId

    page = wizard.pages[PageId.BASICS]
    type_text(page.title_edit, "Circulaire bedrijfskleding MRA")
    type_text(page.org_edit, "Gemeente Purmerend")
    assert not page.joint_section.table.isVisible()
    click(qtbot, page.joint_section.check)
    joint = page.joint_section
    assert joint.table.isVisible()
    # the own organisation comes first, as penvoerder, with room for the next participant
    assert [(p.name, p.role) for p in wizard.tender.participants] == [("Gemeente Purmerend", "penvoerder"),
                                                                      ("Deelnemer 2", "deelnemer")]
    type_in_cell(joint.table, 1, 0, "Gemeente Zaanstad")
    for name in ("Gemeente Edam-Volendam", "Gemeente Landsmeer", "Gemeente Oostzaan"):
        click(qtbot, joint.add_button)
        editor = open_editor(joint.table)  # the new row's name is open for typing
        QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(editor, name)
        QTest.keyClick(editor, Qt.Key.Key_Return)
        QApplication.processEvents()
    assert len(wizard.tender.participants) == 5
    page.value_spin.setValue(1_500_000)
    assert joint.model.index(1, 2).data() == "gelijk deel (€ 300.000)"
    type_in_cell(joint.table, 0, 2, "500.000")
    assert joint.model.index(1, 2).data() == "gelijk deel (€ 250.000)", "the others' equal shares follow"
    type_in_cell(joint.table, 0, 3, "KvK 12345678")
    # a name twice is refused with the reason (the file would not open again)
    type_in_cell(joint.table, 4, 0, "gemeente zaanstad")
    assert wizard.tender.participants[4].name == "Gemeente Oostzaan"
    assert "staat al bij de deelnemers" in joint.problem.text()
    joint.table.setCurrentIndex(joint.model.index(1, 0))
    click(qtbot, joint.lead_button)  # Zaanstad runs the procedure now: one penvoerder, never two
    assert [p.name for p in wizard.tender.participants if p.role == "penvoerder"] == ["Gemeente Zaanstad"]
    click(qtbot, joint.mandate_dated)
    type_text(joint.mandate_reference, "Mandaatbesluit 2026-118")

    type_text(page.term_section.options, "12, 12")
    page.term_spin.setValue(36)
    assert page.term_section.max_term.text() == "ten hoogste 60 maanden"
    click(qtbot, page.term_section.framework)
    page.term_section.maximum.setValue(1_800_000)

    lots = page.lots_section
    assert lots.reason.isVisible()  # without lots: the motivation for not dividing
    click(qtbot, lots.check)
    assert not lots.reason.isVisible() and [lot.id for lot in wizard.tender.lots] == ["1", "2"]
    type_in_cell(lots.table, 0, 1, "Kleding")
    type_in_cell(lots.table, 0, 2, "1.200.000")
    type_in_cell(lots.table, 0, 3, "18100000")
    type_in_cell(lots.table, 1, 1, "Reiniging en herstel")
    type_in_cell(lots.table, 1, 2, "300000")
    type_in_cell(lots.table, 1, 3, "99999999")  # not a CPV code: refused with the reason
    assert wizard.tender.lots[1].cpv == [] and "CPV" in lots.problem.text()
    assert lots.sum_label.text() == "Samen: € 1.500.000"
    lots.max_won.setValue(1)  # a bidder may win one lot: then the order of award must be known
    type_text(lots.award_order, "2, 1")

    data = save_and_read(qtbot, wizard, tmp_path / "kleding.tender.json", monkeypatch)
    assert data["version"] == 3
    assert [p["name"] for p in data["participants"]] == ["Gemeente Purmerend", "Gemeente Zaanstad",
                                                        "Gemeente Edam-Volendam", "Gemeente Landsmeer",
                                                        "Gemeente Oostzaan"]
    assert data["participants"][0] == {"name": "Gemeente Purmerend", "role": "deelnemer",
                                       "estimated_value_eur": 500000, "identifier": "KvK 12345678"}
    assert data["participants"][1]["role"] == "penvoerder"
    assert data["mandate"]["reference"] == "Mandaatbesluit 2026-118" and data["mandate"]["date"]
    assert data["extension_options_months"] == [12, 12] and data["contract_term_months"] == 36
    assert data["framework_agreement"] is True and data["maximum_value_eur"] == 1800000
    assert [(lot["id"], lot["title"], lot["estimated_value_eur"], lot.get("cpv")) for lot in data["lots"]] == [
        ("1", "Kleding", 1200000, ["18100000-0"]), ("2", "Reiniging en herstel", 300000, None)]
    assert data["max_lots_awarded_per_bidder"] == 1 and data["lot_award_order"] == ["2", "1"]


def test_unticking_joint_or_lots_by_a_slip_loses_nothing(qtbot, wizard):
    from ui.wizard.base import PageId

    page = wizard.pages[PageId.BASICS]
    type_text(page.org_edit, "Gemeente Purmerend")
    click(qtbot, page.joint_section.check)
    click(qtbot, page.lots_section.check)
    type_in_cell(page.lots_section.table, 0, 1, "Kleding")
    click(qtbot, page.joint_section.check)
    click(qtbot, page.lots_section.check)
    assert wizard.tender.participants == [] and wizard.tender.lots == []
    assert page.lots_section.reason.isVisible()
    type_text(page.lots_section.reason, "Levering en onderhoud hangen samen.")
    assert wizard.tender.lots_reason == "Levering en onderhoud hangen samen."
    click(qtbot, page.joint_section.check)
    click(qtbot, page.lots_section.check)
    assert [p.name for p in wizard.tender.participants] == ["Gemeente Purmerend", "Deelnemer 2"]
    assert wizard.tender.lots[0].title == "Kleding"


def test_a_saved_joint_tender_reopens_with_its_tables_filled(app, qtbot, library, tmp_path):
    from tender_assistant.tender import load_tender, save_tender
    from tests.unit.tender_assistant.test_tender_parts import joint_workwear
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    path = tmp_path / "kleding.tender.json"
    save_tender(joint_workwear(), path)
    wizard = TenderWizard(library, AppSettings(tmp_path), path, load_tender(path))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.pages[PageId.BASICS]
    assert page.joint_section.check.isChecked() and page.joint_section.model.rowCount() == 5
    assert page.joint_section.mandate_reference.text() == "Mandaatbesluit 2026-118"
    assert page.lots_section.check.isChecked() and page.lots_section.model.rowCount() == 2
    assert page.term_section.options.text() == "12, 12"
    assert page.term_section.max_term.text() == "ten hoogste 60 maanden"
    assert page.lots_section.max_bid.value() == 2
    assert not wizard.dirty


def test_enter_in_a_table_opens_the_cell_instead_of_leaving_the_page(qtbot, wizard):
    """Driven at 1280x720 with the keyboard: Enter on a participant (to edit it, or once too often after typing)
    pressed the wizard's 'Volgende', left the page and let the package page pick a package for a half-typed tender."""
    from ui.wizard.base import PageId

    page = wizard.pages[PageId.BASICS]
    type_text(page.title_edit, "Bedrijfskleding")
    type_text(page.org_edit, "Gemeente Purmerend")
    click(qtbot, page.joint_section.check)
    table = page.joint_section.table
    table.setFocus()
    assert table.currentIndex().row() == 0, "Tab into the table lands on the first cell"
    QTest.keyClick(table, Qt.Key.Key_Down)
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.BASICS
    editor = open_editor(table)
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "Gemeente Zaanstad")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    QTest.keyClick(table, Qt.Key.Key_Return)  # once too often
    QApplication.processEvents()
    assert wizard.currentId() == PageId.BASICS
    assert [p.name for p in wizard.tender.participants] == ["Gemeente Purmerend", "Gemeente Zaanstad"]


def test_down_and_up_in_the_cpv_search_move_the_selection(app, qtbot) -> None:
    from ui.wizard.basics import CpvPicker

    picker = CpvPicker()
    qtbot.addWidget(picker)
    picker.show()
    QTest.keyClicks(picker.search, "meubilair")
    first, second = (picker.list.item(i).data(Qt.ItemDataRole.UserRole) for i in (0, 1))
    assert picker.selected_codes() == [first]
    QTest.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.selected_codes() == [second] and picker.search.text() == "meubilair"
    QTest.keyClick(picker.search, Qt.Key.Key_Up)
    assert picker.selected_codes() == [first]
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.result() == picker.DialogCode.Accepted


def test_one_code_found_is_singular(app, qtbot) -> None:
    from ui.wizard.basics import CpvPicker

    picker = CpvPicker()
    qtbot.addWidget(picker)
    picker.search.setText("39130000")
    assert picker.list.count() == 1 and picker.count.text() == "1 code getoond"


def test_a_lots_cpv_code_joins_the_tenders_list(app, qtbot, library, tmp_path):
    """Lot 2's 50850000-8 was only in the lots table; the cover and 1.2 listed the tender's one code (finding K5)."""
    from tender_assistant.tender import Tender
    from tender_assistant.tender_parts import Lot
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId
    from ui.wizard.tender_models import LotsModel

    tender = Tender(title="Kantoormeubilair", organisation="Provincie Noord-Holland", cpv=["39130000-2"],
                    lots=[Lot("1", "Nieuw meubilair", cpv=["39130000-2"]), Lot("2", "Hergebruik en revisie")])
    wizard = TenderWizard(library, AppSettings(tmp_path), None, tender)
    qtbot.addWidget(wizard)
    wizard.show()
    basics = wizard.pages[PageId.BASICS]
    type_in_cell(basics.lots_section.table, 1, LotsModel.CPV, "50850000-8")
    assert wizard.tender.lots[1].cpv == ["50850000-8"]
    assert wizard.tender.cpv == ["39130000-2", "50850000-8"]
    shown = [basics.cpv_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(basics.cpv_list.count())]
    assert shown == ["39130000-2", "50850000-8"]
    wizard.dirty = False


def test_a_pasted_5000_character_title_is_cut_with_a_note_and_the_saved_file_opens_again(
        qtbot, wizard, tmp_path, monkeypatch):
    from tender_assistant.tender import load_tender
    from ui.wizard.base import PageId

    page = wizard.pages[PageId.BASICS]
    pasted = "Levering van circulaire bedrijfskleding voor de buitendienst. " * 81  # 5,022 characters
    QApplication.clipboard().setText(pasted)
    page.title_edit.setFocus()
    QTest.keyClick(page.title_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert page.title_edit.text() == pasted[:200]
    assert wizard.tender.title == pasted[:200]
    assert page.title_note.isVisible() and "ingekort tot 200 tekens" in page.title_note.text()
    path = tmp_path / "lang.tender.json"
    save_and_read(qtbot, wizard, path, monkeypatch)
    assert load_tender(path).title == pasted[:200].strip()
    QTest.keyClick(page.title_edit, Qt.Key.Key_Backspace)  # a title that fits: the note goes
    assert not page.title_note.isVisible()
