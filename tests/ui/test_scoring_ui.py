"""Wizard scoring controls and the 'Simuleer beoordeling' dialog, driven by pressing the buttons."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.e2e.test_simulate import PACK

pytestmark = pytest.mark.gui


@pytest.fixture
def scoring_library(tmp_path):
    from criteria_library.pack_import import apply_import, plan_import
    from criteria_library.pack_reading import pack_from_dict
    from criteria_library.store import LibraryStore

    pack = copy.deepcopy(PACK)
    korting = pack["criteria"][2]
    korting["clause"] = "De inschrijver biedt {{garantie_jaren}} jaar garantie."
    korting["placeholders"] = {"garantie_jaren": {"default": "3", "label": "Garantietermijn", "unit": "jaar",
                                                  "min": 1, "max": 10}}
    store = LibraryStore.open(tmp_path / "scoring.db")
    apply_import(store, plan_import(store, pack_from_dict(pack), trusted=True), backup=False)
    yield store
    store.close()


@pytest.fixture
def wizard(app, qtbot, scoring_library):
    from tender_assistant.tender import Tender, TenderCriterion
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard

    tender = Tender(title="Kleding", organisation="Gemeente Delft", package="bedrijfskleding", price_weight=40,
                    estimated_value_eur=500_000,
                    criteria=[TenderCriterion("BED-G-01", 30), TenderCriterion("BED-G-02", 30),
                              TenderCriterion("BED-G-03")])
    w = TenderWizard(scoring_library, AppSettings(), None, tender)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.dirty = False


def weights_page(wizard):
    from ui.wizard.base import PageId

    wizard.go_to(PageId.WEIGHTS)
    return wizard.pages[PageId.WEIGHTS]


def test_korting_is_shown_without_weight_and_spread_stays_in_range(wizard, qtbot):
    page = weights_page(wizard)
    assert set(page.spins) == {"BED-G-01", "BED-G-02"}
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text().startswith("BED-G-03"))
    assert page.table.item(row, 1).text() == "fictieve korting, geen weging"
    page.show()
    metrics = page.table.fontMetrics()
    assert page.table.columnWidth(1) >= metrics.horizontalAdvance("fictieve korting, geen weging")  # not 'fictieve ...'
    assert page.budget_label.buddy() is page.budget_spin and not page.budget_label.isEnabled()
    page.price_spin.setValue(10)  # leaves 90: more than the ranges (2 x 40) can take
    qtbot.mouseClick(page.spread_button, Qt.MouseButton.LeftButton)
    t = wizard.tender
    assert (t.price_weight, t.entry("BED-G-01").weight, t.entry("BED-G-02").weight) == (20, 40, 40)
    assert "weight-range" not in page.advice.toPlainText() and "100%" in page.total.text()


def test_price_rule_and_fixed_price(wizard, qtbot):
    page = weights_page(wizard)
    page.rule_combo.setCurrentIndex(page.rule_combo.findData("lineair"))
    assert wizard.tender.price_rule == "lineair"
    qtbot.mouseClick(page.fixed_check, Qt.MouseButton.LeftButton)
    t = wizard.tender
    assert t.price_weight == 0 and t.fixed_budget_eur == 500_000 and not page.price_spin.isEnabled()
    page.budget_spin.setValue(420_000)
    assert t.fixed_budget_eur == 420_000


def test_simulator_ranks_and_follows_weights_live(wizard, qtbot, tmp_path):
    page = weights_page(wizard)
    qtbot.mouseClick(page.simulate_button, Qt.MouseButton.LeftButton)
    from tender_assistant.scoring import Bid

    dialog = page.simulator
    assert dialog.isVisible() and dialog.ranking.rowCount() == 2  # two example bids to start from
    dialog.set_bids([Bid("Inschrijver A", 100_000, {"BED-G-01": 1, "BED-G-02": 20, "BED-G-03": 0}),
                     Bid("Inschrijver B", 115_000, {"BED-G-01": 9, "BED-G-02": 60, "BED-G-03": 0})])
    first = [b.bidder for b in dialog.ranked]
    before = {b.bidder: b.total for b in dialog.ranked}
    assert dialog.chart.ranked == dialog.ranked and len(dialog.chart.parts) == 3  # price + two weighted criteria
    # a 90 % price weight: the cheap bid wins, whatever its circular score
    page.price_spin.setValue(90)
    page.spins["BED-G-01"].setValue(5)
    page.spins["BED-G-02"].setValue(5)
    after = {b.bidder: b.total for b in dialog.ranked}
    assert after != before and dialog.ranked[0].bidder == "Inschrijver A" and first[0] == "Inschrijver B"
    # typing a value re-ranks at once; a bad value is named, not a crash
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.bids.rowCount() == 3 and dialog.ranking.rowCount() == 3
    dialog.bids.item(2, 1).setText("veel")
    assert "rij 3" in dialog.message.text() and "geen getal" in dialog.message.text()
    dialog.bids.item(2, 1).setText("1000")
    assert dialog.ranked[0].bidder == "Inschrijver 3"
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.bids.rowCount() == 2
    # loading a bids file replaces the table
    bids = tmp_path / "bids.csv"
    bids.write_text("inschrijver;prijs;BED-G-01;BED-G-02;BED-G-03\nX;100;5;30;0\nY;90;5;30;0\nZ;95;9;50;5\n",
                    encoding="utf-8")
    assert dialog.load(bids) and dialog.bids.rowCount() == 3
    dialog.chart.grab()  # paints without errors


def test_simulator_load_of_a_bad_file_shows_a_dialog_and_keeps_the_bids(wizard, qtbot, tmp_path, answers):
    page = weights_page(wizard)
    qtbot.mouseClick(page.simulate_button, Qt.MouseButton.LeftButton)
    bad = tmp_path / "bad.csv"
    bad.write_text("inschrijver;prijs\nX;100\n", encoding="utf-8")
    assert not page.simulator.load(bad)
    assert page.simulator.bids.rowCount() == 2 and any("kolom BED-G-01" in text for _, text in answers.seen)


def test_clause_page_shows_label_and_unit_and_refuses_out_of_range(wizard):
    from ui.wizard.base import PageId

    wizard.go_to(PageId.CLAUSES)
    page = wizard.pages[PageId.CLAUSES]
    row = next(i for i in range(page.list.count()) if page.list.item(i).data(Qt.ItemDataRole.UserRole) == "BED-G-03")
    page.list.setCurrentRow(row)
    label = page.values_form.labelForField(page.value_edits["garantie_jaren"]).text()
    assert label == "Garantietermijn (jaar):"
    assert page.value_edits["garantie_jaren"].accessibleName() == "Garantietermijn"  # a screen reader hears the label
    page.value_edits["garantie_jaren"].setText("12")
    page.set_value("garantie_jaren", "12")
    assert wizard.tender.value_for("BED-G-03", "garantie_jaren") is None
    assert page.value_problem.isVisibleTo(page) and "maximum 10" in page.value_problem.text()
    assert page.value_problem.text().startswith("Garantietermijn: ")
    page._value_finished("garantie_jaren")
    assert page.value_edits["garantie_jaren"].text() == ""
    page.set_value("garantie_jaren", "6")
    assert wizard.tender.entry("BED-G-03").values == {"garantie_jaren": "6"} and not page.value_problem.isVisibleTo(page)


def test_a_refused_value_moves_no_field_on_the_clause_page(wizard, qtbot):
    """Typing '12' (above the maximum of 10) shows why, without pushing the text boxes down under the mouse."""
    from PySide6.QtTest import QTest

    from ui.wizard.base import PageId

    wizard.go_to(PageId.CLAUSES)
    page = wizard.pages[PageId.CLAUSES]
    row = next(i for i in range(page.list.count()) if page.list.item(i).data(Qt.ItemDataRole.UserRole) == "BED-G-03")
    page.list.setCurrentRow(row)
    edit = page.value_edits["garantie_jaren"]
    watched = [edit, page.text_edit, page.preview, page.restore_button]

    def places() -> list:
        return [(w.mapTo(wizard, w.rect().topLeft()), w.size()) for w in watched]

    qtbot.waitExposed(wizard)
    before = places()
    edit.setFocus()
    for key in "12":
        QTest.keyClicks(edit, key)
        QApplication.processEvents()
        assert places() == before, f"a field moved after typing {key!r}"
    assert page.value_problem.isVisibleTo(page) and "maximum 10" in page.value_problem.text()
    assert edit.property("invalid") is True
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    QApplication.processEvents()
    assert places() == before and edit.property("invalid") is False


def test_wizard_draft_with_three_scoring_types_exports_the_award_chapter(wizard, tmp_path, operations):
    from docx import Document

    from ui.wizard.base import PageId

    wizard.go_to(PageId.EXPORT)
    export = wizard.pages[PageId.EXPORT]
    out = tmp_path / "kleding.docx"
    export.out_edit.setText(str(out))
    export.concept.setChecked(True)
    export.export()
    operations.wait()
    assert export.exported == out
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "punten x weging" in text and "Prijsscore = laagste beoordelingsprijs" in text
    assert "fictieve korting: per aangeboden jaar" in text and "Rekenvoorbeeld" in text
    assert "Totaalscore" in cells and "Beoordelingsprijs" in cells


def test_simulator_scores_the_lot_chosen_by_keyboard(app, qtbot, scoring_library):
    from criteria_library.models import Kind
    from tender_assistant.tender import Tender, TenderCriterion
    from tender_assistant.tender_parts import Lot, LotCriterion
    from ui.simulator_dialog import SimulatorDialog

    tender = Tender(title="Kleding", package="bedrijfskleding", price_weight=40,
                    criteria=[TenderCriterion("BED-G-01", 30), TenderCriterion("BED-G-02", 30),
                              TenderCriterion("BED-G-03")],
                    lots=[Lot("1", "Kleding", price_weight=40, criteria=[LotCriterion("BED-G-01", 30),
                                                                         LotCriterion("BED-G-02", 30)]),
                          Lot("2", "Herstel", price_weight=60, criteria=[LotCriterion("BED-G-01", 40)])])
    award = [c for c in scoring_library.criteria_by_ids(tender.criterion_ids()).values() if c.kind == Kind.AWARD]
    dialog = SimulatorDialog(tender, award)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.lot_box.isVisible() and dialog.bids.columnCount() == 4  # bidder, price, BED-G-01, BED-G-02
    dialog.lot_box.setFocus()
    qtbot.keyClick(dialog.lot_box, Qt.Key.Key_Down)
    assert dialog.lot_id() == "2" and dialog.bids.columnCount() == 3  # lot 2 scores BED-G-01 only
    assert dialog.setup().price_weight == 60 and dialog.ranking.rowCount() == 2
    assert sorted(c.weight for c in dialog.setup().weighted) == [40]


def test_simulator_from_the_weights_page_names_the_lot_and_follows_its_weights(app, qtbot, scoring_library):
    """The simulator opened on lot 2 said nothing of a lot (finding K7): no selector, a title without the lot."""
    from tender_assistant.tender import Tender, TenderCriterion
    from tender_assistant.tender_parts import Lot, LotCriterion
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard

    tender = Tender(title="Kleding", organisation="Gemeente Delft", package="bedrijfskleding", price_weight=40,
                    estimated_value_eur=500_000,
                    criteria=[TenderCriterion("BED-G-01", 30), TenderCriterion("BED-G-02", 30)],
                    lots=[Lot("1", "Kleding", estimated_value_eur=300_000, price_weight=40,
                              criteria=[LotCriterion("BED-G-01", 30), LotCriterion("BED-G-02", 30)]),
                          Lot("2", "Herstel", estimated_value_eur=200_000, price_weight=60,
                              criteria=[LotCriterion("BED-G-01", 40)])])
    wizard = TenderWizard(scoring_library, AppSettings(), None, tender)
    qtbot.addWidget(wizard)
    wizard.show()
    page = weights_page(wizard)
    page.lot_selector.setFocus()
    page.lot_selector.combo.setCurrentIndex(page.lot_selector.combo.findData("2"))
    qtbot.mouseClick(page.simulate_button, Qt.MouseButton.LeftButton)
    dialog = page.simulator
    assert "perceel 2: Herstel" in dialog.windowTitle()
    assert dialog.lot_box.isVisible() and dialog.lot_box.currentText() == "2: Herstel"
    assert dialog.setup().price_weight == 60
    page.price_spin.setValue(50)
    assert dialog.setup().price_weight == 50  # the lot's weight as it is now
    wizard.dirty = False


def _mki_simulator(qtbot, library, values: dict[str, str]):
    """The simulator for a tender scoring BED-G-01 by points and BED-G-04 (MKI in euros) with the buyer's values."""
    from criteria_library.models import Kind
    from tender_assistant.tender import Tender, TenderCriterion
    from ui.simulator_dialog import SimulatorDialog

    tender = Tender(title="Kleding", package="bedrijfskleding", price_weight=60,
                    criteria=[TenderCriterion("BED-G-01", 40), TenderCriterion("BED-G-04", values=values)])
    award = [c for c in library.criteria_by_ids(tender.criterion_ids()).values() if c.kind == Kind.AWARD]
    dialog = SimulatorDialog(tender, award)
    qtbot.addWidget(dialog)
    return tender, dialog


