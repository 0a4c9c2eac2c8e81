"""library check: what it finds in a damaged search index, and where the finding stands in the report."""

from __future__ import annotations

import time

from criteria_library.integrity import check_library
from criteria_library.store import LibraryStore


def _lines(store: LibraryStore) -> list[str]:
    return [p.line() for p in check_library(store).problems]


def test_a_lost_search_entry_is_reported_before_the_rows(fresh_db: LibraryStore) -> None:
    conn = fresh_db.db.conn
    first, second = [r[0] for r in conn.execute("SELECT id FROM criteria ORDER BY id LIMIT 2")]
    conn.execute("DELETE FROM criteria_fts WHERE rowid = (SELECT rowid FROM criteria WHERE id = ?)", [first])
    conn.execute("UPDATE criteria SET kind = 'geen-soort' WHERE id = ?", [second])
    lines = _lines(fresh_db)
    index = next(i for i, line in enumerate(lines) if "zoekindex loopt niet in de pas" in line)
    row = next(i for i, line in enumerate(lines) if second in line and "onleesbaar" in line)
    assert index < row, lines  # the index's finding comes first, as before it ran beside the row checks


def test_a_drift_not_yet_committed_is_found_at_once(fresh_db: LibraryStore) -> None:
    """Inside the caller's own transaction the index is checked on its connection: another would not see the
    change and would wait for the write lock."""
    conn = fresh_db.db.conn
    conn.execute("BEGIN")
    try:
        conn.execute("DELETE FROM criteria_fts")
        start = time.monotonic()
        lines = _lines(fresh_db)
        assert time.monotonic() - start < 2.0
        assert any("zoekindex loopt niet in de pas" in line for line in lines), lines
        assert not any("locked" in line for line in lines), lines
    finally:
        conn.execute("ROLLBACK")
    assert check_library(fresh_db).ok


def test_a_whole_library_is_ok_and_every_criterion_counted(fresh_db: LibraryStore) -> None:
    report = check_library(fresh_db)
    assert report.ok, report.problems
    assert report.checked_criteria == fresh_db.count_criteria() > 0


def test_a_damaged_page_is_reported_alone_as_an_unreadable_database(fresh_db: LibraryStore) -> None:
    path = fresh_db.path
    fresh_db.close()
    with path.open("r+b") as f:  # a page of the criteria in the middle of the file overwritten
        f.seek(path.stat().st_size // 2 // 4096 * 4096)
        f.write(b"\xff" * 3000)
    with LibraryStore.open(path) as store:
        lines = _lines(store)
    assert len(lines) == 1 and "database onleesbaar" in lines[0], lines
