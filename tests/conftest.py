"""Shared fixtures: a fresh library database per test, with a small pack or the starter library."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder, so nothing touches the user's real library or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TENDER_ASSISTANT_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def collect_on_the_main_thread():
    """Once a UI test has moved garbage collection to the UI thread (ui.main_thread_gc), the tests that follow,
    which run no event loop, still get their collections: after each test, on this (the main) thread."""
    yield
    import sys

    module = sys.modules.get("ui.main_thread_gc")
    if module is not None and module.installed():
        module.collect_if_due()


@pytest.fixture
def mini_pack_path() -> Path:
    """A small valid pack with two packages and a handful of criteria."""
    return DATA / "mini_pack.json"


@pytest.fixture
def mini_pack(mini_pack_path: Path) -> dict:
    """The small pack as a dict, to change in tests."""
    return json.loads(mini_pack_path.read_text(encoding="utf-8"))


@pytest.fixture
def fresh_db(tmp_path: Path, mini_pack_path: Path):
    """A new library in a temporary file, filled with the small test pack (not the starter library)."""
    from criteria_library.pack_import import apply_import, plan_import
    from criteria_library.pack_reading import read_pack
    from criteria_library.store import LibraryStore

    store = LibraryStore.open(tmp_path / "library.db")
    # seeded as trusted (as the starter library is): the tests start from published criteria
    apply_import(store, plan_import(store, read_pack(mini_pack_path), trusted=True), backup=False)
    yield store
    store.close()


@pytest.fixture(scope="session")
def starter_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database with the full starter library, built once per test run and copied per test."""
    from criteria_library.starter import open_library

    path = tmp_path_factory.mktemp("starter") / "starter.db"
    store = open_library(path)
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def library(tmp_path: Path, starter_db_template: Path):
    """A temporary library with the starter library loaded."""
    import shutil

    from criteria_library.store import LibraryStore

    path = tmp_path / "library.db"
    shutil.copy(starter_db_template, path)
    store = LibraryStore.open(path)
    yield store
    store.close()
