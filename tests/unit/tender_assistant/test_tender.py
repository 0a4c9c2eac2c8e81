"""Loading, validating and saving .tender.json files."""

from __future__ import annotations

import json
import os

import pytest

from tender_assistant.errors import TenderError
from tender_assistant.tender import field_label, load_tender, save_tender, tender_from_dict, tender_to_dict
from tender_assistant.tender_parts import Planning


def test_save_and_load_round_trip_keeps_everything(tmp_path, tender):
    tender.lots_reason = ""  # nothing of version 3 or 2 is used: the file stays version 1
    tender.planning, tender.publication_date, tender.purchase_conditions = Planning(), None, ""
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
    fields = [p.where for p in info.value.problems]
    assert fields == ["title", "procedure", "ambition_level", "price_weight", "criteria[0].weight"]
    assert str(info.value).startswith("t.json: titel (title):") and "nog 4 problemen" in str(info.value)
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
    assert data["values"] == {"garantie_jaren": "5", "pct": "12,5"}  # as the document shows it (item 18)


def _valid(**changes):
    data = {"format": "tender-assistant.tender", "version": 1, "title": "Meubilair", "cpv": ["39130000-2"],
            "criteria": [{"id": "MEU-G-01", "weight": 70}], "values": {}}
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "place"),
    [
        ({"description": "Levering\x0bvan stoelen"}, "description"),
        ({"title": "Stoelen\x00"}, "title"),
        ({"organisation": "Gemeente\x1bX"}, "organisation"),
        ({"values": {"dagen": "5\x0c"}}, "values.dagen"),
        ({"criteria": [{"id": "MEU-G-01", "weight": 70, "text": "Eigen\x08 tekst"}]}, "criteria[0].text"),
        ({"description": "half \ud800 surrogaat"}, "description"),
    ],
)
def test_control_characters_are_refused_with_their_place(changes, place):
    with pytest.raises(TenderError) as info:
        tender_from_dict(_valid(**changes))
    kind = "ongeldig Unicode-teken" if "surrogaat" in str(changes) else "onzichtbaar stuurteken"
    assert str(info.value).startswith(f"aanbesteding: {field_label(place)}: bevat een {kind}")


def test_tab_and_new_line_are_allowed():
    t = tender_from_dict(_valid(description="Regel 1\n\tRegel 2\r\n"))
    assert t.description == "Regel 1\n\tRegel 2\r\n"


@pytest.mark.parametrize("key", ["title", "organisation"])
def test_title_and_organisation_have_a_maximum_length(key):
    tender_from_dict(_valid(**{key: "x" * 200}))
    with pytest.raises(TenderError) as info:
        tender_from_dict(_valid(**{key: "x" * 300}))
    assert f"{field_label(key)}: is te lang (300 tekens); maximaal 200" in str(info.value)


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", "1e999", "1e30", "1000000000001"])
def test_estimated_value_must_be_a_finite_sane_amount(tmp_path, raw):
    path = tmp_path / "waarde.tender.json"
    path.write_text(json.dumps(_valid()).replace('"values": {}', f'"estimated_value_eur": {raw}, "values": {{}}'),
                    encoding="utf-8")
    with pytest.raises(TenderError) as info:
        load_tender(path)
    assert "geraamde waarde (estimated_value_eur): moet een bedrag in euro's zijn" in str(info.value)


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "1e999", "1e30", "36.5"])
def test_term_weights_and_values_refuse_non_finite_or_odd_numbers(tmp_path, raw):
    for template, place in [('"contract_term_months": {raw}', "contract_term_months"),
                            ('"price_weight": {raw}', "price_weight"),
                            ('"criteria": [{{"id": "MEU-G-01", "weight": {raw}}}]', "criteria[0].weight")]:
        path = tmp_path / "getal.tender.json"
        text = json.dumps({k: v for k, v in _valid().items() if k not in ("criteria",)})
        path.write_text(text[:-1] + ", " + template.format(raw=raw) + "}", encoding="utf-8")
        with pytest.raises(TenderError) as info:
            load_tender(path)
        assert f"({place}): " in str(info.value)
    if raw in ("NaN", "Infinity", "1e999"):
        path.write_text(json.dumps(_valid())[:-3] + f'{{"dagen": {raw}}}}}', encoding="utf-8")
        with pytest.raises(TenderError) as info:
            load_tender(path)
        assert "invulwaarden (values.dagen): moet tekst of een eindig getal zijn" in str(info.value)


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.tender.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(_valid()).encode("utf-8"))
    assert load_tender(path).title == "Meubilair"


