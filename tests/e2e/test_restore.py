"""`library restore BACKUP`: a backup comes back as it was, whatever -wal/-shm a crash left beside the library."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from criteria_library.store import LibraryStore
from tests.e2e.test_library_cli import MINI, ROOT, assert_user_error, run

CRASH_AFTER_IMPORT = """
import os, sys
from dataclasses import replace
from criteria_library.models import Status
from criteria_library.store import LibraryStore
store = LibraryStore.open(sys.argv[1])
template = store.criteria()[0]
for n in range(30):
    store.save_criterion(replace(template, id=f"{template.id[:-2]}{50 + n}", title=f"na de kopie {n}", version=1,
                                 status=Status.CONCEPT))
os._exit(0)  # a crash: the connection is never closed, the -wal stays beside the library
"""


def _library_with_backup(tmp_path: Path) -> tuple[Path, Path, int]:
    db = tmp_path / "lib.db"
    LibraryStore.open(db).close()
    assert run("--db", str(db), "library", "import", str(MINI)).returncode == 0
    with LibraryStore.open(db) as store:
        backup, count = store.backup(), store.count_criteria()
    return db, backup, count


def _count(db: Path) -> int:
    with LibraryStore.open(db, read_only=True) as store:
        return store.count_criteria()


def test_restore_over_a_crashed_library_with_its_stale_wal_gives_the_backup(tmp_path: Path) -> None:
    db, backup, count = _library_with_backup(tmp_path)
    crash = subprocess.run([sys.executable, "-c", textwrap.dedent(CRASH_AFTER_IMPORT), str(db)], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    assert crash.returncode == 0, crash.stderr
    assert Path(f"{db}-wal").stat().st_size > 0

    result = run("--db", str(db), "library", "restore", str(backup))
    assert result.returncode == 0, result.stderr
    assert f"({count} criteria)" in result.stdout
    assert _count(db) == count  # not the 30 criteria of the stale -wal on top
    # what it replaced is kept, with its -wal, and still holds the 30 later criteria
    kept = Path(result.stdout.split("bewaard als ")[1].strip())
    assert Path(f"{kept}-wal").exists()
    assert _count(kept) == count + 30
    check = run("--db", str(db), "library", "check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_restore_refuses_a_damaged_or_foreign_backup_and_changes_nothing(tmp_path: Path) -> None:
    db, _backup, _count_before = _library_with_backup(tmp_path)
    before = db.read_bytes()
    damaged = tmp_path / "kapot.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x10\x00" + os.urandom(4000))
    foreign = tmp_path / "ander.db"
    import sqlite3

    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE criteria (id TEXT)")
    conn.commit()
    conn.close()
    assert_user_error(run("--db", str(db), "library", "restore", str(damaged)), "kan niet worden teruggezet")
    assert_user_error(run("--db", str(db), "library", "restore", str(foreign)), "geen Tender Assistant-bibliotheek")
    assert_user_error(run("--db", str(db), "library", "restore", str(tmp_path / "bestaat-niet.db")), "bestaat niet")
    assert db.read_bytes() == before
    assert not (tmp_path / "backups").exists() or all("voor-herstel" not in p.name
                                                       for p in (tmp_path / "backups").iterdir())


HOLD_OPEN = """
import sys, time
from criteria_library.store import LibraryStore
store = LibraryStore.open(sys.argv[1])
print("open", flush=True)
time.sleep(30)
"""


def test_restore_while_the_library_is_open_elsewhere_is_refused(tmp_path: Path) -> None:
    db, backup, count = _library_with_backup(tmp_path)
    with subprocess.Popen([sys.executable, "-c", textwrap.dedent(HOLD_OPEN), str(db)], cwd=ROOT,
                          stdout=subprocess.PIPE, text=True) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
            assert_user_error(run("--db", str(db), "library", "restore", str(backup)),
                              "geopend in een ander programma")
        finally:
            holder.kill()
    assert _count(db) == count


def test_opening_warns_about_a_wal_older_than_the_library(tmp_path: Path) -> None:
    db, _backup, _count_before = _library_with_backup(tmp_path)
    subprocess.run([sys.executable, "-c", textwrap.dedent(CRASH_AFTER_IMPORT), str(db)], cwd=ROOT, check=True,
                   timeout=60)
    old = time.time() - 3600
    os.utime(f"{db}-wal", (old, old))  # as when a backup is copied over the library a while after a crash
    result = run("--db", str(db), "library", "stats")
    assert result.returncode == 0
    assert "let op:" in result.stderr and "library restore" in result.stderr
