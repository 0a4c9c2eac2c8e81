"""A criterion's history in the library database: one row per stored version (part of the store's storage)."""

from __future__ import annotations

import json

from sqlite_utils import Database

from .models import Criterion, CriterionVersion
from .rows import criterion_to_row, row_to_criterion


def write_version(db: Database, c: Criterion, changed: list[str], note: str, *, replace_existing: bool = True) -> None:
    """Record c as a version inside the store's open transaction; replace_existing=False keeps a row already there."""
    payload = {k: v for k, v in criterion_to_row(c).items() if k != "package_terms"}
    db.execute(
        f"INSERT OR {'REPLACE' if replace_existing else 'IGNORE'} INTO criterion_versions (criterion_id, version, "
        "data, changed_at, changed_by, changed_fields, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [c.id, c.version, json.dumps(payload, ensure_ascii=False), c.updated_at, c.updated_by,
         json.dumps(changed), note],
    )


def versions(db: Database, current: Criterion) -> list[CriterionVersion]:
    """Every version of a criterion, newest first, the current one included."""
    rows = db.execute(
        "SELECT * FROM criterion_versions WHERE criterion_id = ? ORDER BY version DESC", [current.id]
    ).fetchall()
    found = [
        CriterionVersion(
            criterion_id=r["criterion_id"],
            version=r["version"],
            criterion=row_to_criterion(json.loads(r["data"])),
            changed_at=r["changed_at"] or "",
            changed_by=r["changed_by"] or "",
            changed_fields=json.loads(r["changed_fields"] or "[]"),
            note=r["note"] or "",
        )
        for r in rows
    ]
    if not found or found[0].version != current.version:
        # an imported criterion that was never edited has no history row yet: its current row is version 1
        found.insert(0, CriterionVersion(current.id, current.version, current, current.updated_at,
                                         current.updated_by, ["aangemaakt"], ""))
    return found


def stored_versions(db: Database, wanted: list[tuple[str, int]]) -> dict[str, Criterion]:
    """The criteria as they were at the given versions, for the (id, version) pairs that have a history row."""
    found: dict[str, Criterion] = {}
    for cid, version in wanted:
        row = db.execute("SELECT data FROM criterion_versions WHERE criterion_id = ? AND version = ?",
                         [cid, version]).fetchone()
        if row is not None:
            found[cid] = row_to_criterion(json.loads(row["data"]))
    return found
