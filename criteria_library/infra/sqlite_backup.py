"""Backup and restore of our SQLite files (the library, the register), the second half of the SQLite file layer.

A backup is a consistent snapshot by SQLite's online backup API. A restore checks a private copy of the backup
(integrity, ours, not newer), keeps a copy of what it replaces and swaps the file in with one rename.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from . import locks, paths
from .errors import UserError
from .files import atomic_write, fsync, read_regular
from .sqlite_file import (
    SIDECARS,
    DatabaseKind,
    check_copy_path,
    connect,
    is_ours,
    remove_stale_check_copies,
    remove_with_sidecars,
    stored_version,
)

BACKUP_STAMP = "%Y%m%d-%H%M%S-%f"
UNDO_RECORD = "laatste-update.json"  # in the backups folder: which backup an undo goes back to, and its digest


def record_undo_backup(backup_path: Path) -> None:
    """Note, beside the backups and outside the (possibly shared) library file, the backup an undo may go back to."""
    digest = _sha256(backup_path)
    data = json.dumps({"backup": backup_path.name, "size": backup_path.stat().st_size, "sha256": digest})
    atomic_write(backup_path.parent / UNDO_RECORD, lambda tmp: tmp.write_text(data + "\n", encoding="utf-8"))


def undo_record(folder: Path) -> dict[str, Any] | None:
    """What record_undo_backup noted in this backups folder, or None (none, or not readable as one)."""
    try:
        raw = read_regular(folder / UNDO_RECORD, 4096, ("de notitie van de laatste update", "the last update's note"))
        data = json.loads(raw.decode("utf-8"))
    except (OSError, UserError, ValueError, UnicodeDecodeError):
        return None
    if not (isinstance(data, dict) and isinstance(data.get("backup"), str) and isinstance(data.get("size"), int)
            and isinstance(data.get("sha256"), str)):
        return None
    return data


def matches_undo_record(backup_path: Path, *, digest: bool, content: Path | None = None) -> bool:
    """Whether backup_path is the backup the folder's record names (name and size; with digest also the SHA-256 of
    content, the private copy about to be used, which defaults to the backup itself)."""
    record = undo_record(backup_path.parent)
    if record is None or record["backup"] != backup_path.name:
        return False
    try:
        if backup_path.stat().st_size != record["size"]:
            return False
    except OSError:
        return False
    return not digest or _sha256(content or backup_path) == record["sha256"]


def forget_undo_record(folder: Path) -> None:
    """After an undo: nothing left to go back to."""
    with contextlib.suppress(OSError):
        (folder / UNDO_RECORD).unlink(missing_ok=True)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def backup_name(path: Path, label: str = "") -> str:
    """The file name of a backup of path made now: stem, optional label, time stamp."""
    return f"{path.stem}-{label + '-' if label else ''}{datetime.now().strftime(BACKUP_STAMP)}.db"


def backup_pattern(path: Path) -> re.Pattern[str]:
    """The names backup_name gives (without a label), with the time stamp as group 'stamp'."""
    return re.compile(re.escape(path.stem) + r"-(?P<stamp>\d{8}-\d{6}-\d{6})\.db")


def backup(conn: sqlite3.Connection, path: Path, kind: DatabaseKind, *, folder: Path | None = None,
           label: str = "") -> Path:
    """Copy the open file (a consistent snapshot, SQLite's online backup) into its backups folder; the copy's path."""
    target_dir = folder or paths.backups_dir(path)
    target = target_dir / backup_name(path, label)
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(target)
        try:
            conn.backup(dest)
            # Rollback mode marks the copy as a copy: put back by hand beside a live -wal, it is recognised.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    except (OSError, sqlite3.Error) as exc:
        target.unlink(missing_ok=True)
        raise kind.error(
            f"Er kon geen reservekopie worden gemaakt in {target_dir}: {exc}. Er is niets gewijzigd.",
            en=f"No backup could be made in {target_dir}: {exc}. Nothing was changed.",
        ) from exc
    return target


# ------------------------------------------------------------------------------------------------ restore
_PROBLEMS_EN = {
    "de kopie is beschadigd": "the copy is damaged",
    "ze is gemaakt met een nieuwere versie van Tender Assistant": "it was made by a newer Tender Assistant",
    "het is geen (gezonde) SQLite-database": "it is not a (healthy) SQLite database",
}


def verify_copy(work: Path, kind: DatabaseKind, name: str) -> int:
    """Check a private copy of a backup (integrity, ours, not newer) and leave it without WAL; its marker rows.

    name is the backup's own name, for the message; on a problem nothing but the copy was touched.
    """
    problem = problem_en = None
    db = connect(work, "rw")
    try:
        try:
            if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                problem = "de kopie is beschadigd"
            elif not set(db.table_names()) or not is_ours(db, kind):
                problem = f"het is geen Tender Assistant-{kind.noun}"
                problem_en = f"it is not a Tender Assistant {kind.noun_en}"
            elif stored_version(db) > kind.schema_version:
                problem = "ze is gemaakt met een nieuwere versie van Tender Assistant"
            else:
                db.execute("PRAGMA journal_mode = DELETE")  # a self-contained file; the next open sets WAL
                return int(db.execute(f"SELECT count(*) FROM [{kind.tables[0]}]").fetchone()[0])
        except sqlite3.DatabaseError:
            problem = "het is geen (gezonde) SQLite-database"
    finally:
        db.conn.close()
    raise kind.error(f"{name} kan niet worden teruggezet: {problem}. Er is niets gewijzigd.",
                     en=f"{name} cannot be restored: {problem_en or _PROBLEMS_EN[problem]}. Nothing was changed.")


def copy_for_check(backup_path: Path, beside: Path, kind: DatabaseKind) -> Path:
    """A private copy of a backup file beside the target (the file alone: a -wal beside the backup is no part)."""
    if not backup_path.is_file():
        raise kind.error(f"De reservekopie {backup_path} bestaat niet of is geen bestand.",
                        en=f"The backup {backup_path} does not exist or is not a file.")
    remove_stale_check_copies(beside)
    work = check_copy_path(beside)
    try:
        shutil.copyfile(backup_path, work)
    except OSError as exc:
        remove_with_sidecars(work)
        raise kind.error(f"De reservekopie kan niet worden gelezen of gekopieerd: {exc.strerror}. Er is niets gewijzigd.",
                        en=f"The backup cannot be read or copied: {exc.strerror}. Nothing was changed.") from exc
    return work


def keep_copy(path: Path) -> list[Path]:
    """Copy a file and its sidecars, byte for byte, into its backups folder before it is replaced; the copies."""
    folder = paths.backups_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / backup_name(path, "voor-herstel")
    kept = []
    for side in ("", *SIDECARS):
        source = path.with_name(path.name + side)
        if source.exists():
            copy = target.with_name(target.name + side)
            shutil.copyfile(source, copy)
            kept.append(copy)
    return kept


@dataclass
class RestoreResult:
    """What a restore did: how many rows (criteria, records) the file now has, and where the replaced one was kept."""

    rows: int
    replaced_copy: Path | None


def restore_file(path: Path, backup_path: Path, kind: DatabaseKind) -> RestoreResult:
    """Replace the file at path by a backup; nothing changes unless the backup is a healthy file of ours.

    A copy of the backup is checked, what it replaces is kept (with its sidecars, byte for byte), the sidecars
    beside path (stale or foreign: SQLite would apply them to the restored file) go, and one rename swaps it in.
    """
    path, backup_path = Path(path), Path(backup_path)
    if path.exists() and backup_path.resolve() == path.resolve():
        raise kind.error("De reservekopie is het bestand zelf; kies een kopie.",
                         en="The backup is the file itself; choose a copy.")
    path.parent.mkdir(parents=True, exist_ok=True)
    with locks.exclusive(path.with_name(f".{path.name}.lock")):
        work = copy_for_check(backup_path, path, kind)
        kept: list[Path] = []
        try:
            count = verify_copy(work, kind, backup_path.name)
            fsync(work)
            if path.exists():
                kept = keep_copy(path)
                _check_not_in_use(path, kind, kept)
                for side in SIDECARS:
                    path.with_name(path.name + side).unlink(missing_ok=True)
            os.replace(work, path)
            if os.name != "nt":
                fsync(path.parent)
        except OSError as exc:
            raise kind.error(f"De reservekopie kon niet worden teruggezet: {exc.strerror}.",
                             en=f"The backup could not be restored: {exc.strerror}.") from exc
        finally:
            remove_with_sidecars(work)
    return RestoreResult(count, kept[0] if kept else None)


def _check_not_in_use(path: Path, kind: DatabaseKind, kept: list[Path]) -> None:
    """Refuse while another program has the file open (leaving WAL mode needs every other connection closed)."""
    db = connect(path, "rw", timeout_ms=1000)
    try:
        mode = str(db.execute("PRAGMA journal_mode = DELETE").fetchone()[0]).lower()
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        mode = "in use" if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) else "delete"  # damaged: replace it
    finally:
        db.conn.close()
    if mode != "delete":
        for copy in kept:
            copy.unlink(missing_ok=True)
        raise kind.error(
            f"{kind.the()} {path.name} is geopend in een ander programma of venster; sluit dat en probeer "
            "het opnieuw. Er is niets gewijzigd.",
            en=f"The {kind.noun_en} {path.name} is open in another program or window; close it and try again. "
            "Nothing was changed.",
        )
