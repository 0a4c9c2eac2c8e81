"""Writing files so that a crash, a full disk or a cancel never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import UserError


def atomic_write(path: Path | str, write: Callable[[Path], Any], *, error: type[UserError] = UserError) -> None:
    """Let write() fill a temporary file in the same folder, flush it to disk, then rename it over path.

    Problems the user can fix (missing or read-only folder, full disk) raise `error` with a Dutch message; anything
    write() raises (such as a cancel) removes the temporary file and passes through.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise error(f"De map {folder} bestaat niet.", en=f"The folder {folder} does not exist.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise error(f"Kan niet schrijven in {folder}: {exc.strerror or exc}. Er is niets gewijzigd.",
                    en=f"Cannot write in {folder}: {exc.strerror or exc}. Nothing was changed.") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise error(f"Kan {path.name} niet schrijven: {exc.strerror or exc}. Er is niets gewijzigd.",
                    en=f"Cannot write {path.name}: {exc.strerror or exc}. Nothing was changed.") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
