"""Reading a library pack: the pack format, and a JSON/XLSX file read into a Pack with every field checked."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import cpv
from .errors import LibraryError, PackError
from .field_names import (
    CRITERION_LABELS,
    PACKAGE_LABELS,
    header_fields,
    record_place,
    row_place,
    with_field,
)
from .infra import strict_json
from .infra.collector import collector_paused
from .infra.files import read_regular, require_regular
from .infra.problems import Problem, Problems
from .infra.spreadsheets import SheetError, all_rows, is_blank, open_workbook
from .infra.text import shown
from .models import Criterion, Package, Status
from .validation import (
    criterion_from_fields,
    criterion_shape_problems,
    package_problems,
    package_shape_problems,
    placeholders_from_pack,
    scoring_from_pack,
)

PACK_FORMAT = "tender-assistant.library"
PACK_VERSION = 2
# Version 1 packs hold `scoring` as text and placeholders as bare defaults; they still import.
READABLE_PACK_VERSIONS = (1, 2)
MAX_PACK_BYTES = 40 * 1024 * 1024
PACKAGE_FIELDS = ["slug", "name_nl", "name_en", "prefix", "cpv", "synonyms", "description"]
CRITERION_REQUIRED = ["id", "package", "kind", "level", "r_strategy", "title", "rationale", "clause",
                      "verification", "source"]
CRITERION_FIELDS = CRITERION_REQUIRED + ["status", "version", "placeholders", "weight_min", "weight_max", "scoring",
                                         "scoring_text", "marktstandaard", "requires", "source_type",
                                         "created_at", "updated_at",
                                         "updated_by"]
XLSX_PACKAGE_SHEETS = ("pakketten", "packages")
XLSX_CRITERIA_SHEETS = ("criteria",)
XLSX_REQUIRED_PACKAGE_COLUMNS = ["slug", "name_nl", "name_en"]

Progress = Callable[[int, int], None]
# Where a problem is, in Dutch and English ("criterium 2 (MEU-M-01), veld 'Ambitieniveau'"), given a field name
Where = Callable[[str], tuple[str, str]]


class Cancelled(Exception):
    """Raised from a progress callback to stop an import or export; nothing is changed."""


@dataclass
class Pack:
    """A library pack as read from a file: packages and criteria, already checked field by field."""

    packages: list[Package] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)
    source: Path | None = None


def read_pack(path: Path | str) -> Pack:
    """Read and validate a pack file (.json or .xlsx); PackError lists every problem with its place."""
    path = Path(path)
    if not path.exists():
        raise LibraryError(f"Bestand niet gevonden: {path}", en=f"File not found: {path}")
    if path.is_dir():
        raise LibraryError(f"{path} is een map, geen pakketbestand.", en=f"{path} is a folder, not a pack file.")
    size = path.stat().st_size
    if size > MAX_PACK_BYTES:
        mb = size / 1024 / 1024
        raise LibraryError(
            f"{path.name} is te groot voor een bibliotheekpakket ({mb:.0f} MB; hoogstens {MAX_PACK_BYTES // 2**20} MB).",
            en=f"{path.name} is too large for a library pack ({mb:.0f} MB; at most {MAX_PACK_BYTES // 2**20} MB).",
        )
    require_regular(path, MAX_PACK_BYTES, ("pakketbestand", "pack file"), error=LibraryError)  # not a pipe or device
    suffix = path.suffix.lower()
    if suffix not in (".json", ".xlsx", ".xlsm"):
        raise LibraryError(
            f"{path.name}: onbekend bestandstype '{suffix}'; kies een .json- of .xlsx-pakket.",
            en=f"{path.name}: unknown file type '{suffix}'; choose a .json or .xlsx pack.",
        )
    with collector_paused():  # the objects made all stay alive: the collector's passes would free nothing
        pack = _read_json(path) if suffix == ".json" else _read_xlsx(path)
    pack.source = path
    return pack


def _read_json(path: Path) -> Pack:
    try:
        text = read_regular(path, MAX_PACK_BYTES, ("pakketbestand", "pack file"), error=LibraryError).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackError([Problem(path.name, "het bestand is geen UTF-8-tekst (geen JSON-pakket)",
                                 "the file is not UTF-8 text (not a JSON pack)")]) from exc
    return pack_from_dict(parse_json_text(text, path.name), path.name)


def parse_json_text(text: str, name: str) -> Any:
    """JSON text as Python values; PackError with the place for invalid JSON, NaN or Infinity, numbers of
    thousands of digits and nesting deeper than Python can follow."""
    try:
        return strict_json.loads(text)
    except strict_json.JsonTextError as exc:
        raise PackError([Problem(f"{name} {exc.place()}".rstrip(), exc.nl, exc.en,
                                 f"{name} {exc.place('en')}".rstrip())]) from None


def pack_from_dict(data: Any, name: str = "pakket") -> Pack:
    """Validate a pack already parsed from JSON; PackError lists every problem with its JSON path."""
    problems = PackProblems()
    if not isinstance(data, dict) or data.get("format") != PACK_FORMAT:
        raise PackError([Problem(name, f"dit is geen bibliotheekpakket (\"format\": \"{PACK_FORMAT}\" ontbreekt)",
                                 f"this is not a library pack (\"format\": \"{PACK_FORMAT}\" is missing)")])
    version = data.get("version")
    if isinstance(version, bool) or version not in READABLE_PACK_VERSIONS:
        raise PackError([Problem(
            f"{name} veld 'version'", f"pakketversie {shown(version)} wordt niet ondersteund (verwacht 1 of "
            f"{PACK_VERSION}); werk Tender Assistant bij", f"pack version {shown(version)} is not supported (expected 1 "
            f"or {PACK_VERSION}); update Tender Assistant", f"{name} field 'version'")])
    packages_raw = data.get("packages", [])
    criteria_raw = data.get("criteria", [])
    if not isinstance(packages_raw, list):
        problems.add(("onderdeel 'packages'", "part 'packages'"), "moet een lijst zijn", "must be a list")
        packages_raw = []
    if not isinstance(criteria_raw, list):
        problems.add(("onderdeel 'criteria'", "part 'criteria'"), "moet een lijst zijn", "must be a list")
        criteria_raw = []
    packages: list[tuple[Package, Where]] = []
    for i, raw in enumerate(packages_raw):
        where = _json_where("packages", i, raw)
        if (pkg := _package_from_raw(raw, where, problems)) is not None:
            packages.append((pkg, where))
    criteria: list[Criterion] = []
    ids: list[tuple[str, Where]] = []
    for i, raw in enumerate(criteria_raw):
        where = _json_where("criteria", i, raw)
        if (c := _criterion_from_raw(raw, where, problems, ids)) is not None:
            criteria.append(c)
    _check_pack_wide(packages, ids, problems)
    problems.raise_if_any(name)
    return Pack(packages=[p for p, _ in packages], criteria=criteria)


def _json_where(kind: str, index: int, raw: Any) -> Where:
    """The place of a field of the index-th package or criterion: "criterium 2 (MEU-M-01), veld 'Titel'"."""
    key = raw.get("slug" if kind == "packages" else "id") if isinstance(raw, dict) else None

    def where(field_name: str) -> tuple[str, str]:
        return (with_field(record_place(kind, index + 1, key), field_name),
                with_field(record_place(kind, index + 1, key, "en"), field_name, lang="en"))
    return where


class PackProblems(Problems):
    """Problems found in a pack, raised together as one PackError with the file name before each place."""

    def raise_if_any(self, name: str) -> None:
        """Raise one PackError with every problem, each placed after the file name; nothing when there are none."""
        if self:
            raise PackError([Problem(f"{name} {p.place('nl')}", p.nl, p.en, f"{name} {p.place('en')}") for p in self])


def _as_str_list(value: Any) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _package_from_raw(raw: Any, where: Where, problems: PackProblems) -> Package | None:
    if not isinstance(raw, dict):
        problems.add(where(""), "moet een object zijn", "must be an object")
        return None
    missing = [f for f in ("slug", "name_nl", "name_en") if f not in raw]
    for f in missing:
        problems.add(where(f), "verplicht veld ontbreekt", "required field is missing")
    if missing:
        return None
    if _add_all(package_shape_problems(raw), where, problems):
        return None
    pkg = Package(
        slug=raw["slug"], name_nl=raw["name_nl"], name_en=raw["name_en"], prefix=raw.get("prefix", "") or "",
        # Excel packs hold a list in one cell, items trimmed and blanks left out: the same for JSON packs
        cpv=_items(raw.get("cpv")), synonyms=_items(raw.get("synonyms")),
        description=_lines(raw.get("description") or ""),
    )
    for p in package_problems(pkg, known_cpv=cpv.catalogue().codes):
        problems.add(where(p.where), p.nl, p.en)
    return pkg


def _criterion_from_raw(raw: Any, where: Where, problems: PackProblems, ids: list[tuple[str, Where]]) -> Criterion | None:
    """The criterion a pack record describes, or None; its problems go to problems, and the id of every record
    that has the right shape to ids (for the duplicate check, also when its kind, level or status is wrong)."""
    if not isinstance(raw, dict):
        problems.add(where(""), "moet een object zijn", "must be an object")
        return None
    missing = [f for f in CRITERION_REQUIRED if f not in raw or raw[f] is None]
    for f in missing:
        problems.add(where(f), "verplicht veld ontbreekt", "required field is missing")
    if missing:
        return None
    if _add_all(criterion_shape_problems(raw), where, problems):
        return None
    ids.append((raw["id"], where))
    defaults, meta, shape_problems = placeholders_from_pack(raw.get("placeholders") or {})
    scoring, legacy_text, scoring_problems = scoring_from_pack(raw.get("scoring"))
    scoring_text = raw.get("scoring_text")
    if scoring_text is None:
        scoring_text = legacy_text or ""
    elif legacy_text and not str(scoring_text).strip():
        scoring_text = legacy_text
    for p in shape_problems + scoring_problems:
        problems.add(where(p.where), p.nl, p.en)
    c, found = criterion_from_fields(dict(
        id=raw["id"], package=raw["package"], kind=raw["kind"], level=raw["level"], r_strategy=raw["r_strategy"],
        title=_lines(raw["title"]), rationale=_lines(raw["rationale"]), clause=_lines(raw["clause"]),
        verification=_lines(raw["verification"]), source=_lines(raw["source"]),
        status=raw.get("status", Status.PUBLISHED.value), version=raw.get("version", 1),
        # Excel packs hold one name=value per line, trimmed: trim here too, so both forms read the same
        placeholders={k: v.strip() if isinstance(v, str) else v for k, v in defaults.items()}, placeholder_meta=meta,
        weight_min=raw.get("weight_min"), weight_max=raw.get("weight_max"), scoring=scoring,
        scoring_text=_lines(scoring_text), marktstandaard=raw.get("marktstandaard", False),
        requires=_items(raw.get("requires")),
        source_type=list(raw.get("source_type") or []),
        created_at=raw.get("created_at") or "", updated_at=raw.get("updated_at") or "",
        updated_by=raw.get("updated_by") or "",
    ), shape_checked=True)
    for p in found:
        problems.add(where(p.where), p.nl, p.en)
    return c


def _add_all(found: list[Any], where: Where, problems: PackProblems) -> bool:
    """Add validation problems at their place; True when there were any."""
    for p in found:
        problems.add(where(p.where), p.nl, p.en)
    return bool(found)


def _items(values: list[str] | None) -> list[str]:
    return [v.strip() for v in values or [] if v.strip()]


def _lines(text: str) -> str:
    """Text with Windows and old Mac line ends as plain new lines (an Excel cell would turn them into these)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _check_pack_wide(packages: list[tuple[Package, Where]], criteria: list[tuple[str, Where]],
                     problems: PackProblems) -> None:
    seen_slugs: set[str] = set()
    seen_prefixes: dict[str, str] = {}
    for p, where in packages:
        if p.slug in seen_slugs:
            problems.add(where("slug"), f"pakket '{shown(p.slug)}' staat er twee keer in",
                         f"package '{shown(p.slug)}' occurs twice")
        seen_slugs.add(p.slug)
        if p.prefix and seen_prefixes.setdefault(p.prefix, p.slug) != p.slug:
            problems.add(where("prefix"),
                         f"voorvoegsel '{shown(p.prefix)}' is al van pakket '{shown(seen_prefixes[p.prefix])}'",
                         f"prefix '{shown(p.prefix)}' already belongs to package '{shown(seen_prefixes[p.prefix])}'")
    seen_ids: dict[str, Where] = {}  # the place is written only for a duplicate: 20,000 places cost a second
    for cid, where in criteria:
        if cid in seen_ids:
            first_nl, first_en = seen_ids[cid]("")
            problems.add(where("id"), f"code '{shown(cid)}' komt twee keer voor (ook bij {first_nl})",
                         f"id '{shown(cid)}' occurs twice (also at {first_en})")
        else:
            seen_ids[cid] = where


