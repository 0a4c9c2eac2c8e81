"""LibraryStore: open or create a library database, read and write packages and criteria, keep history."""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path, PureWindowsPath
from typing import Any
from urllib.parse import quote

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from . import curation, migrations, user
from .errors import LibraryError, ReadOnlyError
from .infra import locks, paths
from .models import (
    Criterion,
    CriterionVersion,
    Kind,
    Package,
    SearchHit,
    Status,
)
from .rows import (
    content_diff,
    criterion_to_row,
    package_terms,
    package_to_row,
    row_to_criterion,
    row_to_package,
)
from .validation import criterion_problems, package_problems

BUSY_TIMEOUT_MS = 5000  # how long a write waits for another program's write to finish
OPEN_PROBE_MS = 1000  # how long opening waits for the write lock before opening read-only
KIND_RANK_SQL = migrations.KIND_RANK_SQL
MIGRATIONS_TABLE = Migrations.migrations_table  # a library has this table, with rows of our migration set


def now_iso() -> str:
    """The current UTC time as an ISO string with seconds, as stored in the database."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _file_writable(path: Path) -> bool:
    """True when the file and its folder can be written (checks mode bits too, since root ignores them)."""
    target = path if path.exists() else path.parent
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return False
    return os.access(target, os.W_OK) and os.access(path.parent, os.W_OK)


def sqlite_uri(path: Path | PureWindowsPath | str, **params: str) -> str:
    """An SQLite URI for a file path: '#', '?', '%' and spaces quoted; Windows drive and UNC paths as SQLite wants."""
    if isinstance(path, PureWindowsPath):  # WindowsPath on Windows; a PureWindowsPath anywhere (tests)
        text = str(path.absolute() if isinstance(path, Path) else path).replace("\\", "/")
        # file:///C:/... ; a UNC path //server/share becomes file:////server/share (the authority stays empty)
        text = text if text.startswith("/") else "/" + text
    else:
        text = str(Path(path).absolute())
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return "file://" + quote(text, safe="/:") + (f"?{query}" if query else "")


def _stale_sidecars(db_path: Path) -> bool:
    """True when a -wal with content is clearly older than the library file (a copy was put back by hand).

    Only file times are compared (no descriptor of the database is opened). SQLite writes the WAL on every commit
    and the file only when checkpointing, which also resets the WAL at the next commit, so in normal use the WAL
    is not older than the file by much; a backup copied over the library after a crash is.
    """
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        wal_stat, db_stat = wal.stat(), db_path.stat()
    except OSError:
        return False
    return wal_stat.st_size > 32 and db_stat.st_mtime - wal_stat.st_mtime > 60


def _fsync(path: Path) -> None:
    """Flush a file (or folder) to disk; only for files no SQLite connection of this process has open."""
    fd = os.open(path, os.O_RDONLY if path.is_dir() else os.O_RDWR)  # Windows flushes only writable handles
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _not_a_library(db_path: Path) -> LibraryError:
    return LibraryError(
        f"Het bestand {db_path.name} is geen bibliotheek-database; het is niet aangeraakt.",
        en=f"The file {db_path.name} is not a library database; it was left untouched.",
    )


LOW_DISK_BYTES = 16 * 1024 * 1024  # below this much free space an I/O error while writing is a full disk


def translate_sqlite_error(exc: sqlite3.Error, path: Path) -> LibraryError | None:
    """A message the user can act on for an SQLite error, by its result code; None for a programming error (a bug).

    Classified by `sqlite_errorcode`, not by message text, so a bug (bad SQL, misuse, a violated constraint) is
    logged as one instead of becoming a polite dialog, and a busy library is never called damaged.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return LibraryError(
            f"De bibliotheek {path.name} is in gebruik door een ander programma; probeer het zo opnieuw.",
            en=f"The library {path.name} is in use by another program; try again shortly.",
        )
    if primary == sqlite3.SQLITE_FULL or (primary == sqlite3.SQLITE_IOERR and _low_disk(path)):
        return LibraryError(
            "De schijf is vol; er is niets gewijzigd. Maak ruimte vrij en probeer het opnieuw.",
            en="The disk is full; nothing was changed. Free some space and try again.",
        )
    if primary == sqlite3.SQLITE_READONLY:
        return ReadOnlyError(
            f"De bibliotheek {path.name} kan niet worden gewijzigd (alleen-lezen).",
            en=f"The library {path.name} cannot be changed (read-only).",
        )
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return LibraryError(
            f"Het bestand {path.name} is geen (gezonde) bibliotheek-database.",
            en=f"The file {path.name} is not a (healthy) library database.",
        )
    if primary in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_NOLFS):
        return LibraryError(
            f"De bibliotheek {path.name} kan niet worden gelezen of geschreven ({exc}); er is niets gewijzigd. "
            "Controleer de schijf of netwerkmap.",
            en=f"The library {path.name} cannot be read or written ({exc}); nothing was changed. "
            "Check the disk or network folder.",
        )
    if primary == sqlite3.SQLITE_NOMEM:
        return LibraryError("Te weinig geheugen; er is niets gewijzigd.", en="Out of memory; nothing was changed.")
    return None


