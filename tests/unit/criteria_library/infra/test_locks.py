"""The lock file that lets one process at a time create or restore a library; the Windows branch (msvcrt) runs here
against a stand-in msvcrt that behaves as Windows' byte-range locks do."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

from criteria_library.infra import locks
from criteria_library.infra.errors import UserError


class FakeMsvcrt(types.ModuleType):
    """msvcrt.locking as the C runtime's _locking: nbytes from the current file position; a byte another descriptor
    holds cannot be locked, and only a locked byte can be unlocked (both raise OSError as on Windows)."""

    LK_UNLCK, LK_LOCK, LK_NBLCK = 0, 1, 2

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: dict[tuple[int, int], int] = {}
        self.calls: list[tuple[int, int, int]] = []  # (mode, position, nbytes)

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        position = os.lseek(fd, 0, os.SEEK_CUR)
        self.calls.append((mode, position, nbytes))
        key = (os.fstat(fd).st_ino, position)
        if mode == self.LK_UNLCK:
            if self.held.get(key) != fd:
                raise PermissionError(13, "Permission denied")
            del self.held[key]
        elif self.held.setdefault(key, fd) != fd:
            raise PermissionError(13, "Permission denied")


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> FakeMsvcrt:
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(locks, "_windows", lambda: True)
    return fake


def test_on_windows_a_second_holder_waits_and_gets_a_clear_line(windows: FakeMsvcrt, tmp_path: Path) -> None:
    lock = tmp_path / ".library.db.lock"
    refused = pytest.raises(UserError, match="wordt door een ander programma aangemaakt of hersteld")
    with locks.exclusive(lock), refused, locks.exclusive(lock, timeout=0.1):
        pass
    assert windows.held == {}  # unlocked where it was locked
    with locks.exclusive(lock, timeout=0.1):  # free again
        pass
    assert {(position, nbytes) for _mode, position, nbytes in windows.calls} == {(0, 1)}


def test_on_windows_the_lock_and_unlock_are_at_byte_0_wherever_the_file_position_is(
        windows: FakeMsvcrt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Locked at the current position and unlocked at 0, a lock file opened at another position (a hand-written
    byte, O_APPEND) stayed locked after release and every later creation or restore waited, then failed."""
    real_open = os.open

    def open_elsewhere(path, flags, mode=0o777):
        fd = real_open(path, flags, mode)
        os.lseek(fd, 7, os.SEEK_SET)
        return fd

    monkeypatch.setattr(locks.os, "open", open_elsewhere)
    lock = tmp_path / ".library.db.lock"
    with locks.exclusive(lock):
        pass
    assert windows.held == {}
    with locks.exclusive(lock, timeout=0.1):
        pass
    assert all(position == 0 for _mode, position, _n in windows.calls)


def test_on_linux_flock_keeps_a_second_holder_out(tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("the POSIX branch")
    lock = tmp_path / ".library.db.lock"
    with locks.exclusive(lock), pytest.raises(UserError, match="ander programma"), locks.exclusive(lock, timeout=0.1):
        pass
    with locks.exclusive(lock, timeout=0.1):
        pass