MAX_XLSX_ROWS = 100_000
MAX_XLSX_COLUMNS = 64


def _xlsx_problem(name: str, nl: str, en: str) -> PackError:
    return PackError([Problem(name, nl, en)])


@dataclass
class _Sheet:
    title: str
    header: list[str]
    rows: list[tuple[int, tuple[Any, ...]]]  # (row number, values), blank rows left out


def _load_sheets(workbook: Any, name: str) -> dict[str, _Sheet]:
    """Every sheet's header and rows, read with openpyxl in streaming mode; nothing is checked here."""
    sheets: dict[str, _Sheet] = {}
    for ws in workbook.worksheets:
        key = ws.title.strip().lower()
        if key not in XLSX_PACKAGE_SHEETS + XLSX_CRITERIA_SHEETS or key in sheets:
            continue
        rows = all_rows(ws, max_col=MAX_XLSX_COLUMNS)
        header_values = next(rows, None)
        header = [str(h).strip() if h is not None else "" for h in header_values or ()]
        while header and not header[-1]:
            header.pop()
        body: list[tuple[int, tuple[Any, ...]]] = []
        for row_no, values in enumerate(rows, start=2):
            if row_no > MAX_XLSX_ROWS:
                raise _xlsx_problem(f"{name} blad {shown(ws.title)}", f"het blad heeft te veel rijen "
                                    f"(meer dan {MAX_XLSX_ROWS}); splits het pakket",
                                    f"the sheet has too many rows (more than {MAX_XLSX_ROWS}); split the pack")
            if values is None or is_blank(values):
                continue
            body.append((row_no, tuple(values[: len(header)])))
        sheets[key] = _Sheet(ws.title, header, body) if header_values is not None else _Sheet(ws.title, [], [])
    return sheets


