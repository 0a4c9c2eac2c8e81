"""Writing exported files: atomically, with the user's normal permissions, never over an input or by surprise."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from criteria_library.infra.files import atomic_write

from .errors import TenderError


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows (other threads may be writing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_output(path: Path, data: bytes) -> None:
    """Write an exported file atomically with the permissions a normally created file gets (not mkstemp's 0600)."""
    mode = 0o666 & ~current_umask()

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)
        os.chmod(tmp, mode)

    atomic_write(path, write, error=TenderError)


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
