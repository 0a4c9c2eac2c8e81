"""LibraryStore: creation, history and restore, workflow, and every way a database file can be wrong."""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from criteria_library import migrations
from criteria_library.errors import LibraryError, ReadOnlyError
from criteria_library.models import Kind, Status
from criteria_library.search import search_criteria
from criteria_library.store import LibraryStore
from tests.helpers import db_fingerprint, publish_edit


def test_new_database_uses_wal_and_current_schema(tmp_path: Path) -> None:
    store = LibraryStore.open(tmp_path / "new.db")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert migrations.stored_version(store.db) == migrations.SCHEMA_VERSION
    assert not store.read_only
    assert store.count_criteria() == 0


def test_default_location_is_in_the_data_folder(isolated_home: Path) -> None:
    store = LibraryStore.open()
    assert store.path == isolated_home / "library.db"
    assert store.path.exists()


def test_edit_keeps_previous_version_with_author_and_fields(fresh_db: LibraryStore) -> None:
    original = fresh_db.criterion("MEU-M-01")
    fresh_db.set_author("Regisseur Test")
    saved = publish_edit(fresh_db, replace(original, title="Onderdelen twaalf jaar leverbaar"), note="strenger")
    assert saved.version == original.version + 1
    history = fresh_db.history("MEU-M-01")
    assert [h.version for h in history] == [2, 1]
    assert history[0].changed_fields == ["title"]
    assert history[0].changed_by == "Beoordelaar Test"
    assert history[0].note.startswith("strenger (nieuwe versie gepubliceerd na review")
    assert history[1].criterion.title == original.title


def test_saving_unchanged_criterion_adds_no_version(fresh_db: LibraryStore) -> None:
    c = fresh_db.criterion("MEU-M-01")
    assert fresh_db.save_criterion(c).version == c.version
    assert len(fresh_db.history("MEU-M-01")) == 1


def test_restore_earlier_version(fresh_db: LibraryStore) -> None:
    c = fresh_db.criterion("VKB-M-01")
    publish_edit(fresh_db, replace(c, clause="Opdrachtnemer vervangt alle palen door nieuwe palen van staal."))
    restored = fresh_db.restore_version("VKB-M-01", 1)
    # content only: the published version stays until the restored content is approved
    assert restored.clause == c.clause and restored.status == Status.CONCEPT and restored.version == 3
    assert fresh_db.criterion("VKB-M-01").clause != c.clause
    assert fresh_db.criterion("VKB-M-01").status == Status.PUBLISHED


def test_invalid_criterion_is_refused_and_nothing_changes(fresh_db: LibraryStore) -> None:
    before = db_fingerprint(fresh_db.path)
    c = fresh_db.criterion("MEU-M-01")
    with pytest.raises(LibraryError) as err:
        fresh_db.save_criterion(replace(c, clause="Leverbaar gedurende {{jaren}} jaar."))
    assert "standaardwaarde" in str(err.value)
    assert db_fingerprint(fresh_db.path) == before


def test_new_id_and_duplicate(fresh_db: LibraryStore) -> None:
    assert fresh_db.new_criterion_id("meubilair", Kind.AWARD) == "MEU-G-02"
    copy = fresh_db.duplicate_criterion("MEU-G-01")
    assert copy.id == "MEU-G-02"
    assert copy.status == Status.CONCEPT
    assert copy.clause == fresh_db.criterion("MEU-G-01").clause


def test_status_workflow(fresh_db: LibraryStore) -> None:
    retired = fresh_db.set_status("MEU-S-01", Status.RETIRED)
    assert retired.status == Status.RETIRED
    assert "MEU-S-01" not in [c.id for c in fresh_db.criteria(include_retired=False)]
    with pytest.raises(LibraryError, match="niet direct"):  # a retired criterion comes back through review
        fresh_db.set_status("MEU-S-01", Status.PUBLISHED)
    assert fresh_db.set_status("MEU-S-01", Status.CONCEPT).status == Status.CONCEPT
    draft = fresh_db.duplicate_criterion("MEU-S-01")
    with pytest.raises(LibraryError, match="niet direct"):
        fresh_db.set_status(draft.id, Status.PUBLISHED)
    fresh_db.set_status(draft.id, Status.IN_REVIEW)
    fresh_db.author = "Collega"
    assert fresh_db.set_status(draft.id, Status.PUBLISHED).status == Status.PUBLISHED


