"""Hostile tender files: wrong types, absurd sizes and numbers give a Dutch message with the field's label, never a
crash; whatever a tender file holds, loading it gives a Tender or a TenderError; an accepted one saves and loads
back the same (property-based)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tender_assistant.errors import TenderError
from tender_assistant.tender import load_tender, save_tender, tender_from_dict, tender_to_dict


def _valid(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "tender-assistant.tender", "version": 1, "title": "Kantoorstoelen", "organisation": "Gemeente X",
        "description": "Levering van stoelen", "package": "meubilair", "cpv": ["39130000-2"],
        "procedure": "europees-openbaar", "estimated_value_eur": 600000, "contract_term_months": 48,
        "ambition_level": 2, "price_weight": 40, "criteria": [{"id": "MEU-G-01", "weight": 60}],
        "values": {"garantie_jaren": "5"},
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(("changes", "expected"), [
    ({"title": ["Stoelen"]}, "titel (title): moet tekst zijn, niet (een lijst)"),
    ({"description": {"nl": "x"}}, "omschrijving (description): moet tekst zijn"),
    ({"organisation": 12}, "organisatie (organisation): moet tekst zijn"),
    ({"procedure": ["europees-openbaar"]}, "procedure: onbekende procedure"),
    ({"procedure": {"a": 1}}, "procedure: onbekende procedure"),
    ({"authority": ["centraal"]}, "soort aanbestedende dienst (authority)"),
    ({"price_rule": {"x": 1}}, "prijsregel (price_rule): onbekende prijsregel"),
    ({"regime": [1]}, "regime: onbekend regime"),
    ({"main_object": ["werken"]}, "hoofdvoorwerp (main_object)"),
    ({"publication_date": ["2026-01-01"]}, "publicatiedatum (publication_date)"),
    ({"estimated_value_eur": 10**400}, "geraamde waarde (estimated_value_eur): moet een bedrag"),
    ({"fixed_budget_eur": 10**400}, "vast budget (fixed_budget_eur)"),
    ({"cpv": "39130000-2"}, "CPV-codes (cpv): moet een lijst"),
    ({"values": {"dagen": 10**400}}, "invulwaarden (values.dagen): getal is te groot"),
    ({"values": {"dagen": ["5"]}}, "invulwaarden (values.dagen): moet tekst of een getal zijn"),
    ({"criteria": [{"id": "MEU-G-01", "text": ["x"]}]}, "criterium 1: eigen tekst (criteria[0].text): moet tekst zijn"),
    ({"criteria": [{"id": "MEU-G-01", "version": 2**70}]}, "criterium 1: bibliotheekversie (criteria[0].version)"),
    ({"criteria": [{"id": "M" * 5000}]}, "criterium 1: code (criteria[0].id)"),
    ({"description": "x" * 10_000_000}, "omschrijving (description): is te lang (10000000 tekens); maximaal 50000"),
    ({"criteria": [{"id": "MEU-G-01", "text": "y" * 60_000}]}, "criteria[0].text): is te lang (60000 tekens)"),
    ({"values": {"dagen": "5" * 5000}}, "invulwaarden (values.dagen): is te lang"),
])
def test_wrong_type_or_size_gets_the_dutch_label(changes, expected) -> None:
    with pytest.raises(TenderError) as info:
        tender_from_dict(_valid(**changes))
    text = str(info.value)
    assert expected in text, text
    assert len(text) < 1000  # a huge value is never echoed


@pytest.mark.parametrize(("raw", "expected"), [
    ('{"format": "tender-assistant.tender", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "te diep genest"),
    ('{"format": "tender-assistant.tender", "version": ' + "9" * 5000 + "}", "te veel cijfers"),
])
def test_unreadable_json_gets_a_clear_message(tmp_path, raw, expected) -> None:
    path = tmp_path / "vreemd.tender.json"
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(TenderError, match=expected):
        load_tender(path)


def test_a_long_but_allowed_description_writes_a_document_that_reopens(tmp_path) -> None:
    import docx

    from tender_assistant.documents.export import export_tender
    from tests.unit.tender_assistant.fake_library import FakeLibrary

    tender = tender_from_dict(_valid(description="Stoelen. " * 5000, criteria=[]))  # 45,000 characters
    out = tmp_path / "lang.docx"
    export_tender(tender, FakeLibrary(), out)
    assert "Stoelen. Stoelen." in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)


# ------------------------------------------------------------------ properties
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**80), 2**80) | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
KEYS = ["title", "organisation", "description", "package", "cpv", "procedure", "estimated_value_eur",
        "contract_term_months", "ambition_level", "price_weight", "criteria", "values", "authority", "price_rule",
        "fixed_budget_eur", "publication_date", "regime", "main_object", "version"]
criterion_items = st.fixed_dictionaries({"id": st.text(min_size=1, max_size=12)}, optional={
    "weight": json_values, "text": json_values, "version": json_values, "values": json_values})
PROPERTY_SETTINGS = settings(max_examples=int(os.environ.get("TENDER_EXAMPLES", "150")), deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(st.dictionaries(st.sampled_from(KEYS), json_values | st.lists(criterion_items, max_size=3), max_size=5))
def test_any_tender_file_loads_or_gives_a_clear_error_and_round_trips(changes: dict[str, Any]) -> None:
    sys.set_int_max_str_digits(0)
    try:
        text = json.dumps(_valid(**changes))  # NaN and Infinity as a file could hold them
    finally:
        sys.set_int_max_str_digits(4300)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.tender.json"
        path.write_text(text, encoding="utf-8")
        try:
            tender = load_tender(path)
        except TenderError as exc:
            assert str(exc) and "\n" not in str(exc).split(": ", 1)[0]
            return
        save_tender(tender, path)
        again = load_tender(path)
        assert tender_to_dict(again) == tender_to_dict(tender)


# Lengths on both sides of every limit of the file (names 200, ids 20/40, values 1,000, texts 50,000).
_lengths = st.sampled_from([0, 1, 20, 21, 40, 41, 200, 201, 1_000, 1_001, 50_000, 50_001])
_texts = st.builds(lambda n, c: c * n, _lengths, st.sampled_from(["a", "é", " b"]))


@st.composite
def _tenders_as_the_app_builds_them(draw: st.DrawFn) -> Any:
    from tender_assistant.tender import Tender, TenderCriterion
    from tender_assistant.tender_parts import Lot, LotCriterion, Participant

    criteria = [TenderCriterion("MEU-G-01", 60, draw(_texts), values={"garantie": draw(_texts)})]
    return Tender(
        title=draw(_texts) or "x", organisation=draw(_texts), description=draw(_texts), package=draw(_texts),
        criteria=criteria, values={"leveradres": draw(_texts)},
        participants=[Participant(draw(_texts) or "Gemeente A", "penvoerder", identifier=draw(_texts))],
        mandate_reference=draw(_texts),
        lots=[Lot(draw(_texts) or "1", draw(_texts), draw(_texts), criteria=[LotCriterion("MEU-G-01", 60)])],
        lots_reason=draw(_texts), term_reason=draw(_texts), lowest_price_reason=draw(_texts),
        purchase_conditions=draw(_texts), optional_exclusion_grounds=[draw(_texts) or "g"],
    )


@settings(max_examples=int(os.environ.get("TENDER_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(_tenders_as_the_app_builds_them())
def test_a_file_the_app_writes_always_opens_again(tender: Any) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.tender.json"
        path.write_text("eerder", encoding="utf-8")
        try:
            save_tender(tender, path)
        except TenderError as exc:
            assert "is te lang" in str(exc) or "verplicht" in str(exc), str(exc)[:300]
            assert path.read_text(encoding="utf-8") == "eerder"  # nothing written
            return
        again = load_tender(path)  # the point: no TenderError
        save_tender(again, path)
        assert tender_to_dict(load_tender(path)) == tender_to_dict(again)
