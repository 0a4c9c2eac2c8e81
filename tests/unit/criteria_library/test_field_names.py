"""What a pack's reader sees: Dutch column headers in Excel packs (English ones still read) and problems named by
record and field label, never by JSON path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from criteria_library.errors import PackError
from criteria_library.field_names import CRITERION_LABELS, PACKAGE_LABELS, field_text, header_fields
from criteria_library.pack_export import export_pack
from criteria_library.pack_import import plan_import
from criteria_library.pack_reading import CRITERION_FIELDS, PACKAGE_FIELDS, read_pack
from criteria_library.store import LibraryStore


def test_exported_workbook_has_dutch_headers(fresh_db: LibraryStore, tmp_path: Path) -> None:
    out = tmp_path / "lib.xlsx"
    export_pack(fresh_db, out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Pakketten", "Criteria"]
    packages = [c.value for c in wb["Pakketten"][1]]
    criteria = [c.value for c in wb["Criteria"][1]]
    assert packages[:4] == ["Slug", "Naam (NL)", "Naam (EN)", "Voorvoegsel"]
    assert criteria[:10] == ["Code", "Inkooppakket", "Soort", "Ambitieniveau", "R-strategie", "Titel", "Toelichting",
                             "Voorbeeldtekst", "Bewijsmiddel", "Bron"]
    assert not {"title", "level", "weight_min", "price_weight", "r_strategy"} & set(criteria)


def _rewrite_headers(path: Path, rename) -> None:
    wb = load_workbook(path)
    for sheet, fields in (("Pakketten", PACKAGE_FIELDS), ("Criteria", CRITERION_FIELDS)):
        for column, name in enumerate(fields, start=1):
            wb[sheet].cell(row=1, column=column, value=rename(name))
    wb.save(path)


@pytest.mark.parametrize("rename", [
    lambda name: name,  # packs exported before the Dutch headers
    lambda name: f"  {name.upper()} ",
    lambda name: f" {(CRITERION_LABELS.get(name) or PACKAGE_LABELS[name])[0].lower()}  ",
], ids=["english", "english-upper-spaced", "dutch-lower-spaced"])
def test_old_english_and_oddly_cased_headers_still_import(fresh_db: LibraryStore, tmp_path: Path, rename) -> None:
    out = tmp_path / "lib.xlsx"
    export_pack(fresh_db, out)
    _rewrite_headers(out, rename)
    plan = plan_import(fresh_db, read_pack(out))
    assert not plan.has_changes and len(plan.unchanged) == 8


def test_xlsx_problem_names_the_column_as_the_file_does(fresh_db: LibraryStore, tmp_path: Path) -> None:
    out = tmp_path / "lib.xlsx"
    export_pack(fresh_db, out)
    _rewrite_headers(out, lambda name: name)  # an old English workbook: the message must name its own column
    wb = load_workbook(out)
    wb["Criteria"]["D5"] = 7
    wb.save(out)
    with pytest.raises(PackError) as err:
        read_pack(out)
    assert "lib.xlsx blad Criteria, rij 5, kolom 'level': ongeldig ambitieniveau '7'" in err.value.report()


def test_a_column_given_twice_is_reported(fresh_db: LibraryStore, tmp_path: Path) -> None:
    out = tmp_path / "lib.xlsx"
    export_pack(fresh_db, out)
    wb = load_workbook(out)
    wb["Criteria"].cell(row=1, column=len(CRITERION_FIELDS) + 1, value="title")
    wb.save(out)
    with pytest.raises(PackError) as err:
        read_pack(out)
    assert "blad Criteria, rij 1: kolom 'title' staat er twee keer in (ook als 'Titel')" in err.value.report()


def test_json_problems_name_criterion_and_field_not_a_json_path(mini_pack: dict, tmp_path: Path) -> None:
    mini_pack["criteria"][1]["level"] = 7
    mini_pack["criteria"][2]["weight_min"] = 300
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(mini_pack), encoding="utf-8")
    with pytest.raises(PackError) as err:
        read_pack(path)
    report, report_en = err.value.report(), err.value.report("en")
    assert "bad.json criterium 2 (MEU-M-01), veld 'Ambitieniveau': ongeldig ambitieniveau '7'" in report
    assert "bad.json criterion 2 (MEU-M-01), field 'Ambition level': invalid ambition level '7'" in report_en
    assert "criterium 3 (MEU-G-01), veld 'Minimumgewicht'" in report
    assert "$." not in report + report_en and "weight_min" not in report + report_en
    assert str(err.value).startswith("Het bibliotheekpakket is ongeldig (3 problemen); eerste: bad.json criterium 2")


def test_a_duplicate_is_placed_after_a_record_that_failed(mini_pack: dict, tmp_path: Path) -> None:
    mini_pack["criteria"][0]["level"] = 7  # left out of the built criteria: the numbers must still match the file
    mini_pack["criteria"][3]["id"] = mini_pack["criteria"][2]["id"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(mini_pack), encoding="utf-8")
    with pytest.raises(PackError) as err:
        read_pack(path)
    assert ("criterium 4 (MEU-G-01), veld 'Code': code 'MEU-G-01' komt twee keer voor (ook bij criterium 3 "
            "(MEU-G-01))") in err.value.report()


def test_labels_and_headers_are_unambiguous() -> None:
    for labels in (CRITERION_LABELS, PACKAGE_LABELS):
        known = header_fields(labels)
        assert {known[nl.casefold()] for nl, _ in labels.values()} == set(labels)
        assert len({nl for nl, _ in labels.values()}) == len(labels)
    assert set(CRITERION_LABELS) == set(CRITERION_FIELDS) and set(PACKAGE_LABELS) == set(PACKAGE_FIELDS)
    assert field_text("scoring.levels[1].description") == "'Beoordelingswijze' (niveau 2, omschrijving)"
    assert field_text("placeholders.jaren.max", lang="en") == "'Placeholders' (placeholder 'jaren', maximum)"


def test_import_preview_names_fields_and_values_by_their_labels(fresh_db: LibraryStore, mini_pack: dict,
                                                                tmp_path: Path) -> None:
    mini_pack["criteria"][0].update(level=3, r_strategy="ondersteunend")
    path = tmp_path / "p.json"
    path.write_text(json.dumps(mini_pack), encoding="utf-8")
    plan = plan_import(fresh_db, read_pack(path))
    assert "    Ambitieniveau: 1 Basis -> 3 Koploper" in plan.report()
    assert "    Ambition level: 1 Basic -> 3 Front-runner" in plan.report("en")
    assert "level" not in plan.report() and "r_strategy" not in plan.report()
