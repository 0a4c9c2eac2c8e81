"""The command line in a pipe and on a full disk: what a user sees, and what is (not) logged as a bug."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_output_into_a_pipe_that_closes_early_is_not_a_bug(tmp_path: Path) -> None:
    env = dict(os.environ, TENDER_ASSISTANT_HOME=str(tmp_path))
    # `main.py search a --limit 500 --json | head -1`: head reads one line and goes away
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "search", "a", "--limit", "500", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "onverwacht" not in err and "Traceback" not in err
    assert not (tmp_path / "tender-assistant.log").exists()


def test_a_full_disk_says_schijf_vol(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                     isolated_home: Path) -> None:
    import criteria_library.cli as library_cli
    import main

    def full(_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(library_cli, "cmd_stats", full)
    assert main.main(["library", "stats"]) == 2
    assert "schijf is vol" in capsys.readouterr().err
    assert not (isolated_home / "tender-assistant.log").exists()