def _read_xlsx(path: Path) -> Pack:
    try:
        with open_workbook(path) as workbook:  # refuses a zip bomb before openpyxl reads anything
            sheets = _load_sheets(workbook, path.name)
    except SheetError as exc:  # a zip bomb or no workbook: refused before openpyxl reads anything
        hint = ("; splits het pakket", "; split the pack") if exc.too_big else ("", "")
        raise _xlsx_problem(path.name, exc.nl + hint[0], exc.en + hint[1]) from None
    except LibraryError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises whatever its XML and zip layers raise on damaged parts
        raise _xlsx_problem(path.name, f"het Excel-werkboek is beschadigd en kan niet worden gelezen "
                            f"({shown(type(exc).__name__)}: {shown(str(exc), 120)})",
                            f"the Excel workbook is damaged and cannot be read ({shown(type(exc).__name__)}: "
                            f"{shown(str(exc), 120)})") from exc
    problems = PackProblems()
    pkg_sheet = next((sheets[n] for n in XLSX_PACKAGE_SHEETS if n in sheets), None)
    crit_sheet = next((sheets[n] for n in XLSX_CRITERIA_SHEETS if n in sheets), None)
    if pkg_sheet is None or crit_sheet is None:
        raise _xlsx_problem(path.name, "dit is geen bibliotheekpakket: de bladen 'Pakketten' en 'Criteria' ontbreken",
                            "this is not a library pack: the sheets 'Pakketten' and 'Criteria' are missing")
    pkg_columns, pkg_rows = _sheet_rows(pkg_sheet, PACKAGE_LABELS, XLSX_REQUIRED_PACKAGE_COLUMNS, problems)
    crit_columns, crit_rows = _sheet_rows(crit_sheet, CRITERION_LABELS, CRITERION_REQUIRED, problems)
    problems.raise_if_any(path.name)
    packages: list[tuple[Package, Where]] = []
    for row_no, raw in pkg_rows:
        where = _xlsx_where(pkg_sheet.title, row_no, pkg_columns)
        pkg = _package_from_raw(_coerce_xlsx_package(raw), where, problems)
        if pkg is not None:
            packages.append((pkg, where))
    criteria: list[Criterion] = []
    ids: list[tuple[str, Where]] = []
    for row_no, raw in crit_rows:
        where = _xlsx_where(crit_sheet.title, row_no, crit_columns)
        c = _criterion_from_raw(_coerce_xlsx_criterion(raw, where, problems), where, problems, ids)
        if c is not None:
            criteria.append(c)
    _check_pack_wide(packages, ids, problems)
    problems.raise_if_any(path.name)
    return Pack(packages=[p for p, _ in packages], criteria=criteria)


