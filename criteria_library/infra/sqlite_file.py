"""One SQLite file layer for every database of the app (the library, the register).

Building the `file:` URI, opening (read-write, read-only, immutable as the last resort, a short busy probe),
checking that the file is ours (its migration set), refusing a newer schema, migrating, sorting `sqlite3.Error` by
result code into messages a user can act on and bugs; backup and restore are in sqlite_backup beside it. Which
database is meant is told by a `DatabaseKind`; nothing here knows a table's meaning.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import socket
import sqlite3
import stat
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from typing import NoReturn
from urllib.parse import quote

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from . import locks, paths
from .errors import UserError
from .files import fsync

BUSY_TIMEOUT_MS = 5000  # how long a write waits for another program's write to finish
OPEN_PROBE_MS = 1000  # how long opening waits for the write lock before opening read-only
MIGRATIONS_TABLE = Migrations.migrations_table  # our files have this table, with rows of their migration set
LOW_DISK_BYTES = 16 * 1024 * 1024  # below this much free space an I/O error while writing is a full disk
SIDECARS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class DatabaseKind:
    """What makes an SQLite file one of ours, and how to speak of it: its migrations, tables and Dutch noun."""

    migrations: Migrations
    schema_version: int  # stored in PRAGMA user_version, so an older program sees a newer file
    tables: tuple[str, ...]  # a complete file has these; the first one marks the file as ours
    noun: str  # "bibliotheek"
    noun_en: str  # "library"
    article: str  # "de" or "het"
    error: type[UserError]
    read_only_error: type[UserError]
    newer_opens_read_only: bool  # False: a file made by a newer version is refused
    busy_opens_read_only: bool  # True: a write lock held at opening gives a read-only file instead of waiting
    restore_command: str | None = None  # the command that puts a backup back, named in warnings

    def the(self) -> str:
        """'De bibliotheek', 'Het register': the start of a sentence about this file."""
        return f"{self.article.capitalize()} {self.noun}"


@dataclass
class OpenedFile:
    """A connection to one of our files; read_only_reason (Dutch, English) is None when it may be written."""

    db: Database
    read_only_reason: str | None = None
    read_only_reason_en: str | None = None
    warnings: list[str] = field(default_factory=list)
    warnings_en: list[str] = field(default_factory=list)

    @property
    def read_only(self) -> bool:
        """True when the file was opened read-only (the reason says why)."""
        return self.read_only_reason is not None


# ------------------------------------------------------------------------------------------------ paths and URIs
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


def connect(path: Path, mode: str, *, immutable: bool = False, any_thread: bool = False,
            timeout_ms: int | None = None) -> Database:
    """A connection to the file at path (mode 'ro', 'rw' or 'rwc'), rows as sqlite3.Row, in autocommit."""
    params = {"mode": mode, **({"immutable": "1"} if immutable else {})}
    conn = sqlite3.connect(sqlite_uri(path, **params), uri=True, isolation_level=None,
                           check_same_thread=not any_thread,
                           timeout=(BUSY_TIMEOUT_MS if timeout_ms is None else timeout_ms) / 1000)
    conn.row_factory = sqlite3.Row
    return Database(conn)


def file_writable(path: Path) -> bool:
    """True when the file and its folder can be written (checks mode bits too, since root ignores them)."""
    target = path if path.exists() else path.parent
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return False
    return os.access(target, os.W_OK) and os.access(path.parent, os.W_OK)


def stale_sidecars(db_path: Path) -> bool:
    """True when a -wal with content is clearly older than the file itself (a copy was put back by hand).

    Only file times are compared (no descriptor of the database is opened). SQLite writes the WAL on every commit
    and the file only when checkpointing, which also resets the WAL at the next commit, so in normal use the WAL
    is not older than the file by much; a backup copied over the file after a crash is.
    """
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        wal_stat, db_stat = wal.stat(), db_path.stat()
    except OSError:
        return False
    return wal_stat.st_size > 32 and db_stat.st_mtime - wal_stat.st_mtime > 60


def wal_of_another_file(db_path: Path) -> bool:
    """True when the file is in rollback-journal mode and a -wal with a valid frame lies beside it.

    Our files are switched to WAL on every open and backups are written in rollback mode, so this is a backup copied
    by hand over the file while the last session's -wal stayed: SQLite would apply that -wal's pages to the copy
    (whatever their age, so the time check of stale_sidecars misses a fresh one) and mix two files.
    """
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        with open(wal, "rb") as fh:  # SQLite locks the file and the -shm, never the -wal: reading it is safe
            wal_header = fh.read(32)
            frame = fh.read(24)
    except OSError:
        return False
    # a frame counts only with the header's salts; SQLite ignores the rest
    if len(wal_header) < 32 or len(frame) < 24 or frame[8:16] != wal_header[16:24] \
            or wal_header[:4] not in (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83"):
        return False
    if not _safe_to_open(db_path):
        return False
    try:
        with open(db_path, "rb") as fh:
            header = fh.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == 1


def _safe_to_open(db_path: Path) -> bool:
    """True when opening and closing the file cannot drop a lock of a connection of this process.

    Closing any descriptor of a file drops every POSIX lock the process holds on it (SQLite's locks on Linux and
    macOS); Windows locks belong to their handle. On Linux the open descriptors are listed; elsewhere, no check.
    """
    if sys.platform == "win32":
        return True
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return False
    try:
        target = db_path.resolve()
        for fd in fds.iterdir():
            with contextlib.suppress(OSError):
                if Path(os.readlink(fd)) == target:
                    return False  # this process has it open: its -wal is the live one
    except OSError:
        return False
    return True


def orphaned(db_path: Path) -> bool:
    """True when this process holds a -wal or -shm of the file that another process has deleted (Linux).

    That happens when something in this process opened and closed the database file outside SQLite (Qt's file dialog
    does, to sniff a file's type): POSIX drops all of the process's locks on the file, another program then believes
    it is the last connection, checkpoints and deletes the WAL, and every later commit of ours would land in the
    deleted file. Elsewhere False: Windows cannot delete an open file and locks belong to their handle.
    """
    fds = Path("/proc/self/fd")
    if not sys.platform.startswith("linux") or not fds.is_dir():
        return False
    try:
        base = str(db_path.resolve())
        gone = (base + "-wal (deleted)", base + "-shm (deleted)")
        for fd in fds.iterdir():
            with contextlib.suppress(OSError):
                if os.readlink(fd) in gone:
                    return True
    except OSError:
        return False
    return False


def _has_wal(db_path: Path) -> bool:
    try:
        return db_path.with_name(db_path.name + "-wal").stat().st_size > 0
    except OSError:
        return False


# ------------------------------------------------------------------------------------------------ sorting errors
def _low_disk(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < LOW_DISK_BYTES
    except OSError:
        return False


def sqlite_error(exc: sqlite3.Error, path: Path, kind: DatabaseKind) -> UserError | None:
    """A message the user can act on for an SQLite error, by its result code; None for a programming error (a bug).

    Classified by `sqlite_errorcode`, not by message text, so a bug (bad SQL, misuse, a violated constraint) is
    logged as one instead of becoming a polite dialog, and a busy file is never called damaged.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    the, name, error = kind.the(), path.name, kind.error
    the_en = f"The {kind.noun_en}"
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return error(f"{the} {name} is in gebruik door een ander programma; probeer het zo opnieuw.",
                     en=f"{the_en} {name} is in use by another program; try again shortly.")
    if primary == sqlite3.SQLITE_FULL or (primary == sqlite3.SQLITE_IOERR and _low_disk(path)):
        return error("De schijf is vol; er is niets gewijzigd. Maak ruimte vrij en probeer het opnieuw.",
                     en="The disk is full; nothing was changed. Free some space and try again.")
    if primary == sqlite3.SQLITE_READONLY:
        return kind.read_only_error(f"{the} {name} kan niet worden gewijzigd (alleen-lezen).",
                                    en=f"{the_en} {name} cannot be changed (read-only).")
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return error(f"Het bestand {name} is geen (gezonde) {kind.noun}-database.",
                     en=f"The file {name} is not a (healthy) {kind.noun_en} database.")
    if primary in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_NOLFS):
        return error(f"{the} {name} kan niet worden gelezen of geschreven ({exc}); er is niets gewijzigd. "
                     "Controleer de schijf of netwerkmap.",
                     en=f"{the_en} {name} cannot be read or written ({exc}); nothing was changed. "
                     "Check the disk or network folder.")
    if primary == sqlite3.SQLITE_NOMEM:
        return error("Te weinig geheugen; er is niets gewijzigd.", en="Out of memory; nothing was changed.")
    return None