def test_cpv_without_check_digit_is_completed_and_a_wrong_one_is_kept_for_the_check():
    t = tender_from_dict(_valid(cpv=["39130000", " 18100000-0 ", "39130000-3"]))
    assert t.cpv == ["39130000-2", "18100000-0", "39130000-3"]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "de CPV-code is leeg"),
        ("   ", "de CPV-code is leeg"),
        ("39130000-3", "39130000-3 heeft een verkeerd controlecijfer; bedoelt u 39130000-2?"),
        ("99999999", "99999999 is geen bestaande CPV-code"),
        ("3913-0000", '"3913-0000" is geen CPV-code'),
    ],
)
def test_parse_cpv_accepts_only_exact_codes(code, message):
    from tender_assistant.tender import parse_cpv

    assert parse_cpv("39130000") == parse_cpv("39130000-2") == "39130000-2"
    with pytest.raises(TenderError) as info:
        parse_cpv(code)
    assert str(info.value).startswith(message)


def test_save_refuses_a_title_that_load_would_refuse_and_writes_nothing(tmp_path, tender):
    path = tmp_path / "lang.tender.json"
    tender.title = "Bedrijfskleding " * 313  # 5,008 characters: a description pasted into the title
    with pytest.raises(TenderError) as info:
        save_tender(tender, path)
    assert "titel (title): is te lang (5007 tekens); maximaal 200" in str(info.value)
    assert "niet opgeslagen" in str(info.value).lower()
    assert list(tmp_path.iterdir()) == []


def test_a_refused_save_leaves_the_earlier_file_as_it_was(tmp_path, tender):
    path = tmp_path / "t.tender.json"
    save_tender(tender, path)
    before = path.read_bytes()
    tender.lots_reason = "x" * 60_000
    with pytest.raises(TenderError, match="motivering geen percelen"):
        save_tender(tender, path)
    assert path.read_bytes() == before
    assert load_tender(path).lots_reason != tender.lots_reason


def _joint_with_lots() -> dict:
    return {"format": "tender-assistant.tender", "version": 3, "title": "Bedrijfskleding MRA",
            "criteria": [{"id": "BED-S-01"}, {"id": "BED-G-01", "weight": 70}],
            "participants": [{"name": "Gemeente Purmerend", "role": "penvoerder"}, {"name": "Gemeente Zaanstad"}],
            "lots": [{"id": "1", "title": "Kleding", "criteria": [{"id": "BED-S-01"}, {"id": "BED-G-01", "weight": 70}]},
                     {"id": "2", "title": "Reiniging", "criteria": [{"id": "BED-G-01", "weight": 70}]}]}


def test_a_missing_criteria_list_is_named_instead_of_every_lot_criterion():
    """Exploratory finding H3: without the top-level list the message was 'lots[0].criteria[0].id: ... (en nog 52
    problemen)'."""
    data = _joint_with_lots()
    del data["criteria"]
    with pytest.raises(TenderError) as info:
        tender_from_dict(data, "t.tender.json")
    assert str(info.value) == ("t.tender.json: criteria: ontbreekt; de percelen noemen criteria, maar de lijst met "
                               "gekozen criteria (\"criteria\") staat niet in het bestand")
    assert info.value.text("en").startswith("t.tender.json: criteria: is missing; the lots name criteria")


def test_places_in_lots_and_participants_are_counted_from_1_as_the_wizard_does():
    data = _joint_with_lots()
    data["participants"][1]["name"] = ""
    data["lots"][1]["criteria"][0]["id"] = "BED-G-99"
    with pytest.raises(TenderError) as info:
        tender_from_dict(data, "t.tender.json")
    assert str(info.value).startswith("t.tender.json: deelnemer 2: naam (participants[1].name): is verplicht")
    assert field_label("lots[1].criteria[0].id") == "perceel 2, criterium 1: code (lots[1].criteria[0].id)"
    assert field_label("lots[0].title", "en") == "lot 1: title (lots[0].title)"
    assert field_label("participants[0].identifier") == "deelnemer 1: KvK- of OIN-nummer (participants[0].identifier)"
    assert field_label("extension_options_months[1]") == "verlengingsoptie 2 (extension_options_months[1])"
    assert field_label("criteria[1].weight") == "criterium 2: weging (criteria[1].weight)"
