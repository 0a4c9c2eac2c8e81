"""Several connections and processes on one library: no lost edits, no corrupt file, no wrong 'damaged'."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

from criteria_library.store import LibraryStore
from tests.helpers import publish_edit

ROOT = Path(__file__).resolve().parents[3]


def run_py(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run Python code in a fresh process (another program: its file locks are its own)."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


READ_TITLE = """
import sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print(conn.execute("SELECT title FROM criteria WHERE id = ?", [sys.argv[2]]).fetchone()[0])
"""

OTHER_WRITER = """
import sys
from criteria_library.store import LibraryStore
with LibraryStore.open(sys.argv[1], seed=False) as store:
    store.set_four_eyes(False)  # any write to the library (the author name is no longer stored there)
"""


def test_second_connection_in_this_process_does_not_lose_an_edit_to_another_writer(fresh_db: LibraryStore) -> None:
    path = fresh_db.path
    # the app opens a second connection (the search reader, an import worker) while the first is open
    reader = LibraryStore.open(path, read_only=True, seed=False)
    try:
        # another program (the command line, a second window) writes and closes
        other = run_py(OTHER_WRITER, str(path))
        assert other.returncode == 0, other.stderr
        cid = fresh_db.criterion_ids()[0]
        publish_edit(fresh_db, replace(fresh_db.criterion(cid), title="Titel na de andere schrijver"))
        # what the app shows as saved is what any other program reads
        seen = run_py(READ_TITLE, str(path), cid)
        assert seen.returncode == 0, seen.stderr
        assert seen.stdout.strip() == "Titel na de andere schrijver"
    finally:
        reader.close()
    assert fresh_db.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


FIRST_START = """
import sys, time
from criteria_library.store import LibraryStore
start_at = float(sys.argv[2])
time.sleep(max(0.0, start_at - time.time()))  # both processes start at the same moment
with LibraryStore.open(sys.argv[1]) as store:
    print(store.count_criteria())
"""


def _starter_count() -> int:
    from criteria_library.starter import starter_pack

    return len(starter_pack().criteria)


def test_two_first_starts_at_once_on_an_empty_folder_both_succeed(tmp_path: Path) -> None:
    import time

    expected = _starter_count()
    for attempt in range(2):
        path = tmp_path / f"run{attempt}" / "library.db"
        path.parent.mkdir()
        start_at = f"{time.time() + 0.8}"
        procs = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(FIRST_START), str(path), start_at], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [p.communicate(timeout=60) for p in procs]
        for proc, (out, err) in zip(procs, results, strict=True):
            assert proc.returncode == 0, err
            assert out.strip() == str(expected)
        with LibraryStore.open(path, read_only=True) as store:
            assert store.count_criteria() == expected
        # nothing left behind but the library and its own sidecars
        assert {p.name for p in path.parent.iterdir()} <= {"library.db", "library.db-wal", "library.db-shm",
                                                             ".library.db.lock"}


def test_first_start_killed_at_any_moment_leaves_a_usable_library(tmp_path: Path) -> None:
    import os
    import signal
    import time

    expected = _starter_count()
    kills = 0
    for attempt, delay in enumerate((0.0, 0.01, 0.03, 0.06, 0.1, 0.15)):
        path = tmp_path / f"run{attempt}" / "library.db"
        path.parent.mkdir()
        proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(FIRST_START), str(path), "0"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # kill once the first file shows up in the folder (the library or its work file), a little later each time
        deadline = time.monotonic() + 30
        while proc.poll() is None and not any(path.parent.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=30)
        # the next start finds either no library (and makes a full one) or a full one
        with LibraryStore.open(path) as store:
            assert store.count_criteria() == expected
    assert kills > 0
