"""Writing files so that a crash, a full disk or a cancel never leaves half a file behind."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import UserError
from .paths import long_path

# Dutch for what the system says most often when a file cannot be written or read (strerror is English).
_REASONS = {
    errno.ENAMETOOLONG: ("de naam is te lang voor het bestandssysteem; kies een kortere naam",
                         "the name is too long for the file system; choose a shorter name"),
    errno.EACCES: ("geen toegang", "permission denied"),
    errno.EPERM: ("geen toegang", "permission denied"),
    errno.EROFS: ("de schijf is alleen-lezen", "the disk is read-only"),
    errno.ENOSPC: ("de schijf is vol", "the disk is full"),
}


def os_reason(exc: OSError) -> tuple[str, str]:
    """Why a file operation failed, in Dutch and English, for a user message."""
    fallback = str(exc.strerror or exc)
    return _REASONS.get(exc.errno or 0, (fallback, fallback))


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


def fsync(path: Path) -> None:
    """Flush a file (or folder) to disk; for an SQLite file only when no connection of this process has it open."""
    fd = os.open(path, os.O_RDONLY if path.is_dir() else os.O_RDWR)  # Windows flushes only writable handles
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path | str, write: Callable[[Path], Any], *, error: type[UserError] = UserError,
                 private: bool = False) -> None:
    """Let write() fill a temporary file in the same folder, flush it to disk, then rename it over path.

    The file gets the permissions a normally created file gets under the user's umask (mkstemp alone would leave
    0600, so a release or export meant for others could not be read by them); `private` keeps it to its owner (a
    private key). Problems the user can fix (missing or read-only folder, full disk) raise `error` with a Dutch
    message; anything write() raises (such as a cancel) removes the temporary file and passes through.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not os.path.isdir(long_path(folder)):
        raise error(f"De map {folder} bestaat niet.", en=f"The folder {folder} does not exist.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=long_path(folder))
    except OSError as exc:
        nl, en = os_reason(exc)
        raise error(f"Kan niet schrijven in {folder}: {nl}. Er is niets gewijzigd.",
                    en=f"Cannot write in {folder}: {en}. Nothing was changed.") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, 0o600 if private else 0o666 & ~current_umask())
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, long_path(path))
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        nl, en = os_reason(exc)
        raise error(f"Kan {path.name} niet schrijven: {nl}. Er is niets gewijzigd.",
                    en=f"Cannot write {path.name}: {en}. Nothing was changed.") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_regular(path: Path | str, limit: int, kind: tuple[str, str], *, error: type[UserError] = UserError) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, refused before reading when it is anything else.

    A FIFO never ends, /dev/zero fills memory, a folder cannot be read: each is refused with a clear line naming
    `kind` (Dutch, English: "aanbestedingsbestand", "tender file"). The file is read with the bound even when it grows
    after the size was looked at.
    """
    path = Path(path)
    too_big = require_regular(path, limit, kind, error=error)
    try:
        with open(long_path(path), "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        nl, en = os_reason(exc)
        raise error(f"{path} kan niet worden gelezen: {nl}.", en=f"{path} cannot be read: {en}.") from None
    if len(data) > limit:  # it grew while we looked
        raise error(too_big[0], en=too_big[1])
    return data


def require_regular(path: Path, limit: int, kind: tuple[str, str], *, error: type[UserError] = UserError
                    ) -> tuple[str, str]:
    """Refuse a path that is missing, a folder, not a regular file or larger than `limit` (see read_regular);
    returns the (Dutch, English) line for a file that turns out too large while it is read."""
    kind_nl, kind_en = kind
    try:
        st = os.stat(long_path(path))
    except FileNotFoundError:
        raise error(f"Het bestand {path} bestaat niet.", en=f"The file {path} does not exist.") from None
    except OSError as exc:
        nl, en = os_reason(exc)
        raise error(f"{path} kan niet worden gelezen: {nl}.", en=f"{path} cannot be read: {en}.") from None
    if stat.S_ISDIR(st.st_mode):
        raise error(f"{path} is een map, geen {kind_nl}.", en=f"{path} is a folder, not a {kind_en}.")
    if not stat.S_ISREG(st.st_mode):
        raise error(f"{path} is geen gewoon bestand (maar bijvoorbeeld een apparaat of een pijp); kies een {kind_nl}.",
                    en=f"{path} is not a regular file (but a device or a pipe, for example); choose a {kind_en}.")
    too_big = (f"{path.name} is groter dan {_size_text(limit)}; dat is geen {kind_nl}.",
               f"{path.name} is larger than {_size_text(limit)}; that is not a {kind_en}.")
    if st.st_size > limit:
        raise error(too_big[0], en=too_big[1])
    return too_big


def _size_text(limit: int) -> str:
    if limit >= 2**20:
        return f"{limit // 2**20} MB"
    return f"{limit // 2**10} kB" if limit >= 2**10 else f"{limit} bytes"
