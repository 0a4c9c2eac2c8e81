"""Tender file version 2: per-criterion placeholder values, price rule, fixed budget, publication date."""

from __future__ import annotations

import json
from datetime import date

import pytest

from criteria_library.models import Kind
from tender_assistant.clauses import fill_clause
from tender_assistant.errors import TenderError
from tender_assistant.tender import Tender, TenderCriterion, load_tender, save_tender, tender_from_dict
from tests.unit.tender_assistant.fake_library import FakeLibrary, criterion, packages

SHARED = [
    criterion("BED-G-05", Kind.AWARD, 1, "Garantie kleding", "Garantie van {{garantie_jaren}} jaar op kleding.",
              placeholders={"garantie_jaren": "10"}, weight_min=5, weight_max=10),
    criterion("BED-C-05", Kind.CONTRACT, 1, "Garantie schoenen", "Garantie van {{garantie_jaren}} jaar op schoenen "
              "voor {{opdrachtgever}}.", placeholders={"garantie_jaren": "3"}),
]


def test_two_criteria_with_the_same_placeholder_keep_separate_values() -> None:
    lib = FakeLibrary(packages(), SHARED)
    t = Tender(title="x", organisation="Gemeente Delft",
               criteria=[TenderCriterion("BED-G-05", weight=10), TenderCriterion("BED-C-05")])
    t.set_value("BED-G-05", "garantie_jaren", "12")
    t.set_value("BED-C-05", "opdrachtgever", "ignored: the tender's organisation wins")
    assert "12 jaar op kleding" in fill_clause(t, lib.criterion("BED-G-05")).text
    assert "3 jaar op schoenen" in fill_clause(t, lib.criterion("BED-C-05")).text
    assert t.values == {"opdrachtgever": "ignored: the tender's organisation wins"}  # a tender-wide fact
    assert t.entry("BED-G-05").values == {"garantie_jaren": "12"}


def test_version_1_file_still_reads_with_shared_values(tmp_path) -> None:
    path = tmp_path / "oud.tender.json"
    path.write_text(json.dumps({"format": "tender-assistant.tender", "version": 1, "title": "Oud",
                                "criteria": [{"id": "BED-G-05", "weight": 10}, {"id": "BED-C-05"}],
                                "values": {"garantie_jaren": "7"}}), encoding="utf-8")
    t = load_tender(path)
    lib = FakeLibrary(packages(), SHARED)
    assert "7 jaar op kleding" in fill_clause(t, lib.criterion("BED-G-05")).text
    assert "7 jaar op schoenen" in fill_clause(t, lib.criterion("BED-C-05")).text
    assert (t.price_rule, t.fixed_budget_eur, t.publication_date) == ("relatief-laagste", None, None)
    save_tender(t, path)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1  # nothing new: stays readable by old apps


def test_version_2_is_written_only_when_needed_and_reads_back(tmp_path) -> None:
    path = tmp_path / "nieuw.tender.json"
    t = Tender(title="Nieuw", price_weight=0, price_rule="lineair", fixed_budget_eur=250_000.0,
               publication_date=date(2027, 3, 1), criteria=[TenderCriterion("BED-G-05", weight=100)])
    t.set_value("BED-G-05", "garantie_jaren", "4")
    save_tender(t, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["price_rule"] == "lineair" and data["fixed_budget_eur"] == 250_000
    assert data["publication_date"] == "2027-03-01" and data["criteria"][0]["values"] == {"garantie_jaren": "4"}
    again = load_tender(path)
    assert again == t


@pytest.mark.parametrize(("field", "value", "message"), [
    ("price_rule", "duurste-wint", "onbekende prijsregel"),
    ("fixed_budget_eur", -5, "groter dan 0"),
    ("publication_date", "1 maart", "datum"),
])
def test_bad_version_2_fields_are_named(field: str, value: object, message: str) -> None:
    with pytest.raises(TenderError, match=message) as err:
        tender_from_dict({"format": "tender-assistant.tender", "version": 2, "title": "x", field: value})
    assert field in str(err.value)


def test_bad_per_criterion_value_is_named() -> None:
    with pytest.raises(TenderError, match=r"criteria\[0\]\.values\.garantie_jaren"):
        tender_from_dict({"format": "tender-assistant.tender", "version": 2, "title": "x",
                          "criteria": [{"id": "BED-G-05", "values": {"garantie_jaren": [1]}}]})


def test_numbers_in_a_tender_file_print_the_dutch_way(tmp_path) -> None:
    """A tender file written by another program holds numbers; the document showed '12345.5' and '150000'."""
    lib = FakeLibrary(packages(), SHARED)
    path = tmp_path / "getallen.tender.json"
    path.write_text(json.dumps({"format": "tender-assistant.tender", "version": 2, "title": "Getallen",
                                "criteria": [{"id": "BED-G-05", "weight": 10, "values": {"garantie_jaren": 2.5}},
                                             {"id": "BED-C-05", "values": {"garantie_jaren": 150000}}],
                                "values": {"peiljaar": 2030, "budget": 12345.5}}), encoding="utf-8")
    t = load_tender(path)
    assert "2,5 jaar op kleding" in fill_clause(t, lib.criterion("BED-G-05")).text
    assert "150.000 jaar op schoenen" in fill_clause(t, lib.criterion("BED-C-05")).text
    assert t.values == {"peiljaar": "2030", "budget": "12.345,5"}
    save_tender(t, path)
    assert load_tender(path).values == t.values


def test_a_huge_float_value_is_refused_like_a_huge_integer() -> None:
    with pytest.raises(TenderError, match="getal is te groot"):
        tender_from_dict({"format": "tender-assistant.tender", "version": 2, "title": "x", "values": {"a": 1e300}})
