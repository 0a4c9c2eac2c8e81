"""Every file the app reads from outside is a regular file of bounded size: a pipe, a device or a folder named
where a tender, pack, template, key or bids file belongs gets one Dutch line at once, never a hang or a memory
exhaustion (issue 25 item 12)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tender_assistant.tender import Tender, save_tender
from tests.e2e.conftest import run


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pijp.json"
    os.mkfifo(path)  # opening it for reading would block for ever: it must be refused before that
    return path


def one_line(code: int, err: str) -> bool:
    return code == 2 and err.startswith("fout: ") and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("argv", [
    ("tender", "check", "{pipe}"),
    ("tender", "check", "/dev/zero"),
    ("library", "import", "{pipe}"),
    ("library", "publish", "{tmp}", "--key", "/dev/zero"),
])
def test_a_pipe_or_device_is_refused_before_reading(capsys, db, fifo, tmp_path, argv, monkeypatch):
    monkeypatch.setenv("TENDER_ASSISTANT_KEY_PASSPHRASE", "geheim wachtwoord")  # the key is read after the passphrase
    args = [a.format(pipe=fifo, tmp=tmp_path / "uit") for a in argv]
    (tmp_path / "uit").mkdir()
    before = db.read_bytes()
    code, _, err = run(capsys, "--db", str(db), *args)
    assert one_line(code, err), err
    assert "geen gewoon bestand" in err
    assert db.read_bytes() == before


def test_a_template_that_is_a_pipe_is_refused(capsys, db, tmp_path):
    pipe = tmp_path / "huisstijl.docx"
    os.mkfifo(pipe)
    tender = tmp_path / "t.tender.json"
    save_tender(Tender(title="T", lots_reason="Eén samenhangend geheel."), tender)
    code, _, err = run(capsys, "--db", str(db), "export", str(tender), "--out", str(tmp_path / "t.docx"), "--concept",
                    "--template", str(pipe))
    assert one_line(code, err) and "geen gewoon bestand" in err and not (tmp_path / "t.docx").exists()


def test_a_tender_file_beyond_the_bound_is_refused_without_reading_it(capsys, db, tmp_path):
    from tender_assistant.tender import MAX_TENDER_FILE_BYTES

    big = tmp_path / "groot.tender.json"
    with open(big, "wb") as fh:
        fh.truncate(MAX_TENDER_FILE_BYTES + 1)  # sparse: costs no disk
    code, _, err = run(capsys, "--db", str(db), "tender", "check", str(big))
    assert one_line(code, err) and "groter dan 50 MB" in err
