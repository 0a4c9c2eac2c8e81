"""The wizard builds the package matcher (1.5 s at 20,000 criteria) off the UI thread, before page 2 needs it."""

from __future__ import annotations

import threading


def test_the_matcher_is_built_on_a_pool_thread_and_used_by_the_package_page(app, qtbot, library, monkeypatch):
    from tender_assistant import matching
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard

    threads: list[threading.Thread] = []
    real_build = matching.build_matcher

    def recording_build(lib):
        threads.append(threading.current_thread())
        return real_build(lib)

    monkeypatch.setattr(matching, "build_matcher", recording_build)
    wizard = TenderWizard(library, AppSettings())
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: library in matching._MATCHERS, timeout=10000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    # page 2 asks for matches: the primed matcher is used, nothing is built on the UI thread
    matching.match_packages(library, "kantoorstoelen en bureaus")
    assert all(t is not threading.main_thread() for t in threads)