def test_filters_and_order(fresh_db: LibraryStore) -> None:
    ids = fresh_db.criterion_ids(package="meubilair")
    assert ids == ["MEU-S-01", "MEU-M-01", "MEU-G-01", "MEU-C-01"]  # tender order: S, M, G, C
    assert [c.id for c in fresh_db.criteria(max_level=1, package="meubilair")] == ["MEU-S-01", "MEU-M-01"]
    assert fresh_db.package_counts() == {"meubilair": 4, "verkeersborden": 4}


def test_file_that_is_not_sqlite_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"dit is een boodschappenlijstje\n" * 20)
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="geen bibliotheek-database"):
        LibraryStore.open(path)
    assert path.read_bytes() == before
    assert not Path(str(path) + "-wal").exists()


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="geen Tender Assistant-bibliotheek"):
        LibraryStore.open(path)


@pytest.mark.parametrize("read_only", [False, True])
def test_other_apps_database_with_a_criteria_table_is_refused_and_not_written(tmp_path: Path, read_only: bool) -> None:
    path = tmp_path / "crm.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE criteria (id TEXT PRIMARY KEY, naam TEXT)")
    conn.execute("INSERT INTO criteria VALUES ('k1', 'klant')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="geen Tender Assistant-bibliotheek; het is niet aangeraakt"):
        LibraryStore.open(path, read_only=read_only)
    assert path.read_bytes() == before  # no migration tables written into it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crm.db"]


def test_a_programming_error_in_a_write_is_not_turned_into_a_user_message(fresh_db: LibraryStore) -> None:
    with pytest.raises(sqlite3.OperationalError), fresh_db.transaction() as db:
        db.execute("UPDATE criteria SET no_such_column = 1")
    assert fresh_db.criterion("MEU-M-01").title  # rolled back, the connection still works


def test_newer_database_opens_read_only(fresh_db: LibraryStore) -> None:
    path = fresh_db.path
    fresh_db.db.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    fresh_db.close()
    store = LibraryStore.open(path)
    assert store.read_only
    assert "nieuwere versie" in (store.read_only_reason or "")
    assert store.criterion("MEU-M-01").title
    with pytest.raises(ReadOnlyError):
        store.set_status("MEU-M-01", Status.RETIRED)


def test_read_only_file_opens_read_only_and_refuses_writes(fresh_db: LibraryStore) -> None:
    path = fresh_db.path
    fresh_db.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    fresh_db.close()
    before = db_fingerprint(path)
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP)
    try:
        store = LibraryStore.open(path)
        assert store.read_only
        assert "alleen-lezen" in (store.read_only_reason or "")
        assert len(search_criteria(store, "palen")) >= 1
        with pytest.raises(ReadOnlyError, match="kan niet worden gewijzigd"):
            store.save_criterion(replace(store.criterion("MEU-M-01"), title="Anders"))
        store.close()
    finally:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    assert db_fingerprint(path) == before


