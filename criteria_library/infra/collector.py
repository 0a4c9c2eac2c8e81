"""Python's cycle collector paused around work that makes many objects that all stay alive (a 20,000-criterion pack
read, a library check): its passes over them free nothing and cost a fifth of the time."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off inside the block, back on afterwards (if it was on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