def _xlsx_where(title: str, row_no: int, columns: dict[str, str]) -> Where:
    """The place of a cell: "blad Criteria, rij 5, kolom 'Ambitieniveau'", the column named as in the file."""
    sheet = shown(title)

    def where(field_name: str) -> tuple[str, str]:
        header = columns.get(field_name.partition(".")[0]) if field_name else None
        header = shown(header, 40) if header is not None else None
        return (with_field(row_place(sheet, row_no), field_name, column=True, header=header),
                with_field(row_place(sheet, row_no, "en"), field_name, column=True, header=header, lang="en"))
    return where


def _sheet_rows(sheet: _Sheet, labels: dict[str, tuple[str, str]], required: list[str],
                problems: PackProblems) -> tuple[dict[str, str], list[tuple[int, dict[str, Any]]]]:
    """(field -> the column's header as written, rows as field -> value); a header is the Dutch label or, in
    older packs, the English field name, in any case and with spaces around it."""
    title = shown(sheet.title)
    if not sheet.header:
        problems.add((f"blad {title}", f"sheet {title}"), "het blad is leeg", "the sheet is empty")
        return {}, []
    known = header_fields(labels)
    fields: list[str] = []  # per column: its field, or "" for a column the pack does not use
    columns: dict[str, str] = {}
    for header in sheet.header:
        name = known.get(header.strip().casefold(), "")
        if name and name in columns:
            problems.add((f"blad {title}, rij 1", f"sheet {title}, row 1"),
                         f"kolom '{shown(header, 40)}' staat er twee keer in (ook als '{shown(columns[name], 40)}')",
                         f"column '{shown(header, 40)}' occurs twice (also as '{shown(columns[name], 40)}')")
            name = ""
        elif name:
            columns[name] = header
        fields.append(name)
    missing = [c for c in required if c not in columns]
    for c in missing:
        nl, en = labels[c]
        problems.add((f"blad {title}, rij 1", f"sheet {title}, row 1"), f"kolom '{nl}' ontbreekt (is hij hernoemd?)",
                     f"column '{en}' is missing (was it renamed?)")
    if missing:
        return columns, []
    return columns, [(row_no, {f: val for f, val in zip(fields, values, strict=False) if f})
                     for row_no, values in sheet.rows]


