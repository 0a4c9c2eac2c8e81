"""The starter library shipped inside the package: one pack file per procurement package."""

from __future__ import annotations

from pathlib import Path

from .exchange import Pack, apply_import, plan_import, read_pack
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


def load_starter_library(store: LibraryStore) -> int:
    """Fill an empty library with the starter library; returns the number of criteria loaded."""
    pack = starter_pack()
    if not pack.packages:
        return 0
    result = apply_import(store, plan_import(store, pack), backup=False, note="startbibliotheek")
    return result.added