def test_simulator_with_an_mki_in_euros_names_the_plafond_and_prices_its_examples_plausibly(app, qtbot,
                                                                                           scoring_library):
    """An MKI column holds the offered MKI in euros, under the buyer's plafond; the example bids cost ten times the
    cap (not 100.000, which a 240.000 korting would bring to 0) and the buyer's factor 3 is the one applied."""
    _tender, dialog = _mki_simulator(qtbot, scoring_library, {"mki_waarderingsfactor": "3"})
    dialog.show()
    header = dialog.bids.horizontalHeaderItem(3).text()
    assert header.startswith("BED-G-04") and "plafond € 400.000" in header
    by = {b.bidder: b for b in dialog.ranked}
    assert by["Inschrijver A"].price == 2_400_000 and by["Inschrijver A"].evaluation_price == 2_340_000  # 20.000 x 3
    assert by["Inschrijver B"].evaluation_price == 2_592_000 - 240_000  # 80.000 x 3 = 240.000, the cap
    dialog.bids.item(1, 3).setText("410.000")  # typed the Dutch way: an amount above the plafond
    assert "Ongeldig, niet gerangschikt: Inschrijver B (rij 2, kolom BED-G-04: de aanbieding 410.000 ligt boven " \
           "het plafond 400.000" in dialog.message.text()


