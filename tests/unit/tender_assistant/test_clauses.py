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


def test_gap_and_findings_use_the_placeholders_label_not_its_name(fake_lib, tender):
    """A buyer never reads {{reparatie_dagen}}: the document's gap and the check name the placeholder by its label."""
    from dataclasses import replace

    from criteria_library.models import PlaceholderMeta
    from tender_assistant.checks import check_tender

    c = fake_lib.criterion("BED-M-02")
    labelled = replace(c, placeholder_meta={"reparatie_dagen": PlaceholderMeta(label="Reparatietermijn", unit="dagen")})
    del tender.values["reparatie_dagen"]
    assert "[Reparatietermijn: in te vullen]" in fill_clause(tender, labelled).text
    fake_lib._criteria["BED-M-02"] = labelled
    texts = [f.text() for f in check_tender(tender, fake_lib) if f.code == "placeholder-missing"]
    assert texts and all("Reparatietermijn" in t and "reparatie_dagen" not in t and "{{" not in t for t in texts)


def test_a_joint_tender_names_the_defined_term_not_the_penvoerder(fake_lib):
    """Issue 20: clauses named "Gemeente Purmerend" as the one party for five municipalities."""
    from tests.unit.tender_assistant.test_tender_parts import joint_workwear

    tender = joint_workwear()
    filled = fill_clause(tender, fake_lib.criterion("BED-C-01")).text
    assert "kleding van Opdrachtgever kosteloos" in filled and "Purmerend" not in filled
    tender.participants = []  # one authority: its own name, as before
    assert "kleding van Gemeente Purmerend kosteloos" in fill_clause(tender, fake_lib.criterion("BED-C-01")).text


def test_the_term_placeholder_states_the_options_as_every_document_does(fake_lib):
    from tests.unit.tender_assistant.test_tender_parts import joint_workwear

    tender = joint_workwear()
    filled = fill_clause(tender, fake_lib.criterion("BED-C-01")).text
    assert filled.startswith("De opdrachtnemer neemt gedurende de looptijd van 36 maanden, twee keer 12 maanden "
                             "verlenging, ten hoogste 60 maanden, alle afgedankte kleding")
    tender.extension_options_months = []
    assert "looptijd van 36 maanden alle afgedankte" in fill_clause(tender, fake_lib.criterion("BED-C-01")).text


def test_an_amount_typed_as_bare_digits_prints_the_dutch_way_and_a_code_stays_as_typed(fake_lib, tender):
    """Found by the exploratory run: 'berekend met hetzelfde rekenmodel: 180000 euro' beside '€ 180.000' on one page."""
    import dataclasses

    from criteria_library.models import PlaceholderMeta

    c = dataclasses.replace(fake_lib.criterion("BED-C-02"), clause="Plafond {{plafond}} euro; kenmerk {{kenmerk}}.",
                            placeholders={"plafond": "400.000", "kenmerk": ""},
                            placeholder_meta={"plafond": PlaceholderMeta(unit="euro")})
    tender.values.update({"plafond": "180000", "kenmerk": "12345678"})
    assert fill_clause(tender, c).text == "Plafond 180.000 euro; kenmerk 12345678."
