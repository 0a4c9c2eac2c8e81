"""A criterion's history in the library database: one row per stored version, with who wrote, submitted and approved
it (part of the store's storage)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from sqlite_utils import Database

from .models import Criterion, CriterionVersion, Person
from .rows import criterion_to_row, row_to_criterion

ROLES = ("author", "submitter", "approver")
Roles = dict[str, Person]


def write_version(db: Database, c: Criterion, changed: list[str], note: str, *, by: Person | None = None,
                  roles: Roles | None = None, replace_existing: bool = True) -> None:
    """Record c as a version inside the store's open transaction, changed by `by` (default: c.updated_by, account
    unknown), with the people in each role; replace_existing=False keeps a row already there."""
    payload = {k: v for k, v in criterion_to_row(c).items() if k != "package_terms"}
    db.execute(
        f"INSERT OR {'REPLACE' if replace_existing else 'IGNORE'} INTO criterion_versions (criterion_id, version, "
        "data, changed_at, changed_by, changed_fields, note, account, roles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [c.id, c.version, json.dumps(payload, ensure_ascii=False), c.updated_at, by.name if by else c.updated_by,
         json.dumps(changed), note, by.account if by else "", roles_json(roles)],
    )


def roles_json(roles: Roles | None) -> str | None:
    """The people per role as stored: role -> [name, account]."""
    if not roles:
        return None
    return json.dumps({role: [p.name, p.account] for role, p in roles.items()}, ensure_ascii=False)


def _roles(text: Any) -> Roles:
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return {}
    return {role: Person(str(v[0]), str(v[1])) for role, v in data.items()
            if role in ROLES and isinstance(v, list) and len(v) == 2} if isinstance(data, dict) else {}


def optional_column(row: sqlite3.Row, name: str) -> Any:
    """A column that an older library (opened read-only, not migrated) may not have yet (None then)."""
    # `name in row` would look among the values: a Row is a sequence
    return row[name] if name in row.keys() else None  # noqa: SIM118


def version_rows(db: Database, cid: str) -> list[sqlite3.Row]:
    """The stored history rows of a criterion, newest first."""
    return db.execute("SELECT * FROM criterion_versions WHERE criterion_id = ? ORDER BY version DESC",
                      [cid]).fetchall()


def changed_by(row: sqlite3.Row) -> Person:
    """Who wrote a history row."""
    return Person(row["changed_by"] or "", optional_column(row, "account") or "")


def row_roles(row: sqlite3.Row) -> Roles:
    """The people per role recorded on a history row."""
    return _roles(optional_column(row, "roles"))


def versions(db: Database, current: Criterion, first_author: Person | None = None) -> list[CriterionVersion]:
    """Every version of a criterion, newest first, the current one included.

    first_author: who made a first version that has no history row (a release's publisher), when known."""
    found = []
    for r in version_rows(db, current.id):
        roles = row_roles(r)
        found.append(CriterionVersion(
            criterion_id=r["criterion_id"],
            version=r["version"],
            criterion=row_to_criterion(json.loads(r["data"])),
            changed_at=r["changed_at"] or "",
            changed_by=r["changed_by"] or "",
            changed_fields=json.loads(r["changed_fields"] or "[]"),
            note=r["note"] or "",
            account=optional_column(r, "account") or "",
            author=roles.get("author"),
            submitter=roles.get("submitter"),
            approver=roles.get("approver"),
        ))
    if found and found[-1].author is None and found[-1].changed_fields == ["aangemaakt"] and first_author:
        found[-1].author = first_author  # a bulk-inserted first version, kept when it was first edited
    if not found or found[0].version != current.version:
        # an imported criterion that was never edited has no history row yet: its current row is version 1
        author = first_author or Person(current.updated_by)
        found.insert(0, CriterionVersion(current.id, current.version, current, current.updated_at,
                                         author.name, ["aangemaakt"], "", account=author.account, author=author))
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
