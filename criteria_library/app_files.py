"""The files the app itself reads, so that no export, report or release is ever written over one of them."""

from __future__ import annotations

from pathlib import Path

from .infra import paths
from .infra.output_paths import Input, database_inputs
from .publishers import TRUST_FILE

PACKAGE_DIR = Path(__file__).parent


def shipped_inputs() -> list[Input]:
    """The folders of files the library ships and reads (starter packs, the signed starter release and its key, the
    CPV list): where the installation is writable, an output landing there would replace them."""
    return [(PACKAGE_DIR / "starter", "de map met de startpakketten van de app", "the app's folder of starter packs"),
            (PACKAGE_DIR / "data", "de map met de gegevens van de app (startrelease, sleutel, CPV-lijst)",
             "the app's data folder (starter release, key, CPV list)")]


def library_inputs(db: Path | str | None) -> list[Input]:
    """The library (the default one, or --db) with SQLite's files beside it, the list of trusted publishers and the
    files the library ships."""
    library = Path(db) if db is not None else paths.default_db_path()
    return [*database_inputs(library, "de bibliotheek", "the library"),
            (paths.data_dir() / TRUST_FILE, "de lijst met vertrouwde uitgevers", "the list of trusted publishers"),
            *shipped_inputs()]
