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


def _file(tmp_path: Path, text: str, organisations: tuple[str, ...] = ("Gemeente A",)) -> Path:
    path = tmp_path / "uitwisseling.json"
    path.write_text('{"format": "tender-assistant.monitoring", "version": 1, "organisations": '
                    + json.dumps(list(organisations)) + ', "records": [' + text + "]}", encoding="utf-8")
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


# ---------------------------------------------------------------------- ownership (issue 25 item 6)
def test_another_organisations_file_never_changes_a_record(tmp_path: Path, library) -> None:
    register = RegisterStore.open(tmp_path / "register.db")
    try:
        import_file(_file(tmp_path, _record(organisation="Gemeente Zaanstad", value_eur=1_250_000),
                          ("Gemeente Zaanstad",)), register, library)
        hostile = tmp_path / "b.json"
        hostile.write_text('{"format": "tender-assistant.monitoring", "version": 1, "organisations": ["Gemeente B"], '
                           '"records": [' + _record(organisation="Gemeente B", value_eur=1, title="Iets anders") + "]}",
                           encoding="utf-8")
        result = import_file(hostile, register, library)
        [record] = register.records()
        assert (record.organisation, record.value_eur, record.title) == ("Gemeente Zaanstad", 1_250_000, "Meubilair")
        assert result.updated == 0
        assert any("hoort bij Gemeente Zaanstad en is niet gewijzigd" in nl for nl, _ in result.notes)
    finally:
        register.close()


def test_the_organisations_own_newer_file_updates_its_record_and_says_what_changed(tmp_path: Path, library) -> None:
    register = RegisterStore.open(tmp_path / "register.db")
    try:
        import_file(_file(tmp_path, _record(value_eur=1000)), register, library)
        result = import_file(_file(tmp_path, _record(value_eur=1500)), register, library)
        assert result.updated == 1 and register.records()[0].value_eur == 1500
        assert any(nl.startswith("Bijgewerkt: Meubilair (Gemeente A)")
                   and nl.endswith("gewijzigd door uitwisseling.json (Gemeente A)") for nl, _ in result.notes)
    finally:
        register.close()


def test_a_file_cannot_bring_a_record_of_an_organisation_its_header_does_not_name(tmp_path: Path, library) -> None:
    """FINDINGS4 F14: a file of Gemeente B holding Zaanstad's uid and organisation turned its EUR 1.250.000 into 1."""
    from tender_assistant.monitoring.exchange import export_register

    register = RegisterStore.open(tmp_path / "register.db")
    try:
        import_file(_file(tmp_path, _record(organisation="Gemeente Zaanstad", value_eur=1_250_000),
                          ("Gemeente Zaanstad",)), register, library)
        export_register(register, tmp_path / "zaanstad.json")
        data = json.loads((tmp_path / "zaanstad.json").read_text(encoding="utf-8"))
        data["organisations"], data["records"][0]["value_eur"] = ["Gemeente B"], 1
        (tmp_path / "b-vals.json").write_text(json.dumps(data), encoding="utf-8")
        before = register.path.read_bytes()
        with pytest.raises(ImportProblems) as err:
            import_file(tmp_path / "b-vals.json", register, library)
        assert err.value.problems[0].line() == (
            'records[0].organisation: "Gemeente Zaanstad" staat niet bij de organisaties van dit bestand '
            "(Gemeente B); een bestand levert alleen registraties van zijn eigen organisaties")
        assert register.path.read_bytes() == before and register.records()[0].value_eur == 1_250_000
        del data["organisations"]
        (tmp_path / "b-vals.json").write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(ImportProblems, match="organisations: ontbreekt"):
            import_file(tmp_path / "b-vals.json", register, library)
        assert register.records()[0].value_eur == 1_250_000
    finally:
        register.close()


def test_a_record_changed_by_a_file_naming_its_organisation_says_which_file_changed_it(tmp_path: Path,
                                                                                      library) -> None:
    register = RegisterStore.open(tmp_path / "register.db")
    try:
        import_file(_file(tmp_path, _record(organisation="Gemeente Zaanstad", value_eur=1_250_000),
                          ("Gemeente Zaanstad",)), register, library)
        changed = tmp_path / "b.json"
        changed.write_text(_file(tmp_path, _record(organisation="Gemeente  zaanstad", value_eur=1),
                                 ("Gemeente B", "Gemeente Zaanstad")).read_text(encoding="utf-8"), encoding="utf-8")
        result = import_file(changed, register, library)
        assert [nl for nl, _ in result.notes if nl.startswith("Bijgewerkt")] == [
            "Bijgewerkt: Meubilair (Gemeente Zaanstad): waarde_eur € 1.250.000 → € 1; "
            "gewijzigd door b.json (Gemeente B, Gemeente Zaanstad)"]
    finally:
        register.close()
