"""TENDER_ASSISTANT_QUIT_WHEN_FILLED: the GUI starts, fills its main window and closes itself (bundle smoke test)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_gui_closes_itself_once_the_main_window_is_filled(tmp_path: Path) -> None:
    env = dict(os.environ, TENDER_ASSISTANT_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen",
               TENDER_ASSISTANT_QUIT_WHEN_FILLED="1")
    done = subprocess.run([sys.executable, str(ROOT / "main.py")], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "main window filled" in done.stdout
    assert (tmp_path / "library.db").exists()  # the starter library was created on first start
