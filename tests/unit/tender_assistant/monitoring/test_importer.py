"""Importing contract lists and exchange files into the register."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from criteria_library.infra.text import AMOUNT, read_number
from tender_assistant.monitoring.exchange import export_register
from tender_assistant.monitoring.importer import ImportProblems, import_file
from tender_assistant.monitoring.register_store import RegisterStore
from tender_assistant.monitoring.rule import CountingRule, summarise

HEADER = ["organisatie", "titel", "pakket", "cpv", "aard", "procedure", "gunningsdatum", "startdatum", "einddatum",
          "waarde_eur", "fysiek", "criteria", "circulair", "reden"]
ROWS = [
    ["Gemeente Zaanstad", "Kantoormeubilair stadhuis", "meubilair", "39130000", "L", "europees-openbaar",
     "2025-03-01", "2025-04-01", "2029-03-31", "1.250.000,50", "ja", "MEU-M-01 MEU-G-01=20", "", ""],
    ["Gemeente Zaanstad", "Schoonmaak kantoren", "schoonmaak", "", "D", "europees-openbaar", "2025-05-01", "", "",
     "800.000", "nee", "", "", ""],
    ["Gemeente Zaanstad", "Bureaustoelen", "meubilair", "", "L", "meervoudig-onderhands", "2025-06-01", "", "",
     "95000", "ja", "MEU-G-05=3", "", ""],
]


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ";", bom: bool = True,
              header: list[str] = HEADER) -> Path:
    def line(values: list[str]) -> str:
        return delimiter.join(f'"{v}"' if delimiter in v else v for v in values)

    text = "\n".join(line(r) for r in [header, *rows]) + "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


@pytest.fixture
def register(tmp_path: Path):
    store = RegisterStore.open(tmp_path / "register.db")
    yield store
    store.close()


def parse_money(text: str) -> float:
    return read_number(text, kind=AMOUNT)


def test_dutch_money_notation() -> None:
    assert parse_money("1.250.000,50") == 1_250_000.50
    assert parse_money("€ 1.250.000") == 1_250_000
    assert parse_money("1.250") == 1250
    assert parse_money("1250000.5") == 1_250_000.5
    assert parse_money("95000") == 95_000
    with pytest.raises(ValueError):
        parse_money("1,2,3")


@pytest.mark.parametrize("delimiter, bom", [(";", True), (",", False)])
def test_import_csv_with_either_delimiter_and_captures_the_library_attributes(
        tmp_path: Path, register: RegisterStore, library, delimiter: str, bom: bool) -> None:
    path = write_csv(tmp_path / "contracten.csv", ROWS, delimiter, bom)
    result = import_file(path, register, library)
    assert (result.added, result.skipped) == (3, 0)
    meubilair = next(r for r in register.records() if r.title == "Kantoormeubilair stadhuis")
    assert meubilair.value_eur == 1_250_000.50
    assert meubilair.cpv == ["39130000-2"]
    award = meubilair.criteria[1]
    assert (award.id, award.kind, award.weight, award.r_strategy) == ("MEU-G-01", "gunningscriterium", 20, "R5")
    assert meubilair.source == "import"
    cleaning = next(r for r in register.records() if r.title == "Schoonmaak kantoren")
    assert not cleaning.physical and not cleaning.criteria_known


def test_importing_the_same_file_twice_adds_nothing(tmp_path: Path, register: RegisterStore, library) -> None:
    path = write_csv(tmp_path / "contracten.csv", ROWS)
    import_file(path, register, library)
    again = import_file(path, register, library)
    assert (again.added, again.skipped, again.backup) == (0, 3, None)
    assert register.count() == 3


def test_a_bad_row_names_its_row_and_nothing_is_imported(tmp_path: Path, register: RegisterStore, library) -> None:
    import_file(write_csv(tmp_path / "eerst.csv", ROWS[:1]), register, library)
    before = register.path.read_bytes()
    bad = [ROWS[1], [*ROWS[2][:9], "veel", *ROWS[2][10:]],
           ["Gemeente Zaanstad", "Stoelen", "meubilair", "", "X", "", "2025-13-01", "", "", "10", "misschien",
            "MEU-M-01=5 ONB-M-99", "ja", ""]]
    with pytest.raises(ImportProblems) as info:
        import_file(write_csv(tmp_path / "fout.csv", bad), register, library)
    places = [p.where for p in info.value.problems]
    assert places == ["rij 3, waarde_eur", "rij 4, aard", "rij 4, gunningsdatum", "rij 4, fysiek", "rij 4, reden",
                      "rij 4, criteria", "rij 4, criteria"]
    assert "ONB-M-99 staat niet in de bibliotheek" in info.value.report()
    assert str(info.value).endswith("er is niets geïmporteerd")
    assert info.value.report("en").splitlines()[0].startswith("row 3, waarde_eur: ")  # the place in English too
    assert register.count() == 1
    assert register.path.read_bytes() == before


def test_missing_columns_are_named(tmp_path: Path, register: RegisterStore, library) -> None:
    header = [h for h in HEADER if h not in ("fysiek", "criteria")]
    rows = [[v for h, v in zip(HEADER, ROWS[0], strict=True) if h in header]]
    with pytest.raises(ImportProblems, match="fysiek, criteria ontbreken"):
        import_file(write_csv(tmp_path / "kort.csv", rows, header=header), register, library)


def test_import_xlsx_with_date_and_number_cells(tmp_path: Path, register: RegisterStore, library) -> None:
    import datetime as dt

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["Provincie Flevoland", "Verkeersborden", "verkeersborden", "", "L", "", dt.datetime(2024, 9, 1),
               None, None, 420000.0, "ja", "", "ja", "Huur met terugname, vastgelegd in het contract"])
    path = tmp_path / "lijst.xlsx"
    wb.save(path)
    assert import_file(path, register, library).added == 1
    r = register.records()[0]
    assert r.award_date == dt.date(2024, 9, 1) and r.value_eur == 420_000 and r.override is True


def test_backup_before_an_import_that_adds(tmp_path: Path, register: RegisterStore, library) -> None:
    import_file(write_csv(tmp_path / "a.csv", ROWS[:1]), register, library)
    result = import_file(write_csv(tmp_path / "b.csv", ROWS[1:]), register, library)
    assert result.added == 2 and result.backup is not None and result.backup.exists()
    copy = RegisterStore.open(result.backup)
    assert copy.count() == 1
    copy.close()


def test_regisseur_imports_exchange_files_of_several_organisations_without_counting_twice(
        tmp_path: Path, library) -> None:
    files = []
    for i, org in enumerate(["Gemeente A", "Gemeente B"]):
        own = RegisterStore.open(tmp_path / f"own{i}.db")
        rows = [[org, *row[1:]] for row in ROWS]
        import_file(write_csv(tmp_path / f"{i}.csv", rows), own, library)
        files.append(tmp_path / f"{i}.json")
        assert export_register(own, files[-1]) == 3
        own.close()
    regional = RegisterStore.open(tmp_path / "regio.db")
    for f in files:
        assert import_file(f, regional, library).added == 3
    for f in files:
        assert import_file(f, regional, library).added == 0
    assert regional.count() == 6
    report = summarise(regional.records(), CountingRule(), 2025).to_json()
    assert report["region"]["in_scope_eur"] == pytest.approx(2 * (1_250_000.50 + 95_000))
    regional.close()


def test_a_bad_exchange_file_names_the_place(tmp_path: Path, register: RegisterStore, library) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"format": "tender-assistant.monitoring", "version": 1, "records": '
                    '[{"uid": "u1", "organisation": "A", "title": "T", "value_eur": "veel", "physical": true}]}')
    with pytest.raises(ImportProblems, match=r"records\[0\]\.value_eur"):
        import_file(path, register, library)
    path.write_text('{"format": "tender-assistant.monitoring", "version": 3, "records": []}')
    with pytest.raises(Exception, match="versie 3"):
        import_file(path, register, library)


def test_a_file_that_is_not_a_register_is_left_untouched(tmp_path: Path) -> None:
    from tender_assistant.monitoring.register_store import RegisterError

    path = tmp_path / "register.db"
    path.write_bytes(b"dit is geen database" * 100)
    with pytest.raises(RegisterError, match="geen register"):
        RegisterStore.open(path)
    assert path.read_bytes() == b"dit is geen database" * 100


def test_import_captures_marktstandaard_and_fictive_discount_from_the_library(
        tmp_path: Path, register: RegisterStore, library) -> None:
    from dataclasses import replace

    from criteria_library.models import DiscountScoring
    from tests.helpers import publish_edit

    publish_edit(library, replace(library.criterion("MEU-M-01"), marktstandaard=True))
    publish_edit(library, replace(library.criterion("MEU-G-03"), scoring=DiscountScoring(2, 10, "jaar"),
                                  weight_min=None, weight_max=None))
    rows = [[*ROWS[0][:11], "MEU-M-01", "", ""], [*ROWS[2][:11], "MEU-G-03", "", ""]]
    import_file(write_csv(tmp_path / "a.csv", rows), register, library)
    stool, furniture = sorted(register.records(), key=lambda r: r.value_eur)
    assert furniture.criteria[0].marktstandaard and stool.criteria[0].scoring_type == "fictieve_korting"
    report = summarise(register.records(), CountingRule(), 2025)
    assert [line.verdict.counts for line in sorted(report.lines, key=lambda x: x.value)] == [True, False]
    with pytest.raises(ImportProblems, match="fictieve korting heeft geen weging"):
        import_file(write_csv(tmp_path / "b.csv", [[*ROWS[2][:11], "MEU-G-03=5", "", ""]]), register, library)


@pytest.mark.parametrize("weight", ["0", "100", "12,5"])
def test_a_weight_from_0_to_100_is_imported(tmp_path: Path, register: RegisterStore, library, weight: str) -> None:
    row = [*ROWS[0][:11], f"MEU-G-01={weight}", "", ""]
    assert import_file(write_csv(tmp_path / "lijst.csv", [row]), register, library).added == 1
    assert register.records()[0].criteria[0].weight == float(weight.replace(",", "."))


@pytest.mark.parametrize(("weight", "words"), [("-1", "tussen 0 en 100"), ("100.5", "tussen 0 en 100"),
                                               ("100,5", "tussen 0 en 100"), ("1_0", "geen getal"),
                                               ("12,500", "niet eenduidig")])
def test_a_weight_outside_0_to_100_or_not_a_number_is_refused_with_its_place(
        tmp_path: Path, register: RegisterStore, library, weight: str, words: str) -> None:
    """A planted bug accepting weights outside 0..100 survived the tests (issue 18), and '1_0' was read as 10."""
    row = [*ROWS[0][:11], f"MEU-G-01={weight}", "", ""]
    with pytest.raises(ImportProblems) as info:
        import_file(write_csv(tmp_path / "lijst.csv", [row]), register, library)
    line = info.value.report()
    assert line.startswith("rij 2, criteria: MEU-G-01=") and words in line and weight in line
    assert register.count() == 0


def _with_values(values: list[object]) -> list[list[object]]:
    return [[*ROWS[1][:1], f"Contract {i}", *ROWS[1][2:9], value, *ROWS[1][10:]] for i, value in enumerate(values)]


def test_amounts_typed_the_english_or_dutch_way_are_read_right_and_totalled(
        tmp_path: Path, register: RegisterStore, library) -> None:
    """'250,000.00' was stored as EUR 250,00 and '1,250,000.00' refused (issue 26); the report shows the total."""
    from tests.unit.criteria_library.infra.test_text import ENGLISH_AND_DUTCH_AMOUNTS

    good = [(text, value) for text, value in ENGLISH_AND_DUTCH_AMOUNTS if value is not None]
    result = import_file(write_csv(tmp_path / "lijst.csv", _with_values([t for t, _ in good])), register, library)
    assert result.added == len(good) and result.total_eur == pytest.approx(sum(v for _, v in good))
    stored = {r.title: r.value_eur for r in register.records()}
    assert [stored[f"Contract {i}"] for i in range(len(good))] == [v for _, v in good]


@pytest.mark.parametrize("text", ["1,000", "1e5", "250,000"])
def test_an_amount_that_could_be_read_two_ways_is_refused_with_row_column_and_value(
        tmp_path: Path, register: RegisterStore, library, text: str) -> None:
    with pytest.raises(ImportProblems) as info:
        import_file(write_csv(tmp_path / "lijst.csv", _with_values(["95000", text])), register, library)
    assert info.value.report().startswith(f'rij 3, waarde_eur: "{text}" is ')
    assert register.count() == 0


def test_native_workbook_numbers_are_amounts_as_they_are(tmp_path: Path, register: RegisterStore, library) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    for row in _with_values([1_250_000.5, 250_000, "1.000,50"]):
        wb.active.append(row)
    wb.save(tmp_path / "lijst.xlsx")
    result = import_file(tmp_path / "lijst.xlsx", register, library)
    assert sorted(r.value_eur for r in register.records()) == [1000.5, 250_000, 1_250_000.5]
    assert result.total_eur == 1_250_000.5 + 250_000 + 1000.5


def test_a_contract_list_may_carry_the_lot_the_notice_the_participants_and_the_share(tmp_path: Path, register,
                                                                                      library) -> None:
    header = [*HEADER, "perceel", "aankondiging", "deelnemers", "aandeel"]
    joint = "Gemeente Zaanstad | Gemeente Purmerend"
    rows = [[*ROWS[0], "1", "5d1a2b3c-0000-4000-8000-000000000001", joint, "40"],
            [*ROWS[0][:1], "Kantoormeubilair stadhuis", *ROWS[0][2:], "2", "", joint, "40"],
            [*ROWS[1], "", "", "", ""]]
    result = import_file(write_csv(tmp_path / "percelen.csv", rows, header=header), register, library)
    assert result.added == 3  # the same title and value in two lots are two contracts
    by_lot = {r.lot_id: r for r in register.records()}
    assert by_lot["1"].notice_id == "5d1a2b3c-0000-4000-8000-000000000001"
    assert by_lot["1"].participants == ["Gemeente Zaanstad", "Gemeente Purmerend"]
    assert (by_lot["2"].share, by_lot["2"].share_basis) == (0.4, "opgegeven")
    assert (by_lot[""].share, by_lot[""].participants) == (None, [])
    bad = [[*ROWS[0], "1", "", joint, "140"]]
    with pytest.raises(ImportProblems, match="rij 2, aandeel"):
        import_file(write_csv(tmp_path / "fout.csv", bad, header=header), register, library)


def test_records_without_a_lot_keep_the_uid_they_always_had() -> None:
    import hashlib
    from datetime import date

    from tender_assistant.monitoring.records import ContractRecord, content_uid

    record = ContractRecord("Gemeente Zaanstad", "Kantoormeubilair stadhuis", package="meubilair",
                            award_date=date(2025, 3, 1), value_eur=1_250_000.5)
    assert content_uid(record) == "c-" + hashlib.sha256(
        b'["gemeente zaanstad", "kantoormeubilair stadhuis", "meubilair", "2025-03-01", 1250000.5]'
    ).hexdigest()[:24]


def test_a_registered_contract_keeps_its_criteria_source_types_through_an_exchange_file(
        tmp_path: Path, register: RegisterStore, library) -> None:
    from tender_assistant.monitoring.exchange import read_exchange

    import_file(write_csv(tmp_path / "a.csv", [ROWS[0]]), register, library)
    [record] = register.records()
    expected = library.criterion("MEU-M-01").source_type
    assert expected and record.criteria[0].source_type == expected
    export_register(register, tmp_path / "uit.json")
    [again] = read_exchange(tmp_path / "uit.json")
    assert again.criteria[0].source_type == expected
    report = summarise([again], CountingRule(), 2025)
    assert report.lines[0].eforms["BT-805"] == "eu"


# ------------------------------------------------------------------- corrections (issue 25 item 6)
def _numbered(rows: list[list[str]], numbers: list[str]) -> tuple[list[list[str]], list[str]]:
    return [[*row, number] for row, number in zip(rows, numbers, strict=True)], [*HEADER, "contractnummer"]


def test_a_corrected_value_with_a_contract_number_updates_the_record_and_says_so(
        tmp_path: Path, register: RegisterStore, library) -> None:
    rows, header = _numbered(ROWS, ["Z-2025-001", "Z-2025-002", "Z-2025-003"])
    import_file(write_csv(tmp_path / "contracten.csv", rows, header=header), register, library)
    corrected = [list(r) for r in rows]
    corrected[0][9] = "1.350.000"  # a typo in the value, corrected
    corrected[2][1] = "Bureaustoelen raadzaal"  # and a title made clearer
    result = import_file(write_csv(tmp_path / "gecorrigeerd.csv", corrected, header=header), register, library)
    assert (result.added, result.updated) == (0, 2)
    assert register.count() == 3
    assert sorted(r.value_eur for r in register.records()) == [95_000, 800_000, 1_350_000]
    lines = [nl for nl, _ in result.notes]
    assert any("Kantoormeubilair stadhuis" in line and "waarde_eur € 1.250.000,50 → € 1.350.000" in line for line in lines), lines
    assert any("Bureaustoelen raadzaal" in line and "titel" in line for line in lines), lines
    total = summarise(register.records(), CountingRule(), 2025).organisations["Gemeente Zaanstad"].in_scope_eur
    assert total < 2_300_000  # the corrected contract counts once


def test_a_corrected_title_with_a_notice_id_updates_the_record(tmp_path: Path, register: RegisterStore,
                                                               library) -> None:
    header = [*HEADER, "aankondiging", "perceel"]
    rows = [[*ROWS[0], "2025-012345", "1"]]
    import_file(write_csv(tmp_path / "contracten.csv", rows, header=header), register, library)
    rows[0][1] = "Kantoormeubilair stadhuis en raadzaal"
    result = import_file(write_csv(tmp_path / "gecorrigeerd.csv", rows, header=header), register, library)
    assert (result.added, result.updated, register.count()) == (0, 1, 1)
    assert register.records()[0].title == "Kantoormeubilair stadhuis en raadzaal"


def test_the_same_contract_number_of_another_organisation_is_another_contract(
        tmp_path: Path, register: RegisterStore, library) -> None:
    rows, header = _numbered(ROWS[:1], ["2025-001"])
    import_file(write_csv(tmp_path / "a.csv", rows, header=header), register, library)
    other = [list(rows[0])]
    other[0][0], other[0][9] = "Gemeente Oostzaan", "1"
    result = import_file(write_csv(tmp_path / "b.csv", other, header=header), register, library)
    assert result.added == 1 and register.count() == 2
    zaanstad = register.records("Gemeente Zaanstad")[0]
    assert zaanstad.value_eur == 1_250_000.50


def test_a_corrected_row_without_a_contract_number_is_named_as_counted_twice(
        tmp_path: Path, register: RegisterStore, library) -> None:
    import_file(write_csv(tmp_path / "contracten.csv", ROWS), register, library)
    corrected = [list(r) for r in ROWS]
    corrected[0][9] = "1.350.000"
    result = import_file(write_csv(tmp_path / "gecorrigeerd.csv", corrected), register, library)
    assert result.added == 1
    assert [nl for nl, _ in result.notes if "lijkt een correctie van Kantoormeubilair stadhuis" in nl
            and "kolom contractnummer" in nl]


def test_two_contracts_with_one_contract_number_in_one_list_are_a_row_problem_and_nothing_is_imported(
        tmp_path: Path, register: RegisterStore, library) -> None:
    # FINDINGS4 F13: the second contract was dropped silently and the summary said it "stond er al"
    rows, header = _numbered(ROWS[:2], ["ZAA-2026-017", "zaa-2026-017 "])
    with pytest.raises(ImportProblems) as err:
        import_file(write_csv(tmp_path / "nr.csv", rows, header=header), register, library)
    assert err.value.problems[0].line() == "rij 3, contractnummer: zaa-2026-017 staat ook in rij 2", err.value.report()
    assert register.count() == 0


def test_one_contract_number_with_two_lots_is_two_contracts(tmp_path: Path, register: RegisterStore,
                                                            library) -> None:
    rows, header = _numbered(ROWS[:2], ["ZAA-2026-017", "ZAA-2026-017"])
    rows = [[*rows[0], "1"], [*rows[1], "2"]]
    result = import_file(write_csv(tmp_path / "nr.csv", rows, header=[*header, "perceel"]), register, library)
    assert (result.added, register.count()) == (2, 2)


def test_an_organisation_spelled_with_an_extra_space_or_other_case_is_the_same_organisation(
        tmp_path: Path, register: RegisterStore, library) -> None:
    # FINDINGS4 F15: "Gemeente  Zaanstad" was a second contract and the region total counted it twice
    rows, header = _numbered(ROWS[:1], ["ZAA-2026-017"])
    import_file(write_csv(tmp_path / "one.csv", rows, header=header), register, library)
    again = [list(rows[0])]
    again[0][0], again[0][9] = "gemeente  Zaanstad ", "1.260.000"
    result = import_file(write_csv(tmp_path / "one2.csv", again, header=header), register, library)
    assert (result.added, result.updated, register.count()) == (0, 1, 1)
    report = summarise(register.records(), CountingRule(), 2025)
    assert list(report.organisations) == ["Gemeente Zaanstad"]
    assert report.region.in_scope_eur == 1_260_000
    assert [r.title for r in register.records("GEMEENTE   zaanstad")] == ["Kantoormeubilair stadhuis"]


def test_one_contract_number_in_two_lists_imported_together_with_other_data_is_refused(
        tmp_path: Path, register: RegisterStore, library) -> None:
    from tender_assistant.monitoring.importer import import_files

    rows, header = _numbered(ROWS[:1], ["ZAA-2026-017"])
    other, _ = _numbered(ROWS[1:2], ["ZAA-2026-017"])
    files = [write_csv(tmp_path / "a.csv", rows, header=header), write_csv(tmp_path / "b.csv", other, header=header)]
    with pytest.raises(ImportProblems) as err:
        import_files(files, register, library)
    assert err.value.problems[0].line().startswith("Schoonmaak kantoren (Gemeente Zaanstad): hetzelfde contract")
    assert register.count() == 0
    result = import_files([files[0], files[0]], register, library)  # the same list twice: one contract, no problem
    assert (result.added, register.count()) == (1, 1)
