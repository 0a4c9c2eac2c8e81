"""The files the app itself reads, so that no export, report or release is ever written over one of them."""

from __future__ import annotations

from pathlib import Path

from .infra import paths
from .infra.output_paths import Input, database_inputs
from .publishers import TRUST_FILE


def library_inputs(db: Path | str | None) -> list[Input]:
    """The library (the default one, or --db) with SQLite's files beside it, and the list of trusted publishers."""
    library = Path(db) if db is not None else paths.default_db_path()
    return [*database_inputs(library, "de bibliotheek", "the library"),
            (paths.data_dir() / TRUST_FILE, "de lijst met vertrouwde uitgevers", "the list of trusted publishers")]