def test_simulator_ranks_a_bid_above_the_plafond_invalid_as_the_command_line_does(app, qtbot, scoring_library,
                                                                                  tmp_path, capsys):
    """Finding m3: the window and `tender simulate` must agree: the bid above the plafond is 'ongeldig' (with its
    row, column and plafond), the others are ranked; before, the window showed only the error and no ranking."""
    from tender_assistant.tender import save_tender
    from tests.e2e.conftest import run

    bids = tmp_path / "bids.csv"
    bids.write_text("inschrijver;prijs;BED-G-01;BED-G-04\nA;2.400.000;6;390.000\nC;2.000.000;6;410.000\n"
                    "B;2.500.000;6;300.000\n", encoding="utf-8")
    tender, dialog = _mki_simulator(qtbot, scoring_library, {"mki_waarderingsfactor": "3"})
    dialog.show()
    assert dialog.load(bids)
    table = [[dialog.ranking.item(r, c).text() for c in range(4)] for r in range(dialog.ranking.rowCount())]
    assert [row[:2] for row in table] == [["1", "B"], ["2", "A"], ["ongeldig", "C"]]
    assert "rij 2, kolom BED-G-04" in dialog.ranking.item(2, 0).toolTip()  # the table's row 2 is the file's row 3
    assert "Ongeldig, niet gerangschikt: C" in dialog.message.text()
    save_tender(tender, tmp_path / "t.tender.json")
    code, out, err = run(capsys, "--db", str(scoring_library.path), "tender", "simulate",
                         str(tmp_path / "t.tender.json"), str(bids))
    assert code == 0, err
    cli = [line.split() for line in out.splitlines()[2:5]]
    assert [[row[0], row[1], row[-1]] for row in cli] == [[row[0], row[1], row[3]] for row in table]


