"""Trainer scenarios: each card opens its demo tender at its page; the exercises show what their cards say."""

from __future__ import annotations

import pytest

from criteria_library.store import LibraryStore
from tender_assistant import scoring
from tender_assistant.checks import check_tender
from tender_assistant.demo import demo_db_path, reset_demo
from tender_assistant.scenarios import CIRCULAR_FILE, SCENARIOS, WEIGHTS_FILE, scenario
from tender_assistant.tender import load_tender, save_tender

pytestmark = pytest.mark.gui


@pytest.fixture
def demo():
    workspace = reset_demo()
    store = LibraryStore.open(demo_db_path(workspace))
    yield workspace, store
    store.close()


def test_each_card_opens_its_tender_at_its_page(make_window, demo):
    from ui.wizard.base import PageId

    workspace, store = demo
    window = make_window(store, demo_workspace=workspace)
    packages = {"verkeersborden": "verkeersborden", "bedrijfskleding": "bedrijfskleding", "meubilair": "meubilair"}
    for s in SCENARIOS:
        wizard = window.open_scenario(s.key)
        assert wizard is not None, s.key
        assert wizard.currentId() == PageId[s.page.upper()], s.key
        assert wizard.path == workspace / s.file
        if s.key in packages:
            assert wizard.tender.package == packages[s.key]
            assert wizard.tender.criteria, "a case tender comes with suggested criteria"
        wizard.dirty = False
        wizard.close()


def test_weights_exercise_low_circular_weight_does_not_change_the_winner(demo):
    workspace, store = demo
    tender = load_tender(workspace / WEIGHTS_FILE)
    criteria = list(store.criteria_by_ids(tender.criterion_ids()).values())
    award = [c for c in criteria if str(c.kind) == "gunningscriterium"]
    assert len(award) == 1 and tender.entry(award[0].id).weight == 5 and tender.price_weight == 95

    def winner(price_weight: int, circular_weight: int) -> str:
        tender.price_weight = price_weight
        tender.entry(award[0].id).weight = circular_weight
        setup = scoring.setup_for(tender, criteria)
        return scoring.score_bids(setup, scoring.example_bids(setup))[0].bidder

    # the cheaper plain bid wins with or without the 5 % circular weight; a real weight lets the circular one win
    assert winner(95, 5) == winner(100, 0) == "Inschrijver A"
    assert winner(60, 40) == "Inschrijver B"
    assert "Simuleer beoordeling" in scenario("verdeel-de-weging").text


def test_circular_exercise_is_not_counted_and_says_why(demo):
    workspace, store = demo
    findings = check_tender(load_tender(workspace / CIRCULAR_FILE), store)
    codes = {f.code for f in findings}
    assert "circular-not-counted" in codes and "circular-counts" not in codes
    text = next(f for f in findings if f.code == "circular-not-counted").text("nl")
    assert "onder de grens van 5%" in text and "Kleinste wijziging" in text


def test_dialog_buttons_open_the_card_and_close(make_window, demo, monkeypatch, qtbot):
    from ui.scenario_dialog import ScenarioDialog
    from ui.wizard.base import PageId

    workspace, store = demo
    window = make_window(store, demo_workspace=workspace)
    dialog = ScenarioDialog(window)
    qtbot.addWidget(dialog)
    assert set(dialog.open_buttons) == {s.key for s in SCENARIOS}
    dialog.show()
    dialog.open_buttons["verdeel-de-weging"].click()
    assert dialog.chosen == "verdeel-de-weging" and not dialog.isVisible()

    # through the Demo menu's action: the dialog's "Openen" opens the tender in the wizard at its page
    def exec_and_press(self):
        self.open_buttons["telt-dit-als-circulair"].click()
        return int(self.result())

    monkeypatch.setattr(ScenarioDialog, "exec", exec_and_press)
    window.act_scenarios.trigger()
    wizard = window.wizards[-1]
    assert wizard.path == workspace / CIRCULAR_FILE and wizard.currentId() == PageId.REVIEW


def test_card_outside_the_demo_opens_the_demo_first(make_window, library, demo, monkeypatch):
    from ui.scenario_dialog import ScenarioDialog

    workspace, store = demo
    demo_window = make_window(store, demo_workspace=workspace)
    window = make_window(library, open_demo=lambda: demo_window)
    monkeypatch.setattr(ScenarioDialog, "exec", lambda self: self.choose("meubilair") or 1)
    window.act_scenarios.trigger()
    assert not window.wizards
    assert demo_window.wizards[-1].path == workspace / scenario("meubilair").file


def test_reset_restores_a_scenario_tender_a_trainee_changed(demo):
    workspace, store = demo
    path = workspace / WEIGHTS_FILE
    before = path.read_bytes()
    tender = load_tender(path)
    tender.price_weight = 50
    save_tender(tender, path)
    store.close()
    reset_demo()
    assert path.read_bytes() == before
    (workspace / CIRCULAR_FILE).unlink()
    from tender_assistant.scenarios import scenario_path

    assert scenario_path("telt-dit-als-circulair", workspace).exists()  # an older demo gets it on first use
