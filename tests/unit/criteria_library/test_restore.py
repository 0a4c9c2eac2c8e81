"""Putting a library back: `library restore` and 'Herstel vorige toestand' take only a checked backup of ours."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from criteria_library import merge, migrations
from criteria_library.errors import LibraryError
from criteria_library.merge import apply_update, plan_update
from criteria_library.releases import read_release
from criteria_library.restore import restore_library
from criteria_library.store import LAST_UPDATE_BACKUP_KEY, LibraryStore
from tests.helpers import db_fingerprint, publish_edit
from tests.release_helpers import make_key, release, subscriber, trust_key


def _two_updates(publisher: LibraryStore, folder: Path) -> tuple[LibraryStore, str]:
    """A subscriber in folder that received release 1.0 and then 2.0; the fingerprint undo must give back."""
    keyfile = make_key(folder.parent, "sleutel")
    trust_key(keyfile)
    other = subscriber(folder / "library.db")
    other.set_accept_trusted_releases(True)  # the publisher's edit is taken as published, so the undo has something to undo
    apply_update(other, plan_update(other, read_release(release(publisher, keyfile, folder.parent / "r1", "1.0"))))
    before = db_fingerprint(other.path, without_setting=LAST_UPDATE_BACKUP_KEY)
    publish_edit(publisher, replace(publisher.criterion("MEU-M-01"), title="Tweede titel van de uitgever"))
    apply_update(other, plan_update(other, read_release(release(publisher, keyfile, folder.parent / "r2", "2.0"))))
    assert other.criterion("MEU-M-01").title == "Tweede titel van de uitgever"
    return other, before


@pytest.fixture
def updated(fresh_db: LibraryStore, tmp_path: Path):
    folder = tmp_path / "gemeente"
    folder.mkdir()
    other, before = _two_updates(fresh_db, folder)
    yield other, before
    other.close()


@pytest.mark.parametrize("name", ["Inkoop #2", "a?b", "100%25", "x#y?z=1&mode=ro"])
def test_undo_in_a_data_folder_with_uri_characters_gives_the_library_back(fresh_db: LibraryStore, tmp_path: Path,
                                                                          name: str) -> None:
    # the undo built its own file: URI from the raw path: '#' cut it short and the library came back empty
    folder = tmp_path / name
    folder.mkdir()
    other, before = _two_updates(fresh_db, folder)
    merge.restore_previous_state(other)
    assert other.count_criteria() == 8
    assert db_fingerprint(other.path) == before
    # and no file was made where the raw path was cut short ('Inkoop ' for 'Inkoop #2')
    assert not [p for p in tmp_path.iterdir() if name.startswith(p.name) and p.name != name]
    other.close()


def test_undo_says_what_comes_back_keeps_what_it_replaces_and_goes_back_only_once(updated, tmp_path: Path) -> None:
    other, before = updated
    preview = merge.undo_preview(other)
    assert preview.criteria == 8 and preview.backup == merge.last_update_backup(other)
    assert preview.describe().startswith("de reservekopie van ") and preview.describe().endswith(" met 8 criteria")
    assert preview.made_at.year >= 2024
    result = merge.restore_previous_state(other)
    assert db_fingerprint(other.path) == before
    assert other.criterion("MEU-M-01").title != "Tweede titel van de uitgever"
    # what was replaced is kept, with the publisher's second title
    with LibraryStore.open(result.replaced_copy, read_only=True) as kept:
        assert kept.criterion("MEU-M-01").title == "Tweede titel van de uitgever"
    # a second undo does not go one more update back (to the empty library before release 1.0)
    assert merge.last_update_backup(other) is None
    with pytest.raises(LibraryError, match="geen reservekopie van vóór een update"):
        merge.restore_previous_state(other)
    assert db_fingerprint(other.path) == before


def _point_undo_at(store: LibraryStore, path: Path) -> None:
    store.db.execute("UPDATE settings SET value = ? WHERE key = ?", [str(path), LAST_UPDATE_BACKUP_KEY])


def _damage(path: Path, table: str | None) -> None:
    """Overwrite the page headers of every page but the first, or only of one table's root page."""
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone() if table else None
    conn.close()
    data = bytearray(path.read_bytes())
    for page in [root[0] - 1] if root else range(2, len(data) // size):  # the file header still says SQLite
        data[page * size : page * size + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("table", [None, "library_events"])  # a table nothing but the integrity check reads
def test_undo_refuses_a_damaged_backup_and_changes_nothing(updated, table: str | None) -> None:
    other, _ = updated
    backup = merge.last_update_backup(other)
    assert backup is not None
    _damage(backup, table)
    before = db_fingerprint(other.path)
    copies = sorted(backup.parent.iterdir())
    for attempt in (merge.undo_preview, merge.restore_previous_state):
        with pytest.raises(LibraryError, match="kan niet worden teruggezet.*Er is niets gewijzigd"):
            attempt(other)
    assert db_fingerprint(other.path) == before
    assert sorted(backup.parent.iterdir()) == copies  # no copy of an unchanged library either


def test_undo_refuses_another_sqlite_file_named_as_backup(updated) -> None:
    other, _ = updated
    backup = merge.last_update_backup(other)
    assert backup is not None
    backup.unlink()
    conn = sqlite3.connect(backup)  # an update backup's place and name, but someone else's database
    conn.execute("CREATE TABLE recepten (naam TEXT)")
    conn.commit()
    conn.close()
    before = db_fingerprint(other.path)
    with pytest.raises(LibraryError, match="geen Tender Assistant-bibliotheek"):
        merge.restore_previous_state(other)
    assert db_fingerprint(other.path) == before


def test_undo_refuses_a_file_the_settings_row_names_outside_the_backups(updated, tmp_path: Path) -> None:
    # the path sits in the (possibly shared) library file: whoever can write it must not decide what comes back
    other, _ = updated
    stranger = tmp_path / "andere-bibliotheek.db"
    with LibraryStore.open(stranger) as lib:
        lib.backup()  # another library (and a backup of it) in another folder
    ours = merge.last_update_backup(other)
    assert ours is not None
    lookalike = tmp_path / "elders" / ours.name
    lookalike.parent.mkdir()
    shutil.copyfile(stranger, lookalike)  # named like one of our backups, but not in this library's backups folder
    for elsewhere in (stranger, next((tmp_path / "backups").iterdir())):
        _point_undo_at(other, elsewhere)
        before = db_fingerprint(other.path)
        assert merge.last_update_backup(other) is None  # only this library's own backups folder is looked in
        with pytest.raises(LibraryError, match="geen reservekopie"):
            merge.restore_previous_state(other)
        assert db_fingerprint(other.path) == before and other.count_criteria() == 8
    _point_undo_at(other, lookalike)  # a look-alike elsewhere: its folder is ignored, our own backup is meant
    assert merge.last_update_backup(other) == ours


def test_undo_from_another_working_folder_finds_the_backup_of_an_update_run_with_a_relative_path(
        updated, monkeypatch: pytest.MonkeyPatch) -> None:
    """The row held the path as typed ('b/backups/library-....db'); undo from elsewhere said there was none."""
    other, _ = updated
    ours = merge.last_update_backup(other)
    assert ours is not None
    _point_undo_at(other, Path("b") / "backups" / ours.name)
    monkeypatch.chdir(ours.parent.parent.parent)
    assert merge.last_update_backup(other) == ours
    assert merge.undo_preview(other).backup == ours


@pytest.mark.parametrize("planted", ["an older backup", "another library"])
def test_undo_takes_only_the_backup_the_update_recorded_beside_the_backups(updated, tmp_path: Path,
                                                                          planted: str) -> None:
    """Whoever can write the library file pointed the row at an older backup, or another library under a backup's
    name in backups/: undo took it."""
    other, _ = updated
    ours = merge.last_update_backup(other)
    assert ours is not None
    name = f"{other.path.stem}-20200101-000000-000000.db"  # a backup's name of its own in the same folder
    if planted == "an older backup":
        shutil.copyfile(ours, ours.with_name(name))
        with sqlite3.connect(ours.with_name(name)) as conn:  # another state of this library: one criterion less
            conn.execute("DELETE FROM criteria WHERE rowid = (SELECT MIN(rowid) FROM criteria)")
    else:
        with LibraryStore.open(tmp_path / "andere.db") as lib:
            shutil.copyfile(lib.backup(), ours.with_name(name))
    _point_undo_at(other, ours.with_name(name))
    before = db_fingerprint(other.path)
    with pytest.raises(LibraryError, match="niet de reservekopie die de laatste update of import"):
        merge.undo_preview(other)
    with pytest.raises(LibraryError, match="niet de reservekopie die de laatste update of import"):
        merge.restore_previous_state(other)
    assert db_fingerprint(other.path) == before


def _made_newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def test_a_backup_made_by_a_newer_version_is_refused_and_the_library_stays(updated, tmp_path: Path) -> None:
    other, _ = updated
    backup = merge.last_update_backup(other)
    assert backup is not None
    _made_newer(backup)
    before = db_fingerprint(other.path)
    with pytest.raises(LibraryError, match="nieuwere versie"):
        merge.restore_previous_state(other)
    assert db_fingerprint(other.path) == before
    other.close()
    loose = tmp_path / "nieuwer.db"
    shutil.copyfile(backup, loose)
    with pytest.raises(LibraryError, match="nieuwere versie.*Er is niets gewijzigd"):
        restore_library(other.path, loose)
    assert db_fingerprint(other.path) == before
    other.reopen()


def test_undo_after_a_pack_import_takes_the_library_back_to_before_the_import(fresh_db: LibraryStore,
                                                                              mini_pack: dict, tmp_path: Path) -> None:
    """Exploratory finding R2: the import made a backup, but 'update --undo' said there was none."""
    import json

    from criteria_library.pack_import import apply_import, plan_import
    from criteria_library.pack_reading import read_pack

    before = db_fingerprint(fresh_db.path)
    mini_pack["criteria"][1]["title"] = "Onderdelen twaalf jaar leverbaar"
    mini_pack["criteria"].append({**mini_pack["criteria"][0], "id": "MEU-S-91", "title": "Nieuw uit het pakket"})
    pack = tmp_path / "p.json"
    pack.write_text(json.dumps(mini_pack, ensure_ascii=False), encoding="utf-8")
    result = apply_import(fresh_db, plan_import(fresh_db, read_pack(pack)))
    assert fresh_db.has_criterion("MEU-S-91")
    preview = merge.undo_preview(fresh_db)
    assert preview.backup == result.backup and preview.describe().endswith(" met 8 criteria")
    undone = merge.restore_previous_state(fresh_db)
    assert not fresh_db.has_criterion("MEU-S-91") and fresh_db.draft("MEU-M-01") is None
    assert db_fingerprint(fresh_db.path) == before
    with LibraryStore.open(undone.replaced_copy, read_only=True) as kept:
        assert kept.has_criterion("MEU-S-91")
    with pytest.raises(LibraryError, match="geen reservekopie van vóór een update of import"):
        merge.restore_previous_state(fresh_db)
