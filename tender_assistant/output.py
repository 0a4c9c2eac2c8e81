"""Writing exported files: atomically, with the user's normal permissions, never over an input or by surprise."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from criteria_library.app_files import library_inputs, shipped_inputs
from criteria_library.infra.files import atomic_write
from criteria_library.infra.output_paths import Input, database_inputs

from .errors import TenderError


def write_output(path: Path, data: bytes) -> None:
    """Write an exported file atomically with the permissions a normally created file gets (not mkstemp's 0600)."""
    atomic_write(path, lambda tmp: tmp.write_bytes(data), error=TenderError)


PACKAGE_DIR = Path(__file__).parent


def _own_folders() -> list[Input]:
    """The folders of files this package ships and reads: the default and model templates, its data."""
    return [(PACKAGE_DIR / "documents" / "templates", "de map met de sjablonen van de app",
             "the app's folder of templates"),
            (PACKAGE_DIR / "data", "de map met de gegevens van de app", "the app's data folder")]


def shipped_app_inputs() -> list[Input]:
    """The folders of files the app ships and reads (its templates and data, the library's starter packs and
    release): no output may land in them, also where the installation is writable (a per-user install, from source)."""
    return [*_own_folders(), *shipped_inputs()]


def app_inputs(db: Path | str | None, register: Path | str | None = None) -> list[Input]:
    """The files the app reads that no output may land on: the library, the trust list and the register (the one
    named, else the one beside the library), and the files the app ships."""
    from .monitoring.register_file import register_path_for

    register = register if register is not None else register_path_for(Path(db) if db is not None else None)
    return [*library_inputs(db), *database_inputs(register, "het monitoringregister", "the monitoring register"),
            *_own_folders()]


def refuse_existing(paths: Iterable[Path]) -> None:
    """TenderError naming the files that exist already (the command line overwrites only with --force)."""
    existing = [p for p in paths if p.exists()]
    if not existing:
        return
    names = ", ".join(p.name for p in existing)
    if len(existing) == 1:
        raise TenderError(f"{names} bestaat al; gebruik --force om het te overschrijven.",
                          en=f"{names} exists already; use --force to overwrite it.")
    raise TenderError(f"{names} bestaan al; gebruik --force om ze te overschrijven.",
                      en=f"{names} exist already; use --force to overwrite them.")
