"""The wizard's weight step: it checks the weights on every change without building the document set."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.test_editor import type_text

pytestmark = pytest.mark.gui


def test_typing_a_weight_shows_the_weight_advice_without_building_the_documents(app, qtbot, library, monkeypatch):
    """Every keystroke in a weight ran the whole tender check, whose document-gap part builds the plans of the three
    documents (most of its time, and none of its findings are shown on this page)."""
    from PySide6.QtWidgets import QWizard

    from tender_assistant.documents import document_set
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    wizard = TenderWizard(library, AppSettings())
    qtbot.addWidget(wizard)
    wizard.show()
    basics = wizard.pages[PageId.BASICS]
    type_text(basics.title_edit, "Kantoorstoelen stadhuis")
    type_text(basics.description, "Kantoorstoelen en bureaus met hergebruik en reparatie.")
    for _ in range(5):  # package, ambition, criteria, clauses, weights
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PageId.WEIGHTS
    weights = wizard.pages[PageId.WEIGHTS]

    built: list[object] = []
    real = document_set.set_plans
    monkeypatch.setattr(document_set, "set_plans", lambda *a, **k: built.append(a) or real(*a, **k))
    weights.price_spin.setFocus()
    weights.price_spin.selectAll()
    QTest.keyClicks(weights.price_spin, "95")
    assert weights.price_spin.value() == 95
    assert "moet 100% zijn" in weights.total.text()
    assert weights.advice.toPlainText().strip()  # the weight advice is there, as before
    assert built == []
    wizard.dirty = False
