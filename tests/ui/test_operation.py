"""Long work as an operation: the caller returns at once, callbacks run on the UI thread, failures are shown, and
the focus comes back to where it was after the progress dialog."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from criteria_library.infra.errors import UserError

pytestmark = pytest.mark.gui


@pytest.fixture
def window(app, qtbot):
    """A window with two fields; the second has the keyboard focus."""
    w = QWidget()
    layout = QVBoxLayout(w)
    w.first, w.second = QLineEdit(w), QLineEdit(w)
    layout.addWidget(w.first)
    layout.addWidget(w.second)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.second.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.second)
    return w


def test_run_returns_at_once_and_the_result_arrives_on_the_ui_thread(window, operations):
    from ui.operation import Operation

    released = threading.Event()
    results: list[tuple[bool, threading.Thread]] = []
    Operation(window, lambda _progress: released.wait(10)).success(
        lambda ok: results.append((ok, threading.current_thread()))).run()
    released.set()  # reached only because run() did not wait for the task
    operations.wait()
    assert results == [(True, threading.main_thread())]


def test_the_focus_comes_back_to_its_control_after_the_progress_dialog(window, qtbot, operations):
    """The export's progress dialog took the keyboard focus and nothing got it back: the keyboard-only test then
    failed about 1 run in 3 (whenever the export took longer than the dialog's delay)."""
    from ui.operation import Operation

    release = threading.Event()
    op = Operation(window, lambda _progress: release.wait(10), label="Bezig...", minimum_duration_ms=0).run()
    qtbot.waitUntil(lambda: op._dialog is not None and op._dialog.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not window.second)  # the dialog has it now
    release.set()
    operations.wait()
    assert not op._dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.second, timeout=2000)


def test_a_failure_nobody_handles_is_shown_not_only_logged(window, operations, user_errors, monkeypatch):
    from ui import error_dialogs
    from ui.operation import Operation

    bugs: list[BaseException] = []
    monkeypatch.setattr(error_dialogs, "report_bug", lambda parent, t, exc, tb: bugs.append(exc))

    def refuse(_progress):
        raise UserError("Het bestand is geen pakket.", en="The file is not a pack.")

    def crash(_progress):
        raise ZeroDivisionError("bug")

    done: list[object] = []
    Operation(window, refuse, progress_dialog=False).success(done.append).run()
    Operation(window, crash, progress_dialog=False).success(done.append).run()
    operations.wait()
    assert done == []
    assert [str(e) for e in user_errors] == ["Het bestand is geen pakket."]
    assert len(bugs) == 1 and isinstance(bugs[0], ZeroDivisionError)


def test_cancelling_calls_the_cancel_callback_and_nothing_else(window, operations):
    from ui.operation import Operation

    started = threading.Event()

    def long_task(progress):
        started.set()
        for i in range(1000):
            progress(i, 1000)
            time.sleep(0.01)
        return "klaar"

    outcome: list[str] = []
    always: list[bool] = []
    op = Operation(window, long_task, cancellable=True, minimum_duration_ms=0).success(outcome.append).cancelled(
        lambda: outcome.append("afgebroken")).always(lambda: always.append(True)).run()
    assert started.wait(10)
    assert op._worker is not None
    op._worker.cancel()  # what Annuleren in the progress dialog does
    operations.wait()
    assert outcome == ["afgebroken"] and always == [True] and op.finished


def test_a_quick_tasks_progress_dialog_does_not_pop_up_after_it_ended(window, operations):
    """A Word export quicker than the dialog's delay hid its dialog before it showed, but the dialog's own timer
    still fired during the question asked next (a nested event loop): the dialog popped up at 100% over the
    question, took the focus, and its Annuleren did nothing."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QProgressDialog

    from ui.operation import Operation

    def quick(progress):
        for i in range(11):
            progress(i, 10)
        return "klaar"

    shown: list[int] = []

    def ask_next_question(_result):  # as QMessageBox.question does: a nested loop, past the dialog's delay
        loop = QEventLoop()
        QTimer.singleShot(600, loop.quit)
        loop.exec()
        shown.append(sum(1 for w in QApplication.topLevelWidgets()
                         if isinstance(w, QProgressDialog) and w.isVisible()))

    Operation(window, quick, cancellable=True, minimum_duration_ms=300).success(ask_next_question).run()
    operations.wait()
    assert shown == [0]


def test_a_short_labels_progress_dialog_leaves_room_for_its_title(window, qtbot, operations):
    """'Bezig...' made the dialog so narrow that the title bar cut 'Even geduld' off beside its buttons."""
    from ui.operation import Operation

    release = threading.Event()
    op = Operation(window, lambda _progress: release.wait(10), label="Bezig...", minimum_duration_ms=0).run()
    qtbot.waitUntil(lambda: op._dialog is not None and op._dialog.isVisible())
    dialog = op._dialog
    title_room = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle()) * 1.5 + 160  # title font and buttons
    assert dialog.width() >= title_room and dialog.width() >= 360
    release.set()
    operations.wait()
