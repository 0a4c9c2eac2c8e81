"""A lock file beside the library, so only one process at a time creates (or restores) a library."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import UserError
from .paths import long_path


@contextlib.contextmanager
def exclusive(lock_path: Path, *, timeout: float = 60.0) -> Iterator[None]:
    """Hold an exclusive lock on lock_path (a separate small file, never the database itself).

    The database file is not used for this: closing any descriptor of it would drop the POSIX locks that open
    SQLite connections in this process hold on it.
    """
    try:
        fd = os.open(long_path(lock_path), os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise UserError(
            f"De map {lock_path.parent} kan niet worden beschreven: {exc.strerror}.",
            en=f"The folder {lock_path.parent} cannot be written: {exc.strerror}.",
        ) from exc
    try:
        _acquire(fd, lock_path, timeout)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)


def _windows() -> bool:
    return sys.platform == "win32"


def _acquire(fd: int, lock_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if _windows():
                msvcrt = importlib.import_module("msvcrt")
                # msvcrt.locking locks nbytes from the current file position: always byte 0, as _release unlocks
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # NBLCK: fail at once (LK_LOCK would retry for 10 s)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise UserError(
                    f"De bibliotheek in {lock_path.parent} wordt door een ander programma aangemaakt of hersteld; "
                    "probeer het zo opnieuw.",
                    en=f"Another program is creating or restoring the library in {lock_path.parent}; try again shortly.",
                ) from None
            time.sleep(0.02)


def _release(fd: int) -> None:
    with contextlib.suppress(OSError):
        if _windows():
            msvcrt = importlib.import_module("msvcrt")
            os.lseek(fd, 0, os.SEEK_SET)  # the same byte _acquire locked; closing the descriptor also frees it
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)
