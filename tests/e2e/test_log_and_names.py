"""The log file is UTF-8 whatever the system's code page; '.JSON' is a JSON file name too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_log_file_is_utf8_under_an_ascii_locale(tmp_path) -> None:
    script = (
        "import criteria_library.cli as cli, main\n"
        "def bug(args): raise RuntimeError('kapot in \\u00e9\\u00e9n \\u2603 regel')\n"
        "cli.cmd_stats = bug\n"
        "import sys; sys.exit(main.main(['library', 'stats']))\n"
    )
    env = {**os.environ, "TENDER_ASSISTANT_HOME": str(tmp_path), "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0",
           "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert proc.returncode == 1 and "onverwacht" in proc.stderr
    logs = list(tmp_path.rglob("*.log"))
    assert logs, proc.stderr
    assert "kapot in één ☃ regel" in logs[0].read_bytes().decode("utf-8")


@pytest.mark.gui
def test_save_as_keeps_an_upper_case_json_name(qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from ui.tender_wizard import TenderWizard

    target = tmp_path / "Stoelen.JSON"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    saved: list[Path] = []
    monkeypatch.setattr(TenderWizard, "save_to", lambda self, path: saved.append(path) or True)
    wizard = TenderWizard.__new__(TenderWizard)  # only save_as is exercised: no window needed
    wizard.path, wizard.tender = None, type("T", (), {"title": "Stoelen"})()
    wizard.settings = type("S", (), {"last_folder": str(tmp_path)})()
    assert TenderWizard.save_as(wizard)
    assert saved == [target]  # not 'Stoelen.JSON.tender.json'
