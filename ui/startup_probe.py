"""A start-up probe for smoke tests and benchmarks: quit once the main window is shown and filled.

Set TENDER_ASSISTANT_QUIT_WHEN_FILLED=1 and the app closes itself as soon as the criteria table and the package
counts are filled and the window has painted, printing one line; exit code 0, or 3 when that does not happen within
the time limit. The bundle's smoke test (packaging/smoke_test.sh) and bench/bench_bundle.py use it; users never do.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from .main_window import MainWindow

ENV = "TENDER_ASSISTANT_QUIT_WHEN_FILLED"
LIMIT_S = 60.0


def requested() -> bool:
    """Whether the environment asks for the probe."""
    return os.environ.get(ENV, "") not in ("", "0")


def quit_when_filled(app: QApplication, window: MainWindow) -> None:
    """Poll until the window shows its criteria and package counts, then repaint, report and quit."""
    started = time.perf_counter()
    timer = QTimer(app)

    def check() -> None:
        if window.isVisible() and window.criteria_model.rowCount() > 0 and window.packages_model.counted():
            timer.stop()
            window.repaint()
            _say(f"main window filled: {window.criteria_model.rowCount()} criteria")
            app.exit(0)
        elif time.perf_counter() - started > LIMIT_S:
            timer.stop()
            _say("main window not filled in time")
            app.exit(3)

    timer.timeout.connect(check)
    timer.start(2)


def _say(line: str) -> None:
    stream = sys.stdout or sys.stderr  # a windowed Windows program has neither
    if stream is not None:
        print(line, file=stream, flush=True)
