"""Background search: a failure reaches the log and a dialog instead of vanishing; the reader is refreshed publicly."""

from __future__ import annotations

import ui.query_runner


def test_an_exception_in_a_background_search_is_logged_and_shown(make_window, qtbot, fresh_db, answers,
                                                                  isolated_home, monkeypatch):
    window = make_window(fresh_db, background_queries=True)

    def broken_search(*args, **kwargs):
        raise RuntimeError("kapotte zoekopdracht 4711")

    monkeypatch.setattr(ui.query_runner, "search_criteria", broken_search)
    window.search_edit.setText("bureau")
    window.queries.wait()
    qtbot.waitUntil(lambda: any(kind == "exec" for kind, _ in answers.seen))
    assert any("onverwacht" in text for _, text in answers.seen)
    log = isolated_home / "tender-assistant.log"
    assert "kapotte zoekopdracht 4711" in log.read_text(encoding="utf-8")
