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


@pytest.mark.gui
def test_each_unexpected_error_is_logged_in_the_data_folder_in_use(tmp_path, monkeypatch, capsys) -> None:
    """One log set-up for the command line and the GUI (criteria_library/infra/logs.py). The command line used
    logging.basicConfig, which does nothing once logging has a handler: run in-process (as the GUI and the tests
    do) the traceback went to the first data folder's log, or nowhere, while 'Details staan in ...' named this one."""
    import logging

    import criteria_library.cli as cli
    import main
    from ui.error_dialogs import log_exception

    def bug(args):
        raise RuntimeError("kapot in één ☃ regel")

    monkeypatch.setattr(cli, "cmd_stats", bug)
    monkeypatch.setattr(logging.getLogger(), "handlers", [logging.NullHandler()])  # logging already set up
    for name in ("eerste", "tweede"):
        home = tmp_path / name
        monkeypatch.setenv("TENDER_ASSISTANT_HOME", str(home))
        assert main.main(["library", "stats"]) == 1
        err = capsys.readouterr().err
        log_file = home / "tender-assistant.log"
        assert f"Details staan in {log_file}" in err
        assert "kapot in één ☃ regel" in log_file.read_text(encoding="utf-8")
    try:
        raise ValueError("uit de grafische app")
    except ValueError as exc:
        assert log_exception(type(exc), exc, exc.__traceback__) == log_file  # the same file, the same shape
    assert log_file.read_text(encoding="utf-8").count("Onverwachte fout:") == 2
