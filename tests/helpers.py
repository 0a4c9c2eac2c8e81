"""Small helpers shared by tests."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def db_fingerprint(path: Path, *, without_setting: str | None = None) -> str:
    """A hash of the database's full SQL dump (WAL content included), to prove nothing changed.

    without_setting leaves one row of the settings table out (an undo clears the name of its backup).
    """
    skip = f"INSERT INTO \"settings\" VALUES('{without_setting}'," if without_setting else None
    from criteria_library.infra.sqlite_file import sqlite_uri

    conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    try:
        dump = "\n".join(line for line in conn.iterdump()
                          if "sqlite_stat" not in line and not (skip and line.startswith(skip)))
    finally:
        conn.close()
    return hashlib.sha256(dump.encode("utf-8")).hexdigest()


def publish_edit(store, criterion, note: str = ""):
    """Edit a criterion through the four-eyes workflow: one person edits and submits, a colleague approves."""
    from criteria_library.models import Status

    author = store.author
    try:
        store.author = "Redacteur Test"
        pending = store.save_criterion(criterion, note=note)
        if pending.status != Status.CONCEPT or store.criterion(criterion.id).status != Status.PUBLISHED:
            return pending
        store.set_status(criterion.id, Status.IN_REVIEW)
        store.author = "Beoordelaar Test"
        return store.set_status(criterion.id, Status.PUBLISHED)
    finally:
        store.author = author


def approve_pending(store, *ids: str) -> None:
    """A colleague approves the new versions in review (proposals from an import or a release)."""
    from criteria_library.models import Status

    author = store.author
    try:
        store.author = "Beoordelaar Test"
        for cid in ids:
            store.set_status(cid, Status.PUBLISHED)
    finally:
        store.author = author