def damaged_database(exc: BaseException) -> UserError | None:
    """The user's line for a damaged database met while reading (not only when opening or writing), else None.

    Which file is not known where this is caught (the command line's last resort), so the line names none.
    """
    code = getattr(exc, "sqlite_errorcode", None) if isinstance(exc, sqlite3.DatabaseError) else None
    if code is None or code & 0xFF not in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return None
    return UserError("Een database van Tender Assistant is beschadigd (database disk image is malformed); er is "
                     "niets gewijzigd. Voer 'library check' uit en zet zo nodig een reservekopie terug met "
                     "'library restore'.", en="A Tender Assistant database is damaged (database disk image is "
                     "malformed); nothing was changed. Run 'library check' and restore a backup with 'library "
                     "restore' if needed.")


def raise_sqlite_error(exc: sqlite3.Error, path: Path, kind: DatabaseKind) -> NoReturn:
    """Raise the user's message for a known SQLite error; anything else is re-raised as the bug it is.

    A bug reaches the exception hook of the command line or the window, which writes it to the log file.
    """
    error = sqlite_error(exc, path, kind)
    if error is None:
        raise exc
    raise error from exc


# ------------------------------------------------------------------------------------------------ is it ours
def not_ours(path: Path, kind: DatabaseKind) -> UserError:
    """The refusal of an SQLite file that another program made (or beside which lies another file's -wal)."""
    if _has_wal(path):
        return kind.error(
            f"Het bestand {path.name} is samen met het -wal-bestand ernaast geen Tender Assistant-{kind.noun} (hoort "
            f"dat -wal-bestand bij een andere database?); beide zijn niet aangeraakt.",
            en=f"The file {path.name} together with the -wal file beside it is not a Tender Assistant "
            f"{kind.noun_en} (does that -wal file belong to another database?); both were left untouched.")
    return kind.error(f"Het bestand {path.name} is een SQLite-database, maar geen Tender Assistant-{kind.noun}; "
                      "het is niet aangeraakt.",
                      en=f"The file {path.name} is an SQLite database but not a Tender Assistant {kind.noun_en}; "
                      "it was left untouched.")


