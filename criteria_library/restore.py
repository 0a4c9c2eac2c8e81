"""Putting a library back: `library restore BACKUP`, and 'Herstel vorige toestand' (`library update --undo`, which
goes back to before the last release update or pack import).

Copying a backup over `library.db` by hand is undone or corrupted by a `-wal` left beside it by a crash: SQLite
applies that WAL to whatever file now carries the name. Both routes here check a copy of the backup first
(integrity, a library of ours, not newer), keep a copy of what they replace, and only then put the backup in.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import LibraryError, ReadOnlyError
from .infra import paths, sqlite_backup, sqlite_file
from .migrations import LIBRARY
from .store import LibraryStore


@dataclass
class RestoreResult:
    """What a restore did: how many criteria the library now has, and where the replaced library was kept."""

    criteria: int
    replaced_copy: Path | None


def restore_library(db_path: Path, backup: Path) -> RestoreResult:
    """Replace the library at db_path by the backup; nothing changes unless the backup is a healthy library."""
    result = sqlite_backup.restore_file(Path(db_path), Path(backup), LIBRARY)
    return RestoreResult(result.rows, result.replaced_copy)


# ------------------------------------------------------------------------ undo of an update
@dataclass
class UndoPreview:
    """What 'Herstel vorige toestand' would bring back: a checked update backup, when it was made, its criteria."""

    backup: Path
    made_at: datetime
    criteria: int

    def describe(self, lang: str = "nl") -> str:
        """'de reservekopie van 06-12-2026 01:02 met 8 criteria', for the question before the undo."""
        when = self.made_at.strftime("%d-%m-%Y %H:%M")
        if lang == "en":
            return f"the backup of {when} with {self.criteria} criteria"
        return f"de reservekopie van {when} met {self.criteria} criteria"


@dataclass
class UndoResult:
    """What the undo did: what came back, and where the library it replaced was kept."""

    preview: UndoPreview
    replaced_copy: Path


def update_backup_path(store: LibraryStore, named: str | None) -> Path:
    """The backup a library's settings name, once verified to be one of our own backups in its backups folder.

    The name sits in the (possibly shared) library file, so it decides nothing by itself: any other file, also
    another library or a backup elsewhere, is refused.
    """
    nothing = LibraryError("Er is geen reservekopie van vóór een update of import om naar terug te gaan.",
                           en="There is no backup from before an update or import to go back to.")
    if not named:
        raise nothing
    folder = paths.backups_dir(store.path)
    path = folder / Path(named).name  # always in this library's own backups folder, whatever the row says
    pattern = sqlite_backup.backup_pattern(store.path)
    try:
        ours = (not path.is_symlink() and path.is_file() and pattern.fullmatch(path.name) is not None
                and path.resolve().parent == folder.resolve())
    except OSError:
        ours = False
    if not ours:
        if not path.exists():
            raise nothing
        raise LibraryError(
            f"De bibliotheek noemt {path} als reservekopie van vóór de laatste update of import, maar dat is geen "
            f"reservekopie van deze bibliotheek in {folder}; er is niets gewijzigd.",
            en=f"The library names {path} as its backup from before the last update or import, but that is not a backup of "
            f"this library in {folder}; nothing was changed.")
    return path


def _not_recorded(path: Path, folder: Path) -> LibraryError:
    return LibraryError(
        f"{path.name} is niet de reservekopie die de laatste update of import in {folder} heeft vastgelegd (of is "
        "sindsdien veranderd); er is niets gewijzigd. Een andere reservekopie zet u terug met library restore.",
        en=f"{path.name} is not the backup the last update or import recorded in {folder} (or it changed since); "
        "nothing was changed. Put another backup back with library restore.")


def _made_at(path: Path, db_path: Path) -> datetime:
    """When a backup of the library at db_path was made, from the time stamp in its (verified) name."""
    match = sqlite_backup.backup_pattern(db_path).fullmatch(path.name)
    with contextlib.suppress(ValueError, AttributeError):
        return datetime.strptime(match.group("stamp"), sqlite_backup.BACKUP_STAMP)  # type: ignore[union-attr]
    return datetime.fromtimestamp(path.stat().st_mtime)


@contextlib.contextmanager
def _checked_copy(store: LibraryStore, named: str | None) -> Iterator[tuple[Path, Path, int]]:
    """(backup, private checked copy, criteria) for the update backup the library names: its place, integrity, ours,
    not newer (those reasons said first), and the one the last update recorded; the copy goes afterwards."""
    path = update_backup_path(store, named)
    work = sqlite_backup.copy_for_check(path, store.path, LIBRARY)
    try:
        count = sqlite_backup.verify_copy(work, LIBRARY, path.name)
        if not sqlite_backup.matches_undo_record(path, digest=True, content=work):
            raise _not_recorded(path, path.parent)
        yield path, work, count
    finally:
        sqlite_file.remove_with_sidecars(work)


def preview_undo(store: LibraryStore, named: str | None) -> UndoPreview:
    """Check the update backup the library names (place, integrity, ours, not newer) and say what it holds."""
    with _checked_copy(store, named) as (path, _work, count):
        return UndoPreview(path, _made_at(path, store.path), count)


def undo_update(store: LibraryStore, named: str | None, key: str) -> UndoResult:
    """Put the library back as the checked update backup holds it; keeps a copy of what it replaces first.

    The backup is copied into the open library with SQLite's backup API (page by page, in one step, under its
    locking), so a window holding the library open sees the result. key is the setting that names the backup:
    it is cleared in what comes back, so a second undo does not go one more update back.
    """
    if store.read_only:
        raise ReadOnlyError(f"De bibliotheek kan niet worden gewijzigd: {store.read_only_reason}",
                            en=f"The library cannot be changed: {store.read_only_reason_en}")
    with _checked_copy(store, named) as (path, work, count):
        source = sqlite_file.connect(work, "rw")
        try:
            source.execute("DELETE FROM settings WHERE key = ?", [key])
            kept = sqlite_backup.backup(store.db.conn, store.path, LIBRARY, label="voor-herstel")
            try:
                source.conn.backup(store.db.conn)
            except sqlite3.Error as exc:
                kept.unlink(missing_ok=True)
                sqlite_file.raise_sqlite_error(exc, store.path, LIBRARY)
        finally:
            source.conn.close()
    sqlite_backup.forget_undo_record(path.parent)  # a second undo does not go one more update back
    store.changed()  # caches (search vocabulary) refresh
    return UndoResult(UndoPreview(path, _made_at(path, store.path), count), kept)
