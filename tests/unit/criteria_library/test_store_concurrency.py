"""Several connections and processes on one library: no lost edits, no corrupt file, no wrong 'damaged'."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from criteria_library.models import Status
from criteria_library.starter import open_library
from criteria_library.store import LibraryStore
from tests.helpers import publish_edit

ROOT = Path(__file__).resolve().parents[3]


def run_py(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run Python code in a fresh process (another program: its file locks are its own)."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


READ_TITLE = """
import sqlite3, sys
from criteria_library.infra.sqlite_file import sqlite_uri
conn = sqlite3.connect(sqlite_uri(sys.argv[1], mode="ro"), uri=True)
print(conn.execute("SELECT title FROM criteria WHERE id = ?", [sys.argv[2]]).fetchone()[0])
"""

OTHER_WRITER = """
import sys
from criteria_library.store import LibraryStore
with LibraryStore.open(sys.argv[1]) as store:
    store.set_four_eyes(False)  # any write to the library (the author name is no longer stored there)
"""


def test_second_connection_in_this_process_does_not_lose_an_edit_to_another_writer(fresh_db: LibraryStore) -> None:
    path = fresh_db.path
    # the app opens a second connection (the search reader, an import worker) while the first is open
    reader = LibraryStore.open(path, read_only=True)
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
from criteria_library.starter import open_library
start_at = float(sys.argv[2])
time.sleep(max(0.0, start_at - time.time()))  # both processes start at the same moment
with open_library(sys.argv[1]) as store:
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
        with open_library(path) as store:
            assert store.count_criteria() == expected
    assert kills > 0


def test_two_new_criterion_editors_with_the_same_proposed_id_both_keep_their_criterion(fresh_db: LibraryStore) -> None:
    other = LibraryStore.open(fresh_db.path)  # a second window or program
    try:
        template = fresh_db.criteria()[0]
        proposed_a = fresh_db.new_criterion_id(template.package, template.kind)
        proposed_b = other.new_criterion_id(template.package, template.kind)
        assert proposed_a == proposed_b  # both editors show the same proposal
        a = fresh_db.save_criterion(replace(template, id=proposed_a, title="Eerste nieuwe eis", version=1, status=Status.CONCEPT), new=True)
        b = other.save_criterion(replace(template, id=proposed_b, title="Tweede nieuwe eis", version=1, status=Status.CONCEPT), new=True)
    finally:
        other.close()
    assert a.id != b.id
    assert fresh_db.criterion(a.id).title == "Eerste nieuwe eis"
    assert fresh_db.criterion(a.id).version == 1
    assert fresh_db.criterion(b.id).title == "Tweede nieuwe eis"


def test_two_imports_planned_at_once_both_apply_without_a_raw_error(fresh_db: LibraryStore, mini_pack: dict) -> None:
    from criteria_library.pack_import import apply_import, plan_import
    from criteria_library.pack_reading import pack_from_dict

    new = dict(mini_pack["criteria"][0], id=mini_pack["criteria"][0]["id"][:-2] + "90", title="Nieuw uit twee imports")
    pack = pack_from_dict(dict(mini_pack, criteria=[new]))
    other = LibraryStore.open(fresh_db.path)
    try:
        plan_a, plan_b = plan_import(fresh_db, pack), plan_import(other, pack)  # both previews: one to add
        apply_import(fresh_db, plan_a, backup=False)
        result_b = apply_import(other, plan_b, backup=False)  # its preview is stale now
    finally:
        other.close()
    assert result_b.added == 0 and result_b.unchanged == 1
    assert fresh_db.criterion(new["id"]).title == "Nieuw uit twee imports"


HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("UPDATE settings SET value = value")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_a_busy_library_is_called_busy_never_damaged(fresh_db: LibraryStore, monkeypatch) -> None:
    import criteria_library.infra.sqlite_file as store_module
    from criteria_library.errors import LibraryError

    path = fresh_db.path
    fresh_db.set_author("iemand")
    fresh_db.close()
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    with subprocess.Popen([sys.executable, "-c", textwrap.dedent(HOLD_LOCK), str(path), "20"],
                          stdout=subprocess.PIPE, text=True) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
            for read_only in (False, True):
                # not an old snapshot read past the lock (which shows a stale or, mid-checkpoint, "damaged" library)
                with pytest.raises(LibraryError, match="in gebruik door een ander programma"):
                    LibraryStore.open(path, read_only=read_only)
        finally:
            holder.kill()


WRITER = """
import sys, time
from dataclasses import replace
from criteria_library.models import Status
from criteria_library.store import LibraryStore
path, name, start_at, count = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
with LibraryStore.open(path) as store:
    template = store.criteria()[0]
    time.sleep(max(0.0, start_at - time.time()))
    for n in range(count):
        proposal = store.new_criterion_id(template.package, template.kind)  # as the editor does when opened
        time.sleep(0.01)  # the user types; the other program saves meanwhile
        stored = store.save_criterion(replace(template, id=proposal, title=f"{name} {n}", version=1, status=Status.CONCEPT), new=True)
        print(stored.id, flush=True)
"""


def test_two_writing_processes_lose_nothing(fresh_db: LibraryStore) -> None:
    import time

    path, count = fresh_db.path, 15
    before = fresh_db.count_criteria()
    start_at = f"{time.time() + 0.8}"
    procs = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(WRITER), str(path), name, start_at, str(count)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in ("venster", "opdrachtregel")]
    outputs = [p.communicate(timeout=60) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    ids = [line for out, _ in outputs for line in out.split()]
    assert len(set(ids)) == 2 * count  # every save got an id of its own
    titles = {c.title for c in fresh_db.criteria()}
    assert {f"{name} {n}" for name in ("venster", "opdrachtregel") for n in range(count)} <= titles
    assert fresh_db.count_criteria() == before + 2 * count
    assert fresh_db.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _close_in_another_process(path: Path) -> None:
    code = "import sys; from criteria_library.store import LibraryStore; LibraryStore.open(sys.argv[1]).close()"
    subprocess.run([sys.executable, "-c", code, str(path)], cwd=Path(__file__).resolve().parents[3], check=True)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX lock drop seen through /proc")
def test_a_save_after_another_process_deleted_the_wal_under_us_lands_in_the_library(tmp_path: Path) -> None:
    """Found by the exploratory run: Qt's file dialog opened and closed library.db to sniff its type, which dropped
    this process's POSIX locks; a command-line run then checkpointed and deleted the WAL at its close, and every later
    save of the window went into the deleted file: 'saved', and gone."""
    import sqlite3

    path = tmp_path / "library.db"
    store = LibraryStore.open(path)
    with store.transaction() as db:
        db.execute("CREATE TABLE probe(v)")
    with open(path, "rb") as fh:  # what the file dialog did: any descriptor of the file, closed
        fh.read(16)
    _close_in_another_process(path)
    assert not path.with_name("library.db-wal").exists()  # the other program deleted the WAL under our connection
    with store.transaction() as db:
        db.execute("INSERT INTO probe VALUES ('bewaard')")
    fresh = sqlite3.connect(path)
    assert fresh.execute("SELECT v FROM probe").fetchall() == [("bewaard",)]
    fresh.close()
    store.close()
