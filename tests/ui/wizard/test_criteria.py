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
    type_text(basics.description, "Kantoorstoelen en bureaus met hergebruik en reparatei.")
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
    basics.description.setPlainText("Kantoorstoelen en bureaus met hergebruik en reparatie.")
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
