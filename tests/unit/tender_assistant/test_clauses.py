"""Filling placeholders: tender fields, buyer's values, criterion defaults, visible gaps."""

from __future__ import annotations

from tender_assistant.clauses import Source, fill_clause


def test_organisation_and_term_come_from_the_tender(fake_lib, tender):
    c = fake_lib.criterion("BED-C-01")
    filled = fill_clause(tender, c)
    assert filled.text == ("De opdrachtnemer neemt gedurende de looptijd van 48 maanden alle afgedankte kleding van "
                           "Gemeente Zaanstad kosteloos terug.")
    assert not filled.missing and not filled.defaults


def test_buyer_value_beats_default_and_default_is_marked(fake_lib, tender):
    c = fake_lib.criterion("BED-M-01")
    assert fill_clause(tender, c).defaults == {"percentage_recycled": "20"}
    tender.values["percentage_recycled"] = "35"
    filled = fill_clause(tender, c)
    assert "35%" in filled.text and not filled.defaults
    assert ("35", Source.VALUE) in filled.segments


def test_missing_value_leaves_a_visible_gap(fake_lib, tender):
    del tender.values["reparatie_dagen"]
    filled = fill_clause(tender, fake_lib.criterion("BED-M-02"))
    assert filled.missing == ["reparatie_dagen"]
    assert "[reparatie dagen: in te vullen]" in filled.text


def test_edited_clause_replaces_the_library_text(fake_lib, tender):
    tender.entry("BED-C-02").text = "Elk kwartaal rapporteert de opdrachtnemer aan {{opdrachtgever}}."
    assert fill_clause(tender, fake_lib.criterion("BED-C-02")).text == (
        "Elk kwartaal rapporteert de opdrachtnemer aan Gemeente Zaanstad.")
