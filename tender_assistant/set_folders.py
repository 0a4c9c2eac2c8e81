"""The folders document sets were written into, newest first: where a killed export may have left a swap to finish.

Kept in the data folder (one path per line), by the command line and the window alike, and written before a set is
swapped in, so the folder of an export killed halfway is known the next time the app starts.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from criteria_library.infra import paths
from criteria_library.infra.errors import UserError
from criteria_library.infra.files import atomic_write, read_regular

FILE_NAME = "documentensets.txt"
MAX_FOLDERS = 20
MAX_BYTES = 64 * 1024


def _file() -> Path:
    return paths.data_dir() / FILE_NAME


def remembered() -> list[Path]:
    """The remembered set folders, newest first; none when the list cannot be read."""
    try:
        data = read_regular(_file(), MAX_BYTES, ("de lijst met documentenmappen", "the list of set folders"))
    except (OSError, UserError):
        return []
    lines = data.decode("utf-8", errors="replace").splitlines()
    return [Path(line) for line in lines if line.strip() and "\x00" not in line][:MAX_FOLDERS]


def remember(folder: Path) -> None:
    """Put folder first in the list; a data folder that cannot be written only costs the reminder."""
    with contextlib.suppress(OSError, UserError, ValueError):
        folder = folder.resolve()
        items = [str(folder), *(str(p) for p in remembered() if p != folder)][:MAX_FOLDERS]
        atomic_write(_file(), lambda tmp: tmp.write_text("\n".join(items) + "\n", encoding="utf-8"))
