"""`library restore BACKUP`: put a backup back as the library, safely beside stale or foreign -wal/-shm files.

Copying a backup over `library.db` by hand is undone or corrupted by a `-wal` left beside it by a crash: SQLite
applies that WAL to whatever file now carries the name. Restoring here checks the backup first, keeps a copy of
what it replaces (with its sidecars, byte for byte), removes the sidecars and swaps the file in one rename.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import migrations
from .errors import LibraryError
from .infra import locks, paths
from .store import MIGRATIONS_TABLE, _fsync, sqlite_uri

SIDECARS = ("-wal", "-shm", "-journal")


@dataclass
class RestoreResult:
    """What a restore did: how many criteria the library now has, and where the replaced library was kept."""

    criteria: int
    replaced_copy: Path | None


def restore_library(db_path: Path, backup: Path) -> RestoreResult:
    """Replace the library at db_path by the backup; nothing changes unless the backup is a healthy library."""
    db_path, backup = Path(db_path), Path(backup)
    if not backup.is_file():
        raise LibraryError(f"De reservekopie {backup} bestaat niet of is geen bestand.",
                           en=f"The backup {backup} does not exist or is not a file.")
    if db_path.exists() and backup.resolve() == db_path.resolve():
        raise LibraryError("De reservekopie is de bibliotheek zelf; kies een kopie.",
                           en="The backup is the library itself; choose a copy.")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with locks.exclusive(db_path.with_name(f".{db_path.name}.lock")):
        work = db_path.with_name(f"{db_path.name}.restore-{os.getpid()}")
        kept: list[Path] = []
        try:
            try:
                shutil.copyfile(backup, work)  # the file alone: a -wal beside the backup is not part of it
            except OSError as exc:
                raise LibraryError(f"De reservekopie kan niet worden gelezen of gekopieerd: {exc.strerror}. "
                                   "Er is niets gewijzigd.",
                                   en=f"The backup cannot be read or copied: {exc.strerror}. Nothing was changed.") from exc
            count = _verify(work, backup.name)
            _fsync(work)
            if db_path.exists():
                kept = _keep_copy(db_path)
                _check_not_in_use(db_path, kept)
                for side in SIDECARS:  # stale or foreign: they would be applied to the restored file
                    db_path.with_name(db_path.name + side).unlink(missing_ok=True)
            os.replace(work, db_path)
            if os.name != "nt":
                _fsync(db_path.parent)
        except OSError as exc:
            raise LibraryError(f"De reservekopie kon niet worden teruggezet: {exc.strerror}.",
                               en=f"The backup could not be restored: {exc.strerror}.") from exc
        finally:
            for leftover in (work, *(work.with_name(work.name + s) for s in SIDECARS)):
                leftover.unlink(missing_ok=True)
    return RestoreResult(count, kept[0] if kept else None)


def _verify(work: Path, name: str) -> int:
    """Check the copied backup (integrity, a library of a known schema); leave it without WAL; its criteria."""
    problem = None
    conn = sqlite3.connect(sqlite_uri(work, mode="rw"), uri=True, isolation_level=None)
    try:
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                problem = "de kopie is beschadigd"
            else:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                ours = {"criteria", MIGRATIONS_TABLE} <= tables and conn.execute(
                    f"SELECT 1 FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",
                    [migrations.migrations.name]).fetchone() is not None
                if not ours:
                    problem = "het is geen Tender Assistant-bibliotheek"
                elif int(conn.execute("PRAGMA user_version").fetchone()[0]) > migrations.SCHEMA_VERSION:
                    problem = "ze is gemaakt met een nieuwere versie van Tender Assistant"
                else:
                    conn.execute("PRAGMA journal_mode = DELETE")  # a self-contained file; the next open sets WAL
                    return int(conn.execute("SELECT count(*) FROM criteria").fetchone()[0])
        except sqlite3.DatabaseError:
            problem = "het is geen (gezonde) SQLite-database"
    finally:
        conn.close()
    en = {"de kopie is beschadigd": "the copy is damaged",
          "het is geen Tender Assistant-bibliotheek": "it is not a Tender Assistant library",
          "ze is gemaakt met een nieuwere versie van Tender Assistant": "it was made by a newer Tender Assistant",
          "het is geen (gezonde) SQLite-database": "it is not a (healthy) SQLite database"}[problem]
    raise LibraryError(f"{name} kan niet worden teruggezet: {problem}. Er is niets gewijzigd.",
                       en=f"{name} cannot be restored: {en}. Nothing was changed.")


def _keep_copy(db_path: Path) -> list[Path]:
    """Copy the current library and its sidecars, byte for byte, into the backups folder; the copies' paths."""
    folder = paths.backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{db_path.stem}-voor-herstel-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}.db"
    kept = []
    for side in ("", *SIDECARS):
        source = db_path.with_name(db_path.name + side)
        if source.exists():
            copy = target.with_name(target.name + side)
            shutil.copyfile(source, copy)
            kept.append(copy)
    return kept


def _check_not_in_use(db_path: Path, kept: list[Path]) -> None:
    """Refuse while another program has the library open (leaving a WAL library needs every other one closed)."""
    conn = sqlite3.connect(sqlite_uri(db_path, mode="rw"), uri=True, isolation_level=None, timeout=1.0)
    try:
        mode = str(conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]).lower()
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        mode = "in use" if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) else "delete"  # damaged: replace it
    finally:
        conn.close()
    if mode != "delete":
        for copy in kept:
            copy.unlink(missing_ok=True)
        raise LibraryError(
            f"De bibliotheek {db_path.name} is geopend in een ander programma of venster; sluit dat en probeer "
            "het opnieuw. Er is niets gewijzigd.",
            en=f"The library {db_path.name} is open in another program or window; close it and try again. "
            "Nothing was changed.",
        )
