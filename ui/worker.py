"""Long work off the UI thread: a QRunnable in the global QThreadPool, with a cancellable progress dialog.

The task is a plain function `task(progress) -> result`; `progress(done, total)` comes from the core's callbacks
(criteria_library.exchange.Progress). Cancelling makes the next progress call raise exchange.Cancelled, which the
core turns into "nothing changed".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from criteria_library.exchange import Cancelled

Task = Callable[[Callable[[int, int], None]], Any]


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class Worker(QRunnable):
    """Runs one task in a pool thread and reports progress, the result or the exception back on the UI thread."""

    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task
        self.signals = _Signals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.task(self._progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread, which decides what to show
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


_RUNNING: set[Worker] = set()  # a worker must outlive its run; kept here until it reports


def run_in_background(task: Task, on_done: Callable[[Any], None]) -> None:
    """Run task on a pool thread without a dialog; on_done(result) on the UI thread; a failure is logged as a bug."""
    worker = Worker(task)
    _RUNNING.add(worker)

    def finished(result: Any) -> None:
        _RUNNING.discard(worker)
        on_done(result)

    def failed(exc: BaseException) -> None:
        from .error_dialogs import log_exception

        _RUNNING.discard(worker)
        log_exception(type(exc), exc, exc.__traceback__)

    worker.signals.finished.connect(finished)
    worker.signals.failed.connect(failed)
    worker.signals.cancelled.connect(lambda: _RUNNING.discard(worker))
    QThreadPool.globalInstance().start(worker)


class TaskOutcome:
    """What a finished task produced: its result, its exception, or that it was cancelled."""

    def __init__(self) -> None:
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancelled = False

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled


def run_with_progress(parent: QWidget | None, label: str, task: Task, *, cancellable: bool = True,
                      minimum_duration_ms: int = 400) -> TaskOutcome:
    """Run task in the thread pool while a progress dialog (shown if it takes long) keeps the window responsive.

    Returns when the task has ended; the caller shows errors (UserError) or the result.
    """
    outcome = TaskOutcome()
    worker = Worker(task)
    dialog = QProgressDialog(label, QCoreApplication.translate("Worker", "Annuleren") if cancellable else "", 0, 0,
                             parent)
    dialog.setWindowTitle(QCoreApplication.translate("Worker", "Even geduld"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(minimum_duration_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    loop = QEventLoop()

    def on_progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def on_finished(result: Any) -> None:
        outcome.result = result
        loop.quit()

    def on_failed(exc: BaseException) -> None:
        outcome.error = exc
        loop.quit()

    def on_cancelled() -> None:
        outcome.cancelled = True
        loop.quit()

    worker.signals.progress.connect(on_progress)
    worker.signals.finished.connect(on_finished)
    worker.signals.failed.connect(on_failed)
    worker.signals.cancelled.connect(on_cancelled)
    dialog.canceled.connect(worker.cancel)
    QThreadPool.globalInstance().start(worker)
    loop.exec()
    dialog.close()
    dialog.deleteLater()
    return outcome
