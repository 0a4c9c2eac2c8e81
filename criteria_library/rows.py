"""Row mapping: criteria and packages to and from their database rows, and the content difference of two versions."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import fields
from typing import Any, TypeVar

from .errors import DamagedRowError
from .models import (
    CONTENT_FIELDS,
    Criterion,
    Kind,
    Level,
    Package,
    Scoring,
    Status,
    placeholders_to_pack,
    scoring_to_dict,
)
from .validation import placeholders_from_pack, scoring_from_pack

# Criterion's field names, read once: dataclasses.fields() per row was a tenth of a 20k-row import's writing
_CRITERION_FIELDS = tuple(f.name for f in fields(Criterion))
# One encoder each, made once: json.dumps with options builds a new JSONEncoder on every call. Same output.
_PLACEHOLDERS_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
_SCORING_JSON = json.JSONEncoder(ensure_ascii=False).encode
_LIST_JSON = json.JSONEncoder().encode
# Enum members by value, for reading 20,000 rows: Kind(value) goes through EnumMeta.__call__ (a tenth of row reading).
# A value not found here still goes through the Enum call, which raises the same ValueError as before.
_KINDS: dict[object, Kind] = {k.value: k for k in Kind}
_LEVELS: dict[object, Level] = {lv.value: lv for lv in Level}
_STATUSES: dict[object, Status] = {st.value: st for st in Status}
_E = TypeVar("_E", Kind, Level, Status)


def _member(members: dict[object, _E], enum: type[_E], value: Any) -> _E:
    """The enum member with this value; anything else through the Enum call, for its usual ValueError."""
    found = members.get(value) if isinstance(value, str | int) else None  # a list from a damaged row is unhashable
    return found if found is not None else enum(value)


def criterion_to_row(c: Criterion, package_terms: str = "") -> dict[str, Any]:
    """A criterion as a database row."""
    # a flat copy: dataclasses.asdict deep-copies every value and dominated 20k-row imports
    row = {name: getattr(c, name) for name in _CRITERION_FIELDS}
    row["kind"] = c.kind.value
    row["status"] = c.status.value
    # one column holds the pack form: a bare default, or an object with the default and its label, unit and range
    row["placeholders"] = (_PLACEHOLDERS_JSON(placeholders_to_pack(c.placeholders, c.placeholder_meta)
                                              if c.placeholder_meta else c.placeholders)
                           if c.placeholders != {} or c.placeholder_meta else "{}")
    del row["placeholder_meta"]
    scoring = scoring_to_dict(c.scoring)
    row["scoring"] = _SCORING_JSON(scoring) if scoring is not None else None
    row["marktstandaard"] = 1 if c.marktstandaard else 0
    # most criteria have none of these: "[]"/"{}" as the encoders would write them, without a call each
    row["requires"] = _LIST_JSON(list(c.requires)) if c.requires else "[]"
    row["source_type"] = _LIST_JSON(list(c.source_type)) if c.source_type else "[]"
    row["package_terms"] = package_terms
    return row


def _scoring_from_column(value: Any, text: Any) -> tuple[Scoring | None, str]:
    """The scoring column (JSON, or a version-1 text in history written before migration 0003) and its text."""
    if isinstance(value, str) and value.lstrip().startswith("{"):
        scoring, _, _ = scoring_from_pack(json.loads(value))
        return scoring, text or ""
    if text is None and isinstance(value, str):
        return None, value
    return None, text or ""


def _json_list(value: str | None) -> Any:
    """A JSON list column; the empty list most rows hold without the parser (a search reads 50 rows a keystroke)."""
    return [] if not value or value == "[]" else json.loads(value)


def _source_type_from_column(value: Any) -> list[str]:
    """The source_type column (a JSON list); history and release bases written before migration 0007 lack it."""
    if isinstance(value, list):
        return [str(v) for v in value]
    if value == "[]":
        return []
    if isinstance(value, str) and value.strip():
        parsed = json.loads(value)
        return [str(v) for v in parsed] if isinstance(parsed, list) else []
    return []


def row_to_criterion(row: dict[str, Any] | sqlite3.Row) -> Criterion:
    """A database row as a criterion; DamagedRowError (a clear line, not a crash) when a stored value is invalid."""
    r = row if isinstance(row, dict) else dict(row)  # only read, so a dict needs no copy
    try:
        return _criterion_from_row(r)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:  # json errors are ValueErrors
        raise DamagedRowError(f"criterium {str(r.get('id', '?'))[:40]}", str(exc) or type(exc).__name__) from None


def _criterion_from_row(r: dict[str, Any]) -> Criterion:
    placeholders = r["placeholders"]
    defaults, meta, _ = placeholders_from_pack({} if not placeholders or placeholders == "{}" else json.loads(placeholders))
    scoring, scoring_text = _scoring_from_column(r.get("scoring"), r.get("scoring_text"))
    return Criterion(
        id=r["id"],
        package=r["package"],
        kind=_member(_KINDS, Kind, r["kind"]),
        level=_member(_LEVELS, Level, int(r["level"])),
        r_strategy=r["r_strategy"] or "",
        title=r["title"] or "",
        rationale=r["rationale"] or "",
        clause=r["clause"] or "",
        verification=r["verification"] or "",
        source=r["source"] or "",
        status=_member(_STATUSES, Status, r["status"]),
        version=int(r["version"]),
        placeholders=defaults,
        placeholder_meta=meta,
        weight_min=r["weight_min"],
        weight_max=r["weight_max"],
        scoring=scoring,
        scoring_text=scoring_text,
        marktstandaard=bool(r.get("marktstandaard") or 0),
        # absent in history rows, drafts and merge bases written before migration 0006, and in an older library
        # opened read-only
        requires=_json_list(r.get("requires")),
        source_type=_source_type_from_column(r.get("source_type")),
        created_at=r["created_at"] or "",
        updated_at=r["updated_at"] or "",
        updated_by=r["updated_by"] or "",
    )


def package_to_row(p: Package) -> dict[str, Any]:
    """A package as a database row."""
    row = {f.name: getattr(p, f.name) for f in fields(p)}
    row["cpv"] = json.dumps(p.cpv)
    row["synonyms"] = json.dumps(p.synonyms, ensure_ascii=False)
    return row


def row_to_package(row: dict[str, Any]) -> Package:
    """A database row as a package; DamagedRowError when a stored value is invalid."""
    try:
        return _package_from_row(row)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise DamagedRowError(f"pakket {str(row.get('slug', '?'))[:40]}", str(exc) or type(exc).__name__) from None


def _package_from_row(row: dict[str, Any]) -> Package:
    return Package(
        slug=row["slug"],
        name_nl=row["name_nl"] or "",
        name_en=row["name_en"] or "",
        prefix=row["prefix"] or "",
        cpv=json.loads(row["cpv"] or "[]"),
        synonyms=json.loads(row["synonyms"] or "[]"),
        description=row["description"] or "",
    )


def package_terms(p: Package) -> str:
    """Words that make a package's criteria findable: its names and synonyms."""
    return " ".join([p.name_nl, p.name_en, p.slug.replace("-", " "), *p.synonyms])


def content_diff(old: Criterion, new: Criterion) -> dict[str, tuple[Any, Any]]:
    """Fields a regisseur edits that differ between two versions: field -> (old, new)."""
    diff: dict[str, tuple[Any, Any]] = {}
    for name in CONTENT_FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if name in ("kind", "status"):
            a, b = str(a), str(b)
        elif name == "scoring":  # plain dicts, so reports can print them
            a, b = scoring_to_dict(a), scoring_to_dict(b)
        elif name == "placeholder_meta":
            a = {k: m.to_dict() for k, m in a.items()}
            b = {k: m.to_dict() for k, m in b.items()}
        if a != b:
            diff[name] = (a, b)
    return diff
