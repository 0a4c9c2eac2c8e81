"""Search-as-you-type without stutter: queries run on a background thread with their own read-only connection.

Typing only restarts a short timer; the query (FTS5 + typo expansion can take tens of milliseconds at 20,000
criteria) runs in a single-thread pool and its result is applied only if it is still the newest one asked for.
When a second connection cannot be opened (a locked or unusual file) the queries run on the main store instead.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from criteria_library.infra.errors import UserError
from criteria_library.models import Criterion
from criteria_library.search import search_criteria
from criteria_library.store import LibraryStore

SEARCH_LIMIT = 500
DEBOUNCE_MS = 60


@dataclass(frozen=True)
class Query:
    """What the table should show: filters plus optional search text."""

    text: str = ""
    package: str | None = None
    kind: str | None = None
    level: int | None = None
    status: str | None = None


@dataclass
class QueryResult:
    serial: int
    query: Query
    ids: list[str]
    known: dict[str, Criterion]


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, runner: QueryRunner, serial: int, query: Query) -> None:
        super().__init__()
        self.runner, self.serial, self.query = runner, serial, query

    def run(self) -> None:
        try:
            result = self.runner.execute(self.serial, self.query)
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread: a dialog, and a bug is logged
            with contextlib.suppress(RuntimeError):  # the window closed while the query ran
                self.runner.signals.failed.emit(exc)
            return
        with contextlib.suppress(RuntimeError):  # the window closed while the query ran
            self.runner.signals.done.emit(result)


class QueryRunner(QObject):
    """Runs table queries off the UI thread; emits `ready(QueryResult)` for the newest one."""

    ready = Signal(object)

    def __init__(self, store: LibraryStore, parent: QObject | None = None, *, background: bool = True) -> None:
        super().__init__(parent)
        self.store = store
        self.signals = _Signals()
        self.signals.done.connect(self._on_done)
        self.signals.failed.connect(self._on_failed)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._serial = 0
        self._lock = threading.Lock()
        self._reader: LibraryStore | None = None
        self._reader_generation = -1
        self._background = background
        self._pending: Query | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._fire)
        self.last_query: Query | None = None

    # ---------------------------------------------------------------- asking
    def request(self, query: Query, *, immediate: bool = False) -> None:
        """Ask for a query; typing calls this per keystroke and only the last one runs."""
        self._pending = query
        if immediate:
            self.timer.stop()
            self._fire()
        else:
            self.timer.start()

    def run_now(self, query: Query) -> QueryResult:
        """Run a query synchronously on the main store (tests, first fill)."""
        self._serial += 1
        result = self._query(self.store, self._serial, query)
        self.last_query = query
        self.ready.emit(result)
        return result

    def _fire(self) -> None:
        query = self._pending
        if query is None:
            return
        self._pending = None
        self._serial += 1
        self.last_query = query
        if self._background and self._reader_store() is not None:
            self.pool.start(_Job(self, self._serial, query))
        else:
            self.ready.emit(self._query(self.store, self._serial, query))

    def wait(self) -> None:
        """Block until running queries are done (tests, shutdown)."""
        self.timer.stop()
        self._fire()
        self.pool.waitForDone()

    # ---------------------------------------------------------------- running
    def _reader_store(self) -> LibraryStore | None:
        """A second, read-only connection for the background thread (WAL lets it read while the UI writes)."""
        if self._reader is None and self._background:
            try:
                self._reader = LibraryStore.open(self.store.path, read_only=True, any_thread=True)
            except (UserError, OSError):
                self._background = False
                return None
        return self._reader

    def execute(self, serial: int, query: Query) -> QueryResult:
        with self._lock:
            reader = self._reader
            if reader is None:
                return self._query(self.store, serial, query)
            if self._reader_generation != self.store.generation:
                reader.changed()  # the library changed: rebuild the typo vocabulary
                self._reader_generation = self.store.generation
            return self._query(reader, serial, query)

    @staticmethod
    def _query(store: LibraryStore, serial: int, q: Query) -> QueryResult:
        if q.text.strip():
            hits = search_criteria(store, q.text, package=q.package, kind=q.kind, level=q.level, status=q.status,
                                limit=SEARCH_LIMIT)
            return QueryResult(serial, q, [h.criterion.id for h in hits], {h.criterion.id: h.criterion for h in hits})
        ids = store.criterion_ids(package=q.package, kind=q.kind, level=q.level, status=q.status)
        return QueryResult(serial, q, ids, {})

    def _on_failed(self, exc: BaseException) -> None:
        """A background query failed: a user error is shown, a bug is logged and reported (never lost)."""
        from .error_dialogs import exception_hook

        exception_hook(type(exc), exc, exc.__traceback__)

    def _on_done(self, result: QueryResult) -> None:
        if result.serial == self._serial:
            self.ready.emit(result)

    def close(self) -> None:
        self.timer.stop()
        self.pool.waitForDone()
        if self._reader is not None:
            with contextlib.suppress(Exception):
                self._reader.close()
            self._reader = None
