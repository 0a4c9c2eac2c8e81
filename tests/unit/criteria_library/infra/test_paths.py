"""Where the data lives, and telling a network location from a local disk (issue 24 §1: SQLite's WAL mode cannot
work on a share)."""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

import pytest

from criteria_library.infra import paths

MOUNTINFO = """\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw
40 27 0:45 / /mnt/gemeente rw,relatime - cifs //fs01/inkoop rw,vers=3.0
41 40 8:2 / /mnt/gemeente/lokaal rw,relatime - ext4 /dev/sdb1 rw
42 27 0:46 / /srv/nfs\\040data rw,relatime - nfs4 fs02:/data rw
43 27 0:47 / /home/ina/share rw,relatime - fuse.sshfs ina@fs03: rw
"""


@pytest.mark.parametrize(("text", "unc"), [
    (r"\\fs01\inkoop\library.db", True), ("//fs01/inkoop/library.db", True), (r"\\?\UNC\fs01\inkoop\x.db", True),
    (r"\\?\C:\Users\ina\library.db", False), (r"\\.\pipe\x", False), (r"C:\Users\ina\library.db", False),
    ("/home/ina/library.db", False), ("///weird", False),
])
def test_unc_paths_are_told_from_local_and_long_paths(text: str, unc: bool) -> None:
    assert paths.is_unc(text) is unc


@pytest.mark.parametrize(("path", "found"), [
    ("/mnt/gemeente/Inkoop/library.db", "cifs"), ("/mnt/gemeente", "cifs"), ("/mnt/gemeente/lokaal/library.db", None),
    ("/mnt/gemeentehuis/library.db", None), ("/srv/nfs data/library.db", "nfs4"), ("/home/ina/share/x.db", "fuse.sshfs"),
    ("/home/ina/library.db", None),
])
def test_a_share_mounted_on_linux_is_found_in_mountinfo(path: str, found: str | None) -> None:
    assert paths._linux_network_fs(Path(path), MOUNTINFO) == found


def test_on_linux_the_mount_table_decides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if os.name == "nt":
        pytest.skip("the Linux branch")
    monkeypatch.setattr(paths, "_mountinfo", lambda: f"40 27 0:45 / {tmp_path} rw - cifs //fs01/inkoop rw\n")
    assert paths.network_location(tmp_path / "library.db") == "cifs"
    link = tmp_path.parent / f"{tmp_path.name}-link"
    monkeypatch.setattr(paths, "_mountinfo", lambda: f"40 27 0:45 / {tmp_path}/share rw - smb3 //fs01/x rw\n")
    (tmp_path / "share").mkdir()
    link.symlink_to(tmp_path / "share")
    try:
        assert paths.network_location(link / "library.db") == "smb3"  # a link into a share is on the share
    finally:
        link.unlink()
    assert paths.network_location(tmp_path / "library.db") is None


class _Kernel32:
    def __init__(self, types: dict[str, int]) -> None:
        self.types = types
        self.asked: list[str] = []

    def GetDriveTypeW(self, root: str) -> int:  # noqa: N802 - the Windows name
        self.asked.append(root)
        return self.types.get(root, 3)  # DRIVE_FIXED


def test_on_windows_a_mapped_network_drive_is_remote(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Windows branch, run on Linux: os.name and GetDriveTypeW are stand-ins."""
    kernel32 = _Kernel32({"H:\\": paths.DRIVE_REMOTE})
    monkeypatch.setattr(ctypes, "windll", type("WinDLL", (), {"kernel32": kernel32})(), raising=False)
    monkeypatch.setattr(paths.os, "name", "nt")
    monkeypatch.setattr(paths.os.path, "splitdrive", lambda p: (p[:2], p[2:]) if p[1:2] == ":" else ("", p))
    monkeypatch.setattr(paths.os.path, "abspath", lambda p: p)
    assert paths.network_location(r"H:\Inkoop\library.db") == "netwerkschijf"
    assert paths.network_location(r"C:\Users\ina\AppData\Local\MRA\TenderAssistant\library.db") is None
    assert kernel32.asked == ["H:\\", "C:\\"]
    assert paths.network_location(r"\\fs01\inkoop\library.db") == "UNC-pad"


DEEP = "\\".join(["Aanbestedingen 2027"] + [f"Map {i:02d} met een lange naam" for i in range(10)])  # 279 characters


@pytest.mark.parametrize(("given", "expected"), [
    ("C:\\Users\\ina\\library.db", "C:\\Users\\ina\\library.db"),  # short: as it is
    (f"C:\\{DEEP}\\library.db", f"\\\\?\\C:\\{DEEP}\\library.db"),
    (f"C:/{DEEP.replace(chr(92), '/')}/sub/../library.db", f"\\\\?\\C:\\{DEEP}\\library.db"),  # made literal first
    (f"\\\\fs01\\inkoop\\{DEEP}\\library.db", f"\\\\?\\UNC\\fs01\\inkoop\\{DEEP}\\library.db"),
    (f"\\\\?\\C:\\{DEEP}\\library.db", f"\\\\?\\C:\\{DEEP}\\library.db"),  # prefixed already
])
def test_on_windows_a_long_path_gets_the_long_path_prefix(monkeypatch: pytest.MonkeyPatch, given: str,
                                                           expected: str) -> None:
    monkeypatch.setattr(paths.os, "name", "nt")
    assert paths.long_path(given) == expected


def test_elsewhere_a_long_path_is_left_as_it_is(tmp_path: Path) -> None:
    if os.name == "nt":
        pytest.skip("the POSIX branch")
    deep = str(tmp_path / DEEP.replace("\\", "/") / "library.db")
    assert paths.long_path(deep) == deep


def test_the_files_the_app_writes_and_reads_itself_go_through_long_path(monkeypatch: pytest.MonkeyPatch,
                                                                         tmp_path: Path) -> None:
    """atomic_write (exports, backups, trust list), read_regular (every file read from outside), the lock file and
    the data folder: each hands the system the long form. Here the long form is the path itself, recorded."""
    from criteria_library.infra import files, locks

    asked: list[str] = []

    def record(path):
        asked.append(os.fspath(path))
        return os.fspath(path)

    for module in (files, locks, paths):
        monkeypatch.setattr(module, "long_path", record)
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "gegevens"))
    assert paths.data_dir() == tmp_path / "gegevens"
    target = tmp_path / "gegevens" / "uit.json"
    files.atomic_write(target, lambda tmp: tmp.write_text("{}", encoding="utf-8"))
    assert files.read_regular(target, 100, ("bestand", "file")) == b"{}"
    with locks.exclusive(tmp_path / ".lock"):
        pass
    assert str(tmp_path / "gegevens") in asked and str(target) in asked and str(tmp_path / ".lock") in asked
