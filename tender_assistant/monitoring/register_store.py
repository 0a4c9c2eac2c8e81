"""RegisterStore: the organisation's own register of contracts, in its own SQLite file (all its SQL is here).

The register is the organisation's data, not the shared library's: it lives in `register.db` in the data folder,
has its own migrations, and is backed up before every import.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from criteria_library.infra import paths, sqlite_backup, sqlite_file
from criteria_library.infra.errors import UserError

from .records import (
    ContractRecord,
    criterion_from_dict,
    criterion_to_dict,
    organisation_key,
    organisation_name,
)
from .rule import CountingRule

REGISTER_FILE = "register.db"
SCHEMA_VERSION = 2

migrations = Migrations("tender_assistant.monitoring")


class RegisterError(UserError):
    """A problem with the register file or with data for it that the user can fix."""


class RegisterReadOnlyError(RegisterError):
    """A write to a register that can only be read (its file or folder is read-only)."""


@migrations(name="0001_register")
def m0001_register(db: Database) -> None:
    """Contracts with their applied criteria (as JSON: always read together) and the rule's settings."""
    db.table("records").create(
        {
            "id": int, "uid": str, "organisation": str, "title": str, "package": str, "cpv": str, "nature": str,
            "procedure": str, "award_date": str, "start_date": str, "end_date": str, "value_eur": float,
            "physical": int, "criteria": str, "criteria_known": int, "source": str, "override": int,
            "override_reason": str, "created_at": str, "updated_at": str,
        },
        pk="id",
        not_null={"uid", "organisation", "title", "value_eur", "physical"},
    )
    db.table("records").create_index(["uid"], unique=True)
    db.table("records").create_index(["organisation", "award_date"])
    db.table("settings").create({"key": str, "value": str}, pk="key")


@migrations(name="0002_notices")
def m0002_notices(db: Database) -> None:
    """What notices and joint tenders add: notice id and lot, winner, framework and declared flags, share, participants."""
    records = db.table("records")
    for column, kind in (("notice_id", str), ("lot_id", str), ("winner", str), ("framework", int),
                         ("declared_circular", int), ("share", float), ("share_basis", str), ("participants", str)):
        records.add_column(column, kind)
    records.create_index(["notice_id", "lot_id"])


# What makes an SQLite file a register of ours, for the SQLite file layer.
REGISTER = sqlite_file.DatabaseKind(
    migrations=migrations, schema_version=SCHEMA_VERSION, tables=("records",), noun="register", noun_en="register",
    article="het", error=RegisterError, read_only_error=RegisterReadOnlyError, newer_opens_read_only=False,
    busy_opens_read_only=False,
)


def default_register_path() -> Path:
    """The register used when no --register is given: beside the library in the data folder."""
    return paths.data_dir() / REGISTER_FILE


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def record_to_row(r: ContractRecord) -> dict[str, Any]:
    """A record as a database row (without id and timestamps)."""
    return {
        "uid": r.identity(), "organisation": organisation_name(r.organisation), "title": r.title, "package": r.package,
        "cpv": json.dumps(r.cpv), "nature": r.nature, "procedure": r.procedure, "award_date": _iso(r.award_date),
        "start_date": _iso(r.start_date), "end_date": _iso(r.end_date), "value_eur": float(r.value_eur),
        "physical": int(r.physical), "criteria": json.dumps([criterion_to_dict(c) for c in r.criteria],
                                                            ensure_ascii=False),
        "criteria_known": int(r.criteria_known), "source": r.source,
        "override": None if r.override is None else int(r.override), "override_reason": r.override_reason,
        "notice_id": r.notice_id, "lot_id": r.lot_id, "winner": r.winner, "framework": int(r.framework),
        "declared_circular": int(r.declared_circular), "share": r.share, "share_basis": r.share_basis,
        "participants": json.dumps(r.participants, ensure_ascii=False),
    }


def _json_list(text: str | None) -> list[Any]:
    """A stored JSON list; the empty list without parsing (most records have no participants, many no CPV)."""
    return json.loads(text) if text and text != "[]" else []


