"""./scripts/run installs only when something changed (issue 23 item 4): the script's decision, not a timing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the scripts and pyproject.toml, with an install that only counts its runs and a main.py that only
    says it started; the copy's .venv/bin/python is this test's Python."""
    (tmp_path / "scripts").mkdir()
    for name in ("run", "needs-install"):
        shutil.copy2(ROOT / "scripts" / name, tmp_path / "scripts" / name)
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    install = tmp_path / "scripts" / "install"
    install.write_text("#!/usr/bin/env bash\nset -e\ncd \"$(dirname \"$0\")/..\"\n"
                       "mkdir -p .venv/bin\n"
                       f"printf '#!/bin/sh\\nexec {sys.executable} \"$@\"\\n' > .venv/bin/python\n"
                       "chmod +x .venv/bin/python\necho x >> installs.log\n./scripts/needs-install --write\n",
                       encoding="utf-8")
    install.chmod(0o755)
    (tmp_path / "main.py").write_text("print('gestart')\n", encoding="utf-8")
    return tmp_path


def start(folder: Path, **env: str) -> str:
    done = subprocess.run([str(folder / "scripts" / "run")], capture_output=True, text=True, check=True,
                          env={**os.environ, **env}, timeout=60)
    return done.stdout


def installs(folder: Path) -> int:
    log = folder / "installs.log"
    return len(log.read_text().split()) if log.exists() else 0


def test_the_second_start_does_not_reinstall(checkout: Path) -> None:
    assert "Installeren (nog geen .venv)" in start(checkout) and installs(checkout) == 1
    out = start(checkout)
    assert "gestart" in out and "Installeren" not in out and installs(checkout) == 1


def test_a_changed_pyproject_or_python_installs_again(checkout: Path) -> None:
    start(checkout)
    pyproject = checkout / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "\n# another dependency\n")
    assert "pyproject.toml, scripts/install of Python is gewijzigd" in start(checkout) and installs(checkout) == 2
    start(checkout)
    assert installs(checkout) == 2
    start(checkout, PYTHON=sys.executable)  # another interpreter than python3 on PATH
    assert installs(checkout) == 3


def test_a_broken_venv_installs_again(checkout: Path) -> None:
    start(checkout)
    (checkout / ".venv" / "bin" / "python").write_text("#!/bin/sh\nexit 1\n")
    assert "de .venv is onvolledig" in start(checkout) and installs(checkout) == 2
