"""Criteria and weights per lot: the lot selector, copying one lot's choices to another, weights and price rule
per lot with the running total, and what a finding on a lot leads to."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tender_assistant.tender import Tender, TenderCriterion, load_tender, save_tender
from tender_assistant.tender_parts import Lot, LotCriterion, Participant
from tests.ui.wizard.test_basics import save_and_read

pytestmark = pytest.mark.gui

MUNICIPALITIES = ["Gemeente Purmerend", "Gemeente Zaanstad", "Gemeente Edam-Volendam", "Gemeente Landsmeer",
                  "Gemeente Oostzaan"]


def workwear() -> Tender:
    """The bedrijfskleding case with criteria of the starter library: two lots, each its own choice."""
    return Tender(
        title="Circulaire bedrijfskleding MRA-gemeenten", organisation="Gemeente Purmerend", package="bedrijfskleding",
        cpv=["18100000-0"], estimated_value_eur=1_500_000, contract_term_months=36, extension_options_months=[12, 12],
        participants=[Participant(MUNICIPALITIES[0], "penvoerder")] + [Participant(n) for n in MUNICIPALITIES[1:]],
        mandate_date=date(2026, 10, 1), mandate_reference="Mandaatbesluit 2026-118",
        criteria=[TenderCriterion("BKL-M-01"), TenderCriterion("BKL-G-01", weight=30),
                  TenderCriterion("BKL-G-02", weight=40), TenderCriterion("BKL-C-01")],
        lots=[Lot("1", "Kleding", estimated_value_eur=1_200_000, price_weight=40,
                  criteria=[LotCriterion("BKL-M-01"), LotCriterion("BKL-G-01", 25), LotCriterion("BKL-G-02", 35)]),
              Lot("2", "Reiniging en herstel", estimated_value_eur=300_000, price_weight=50,
                  criteria=[LotCriterion("BKL-G-02", 50), LotCriterion("BKL-C-01")])],
    )


@pytest.fixture
def opened(app, qtbot, library, tmp_path):
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard

    path = tmp_path / "kleding.tender.json"
    save_tender(workwear(), path)
    wizard = TenderWizard(library, AppSettings(tmp_path), path, load_tender(path))
    qtbot.addWidget(wizard)
    wizard.resize(1280, 720)
    wizard.show()
    yield wizard, path
    wizard.dirty = False


def choose(combo, text: str) -> None:
    """Pick an entry of a combo box with the keyboard, as a person does: focus, then type its first letters."""
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
    combo.setFocus()
    while combo.currentIndex() != index:
        QTest.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up)


def ticked(page) -> set[str]:
    return {cid for cid, item in page.items.items() if item.checkState(0) == Qt.CheckState.Checked}


def test_criteria_are_chosen_per_lot_and_copied_from_one_lot_to_another(qtbot, opened, monkeypatch):
    from ui.wizard.base import PageId

    wizard, path = opened
    wizard.go_to(PageId.CRITERIA)
    page = wizard.pages[PageId.CRITERIA]
    selector = page.lot_selector
    assert selector.isVisible() and selector.combo.currentText() == "alle percelen"
    assert ticked(page) == {"BKL-M-01", "BKL-G-01", "BKL-G-02", "BKL-C-01"}

    choose(selector.combo, "2. Reiniging")
    assert ticked(page) == {"BKL-G-02", "BKL-C-01"}
    assert "1 × gunningscriterium" in page.summary.text()
    page.items["BKL-G-05"].setCheckState(0, Qt.CheckState.Checked)  # a new award criterion for lot 2 only
    page.items["BKL-C-01"].setCheckState(0, Qt.CheckState.Unchecked)  # no lot uses it any more
    t = wizard.tender
    assert t.lots[1].criterion_ids() == ["BKL-G-02", "BKL-G-05"]
    assert t.lots[0].criterion_ids() == ["BKL-M-01", "BKL-G-01", "BKL-G-02"]
    assert "BKL-G-05" in t.criterion_ids() and "BKL-C-01" not in t.criterion_ids()

    choose(selector.combo, "alle percelen")
    page.items["BKL-M-02"].setCheckState(0, Qt.CheckState.Checked)  # for all lots at once
    assert all("BKL-M-02" in lot.criterion_ids() for lot in t.lots)
    page.items["BKL-G-01"].setCheckState(0, Qt.CheckState.Unchecked)
    assert all("BKL-G-01" not in lot.criterion_ids() for lot in t.lots)

    choose(selector.combo, "1. Kleding")
    choose(selector.target, "2. Reiniging")
    qtbot.mouseClick(selector.copy_button, Qt.MouseButton.LeftButton)
    assert t.lots[1].criterion_ids() == t.lots[0].criterion_ids() == ["BKL-M-01", "BKL-M-02", "BKL-G-02"]
    assert t.lots[1].price_weight == 40
    t.lots[0].criteria[2].weight = 11
    assert t.lots[1].criteria[2].weight == 35, "a copy, not the same objects"

    data = save_and_read(qtbot, wizard, path, monkeypatch)
    assert [c["id"] for c in data["lots"][1]["criteria"]] == ["BKL-M-01", "BKL-M-02", "BKL-G-02"]
    assert load_tender(path).lots[1].criterion_ids() == ["BKL-M-01", "BKL-M-02", "BKL-G-02"]  # reopens


def test_weights_price_weight_and_price_rule_per_lot_with_a_running_total(qtbot, opened, monkeypatch):
    from ui.wizard.base import PageId

    wizard, path = opened
    wizard.go_to(PageId.WEIGHTS)
    page = wizard.pages[PageId.WEIGHTS]
    assert page.lot_selector.combo.currentText() == "1. Kleding"
    assert not page.fixed_check.isVisible()  # a fixed price is the whole tender's choice
    assert page.price_spin.value() == 40 and set(page.spins) == {"BKL-G-01", "BKL-G-02"}
    assert page.total.text().startswith("perceel 1: Totaal: 100%")
    page.spins["BKL-G-01"].setFocus()
    QTest.keyClick(page.spins["BKL-G-01"], Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(page.spins["BKL-G-01"], "20")
    assert wizard.tender.lots[0].criteria[1].weight == 20
    assert wizard.tender.entry("BKL-G-01").weight == 30, "the tender-wide weight is not the lot's"
    assert "95%" in page.total.text() and "moet 100% zijn" in page.total.text()
    assert "Perceel 1, Prijsweging: de wegingen" in page.advice.toPlainText()  # the lot named once

    choose(page.lot_selector.combo, "2. Reiniging")
    assert wizard.current_lot == "2"
    assert page.price_spin.value() == 50 and set(page.spins) == {"BKL-G-02"}
    assert page.total.text().startswith("perceel 2: Totaal: 100%")
    choose(page.rule_combo, "Bandbreedte")
    assert page.band_spin.isVisible()
    assert "bandbreedte" in page.advice.toPlainText().lower()  # no percentage yet
    page.band_spin.setFocus()
    QTest.keyClick(page.band_spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(page.band_spin, "40")
    lot = wizard.tender.lots[1]
    assert (lot.price_rule, lot.price_band_percent) == ("bandbreedte", 40)
    assert wizard.tender.price_rule == "relatief-laagste"

    qtbot.mouseClick(page.spread_button, Qt.MouseButton.LeftButton)  # Verdelen volgens advies, for lot 2
    assert page.total_weight() == 100

    data = save_and_read(qtbot, wizard, path, monkeypatch)
    assert data["lots"][0]["criteria"][1] == {"id": "BKL-G-01", "weight": 20}
    assert data["lots"][1]["price_rule"] == "bandbreedte" and data["lots"][1]["price_band_percent"] == 40


def test_a_finding_on_a_lots_weight_opens_the_weights_of_that_lot(qtbot, opened):
    from ui.wizard.base import PageId

    wizard, _path = opened
    wizard.show_place("lots[2].criteria[BKL-G-02].weight")
    page = wizard.pages[PageId.WEIGHTS]
    assert wizard.currentId() == PageId.WEIGHTS and page.lot_selector.lot_id() == "2"
    assert page.spins["BKL-G-02"].hasFocus()
    wizard.show_place("lots[1].title")
    assert wizard.currentId() == PageId.BASICS


def test_a_tender_without_lots_shows_no_lot_selector(app, qtbot, library, tmp_path):
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    tender = workwear()
    tender.lots = []
    wizard = TenderWizard(library, AppSettings(tmp_path), None, tender)
    qtbot.addWidget(wizard)
    wizard.show()
    for page_id in (PageId.CRITERIA, PageId.WEIGHTS):
        wizard.go_to(page_id)
        assert not wizard.pages[page_id].lot_selector.isVisible()
    assert wizard.pages[PageId.WEIGHTS].total.text().startswith("Totaal: ")
    wizard.dirty = False


def test_reading_the_saved_file_back(tmp_path: Path):
    """The fixture itself is a valid version 3 tender (so the tests above start from a file that opens)."""
    path = tmp_path / "k.tender.json"
    save_tender(workwear(), path)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 3
    assert load_tender(path) == workwear()