def missing_tables(path: Path, kind: DatabaseKind, missing: list[str]) -> UserError:
    """The refusal of one of our files that lacks a table every such file has (damaged, or edited by hand)."""
    names = ", ".join(missing)
    restore = f" Zet een reservekopie terug ({kind.restore_command})." if kind.restore_command else ""
    restore_en = f" Restore a backup ({kind.restore_command})." if kind.restore_command else ""
    return kind.error(f"{kind.the()} {path.name} mist de tabel {names} en is dus beschadigd; het bestand is niet "
                      f"aangeraakt.{restore}",
                      en=f"The {kind.noun_en} {path.name} lacks the table {names} and is damaged; the file was left "
                      f"untouched.{restore_en}")


def not_a_database(path: Path, kind: DatabaseKind) -> UserError:
    """The refusal of a file that is no SQLite database at all."""
    return kind.error(f"Het bestand {path.name} is geen {kind.noun}-database; het is niet aangeraakt.",
                      en=f"The file {path.name} is not a {kind.noun_en} database; it was left untouched.")


def is_ours(db: Database, kind: DatabaseKind, tables: set[str] | None = None) -> bool:
    """True for an empty file and for one holding our marker table and a row of our migration set."""
    tables = set(db.table_names()) if tables is None else tables
    if not tables:
        return True
    return kind.tables[0] in tables and MIGRATIONS_TABLE in tables and db.execute(
        f"SELECT 1 FROM {MIGRATIONS_TABLE} WHERE migration_set = ? LIMIT 1", [kind.migrations.name]
    ).fetchone() is not None


