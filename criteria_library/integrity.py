"""`library check`: SQLite integrity, full-text index in step with the table, every criterion valid."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field, replace

from .companions import link_problems
from .errors import reason_nl
from .infra import sqlite_file
from .infra.collector import collector_paused
from .infra.problems import Problem
from .rows import row_to_criterion, row_to_package
from .store import LibraryStore
from .validation import criterion_problems, criterion_warnings, package_problems


@dataclass
class CheckReport:
    """What an integrity check found; ok when there are no problems."""

    problems: list[Problem] = field(default_factory=list)
    checked_criteria: int = 0
    warnings: list[Problem] = field(default_factory=list)  # worth fixing, but the library is usable

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def _why(exc: Exception) -> str:
    """A short reason for an unreadable row (the exception's text, shortened)."""
    text = getattr(exc, "reason", None) or str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _dict_rows(conn: sqlite3.Connection, sql: str) -> list[dict]:
    """The rows as plain dicts: zipping tuples with the column names costs a third of dict(sqlite3.Row)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute(sql).fetchall()
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in rows]


def _sqlite_checks(conn: sqlite3.Connection, *, fts: bool) -> tuple[list[Problem], bool]:
    """SQLite's own checks, in the report's order: pages and indexes, foreign keys, and (fts) the search index
    against the criteria; with True when the database could not be read, which ends the whole check."""
    problems: list[Problem] = []
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            problems.extend(Problem("integriteit", line, line, "integrity") for line in result)
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        problems.extend(Problem("verwijzing", str(tuple(r)), str(tuple(r)), "reference") for r in fk)
        if fts:  # FTS5 tokenizes every row again and compares it with the index, prefix indexes included
            try:
                conn.execute("INSERT INTO criteria_fts(criteria_fts, rank) VALUES ('integrity-check', 1)")
            except sqlite3.DatabaseError as exc:
                problems.append(Problem("", f"zoekindex loopt niet in de pas met de criteria: {exc}",
                                        f"the search index is out of step with the criteria: {exc}"))
    except sqlite3.DatabaseError as exc:
        problems.append(Problem("", f"database onleesbaar: {exc}", f"database unreadable: {exc}"))
        return problems, True
    return problems, False


class _SqliteChecks:
    """_sqlite_checks, about 40% of the whole check at 20,000 criteria (the FTS5 check alone a third), run in
    SQLite's C code without holding Python's lock: on a connection of their own in a thread, while the rows are
    read and validated on the store's connection."""

    def __init__(self, store: LibraryStore) -> None:
        self._store = store
        self._outcome: tuple[list[Problem], bool] = ([], False)
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        # the FTS5 check is an INSERT, refused on a read-only connection; a transaction of the caller's own would
        # hide its changes from another connection and hold the write lock the check waits for
        if store.read_only or store.db.conn.in_transaction or not store.path.is_file():
            self._outcome = _sqlite_checks(store.db.conn, fts=not store.read_only)
            return
        self._thread = threading.Thread(target=self._in_thread, name="library-check-sqlite", daemon=True)
        self._thread.start()

    def _in_thread(self) -> None:
        try:
            conn = sqlite_file.connect(self._store.path, "rw").conn
            try:
                self._outcome = _sqlite_checks(conn, fts=True)
            finally:
                conn.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread, which runs the checks itself
            self._error = exc

    def result(self) -> tuple[list[Problem], bool]:
        """The findings and whether the database was unreadable; waits for the thread."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
            if self._error is not None:  # no connection of its own (a lock, a vanished file): check here instead
                self._outcome = _sqlite_checks(self._store.db.conn, fts=True)
        return self._outcome


def check_library(store: LibraryStore) -> CheckReport:
    """Run every check and collect all problems (Dutch)."""
    with collector_paused():  # 20,000 criteria read and checked: the collector's passes would free nothing
        return _check(store)


def _check(store: LibraryStore) -> CheckReport:
    report = CheckReport()
    sqlite_checks = _SqliteChecks(store)
    try:
        _check_contents(store, report)
    except sqlite3.DatabaseError:
        if not sqlite_checks.result()[1]:
            raise  # as before; an unreadable database is reported below, as it was before the rows were read
    finally:
        first, unreadable = sqlite_checks.result()
    if unreadable:
        return CheckReport(problems=first)  # as before: nothing after an unreadable database is reported
    report.problems[:0] = first
    return report


def _check_contents(store: LibraryStore, report: CheckReport) -> None:
    conn = store.db.conn
    try:
        n_fts = conn.execute("SELECT count(*) FROM criteria_fts").fetchone()[0]
        n_rows = conn.execute("SELECT count(*) FROM criteria").fetchone()[0]
        if n_fts != n_rows:
            report.problems.append(Problem("", f"zoekindex heeft {n_fts} rijen, de criteriatabel {n_rows}",
                                           f"the search index has {n_fts} rows, the criteria table {n_rows}"))
    except sqlite3.DatabaseError as exc:
        report.problems.append(Problem("", f"database onleesbaar: {exc}", f"database unreadable: {exc}"))
        return
    # row by row, so one unreadable row (written by another tool or an old bug) is named instead of ending the check
    packages = []
    for prow in conn.execute("SELECT * FROM packages ORDER BY slug").fetchall():
        try:
            packages.append(row_to_package(dict(prow)))
        except Exception as exc:  # noqa: BLE001 - any bad value: name the row, go on with the others
            report.problems.append(Problem(f"pakket {prow['slug']!r}", f"rij onleesbaar ({reason_nl(_why(exc))})",
                                           f"row unreadable ({_why(exc)})", f"package {prow['slug']!r}"))
    known = {p.slug for p in packages} | {r[0] for r in conn.execute("SELECT slug FROM packages")}
    for p in packages:
        report.problems.extend(Problem(f"pakket {p.slug}.{pr.where}", pr.nl, pr.en, f"package {p.slug}.{pr.where}")
                               for pr in package_problems(p))
    criteria = []
    for crow in _dict_rows(conn, "SELECT * FROM criteria ORDER BY package, id"):
        try:
            criteria.append(row_to_criterion(crow))
        except Exception as exc:  # noqa: BLE001 - any bad value: name the row, go on with the others
            report.checked_criteria += 1
            report.problems.append(Problem(str(crow["id"]), f"rij onleesbaar ({reason_nl(_why(exc))})",
                                           f"row unreadable ({_why(exc)})"))
    by_id = {c.id: c for c in criteria}
    for c in criteria:
        report.checked_criteria += 1
        try:
            # most criteria have no finding: extend only when there is one (no generator per criterion and list)
            if found := criterion_problems(c, known):
                report.problems.extend(replace(pr, where=f"{c.id}.{pr.where}") for pr in found)
            # a companion that does not resolve: the documents could not add the clause or keep the floor equal
            if found := link_problems(c, by_id):
                report.problems.extend(replace(pr, where=f"{c.id}.{pr.where}") for pr in found)
            if found := criterion_warnings(c):
                report.warnings.extend(replace(w, where=f"{c.id}.{w.where}") for w in found)
        except Exception as exc:  # noqa: BLE001 - a value the checks cannot even read: name the row
            report.problems.append(Problem(c.id, f"rij onleesbaar ({reason_nl(_why(exc))})", f"row unreadable ({_why(exc)})"))
    ahead = conn.execute(
        "SELECT v.criterion_id, max(v.version), c.version FROM criterion_versions v "
        "JOIN criteria c ON c.id = v.criterion_id GROUP BY v.criterion_id HAVING max(v.version) > c.version"
    ).fetchall()
    report.problems.extend(Problem(r[0], f"geschiedenis heeft versie {r[1]}, het criterium zelf versie {r[2]}",
                                   f"history has version {r[1]}, the criterion itself version {r[2]}") for r in ahead)
