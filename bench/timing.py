"""Wall-clock timing shared by the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Run fn once: (milliseconds, its result)."""
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result
