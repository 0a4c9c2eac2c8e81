"""Loading, validating and saving .tender.json files."""

from __future__ import annotations

import json
import os

import pytest

from tender_assistant.errors import TenderError
from tender_assistant.tender import load_tender, save_tender, tender_from_dict, tender_to_dict


def test_save_and_load_round_trip_keeps_everything(tmp_path, tender):
    tender.criteria[3].text = "Eigen tekst voor {{opdrachtgever}}."
    path = tmp_path / "kleding.tender.json"
    save_tender(tender, path)
    assert load_tender(path) == tender
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "tender-assistant.tender" and data["version"] == 1
    assert "Zaanstad" in path.read_text(encoding="utf-8")  # readable UTF-8, not escaped


def test_broken_json_names_line_and_column(tmp_path):
    path = tmp_path / "kapot.tender.json"
    path.write_text('{"format": "tender-assistant.tender",\n "title": }', encoding="utf-8")
    with pytest.raises(TenderError) as info:
        load_tender(path)
    assert "regel 2" in str(info.value) and "kapot.tender.json" in str(info.value)


def test_every_problem_is_reported_with_its_field():
    data = {"format": "tender-assistant.tender", "version": 1, "title": "", "ambition_level": 7,
            "price_weight": 130, "procedure": "vrije keuze", "criteria": [{"id": "A-G-01", "weight": "veel"}]}
    with pytest.raises(TenderError) as info:
        tender_from_dict(data, "t.json")
    fields = [f for f, _ in info.value.problems]
    assert fields == ["title", "procedure", "ambition_level", "price_weight", "criteria[0].weight"]
    assert str(info.value).startswith("t.json: title:") and "nog 4 problemen" in str(info.value)
    assert "title" in info.value.text("en") and "required" in info.value.text("en")


def test_not_a_tender_file_and_newer_version_are_refused():
    with pytest.raises(TenderError, match="geen aanbestedingsbestand"):
        tender_from_dict({"format": "tender-assistant.library", "version": 1})
    with pytest.raises(TenderError, match="nieuwer"):
        tender_from_dict({"format": "tender-assistant.tender", "version": 9, "title": "x"})


def test_duplicate_criterion_is_refused():
    data = {"format": "tender-assistant.tender", "version": 1, "title": "x",
            "criteria": [{"id": "BED-M-01"}, {"id": "BED-M-01"}]}
    with pytest.raises(TenderError, match="twee keer"):
        tender_from_dict(data)


def test_missing_file_and_folder_give_dutch_messages(tmp_path):
    with pytest.raises(TenderError, match="bestaat niet"):
        load_tender(tmp_path / "nee.tender.json")
    with pytest.raises(TenderError, match="map"):
        load_tender(tmp_path)


def test_failed_save_leaves_the_old_file_and_no_temp_file(tmp_path, tender, monkeypatch):
    path = tmp_path / "t.tender.json"
    save_tender(tender, path)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    tender.title = "Gewijzigd"
    with pytest.raises(TenderError, match="niets gewijzigd"):
        save_tender(tender, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.tender.json"]


def test_values_accept_numbers_and_keep_them_as_text():
    data = tender_to_dict(tender_from_dict({"format": "tender-assistant.tender", "version": 1, "title": "x",
                                            "values": {"garantie_jaren": 5, "pct": 12.5}}))
    assert data["values"] == {"garantie_jaren": "5", "pct": "12.5"}