def stored_version(db: Database) -> int:
    """The schema version recorded in the file (0 for a new one)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database, kind: DatabaseKind) -> None:
    """Apply the pending steps of the kind's migration set and record its schema version."""
    kind.migrations.apply(db)
    db.execute(f"PRAGMA user_version = {kind.schema_version}")


def newer_message(path: Path, kind: DatabaseKind) -> tuple[str, str]:
    """What to say about a file made by a newer version (Dutch, English)."""
    return (f"{kind.the()} {path.name} is gemaakt met een nieuwere versie van Tender Assistant; werk het programma bij.",
            f"The {kind.noun_en} {path.name} was made by a newer version of Tender Assistant; update the program.")


# ------------------------------------------------------------------------------------------------ opening
def open_file(path: Path, kind: DatabaseKind, *, read_only: bool = False, any_thread: bool = False,
              create: Callable[[Path], None] | None = None) -> OpenedFile:
    """Open one of our files for writing when possible, else read-only with the reason; create it when missing.

    create builds a missing file at its path (in one step); without it SQLite creates the file in place.
    """
    exists = path.exists() and path.stat().st_size > 0
    if not exists and read_only:
        raise kind.error(f"{kind.the()} {path} bestaat niet.", en=f"The {kind.noun_en} {path} does not exist.")
    if exists and wal_of_another_file(path):
        raise kind.error(
            f"Naast {path.name} staat een -wal-bestand dat niet bij dit bestand hoort (is er een reservekopie met de "
            f"hand teruggezet?); beide zijn niet aangeraakt. Hoort de kopie er te staan: verplaats {path.name}-wal en "
            f"{path.name}-shm naar een andere map"
            + (f", of zet de kopie terug met '{kind.restore_command} KOPIE'." if kind.restore_command else "."),
            en=f"Beside {path.name} is a -wal file that does not belong to it (was a backup copied back by hand?); "
            f"both were left untouched. If the copy is meant to be there: move {path.name}-wal and {path.name}-shm to "
            "another folder" + (f", or put the copy back with '{kind.restore_command} COPY'." if kind.restore_command
                                 else "."))
    reason = reason_en = None
    network = None if read_only else paths.network_location(path)
    if read_only:
        reason, reason_en = "Alleen-lezen geopend.", "Opened read-only."
    elif network is not None:
        # SQLite's WAL mode keeps its index in shared memory, which other machines do not see over SMB or NFS, and
        # network locks are not reliable enough for the rollback journal either: two writers could corrupt the file
        if not exists:
            raise kind.error(
                f"{kind.the()} kan niet op een netwerklocatie worden gemaakt ({path.parent}: {network}). Kies een map "
                f"op de eigen schijf (de standaard) en deel criteria via releases, niet via het bestand.",
                en=f"The {kind.noun_en} cannot be created on a network location ({path.parent}: {network}). Choose a "
                "folder on the computer's own disk (the default) and share criteria through releases, not the file.")
        reason = (f"{kind.the()} staat op een netwerklocatie ({network}) en is alleen-lezen geopend: SQLite kan daar "
                  f"niet veilig schrijven. Kopieer het bestand naar een map op de eigen schijf om te wijzigen.")
        reason_en = (f"The {kind.noun_en} is on a network location ({network}) and was opened read-only: SQLite "
                     "cannot write there safely. Copy the file to a folder on the computer's own disk to edit it.")
    elif not file_writable(path):
        if not exists:
            raise kind.error(f"De map {path.parent} is alleen-lezen; {kind.article} {kind.noun} kan daar niet "
                             "worden gemaakt.",
                             en=f"The folder {path.parent} is read-only; the {kind.noun_en} cannot be created there.")
        reason = f"Het {kind.noun}bestand is alleen-lezen; wijzigen is uitgeschakeld."
        reason_en = f"The {kind.noun_en} file is read-only; editing is disabled."
    if reason is None:
        if not exists and create is not None:
            create(path)
            exists = True
        remove_stale_check_copies(path)
        stale = stale_sidecars(path)  # checked before SQLite opens (and would apply) them
        opened = _open_writable(path, kind, exists=exists, any_thread=any_thread)
        if opened is not None:
            if stale and kind.restore_command:
                opened.warnings.append(
                    f"naast {path.name} stond een -wal-bestand dat ouder is dan {kind.article} {kind.noun} zelf (was "
                    f"er een kopie teruggezet?); als gegevens ontbreken of vreemd zijn: zet de kopie terug met "
                    f"'{kind.restore_command} KOPIE'.")
                opened.warnings_en.append(
                    f"beside {path.name} was a -wal file older than the {kind.noun_en} itself (was a copy put "
                    f"back?); if data are missing or odd, put the copy back with '{kind.restore_command} COPY'.")
            return opened
        reason = f"{kind.the()} is in gebruik door een ander programma; wijzigen is uitgeschakeld."
        reason_en = f"The {kind.noun_en} is in use by another program; editing is disabled."
    return open_read_only(path, kind, reason, reason_en or reason, any_thread=any_thread)


