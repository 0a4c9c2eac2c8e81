"""The SQLite file layer: URIs, opening, is-it-ours, sorting errors by code, backup and restore, for both databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path, PureWindowsPath

import pytest

from criteria_library.infra import sqlite_file
from criteria_library.infra.sqlite_file import sqlite_error, sqlite_uri
from criteria_library.migrations import LIBRARY


def _sqlite_error(code: int, text: str) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(text)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


def test_sqlite_errors_are_classified_by_code_not_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "library.db"
    # a programming error whose text mentions "locked" or "full" is a bug, not a polite message
    assert sqlite_error(_sqlite_error(sqlite3.SQLITE_ERROR, "no such column: locked_full"), path, LIBRARY) is None
    assert sqlite_error(sqlite3.ProgrammingError("Cannot operate on a closed database."), path, LIBRARY) is None
    assert sqlite_error(_sqlite_error(2067, "UNIQUE constraint failed: criteria.id"), path, LIBRARY) is None
    busy = sqlite_error(_sqlite_error(sqlite3.SQLITE_BUSY_SNAPSHOT, "database is locked"), path, LIBRARY)
    assert busy is not None and "in gebruik" in str(busy)
    # a nearly full disk fails a write with an I/O error: the user reads that the disk is full
    monkeypatch.setattr(sqlite_file, "_low_disk", lambda _path: True)
    full = sqlite_error(_sqlite_error(sqlite3.SQLITE_IOERR_WRITE, "disk I/O error"), path, LIBRARY)
    assert full is not None and "schijf is vol" in str(full).lower()


def test_sqlite_uri_quotes_windows_drive_and_unc_paths() -> None:
    assert sqlite_uri(PureWindowsPath(r"C:\Inkoop #2\a?b\100%25\lib.db"), mode="ro") == (
        "file:///C:/Inkoop%20%232/a%3Fb/100%2525/lib.db?mode=ro")
    assert sqlite_uri(PureWindowsPath(r"\\server\share\Inkoop #2\lib.db")) == "file:////server/share/Inkoop%20%232/lib.db"


