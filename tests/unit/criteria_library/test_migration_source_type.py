"""Schema step 0007: a library from before source_type opens, and its next release merges as before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from criteria_library import migrations
from criteria_library.merge import plan_update, provenance
from criteria_library.releases import read_release
from criteria_library.store import LibraryStore
from tests.unit.criteria_library.test_merge import Govs


def _back_to_schema_5(path: Path) -> None:
    """The library as a program from before step 0007 left it: no column, bases without the field."""
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE criteria DROP COLUMN source_type")
    conn.execute("UPDATE criterion_origin SET base = json_remove(base, '$.source_type') WHERE base IS NOT NULL")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0007_source_type'")
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()


def test_an_older_library_gains_source_type_and_an_upstream_edit_is_no_conflict(fresh_db: LibraryStore,
                                                                                tmp_path: Path) -> None:
    govs = Govs(fresh_db, tmp_path)
    path = govs.b.path
    govs.b.close()
    _back_to_schema_5(path)
    govs.b = LibraryStore.open(path)
    assert migrations.stored_version(govs.b.db) == migrations.SCHEMA_VERSION
    assert govs.b.criterion("MEU-M-01").source_type == []
    govs.upstream("MEU-M-01", rationale="Nieuwe onderbouwing van de uitgever, na de schemawijziging.")
    # without the base getting the new field, every criterion looked changed here and this was a conflict
    plan = plan_update(govs.b, read_release(govs.release_folder()))
    assert list(plan.changed) == ["MEU-M-01"] and not plan.conflicts
    assert not provenance(govs.b, "MEU-M-01").changed_locally
    govs.b.close()
