"""Python's cyclic garbage collector runs on the UI thread only.

A collection starts in whichever thread happens to allocate. When it starts in a pool thread (the package matcher
being built, an import) and finds a cycle that holds a Qt widget, the widget is destroyed off the UI thread and the
app crashes: a segmentation fault 'Garbage-collecting' under matching.build_matcher was seen in the test suite. So
automatic collection is switched off and a timer on the UI thread collects instead, whenever the collector's own
thresholds say it would have.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 300
_collector: _Collector | None = None


class _Collector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.timeout.connect(collect_if_due)
        self.timer.start(INTERVAL_MS)


def collect_if_due() -> None:
    """Collect the oldest generation whose threshold has been passed, as the automatic collector would."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return


def install(app: QObject) -> None:
    """Switch automatic collection off and collect on the UI thread from now on (once per process)."""
    global _collector
    if _collector is None:
        gc.disable()
        _collector = _Collector(app)


def installed() -> bool:
    """True once collection has moved to the UI thread."""
    return _collector is not None
