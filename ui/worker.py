"""Long work off the UI thread: a QRunnable for the global QThreadPool that reports back through Qt signals.

The task is a plain function `task(progress) -> result`; `progress(done, total)` comes from the core's callbacks
(criteria_library.pack_reading.Progress). Cancelling makes the next progress call raise Cancelled, which the
core turns into "nothing changed". ui.operation runs workers with a progress dialog and callbacks.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from criteria_library.pack_reading import Cancelled

Progress = Callable[[int, int], None]
Task = Callable[[Progress], Any]


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
        """Ask the task to stop at its next progress call."""
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.task(self._progress)
        except Cancelled:
            outcome: tuple[Any, ...] = (self.signals.cancelled,)
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread, which decides what to show
            outcome = (self.signals.failed, exc)
        else:
            outcome = (self.signals.finished, result)
        signal, *values = outcome
        with contextlib.suppress(RuntimeError):  # the application shut down while the task ran: nobody to tell
            signal.emit(*values)
