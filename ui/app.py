"""Starting the GUI: the application object, language, exception hook, opening the library and the main window."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from criteria_library import starter
from criteria_library.infra.errors import UserError
from criteria_library.store import LibraryStore
from tender_assistant import set_folders
from tender_assistant.set_swap import recover_sets

from . import accessibility, i18n, main_thread_gc, presentation, startup_probe, wheel_guard
from .error_dialogs import install_exception_hook, show_user_error
from .main_window import MainWindow
from .settings import AppSettings


def _tr(text: str) -> str:
    return QCoreApplication.translate("App", text)


def application(language: str | None = None, settings: AppSettings | None = None) -> QApplication:
    """The QApplication (created once), with the interface language installed."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Tender Assistant")
        app.setOrganizationName("MRA")
        app.setApplicationDisplayName("Tender Assistant")
    settings = settings or AppSettings()
    i18n.install(app, language or settings.language)
    accessibility.install(app)  # every control gets a name a screen reader can say
    main_thread_gc.install(app)  # a collection in a pool thread could destroy a widget there and crash
    wheel_guard.install(app)  # the wheel scrolls the page, never silently changes a field's value
    return app


class AppController:
    """Owns the open library and its main window; switches to the demo workspace and back."""

    def __init__(self, app: QApplication, settings: AppSettings) -> None:
        self.app = app
        self.settings = settings
        self.store: LibraryStore | None = None
        self.window: MainWindow | None = None
        self.own_db: Path | None = None  # the user's own library (--db, else the default), to come back to

    def open_library(self, db: Path | None, *, demo_workspace: Path | None = None,
                     keep_layout: bool = False) -> MainWindow | None:
        """Open a library and show its main window; a user error is shown and None returned.

        keep_layout: the new window takes the old one's size and state (maximized, presentation layout)."""
        try:
            store = starter.open_library(db)
        except UserError as exc:
            show_user_error(None, exc, _tr("De bibliotheek kan niet worden geopend"))
            return None
        old_window, old_store = self.window, self.store
        self.store = store
        # the demo keeps its own recent files, window layout and presentation mode, so a trainer's projector
        # session never shows (or changes) the real ones
        settings = self.demo_settings(demo_workspace) if demo_workspace is not None else self.settings
        self.window = MainWindow(store, settings, demo_workspace=demo_workspace, open_demo=self.open_demo,
                                 reset_demo=self.reset_demo, switch_language=self.switch_language,
                                 close_demo=self.close_demo)
        if old_window is not None:
            if keep_layout:
                self.window.take_layout(old_window)
            old_window.shutdown()
            old_window.close()
            old_window.deleteLater()
        if old_store is not None:
            old_store.close()
        self.window.show()
        if store.warnings:  # e.g. a -wal older than the library: a copy was put back by hand
            QMessageBox.warning(self.window, _tr("Let op"),
                                "\n\n".join(w[:1].upper() + w[1:]
                                             for w in (store.warnings_en if i18n.lang() == "en" else store.warnings)))
        return self.window

    def demo_settings(self, workspace: Path) -> AppSettings:
        """The demo workspace's own settings file; a new one starts in the user's language."""
        fresh = not (workspace / "settings.ini").exists()
        settings = AppSettings(workspace, files_folder=workspace)  # a demo's exports stay in the demo, not in ~
        if fresh:
            settings.language = self.settings.language
            settings.sync()
        return settings

    def switch_language(self, language: str) -> bool:
        """Rebuild the windows in another language, keeping open tenders (unsaved ones too) where they were.

        Open criterion editors are closed first (each asks about unsaved changes); False when the user keeps one
        open, and nothing changes."""
        old = self.window
        if old is None or self.store is None:
            return False
        for editor in list(old.editors):
            if not editor.close():
                return False
        i18n.install(self.app, language)
        self.settings.language = language
        old.settings.language = language
        tenders = old.transferable_state()
        geometry, state = old.saveGeometry(), old.saveState()
        window = MainWindow(self.store, old.settings, demo_workspace=old.demo_workspace, open_demo=self.open_demo,
                            reset_demo=self.reset_demo, switch_language=self.switch_language,
                            close_demo=self.close_demo)
        window.restoreGeometry(geometry)
        window.restoreState(state)
        for wizard in list(old.wizards):
            wizard.dirty = False  # its tender moves to the new window, unsaved changes included
            wizard.close()
        old.shutdown()
        old.close()
        old.deleteLater()
        self.window = window
        window.show()
        window.adopt_tenders(tenders)
        return True

    def open_demo(self) -> MainWindow | None:
        from tender_assistant.demo import demo_db_path, ensure_demo

        try:
            workspace = ensure_demo()
        except UserError as exc:
            show_user_error(self.window, exc)
            return None
        return self.open_library(demo_db_path(workspace), demo_workspace=workspace)

    def close_demo(self) -> MainWindow | None:
        """Leave the demo workspace: the user's own library and settings again, without quitting."""
        window = self.open_library(self.own_db)
        if window is not None:
            window.statusBar().showMessage(_tr("Terug in uw eigen bibliotheek."), 8000)
        return window

    def reset_demo(self) -> MainWindow | None:
        from tender_assistant.demo import demo_db_path, reset_demo

        if self.window is not None:
            self.window.shutdown()
        if self.store is not None:
            self.store.close()
            self.store = None
        try:
            workspace = reset_demo()
        except (UserError, OSError) as exc:
            QMessageBox.warning(self.window, _tr("Demo terugzetten"),
                                i18n.error_text(exc) if isinstance(exc, UserError) else str(exc))
            return None
        # the same workspace again: a trainer's maximized presentation layout stays as it was
        window = self.open_library(demo_db_path(workspace), demo_workspace=workspace, keep_layout=True)
        if window is not None:
            window.statusBar().showMessage(_tr("De demo-omgeving is teruggezet naar de beginstand."), 8000)
        return window


