"""LibraryStore: open or create a library database, read and write packages and criteria, keep history."""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlite_utils import Database

from . import bulk_insert, curation, history, migrations, release_origins, user, workflow
from .curation import Route
from .errors import ChangedMeanwhileError, LibraryError, ReadOnlyError
from .history import Roles
from .infra import paths, sqlite_backup, sqlite_file
from .infra.text import dutch_number, shown
from .models import (
    Criterion,
    CriterionVersion,
    Kind,
    Package,
    Person,
    Status,
)
from .package_hints import unknown_package_hint
from .provenance import Origin, ReleaseChanges
from .rows import (
    content_diff,
    criterion_to_row,
    package_terms,
    package_to_row,
    row_to_criterion,
    row_to_package,
)
from .validation import MAX_VERSION, criterion_problems, package_problems

KIND_RANK_SQL = migrations.KIND_RANK_SQL
ACCEPT_RELEASES_KEY = "accept_trusted_releases"  # the regisseur's release policy (see accepts_trusted_releases)
ORGANISATION_CODE_KEY = "organisation_code"  # starts the ids of criteria made here (see new_criterion_id)
ORGANISATION_CODE_RE = re.compile(r"[A-Z]{2,5}")
LAST_UPDATE_BACKUP_KEY = "last_update_backup"  # the backup made before the last release update or pack import
FOUR_EYES_KEY = "four_eyes"
FOUR_EYES_OFF_REQUEST_KEY = "four_eyes_off_request"  # who asked to switch four-eyes off (a second person confirms)
T = TypeVar("T")
_CONNECTIONS = itertools.count(1)  # tells one store's connection from another's in change markers
Seeder = Callable[["LibraryStore"], object]  # fills a new library (see LibraryStore.open)


def check_next_version(old: Criterion) -> None:
    """Refuse (LibraryError) an edit that would take a criterion's version past MAX_VERSION: nothing is written."""
    if old.version >= MAX_VERSION:
        raise LibraryError(
            f"{old.id} heeft de hoogste versie die een bibliotheek kan bewaren ({dutch_number(MAX_VERSION)}); "
            "het kan niet meer worden bewerkt. Maak er een kopie van (Dupliceren) en bewerk die.",
            en=f"{old.id} has the highest version a library can keep ({MAX_VERSION:,}); it can no longer be "
               "edited. Duplicate it and edit the copy.", where=f"{old.id}.version")


