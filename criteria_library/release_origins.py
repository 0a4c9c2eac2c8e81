"""Where criteria and packages received in releases came from: the origin rows of the library database (part of
the store's storage; the store calls these with its connection, inside its transactions for writes)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from .history import optional_column
from .provenance import Origin, ReleaseChanges


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _origin(row: sqlite3.Row) -> Origin:
    return Origin(row["criterion_id"], row["publisher"] or "", row["fingerprint"] or "", row["release_version"] or "",
                  json.loads(row["base"]) if row["base"] else None,
                  json.loads(row["incoming"]) if row["incoming"] else None, row["incoming_version"] or "",
                  optional_column(row, "incoming_publisher") or "", optional_column(row, "incoming_fingerprint") or "")


def record_release(db: Database, changes: ReleaseChanges, *, received_at: str) -> None:
    """Store the bases, conflicts and release stamp of an applied release update."""
    stamp = changes.stamp
    db.conn.executemany(
        "INSERT INTO criterion_origin (criterion_id, publisher, fingerprint, release_version, base, incoming, "
        "incoming_version) VALUES (?, ?, ?, ?, ?, NULL, NULL) ON CONFLICT(criterion_id) DO UPDATE SET "
        "publisher = excluded.publisher, fingerprint = excluded.fingerprint, "
        "release_version = excluded.release_version, base = excluded.base, incoming = NULL, "
        "incoming_version = NULL, incoming_publisher = NULL, incoming_fingerprint = NULL",
        [(cid, stamp.publisher, stamp.fingerprint, stamp.version, _json(base))
         for cid, base in changes.bases.items()])
    db.conn.executemany(
        "UPDATE criterion_origin SET release_version = ?, incoming = NULL, incoming_version = NULL, "
        "incoming_publisher = NULL, incoming_fingerprint = NULL WHERE criterion_id = ?",
        [(stamp.version, c.id) for c in changes.retired])
    for cid, incoming in changes.conflicts.items():
        db.execute(
            "INSERT INTO criterion_origin (criterion_id, publisher, fingerprint, release_version, base, "
            "incoming, incoming_version, incoming_publisher, incoming_fingerprint) VALUES (?, ?, ?, NULL, NULL, ?, ?, "
            "?, ?) ON CONFLICT(criterion_id) DO UPDATE SET incoming = excluded.incoming, "
            "incoming_version = excluded.incoming_version, incoming_publisher = excluded.incoming_publisher, "
            "incoming_fingerprint = excluded.incoming_fingerprint",
            [cid, stamp.publisher, stamp.fingerprint, _json(incoming), stamp.version, stamp.publisher,
             stamp.fingerprint])
    for slug, base in changes.package_bases.items():
        db.execute(
            "INSERT INTO package_origin (slug, fingerprint, release_version, base, incoming) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(slug) DO UPDATE SET fingerprint = excluded.fingerprint, "
            "release_version = excluded.release_version, base = excluded.base, incoming = excluded.incoming",
            [slug, stamp.fingerprint, stamp.version, _json(base),
             _json(changes.package_conflicts[slug]) if slug in changes.package_conflicts else None])
    db.execute("INSERT OR REPLACE INTO releases_received (fingerprint, publisher, version, index_sha256, "
               "received_at) VALUES (?, ?, ?, ?, ?)",
               [stamp.fingerprint, stamp.publisher, stamp.version, stamp.index_sha256, received_at])


def settle_conflict(db: Database, cid: str, base: dict[str, Any], release_version: str) -> None:
    """The incoming version of a criterion becomes the base later releases compare with; no conflict is left. The
    base is now its sender's: the origin names that publisher (not the one of the earlier base, e.g. the starter)."""
    db.execute("UPDATE criterion_origin SET base = ?, release_version = ?, "
               "publisher = coalesce(nullif(incoming_publisher, ''), publisher), "
               "fingerprint = coalesce(nullif(incoming_fingerprint, ''), fingerprint), incoming = NULL, "
               "incoming_version = NULL, incoming_publisher = NULL, incoming_fingerprint = NULL "
               "WHERE criterion_id = ?", [_json(base), release_version, cid])


def package_incoming(db: Database, slug: str) -> dict[str, Any] | None:
    """A package's conflicting incoming fields, or None when it has no open conflict."""
    row = db.execute("SELECT incoming FROM package_origin WHERE slug = ?", [slug]).fetchone()
    return None if row is None or row[0] is None else dict(json.loads(row[0]))


def settle_package_conflict(db: Database, slug: str) -> None:
    """Forget a package's conflicting incoming fields."""
    db.execute("UPDATE package_origin SET incoming = NULL WHERE slug = ?", [slug])


def criterion_origins(db: Database, ids: Iterable[str] | None = None) -> dict[str, Origin]:
    """Where criteria received in releases came from (all, or those of these ids), by criterion id."""
    rows = db.execute("SELECT * FROM criterion_origin").fetchall()
    wanted = None if ids is None else set(ids)
    return {r["criterion_id"]: _origin(r) for r in rows if wanted is None or r["criterion_id"] in wanted}


def criterion_origin(db: Database, cid: str) -> Origin | None:
    """Where one criterion came from (None for a criterion made here)."""
    row = db.execute("SELECT * FROM criterion_origin WHERE criterion_id = ?", [cid]).fetchone()
    return None if row is None else _origin(row)


def package_origins(db: Database) -> dict[str, tuple[dict[str, Any], dict[str, Any] | None]]:
    """Per package received in a release: its fields as last received and the conflicting incoming fields."""
    if not db["package_origin"].exists():  # an older library opened read-only (not migrated): none yet
        return {}
    rows = db.execute("SELECT slug, base, incoming FROM package_origin").fetchall()
    return {r[0]: (json.loads(r[1] or "{}"), json.loads(r[2]) if r[2] else None) for r in rows}


def last_release(db: Database, fingerprint: str) -> tuple[str, str] | None:
    """The version and index hash of the last release received from this publisher, if any."""
    row = db.execute("SELECT version, index_sha256 FROM releases_received WHERE fingerprint = ?",
                     [fingerprint]).fetchone()
    return None if row is None else (str(row[0]), str(row[1]))
