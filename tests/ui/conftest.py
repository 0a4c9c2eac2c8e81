"""Fixtures for the widget tests: the application with a known language, windows on a test library, no dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def app(qapp):
    """The QApplication with the Dutch interface (tests that switch language switch back)."""
    from ui import i18n, main_thread_gc

    i18n.install(qapp, "nl")
    main_thread_gc.install(qapp)  # as the app does: no collection may start in a worker thread
    yield qapp
    i18n.install(qapp, "nl")


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch):
    """No message box ever blocks a test: set answers.question to the button to press; every box is recorded."""

    class Answers:
        question = QMessageBox.StandardButton.Yes
        seen: list[tuple[str, str]] = []

    a = Answers()
    a.seen = []

    def question(parent, title, text, *args, **kwargs):
        a.seen.append(("question", text))
        return a.question

    def info(parent, title, text, *args, **kwargs):
        a.seen.append(("information", text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(info))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(info))

    def run(box):
        a.seen.append(("exec", box.text()))
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", run)
    return a


@pytest.fixture
def user_errors(monkeypatch: pytest.MonkeyPatch):
    """Collects user errors instead of showing a dialog, in every module that shows them."""
    shown: list = []

    def record(parent, exc, title=None):
        shown.append(exc)

    import ui.app
    import ui.criterion_editor
    import ui.error_dialogs
    import ui.exchange_dialogs
    import ui.history_dialog
    import ui.main_window
    import ui.tender_wizard

    for module in (ui.app, ui.criterion_editor, ui.error_dialogs, ui.exchange_dialogs, ui.history_dialog,
                   ui.main_window, ui.tender_wizard):
        monkeypatch.setattr(module, "show_user_error", record, raising=False)
    return shown


@pytest.fixture
def operations(qtbot):
    """Waits until every long operation (ui.operation) has ended and its callbacks ran, as a person waits for the
    progress dialog; the app itself never waits."""
    from ui import operation

    class Operations:
        def wait(self, timeout: int = 30000) -> None:
            qtbot.waitUntil(lambda: operation.running() == 0, timeout=timeout)

    waiter = Operations()
    yield waiter
    waiter.wait()  # none may run on into the next test


@pytest.fixture
def make_window(app, qtbot):
    """A main window on a store, with synchronous queries unless asked otherwise."""
    from ui.main_window import MainWindow
    from ui.settings import AppSettings

    made = []

    def make(store, **kwargs):
        kwargs.setdefault("background_queries", False)
        window = MainWindow(store, AppSettings(), **kwargs)
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.shutdown()
