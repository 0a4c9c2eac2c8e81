"""The bedrijfskleding case drafted in the wizard as a buyer would (issue 20, section 2): five municipalities,
Purmerend's colleague Zaanstad as penvoerder, 36 + 12 + 12 months, two lots with their own criteria and weights;
saved, reopened, and every page named, reachable by Tab and free of Alt-letter clashes with the lots shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWizard

from tender_assistant.tender import load_tender
from tests.ui.test_accessibility import assert_all_named, check_tab_order, mnemonic_clashes
from tests.ui.test_editor import type_text
from tests.ui.wizard.test_basics import click, open_editor, save_and_read, type_in_cell
from tests.ui.wizard.test_lot_selector import MUNICIPALITIES, choose, ticked

pytestmark = pytest.mark.gui


@pytest.fixture
def a11y(app):
    from ui import accessibility

    accessibility.install(app)
    yield accessibility
    accessibility.uninstall(app)


def test_five_participants_two_lots_saved_and_reopened(a11y, app, qtbot, library, tmp_path, monkeypatch):
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    wizard = TenderWizard(library, AppSettings(tmp_path))
    qtbot.addWidget(wizard)
    wizard.resize(1280, 720)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)

    def next_page(expected: PageId) -> None:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        assert wizard.currentId() == expected
        QApplication.processEvents()

    def page_is_usable(name: str) -> None:
        assert_all_named(a11y, wizard, name)
        check_tab_order(wizard, name)
        assert mnemonic_clashes(wizard) == {}, name

    # ---- basics: the joint tender, its lots and options
    basics = wizard.pages[PageId.BASICS]
    type_text(basics.title_edit, "Circulaire bedrijfskleding MRA-gemeenten")
    type_text(basics.org_edit, MUNICIPALITIES[0])
    type_text(basics.description, "Bedrijfskleding met reiniging, herstel en terugname voor vijf gemeenten.")
    basics.value_spin.setValue(1_500_000)
    basics.term_spin.setValue(36)
    type_text(basics.term_section.options, "12, 12")
    joint = basics.joint_section
    click(qtbot, joint.check)
    type_in_cell(joint.table, 1, 0, MUNICIPALITIES[1])
    for name in MUNICIPALITIES[2:]:
        click(qtbot, joint.add_button)
        editor = open_editor(joint.table)
        QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(editor, name)
        QTest.keyClick(editor, Qt.Key.Key_Return)
        QApplication.processEvents()
    joint.table.setCurrentIndex(joint.model.index(1, 0))
    click(qtbot, joint.lead_button)
    click(qtbot, joint.mandate_dated)
    type_text(joint.mandate_reference, "Mandaatbesluit 2026-118")
    lots = basics.lots_section
    click(qtbot, lots.check)
    for row, (title, value) in enumerate((("Kleding", "1.200.000"), ("Reiniging en herstel", "300.000"))):
        type_in_cell(lots.table, row, 1, title)
        type_in_cell(lots.table, row, 2, value)
    page_is_usable("BASICS with participants and lots")

    next_page(PageId.PACKAGE)
    assert wizard.tender.package == "bedrijfskleding"
    next_page(PageId.AMBITION)
    next_page(PageId.CRITERIA)
    criteria = wizard.pages[PageId.CRITERIA]
    suggested = set(wizard.tender.criterion_ids())
    t = wizard.tender
    # lots made before the criteria were chosen get every suggested criterion
    assert all(set(lot.criterion_ids()) == suggested for lot in t.lots)
    page_is_usable("CRITERIA with lots")
    choose(criteria.lot_selector.combo, "2. Reiniging")
    award = [cid for cid in ticked(criteria) if "-G-" in cid]
    for cid in award[1:]:
        criteria.items[cid].setCheckState(0, Qt.CheckState.Unchecked)  # lot 2 keeps one award criterion
    extra = next(cid for cid in criteria.items if "-C-" in cid and cid not in ticked(criteria))
    criteria.items[extra].setCheckState(0, Qt.CheckState.Checked)
    assert extra in t.lots[1].criterion_ids() and extra not in t.lots[0].criterion_ids()

    next_page(PageId.CLAUSES)
    next_page(PageId.WEIGHTS)
    weights = wizard.pages[PageId.WEIGHTS]
    page_is_usable("WEIGHTS with lots")
    for lot_label in ("1. Kleding", "2. Reiniging"):
        choose(weights.lot_selector.combo, lot_label)
        qtbot.mouseClick(weights.spread_button, Qt.MouseButton.LeftButton)  # Verdelen volgens advies
        assert weights.total_weight() == 100 and "✔" in weights.total.text()
    assert set(weights.spins) == {award[0]}, "lot 2 weighs its own award criterion only"

    next_page(PageId.PROCEDURE)
    procedure = wizard.pages[PageId.PROCEDURE]
    type_text(procedure.values["contactpersoon"], "Inkoopbureau MRA")
    page_is_usable("PROCEDURE")

    path = tmp_path / "kleding.tender.json"
    data = save_and_read(qtbot, wizard, path, monkeypatch)
    assert data["version"] == 3
    assert [p["name"] for p in data["participants"]] == MUNICIPALITIES
    assert [p["name"] for p in data["participants"] if p["role"] == "penvoerder"] == [MUNICIPALITIES[1]]
    assert data["mandate"]["reference"] == "Mandaatbesluit 2026-118"
    assert data["extension_options_months"] == [12, 12] and data["contract_term_months"] == 36
    assert [(lot["id"], lot["title"], lot["estimated_value_eur"]) for lot in data["lots"]] == [
        ("1", "Kleding", 1200000), ("2", "Reiniging en herstel", 300000)]
    lot2 = {c["id"]: c.get("weight") for c in data["lots"][1]["criteria"]}
    assert extra in lot2 and award[0] in lot2 and not set(award[1:]) & set(lot2)
    assert data["lots"][1]["price_weight"] + lot2[award[0]] == 100
    for lot in data["lots"]:
        assert lot["price_weight"] + sum(c.get("weight") or 0 for c in lot["criteria"]) == 100
    assert data["values"]["contactpersoon"] == "Inkoopbureau MRA"
    wizard.dirty = False

    reopened = TenderWizard(library, AppSettings(tmp_path), path, load_tender(path))
    qtbot.addWidget(reopened)
    reopened.show()
    assert reopened.tender == load_tender(path)
    basics = reopened.pages[PageId.BASICS]
    assert basics.joint_section.model.rowCount() == 5 and basics.lots_section.model.rowCount() == 2
    assert basics.term_section.max_term.text() == "ten hoogste 60 maanden"
    reopened.go_to(PageId.WEIGHTS)
    assert reopened.pages[PageId.WEIGHTS].total.text().startswith("perceel 1: Totaal: 100%")
    assert not reopened.dirty
