"""Several connections and processes on one library: no lost edits, no corrupt file, no wrong 'damaged'."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

from criteria_library.store import LibraryStore

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
    store.set_author("ander programma")
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
        fresh_db.save_criterion(replace(fresh_db.criterion(cid), title="Titel na de andere schrijver"))
        # what the app shows as saved is what any other program reads
        seen = run_py(READ_TITLE, str(path), cid)
        assert seen.returncode == 0, seen.stderr
        assert seen.stdout.strip() == "Titel na de andere schrijver"
    finally:
        reader.close()
    assert fresh_db.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
