"""Wall-clock timing and peak memory shared by the benchmarks."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from typing import Any


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Run fn once: (milliseconds, its result)."""
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (Linux reports KB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
