"""The starter library shipped inside the package: one pack file per procurement package."""

from __future__ import annotations

import logging
from pathlib import Path

from .errors import LibraryError
from .merge import apply_update, plan_update
from .pack_import import apply_import, plan_import
from .pack_reading import Pack, read_pack
from .releases import starter_release
from .store import LibraryStore

STARTER_DIR = Path(__file__).with_name("starter")


def starter_files() -> list[Path]:
    """The shipped pack files, one per package, in name order."""
    return sorted(STARTER_DIR.glob("*.json"))


def starter_pack() -> Pack:
    """All shipped packs merged into one, validated as any import is."""
    merged = Pack()
    for path in starter_files():
        pack = read_pack(path)
        merged.packages.extend(pack.packages)
        merged.criteria.extend(pack.criteria)
    return merged


def open_library(path: Path | str | None = None, *, read_only: bool = False,
                 any_thread: bool = False) -> LibraryStore:
    """Open the library at path (default the user's); a first start makes it and fills it with the starter library."""
    return LibraryStore.open(path, read_only=read_only, seed=load_starter_library, any_thread=any_thread)


def load_starter_library(store: LibraryStore) -> int:
    """Fill an empty library with the starter library; returns the number of criteria loaded.

    The starter is a signed release of the built-in publisher, so every criterion shows where it came from and
    later releases can tell local changes from upstream ones. Starter files changed without re-running
    scripts/sign_starter still load, as a plain import without provenance (a test catches that before release).
    """
    try:
        release = starter_release(STARTER_DIR)
    except (LibraryError, OSError):
        logging.getLogger(__name__).warning("starter release signature does not match the files; "
                                            "run scripts/sign_starter", exc_info=True)
        release = None
    if release is not None and release.pack.packages:
        return len(apply_update(store, plan_update(store, release), backup=False).plan.new)
    pack = starter_pack()
    if not pack.packages:
        return 0
    # the starter library is trusted: its published criteria are published, not sent to review
    result = apply_import(store, plan_import(store, pack, trusted=True), backup=False, note="startbibliotheek")
    return result.added
