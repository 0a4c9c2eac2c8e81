"""The wizard's criteria step: suggesting again after a change keeps what the buyer chose and wrote."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import Qt

from tests.ui.test_editor import type_text

pytestmark = pytest.mark.gui


def test_correcting_a_typo_in_the_description_keeps_the_buyers_work(app, qtbot, library):
    """Before, going back to fix a typo in the description and on to the criteria threw away the buyer's picks,
    weights, edited texts and values: the criteria were suggested afresh."""
    from PySide6.QtWidgets import QWizard

    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    wizard = TenderWizard(library, AppSettings())
    qtbot.addWidget(wizard)
    wizard.show()

    def press(button: QWizard.WizardButton, times: int = 1) -> None:
        for _ in range(times):
            qtbot.mouseClick(wizard.button(button), Qt.MouseButton.LeftButton)

    basics = wizard.pages[PageId.BASICS]
    type_text(basics.title_edit, "Kantoorstoelen stadhuis")
    # two words for reuse: one alone no longer ticks a criterion above the ambition level (finding M6)
    type_text(basics.description, "Kantoorstoelen en bureaus met hergebruik (tweedehands) en reparatei.")
    press(QWizard.WizardButton.NextButton, 3)  # package, ambition, criteria
    assert wizard.currentId() == PageId.CRITERIA
    criteria = wizard.pages[PageId.CRITERIA]
    suggested = wizard.tender.criterion_ids()
    extra = next(cid for cid in criteria.items if cid not in suggested)
    criteria.items[suggested[0]].setCheckState(0, Qt.CheckState.Unchecked)  # the buyer drops a suggestion
    criteria.items[extra].setCheckState(0, Qt.CheckState.Checked)  # ... and adds one of their own
    assert suggested[0] not in wizard.tender.criterion_ids() and extra in wizard.tender.criterion_ids()

    press(QWizard.WizardButton.NextButton)
    clauses = wizard.pages[PageId.CLAUSES]
    clauses.list.setCurrentRow(0)
    clauses.text_edit.setPlainText(clauses.text_edit.toPlainText() + " Eigen zin van de inkoper.")
    for row in range(clauses.list.count()):
        clauses.list.setCurrentRow(row)
        editable = [name for name, edit in clauses.value_edits.items() if not edit.isReadOnly()]
        if editable:  # a value inside the placeholder's range (a reference period may be at most 3 years)
            meta = clauses.current.placeholder_meta.get(editable[0])
            clauses.set_value(editable[0], str(int(meta.min)) if meta is not None and meta.min is not None else "7")
            break
    press(QWizard.WizardButton.NextButton)
    weights = wizard.pages[PageId.WEIGHTS]
    first_award = next(iter(weights.spins))
    weights.spins[first_award].setValue(weights.spins[first_award].value() + 3)
    worked = copy.deepcopy(wizard.tender.criteria)
    assert any(e.text for e in worked) and any(e.values for e in worked)

    press(QWizard.WizardButton.BackButton, 5)
    assert wizard.currentId() == PageId.BASICS
    basics.description.setPlainText("Kantoorstoelen en bureaus met hergebruik (tweedehands) en reparatie.")
    press(QWizard.WizardButton.NextButton, 3)
    assert wizard.currentId() == PageId.CRITERIA
    assert wizard.tender.criteria == worked
    checked = {cid for cid, item in criteria.items.items() if item.checkState(0) == Qt.CheckState.Checked}
    assert checked == {e.id for e in worked}

    # "Voorstel herstellen" is the way back to exactly the suggestion
    from PySide6.QtWidgets import QPushButton

    from tender_assistant.matching import suggested_entries

    reset = next(b for b in criteria.findChildren(QPushButton) if b.text() == "Voorstel &herstellen")
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    fresh = [e.id for e in suggested_entries(wizard.tender, library)]
    assert wizard.tender.criterion_ids() == fresh
    checked = {cid for cid, item in criteria.items.items() if item.checkState(0) == Qt.CheckState.Checked}
    assert checked == set(fresh)
    wizard.dirty = False


def test_a_joint_tender_shows_the_defined_party_in_the_clause_step(app, qtbot, library):
    """The clause step showed "Gemeente Purmerend" for {{opdrachtgever}} while the documents of a joint tender
    say "Opdrachtgever": the participant that signs its own agreement."""
    from tender_assistant.tender import Tender, TenderCriterion
    from tender_assistant.tender_parts import Participant
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    tender = Tender(title="Bedrijfskleding MRA", organisation="Gemeente Purmerend", package="bedrijfskleding",
                    criteria=[TenderCriterion("BKL-C-01")],
                    participants=[Participant("Gemeente Purmerend", "penvoerder"), Participant("Gemeente Zaanstad")])
    wizard = TenderWizard(library, AppSettings(), None, tender)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to(PageId.CLAUSES)
    page = wizard.pages[PageId.CLAUSES]
    page.list.setCurrentRow(0)
    edit = page.value_edits["opdrachtgever"]
    assert edit.isReadOnly() and edit.text() == "Opdrachtgever"
    assert "Purmerend" not in page.preview.toPlainText()
    wizard.dirty = False


def _outdated_wizard(qtbot, store, edits: dict[str, str]):
    """A wizard on a saved tender that chose the current versions, after the library published the edits."""
    from dataclasses import replace

    from tender_assistant.tender import Tender, TenderCriterion
    from tests.helpers import publish_edit
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard

    chosen = {cid: store.criterion(cid) for cid in edits}
    tender = Tender(title="Stoelen", package="meubilair",
                    criteria=[TenderCriterion(cid, version=c.version) for cid, c in chosen.items()])
    for cid, extra in edits.items():
        publish_edit(store, replace(chosen[cid], clause=chosen[cid].clause + extra))
    wizard = TenderWizard(store, AppSettings(), None, tender)
    qtbot.addWidget(wizard)
    return wizard, chosen


def test_the_clauses_page_shows_the_chosen_version_and_updates_only_after_showing_the_difference(
        app, qtbot, fresh_db) -> None:
    """Before, the page showed (and the export wrote) the library's newest text next to 'Bijwerken naar de nieuwste
    versie', so the button offered what was already there and the buyer never saw what changed."""
    from tender_assistant.checks import resolve_criteria
    from ui.wizard.base import PageId

    wizard, chosen = _outdated_wizard(qtbot, fresh_db, {"MEU-M-01": " Dit geldt ook voor onderdelen."})
    old = chosen["MEU-M-01"]
    wizard.go_to(PageId.CLAUSES)
    page = wizard.pages[PageId.CLAUSES]
    assert page.text_edit.toPlainText() == old.clause  # the text the export writes, not the newest
    assert not page.latest_button.isHidden()

    qtbot.mouseClick(page.latest_button, Qt.MouseButton.LeftButton)
    dialog = page.difference
    assert dialog is not None and dialog.isVisible()
    assert "onderdelen" in dialog.text.toHtml() and "underline" in dialog.text.toHtml()
    assert wizard.tender.entry(old.id).version == old.version  # nothing changes before the buyer says so
    qtbot.mouseClick(dialog.update_button, Qt.MouseButton.LeftButton)

    assert wizard.tender.entry(old.id).version == old.version + 1
    assert page.text_edit.toPlainText() == old.clause + " Dit geldt ook voor onderdelen."
    assert page.latest_button.isHidden()
    exported = resolve_criteria(wizard.tender, fresh_db)[0]
    assert exported[0].clause.endswith("Dit geldt ook voor onderdelen.")
    wizard.dirty = False


