"""A Criterion is parsed at the boundaries: whatever a pack, a database row or a form holds, the criterion that
comes out has a Kind, a Level and a Status, so no code has to convert them again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from criteria_library.errors import PackError
from criteria_library.models import Criterion, Kind, Level, Status
from criteria_library.pack_export import export_pack
from criteria_library.pack_reading import read_pack
from criteria_library.store import LibraryStore
from criteria_library.validation import criterion_from_fields


def _assert_typed(criteria: list[Criterion]) -> None:
    assert criteria
    for c in criteria:
        assert type(c.kind) is Kind and type(c.status) is Status and type(c.level) is Level, c


def test_a_pack_record_becomes_a_criterion_with_real_kind_level_and_status(mini_pack: dict, tmp_path: Path) -> None:
    award = next(raw for raw in mini_pack["criteria"] if raw["kind"] == "gunningscriterium")
    path = tmp_path / "p.json"
    path.write_text(json.dumps(mini_pack), encoding="utf-8")
    pack = read_pack(path)
    _assert_typed(pack.criteria)
    c = next(c for c in pack.criteria if c.id == award["id"])
    assert c.kind is Kind.AWARD and c.level == award["level"] and c.carries_weight


def test_an_excel_pack_and_the_store_give_typed_criteria_too(fresh_db: LibraryStore, tmp_path: Path) -> None:
    _assert_typed(fresh_db.criteria())
    _assert_typed([fresh_db.criterion(fresh_db.criterion_ids()[0])])
    out = tmp_path / "lib.xlsx"
    export_pack(fresh_db, out)
    _assert_typed(read_pack(out).criteria)


def _fields(**changes: object) -> dict:
    values: dict = dict(id="MEU-G-07", package="meubilair", kind="gunningscriterium", level=2, r_strategy="R3",
                        title="Hergebruikte bureaus", rationale="Minder nieuw.", clause="Lever {{aantal}} bureaus.",
                        verification="Factuur.", source="Eigen", status="concept", placeholders={"aantal": "10"},
                        weight_min=5, weight_max=15, scoring_text="Meer is beter.")
    values.update(changes)
    return values


def test_the_parser_builds_a_typed_criterion_from_raw_values() -> None:
    c, problems = criterion_from_fields(_fields())
    assert problems == [] and c is not None
    assert c.kind is Kind.AWARD and c.level is Level.AMBITIEUS and c.status is Status.CONCEPT


@pytest.mark.parametrize(("field", "value", "message"), [
    ("kind", "wensenlijst", "ongeldige soort 'wensenlijst'"),
    ("level", 7, "ongeldig ambitieniveau '7'"),
    ("level", True, "ongeldig ambitieniveau"),
    ("status", "klaar", "ongeldige status 'klaar'"),
])
def test_an_invalid_value_gives_the_problem_not_a_criterion(field: str, value: object, message: str) -> None:
    c, problems = criterion_from_fields(_fields(**{field: value}))
    assert c is None
    assert problems[0].where == field and message in problems[0].nl
    assert [p.where for p in problems if p.where in ("kind", "level", "status")] == [field]


def test_a_record_with_an_unknown_kind_still_has_its_other_problems_reported(mini_pack: dict, tmp_path: Path) -> None:
    mini_pack["criteria"][1].update(kind="wens", title="x" * 300)
    mini_pack["criteria"][2]["id"] = mini_pack["criteria"][1]["id"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(mini_pack), encoding="utf-8")
    with pytest.raises(PackError) as err:
        read_pack(path)
    report = err.value.report()
    assert "criterium 2 (MEU-M-01), veld 'Soort': ongeldige soort 'wens'" in report
    assert "criterium 2 (MEU-M-01), veld 'Titel': titel is te lang (300 tekens, hoogstens 200)" in report
    assert "criterium 3 (MEU-M-01), veld 'Code': code 'MEU-M-01' komt twee keer voor" in report


def test_an_excel_cell_with_an_unknown_status_is_reported_at_its_place(fresh_db: LibraryStore, tmp_path: Path) -> None:
    out = tmp_path / "lib.xlsx"
    export_pack(fresh_db, out)
    wb = load_workbook(out)
    header = [c.value for c in wb["Criteria"][1]]
    wb["Criteria"].cell(row=3, column=header.index("Status") + 1, value="klaar")
    wb.save(out)
    with pytest.raises(PackError) as err:
        read_pack(out)
    assert "lib.xlsx blad Criteria, rij 3, kolom 'Status': ongeldige status 'klaar'" in err.value.report()