def _coerce_xlsx_package(raw: dict[str, Any]) -> dict[str, Any]:
    """Lists are one cell with ';' or new lines between the items; numbers typed in text cells become text."""
    out = dict(raw)
    out["cpv"] = _split_list(raw.get("cpv"))
    out["synonyms"] = _split_list(raw.get("synonyms"))
    for name in ("slug", "name_nl", "name_en", "prefix", "description"):
        value = out.get(name)
        if value is not None and not isinstance(value, str):
            out[name] = _cell_text(value)
    return out


def _cell_text(value: Any) -> str:
    """A number or date cell in a text column, as the text the user sees."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _split_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [part.strip() for part in str(value).replace("\n", ";").split(";") if part.strip()]


def _json_cell(value: str, field_name: str, where: Where, problems: PackProblems) -> Any:
    """A cell holding a JSON object (structured scoring, placeholders with details)."""
    try:
        return strict_json.loads(value)
    except strict_json.JsonTextError as exc:
        place_nl, place_en = (f" ({exc.place()})", f" ({exc.place('en')})") if exc.line else ("", "")
        problems.add(where(field_name), f"in de cel{place_nl}: {exc.nl}", f"in the cell{place_en}: {exc.en}")
        return None


def _coerce_xlsx_criterion(raw: dict[str, Any], where: Where, problems: PackProblems) -> dict[str, Any]:
    """Excel gives numbers as floats and empty cells as None; turn them into what JSON packs hold."""
    out = {k: v for k, v in raw.items()}
    for name in ("level", "version", "weight_min", "weight_max"):
        value = out.get(name)
        if isinstance(value, float) and value.is_integer():
            out[name] = int(value)
        elif isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,18}", value.strip()):
            out[name] = int(value.strip())
        elif isinstance(value, str) and not value.strip():
            out[name] = None
    for name in ("title", "rationale", "clause", "verification", "source", "scoring", "scoring_text", "id", "package",
                 "kind", "r_strategy", "status", "created_at", "updated_at", "updated_by"):
        value = out.get(name)
        if value is not None and not isinstance(value, str):
            out[name] = _cell_text(value)
    scoring = out.get("scoring")
    if isinstance(scoring, str) and scoring.lstrip().startswith("{"):
        out["scoring"] = _json_cell(scoring, "scoring", where, problems)
    out["requires"] = _split_list(out.get("requires"))
    flag = out.get("marktstandaard")
    if flag is None or (isinstance(flag, str) and not flag.strip()):
        out["marktstandaard"] = False
    elif isinstance(flag, str) and flag.strip().lower() in ("ja", "true", "waar", "1", "nee", "false", "onwaar", "0"):
        out["marktstandaard"] = flag.strip().lower() in ("ja", "true", "waar", "1")
    elif isinstance(flag, int | float) and not isinstance(flag, bool) and flag in (0, 1):
        out["marktstandaard"] = bool(flag)
    kinds = out.get("source_type")
    if kinds is None or isinstance(kinds, str):  # one cell: 'eu-gpp; norm'
        out["source_type"] = _split_list(kinds)
    placeholders = out.get("placeholders")
    if isinstance(placeholders, str) and placeholders.lstrip().startswith("{"):
        out["placeholders"] = _json_cell(placeholders, "placeholders", where, problems) or {}
    elif isinstance(placeholders, str):
        out["placeholders"] = _placeholder_cell(placeholders)
    elif placeholders is None:
        out["placeholders"] = {}
    if out.get("status") is None:
        out.pop("status", None)
    if out.get("version") is None:
        out.pop("version", None)
    return out


def _placeholder_cell(text: str) -> dict[str, str] | list[str]:
    """One name=value per line; a line without '=' leaves the text as is, so the shape check reports it."""
    pairs: dict[str, str] = {}
    for line in text.split("\n"):  # not splitlines(): that also splits on U+2028 and other separators
        if "=" in line:
            key, _, val = line.partition("=")
            pairs[key.strip()] = val.strip()
        elif line.strip():
            return [text]
    return pairs
