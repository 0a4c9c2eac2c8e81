"""Monitoring exchange files (tender_assistant.monitoring.exchange) come from other organisations: read with the
strict JSON reader, and every value the register stores is checked first, with its JSON place (issue 18 item 6)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from criteria_library.infra.errors import UserError
from tender_assistant.monitoring.exchange import read_exchange
from tender_assistant.monitoring.importer import ImportProblems, import_file
from tender_assistant.monitoring.register_store import RegisterStore

RECORD_DATE = date(2025, 3, 1)
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


# ------------------------------------------------------------------------------------------------ version 2 (issue 22)
def test_version_2_round_trips_notices_joint_shares_and_criteria_through_another_register(tmp_path: Path,
                                                                                           library) -> None:
    from dataclasses import asdict, replace

    from tender_assistant.monitoring.eforms import read_notice
    from tender_assistant.monitoring.exchange import export_register
    from tender_assistant.monitoring.importer import import_files
    from tender_assistant.monitoring.records import AppliedCriterion, ContractRecord
    from tender_assistant.monitoring.rule import CountingRule
    from tests.unit.tender_assistant.monitoring.eforms_notices import Lot, write_notice

    notice = write_notice(tmp_path / "kleding.xml", [Lot("LOT-0001", "Kleding", circular=True),
                                                     Lot("LOT-0002", "Reiniging", framework=True,
                                                         framework_max=90_000)],
                          buyers=("Gemeente A", "Gemeente B"))
    typed = ContractRecord("Gemeente A", "Meubilair", package="meubilair", value_eur=1000.5, physical=True,
                           award_date=RECORD_DATE, criteria=[AppliedCriterion("MEU-G-01", 2, "gunningscriterium", 2,
                                                                              "R3", 20.0, "punten", False, "PIANOo",
                                                                              source_type=["nationaal"],
                                                                              reference="PIANOo-MEU-3")])
    with RegisterStore.open(tmp_path / "a.db") as source:
        source.add_new([*read_notice(notice).records, typed])
        source.save_rule(CountingRule(min_weight=7.5))
        export_register(source, tmp_path / "a.json")
        originals = source.records()
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["rule"]["min_weight"] == 7.5 and data["rule"]["value_method"]
    assert data["coverage"]["Gemeente A"]["2025"]["coverage"] == pytest.approx(1000.5 / (1000.5 + 50_000 + 45_000))
    by_title = {r["title"]: r for r in data["records"] if r["organisation"] == "Gemeente A"}
    assert by_title["Meubilair"]["notice_id"] is None and by_title["Meubilair"]["lot_id"] is None
    assert by_title["Kleding"]["lot_id"] == "LOT-0001" and by_title["Kleding"]["participants"] == ["Gemeente A",
                                                                                                 "Gemeente B"]
    assert by_title["Meubilair"]["criteria"][0]["reference"] == "PIANOo-MEU-3"
    with RegisterStore.open(tmp_path / "regio.db") as region:
        result = import_files([tmp_path / "a.json"], region, library)
        copies = region.records()
    assert result.added == 5
    assert [replace(r, id=None) for r in copies] == [replace(r, id=None) for r in originals]
    assert all(asdict(r)["participants"] == ["Gemeente A", "Gemeente B"] for r in copies if r.notice_id)
    # the regisseur is told the file was made with another rule; the register keeps and applies its own
    assert any("andere telregel" in nl and "minimale weging: 7.5 in plaats van 5.0" in nl for nl, _ in result.notes)


def test_a_version_1_file_still_imports_and_says_it_has_no_rule(tmp_path: Path, library) -> None:
    from tender_assistant.monitoring.importer import import_files

    with RegisterStore.open(tmp_path / "regio.db") as region:
        result = import_files([_file(tmp_path, _record())], region, library)
        [record] = region.records()
    assert result.added == 1 and record.notice_id == "" and record.lot_id == "" and record.participants == []
    assert "versie 1, zonder telregel" in result.notes[0][0]


@pytest.mark.parametrize(("key", "value"), [("notice_id", 5), ("participants", "A en B"), ("share", 1.5),
                                            ("share", 0), ("framework", "ja"), ("declared_circular", 1)])
def test_a_bad_version_2_value_is_refused_with_its_place(tmp_path: Path, key: str, value: object) -> None:
    with pytest.raises(ImportProblems) as err:
        read_exchange(_file(tmp_path, _record(**{key: value})))
    assert err.value.problems[0].line().startswith(f"records[0].{key}"), err.value.report()
