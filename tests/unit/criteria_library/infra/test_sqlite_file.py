"""The SQLite file layer: URIs, opening, is-it-ours, sorting errors by code, backup and restore, for both databases."""

from __future__ import annotations

import shutil
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




def _foreign_wal(tmp_path: Path) -> bytes:
    """The -wal of another SQLite database (same page size), with content not yet folded into its file."""
    other = tmp_path / "ander" / "recepten.db"
    other.parent.mkdir()
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE recepten (naam TEXT)")
    conn.executemany("INSERT INTO recepten VALUES (?)", [(f"soep {n}",) for n in range(200)])
    wal = Path(f"{other}-wal").read_bytes()
    conn.close()
    return wal


@pytest.mark.parametrize("read_only", [False, True])
def test_a_foreign_wal_beside_a_good_library_does_not_replace_it(fresh_db, tmp_path: Path, read_only: bool) -> None:
    # the library was opened for writing, found "not ours" and closed: SQLite then folded the foreign WAL into it,
    # while the message said the file was left untouched
    from criteria_library.errors import LibraryError
    from criteria_library.store import LibraryStore

    path = fresh_db.path
    fresh_db.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    fresh_db.close()
    before = path.read_bytes()
    wal = Path(f"{path}-wal")
    wal.write_bytes(_foreign_wal(tmp_path))
    with pytest.raises(LibraryError, match="-wal-bestand.*niet aangeraakt"):
        LibraryStore.open(path, read_only=read_only)
    assert path.read_bytes() == before
    assert wal.exists()
    # with the stray -wal gone, the library is as it was
    wal.unlink()
    Path(f"{path}-shm").unlink(missing_ok=True)
    with LibraryStore.open(path) as store:
        assert store.count_criteria() > 0


def test_no_module_builds_its_own_sqlite_uri() -> None:
    """`file:` URIs come from sqlite_uri alone: a raw f"file:{path}" reads another file when the path holds '#'."""
    import ast

    root = Path(__file__).resolve().parents[4]
    assert (root / "criteria_library" / "infra").is_dir(), root  # a wrong root would find nothing and pass
    offences = []
    for folder in ("criteria_library", "tender_assistant", "ui", "tests", "bench"):
        for source in sorted((root / folder).rglob("*.py")):
            if source.name in ("sqlite_file.py", "test_sqlite_file.py"):  # the builder and its expected URIs
                continue
            for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
                first = node.values[0] if isinstance(node, ast.JoinedStr) and node.values else node
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and \
                        first.value.startswith("file:") and "sqlite" not in first.value:
                    offences.append(f"{source.relative_to(root)}:{node.lineno}")
    assert not offences, offences


@pytest.mark.parametrize("read_only", [False, True])
def test_a_library_without_its_packages_table_is_refused_and_not_touched(fresh_db, read_only: bool) -> None:
    """A missing 'packages' table went into a migration (WAL mode set, the file changed) and then 'onverwacht'."""
    from criteria_library.errors import LibraryError
    from criteria_library.store import LibraryStore

    path = fresh_db.path
    fresh_db.db.conn.execute("PRAGMA foreign_keys = OFF")
    fresh_db.db.conn.execute("DROP TABLE packages")
    fresh_db.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    fresh_db.db.conn.execute("PRAGMA journal_mode = DELETE")
    fresh_db.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="mist de tabel packages.*niet aangeraakt"):
        LibraryStore.open(path, read_only=read_only)
    assert path.read_bytes() == before


def test_a_backup_copied_back_by_hand_beside_a_fresh_wal_is_detected(fresh_db, tmp_path: Path) -> None:
    # the app crashed with changes in its -wal; the user copied a backup over the library by hand. The -wal is
    # fresh (so the time check misses it) and SQLite would apply its pages to the older copy: a mixed library.
    from dataclasses import replace

    from criteria_library.errors import LibraryError
    from criteria_library.store import LibraryStore

    path = fresh_db.path
    copy = fresh_db.backup(folder=tmp_path / "kopieen")
    fresh_db.db.conn.execute("PRAGMA wal_autocheckpoint = 0")
    first = fresh_db.criterion(fresh_db.criterion_ids()[0])
    fresh_db.save_criterion(replace(first, title="Na de reservekopie gewijzigd"))
    wal = Path(f"{path}-wal")
    left_behind = wal.read_bytes()
    fresh_db.close()
    shutil.copy(copy, path)
    wal.write_bytes(left_behind)
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="-wal-bestand dat niet bij dit bestand hoort.*niet aangeraakt"):
        LibraryStore.open(path)
    assert path.read_bytes() == before and wal.read_bytes() == left_behind
    wal.unlink()  # as the message says: moved away, the copy opens as it was
    Path(f"{path}-shm").unlink(missing_ok=True)
    with LibraryStore.open(path) as store:
        assert store.criterion(first.id).title == first.title


def test_a_library_on_a_network_share_opens_read_only_and_says_why(fresh_db, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 24 §1: WAL mode on SMB can corrupt the file when two machines write; the app refuses writing there."""
    from criteria_library.errors import ReadOnlyError
    from criteria_library.infra import paths
    from criteria_library.store import LibraryStore
    from tests.helpers import db_fingerprint

    path = fresh_db.path
    fresh_db.close()
    before = db_fingerprint(path)
    monkeypatch.setattr(paths, "_mountinfo", lambda: f"40 27 0:45 / {path.parent} rw - cifs //fs01/inkoop rw\n")
    store = LibraryStore.open(path)
    try:
        assert store.read_only and "netwerklocatie (cifs)" in (store.read_only_reason or "")
        assert store.criteria()  # reading works
        with pytest.raises(ReadOnlyError):
            store.save_criterion(store.criteria()[0])
    finally:
        store.close()
    assert db_fingerprint(path) == before


def test_no_library_or_register_is_created_on_a_network_share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from criteria_library.errors import LibraryError
    from criteria_library.infra import paths
    from criteria_library.store import LibraryStore
    from tender_assistant.monitoring.register_store import RegisterError, RegisterStore

    monkeypatch.setattr(paths, "network_location", lambda _path: "UNC-pad")
    with pytest.raises(LibraryError, match="kan niet op een netwerklocatie worden gemaakt"):
        LibraryStore.open(tmp_path / "library.db")
    with pytest.raises(RegisterError, match="kan niet op een netwerklocatie worden gemaakt"):
        RegisterStore.open(tmp_path / "register.db")
    assert list(tmp_path.iterdir()) == []
