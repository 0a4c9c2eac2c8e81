"""kill -9 during an import and during saves: the library is always whole (all or nothing per write), never corrupt."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from criteria_library.integrity import check_library
from criteria_library.store import LibraryStore

ROOT = Path(__file__).resolve().parents[3]


def _kill_after(cmd: list[str], delay: float) -> bool:
    """Start cmd, kill -9 it after delay seconds; True when it was still running (a real kill)."""
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return killed


def _assert_whole(path: Path) -> int:
    with LibraryStore.open(path) as store:
        report = check_library(store)
        assert not [p for p in report.problems if "integriteit" in p.line() or "zoekindex" in p.line()], report.problems
        return store.count_criteria()


def test_kill_9_during_an_import_leaves_all_or_nothing(tmp_path: Path, mini_pack: dict) -> None:
    from bench.synthetic import synthetic_pack

    pack = synthetic_pack(criteria=1500, packages=3, seed=3)
    pack_path = tmp_path / "groot.json"
    pack_path.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    new = len(pack["criteria"])
    kills = 0
    for attempt, delay in enumerate((0.4, 0.7, 1.0, 1.4)):
        db = tmp_path / f"lib{attempt}.db"
        LibraryStore.open(db).close()
        kills += _kill_after([sys.executable, str(ROOT / "main.py"), "--db", str(db), "library", "import",
                              str(pack_path)], delay)
        assert _assert_whole(db) in (0, new)
    assert kills > 0


SAVER = """
import sys
from dataclasses import replace
from criteria_library.store import LibraryStore
store = LibraryStore.open(sys.argv[1])
ids = store.criterion_ids()
n = 0
while True:
    for cid in ids:
        c = store.criterion(cid)
        store.save_criterion(replace(c, title=f"bewerking {n}", rationale=f"waarom {n}"))
        n += 1
"""


def test_kill_9_during_saves_leaves_each_edit_whole(fresh_db: LibraryStore) -> None:
    path = fresh_db.path
    fresh_db.close()
    kills = 0
    for delay in (0.3, 0.45, 0.6):
        kills += _kill_after([sys.executable, "-c", SAVER, str(path)], delay)
        _assert_whole(path)
        with LibraryStore.open(path) as store:
            for c in store.criteria():
                # title and rationale were written in one transaction: never one without the other
                if c.title.startswith("bewerking "):
                    assert c.rationale == "waarom " + c.title.split()[1]
                history = store.history(c.id)
                assert history[0].version == c.version
    assert kills > 0


UNDO = """
import sys
from criteria_library.merge import restore_previous_state
from criteria_library.store import LibraryStore
with LibraryStore.open(sys.argv[1]) as store:
    restore_previous_state(store)
"""


def test_kill_9_during_update_undo_leaves_the_old_or_the_restored_library(tmp_path: Path) -> None:
    from bench.synthetic import synthetic_pack
    from criteria_library.infra import sqlite_backup
    from criteria_library.pack_import import apply_import, plan_import
    from criteria_library.pack_reading import read_pack
    from criteria_library.store import LAST_UPDATE_BACKUP_KEY

    pack_path = tmp_path / "groot.json"
    pack_path.write_text(json.dumps(synthetic_pack(criteria=3000, packages=3, seed=5), ensure_ascii=False),
                         encoding="utf-8")
    template = tmp_path / "sjabloon" / "library.db"
    with LibraryStore.open(template) as store:
        backup = store.backup()  # the state "before the update": empty
        apply_import(store, plan_import(store, read_pack(pack_path)), backup=False)
        # named after the import: an import without a backup of its own forgets an older one
        store.set_setting(LAST_UPDATE_BACKUP_KEY, str(backup), "test")
        after = store.count_criteria()

    def fresh(name: str) -> Path:
        folder = tmp_path / name
        (folder / "backups").mkdir(parents=True)
        db = folder / "library.db"
        db.write_bytes(template.read_bytes())
        (folder / "backups" / backup.name).write_bytes(backup.read_bytes())
        with LibraryStore.open(db) as store:
            store.db.execute("UPDATE settings SET value = ? WHERE key = ?",
                             [str(folder / "backups" / backup.name), LAST_UPDATE_BACKUP_KEY])
        sqlite_backup.record_undo_backup(folder / "backups" / backup.name)  # as an update records its backup
        return db

    # kill at fractions of an uninterrupted run on this machine: fixed delays stopped killing once undo got faster
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", UNDO, str(fresh("heel"))], cwd=ROOT, check=True, capture_output=True)
    whole_run = time.monotonic() - started
    kills = 0
    for attempt, fraction in enumerate((0.5, 0.65, 0.8, 0.9, 0.97)):
        db = fresh(f"poging{attempt}")
        kills += _kill_after([sys.executable, "-c", UNDO, str(db)], whole_run * fraction)
        assert _assert_whole(db) in (0, after)
    assert kills > 0
