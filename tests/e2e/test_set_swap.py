"""export --set as a user runs it: a file that cannot be replaced, or kill -9, never leaves a mixed set.

Deeper run: TA_SET_KILLS=200 .venv/bin/python -m pytest -q tests/e2e/test_set_swap.py (the suite kills 20 times).
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

import main
from criteria_library.store import LibraryStore
from tender_assistant import set_swap
from tender_assistant.documents.document_set import BORGINGSPLAN, EISENLIJST, SET_FILES
from tender_assistant.tender import save_tender
from tests.e2e.test_export import workwear_tender

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def two_versions(starter_db_template: Path, tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    """A library, an exported set of a tender (the old set), and the same tender with a changed title (the new)."""
    db = tmp_path / "lib.db"
    shutil.copy(starter_db_template, db)
    store = LibraryStore.open(db, read_only=True)
    tender = workwear_tender(store)
    store.close()
    old, new = tmp_path / "oud.tender.json", tmp_path / "nieuw.tender.json"
    save_tender(tender, old)
    tender.title = "Bedrijfskleding, tweede ronde"
    save_tender(tender, new)
    out = tmp_path / "set"
    out.mkdir()
    assert main.main(["--db", str(db), "export", str(old), "--set", str(out)]) == 0
    return db, old, new, out


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_read_only_workbook_in_the_set_is_refused_and_the_old_set_stays(two_versions, capsys) -> None:
    db, _old, new, out = two_versions
    before = _digests(out)
    (out / EISENLIJST).chmod(0o444)
    code = main.main(["--db", str(db), "export", str(new), "--set", str(out), "--force"])
    err = capsys.readouterr().err
    assert code != 0 and EISENLIJST in err and "Er is niets gewijzigd" in err
    assert _digests(out) == before


def test_a_locked_workbook_puts_the_old_set_back_and_says_so(two_versions, capsys, monkeypatch) -> None:
    db, _old, new, out = two_versions
    before = _digests(out)
    real_replace = os.replace
    monkeypatch.setattr(set_swap.dir_exchange, "available", lambda: False)  # as on Windows: swapped file by file

    def locked(src, dst):  # Excel on a share holds borgingsplan.xlsx: renaming over it is refused
        if Path(str(dst)) == out / BORGINGSPLAN:
            raise PermissionError(13, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", locked)
    code = main.main(["--db", str(db), "export", str(new), "--set", str(out), "--force"])
    err = capsys.readouterr().err
    assert code != 0 and BORGINGSPLAN in err and "vorige set staat er nog volledig" in err
    assert _digests(out) == before


def test_kill_9_during_export_set_never_leaves_a_mixed_set(two_versions, tmp_path: Path) -> None:
    db, _old, new, out = two_versions
    saved = tmp_path / "oude-set"
    shutil.copytree(out, saved)
    old_set = _digests(saved)
    cmd = [sys.executable, str(ROOT / "main.py"), "--db", str(db), "export", str(new), "--set", str(out), "--force"]
    start = time.monotonic()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    duration = time.monotonic() - start
    rng = random.Random(25)
    kills = 0
    outcomes: list[str] = []
    for _ in range(int(os.environ.get("TA_SET_KILLS", "20"))):
        shutil.rmtree(out)
        shutil.copytree(saved, out)  # each round starts from the same old set, byte for byte
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.0) * duration)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        now = {n: d for n, d in _digests(out).items() if n in SET_FILES}
        same = [n for n in SET_FILES if now.get(n) == old_set[n]]
        changed = [n for n in SET_FILES if n in now and now[n] != old_set[n] and zipfile.is_zipfile(out / n)]
        outcomes.append("oud" if len(same) == len(SET_FILES) else "nieuw" if len(changed) == len(SET_FILES)
                        else f"gemengd: {same} oud, {changed} nieuw")
    assert kills > 0
    assert [o for o in outcomes if o.startswith("gemengd")] == []
    # the next export clears up whatever the last killed run left, in the folder and beside it
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert [p.name for p in [*out.iterdir(), *out.parent.iterdir()] if p.name.startswith(".documentenset")] == []
    assert sorted(p.name for p in out.iterdir()) == sorted(SET_FILES)
