"""`library check`: SQLite integrity, full-text index in step with the table, every criterion valid."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field, replace

from .companions import link_problems
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


class _FtsCheck:
    """FTS5's own integrity check of the search index against the criteria (every row tokenized again and compared
    with the index, prefix indexes included): a third of the whole check. SQLite runs it without holding Python's
    lock, so it runs on a connection of its own in a thread while the rows are read and checked here."""

    def __init__(self, store: LibraryStore) -> None:
        self.at: int | None = None
        self._problem: Problem | None = None
        self._error: BaseException | None = None
        self._store = store
        self._thread: threading.Thread | None = None
        if store.read_only:
            return  # the check is an INSERT: FTS5 refuses it on a read-only connection
        # a transaction of the caller's own would hide its changes from another connection and hold the write lock
        if store.db.conn.in_transaction or not store.path.is_file():
            self._run(store.db.conn)
            return
        self._thread = threading.Thread(target=self._in_thread, name="library-check-fts", daemon=True)
        self._thread.start()

    def _in_thread(self) -> None:
        try:
            conn = sqlite_file.connect(self._store.path, "rw").conn
            try:
                self._run(conn)
            finally:
                conn.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread, which runs the check itself
            self._error = exc

    def _run(self, conn: sqlite3.Connection) -> None:
        try:
            conn.execute("INSERT INTO criteria_fts(criteria_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            self._problem = Problem("", f"zoekindex loopt niet in de pas met de criteria: {exc}",
                                    f"the search index is out of step with the criteria: {exc}")

    def result(self) -> Problem | None:
        """The finding (None when the index is in step); waits for the thread."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
            if self._error is not None:  # no connection of its own (a lock, a vanished file): check here instead
                self._problem = None
                self._run(self._store.db.conn)
        return self._problem


def check_library(store: LibraryStore) -> CheckReport:
    """Run every check and collect all problems (Dutch)."""
    with collector_paused():  # 20,000 criteria read and checked: the collector's passes would free nothing
        return _check(store)


def _check(store: LibraryStore) -> CheckReport:
    report = CheckReport()
    fts = _FtsCheck(store)
    try:
        return _check_contents(store, report, fts)
    finally:
        fts_problem = fts.result()
        if fts_problem is not None and fts.at is not None:  # None: the database was unreadable before it
            report.problems.insert(fts.at, fts_problem)


def _check_contents(store: LibraryStore, report: CheckReport, fts: _FtsCheck) -> CheckReport:
    conn = store.db.conn
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            report.problems.extend(Problem("integriteit", line, line, "integrity") for line in result)
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        report.problems.extend(Problem("verwijzing", str(tuple(r)), str(tuple(r)), "reference") for r in fk)
        fts.at = len(report.problems)  # where its finding goes, so the report reads as before
        n_fts = conn.execute("SELECT count(*) FROM criteria_fts").fetchone()[0]
        n_rows = conn.execute("SELECT count(*) FROM criteria").fetchone()[0]
        if n_fts != n_rows:
            report.problems.append(Problem("", f"zoekindex heeft {n_fts} rijen, de criteriatabel {n_rows}",
                                           f"the search index has {n_fts} rows, the criteria table {n_rows}"))
    except sqlite3.DatabaseError as exc:
        report.problems.append(Problem("", f"database onleesbaar: {exc}", f"database unreadable: {exc}"))
        return report
    # row by row, so one unreadable row (written by another tool or an old bug) is named instead of ending the check
    packages = []
    for prow in conn.execute("SELECT * FROM packages ORDER BY slug").fetchall():
        try:
            packages.append(row_to_package(dict(prow)))
        except Exception as exc:  # noqa: BLE001 - any bad value: name the row, go on with the others
            report.problems.append(Problem(f"pakket {prow['slug']!r}", f"rij onleesbaar ({_why(exc)})",
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
            report.problems.append(Problem(str(crow["id"]), f"rij onleesbaar ({_why(exc)})",
                                           f"row unreadable ({_why(exc)})"))
    by_id = {c.id: c for c in criteria}
    for c in criteria:
        report.checked_criteria += 1
        try:
            report.problems.extend(replace(pr, where=f"{c.id}.{pr.where}") for pr in criterion_problems(c, known))
            # a companion that does not resolve: the documents could not add the clause or keep the floor equal
            report.problems.extend(replace(pr, where=f"{c.id}.{pr.where}") for pr in link_problems(c, by_id))
            report.warnings.extend(replace(w, where=f"{c.id}.{w.where}") for w in criterion_warnings(c))
        except Exception as exc:  # noqa: BLE001 - a value the checks cannot even read: name the row
            report.problems.append(Problem(c.id, f"rij onleesbaar ({_why(exc)})", f"row unreadable ({_why(exc)})"))
    ahead = conn.execute(
        "SELECT v.criterion_id, max(v.version), c.version FROM criterion_versions v "
        "JOIN criteria c ON c.id = v.criterion_id GROUP BY v.criterion_id HAVING max(v.version) > c.version"
    ).fetchall()
    report.problems.extend(Problem(r[0], f"geschiedenis heeft versie {r[1]}, het criterium zelf versie {r[2]}",
                                   f"history has version {r[1]}, the criterion itself version {r[2]}") for r in ahead)
    return report