def now_iso() -> str:
    """The current UTC time as an ISO string with seconds, as stored in the database."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def criterion_from_content(cid: str, content: dict[str, Any], status: str, version: int = 1) -> Criterion:
    """A criterion from its content as stored for a release (the merge base or an incoming version)."""
    return row_to_criterion({**content, "id": cid, "status": status, "version": version, "created_at": "",
                             "updated_at": "", "updated_by": ""})


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
        self._caches: dict[str, tuple[int, Any]] = {}  # see cached()
        self.warnings: list[str] = []  # found at open, for the user (Dutch)
        self.warnings_en: list[str] = []
        self._person: Person | None = None
        self._connection_no = next(_CONNECTIONS)

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: Path | str | None = None, *, read_only: bool = False, seed: Seeder | None = None,
             any_thread: bool = False) -> LibraryStore:
        """Open (or create, and fill with seed) the database at path, default the user's library.

        seed fills a library made by this call before anyone sees it (criteria_library.starter.open_library passes
        the starter library); an existing library, also an emptied one, is never seeded.

        The connection may be used only by the thread that opened it (SQLite's check stays on), unless any_thread:
        for a connection opened on one thread and used on another (the search reader), one thread at a time.
        """
        db_path = Path(path) if path is not None else paths.default_db_path()
        if db_path.exists() and db_path.is_dir():
            raise LibraryError(f"{db_path} is een map, geen bibliotheekbestand.", en=f"{db_path} is a folder, not a library file.")
        # The file itself is never opened outside SQLite: on POSIX closing any descriptor of a file drops every lock
        # this process holds on it, the locks of an open connection included, and another writer could then
        # checkpoint and delete the WAL under that connection. SQLite checks the header itself (SQLITE_NOTADB).
        if not read_only and not db_path.parent.exists():
            try:
                db_path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LibraryError(
                    f"De map {db_path.parent} kan niet worden gemaakt: {exc.strerror}.",
                    en=f"The folder {db_path.parent} cannot be created: {exc.strerror}.",
                ) from exc

        def create(target: Path) -> None:
            sqlite_file.create_atomically(target, migrations.LIBRARY, lambda db, work: cls._fill(db, work, seed))

        opened = sqlite_file.open_file(db_path, migrations.LIBRARY, read_only=read_only, any_thread=any_thread,
                                       create=create)
        store = cls(opened.db, db_path, read_only=opened.read_only, read_only_reason=opened.read_only_reason,
                    read_only_reason_en=opened.read_only_reason_en)
        store.warnings, store.warnings_en = opened.warnings, opened.warnings_en
        return store

    @classmethod
    def _fill(cls, db: Database, work: Path, seed: Seeder | None) -> None:
        """Fill a new library (only a first run: an emptied one stays empty)."""
        if seed:
            seed(cls(db, work, read_only=False, read_only_reason=None))

    def reopen(self) -> None:
        """Open the connection again on the same file (after `library restore` swapped it); caches refresh."""
        self.close()
        fresh = LibraryStore.open(self.path, read_only=self.read_only and self.read_only_reason == "Alleen-lezen geopend.")
        self.db, self.read_only = fresh.db, fresh.read_only
        self.read_only_reason, self.read_only_reason_en = fresh.read_only_reason, fresh.read_only_reason_en
        self.warnings, self.warnings_en = fresh.warnings, fresh.warnings_en
        self._person = None
        self._connection_no = next(_CONNECTIONS)  # a new connection: earlier markers no longer apply
        self.changed()

    def heal(self) -> None:
        """Open the connection again when another program deleted the WAL under it (sqlite_file.orphaned): otherwise
        this store would read a stale library and its writes would vanish with the deleted file."""
        if not self.read_only and sqlite_file.orphaned(self.path):
            logging.getLogger(__name__).warning("%s: the WAL was deleted under this connection; reopened", self.path)
            self.reopen()

    def changed(self) -> None:
        """Note that the library changed (another connection or program wrote): caches keyed on it refresh."""
        self.generation += 1
        self._caches.clear()

    def change_marker(self) -> tuple[int, int, int]:
        """A value that differs from an earlier one when the library changed in between (through this store or another
        connection); markers of two different stores never compare equal."""
        self.heal()
        # PRAGMA data_version moves when another connection commits; generation counts this store's own writes
        data_version = int(self.db.execute("PRAGMA data_version").fetchone()[0])
        return self._connection_no, self.generation, data_version

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
        self.require_writable()
        if not self.db.conn.in_transaction:
            self.heal()
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
            sqlite_file.raise_sqlite_error(exc, self.path, migrations.LIBRARY)
        finally:
            self.generation += 1

    def require_writable(self) -> None:
        """ReadOnlyError (with the reason) when this library cannot be changed."""
        if self.read_only:
            raise ReadOnlyError(
                f"De bibliotheek kan niet worden gewijzigd: {self.read_only_reason}",
                en=f"The library cannot be changed: {self.read_only_reason_en}",
            )

    # ---------------------------------------------------------------- settings
    @property
    def person(self) -> Person:
        """Who is working: the OS account and machine with the display name (user.current_person), unless another
        person was set for this session."""
        return self._person or user.current_person()

    @person.setter
    def person(self, who: Person | None) -> None:
        self._person = who

    @property
    def author(self) -> str:
        """The display name written into history beside the account."""
        return self.person.name

    @author.setter
    def author(self, name: str) -> None:
        """Act as another person for this session (a script, a colleague in a test): a name that is also the
        account; '' goes back to the OS account."""
        name = name.strip()
        self._person = Person(name, f"{name}@{user.machine()}") if name else None

    def set_author(self, name: str) -> None:
        """Rename oneself: the display name in the user's own settings (never in the shared library). The account
        stays the same person; the rename is an event in this library's log."""
        before = user.current_person()
        user.set_user_name(name)
        self._person = None
        after = user.current_person()
        if after.name != before.name and not self.read_only:
            with self.transaction() as db:
                self._log_event(db, "naam gewijzigd", f"{before.name} -> {after.name}")

    @property
    def four_eyes(self) -> bool:
        """True (the default) when publishing needs a second person besides the one who edited or submitted."""
        return self.setting(FOUR_EYES_KEY) != "0"

    @property
    def four_eyes_off_request(self) -> Person | None:
        """Who asked to switch the four-eyes rule off, while a second person has not confirmed it yet."""
        text = self.setting(FOUR_EYES_OFF_REQUEST_KEY)
        try:
            data = json.loads(text) if text else None
        except ValueError:
            return None
        return Person(str(data.get("name", "")), str(data.get("account", ""))) if isinstance(data, dict) else None

    def people(self) -> set[str]:
        """The logins of everyone who worked in this library (edits, reviews, events); publishers not counted."""
        rows = self.db.execute(
            "SELECT account FROM criterion_versions UNION SELECT updated_account FROM criterion_drafts "
            "UNION SELECT submitted_account FROM criterion_drafts UNION SELECT account FROM library_events")
        return {Person("", r[0]).login for r in rows.fetchall() if r[0] and "@" in r[0]}

    def set_four_eyes(self, on: bool) -> str:
        """Switch the four-eyes rule on (anyone may) or off; returns 'on', 'off' or 'requested'.

        Switching off is an organisation's decision that needs two people: in a library where others work the first
        request waits until another account confirms it; only a library with one user switches off at once. Every
        step is in the library's event log.
        """
        me = self.person
        request = self.four_eyes_off_request
        if on:
            if self.four_eyes and request is None:
                return "on"
            with self.transaction() as db:
                db.execute("DELETE FROM settings WHERE key = ?", [FOUR_EYES_OFF_REQUEST_KEY])
                if not self.four_eyes:
                    db.execute("DELETE FROM settings WHERE key = ?", [FOUR_EYES_KEY])
                    self._log_event(db, "vier-ogenprincipe ingeschakeld", "")
                else:
                    self._log_event(db, "verzoek om het vier-ogenprincipe uit te schakelen ingetrokken", "")
            return "on"
        if not self.four_eyes:
            return "off"
        alone = self.people() <= {me.login}
        if request is not None and request.same_person(me):
            raise LibraryError(
                "U heeft al gevraagd het vier-ogenprincipe uit te schakelen; een collega moet dat bevestigen.",
                en="You already asked to switch the four-eyes principle off; a colleague must confirm it.")
        with self.transaction() as db:
            if request is None and not alone:
                db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                           [FOUR_EYES_OFF_REQUEST_KEY, json.dumps(me.as_json(), ensure_ascii=False)])
                self._log_event(db, "verzoek om het vier-ogenprincipe uit te schakelen", "wacht op een collega")
                return "requested"
            db.execute("DELETE FROM settings WHERE key = ?", [FOUR_EYES_OFF_REQUEST_KEY])
            db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, '0')", [FOUR_EYES_KEY])
            self._log_event(db, "vier-ogenprincipe uitgeschakeld",
                            f"op verzoek van {request.label()}" if request else "bibliotheek met één gebruiker")
        return "off"

    @property
    def accepts_trusted_releases(self) -> bool:
        """True when the regisseur chose to take a trusted release's changes to published criteria as published;
        by default (False) each such change waits in review as a new version, like any other edit."""
        return self.setting(ACCEPT_RELEASES_KEY) == "1"

    def set_accept_trusted_releases(self, on: bool) -> None:
        """The regisseur's choice for changes from trusted releases; the library's event log records who and when."""
        self.set_setting(ACCEPT_RELEASES_KEY, "1" if on else None,
                         "wijzigingen uit vertrouwde releases " + ("direct gepubliceerd" if on else "ter review"))

    @property
    def organisation_code(self) -> str:
        """The organisation's code that starts the ids of criteria made here ('' when none was chosen)."""
        return self.setting(ORGANISATION_CODE_KEY) or ""

    def set_organisation_code(self, code: str) -> None:
        """Choose the code (2 to 5 capital letters) that starts the ids of new criteria made here; logged."""
        code = code.strip().upper()
        if code and not ORGANISATION_CODE_RE.fullmatch(code):
            raise LibraryError(f"Organisatiecode '{code}' is ongeldig; gebruik 2 tot 5 letters, bijvoorbeeld ZAA.",
                               en=f"Organisation code '{code}' is invalid; use 2 to 5 letters, e.g. ZAA.")
        self.set_setting(ORGANISATION_CODE_KEY, code or None, "organisatiecode voor nieuwe criteria")

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
        me = self.person
        db.execute("INSERT INTO library_events (at, by, event, detail, account) VALUES (?, ?, ?, ?, ?)",
                   [now_iso(), me.name, event, detail, me.account])

    def events(self) -> list[dict[str, str]]:
        """Library-wide events (four-eyes switched, renames, releases received) with who (name and account),
        newest first."""
        rows = self.db.execute("SELECT * FROM library_events ORDER BY id DESC").fetchall()
        return [{"at": r["at"], "by": r["by"], "account": history.optional_column(r, "account") or "",
                 "event": r["event"], "detail": r["detail"]} for r in rows]

    # ---------------------------------------------------------------- packages
    def packages(self) -> list[Package]:
        """All packages, sorted by Dutch name."""
        rows = self.db.execute("SELECT * FROM packages ORDER BY name_nl COLLATE NOCASE").fetchall()
        return [row_to_package(dict(r)) for r in rows]

    def package(self, slug: str) -> Package:
        """The package with this slug; LibraryError if there is none."""
        row = self.db.execute("SELECT * FROM packages WHERE slug = ?", [slug]).fetchone()
        if row is None:
            known = self.packages()
            raise LibraryError(f"Onbekend inkooppakket: {shown(slug)}; {unknown_package_hint(slug, known)}",
                               en=f"Unknown procurement package: {shown(slug)}; {unknown_package_hint(slug, known, 'en')}")
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
        for column, value in (("package", package), ("kind", kind), ("level", level)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(str(value) if column != "level" else int(value))
        if status is not None:
            # a published criterion with a new version in review is also "in review": a reviewer finds what waits
            clauses.append(f"(status = ? OR {workflow.PENDING_WITH_STATUS_SQL})")
            params.extend([str(status), str(status)])
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

    def criteria_at_versions(self, wanted: Mapping[str, int]) -> dict[str, Criterion]:
        """The criteria as they were at these versions (id -> version); ids whose version is not stored are left
        out. A saved tender prints the text the buyer chose, however the library changed since."""
        current = self.criteria_by_ids(wanted)
        found = {cid: c for cid, c in current.items() if c.version == wanted[cid]}
        older = [(cid, version) for cid, version in wanted.items() if cid not in found]
        found.update(history.stored_versions(self.db, older))
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
        """The next free id for a criterion of this kind in this package, e.g. MEU-G-07 (a proposal: see save).

        With an organisation code (set_organisation_code) it starts with that code, e.g. ZAA-MEU-G-01, so the
        organisation's own criteria never take an id a publisher's release may bring; existing ids stay as they are.
        """
        pkg = self.package(package)
        prefix = pkg.prefix or pkg.slug.replace("-", "")[:3].upper()
        organisation = self.organisation_code
        stem = f"{organisation + '-' if organisation else ''}{prefix}-{Kind(kind).letter}-"
        rows = self.db.execute("SELECT id FROM criteria WHERE id LIKE ?", [stem + "%"]).fetchall()
        numbers = [int(r[0][len(stem):]) for r in rows if r[0][len(stem):].isdigit()]
        return f"{stem}{(max(numbers) + 1 if numbers else 1):02d}"

    def save_criterion(self, c: Criterion, note: str = "", *, new: bool = False,
                       expected: Criterion | None = None) -> Criterion:
        """Store an edit; returns what is stored. Edits never change a status (that is set_status's job).

        A new criterion starts as concept. Editing a published criterion stores a new concept version beside it
        (returned with status concept); the published one stays what buyers see until the new one is approved.
        new=True: c is a new criterion; when another editor or program took its id meanwhile, it gets the next free
        id (decided inside the write transaction), so it never overwrites that one. The returned id is the stored one.
        expected: the working copy the editor loaded (see working_copy); when what is stored differs from it (an
        import ran after the editor's last look), ChangedMeanwhileError and nothing is written.
        """
        problems = criterion_problems(c, known_packages={p.slug for p in self.packages()})
        if problems:
            raise LibraryError(problems[0].nl, en=problems[0].en, where=f"{c.id}.{problems[0].where}")
        with self.transaction() as db:
            row = db.execute("SELECT * FROM criteria WHERE id = ?", [c.id]).fetchone()
            if new and row is not None:
                c, row = replace(c, id=self.new_criterion_id(c.package, c.kind)), None
            if row is None and expected is not None:
                raise ChangedMeanwhileError(c.id, None)
            if row is None:
                if c.status != Status.CONCEPT:
                    raise LibraryError("Een nieuw criterium begint als concept.",
                                       en="A new criterion starts as a draft.", where=f"{c.id}.status")
                return self._write_criterion(db, c, note)
            old = row_to_criterion(row)
            draft = db.execute("SELECT * FROM criterion_drafts WHERE criterion_id = ?", [c.id]).fetchone()
            if expected is not None:
                # checked inside the write transaction: no other writer can come between this look and the write
                working = row_to_criterion(json.loads(draft["data"])) if draft is not None else old
                if working != expected:
                    raise ChangedMeanwhileError(c.id, working)
            if content_diff(old, replace(c, status=old.status)):
                check_next_version(old)
            if old.status == Status.PUBLISHED or draft is not None:
                return workflow.write_draft(db, old, draft, c, note, author=self.person, stamp=now_iso())
            return self._write_criterion(db, replace(c, status=old.status), note)

    def draft(self, cid: str) -> Criterion | None:
        """The pending concept (or in-review) version of a published criterion, if someone is editing it."""
        row = self.db.execute("SELECT data FROM criterion_drafts WHERE criterion_id = ?", [cid]).fetchone()
        return row_to_criterion(json.loads(row[0])) if row else None

    def draft_statuses(self) -> dict[str, Status]:
        """The status of every pending new version, by criterion id (kept until the library changes)."""
        return self.cached("draft_statuses", lambda: {
            r[0]: Status(r[1]) for r in self.db.execute("SELECT criterion_id, status FROM criterion_drafts")})

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

    def _write_criterion(self, db: Database, c: Criterion, note: str, *, keep_version: bool = False,
                         stored_now: Criterion | None = None, by: Person | None = None,
                         roles: Roles | None = None) -> Criterion:
        """Write inside an open transaction; returns the stored criterion (unchanged if nothing differs).

        by: who wrote it (default the person working; a release's publisher for what a release brings). roles: the
        author, submitter and approver of this version (default: by is the author of a content change).
        stored_now: the criterion as stored, when the caller read it in this transaction already (saves a read)."""
        if stored_now is None:
            row = db.execute("SELECT * FROM criteria WHERE id = ?", [c.id]).fetchone()
            stored_now = row_to_criterion(row) if row is not None else None
        stamp = now_iso()
        by = by or self.person
        if stored_now is None:
            stored = replace(c, version=c.version if keep_version else 1, created_at=c.created_at or stamp,
                             updated_at=stamp, updated_by=by.name)
            changed = ["aangemaakt"]
        else:
            old = stored_now
            diff = content_diff(old, c)
            if not diff:
                return old
            check_next_version(old)
            # bulk imports store no history row for a criterion's first version; keep it before it is replaced
            first = self._first_author(db, old)
            history.write_version(db, old, ["aangemaakt"], "", by=first, roles={"author": first},
                                  replace_existing=False)
            stored = replace(c, version=old.version + 1, created_at=old.created_at, updated_at=stamp,
                             updated_by=by.name)
            if keep_version and c.version > old.version:
                stored.version = c.version
            changed = list(diff)
        if roles is None and set(changed) - {"status"}:
            roles = {"author": by}
        pkg_row = db.execute("SELECT * FROM packages WHERE slug = ?", [stored.package]).fetchone()
        terms = package_terms(row_to_package(dict(pkg_row))) if pkg_row else ""
        data = criterion_to_row(stored, terms)
        cols = ", ".join(data)
        db.execute(f"INSERT OR REPLACE INTO criteria ({cols}) VALUES ({', '.join('?' * len(data))})", list(data.values()))
        history.write_version(db, stored, changed, note, by=by, roles=roles)
        return stored

    def _first_author(self, db: Database, c: Criterion) -> Person:
        """Who made a criterion's first version: the publisher of the release it came in, else its first writer."""
        origin = release_origins.criterion_origin(db, c.id)
        if origin is not None and origin.publisher and c.updated_by == origin.publisher:
            return user.publisher_person(origin.publisher, origin.fingerprint)
        return Person(c.updated_by)

    def duplicate_criterion(self, cid: str) -> Criterion:
        """A copy of a criterion under a new id, as a concept."""
        original = self.criterion(cid)
        copy = replace(original, id=self.new_criterion_id(original.package, original.kind),
                       title=f"{original.title} (kopie)", status=Status.CONCEPT, version=1, created_at="")
        return self.save_criterion(copy, note=f"gekopieerd van {cid}", new=True)

    def set_status(self, cid: str, target: Status, *, why: str = "") -> Criterion:
        """Move a criterion (or its pending new version) along the workflow; LibraryError if not allowed.

        why: the reason, for retiring, or for sending what is in review back to concept (a rejection); it goes into
        the history."""
        current = self.criterion(cid)
        with self.transaction() as db:
            draft = db.execute("SELECT * FROM criterion_drafts WHERE criterion_id = ?", [cid]).fetchone()
            me = self.person
            if why and target != Status.RETIRED:
                status = Status(draft["status"]) if draft is not None else current.status
                if status != Status.IN_REVIEW or target != Status.CONCEPT:
                    raise LibraryError(f"{cid} staat niet ter review; alleen wat ter review staat kan worden "
                                       "afgewezen.", en=f"{cid} is not in review; only what is in review can be "
                                       "rejected.")
                if draft is not None:  # a pending version has no history row of its own: the log keeps the reason
                    self._log_event(db, "nieuwe versie afgewezen", f"{cid}: {why}")
            if draft is not None:
                return workflow.move_draft(db, current, draft, target, by=me, four_eyes=self.four_eyes,
                                           write=lambda c, note, roles: self._write_criterion(db, c, note,
                                                                                              roles=roles))
            curation.check_transition(current.status, target)
            note = curation.transition_note(current.status, target) + (f": {why}" if why else "")
            roles: Roles | None = None
            if target in (Status.IN_REVIEW, Status.PUBLISHED):
                editor, submitter = workflow.editor_and_submitter(db, cid)
                editor = editor or self._first_author(db, current)
                roles = {"author": editor, "submitter": me}
                if target == Status.PUBLISHED:
                    involved = [editor] + ([submitter] if submitter else [])
                    note = workflow.approval_note(note, involved, by=me, four_eyes=self.four_eyes)
                    roles = {"author": editor, "approver": me} | ({"submitter": submitter} if submitter else {})
            return self._write_criterion(db, replace(current, status=target), note, roles=roles)

    def history(self, cid: str) -> list[CriterionVersion]:
        """Every version of a criterion, newest first (the current one included), with author, submitter and
        approver per version."""
        current = self.criterion(cid)
        return history.versions(self.db, current, first_author=self._first_author(self.db, current))

    def waiting(self) -> list[workflow.Pending]:
        """What waits for a reviewer: new versions and criteria in review, with author and submitter."""
        return workflow.waiting(self.db)

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

    # ------------------------------------------------------- imports, releases
    def drafts(self, ids: Iterable[str] | None = None) -> dict[str, Criterion]:
        """The pending new versions of published criteria (all, or those of these ids), by criterion id."""
        rows = self.db.execute("SELECT criterion_id, data FROM criterion_drafts").fetchall()
        wanted = None if ids is None else set(ids)
        return {r[0]: row_to_criterion(json.loads(r[1])) for r in rows if wanted is None or r[0] in wanted}

    def import_pack(self, packages: list[Package], new: list[Criterion], changed: list[Criterion], *,
                    note: str, progress: Callable[[int, int], None] | None = None,
                    trusted: bool = False, backup: Path | None = None) -> dict[str, list[str]]:
        """Write an import in one transaction, through the workflow (see curation.incoming_route).

        A new criterion the pack calls published (or in review) comes in as in review, submitted by the importer,
        unless the source is trusted (trusted=True, only the starter library) or the regisseur chose to accept
        trusted releases as published (accepts_trusted_releases); a concept stays a concept, a retired one retired.
        A changed concept keeps its status; a change to a published criterion becomes a new version in review (a
        proposal); a criterion with a pending version is left alone.
        backup, made just before, becomes what 'library update --undo' goes back to (without one, an older update's
        backup is forgotten: going back to it would silently drop this import too).
        Returns the ids per route taken for the changed ones: 'written', 'proposed', 'held'.
        """
        routes: dict[str, list[str]] = {route.value: [] for route in Route}
        total = len(new) + len(changed)
        accept = trusted or self.accepts_trusted_releases
        new = [c if (status := curation.new_criterion_status(c.status, trusted=accept)) == c.status
               else replace(c, status=status) for c in new]  # a copy only where the status changes
        with self.transaction() as db:
            for p in packages:
                self._write_package(db, p)
            me = self.person
            bulk_insert.insert_new(db, new, self._package_terms_map(), author=me.name, now=now_iso,
                                   progress=(lambda inserted: progress(inserted, total)) if progress else None)
            # submitted by the importer: recorded the way set_status(cid, IN_REVIEW) records it, so under
            # four-eyes someone else must approve
            submitted_note = curation.transition_note(Status.CONCEPT, Status.IN_REVIEW)
            for c in new:
                if c.status == Status.IN_REVIEW:
                    row = db.execute("SELECT * FROM criteria WHERE id = ?", [c.id]).fetchone()
                    history.write_version(db, row_to_criterion(row), ["aangemaakt"], submitted_note, by=me,
                                          roles={"author": me, "submitter": me})
            done = len(new)
            for c in changed:
                route, _ = self._receive(db, c, note, source=me, release=False, keep_version=True)
                routes[route.value].append(c.id)
                done += 1
                if progress and done % 200 == 0:
                    progress(done, total)
            if progress:
                progress(total, total)
            self._remember_undo_backup(db, backup)
        return routes

    def apply_release(self, changes: ReleaseChanges) -> None:
        """Write a planned release update in one transaction: packages, new, changed and retired criteria (changes
        to published ones through review unless accepts_trusted_releases), provenance, conflicts, the release."""
        stamp = changes.stamp
        note = f"release {stamp.version} van {stamp.publisher}"
        accept = self.accepts_trusted_releases
        # what a release brings is the publisher's work (name and key), never "created" by whoever received it
        publisher = user.publisher_person(stamp.publisher, stamp.fingerprint)
        with self.transaction() as db:
            for p in changes.packages:
                self._write_package(db, p)
            if changes.new:
                bulk_insert.insert_new(db, changes.new, self._package_terms_map(), author=publisher.name,
                                       now=now_iso)
            for inc in changes.changed:
                self._receive(db, inc, note, source=publisher, release=True, accept=accept)
            for c in changes.retired:
                db.execute("DELETE FROM criterion_drafts WHERE criterion_id = ?", [c.id])  # the publisher's proposal
                self._write_criterion(db, replace(c, status=Status.RETIRED), f"ingetrokken door de uitgever ({note})",
                                      by=publisher)
            release_origins.record_release(db, changes, received_at=now_iso())
            if changes.backup is not None:
                self._remember_undo_backup(db, changes.backup)
            self._log_event(db, "release ontvangen", f"{note}: {changes.summary}")

    def _remember_undo_backup(self, db: Database, backup: Path | None) -> None:
        # The row names the backup by its name in this library's backups folder (a path typed relative to another
        # working folder would not be found again); a record beside the backups, which the library file cannot
        # change, must name the same file with the same digest before an undo takes it.
        if backup is None:
            db.execute("DELETE FROM settings WHERE key = ?", [LAST_UPDATE_BACKUP_KEY])
            sqlite_backup.forget_undo_record(paths.backups_dir(self.path))
            return
        sqlite_backup.record_undo_backup(Path(backup))
        db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                   [LAST_UPDATE_BACKUP_KEY, Path(backup).name])

    def resolve_conflict(self, cid: str, *, take_incoming: bool) -> Criterion:
        """Take the incoming version kept beside a criterion (through the workflow, as a release change would be),
        or keep the local one; either way the incoming version becomes the base later releases compare with."""
        origin = self.origin(cid)
        if origin is None or origin.incoming is None or not self.has_criterion(cid):
            raise LibraryError(f"{cid} heeft geen openstaand conflict.", en=f"{cid} has no open conflict.")
        content = {k: v for k, v in origin.incoming.items() if k != "status"}
        status = Status(origin.incoming.get("status", Status.PUBLISHED.value))
        # who sent the conflicting version: another publisher than the one of the base, possibly
        sender = origin.incoming_publisher or origin.publisher
        publisher = user.publisher_person(sender, origin.incoming_fingerprint or origin.fingerprint)
        with self.transaction() as db:
            current = self.criterion(cid)
            if not take_incoming:
                result = self.working_copy(cid)
            elif status == Status.RETIRED:
                db.execute("DELETE FROM criterion_drafts WHERE criterion_id = ?", [cid])
                result = self._write_criterion(db, replace(current, status=Status.RETIRED),
                                               f"ingetrokken door {sender} (release "
                                               f"{origin.incoming_version})", by=publisher)
            else:
                incoming = criterion_from_content(cid, content, status.value, current.version)
                _, result = self._receive(
                    db, incoming, f"nieuwe versie van {sender} overgenomen (release "
                    f"{origin.incoming_version})", source=publisher, release=True,
                    accept=self.accepts_trusted_releases)
            release_origins.settle_conflict(db, cid, content, origin.incoming_version)
        return result

    def resolve_package_conflict(self, slug: str, *, take_incoming: bool) -> Package:
        """Take the publisher's values of a package's conflicting fields, or keep the local ones."""
        incoming = release_origins.package_incoming(self.db, slug)
        if incoming is None:
            raise LibraryError(f"Pakket {slug} heeft geen openstaand conflict.", en=f"Package {slug} has no open conflict.")
        with self.transaction() as db:
            pkg = self.package(slug)
            if take_incoming:
                pkg = replace(pkg, **incoming)
                self._write_package(db, pkg)
            release_origins.settle_package_conflict(db, slug)
        return pkg

    def origins(self, ids: Iterable[str] | None = None) -> dict[str, Origin]:
        """Where criteria received in releases came from (all, or those of these ids), by criterion id."""
        return release_origins.criterion_origins(self.db, ids)

    def origin(self, cid: str) -> Origin | None:
        """Where one criterion came from (None for a criterion made here)."""
        return release_origins.criterion_origin(self.db, cid)

    def package_origins(self) -> dict[str, tuple[dict[str, Any], dict[str, Any] | None]]:
        """Per package received in a release: its fields as last received and the conflicting incoming fields."""
        return release_origins.package_origins(self.db)

    def last_release(self, fingerprint: str) -> tuple[str, str] | None:
        """The version and index hash of the last release received from this publisher, if any."""
        return release_origins.last_release(self.db, fingerprint)

    def _receive(self, db: Database, incoming: Criterion, note: str, *, source: Person, release: bool,
                 accept: bool = False, keep_version: bool = False) -> tuple[Route, Criterion]:
        """Write content from outside, written by source (a release's publisher, an importer), into an existing
        criterion the way the workflow allows (in a transaction); a proposal is submitted by the person working."""
        old = row_to_criterion(db.execute("SELECT * FROM criteria WHERE id = ?", [incoming.id]).fetchone())
        draft = db.execute("SELECT * FROM criterion_drafts WHERE criterion_id = ?", [incoming.id]).fetchone()
        route = curation.incoming_route(old.status, has_draft=draft is not None, release=release, accept=accept)
        if route == Route.HELD:
            return route, old
        if route == Route.PROPOSED:
            return route, workflow.write_draft(db, old, draft, replace(incoming, status=old.status), note,
                                               author=source, submitter=self.person, stamp=now_iso())
        if draft is not None:  # a trusted release replaces an earlier release's proposal (merge made sure of that)
            db.execute("DELETE FROM criterion_drafts WHERE criterion_id = ?", [incoming.id])
        return route, self._write_criterion(db, replace(incoming, status=old.status), note, keep_version=keep_version,
                                            stored_now=old, by=source)

    def _package_terms_map(self) -> dict[str, str]:
        return {p.slug: package_terms(p) for p in self.packages()}

    # ------------------------------------------------------------------ caches
    def cached(self, key: str, build: Callable[[], T]) -> T:
        """A value built from the library's content (the search vocabulary), kept until the library changes."""
        hit = self._caches.get(key)
        if hit is not None and hit[0] == self.generation:
            return cast(T, hit[1])
        value = build()
        self._caches[key] = (self.generation, value)
        return value

    # ------------------------------------------------------------------ backup
    def backup(self, folder: Path | None = None) -> Path:
        """Copy the whole database (a consistent snapshot) into the backups folder; returns the copy's path."""
        return sqlite_backup.backup(self.db.conn, self.path, migrations.LIBRARY, folder=folder)
