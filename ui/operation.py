"""Long work without nested event loops (as Anki's CollectionOp/QueryOp).

    Operation(window, task, label=...).success(show_result).run()

The task runs on a pool thread (ui.worker.Worker) while a progress dialog shows if it takes long; `run` returns at
once and the window keeps its one event loop. When the task ends, a progress dialog that showed gives the focus back
to the control that had it in the operation's window, then the callbacks run on the UI thread: `always` first (refresh caches whatever happened),
then `success(result)`, `failure(exc)` or `cancelled()`. A failure without its own callback is shown to the user
(a UserError as its message in the interface language, anything else as a logged bug), never only logged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from criteria_library.infra.errors import UserError

from .worker import Progress, Worker

T = TypeVar("T")

_RUNNING: set[Operation[Any]] = set()  # an operation must outlive its worker; kept here until its callbacks ran


def _tr(text: str) -> str:
    return QCoreApplication.translate("Worker", text)


def running() -> int:
    """How many operations have not yet finished their callbacks (tests wait until none)."""
    return len(_RUNNING)


def _alive(widget: QWidget | None) -> bool:
    return widget is not None and shiboken6.isValid(widget)


def show_failure(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """A failure from a worker, shown: a UserError as its message, anything else logged and reported as a bug."""
    from .error_dialogs import report_bug, show_user_error

    if isinstance(exc, UserError):
        show_user_error(parent, exc, title)
    else:
        report_bug(parent, type(exc), exc, exc.__traceback__)


class Operation(Generic[T]):
    """One piece of long work for a window: the task off the UI thread, its outcome back on it."""

    def __init__(self, parent: QWidget | None, task: Callable[[Progress], T], *, label: str = "",
                 failure_title: str | None = None, cancellable: bool = False, minimum_duration_ms: int = 400,
                 progress_dialog: bool = True) -> None:
        self.parent = parent
        self.task = task
        self.label = label
        self.failure_title = failure_title
        self.cancellable = cancellable
        self.minimum_duration_ms = minimum_duration_ms
        self.progress_dialog = progress_dialog
        self.finished = False
        self._on_success: Callable[[T], None] = lambda _result: None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_cancelled: Callable[[], None] | None = None
        self._always: list[Callable[[], None]] = []
        self._dialog: QProgressDialog | None = None
        self._window: QWidget | None = None
        self._focus: QWidget | None = None
        self._worker: Worker | None = None

    # ---------------------------------------------------------------- callbacks
    def success(self, callback: Callable[[T], None]) -> Operation[T]:
        """Call callback(result) on the UI thread when the task returned."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Operation[T]:
        """Call callback(exception) instead of showing the failure."""
        self._on_failure = callback
        return self

    def cancelled(self, callback: Callable[[], None]) -> Operation[T]:
        """Call callback() instead of saying that nothing changed when the user cancelled."""
        self._on_cancelled = callback
        return self

    def always(self, callback: Callable[[], None]) -> Operation[T]:
        """Call callback() first whatever the outcome (for example: another connection wrote, refresh caches)."""
        self._always.append(callback)
        return self

    # ---------------------------------------------------------------- running
    def run(self) -> Operation[T]:
        """Start the task on a pool thread and return at once."""
        self._window = self.parent.window() if self.parent is not None else QApplication.activeWindow()
        self._focus = QApplication.focusWidget()
        worker = Worker(self.task)
        self._worker = worker
        if self.progress_dialog:
            self._dialog = self._make_dialog(worker)
        worker.signals.progress.connect(self._progress)
        worker.signals.finished.connect(lambda result: self._finish(lambda: self._on_success(result)))
        worker.signals.failed.connect(lambda exc: self._finish(lambda: self._failed(exc), failure=exc))
        worker.signals.cancelled.connect(lambda: self._finish(self._was_cancelled))
        _RUNNING.add(self)
        QThreadPool.globalInstance().start(worker)
        return self

    def _make_dialog(self, worker: Worker) -> QProgressDialog:
        parent = self.parent if _alive(self.parent) else None
        dialog = QProgressDialog(self.label, _tr("Annuleren") if self.cancellable else "", 0, 0, parent)
        dialog.setWindowTitle(_tr("Even geduld"))
        # a progress dialog sizes itself to its label: a short label clipped the title in the title bar (with the
        # window manager's buttons beside it); room for the title in the larger title-bar font, and for the label
        metrics = dialog.fontMetrics()
        dialog.setMinimumWidth(max(360, int(metrics.horizontalAdvance(dialog.windowTitle()) * 1.5) + 160,
                                   metrics.horizontalAdvance(self.label) + 80))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(self.minimum_duration_ms)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if self.cancellable:
            dialog.canceled.connect(worker.cancel)
        else:
            dialog.setCancelButton(None)  # no button at all
        return dialog

    def _progress(self, done: int, total: int) -> None:
        dialog = self._dialog
        if dialog is not None and total > 0 and _alive(dialog):
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def _finish(self, outcome: Callable[[], None], failure: BaseException | None = None) -> None:
        try:
            if self._close_dialog():
                self._give_focus_back()
            for callback in self._always:
                callback()
            if self.parent is not None and not _alive(self.parent):
                if failure is not None:  # the window closed meanwhile: nobody to tell, but the bug is logged
                    from .error_dialogs import log_exception

                    log_exception(type(failure), failure, failure.__traceback__)
                return
            outcome()
        finally:
            self.finished = True
            self._worker = None
            _RUNNING.discard(self)

    def _close_dialog(self) -> bool:
        """Close the progress dialog; True when it was showing (and so had taken the focus)."""
        dialog, self._dialog = self._dialog, None
        if dialog is None or not _alive(dialog):
            return False
        shown = dialog.isVisible()
        dialog.canceled.disconnect()  # hiding it is not the user cancelling
        dialog.reset()  # stops its show timer, else a quick task's dialog pops up later over the next question
        dialog.hide()
        dialog.deleteLater()
        return shown

    def _give_focus_back(self) -> None:
        """The progress dialog took the focus; give it back to the control that had it, unless the user has gone
        to another window meanwhile (without this nothing had the keyboard focus after an export, 1 run in 3).
        An operation whose dialog never showed leaves the focus alone: it never moved."""
        window = self._window
        if not _alive(window) or window is None or not window.isVisible():
            return
        active = QApplication.activeWindow()
        if active is not None and active is not window and not isinstance(active, QProgressDialog):
            return
        window.activateWindow()
        focus = self._focus
        if _alive(focus) and focus is not None and focus.window() is window and focus.isVisible() \
                and focus.isEnabled():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _failed(self, exc: BaseException) -> None:
        if self._on_failure is not None:
            self._on_failure(exc)
        else:
            show_failure(self.parent, exc, self.failure_title)

    def _was_cancelled(self) -> None:
        if self._on_cancelled is not None:
            self._on_cancelled()
        else:
            QMessageBox.information(self.parent, self.failure_title or self.label,
                                    QCoreApplication.translate("Exchange", "Afgebroken; er is niets gewijzigd."))