def test_cancelling_the_difference_keeps_the_chosen_versions_and_update_all_takes_every_one(
        app, qtbot, fresh_db) -> None:
    from ui.wizard.base import PageId

    wizard, chosen = _outdated_wizard(qtbot, fresh_db, {"MEU-M-01": " Eerste wijziging.",
                                                        "MEU-S-01": " Tweede wijziging."})
    wizard.go_to(PageId.CLAUSES)
    page = wizard.pages[PageId.CLAUSES]
    assert not page.all_latest_button.isHidden()
    qtbot.mouseClick(page.all_latest_button, Qt.MouseButton.LeftButton)
    text = page.difference.text.toPlainText()
    assert "Eerste wijziging" in text and "Tweede wijziging" in text
    page.difference.reject()
    assert [e.version for e in wizard.tender.criteria] == [c.version for c in chosen.values()]

    qtbot.mouseClick(page.all_latest_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.difference.update_button, Qt.MouseButton.LeftButton)
    assert [e.version for e in wizard.tender.criteria] == [c.version + 1 for c in chosen.values()]
    assert page.all_latest_button.isHidden()
    wizard.dirty = False


@pytest.mark.parametrize("before", ["40", ""])
def test_typing_150_in_a_0_to_100_field_keeps_the_previous_value(app, qtbot, library, before) -> None:
    """Before, the keystrokes on the way ('1', '15') were taken, so '150' was refused but 15 stayed in the tender."""
    from PySide6.QtTest import QTest

    from tender_assistant.tender import Tender, TenderCriterion
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    c = library.criterion("SMB-M-04")
    entry = TenderCriterion(c.id, version=c.version)
    if before:
        entry.values["min_gerecycled_metaal_pct"] = before
    wizard = TenderWizard(library, AppSettings(), None,
                          Tender(title="Banken", package="straatmeubilair", criteria=[entry]))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to(PageId.CLAUSES)
    page = wizard.pages[PageId.CLAUSES]
    edit = page.value_edits["min_gerecycled_metaal_pct"]
    edit.selectAll()
    QTest.keyClicks(edit, "150")
    assert edit.text() == "150" and page.value_problem.isVisibleTo(page)
    assert "niet overgenomen" in page.value_problem.text()
    assert wizard.tender.value_for(c.id, "min_gerecycled_metaal_pct") == (before or None)
    assert "150" not in page.preview.toPlainText() and "15 %" not in page.preview.toPlainText()
    QTest.keyClick(edit, Qt.Key.Key_Return)  # finishing the edit puts the value that counts back
    assert edit.text() == before
    assert wizard.tender.value_for(c.id, "min_gerecycled_metaal_pct") == (before or None)
    wizard.dirty = False