def _open_writable(path: Path, kind: DatabaseKind, *, exists: bool, any_thread: bool) -> OpenedFile | None:
    """Open for writing; None when another program holds the write lock (and the kind opens read-only then)."""
    db = connect(path, "rw" if exists else "rwc", any_thread=any_thread)
    try:
        try:
            version = stored_version(db)  # the first read: SQLite checks the file header here
        except sqlite3.DatabaseError as exc:
            if exc.sqlite_errorcode == sqlite3.SQLITE_NOTADB:
                raise not_a_database(path, kind) from exc
            raise
        tables = set(db.table_names())
        if exists and not is_ours(db, kind, tables):
            _close_without_checkpoint(db, path)
            raise not_ours(path, kind)
        if exists and tables and version > 0 and not set(kind.tables) <= tables:
            _close_without_checkpoint(db, path)  # before WAL mode or a migration writes a byte
            raise missing_tables(path, kind, [t for t in kind.tables if t not in tables])
        if version > kind.schema_version:
            db.conn.close()
            if not kind.newer_opens_read_only:
                nl, en = newer_message(path, kind)
                raise kind.error(nl, en=en)
            return open_read_only(
                path, kind,
                f"Deze {kind.noun} is gemaakt met een nieuwere versie van Tender Assistant; ze is alleen-lezen "
                "geopend. Werk het programma bij om te wijzigen.",
                f"This {kind.noun_en} was made by a newer version of Tender Assistant; it was opened read-only. "
                "Update the program to edit it.",
                any_thread=any_thread)
        if kind.busy_opens_read_only:
            # a short wait for a writer that is finishing; a lock held longer opens the file read-only
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
        if version < kind.schema_version or not set(kind.tables) <= tables:
            migrate(db, kind)
    except sqlite3.Error as exc:
        db.conn.close()
        raise_sqlite_error(exc, path, kind)
    except UserError:
        db.conn.close()
        raise
    return OpenedFile(db)


def _close_without_checkpoint(db: Database, path: Path) -> None:
    """Close a connection without SQLite folding the WAL into the file (a foreign -wal must not replace ours).

    The last connection to close checkpoints the WAL into the file; a read-only connection holding a read lock
    meanwhile makes this one not the last, and a read-only connection never checkpoints when it closes itself.
    """
    guard = connect(path, "ro")
    try:
        with contextlib.suppress(sqlite3.Error):
            guard.execute("SELECT count(*) FROM sqlite_master").fetchone()
        db.conn.close()
    finally:
        guard.conn.close()


def open_read_only(path: Path, kind: DatabaseKind, reason: str, reason_en: str, *,
                   any_thread: bool = False) -> OpenedFile:
    """Open for reading only; immutable=1 (no -shm needed) is the fallback on a location nobody may write."""
    last_error: sqlite3.Error | None = None
    for immutable in (False, True):
        db = connect(path, "ro", immutable=immutable, any_thread=any_thread)
        try:
            if not is_ours(db, kind):
                raise not_ours(path, kind)
            present = set(db.table_names())
            if present and not set(kind.tables) <= present:
                raise missing_tables(path, kind, [t for t in kind.tables if t not in present])
            if kind.tables[0] in present:
                db.execute(f"SELECT count(*) FROM [{kind.tables[0]}]").fetchone()
        except sqlite3.Error as exc:
            db.conn.close()
            code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
            if code == sqlite3.SQLITE_NOTADB:
                raise not_a_database(path, kind) from exc
            last_error = exc
            if code not in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY):
                break  # busy or damaged: reading the file as immutable would ignore the WAL and see garbage
            continue
        except UserError:
            db.conn.close()
            raise
        return OpenedFile(db, reason, reason_en)
    assert last_error is not None
    raise_sqlite_error(last_error, path, kind)


