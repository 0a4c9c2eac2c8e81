"""A Criterion is parsed at the boundaries: whatever a pack, a database row or a form holds, the criterion that
comes out has a Kind, a Level and a Status, so no code has to convert them again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from criteria_library.errors import PackError
from criteria_library.infra.text import bad_char_problem
from criteria_library.models import Criterion, Kind, Level, Status
from criteria_library.pack_export import export_pack
from criteria_library.pack_reading import read_pack
from criteria_library.store import LibraryStore
from criteria_library.validation import (
    CRITERION_TEXT_FIELDS,
    MAX_SHORT_TEXT,
    MAX_TEXT,
    TEXT_FIELDS,
    _plain_pairs,
    _plain_record,
    _text_shape,
    criterion_from_fields,
    criterion_problems,
    criterion_shape_problems,
)


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


# ---------------------------------------------------------------- the quick look at the usual record (issue 24)
# Validation looks at a whole record at once and checks field by field only when that look finds something: these
# properties hold the look to exactly the field-by-field rules, so no refusal and no message can go missing.
_EDGES = ["", " ", "a\rb", "a\nb", "a\r\nb", "a\tb", "\u2028", "é € ’ 😀", "\u00a0", "a\x85", "\x7f", "\x00", "\x1f",
          "\ud800", "\uffff", "\ufffe", "x" * 100, "x" * 101, "x" * MAX_SHORT_TEXT, "x" * (MAX_SHORT_TEXT + 1),
          "x" * MAX_TEXT, "x" * (MAX_TEXT + 1), "x" * (MAX_TEXT - 1) + "\n", "x" * (MAX_TEXT - 1) + "\r"]
_EDGE = st.sampled_from(range(len(_EDGES))).map(lambda i: _EDGES[i])  # by index: the strategy's repr stays short
_TRICKY = st.one_of(
    _EDGE, st.none(), st.integers(), st.lists(st.text(max_size=2), max_size=2),
    st.text(st.characters(exclude_categories=()), max_size=12),  # lone surrogates, controls, U+2028, anything
    st.text(st.sampled_from("ab é€\n\r\t\x00\x0b\x1b\x7f\x85\u00a0\u2028\ud800\ufffe\uffff"), max_size=8),
    st.tuples(_EDGE, _EDGE).map("".join),
)
_SHORT = _TRICKY.filter(lambda v: not isinstance(v, str) or len(v) < 2 * MAX_SHORT_TEXT)  # placeholders' limits


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(CRITERION_TEXT_FIELDS), _TRICKY, max_size=3))
def test_the_quick_look_at_a_pack_record_passes_only_what_every_field_check_passes(changes: dict) -> None:
    raw = {**{name: "Tekst" for name in CRITERION_TEXT_FIELDS}, **changes}  # mostly plain: the look's own path
    field_by_field = [p for name in CRITERION_TEXT_FIELDS if raw.get(name) is not None or name in ("id", "package", "kind")
                      for p in _text_shape(name, raw.get(name), single_line=name not in TEXT_FIELDS)]
    assert _plain_record(raw) == (not field_by_field)
    assert [p for p in criterion_shape_problems(raw) if p.where in CRITERION_TEXT_FIELDS] == field_by_field


def _pair_problems(pairs: dict, none_values: bool) -> list:
    return [p for name, value in pairs.items() for p in _text_shape("placeholders", name, single_line=True, limit=100)
            + ([] if value is None and none_values else
               _text_shape("placeholders", value, single_line=True, limit=MAX_SHORT_TEXT))]


def test_the_quick_looks_agree_with_the_field_checks_on_every_edge_in_every_place() -> None:
    for edge in [*_EDGES, None, 5, ["x"]]:
        for name in CRITERION_TEXT_FIELDS:
            raw = {**{n: "Tekst" for n in CRITERION_TEXT_FIELDS}, name: edge}
            expected = _text_shape(name, edge, single_line=name not in TEXT_FIELDS) \
                if edge is not None or name in ("id", "package", "kind") else []
            assert _plain_record(raw) == (not expected), (name, edge)
        for pairs in ({"jaren": edge}, {edge: "5"} if isinstance(edge, str) else {}, {"a": "5", "jaren": edge}):
            for none_values in (False, True):
                assert _plain_pairs(pairs, none_values=none_values) == (not _pair_problems(pairs, none_values)), pairs


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_SHORT.filter(lambda v: isinstance(v, str | int) or v is None), _SHORT, max_size=3),
       st.booleans())
def test_the_quick_look_at_placeholders_passes_only_what_every_name_and_value_check_passes(
        pairs: dict, none_values: bool) -> None:
    assert _plain_pairs(pairs, none_values=none_values) == (not _pair_problems(pairs, none_values))


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(TEXT_FIELDS), _TRICKY.filter(lambda v: isinstance(v, str)), min_size=1))
def test_the_library_check_names_each_text_field_with_a_refused_character_or_too_long(texts: dict[str, str]) -> None:
    c, _ = criterion_from_fields(_fields(**texts))
    assert c is not None
    expected = []
    for name in TEXT_FIELDS:
        value = getattr(c, name)
        if problem := bad_char_problem(value):
            expected.append((name, problem[0]))
        elif len(value) > MAX_TEXT:
            expected.append((name, f"is te lang ({len(value)} tekens, hoogstens {MAX_TEXT})"))
    found = [(p.where, p.nl) for p in criterion_problems(c) if p.nl.startswith(("bevat ", "is te lang ("))]
    assert found == expected


@pytest.mark.parametrize("path", ["title", "rationale", "clause", "verification", "source", "scoring_text",
                                  "updated_by", "placeholders.jaren", "placeholders"])
@pytest.mark.parametrize("bad", ["\x0b", "\ud800"])
def test_a_refused_character_in_any_text_of_a_pack_is_still_named_at_its_field(
        mini_pack: dict, tmp_path: Path, path: str, bad: str) -> None:
    raw = mini_pack["criteria"][0]
    raw["clause"] += " {{jaren}}"
    raw["placeholders"] = {"jaren": "5"}
    if path == "placeholders":  # the name of a placeholder
        raw["clause"] = raw["clause"].replace("{{jaren}}", "")
        raw["placeholders"] = {f"ja{bad}ren": "5"}
    elif path == "placeholders.jaren":
        raw["placeholders"]["jaren"] = f"5{bad}"
    else:
        raw[path] = f"tekst {bad} tekst"
    file = tmp_path / "p.json"
    file.write_text(json.dumps(mini_pack, ensure_ascii=True), encoding="utf-8")
    with pytest.raises(PackError) as caught:
        read_pack(file)
    label = {"placeholders.jaren": "Invulvelden"}.get(path)
    lines = [p for p in caught.value.problems if ("U+000B" if bad == "\x0b" else "U+D800") in p.nl]
    assert len(lines) == 1, caught.value.problems
    if label:
        assert f"veld '{label}'" in lines[0].where