@pytest.mark.parametrize(("package", "level"), [("bedrijfskleding", 2), ("textiel", 1), ("catering", 3)])
def test_a_new_tender_starts_with_weights_inside_the_librarys_advice_also_per_lot(app, qtbot, library, package,
                                                                                   level) -> None:
    """Before, the suggestion spread what the price left over the award criteria in proportion, ignoring their
    advised ranges (bedrijfskleding at level 2: 22%, 22% and 26% where the library advises 5-15% and 5-20%)."""
    from tender_assistant.checks import check_tender
    from tender_assistant.tender import Tender
    from tender_assistant.tender_parts import Lot
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    tender = Tender(title="Nieuw", package=package, ambition_level=level,
                    lots=[Lot("1", "Noord", price_weight=30), Lot("2", "Zuid", price_weight=40)])
    wizard = TenderWizard(library, AppSettings(), None, tender)
    qtbot.addWidget(wizard)
    wizard.go_to(PageId.CRITERIA)
    t = wizard.tender
    assert any(e.weight for e in t.criteria) and all(lot.criteria for lot in t.lots)
    weight_codes = ("weight-range", "weights-sum")
    assert not [f.message for f in check_tender(t, library) if f.code in weight_codes]
    for lot in t.lots:
        assert not [f.message for f in check_tender(t.for_lot(lot.id), library) if f.code in weight_codes], lot.id
    wizard.dirty = False


def test_a_lot_takes_criteria_from_another_package(app, qtbot, library):
    """Lot 2 'Reiniging en herstel' of a workwear tender could only choose workwear criteria; the check advised the
    laundry package and nothing in the window could follow that advice (finding B15)."""
    from tender_assistant.checks import check_tender
    from tender_assistant.tender import Tender
    from tender_assistant.tender_parts import Lot
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    tender = Tender(title="Bedrijfskleding", organisation="Gemeente Purmerend", package="bedrijfskleding",
                    description="Bedrijfskleding met reiniging en herstel", cpv=["18222000-1", "98310000-9"],
                    estimated_value_eur=900_000,
                    lots=[Lot("1", "Bedrijfskleding", estimated_value_eur=600_000, cpv=["18222000-1"]),
                          Lot("2", "Reiniging en herstel", estimated_value_eur=300_000, cpv=["98310000-9"])])
    assert [f for f in check_tender(tender, library) if f.code == "cpv-other-package"]
    wizard = TenderWizard(library, AppSettings(), None, tender)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to(PageId.CRITERIA)
    page = wizard.pages[PageId.CRITERIA]
    page.lot_selector.combo.setCurrentIndex(page.lot_selector.combo.findData("2"))
    assert not [cid for cid in page.items if cid.startswith("TXR") or "reinig" in page.criteria[cid].package]
    page.other_package.setFocus()
    qtbot.keyClicks(page.other_package, "Textielreiniging")
    slug = page.other_package.currentData()
    assert slug == "textielreiniging"
    laundry = [cid for cid in page.items if page.criteria[cid].package == slug]
    assert laundry and "uit pakket Textielreiniging" in page.items[laundry[0]].text(2)
    page.items[laundry[0]].setCheckState(0, Qt.CheckState.Checked)
    lots = {lot.id: lot.criterion_ids() for lot in wizard.tender.lots}
    assert laundry[0] in lots["2"] and laundry[0] not in lots["1"]
    assert not [f for f in check_tender(wizard.tender, library) if f.code == "cpv-other-package"]
    wizard.dirty = False


def test_a_criterion_above_the_ambition_named_by_one_word_is_shown_unticked_with_its_reason(app, qtbot, library):
    """Finding M6: for a street reconstruction 'met zo laag mogelijke milieukosten (MKI)' at ambition 2, GWW-G-05 (a
    level-3 criterion for an existing bridge) was ticked and weighted 20 % because of the one word 'milieukosten'."""
    from PySide6.QtWidgets import QWizard

    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    wizard = TenderWizard(library, AppSettings())
    qtbot.addWidget(wizard)
    wizard.show()
    basics = wizard.pages[PageId.BASICS]
    type_text(basics.title_edit, "Herinrichting Dorpsstraat Zaandijk")
    type_text(basics.description, "Reconstructie van de Dorpsstraat: asfalt, riolering en trottoirs, met zo laag "
                                  "mogelijke milieukosten (MKI).")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    wizard.pages[PageId.PACKAGE].choose("gww")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    wizard.pages[PageId.AMBITION].buttons[2].click()  # "2 Circulair"
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PageId.CRITERIA
    item = wizard.pages[PageId.CRITERIA].items["GWW-G-05"]
    assert item.checkState(0) == Qt.CheckState.Unchecked
    assert "'milieukosten'" in item.text(2) and "boven het gekozen ambitieniveau" in item.text(2)
    assert "GWW-G-05" not in wizard.tender.criterion_ids()
    assert wizard.pages[PageId.CRITERIA].items["GWW-G-01"].checkState(0) == Qt.CheckState.Checked  # level 2: stays
    wizard.dirty = False