def row_to_record(row: sqlite3.Row | dict[str, Any]) -> ContractRecord:
    """A database row as a record."""
    def d(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None

    return ContractRecord(
        id=row["id"], uid=row["uid"], organisation=row["organisation"], title=row["title"],
        package=row["package"] or "", cpv=_json_list(row["cpv"]), nature=row["nature"] or "L",
        procedure=row["procedure"] or "", award_date=d(row["award_date"]), start_date=d(row["start_date"]),
        end_date=d(row["end_date"]), value_eur=float(row["value_eur"]), physical=bool(row["physical"]),
        criteria=[criterion_from_dict(c) for c in _json_list(row["criteria"])],
        criteria_known=bool(row["criteria_known"]), source=row["source"] or "handmatig",
        override=None if row["override"] is None else bool(row["override"]),
        override_reason=row["override_reason"] or "", notice_id=row["notice_id"] or "", lot_id=row["lot_id"] or "",
        winner=row["winner"] or "", framework=bool(row["framework"]), declared_circular=bool(row["declared_circular"]),
        share=row["share"], share_basis=row["share_basis"] or "", participants=_json_list(row["participants"]),
    )


class RegisterStore:
    """One open register file; every write is one transaction."""

    def __init__(self, db: Database, path: Path, *, read_only_reason: str | None = None) -> None:
        self.db = db
        self.path = path
        self.read_only_reason = read_only_reason  # None when the register may be written

    @classmethod
    def open(cls, path: Path | str | None = None) -> RegisterStore:
        """Open (or create) the register at path, by default in the data folder; read-only where it cannot be written.

        A register on a read-only location can still be read and reported on; a write then says it is read-only.
        """
        p = Path(path) if path is not None else default_register_path()
        if p.is_dir():
            raise RegisterError(f"{p} is een map, geen register.", en=f"{p} is a folder, not a register.")
        if not p.parent.exists():
            raise RegisterError(f"De map {p.parent} bestaat niet.", en=f"The folder {p.parent} does not exist.")
        opened = sqlite_file.open_file(p, REGISTER, any_thread=True)
        return cls(opened.db, p, read_only_reason=opened.read_only_reason)

    def close(self) -> None:
        """Close the database connection."""
        with contextlib.suppress(sqlite3.Error):
            self.db.conn.close()

    def heal(self) -> None:
        """Open the register again when another program deleted its WAL under this connection (see
        sqlite_file.orphaned: a file dialog in this process dropped its locks); otherwise writes would vanish."""
        if self.read_only_reason is None and sqlite_file.orphaned(self.path):
            logging.getLogger(__name__).warning("%s: the WAL was deleted under this connection; reopened", self.path)
            self.close()
            opened = sqlite_file.open_file(self.path, REGISTER, any_thread=True)
            self.db, self.read_only_reason = opened.db, opened.read_only_reason

    def __enter__(self) -> RegisterStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic write; a known SQLite error becomes a RegisterError and changes nothing, a bug stays one."""
        if not self.db.conn.in_transaction:
            self.heal()
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.Error as exc:
            sqlite_file.raise_sqlite_error(exc, self.path, REGISTER)

    # ------------------------------------------------------------------ reading
    def records(self, organisation: str | None = None) -> list[ContractRecord]:
        """Every record (of one organisation when given), in award order."""
        wanted = organisation_key(organisation) if organisation else None  # as people read it: not SQL's lower()
        return [row_to_record(row) for row in
                self.db.execute("SELECT * FROM records ORDER BY organisation, award_date, id").fetchall()
                if wanted is None or organisation_key(row["organisation"]) == wanted]

    def record(self, record_id: int) -> ContractRecord:
        """One record by its row id."""
        row = self.db.execute("SELECT * FROM records WHERE id = ?", [record_id]).fetchone()
        if row is None:
            raise RegisterError(f"Registratie {record_id} bestaat niet.", en=f"Record {record_id} does not exist.")
        return row_to_record(row)

    def uids(self) -> set[str]:
        """The uids already in the register."""
        return {row[0] for row in self.db.execute("SELECT uid FROM records").fetchall()}

    def existing(self, uids: Iterable[str]) -> dict[str, int]:
        """uid -> row id for those of the given uids that are in the register (reads only those, via the index)."""
        return {row["uid"]: row["id"] for row in self._rows_with_uids(uids, "uid, id")}

    def owners(self, uids: Iterable[str]) -> dict[str, ContractRecord]:
        """uid -> stored record for those of the given uids that are in the register (via the index)."""
        return {row["uid"]: row_to_record(row) for row in self._rows_with_uids(uids, "*")}

    def _rows_with_uids(self, uids: Iterable[str], columns: str) -> Iterator[sqlite3.Row]:
        """The rows of the given uids, asked 500 at a time (SQLite bounds the parameters of one statement)."""
        wanted = list(dict.fromkeys(uids))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            yield from self.db.execute(f"SELECT {columns} FROM records WHERE uid IN ({', '.join('?' * len(chunk))})",
                                       chunk).fetchall()

    def notice_keys(self) -> dict[tuple[str, str, str], tuple[str, str, int]]:
        """(notice id, lot id, organisation), casefolded -> (uid, source, row id) of every record that came from or
        met a published notice."""
        rows = self.db.execute("SELECT notice_id, lot_id, organisation, uid, source, id FROM records "
                               "WHERE notice_id IS NOT NULL AND notice_id != ''").fetchall()
        return {(n.strip().casefold(), (lot or "").strip().casefold(), organisation_key(o)): (uid, source, rid)
                for n, lot, o, uid, source, rid in rows}

    def organisations(self) -> list[str]:
        """The organisations in the register, alphabetically."""
        rows = self.db.execute("SELECT DISTINCT organisation FROM records ORDER BY organisation COLLATE NOCASE")
        return [r[0] for r in rows.fetchall()]

    def years(self) -> list[int]:
        """Award years present in the register, ascending."""
        rows = self.db.execute("SELECT DISTINCT substr(award_date, 1, 4) FROM records WHERE award_date IS NOT NULL "
                               "ORDER BY 1").fetchall()
        return [int(r[0]) for r in rows]

    def count(self) -> int:
        """How many records the register holds."""
        return int(self.db.execute("SELECT count(*) FROM records").fetchone()[0])

    # ------------------------------------------------------------------ writing
    def add(self, record: ContractRecord) -> ContractRecord:
        """Add one record; returns it with its row id. A record whose uid is there already is an error."""
        with self.transaction() as db:
            return self._insert(db, record)

    def _insert(self, db: Database, record: ContractRecord) -> ContractRecord:
        row = record_to_row(record)
        if db.execute("SELECT 1 FROM records WHERE uid = ?", [row["uid"]]).fetchone():
            raise RegisterError(f"\"{record.title}\" staat al in het register.",
                                en=f"\"{record.title}\" is already in the register.")
        row["created_at"] = row["updated_at"] = _now()
        cursor = db.execute(f"INSERT INTO records ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                            list(row.values()))
        record.id = cursor.lastrowid
        record.uid = row["uid"]
        return record

    def update(self, record: ContractRecord) -> None:
        """Write an edited record back (by row id); its uid stays the same."""
        if record.id is None:
            raise RegisterError("Deze registratie staat nog niet in het register.",
                                en="This record is not in the register yet.")
        row = record_to_row(record)
        row["updated_at"] = _now()
        with self.transaction() as db:
            sets = ", ".join(f"{k} = ?" for k in row)
            db.execute(f"UPDATE records SET {sets} WHERE id = ?", [*row.values(), record.id])

    def delete(self, record_id: int) -> None:
        """Remove one record."""
        with self.transaction() as db:
            db.execute("DELETE FROM records WHERE id = ?", [record_id])

    def add_new(self, records: Iterable[ContractRecord], *, replace: bool = False,
                updates: Iterable[ContractRecord] = (), deletes: Iterable[int] = ()) -> tuple[int, int]:
        """Add records whose uid is not there yet, all in one transaction: (added, updated).

        replace=True writes a record whose uid is present over the stored one (an organisation's newer exchange
        file); otherwise it is skipped, so importing the same file twice adds nothing. updates are stored records
        (with their row id) written back in the same transaction: an app record merged with its notice; deletes are
        row ids removed in it: a bare notice record that an organisation's merged record replaces.
        """
        added = updated = 0
        now = _now()
        rows = [record_to_row(r) for r in records]
        with self.transaction() as db:
            for row_id in deletes:
                db.execute("DELETE FROM records WHERE id = ?", [row_id])
            for record in updates:
                row = record_to_row(record)
                row["updated_at"] = now
                db.execute(f"UPDATE records SET {', '.join(f'{k} = ?' for k in row)} WHERE id = ?",
                           [*row.values(), record.id])
                updated += 1
            known = self.existing(row["uid"] for row in rows)
            for row in rows:
                if row["uid"] in known:
                    if replace:
                        stored = row_to_record(db.execute("SELECT * FROM records WHERE id = ?",
                                                          [known[row["uid"]]]).fetchone())
                        if record_to_row(stored) != row:
                            row["updated_at"] = now
                            db.execute(f"UPDATE records SET {', '.join(f'{k} = ?' for k in row)} WHERE id = ?",
                                       [*row.values(), known[row["uid"]]])
                            updated += 1
                    continue
                row["created_at"] = row["updated_at"] = now
                cursor = db.execute(f"INSERT INTO records ({', '.join(row)}) VALUES "
                                    f"({', '.join('?' * len(row))})", list(row.values()))
                known[row["uid"]] = cursor.lastrowid or 0
                added += 1
        return added, updated

    # ----------------------------------------------------------------- settings
    def rule(self) -> CountingRule:
        """The organisation's counting rule (the region's defaults until someone changes it)."""
        row = self.db.execute("SELECT value FROM settings WHERE key = 'rule'").fetchone()
        return CountingRule.from_dict(json.loads(row[0])) if row else CountingRule()

    def save_rule(self, rule: CountingRule) -> None:
        """Store the counting rule's settings."""
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('rule', ?)", [json.dumps(rule.to_dict())])

    # ------------------------------------------------------------------- backup
    def backup(self) -> Path:
        """Copy the register (a consistent snapshot) into backups/ beside it; returns the copy's path."""
        return sqlite_backup.backup(self.db.conn, self.path, REGISTER)