def test_simulator_header_names_the_buyers_plafond_not_the_packs(app, qtbot, scoring_library):
    """Found by the exploratory run: the header said 'plafond € 400.000' (the pack's) while the buyer's 180.000 was
    the one applied."""
    _tender, dialog = _mki_simulator(qtbot, scoring_library, {"mki_plafond": "180.000"})
    header = dialog.bids.horizontalHeaderItem(3).text()
    assert "plafond € 180.000" in header and "400.000" not in header


def test_simulator_header_shows_the_published_points_scale(app, qtbot, library):
    """Found by the exploratory run: a scale of 10, 7, 4 and 0 was headed 'punten 0-10', inviting points the scoring
    then refuses; the header lists the points the committee may give."""
    from criteria_library.models import Kind
    from tender_assistant.tender import Tender, TenderCriterion
    from ui.simulator_dialog import SimulatorDialog

    tender = Tender(title="Brug", package="gww", price_weight=80, criteria=[TenderCriterion("GWW-G-05", 20)])
    award = [c for c in library.criteria_by_ids(tender.criterion_ids()).values() if c.kind == Kind.AWARD]
    dialog = SimulatorDialog(tender, award)
    qtbot.addWidget(dialog)
    assert dialog.bids.horizontalHeaderItem(2).text() == "GWW-G-05\npunten: 10, 7, 4, 0"
    assert "Inschrijving" not in dialog.message.text()  # the example bids give points on the scale
