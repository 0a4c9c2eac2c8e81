"""Backup and restore of our SQLite files: what a restore leaves behind when it is killed (FINDINGS4 F21)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from criteria_library.infra import sqlite_backup
from criteria_library.migrations import LIBRARY
from criteria_library.store import LibraryStore

KILLED_RESTORE = """
import os, signal, sys
from pathlib import Path
from criteria_library.infra import sqlite_backup
from criteria_library.migrations import LIBRARY
work = sqlite_backup.copy_for_check(Path(sys.argv[1]), Path(sys.argv[2]), LIBRARY)
print(work, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # killed between copying and checking, as kill -9 of 'library update --undo'
"""


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, Path]:
    """A library file and a backup of it."""
    path = tmp_path / "library.db"
    store = LibraryStore.open(path)
    try:
        backup = store.backup()
    finally:
        store.close()
    return path, backup


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_the_check_copy_of_a_killed_restore_is_removed_by_the_next_start(library: tuple[Path, Path]) -> None:
    path, backup = library
    run = subprocess.run([sys.executable, "-c", KILLED_RESTORE, str(backup), str(path)], capture_output=True,
                         text=True, timeout=120, cwd=Path(__file__).parents[4])
    assert run.returncode == -signal.SIGKILL, run.stderr
    left = Path(run.stdout.strip())
    assert left.parent == path.parent and left.name.startswith("library.db.restore-") and left.stat().st_size > 0
    LibraryStore.open(path).close()
    assert not left.exists()


@pytest.mark.skipif(os.name == "nt", reason="process ids")
def test_a_restore_removes_copies_of_gone_processes_and_keeps_those_of_running_ones(
        library: tuple[Path, Path]) -> None:
    from criteria_library.infra.sqlite_file import check_copy_path

    path, backup = library
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)
    older_version = path.with_name(f"library.db.restore-{dead}")  # the name before: no computer in it
    dead_here = path.with_name(check_copy_path(path).name.replace(f"-{os.getpid()}@", f"-{dead}@"))
    running = path.with_name(f"library.db.restore-{os.getppid()}")
    elsewhere = path.with_name(f"library.db.restore-{dead}@eenanderecomputer")
    stale = [older_version, dead_here, dead_here.with_name(dead_here.name + "-journal")]
    for f in [*stale, running, elsewhere]:
        f.write_bytes(b"x" * 4096)
    kept = path.with_name("library.db.restore-notes.txt")  # not a check copy: a name that only looks like one
    kept.write_text("eigen notities", encoding="utf-8")
    result = sqlite_backup.restore_file(path, backup, LIBRARY)
    assert result.rows >= 0
    assert [f.exists() for f in stale] == [False, False, False]
    assert running.exists() and elsewhere.exists() and kept.exists()
    day_old = time.time() - 2 * 24 * 3600
    os.utime(elsewhere, (day_old, day_old))
    LibraryStore.open(path).close()
    assert not elsewhere.exists() and running.exists()
    assert not check_copy_path(path).exists()