def recover_set_folders() -> threading.Thread:
    """Finish, in the background, a document set whose export was killed mid-swap in a folder the app wrote to.

    Where a folder cannot be exchanged whole (Windows) a killed export can leave its set half swapped; it is finished
    here rather than only at the next export into that folder. A thread, since a folder on an unreachable share can
    take seconds to answer.
    """
    folders = set_folders.remembered()

    def run() -> None:
        for folder in folders:
            recover_sets(folder)

    thread = threading.Thread(target=run, name="recover-sets", daemon=True)
    thread.start()
    return thread


def _start(args: argparse.Namespace, *, demo: bool) -> int:
    settings = AppSettings()
    app = application(getattr(args, "lang", None), settings)
    install_exception_hook()
    if settings.presentation_mode:
        presentation.apply(app, True)
    recover_set_folders()
    controller = AppController(app, settings)
    controller.own_db = getattr(args, "db", None)
    window = controller.open_demo() if demo else controller.open_library(getattr(args, "db", None))
    if window is None:
        return 2
    for path in getattr(args, "files", None) or []:
        window.open_tender(Path(path))
    if demo and not getattr(args, "files", None):
        from tender_assistant.scenarios import SCENARIOS

        window.statusBar().showMessage(
            _tr("Voorbereide aanbestedingen en oefeningen: Demo > Scenario's voor trainers ({n} stuks).").replace(
                "{n}", str(len(SCENARIOS))), 10000)
    if startup_probe.requested():
        startup_probe.quit_when_filled(app, window)
    return app.exec()


def run_gui(args: argparse.Namespace) -> int:
    """`main.py` / `main.py gui [FILES]`: the library browser, optionally with tender files opened."""
    return _start(args, demo=False)


def run_demo(args: argparse.Namespace) -> int:
    """`main.py demo`: the trainers' demo workspace (its own copy of the library)."""
    return _start(args, demo=True)
