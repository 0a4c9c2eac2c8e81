"""Outputs never land on the app's own inputs: a library, register, template or key file written over is lost."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .errors import UserError

# (path or None, Dutch name, English name), e.g. (Path("library.db"), "de bibliotheek", "the library"). A path that
# is a folder (the app's own templates or starter packs) takes no output at all: the app reads what lands in it.
Input = tuple[Path | str | None, str, str]
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def same_file(a: Path | str, b: Path | str) -> bool:
    """True when two paths name the same file: also through symbolic or hard links, '..' or a case-insensitive
    file system."""
    a, b = Path(a), Path(b)
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return os.path.normcase(a.resolve()) == os.path.normcase(b.resolve())
    except (OSError, RuntimeError, ValueError):  # a link loop or a name the system cannot take is no input
        return False


def in_folder(out: Path | str, folder: Path | str) -> bool:
    """True when out would be written inside folder (also through links or '..'), or is a hard link to a file in it."""
    out, folder = Path(out), Path(folder)
    try:
        where = os.path.normcase(out.resolve())
        home = os.path.normcase(folder.resolve())
        if where.startswith(home.rstrip(os.sep) + os.sep):
            return True
        if out.is_file() and out.stat().st_nlink > 1:
            return any(f.is_file() and os.path.samefile(out, f) for f in folder.rglob("*"))
    except (OSError, RuntimeError, ValueError):
        return False
    return False


def database_inputs(path: Path | str | None, nl: str, en: str) -> list[Input]:
    """An SQLite database and the files SQLite keeps beside it (writing over its -wal damages it too)."""
    if path is None:
        return []
    return [(Path(path), nl, en), *((Path(f"{path}{suffix}"), nl, en) for suffix in SQLITE_COMPANIONS)]


def refuse_onto_inputs(out: Path | str, inputs: Iterable[Input], *, error: type[UserError] = UserError) -> None:
    """Raise `error` when the output path is, or links to, one of the inputs; nothing has been written then."""
    out = Path(out)
    for path, nl, en in inputs:
        if path is not None and Path(path).is_dir():
            if in_folder(out, path):
                raise error(f"Het uitvoerbestand {out.name} komt in {nl} terecht; kies een andere map, anders "
                            "overschrijft of verandert het wat de app zelf leest. Er is niets gewijzigd.",
                            en=f"The output file {out.name} would land in {en}; choose another folder, otherwise it "
                            "overwrites or changes what the app itself reads. Nothing was changed.")
            continue
        if path is not None and same_file(out, path):
            raise error(f"Het uitvoerbestand {out.name} is {nl} zelf (of verwijst ernaar); kies een ander bestand, "
                        f"anders gaat {nl} verloren. Er is niets gewijzigd.",
                        en=f"The output file {out.name} is {en} itself (or links to it); choose another file, "
                        f"otherwise {en} is lost. Nothing was changed.")
