"""Fixtures the command-line tests share: a library file with the starter library, and running main.py in process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import main


@pytest.fixture
def db(tmp_path: Path, starter_db_template: Path) -> Path:
    """A library file of its own with the starter library (a module may define its own `db` instead)."""
    path = tmp_path / "library.db"
    shutil.copy(starter_db_template, path)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """main.py with these arguments, in process: exit code, stdout, stderr."""
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