def create_atomically(path: Path, kind: DatabaseKind, fill: Callable[[Database, Path], None]) -> None:
    """Make a new file at path in one step: built (and filled) in a work file beside it, then renamed.

    A crash or Ctrl+C leaves either no file or a complete one; a lock file makes a second first start wait and
    then open what the first one made.
    """
    with locks.exclusive(path.with_name(f".{path.name}.lock")):
        if path.exists() and path.stat().st_size > 0:
            return  # another process made it while we waited
        for stale in path.parent.glob(glob.escape(path.name) + ".new-*"):  # work files of a killed start
            stale.unlink(missing_ok=True)
        work = path.with_name(f"{path.name}.new-{os.getpid()}")
        try:
            opened = _open_writable(work, kind, exists=False, any_thread=False)
            if opened is None:  # nobody else knows this file, so it cannot be busy
                raise kind.error(f"{kind.the()} {path} kon niet worden gemaakt.",
                                 en=f"The {kind.noun_en} {path} could not be created.")
            try:
                fill(opened.db, work)
                opened.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                opened.db.conn.close()  # the last connection: SQLite folds the WAL into the file and removes it
            fsync(work)
            os.replace(work, path)
            if os.name != "nt":
                fsync(path.parent)  # the rename itself survives a power cut
        except OSError as exc:
            raise kind.error(f"{kind.the()} {path} kon niet worden gemaakt: {exc.strerror}.",
                             en=f"The {kind.noun_en} {path} could not be created: {exc.strerror}.") from exc
        finally:
            remove_with_sidecars(work)


# A restore's private check copy of a backup, beside the file: "library.db.restore-<pid>@<host>" (the host, letters
# and digits only, so "-wal" never reads as part of it; copies of older versions have no host).
_CHECK_COPY_RE = r"\.restore-(?P<pid>\d+)(?:@(?P<host>[A-Za-z0-9]*))?(?:-wal|-shm|-journal)?"
CHECK_COPY_MAX_AGE = 24 * 3600  # a restore never takes a day: older copies are left-overs whatever their host


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:40]


def check_copy_path(beside: Path) -> Path:
    """Where a restore puts its private check copy of a backup for the file beside: a name that the next start or
    restore recognises, with the process and computer that made it."""
    return beside.with_name(f"{beside.name}.restore-{os.getpid()}@{_host()}")


def _process_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill would end the process there; the age rule alone decides
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process (or a check not allowed): it is there
        return True
    return True


def remove_stale_check_copies(beside: Path) -> list[Path]:
    """Delete check copies a killed restore left beside a file (whole databases, for good otherwise); the removed.

    A copy is stale when the process that made it on this computer is gone, or when it is older than a day; a copy
    of a running restore (here or, on a shared folder, on another computer) stays.
    """
    pattern = re.compile(re.escape(beside.name) + _CHECK_COPY_RE)
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(beside.parent):
            match = pattern.fullmatch(entry.name)
            if match is None or not entry.is_file(follow_symlinks=False):
                continue
            pid, host = int(match.group("pid")), match.group("host")
            with contextlib.suppress(OSError):
                old = time.time() - entry.stat(follow_symlinks=False).st_mtime > CHECK_COPY_MAX_AGE
                ours = host is None or host == _host()
                if old or (ours and pid != os.getpid() and not _process_alive(pid)):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def remove_with_sidecars(path: Path) -> None:
    """Delete a work file and the -wal, -shm and -journal SQLite may have left beside it."""
    for leftover in (path, *(path.with_name(path.name + s) for s in SIDECARS)):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)
