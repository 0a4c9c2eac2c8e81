"""Exchanging two paths in one step, where the operating system offers it (Linux renameat2, macOS renamex_np).

Replacing several files so that no reader ever sees some old and some new needs one operation on their folder:
an exchange of the folder with a prepared one. Windows has no such call; there `exchange` is unavailable and
callers fall back to their own way.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # Linux, renameat2(2)
_RENAME_SWAP = 2  # macOS, renamex_np(2)


@cache
def _call() -> Any:
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        func = getattr(libc, "renameat2", None)  # glibc 2.28 and later
        if func is None:
            return None
        func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        return lambda a, b: func(_AT_FDCWD, a, _AT_FDCWD, b, _RENAME_EXCHANGE)
    if sys.platform == "darwin":
        name = ctypes.util.find_library("c")
        libc = ctypes.CDLL(name, use_errno=True)
        func = getattr(libc, "renamex_np", None)
        if func is None:
            return None
        func.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        return lambda a, b: func(a, b, _RENAME_SWAP)
    return None


def available() -> bool:
    """Whether this system has an exchange call at all (file systems may still refuse it)."""
    return _call() is not None


def exchange(a: Path, b: Path) -> None:
    """Swap what the paths a and b name, in one step; OSError when the system or file system cannot."""
    call = _call()
    if call is None:
        raise OSError(errno.ENOSYS, "no exchange call on this system")
    if call(os.fsencode(a), os.fsencode(b)) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a), None, str(b))
