"""User errors as clear dialogs; anything else is a bug: logged with its traceback, reported in one short message."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from criteria_library.errors import PackError
from criteria_library.infra.errors import UserError
from criteria_library.infra.logs import log_unexpected

from . import i18n

_showing = False


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def show_user_error(parent: QWidget | None, exc: UserError, title: str | None = None) -> None:
    """Show a problem the user can fix, in the interface language; PackErrors list every problem."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or _tr("Er is een probleem"))
    box.setText(i18n.error_text(exc))
    if isinstance(exc, PackError):
        box.setDetailedText(exc.report(i18n.lang()))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def log_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path | None:
    """Append the traceback to the log file in the data folder; return its path (None if that failed)."""
    return log_unexpected(exc_type, exc, tb)


def report_bug(parent: QWidget | None, exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
    """Log an unexpected error and tell the user briefly; their data is safe (every write is one transaction)."""
    global _showing
    where = log_exception(exc_type, exc, tb)
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        text = _tr("Er ging onverwacht iets mis. Er is niets gewijzigd aan de bibliotheek of uw bestanden.")
        box = QMessageBox(parent or QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(_tr("Onverwachte fout"))
        box.setText(text)
        if where:
            box.setInformativeText(_tr("De details staan in het logbestand:") + f"\n{where}")
        box.exec()
    finally:
        _showing = False


def exception_hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook for the GUI: user errors as dialogs, bugs logged; the app keeps running."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if isinstance(exc, UserError):
        show_user_error(QApplication.activeWindow(), exc)
        return
    report_bug(None, exc_type, exc, tb)


def install_exception_hook() -> None:
    sys.excepthook = exception_hook