def test_database_locked_by_another_process_opens_read_only(fresh_db: LibraryStore) -> None:
    path = fresh_db.path
    fresh_db.close()
    before = db_fingerprint(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        store = LibraryStore.open(path)
        assert store.read_only
        assert "ander programma" in (store.read_only_reason or "")
        assert store.criterion("VKB-M-01")
        store.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert db_fingerprint(path) == before


def test_write_while_another_process_holds_the_lock_fails_cleanly(fresh_db: LibraryStore, monkeypatch) -> None:
    monkeypatch.setattr("criteria_library.infra.sqlite_file.BUSY_TIMEOUT_MS", 200)
    fresh_db.db.conn.execute("PRAGMA busy_timeout = 200")
    other = sqlite3.connect(fresh_db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(LibraryError, match="in gebruik door een ander programma"):
            fresh_db.set_status("MEU-S-01", Status.RETIRED)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert fresh_db.criterion("MEU-S-01").status == Status.PUBLISHED


def test_backup_is_a_working_copy(fresh_db: LibraryStore) -> None:
    copy_path = fresh_db.backup()
    assert copy_path.parent.name == "backups"
    copy = LibraryStore.open(copy_path)
    assert copy.count_criteria() == fresh_db.count_criteria()
    copy.close()


def test_rebuild_search_index_repairs_a_drifted_index(fresh_db: LibraryStore) -> None:
    from criteria_library.integrity import check_library

    fresh_db.db.conn.execute("DELETE FROM criteria_fts")  # what a crash in an old version could leave behind
    assert not check_library(fresh_db).ok
    steps: list[tuple[int, int]] = []
    fresh_db.rebuild_search_index(lambda done, total: steps.append((done, total)))
    assert check_library(fresh_db).ok
    assert steps[-1] == (2, 2)
    assert search_criteria(fresh_db, "palen")[0].criterion.id == "VKB-M-01"


def test_older_database_is_upgraded_in_place(tmp_path: Path) -> None:
    from sqlite_utils import Database

    path = tmp_path / "v1.db"
    db = Database(path)
    migrations.migrations.apply(db, stop_before="0002_list_indexes")
    db.execute("PRAGMA user_version = 1")
    db.conn.close()
    store = LibraryStore.open(path)
    assert migrations.stored_version(store.db) == migrations.SCHEMA_VERSION
    indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "idx_criteria_list" in indexes


def test_kind_order_in_sql_matches_the_model() -> None:
    from criteria_library.models import KIND_ORDER

    positions = [migrations.KIND_RANK_SQL.index(f"'{k.value}'") for k in KIND_ORDER]
    assert positions == sorted(positions)


@pytest.mark.parametrize("folder", ["Inkoop #2", "a?b", "100%25", "met spatie", "x#y?z=1&mode=ro"])
def test_library_in_a_folder_with_uri_characters_is_that_file(tmp_path: Path, folder: str, mini_pack_path: Path) -> None:
    from criteria_library.pack_import import apply_import, plan_import
    from criteria_library.pack_reading import read_pack

    path = tmp_path / folder / "library.db"
    path.parent.mkdir()
    with LibraryStore.open(path) as store:
        apply_import(store, plan_import(store, read_pack(mini_pack_path)), backup=False)
        count = store.count_criteria()
    assert count > 0
    # exactly this file holds the library, no other file was made beside the folder
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]
    with LibraryStore.open(path, read_only=True) as again:
        assert again.count_criteria() == count


def test_library_check_survives_bad_rows_and_names_them(fresh_db: LibraryStore) -> None:
    from criteria_library.integrity import check_library

    conn = fresh_db.db.conn
    first, second, third = fresh_db.criterion_ids()[:3]
    # rows another tool (or an old bug) wrote past the store's validation
    conn.execute("UPDATE criteria SET kind = 'raar' WHERE id = ?", [first])
    conn.execute("UPDATE criteria SET placeholders = '{kapot' WHERE id = ?", [second])
    conn.execute("UPDATE criteria SET level = 'hoog' WHERE id = ?", [third])
    conn.execute("UPDATE packages SET cpv = 'geen json' WHERE slug = 'verkeersborden'")
    report = check_library(fresh_db)
    text = "\n".join(p.line() for p in report.problems)
    for name in (first, second, third, "verkeersborden"):
        assert f"{name}" in text and "onleesbaar" in text, text
    assert report.checked_criteria == fresh_db.count_criteria()


def test_a_damaged_search_index_is_reported_not_silently_degraded(fresh_db: LibraryStore) -> None:
    fresh_db.db.conn.execute("DELETE FROM criteria_fts_data WHERE id > 10")  # index segments lost
    fresh_db.changed()
    with pytest.raises(LibraryError, match="zoekindex van de bibliotheek is beschadigd"):
        search_criteria(fresh_db, "meubilair")
    fresh_db.rebuild_search_index()
    assert search_criteria(fresh_db, "meubilair")


def test_a_connection_is_checked_against_use_from_another_thread(fresh_db: LibraryStore) -> None:
    import threading

    errors: list[BaseException] = []

    def use() -> None:
        try:
            fresh_db.count_criteria()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    thread = threading.Thread(target=use)
    thread.start()
    thread.join()
    assert errors and isinstance(errors[0], sqlite3.ProgrammingError)
    with LibraryStore.open(fresh_db.path, read_only=True, any_thread=True) as reader:  # the search reader's kind
        thread = threading.Thread(target=reader.count_criteria)
        thread.start()
        thread.join()


def test_an_organisation_code_starts_new_ids_and_keeps_existing_ones(fresh_db: LibraryStore) -> None:
    fresh_db.author = "Regisseur"
    fresh_db.set_organisation_code("zaa")
    assert fresh_db.organisation_code == "ZAA"
    assert (fresh_db.events()[0]["event"], fresh_db.events()[0]["detail"]) == ("organisatiecode voor nieuwe criteria",
                                                                               "ZAA")
    copy = fresh_db.duplicate_criterion("MEU-G-01")
    assert copy.id == "ZAA-MEU-G-01" and fresh_db.criterion("MEU-G-01").title != copy.title
    assert fresh_db.new_criterion_id("meubilair", Kind.AWARD) == "ZAA-MEU-G-02"
    assert search_criteria(fresh_db, "zaa-meu-g-01")[0].criterion.id == copy.id
    with pytest.raises(LibraryError, match="Organisatiecode 'Z4' is ongeldig"):
        fresh_db.set_organisation_code("Z4")
    fresh_db.set_organisation_code("")
    assert fresh_db.new_criterion_id("meubilair", Kind.AWARD) == "MEU-G-02"


@pytest.mark.parametrize("status", [Status.CONCEPT, Status.PUBLISHED])
def test_an_edit_past_the_version_bound_is_refused_and_nothing_changes(fresh_db: LibraryStore, status: Status) -> None:
    from criteria_library.validation import MAX_VERSION

    c = fresh_db.criteria()[0]
    fresh_db.set_status(c.id, Status.CONCEPT)
    # only a crafted file brings a criterion to the bound: put it there as an import would
    fresh_db.db.execute("UPDATE criteria SET version = ?, status = ? WHERE id = ?", [MAX_VERSION, status.value, c.id])
    fresh_db.db.conn.commit()
    before = db_fingerprint(fresh_db.path)
    at_bound = fresh_db.criterion(c.id)
    with pytest.raises(LibraryError) as refused:
        fresh_db.save_criterion(replace(at_bound, title="Nog een keer bewerkt"))
    assert "hoogste versie" in str(refused.value) and "9.007.199.254.740.991" in str(refused.value)
    assert "highest version" in refused.value.text("en")
    assert db_fingerprint(fresh_db.path) == before
    assert fresh_db.save_criterion(at_bound) == at_bound  # saving it unchanged is no edit and stays possible


@pytest.mark.parametrize("pending", [False, True], ids=["criterion", "pending-version"])
def test_a_save_is_refused_when_the_criterion_changed_after_the_editor_loaded_it(fresh_db: LibraryStore,
                                                                                  pending: bool) -> None:
    from criteria_library.errors import ChangedMeanwhileError

    cid = fresh_db.criteria()[0].id
    if pending:  # a published criterion with a pending new version: the editor holds that version
        fresh_db.save_criterion(replace(fresh_db.working_copy(cid), title="Eerste concept"))
    loaded = fresh_db.working_copy(cid)
    # between the editor's last look and its save, a command-line import writes through its own connection
    other = LibraryStore.open(fresh_db.path)
    try:
        other.save_criterion(replace(other.working_copy(cid), rationale="Uit de import."))
    finally:
        other.close()
    before = db_fingerprint(fresh_db.path)
    with pytest.raises(ChangedMeanwhileError) as refused:
        fresh_db.save_criterion(replace(loaded, title="Mijn wijziging"), expected=loaded)
    assert "intussen door een ander programma gewijzigd" in str(refused.value)
    assert refused.value.stored is not None and refused.value.stored.rationale == "Uit de import."
    assert db_fingerprint(fresh_db.path) == before
    now = fresh_db.working_copy(cid)  # saving against what is stored now works
    assert fresh_db.save_criterion(replace(now, title="Mijn wijziging"), expected=now).title == "Mijn wijziging"
