"""The log file: unexpected errors with their traceback, written as UTF-8 whatever the system's code page. One set-up
for the command line, the GUI and its background workers."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from types import TracebackType

from .paths import log_path, long_path

LOGGER = "tender_assistant"
FORMAT = "%(asctime)s %(levelname)s %(message)s"


def log_unexpected(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path | None:
    """Append the traceback to the log file in the data folder; return its path, or None if that failed.

    A handler is opened for each entry and closed after it, so the entry lands in the data folder in use now (not
    the one of the first error, as logging.basicConfig would have it) even when something else configured logging.
    """
    try:
        path = log_path()
        handler = logging.FileHandler(long_path(path), encoding="utf-8")
        handler.setFormatter(logging.Formatter(FORMAT))
        log = logging.getLogger(LOGGER)
        log.addHandler(handler)
        try:
            log.error("Onverwachte fout:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        finally:
            log.removeHandler(handler)
            handler.close()
        return path
    except Exception:  # noqa: BLE001 - the error path itself must never raise
        return None
