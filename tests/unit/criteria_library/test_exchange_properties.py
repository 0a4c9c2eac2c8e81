"""Property-based tests for packs: what import accepts, export writes (JSON and XLSX) and import reads back the same;
whatever a pack holds, reading it gives a pack or a clear PackError, and an accepted pack always imports."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from criteria_library.errors import LibraryError, PackError
from criteria_library.models import CONTENT_FIELDS, R_STRATEGIES, Criterion, Kind, Status
from criteria_library.pack_export import export_pack
from criteria_library.pack_import import apply_import, plan_import
from criteria_library.pack_reading import pack_from_dict, read_pack
from criteria_library.store import LibraryStore
from criteria_library.validation import MAX_VERSION

SETTINGS = settings(max_examples=int(os.environ.get("PACK_EXAMPLES", "25")), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                          HealthCheck.function_scoped_fixture])

# Letters people type plus what has broken packs before: formula starts, the separators Excel packs use, line ends
# of every kind, tabs, braces, accents, emoji, right-to-left and zero-width characters, U+2028.
TRICKY = "=+-@;\t\n\r {}'\"\\<>&éëïçß€ 😀\u200b\u202e\u2028\u2029\u00a0\ufeff"
# and what a pack must refuse: control characters, DEL and C1, a lone surrogate, the non-characters
BAD = "\x1b\x00\x07\x0b\x7f\x85\ud800\udfff\uffff"
text_chars = st.one_of(st.sampled_from("abcdefghij KLMNOP 0123456789.,"), st.sampled_from(TRICKY),
                       st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")))
any_chars = st.one_of(text_chars, st.sampled_from(BAD))


def texts(min_size: int = 1, max_size: int = 40, chars: st.SearchStrategy[str] = text_chars) -> st.SearchStrategy[str]:
    return st.text(chars, min_size=min_size, max_size=max_size)


@st.composite
def criteria(draw: st.DrawFn, index: int) -> dict[str, Any]:
    kind = draw(st.sampled_from(list(Kind)))
    names = draw(st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), max_size=3, unique=True))
    clause = draw(texts()) + "".join(f" {{{{{n}}}}} " + draw(texts(0, 10)) for n in names)
    raw: dict[str, Any] = {
        "id": f"MEU-{kind.letter}-{index + 1:02d}", "package": "meubilair", "kind": kind.value,
        "level": draw(st.integers(1, 3)), "r_strategy": draw(st.sampled_from(list(R_STRATEGIES))),
        "title": draw(texts(1, 60)), "rationale": draw(texts()), "clause": clause,
        "verification": draw(texts()), "source": draw(texts()),
        "status": draw(st.sampled_from(list(Status))).value,
        "version": draw(st.one_of(st.integers(1, 5), st.just(MAX_VERSION))),
        "placeholders": {n: draw(texts(1, 12)) for n in names},
    }
    if kind is Kind.AWARD:
        low = draw(st.integers(0, 100))
        raw.update(weight_min=low, weight_max=draw(st.integers(low, 100)), scoring=draw(texts()))
    return raw


@st.composite
def packs(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(1, 4))
    return {
        "format": "tender-assistant.library", "version": 1,
        "packages": [{"slug": "meubilair", "name_nl": draw(texts()), "name_en": draw(texts()), "prefix": "MEU",
                      "cpv": ["39100000-3"], "synonyms": draw(st.lists(texts(1, 15), max_size=3)),
                      "description": draw(texts(0, 40))}],
        "criteria": [draw(criteria(i)) for i in range(count)],
    }


def _content(c: Criterion) -> tuple:
    return (c.id, c.version, *(getattr(c, f) for f in CONTENT_FIELDS))


def _read_or_none(data: dict[str, Any]):
    try:
        return pack_from_dict(data)
    except LibraryError:
        return None


@SETTINGS
@given(packs())
def test_what_import_accepts_export_writes_and_import_reads_back(data: dict[str, Any]) -> None:
    pack = _read_or_none(data)
    assume(pack is not None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = LibraryStore.open(folder / "lib.db")
        try:
            # trusted: the round trip is about content, so statuses come in as the pack says
            apply_import(store, plan_import(store, pack, trusted=True), backup=False)
            stored = store.criteria()
            assert sorted(map(_content, stored)) == sorted(map(_content, pack.criteria))
            for suffix in (".json", ".xlsx"):
                out = folder / f"export{suffix}"
                export_pack(store, out)
                again = read_pack(out)
                assert sorted(map(_content, again.criteria)) == sorted(map(_content, pack.criteria)), suffix
                assert again.packages == pack.packages, suffix
                assert not plan_import(store, again).has_changes, suffix
        finally:
            store.close()


# Any JSON value, including the shapes that used to end in "onverwacht": lists and objects where text belongs,
# huge and negative integers, floats, booleans, lone surrogates and control characters.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=False)
    | texts(0, 20, any_chars) | st.integers(2**62, 2**64),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts(1, 8, any_chars), inner, max_size=3),
    max_leaves=8,
)
FIELDS = ["id", "package", "kind", "level", "r_strategy", "title", "rationale", "clause", "verification", "source",
          "status", "version", "placeholders", "weight_min", "weight_max", "scoring", "created_at", "updated_at",
          "updated_by"]
PACKAGE_FIELDS = ["slug", "name_nl", "name_en", "prefix", "cpv", "synonyms", "description"]


@SETTINGS
@given(packs(), st.lists(st.tuples(st.booleans(), st.sampled_from(FIELDS + PACKAGE_FIELDS), json_values),
                         min_size=1, max_size=4))
def test_any_field_value_gives_a_pack_or_a_clear_error_and_accepted_packs_import(
        data: dict[str, Any], changes: list[tuple[bool, str, Any]]) -> None:
    for in_package, name, value in changes:
        if in_package and name in PACKAGE_FIELDS:
            data["packages"][0][name] = value
        elif not in_package and name in FIELDS:
            data["criteria"][0][name] = value
    text = json.dumps(data, ensure_ascii=True)  # as a file holds it: lone surrogates as \ud800 escapes
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pack.json"
        path.write_text(text, encoding="utf-8")
        try:
            pack = read_pack(path)
        except LibraryError as exc:
            report = exc.report() if hasattr(exc, "report") else str(exc)
            assert report and "\x1b" not in report and "\u2028" not in report
            return
        # the dry run accepted it: the import must succeed too
        store = LibraryStore.open(Path(tmp) / "lib.db")
        try:
            try:
                plan = plan_import(store, pack)
            except LibraryError:
                return  # refused before anything is written, as the dry run would have been
            apply_import(store, plan, backup=False)
            export_pack(store, Path(tmp) / "out.xlsx")
            export_pack(store, Path(tmp) / "out.json")
        finally:
            store.close()


@settings(max_examples=int(os.environ.get("PACK_EXAMPLES", "30")), deadline=None)
@given(st.data())
def test_damaged_xlsx_gives_a_clear_error(data: st.DataObject) -> None:
    original = _exported_xlsx()
    raw = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "damaged.xlsx"
        path.write_bytes(bytes(raw))
        try:
            pack = read_pack(path)
        except LibraryError as exc:  # a clear error that names the file; anything else fails the test
            shown = exc.report() if isinstance(exc, PackError) else str(exc)
            assert "damaged.xlsx" in shown and "onverwacht" not in shown
            return
    # zipfile checks every part's CRC, so a workbook that still reads is the one we wrote (a date or comment hit)
    assert [(c.id, c.title, c.placeholders) for c in pack.criteria] == _exported_criteria()


_XLSX_CACHE: list[bytes] = []


def _exported_criteria() -> list[tuple[str, str, dict]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "good.xlsx"
        path.write_bytes(_exported_xlsx())
        return [(c.id, c.title, c.placeholders) for c in read_pack(path).criteria]


def _exported_xlsx() -> bytes:
    if not _XLSX_CACHE:
        with tempfile.TemporaryDirectory() as tmp:
            store = LibraryStore.open(Path(tmp) / "lib.db")
            mini = Path(__file__).parents[2] / "data" / "mini_pack.json"
            apply_import(store, plan_import(store, read_pack(mini)), backup=False)
            export_pack(store, Path(tmp) / "x.xlsx")
            store.close()
            _XLSX_CACHE.append((Path(tmp) / "x.xlsx").read_bytes())
    return _XLSX_CACHE[0]
