"""Where the app keeps its data: one folder per user, overridable for tests, demos and portable use."""

from __future__ import annotations

import ntpath
import os
import re
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "TenderAssistant"
APP_AUTHOR = "MRA"
HOME_ENV = "TENDER_ASSISTANT_HOME"


# Windows refuses longer paths (a folder: 248, MAX_PATH minus room for an 8.3 name) unless they carry \\?\ or the
# machine enables long paths, which managed laptops seldom do.
WINDOWS_PATH_LIMIT = 248
LONG_PREFIX = "\\\\?\\"


def long_path(path: Path | str) -> str:
    r"""The path to hand to open(), os.* and tempfile: on Windows a path past WINDOWS_PATH_LIMIT gets the \\?\
    prefix (\\?\UNC\ for a share), made absolute and normalised first since Windows then takes it literally;
    elsewhere, and for a short path, the path as it is. Messages keep showing the path without the prefix."""
    text = os.fspath(path)
    if os.name != "nt" or text.startswith((LONG_PREFIX, "\\\\.\\")):
        return text
    full = ntpath.normpath(text if ntpath.isabs(text) else ntpath.join(os.getcwd(), text))
    if len(full) < WINDOWS_PATH_LIMIT:
        return text
    if full.startswith("\\\\"):
        return LONG_PREFIX + "UNC\\" + full[2:]
    return LONG_PREFIX + full


def data_dir() -> Path:
    """The user's data folder (TENDER_ASSISTANT_HOME when set); created on first use."""
    override = os.environ.get(HOME_ENV)
    path = Path(override) if override else Path(user_data_dir(APP_NAME, APP_AUTHOR))
    os.makedirs(long_path(path), exist_ok=True)
    return path


def default_db_path() -> Path:
    """The library database used when no --db is given."""
    return data_dir() / "library.db"


def log_path() -> Path:
    """The log file that unexpected errors are written to."""
    return data_dir() / "tender-assistant.log"


def backups_dir(db_path: Path) -> Path:
    """Where backups of a library database are kept: beside it, in a 'backups' folder."""
    return db_path.parent / "backups"


# ------------------------------------------------------------------------------------------------ network locations
# File systems whose locking and shared memory SQLite's WAL mode cannot rely on (SMB/CIFS, NFS, and FUSE mounts of
# remote storage such as sshfs).
NETWORK_FILE_SYSTEMS = frozenset({"cifs", "smb3", "smbfs", "nfs", "nfs4", "ncpfs", "afs", "9p", "fuse.sshfs",
                                  "fuse.rclone", "davfs", "fuse.davfs2"})
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive


def network_location(path: Path | str) -> str | None:
    r"""What kind of network location path is on ('UNC-pad', 'netwerkschijf', or the file system, e.g. 'cifs'), or
    None for a local disk. Looks at the text (\\server\share, //server/share), on Windows the drive type and on
    Linux /proc/self/mountinfo; a location that cannot be told is taken as local."""
    text = str(path)
    if is_unc(text):
        return "UNC-pad"
    if os.name == "nt":
        drive = os.path.splitdrive(os.path.abspath(text))[0]
        if drive and _windows_drive_type(drive + "\\") == DRIVE_REMOTE:
            return "netwerkschijf"
        return None
    return _linux_network_fs(Path(os.path.realpath(text)), _mountinfo())  # a link into a share counts too


def is_unc(text: str) -> bool:
    r"""True for a UNC path (\\server\share, //server/share, \\?\UNC\server\share); a \\?\C:\ long path
    and a \\.\ device path are not."""
    if text[:8].upper() in ("\\\\?\\UNC\\", "//?/UNC/"):
        return True
    if text[:4] in ("\\\\?\\", "\\\\.\\", "//?/", "//./"):
        return False
    return len(text) > 2 and text[0] == text[1] and text[0] in "\\/" and text[2] not in "\\/"


def _windows_drive_type(root: str) -> int:
    r"""GetDriveTypeW of a drive root such as 'H:\' (0 when it cannot be asked)."""
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return 0
    try:
        return int(windll.kernel32.GetDriveTypeW(root))
    except (AttributeError, OSError):
        return 0


def _mountinfo() -> str:
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as fh:
            return fh.read()
    except OSError:
        return ""


def _unescape_mount(text: str) -> str:
    r"""mountinfo writes space, tab, newline and backslash in mount points as octal escapes (\040)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), text)


def _linux_network_fs(path: Path, mountinfo: str) -> str | None:
    """The network file system the longest matching mount point of mountinfo gives path, or None."""
    best, best_fs = "", ""
    for line in mountinfo.splitlines():
        fields, sep, rest = line.partition(" - ")
        parts = fields.split()
        if not sep or len(parts) < 5 or not rest.split():
            continue
        mount_point = _unescape_mount(parts[4])
        inside = str(path) == mount_point or str(path).startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_fs = mount_point, rest.split()[0]
    return best_fs if best_fs in NETWORK_FILE_SYSTEMS else None
