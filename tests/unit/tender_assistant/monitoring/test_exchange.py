"""Monitoring exchange files (tender_assistant.monitoring.exchange) come from other organisations: read with the
strict JSON reader, and every value the register stores is checked first, with its JSON place (issue 18 item 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from criteria_library.infra.errors import UserError
from tender_assistant.monitoring.exchange import read_exchange
from tender_assistant.monitoring.importer import ImportProblems, import_file
from tender_assistant.monitoring.register_store import RegisterStore

RECORD = {"uid": "u1", "organisation": "Gemeente A", "title": "Meubilair", "value_eur": 1000, "physical": True,
          "award_date": "2025-03-01", "criteria": [{"id": "MEU-G-01", "weight": 20, "level": 2}]}


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "uitwisseling.json"
    path.write_text('{"format": "tender-assistant.monitoring", "version": 1, "records": [' + text + "]}",
                    encoding="utf-8")
    return path


def _record(**changes: object) -> str:
    return json.dumps(RECORD | changes)


def test_a_good_record_is_read(tmp_path: Path) -> None:
    [record] = read_exchange(_file(tmp_path, _record()))
    assert record.award_date is not None and record.award_date.year == 2025 and record.criteria[0].weight == 20


@pytest.mark.parametrize(("text", "place"), [
    (_record(criteria=[{"id": "MEU-G-01", "weight": 1}]).replace('"weight": 1', '"weight": NaN'),
     "records[0].criteria[0].weight"),
    (_record(criteria=[{"id": "MEU-G-01", "weight": 1}]).replace('"weight": 1', '"weight": Infinity'),
     "records[0].criteria[0].weight"),
    (_record(criteria=[{"id": "MEU-G-01", "weight": 100.5}]), "records[0].criteria[0].weight"),
    (_record(criteria=[{"id": "MEU-G-01", "weight": -1}]), "records[0].criteria[0].weight"),
    (_record(award_date=20250301), "records[0].award_date"),
    (_record(end_date=["2025-01-01"]), "records[0].end_date"),
    (_record(value_eur=1).replace('"value_eur": 1', '"value_eur": NaN'), "records[0].value_eur"),
    (_record(nature=["L"]), "records[0].nature"),
    (_record(package=12), "records[0].package"),
    (_record(cpv="39130000"), "records[0].cpv"),
    (_record(criteria_known="ja"), "records[0].criteria_known"),
    (_record(criteria=[{"id": "MEU-G-01", "level": True}]), "records[0].criteria[0].level"),
])
def test_a_bad_value_is_refused_with_its_place(tmp_path: Path, text: str, place: str) -> None:
    """NaN weights were accepted and a numeric date crashed as an unexpected error."""
    with pytest.raises(ImportProblems) as err:
        read_exchange(_file(tmp_path, text))
    assert err.value.problems[0].line().startswith(place), err.value.report()


@pytest.mark.parametrize(("text", "words"), [("[" * 100_000 + "]" * 100_000, "te diep genest"),
                                             ("1" * 5000, "te veel cijfers"), ("{", "ongeldige JSON")])
def test_what_is_not_json_we_accept_is_one_dutch_line(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "uitwisseling.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match=words):
        read_exchange(path)


def test_a_bad_exchange_file_leaves_the_register_as_it_was(tmp_path: Path, library) -> None:
    register = RegisterStore.open(tmp_path / "register.db")
    try:
        before = register.path.read_bytes()
        with pytest.raises(UserError):
            import_file(_file(tmp_path, _record(award_date=20250301)), register, library)
        assert register.path.read_bytes() == before and register.count() == 0
    finally:
        register.close()
