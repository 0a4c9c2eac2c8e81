"""Garbage in reference cycles is collected on the UI thread, never in a worker that happens to allocate."""

from __future__ import annotations

import gc
import threading

import pytest

pytestmark = pytest.mark.gui


class Holder:
    """Stands in for a cycle that holds a widget: records the thread that finalises it."""

    finalised_in: list[str] = []

    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector can free it

    def __del__(self) -> None:
        Holder.finalised_in.append(threading.current_thread().name)


def test_cycles_are_collected_on_the_ui_thread_even_when_a_worker_allocates(app, qtbot):
    from ui import main_thread_gc

    assert main_thread_gc.installed() and not gc.isenabled()
    gc.collect()
    Holder.finalised_in.clear()
    for _ in range(50):
        Holder()

    built: list[list[list[int]]] = []

    def allocate() -> None:  # what building the matcher does: many new containers, enough to trigger collections
        built.append([[i] for i in range(200_000)])

    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()
    assert "worker" not in Holder.finalised_in
    qtbot.waitUntil(lambda: len(Holder.finalised_in) == 50, timeout=3000)  # the UI thread's timer collects
    assert set(Holder.finalised_in) == {threading.main_thread().name}
    built.clear()