def _low_disk(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < LOW_DISK_BYTES
    except OSError:
        return False


class LibraryStore:
    """One open library database; one writer at a time, every write in one transaction."""

    def __init__(self, db: Database, path: Path, *, read_only: bool, read_only_reason: str | None,
                 read_only_reason_en: str | None = None) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.read_only_reason_en = read_only_reason_en or read_only_reason
        self.generation = 0  # bumped on every write, so caches (search vocabulary) know when to refresh
        self._search_cache: Any = None
        self.warnings: list[str] = []  # found at open, for the user (Dutch)
        self.warnings_en: list[str] = []
        self._author: str | None = None

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: Path | str | None = None, *, read_only: bool = False, seed: bool = True,
             any_thread: bool = False) -> LibraryStore:
        """Open (or create and fill with the starter library) the database at path, default the user's library.

        The connection may be used only by the thread that opened it (SQLite's check stays on), unless any_thread:
        for a connection opened on one thread and used on another (the search reader), one thread at a time.
        """
        db_path = Path(path) if path is not None else paths.default_db_path()
        exists = db_path.exists() and db_path.stat().st_size > 0
        if db_path.exists() and db_path.is_dir():
            raise LibraryError(f"{db_path} is een map, geen bibliotheekbestand.", en=f"{db_path} is a folder, not a library file.")
        # The file itself is never opened outside SQLite: on POSIX closing any descriptor of a file drops every lock
        # this process holds on it, the locks of an open connection included, and another writer could then
        # checkpoint and delete the WAL under that connection. SQLite checks the header itself (SQLITE_NOTADB).
        if not exists and read_only:
            raise LibraryError(f"De bibliotheek {db_path} bestaat niet.", en=f"The library {db_path} does not exist.")
        elif not exists and not db_path.parent.exists():
            try:
                db_path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LibraryError(
                    f"De map {db_path.parent} kan niet worden gemaakt: {exc.strerror}.",
                    en=f"The folder {db_path.parent} cannot be created: {exc.strerror}.",
                ) from exc

        reason = reason_en = None
        if read_only:
            reason, reason_en = "Alleen-lezen geopend.", "Opened read-only."
        elif not _file_writable(db_path):
            if not exists:
                raise LibraryError(
                    f"De map {db_path.parent} is alleen-lezen; de bibliotheek kan daar niet worden gemaakt.",
                    en=f"The folder {db_path.parent} is read-only; the library cannot be created there.",
                )
            reason = "Het bibliotheekbestand is alleen-lezen; wijzigen is uitgeschakeld."
            reason_en = "The library file is read-only; editing is disabled."

        if reason is None:
            if not exists:
                cls._create(db_path, seed=seed)
                exists = True
            stale = _stale_sidecars(db_path)  # checked before SQLite opens (and would apply) them
            store = cls._open_writable(db_path, exists, any_thread=any_thread)
            if store is not None:
                if stale:
                    store.warnings.append(
                        f"naast {db_path.name} stond een -wal-bestand dat ouder is dan de bibliotheek zelf (was er een "
                        "kopie teruggezet?); als criteria ontbreken of vreemd zijn: zet de kopie terug met "
                        "'library restore KOPIE'.")
                    store.warnings_en.append(
                        f"beside {db_path.name} was a -wal file older than the library itself (was a copy put "
                        "back?); if criteria are missing or odd, put the copy back with 'library restore COPY'.")
                return store
            reason = "De bibliotheek is in gebruik door een ander programma; wijzigen is uitgeschakeld."
            reason_en = "The library is in use by another program; editing is disabled."
        return cls._open_read_only(db_path, reason, reason_en or reason, any_thread=any_thread)

    @classmethod
    def _create(cls, db_path: Path, *, seed: bool) -> None:
        """Make a new library at db_path in one step: built (and seeded) in a work file beside it, then renamed.

        A crash or Ctrl+C leaves either no library or a complete one; a lock file makes a second first start
        wait and then open what the first one made.
        """
        with locks.exclusive(db_path.with_name(f".{db_path.name}.lock")):
            if db_path.exists() and db_path.stat().st_size > 0:
                return  # another process made it while we waited
            pattern = glob.escape(db_path.name) + ".new-*"
            for stale in db_path.parent.glob(pattern):  # work files of a start that was killed; nobody else uses them
                stale.unlink(missing_ok=True)
            work = db_path.with_name(f"{db_path.name}.new-{os.getpid()}")
            try:
                store = cls._open_writable(work, False)
                if store is None:  # nobody else knows this file, so it cannot be busy
                    raise LibraryError(f"De bibliotheek {db_path} kon niet worden gemaakt.",
                                       en=f"The library {db_path} could not be created.")
                try:
                    if seed:  # only a first run fills the library; an emptied one stays empty
                        from .starter import load_starter_library

                        load_starter_library(store)
                    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    store.close()  # the last connection: SQLite folds the WAL into the file and removes it
                _fsync(work)
                os.replace(work, db_path)
                if os.name != "nt":
                    _fsync(db_path.parent)  # the rename itself survives a power cut
            except OSError as exc:
                raise LibraryError(
                    f"De bibliotheek {db_path} kon niet worden gemaakt: {exc.strerror}.",
                    en=f"The library {db_path} could not be created: {exc.strerror}.",
                ) from exc
            finally:
                for leftover in (work, *(work.with_name(work.name + s) for s in ("-wal", "-shm", "-journal"))):
                    with contextlib.suppress(OSError):
                        leftover.unlink(missing_ok=True)

    @classmethod
    def _connect(cls, uri: str, *, any_thread: bool = False) -> Database:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=not any_thread,
                               timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        return Database(conn)

    @classmethod
    def _open_writable(cls, db_path: Path, exists: bool, *, any_thread: bool = False) -> LibraryStore | None:
        """Open for writing; None when another program holds the write lock."""
        db = cls._connect(sqlite_uri(db_path, mode="rw" if exists else "rwc"), any_thread=any_thread)
        try:
            try:
                version = migrations.stored_version(db)  # the first read: SQLite checks the file header here
            except sqlite3.DatabaseError as exc:
                if exc.sqlite_errorcode == sqlite3.SQLITE_NOTADB:
                    raise _not_a_library(db_path) from exc
                raise
            if exists:
                cls._check_is_library(db, db_path)
            if version > migrations.SCHEMA_VERSION:
                db.conn.close()
                return cls._open_read_only(
                    db_path,
                    "Deze bibliotheek is gemaakt met een nieuwere versie van Tender Assistant; "
                    "ze is alleen-lezen geopend. Werk het programma bij om te wijzigen.",
                    "This library was made by a newer version of Tender Assistant; it was opened read-only. "
                    "Update the program to edit it.",
                    any_thread=any_thread,
                )
            # a short wait for a writer that is finishing; a lock held longer opens the library read-only
            db.conn.execute(f"PRAGMA busy_timeout = {OPEN_PROBE_MS}")
            try:
                db.conn.execute("BEGIN IMMEDIATE")
                db.conn.execute("ROLLBACK")
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                    db.conn.close()
                    return None
                raise
            db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.conn.execute("PRAGMA journal_mode = WAL")
            db.conn.execute("PRAGMA foreign_keys = ON")
            if version < migrations.SCHEMA_VERSION or not db["packages"].exists():
                migrations.apply_all(db)
        except sqlite3.Error as exc:
            db.conn.close()
            error = translate_sqlite_error(exc, db_path)
            if error is None:
                raise
            raise error from exc
        except LibraryError:
            db.conn.close()
            raise
        return cls(db, db_path, read_only=False, read_only_reason=None)

    @classmethod
    def _open_read_only(cls, db_path: Path, reason: str, reason_en: str, *, any_thread: bool = False) -> LibraryStore:
        last_error: sqlite3.Error | None = None
        # immutable=1 is the fallback for a read-only file in WAL mode whose -shm cannot be created
        for uri in (sqlite_uri(db_path, mode="ro"), sqlite_uri(db_path, mode="ro", immutable="1")):
            db = cls._connect(uri, any_thread=any_thread)
            try:
                cls._check_is_library(db, db_path)
                db.execute("SELECT count(*) FROM criteria").fetchone()
            except sqlite3.Error as exc:
                db.conn.close()
                code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
                if code == sqlite3.SQLITE_NOTADB:
                    raise _not_a_library(db_path) from exc
                last_error = exc
                if code not in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY):
                    break  # busy or damaged: reading the file as immutable would ignore the WAL and see garbage
                continue
            except LibraryError:
                db.conn.close()
                raise
            return cls(db, db_path, read_only=True, read_only_reason=reason, read_only_reason_en=reason_en)
        assert last_error is not None
        raise translate_sqlite_error(last_error, db_path) or last_error

    @staticmethod
    def _check_is_library(db: Database, db_path: Path) -> None:
        """Refuse a database that another program made (before anything is written into it)."""
        tables = set(db.table_names())
        if not tables:
            return
        ours = "criteria" in tables and MIGRATIONS_TABLE in tables and db.execute(
            f"SELECT 1 FROM {MIGRATIONS_TABLE} WHERE migration_set = ? LIMIT 1",
            [migrations.migrations.name]).fetchone() is not None
        if not ours:
            raise LibraryError(
                f"Het bestand {db_path.name} is een SQLite-database, maar geen Tender Assistant-bibliotheek; "
                "het is niet aangeraakt.",
                en=f"The file {db_path.name} is an SQLite database but not a Tender Assistant library; "
                "it was left untouched.",
            )

    def reopen(self) -> None:
        """Open the connection again on the same file (after `library restore` swapped it); caches refresh."""
        self.close()
        fresh = LibraryStore.open(self.path, read_only=self.read_only and self.read_only_reason == "Alleen-lezen geopend.",
                                  seed=False)
        self.db, self.read_only = fresh.db, fresh.read_only
        self.read_only_reason, self.read_only_reason_en = fresh.read_only_reason, fresh.read_only_reason_en
        self.warnings, self.warnings_en = fresh.warnings, fresh.warnings_en
        self._author = None
        self.changed()

    def changed(self) -> None:
        """Note that the library changed (another connection or program wrote): caches keyed on it refresh."""
        self.generation += 1
        self._search_cache = None

    def close(self) -> None:
        """Close the database connection."""
        with contextlib.suppress(sqlite3.Error):
            self.db.conn.close()

    def __enter__(self) -> LibraryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ transactions
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic write; SQLite errors become LibraryErrors and leave every byte as it was."""
        self._require_writable()
        conn = self.db.conn
        try:
            if conn.in_transaction:
                with self.db.atomic():  # nested: a savepoint
                    yield self.db
            else:
                # IMMEDIATE: take the write lock (waiting up to the busy timeout) before the first read, so what a
                # write reads (the next free id, an import's diff) cannot be stale when it writes
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.db
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                try:
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
        except sqlite3.Error as exc:
            error = translate_sqlite_error(exc, self.path)
            if error is None:
                raise
            raise error from exc
        finally:
            self.generation += 1

    def _require_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(
                f"De bibliotheek kan niet worden gewijzigd: {self.read_only_reason}",
                en=f"The library cannot be changed: {self.read_only_reason_en}",
            )

    # ---------------------------------------------------------------- settings
    @property
    def author(self) -> str:
        """The name written into history: set for this session, else the user's own setting, else the OS user."""
        return self._author or user.user_name()

    @author.setter
    def author(self, name: str) -> None:
        self._author = name.strip() or None

    def set_author(self, name: str) -> None:
        """Store the name written into history in the user's own settings (never in the shared library)."""
        user.set_user_name(name)
        self._author = None

    @property
    def four_eyes(self) -> bool:
        """True (the default) when publishing needs a second person besides the one who edited or submitted."""
        row = self.db.execute("SELECT value FROM settings WHERE key = 'four_eyes'").fetchone()
        return row is None or row[0] != "0"

    def set_four_eyes(self, on: bool) -> None:
        """Switch the four-eyes rule on or off for this library; the library's event log records who and when."""
        if on == self.four_eyes:
            return
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('four_eyes', ?)", ["1" if on else "0"])
            self._log_event(db, "vier-ogenprincipe " + ("ingeschakeld" if on else "uitgeschakeld"), "")

    def setting(self, key: str) -> str | None:
        """A library-wide setting of this organisation's library (None when it was never set)."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str | None, event: str) -> None:
        """Set (or with None clear) a library-wide setting; the library's event log records the event, who and when."""
        if value == self.setting(key):
            return
        with self.transaction() as db:
            if value is None:
                db.execute("DELETE FROM settings WHERE key = ?", [key])
            else:
                db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [key, value])
            self._log_event(db, event, value or "")

    def _log_event(self, db: Database, event: str, detail: str) -> None:
        db.execute("INSERT INTO library_events (at, by, event, detail) VALUES (?, ?, ?, ?)",
                   [now_iso(), self.author, event, detail])

    def events(self) -> list[dict[str, str]]:
        """Library-wide events (four-eyes switched, releases received), newest first."""
        rows = self.db.execute("SELECT at, by, event, detail FROM library_events ORDER BY id DESC").fetchall()
        return [dict(r) for r in rows]

    # ---------------------------------------------------------------- packages
    def packages(self) -> list[Package]:
        """All packages, sorted by Dutch name."""
        rows = self.db.execute("SELECT * FROM packages ORDER BY name_nl COLLATE NOCASE").fetchall()
        return [row_to_package(dict(r)) for r in rows]

    def package(self, slug: str) -> Package:
        """The package with this slug; LibraryError if there is none."""
        row = self.db.execute("SELECT * FROM packages WHERE slug = ?", [slug]).fetchone()
        if row is None:
            raise LibraryError(f"Onbekend inkooppakket: {slug}", en=f"Unknown procurement package: {slug}")
        return row_to_package(dict(row))

    def package_counts(self, include_retired: bool = False) -> dict[str, int]:
        """Number of criteria per package slug (retired ones left out unless asked)."""
        where = "" if include_retired else f"WHERE status != '{Status.RETIRED.value}'"
        rows = self.db.execute(f"SELECT package, count(*) FROM criteria {where} GROUP BY package").fetchall()
        counts = {p.slug: 0 for p in self.packages()}
        counts.update({r[0]: r[1] for r in rows})
        return counts

    def save_package(self, pkg: Package) -> None:
        """Insert or update a package; its criteria become findable by its new names and synonyms."""
        problems = package_problems(pkg)
        if problems:
            raise LibraryError(problems[0].nl, en=problems[0].en, where=problems[0].where)
        with self.transaction() as db:
            self._write_package(db, pkg)

    def _write_package(self, db: Database, pkg: Package) -> None:
        row = package_to_row(pkg)
        cols = ", ".join(row)
        db.execute(
            f"INSERT INTO packages ({cols}) VALUES ({', '.join('?' * len(row))}) "
            f"ON CONFLICT(slug) DO UPDATE SET {', '.join(f'{c}=excluded.{c}' for c in row if c != 'slug')}",
            list(row.values()),
        )
        db.execute("UPDATE criteria SET package_terms = ? WHERE package = ?", [package_terms(pkg), pkg.slug])

    # ---------------------------------------------------------------- criteria
    def _where(self, package: str | None, kind: str | None, level: int | None, max_level: int | None,
               status: str | None, include_retired: bool, ids: Iterable[str] | None = None) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("package", package), ("kind", kind), ("level", level), ("status", status)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(str(value) if column != "level" else int(value))
        if max_level is not None:
            clauses.append("level <= ?")
            params.append(int(max_level))
        if not include_retired and status is None:
            clauses.append("status != ?")
            params.append(Status.RETIRED.value)
        if ids is not None:
            id_list = list(ids)
            clauses.append(f"id IN ({', '.join('?' * len(id_list))})")
            params.extend(id_list)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def criteria(self, package: str | None = None, kind: str | None = None, level: int | None = None,
                 max_level: int | None = None, status: str | None = None,
                 include_retired: bool = True) -> list[Criterion]:
        """Criteria matching the filters, ordered by package, kind (tender order) and id."""
        where, params = self._where(package, kind, level, max_level, status, include_retired)
        rows = self.db.execute(
            f"SELECT * FROM criteria {where} ORDER BY package, {KIND_RANK_SQL}, id", params
        ).fetchall()
        return [row_to_criterion(r) for r in rows]

    def criterion_ids(self, package: str | None = None, kind: str | None = None, level: int | None = None,
                      max_level: int | None = None, status: str | None = None,
                      include_retired: bool = True) -> list[str]:
        """Ids of criteria matching the filters, in the same order as criteria()."""
        where, params = self._where(package, kind, level, max_level, status, include_retired)
        rows = self.db.execute(f"SELECT id FROM criteria {where} ORDER BY package, {KIND_RANK_SQL}, id", params)
        return [r[0] for r in rows.fetchall()]

    def criteria_by_ids(self, ids: Iterable[str]) -> dict[str, Criterion]:
        """The criteria with these ids (unknown ids are left out)."""
        id_list = list(ids)
        found: dict[str, Criterion] = {}
        for start in range(0, len(id_list), 500):  # stay under SQLite's variable limit
            chunk = id_list[start : start + 500]
            rows = self.db.execute(f"SELECT * FROM criteria WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
            found.update({r["id"]: row_to_criterion(r) for r in rows.fetchall()})
        return found

    def criterion(self, cid: str) -> Criterion:
        """The criterion with this id; LibraryError if there is none."""
        row = self.db.execute("SELECT * FROM criteria WHERE id = ?", [cid]).fetchone()
        if row is None:
            raise LibraryError(f"Onbekend criterium: {cid}", en=f"Unknown criterion: {cid}")
        return row_to_criterion(row)

    def has_criterion(self, cid: str) -> bool:
        """True when a criterion with this id exists."""
        return self.db.execute("SELECT 1 FROM criteria WHERE id = ?", [cid]).fetchone() is not None

    def count_criteria(self) -> int:
        """Number of criteria in the library, retired ones included."""
        if not self.db["criteria"].exists():
            return 0
        return int(self.db.execute("SELECT count(*) FROM criteria").fetchone()[0])

    def stats(self) -> dict[str, Any]:
        """Counts of packages and criteria per package, kind, level and status."""
        def grouped(column: str) -> dict[str, int]:
            rows = self.db.execute(f"SELECT {column}, count(*) FROM criteria GROUP BY {column} ORDER BY {column}")
            return {str(r[0]): r[1] for r in rows.fetchall()}

        per_package: dict[str, dict[str, Any]] = {}
        for p in self.packages():
            per_package[p.slug] = {"name": p.name_nl, "total": 0, "kind": {}, "level": {}}
        rows = self.db.execute("SELECT package, kind, level, count(*) FROM criteria GROUP BY package, kind, level")
        for package, kind, level, n in rows.fetchall():
            entry = per_package.setdefault(package, {"name": package, "total": 0, "kind": {}, "level": {}})
            entry["total"] += n
            entry["kind"][kind] = entry["kind"].get(kind, 0) + n
            entry["level"][str(level)] = entry["level"].get(str(level), 0) + n
        return {
            "packages": len(per_package),
            "criteria": self.count_criteria(),
            "per_kind": grouped("kind"),
            "per_level": grouped("level"),
            "per_status": grouped("status"),
            "per_package": per_package,
        }

    def new_criterion_id(self, package: str, kind: str) -> str:
        """The next free id for a criterion of this kind in this package, e.g. MEU-G-07 (a proposal: see save)."""
        pkg = self.package(package)
        prefix = pkg.prefix or pkg.slug.replace("-", "")[:3].upper()
        stem = f"{prefix}-{Kind(kind).letter}-"
        rows = self.db.execute("SELECT id FROM criteria WHERE id LIKE ?", [stem + "%"]).fetchall()
        numbers = [int(r[0][len(stem):]) for r in rows if r[0][len(stem):].isdigit()]
        return f"{stem}{(max(numbers) + 1 if numbers else 1):02d}"

    def save_criterion(self, c: Criterion, note: str = "", *, new: bool = False) -> Criterion:
        """Store an edit; returns what is stored. Edits never change a status (that is set_status's job).

        A new criterion starts as concept. Editing a published criterion stores a new concept version beside it
        (returned with status concept); the published one stays what buyers see until the new one is approved.
        new=True: c is a new criterion; when another editor or program took its id meanwhile, it gets the next free
        id (decided inside the write transaction), so it never overwrites that one. The returned id is the stored one.
        """
        problems = criterion_problems(c, known_packages={p.slug for p in self.packages()})
        if problems:
            raise LibraryError(problems[0].nl, en=problems[0].en, where=f"{c.id}.{problems[0].where}")
        with self.transaction() as db:
            row = db.execute("SELECT * FROM criteria WHERE id = ?", [c.id]).fetchone()
            if new and row is not None:
                c, row = replace(c, id=self.new_criterion_id(c.package, c.kind)), None
            if row is None:
                if c.status != Status.CONCEPT:
                    raise LibraryError("Een nieuw criterium begint als concept.",
                                       en="A new criterion starts as a draft.", where=f"{c.id}.status")
                return self._write_criterion(db, c, note)
            old = row_to_criterion(row)
            draft = db.execute("SELECT * FROM criterion_drafts WHERE criterion_id = ?", [c.id]).fetchone()
            if old.status == Status.PUBLISHED or draft is not None:
                return self._write_draft(db, old, draft, c, note)
            return self._write_criterion(db, replace(c, status=old.status), note)

    def _write_draft(self, db: Database, published: Criterion, draft: sqlite3.Row | None, c: Criterion,
                     note: str) -> Criterion:
        """Store c as the pending concept version of a published criterion (inside a transaction)."""
        if not content_diff(published, replace(c, status=published.status)):
            # edited back to what is published: nothing is pending any more
            db.execute("DELETE FROM criterion_drafts WHERE criterion_id = ?", [c.id])
            return published
        status = Status(draft["status"]) if draft is not None else Status.CONCEPT
        stored = replace(c, status=status, version=published.version + 1, created_at=published.created_at,
                         updated_at=now_iso(), updated_by=self.author)
        payload = {k: v for k, v in criterion_to_row(stored).items() if k != "package_terms"}
        payload["note"] = note
        db.execute(
            "INSERT OR REPLACE INTO criterion_drafts (criterion_id, data, status, updated_at, updated_by, "
            "submitted_by) VALUES (?, ?, ?, ?, ?, ?)",
            [c.id, json.dumps(payload, ensure_ascii=False), status.value, stored.updated_at, stored.updated_by,
             draft["submitted_by"] if draft is not None and status == Status.IN_REVIEW else ""],
        )
        return stored

    def draft(self, cid: str) -> Criterion | None:
        """The pending concept (or in-review) version of a published criterion, if someone is editing it."""
        row = self.db.execute("SELECT data FROM criterion_drafts WHERE criterion_id = ?", [cid]).fetchone()
        return row_to_criterion(json.loads(row[0])) if row else None

    def working_copy(self, cid: str) -> Criterion:
        """What a regisseur edits: the pending new version of a criterion if there is one, else the criterion."""
        return self.draft(cid) or self.criterion(cid)

    def allowed_transitions(self, cid: str) -> tuple[Status, ...]:
        """The status steps the workflow allows now for this criterion (or its pending new version)."""
        draft = self.draft(cid)
        if draft is not None:
            return curation.allowed_transitions(draft.status, draft=True)
        return curation.allowed_transitions(self.criterion(cid).status)

    def discard_draft(self, cid: str) -> Criterion:
        """Throw away the pending new version of a published criterion; returns the published one."""
        with self.transaction() as db:
            db.execute("DELETE FROM criterion_drafts WHERE criterion_id = ?", [cid])
        return self.criterion(cid)

    def _write_criterion(self, db: Database, c: Criterion, note: str, *, keep_version: bool = False) -> Criterion:
        """Write inside an open transaction; returns the stored criterion (unchanged if nothing differs)."""
        row = db.execute("SELECT * FROM criteria WHERE id = ?", [c.id]).fetchone()
        stamp = now_iso()
        author = self.author
        if row is None:
            stored = replace(c, version=c.version if keep_version else 1, created_at=c.created_at or stamp,
                             updated_at=stamp, updated_by=author)
            changed = ["aangemaakt"]
        else:
            old = row_to_criterion(row)
            diff = content_diff(old, c)
            if not diff:
                return old
            # bulk imports store no history row for a criterion's first version; keep it before it is replaced
            self._write_history(db, old, ["aangemaakt"], "", replace_existing=False)
            stored = replace(c, version=old.version + 1, created_at=old.created_at, updated_at=stamp,
                             updated_by=author)
            if keep_version and c.version > old.version:
                stored.version = c.version
            changed = list(diff)
        pkg_row = db.execute("SELECT * FROM packages WHERE slug = ?", [stored.package]).fetchone()
        terms = package_terms(row_to_package(dict(pkg_row))) if pkg_row else ""
        data = criterion_to_row(stored, terms)
        cols = ", ".join(data)
        db.execute(f"INSERT OR REPLACE INTO criteria ({cols}) VALUES ({', '.join('?' * len(data))})", list(data.values()))
        self._write_history(db, stored, changed, note)
        return stored

    def _write_history(self, db: Database, c: Criterion, changed: list[str], note: str, *,
                       replace_existing: bool = True) -> None:
        payload = {k: v for k, v in criterion_to_row(c).items() if k != "package_terms"}
        db.execute(
            f"INSERT OR {'REPLACE' if replace_existing else 'IGNORE'} INTO criterion_versions (criterion_id, version, data, changed_at, changed_by, "
            "changed_fields, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [c.id, c.version, json.dumps(payload, ensure_ascii=False), c.updated_at, c.updated_by,
             json.dumps(changed), note],
        )

    def duplicate_criterion(self, cid: str) -> Criterion:
        """A copy of a criterion under a new id, as a concept."""
        original = self.criterion(cid)
        copy = replace(original, id=self.new_criterion_id(original.package, original.kind),
                       title=f"{original.title} (kopie)", status=Status.CONCEPT, version=1, created_at="")
        return self.save_criterion(copy, note=f"gekopieerd van {cid}", new=True)

    def set_status(self, cid: str, target: Status) -> Criterion:
        """Move a criterion (or its pending new version) along the workflow; LibraryError if not allowed."""
        current = self.criterion(cid)
        with self.transaction() as db:
            draft = db.execute("SELECT * FROM criterion_drafts WHERE criterion_id = ?", [cid]).fetchone()
            if draft is not None:
                return self._move_draft(db, current, draft, target)
            curation.check_transition(current.status, target)
            note = curation.transition_note(current.status, target)
            if target == Status.PUBLISHED:
                note = self._approval_note(note, {current.updated_by, *self._editor_and_submitter(db, cid)})
            return self._write_criterion(db, replace(current, status=target), note)

    def _move_draft(self, db: Database, published: Criterion, draft: sqlite3.Row, target: Status) -> Criterion:
        data = json.loads(draft["data"])
        pending = row_to_criterion(data)
        curation.check_transition(pending.status, target, draft=True)
        if target == Status.PUBLISHED:
            note = self._approval_note("nieuwe versie gepubliceerd na review",
                                       {draft["updated_by"], draft["submitted_by"]})
            if data.get("note"):
                note = f"{data['note']} ({note})"
            db.execute("DELETE FROM criterion_drafts WHERE criterion_id = ?", [published.id])
            return self._write_criterion(db, replace(pending, status=Status.PUBLISHED, version=published.version),
                                         note)
        submitter = self.author if target == Status.IN_REVIEW else ""
        data["status"] = target.value
        db.execute("UPDATE criterion_drafts SET status = ?, submitted_by = ?, data = ? WHERE criterion_id = ?",
                   [target.value, submitter, json.dumps(data, ensure_ascii=False), published.id])
        return replace(pending, status=target)

    def _approval_note(self, note: str, involved: set[str]) -> str:
        """Check the four-eyes rule for the current author; the history note says when it was switched off."""
        if self.four_eyes:
            curation.check_four_eyes(self.author, involved - {""})
            return note
        return f"{note}, {curation.FOUR_EYES_OFF_NOTE}"

    def _editor_and_submitter(self, db: Database, cid: str) -> tuple[str, str]:
        """Who last changed the content (not only the status) of a criterion, and who last submitted it."""
        editor = submitter = None
        submitted_note = curation.transition_note(Status.CONCEPT, Status.IN_REVIEW)
        for r in db.execute("SELECT changed_by, changed_fields, note FROM criterion_versions WHERE criterion_id = ? "
                            "ORDER BY version DESC", [cid]):
            if editor is None and set(json.loads(r["changed_fields"] or "[]")) - {"status"}:
                editor = r["changed_by"] or ""
            if submitter is None and r["note"] == submitted_note:
                submitter = r["changed_by"] or ""
            if editor is not None and submitter is not None:
                break
        return editor or "", submitter or ""

    def history(self, cid: str) -> list[CriterionVersion]:
        """Every version of a criterion, newest first (the current one included)."""
        current = self.criterion(cid)
        rows = self.db.execute(
            "SELECT * FROM criterion_versions WHERE criterion_id = ? ORDER BY version DESC", [cid]
        ).fetchall()
        versions = [
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
        if not versions or versions[0].version != current.version:
            # an imported criterion that was never edited has no history row yet: its current row is version 1
            versions.insert(0, CriterionVersion(cid, current.version, current, current.updated_at,
                                                current.updated_by, ["aangemaakt"], ""))
        return versions

    def restore_version(self, cid: str, version: int) -> Criterion:
        """Store the content of an earlier version as an edit: the status stays, the workflow decides the rest.

        For a published criterion this makes a new concept version to be approved, like any other edit.
        """
        for entry in self.history(cid):
            if entry.version == version:
                current = self.criterion(cid)
                restored = replace(entry.criterion, status=current.status, version=current.version)
                return self.save_criterion(restored, note=f"hersteld naar versie {version}")
        raise LibraryError(f"{cid} heeft geen versie {version}.", en=f"{cid} has no version {version}.")

    def rebuild_search_index(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Rebuild the full-text index from the criteria table (repairs an index that drifted)."""
        if progress:
            progress(0, 2)
        with self.transaction() as db:
            db.execute("INSERT INTO criteria_fts (criteria_fts) VALUES ('rebuild')")
        if progress:
            progress(1, 2)
        with self.transaction() as db:
            db.execute("INSERT INTO criteria_fts (criteria_fts) VALUES ('optimize')")
        if progress:
            progress(2, 2)

    # ------------------------------------------------------------------ backup
    def backup(self, folder: Path | None = None) -> Path:
        """Copy the whole database (a consistent snapshot) into the backups folder; returns the copy's path."""
        target_dir = folder or paths.backups_dir(self.path)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = target_dir / f"{self.path.stem}-{stamp}.db"
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
            dest = sqlite3.connect(target)
            try:
                self.db.conn.backup(dest)
            finally:
                dest.close()
        except (OSError, sqlite3.Error) as exc:
            target.unlink(missing_ok=True)
            raise LibraryError(
                f"Er kon geen reservekopie worden gemaakt in {target_dir}: {exc}. Er is niets gewijzigd.",
                en=f"No backup could be made in {target_dir}: {exc}. Nothing was changed.",
            ) from exc
        return target

    # ------------------------------------------------------------------ search
    def search(self, query: str, package: str | None = None, kind: str | None = None, level: int | None = None,
               status: str | None = None, limit: int = 50) -> list[SearchHit]:
        """Criteria that match the query, best first (see search.py)."""
        from .search import search_criteria

        return search_criteria(self, query, package=package, kind=kind, level=level, status=status, limit=limit)
