"""Writing a set of files into a folder as one: staged beside the targets, then swapped in, or nothing changes.

A document set is several files a buyer publishes together; a set where some files are new and others old is worse
than either. The files are first written into a hidden staging folder, and only a complete one replaces the old set.
- Where the system can exchange two folders in one step (Linux, macOS) and the target is a plain folder of the set
  alone (only the set's files, ours, no extended attributes, no set-group or sticky bit: the folder of its own the
  app proposes per tender), the staging folder is made beside the target and exchanged with it: a reader, or a
  process killed at any moment, sees the old set or the new one, never a mix. A file made in the folder during that
  moment is moved back.
- Otherwise (Windows, a folder that also holds the buyer's own files or sub-folders, a shared folder, a file system
  that refuses) the staging folder sits inside the target and its files replace the old ones by renames: a rename
  that fails puts back the files already replaced; a process killed during the renames leaves a staging folder
  marked ready, which the next write into that folder, or `recover_sets` (the app at start for the folders sets were
  written into), finishes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from criteria_library.infra import dir_exchange
from criteria_library.infra.files import fsync

from .errors import TenderError

try:
    import fcntl
except ImportError:  # Windows: no exchange either, so the folder is never swapped whole there
    fcntl = None  # type: ignore[assignment]

STAGING_PREFIX = ".documentenset-"  # a staging folder inside the target, swapped in file by file
FOLDER_PREFIX = ".documentenmap-"  # a staging folder beside the target, exchanged with it whole
READY = ".klaar"  # written after every file of the set is on disk: from then on the swap is finished, not undone
OLD = ".vorige"  # hard links to the files the swap replaces, to put them back when a rename fails
SWAPPED = ".documentenset"  # names the staging folder exchanged with the target, so its leftover is recognised
# READY and SWAPPED list the set's files ("+name") and the earlier files the new set drops ("-name"), one per line.
READY_AGE_S = 60.0  # a live swap is done milliseconds after READY: older ones were left by a killed process


def link_or_copy(source: Path, target: Path) -> None:
    """A second name for source at target (a hard link), or a copy on a file system without hard links."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _fsync_dir(folder: Path) -> None:
    # a folder cannot be opened to flush on Windows (nor on some network file systems): the renames still stand
    with contextlib.suppress(OSError):
        fsync(folder)


def _folder_prefix(real: Path) -> str:
    # Staging folders of a target sit in its parent: their name ties them to the target, however long its name is.
    return f"{FOLDER_PREFIX}{hashlib.sha256(os.fsencode(real.name)).hexdigest()[:12]}-"


def _manifest(first: str, names: Sequence[str], drop: Sequence[str]) -> str:
    return "\n".join([first, *(f"+{n}" for n in names), *(f"-{n}" for n in drop)])


def _identity(folder: Path) -> str:
    """Which folder a staging folder inside it was made for: a copied or moved folder no longer matches."""
    st = folder.stat()
    return f"{st.st_dev}:{st.st_ino}"


def _ours(staging: Path) -> bool:
    """Whether staging was made by this user (a colleague sharing the folder cannot plant one for us to act on)."""
    try:
        return not hasattr(os, "geteuid") or staging.stat().st_uid == os.geteuid()
    except OSError:
        return False


def _listed(text: str, sign: str) -> list[str]:
    # only plain names of this folder: a hand-edited marker cannot make us touch anything elsewhere
    names = [line[1:] for line in text.splitlines() if line.startswith(sign)]
    return [n for n in names if n and n not in (".", "..") and "/" not in n and "\\" not in n]


def _try_lock(folder: Path) -> int | None:
    """An open descriptor of folder holding an exclusive lock, None when another process holds one, -1 without locks."""
    if fcntl is None:
        return -1
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return -1  # a folder that cannot be opened cannot be locked either: go on without
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _unlock(fd: int) -> None:
    if fd >= 0:
        os.close(fd)  # closing the descriptor releases its lock


def recover_sets(outdir: Path) -> None:
    """Finish what a killed export left in outdir, unless an export into it is running now (the app calls this at start
    for the folders it wrote sets into, and when it shows one). Never raises: what cannot be done waits for the next."""
    try:
        fd = _try_lock(outdir)
        if fd is None:
            return  # an export into this folder is running: it recovers first itself
        try:
            # Without a lock (Windows) a staging folder may be a running export's: only finish old, ready ones.
            _recover(outdir, unlocked_age=None if fd >= 0 else READY_AGE_S)
        finally:
            _unlock(fd)
    except OSError:
        pass


def _recover(outdir: Path, unlocked_age: float | None = None) -> None:
    """Finish a swap that a killed process left half done; drop staging folders that never became ready."""
    for staging in sorted(outdir.glob(f"{STAGING_PREFIX}*")):
        if not staging.is_dir() or staging.is_symlink() or not _ours(staging):
            continue
        if unlocked_age is not None and not _older(staging / READY, unlocked_age):
            continue
        if (staging / READY).is_file():
            manifest = (staging / READY).read_text(encoding="utf-8")
            if manifest.split("\n", 1)[0] != _identity(outdir):
                continue  # made for another folder (this one is a copy) or by hand: not ours to finish
            for name in _listed(manifest, "+"):
                if (staging / name).is_file():
                    os.replace(staging / name, outdir / name)
            for name in _listed(manifest, "-"):
                (outdir / name).unlink(missing_ok=True)
            _fsync_dir(outdir)
        shutil.rmtree(staging, ignore_errors=True)
    if unlocked_age is None:
        _recover_exchange(outdir.resolve())


def _older(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime > seconds
    except OSError:
        return False


def _recover_exchange(real: Path) -> None:
    marker = real / SWAPPED
    manifest = marker.read_text(encoding="utf-8") if marker.is_file() else ""
    swapped = manifest.splitlines()[0] if manifest else None
    for staging in sorted(real.parent.glob(f"{_folder_prefix(real)}*")):
        if not staging.is_dir() or staging.is_symlink() or not _ours(staging):
            continue
        fd = _try_lock(staging)
        if fd is None:
            continue  # another process is writing this set right now
        try:
            if staging.name == swapped:
                _finish_exchange(real, staging, _listed(manifest, "-"))  # killed before clearing up
            else:
                _drop_unexchanged(staging)
        finally:
            _unlock(fd)
    marker.unlink(missing_ok=True)


def _drop_unexchanged(staging: Path) -> None:
    """Remove a staging folder that never replaced its target; keep a leftover that is not plainly ours."""
    if (staging / SWAPPED).is_file():  # still our marker: the new set as written, never exchanged
        shutil.rmtree(staging, ignore_errors=True)
        return
    with contextlib.suppress(OSError):
        # empty (killed before the marker), or an old folder whose files could not all be moved back: kept
        staging.rmdir()


def refuse_unwritable(paths: Sequence[Path]) -> None:
    """TenderError naming the files of the set that exist and cannot be replaced (read-only, or not a plain file)."""
    stuck = [p for p in paths if (p.exists() or p.is_symlink()) and not _replaceable(p)]
    if not stuck:
        return
    names = ", ".join(p.name for p in stuck)
    raise TenderError(f"{names} kan niet worden vervangen (alleen-lezen, in gebruik of geen gewoon bestand). "
                      "Sluit het bestand of kies een andere map. Er is niets gewijzigd.",
                      en=f"{names} cannot be replaced (read-only, in use or not a plain file). "
                      "Close the file or choose another folder. Nothing was changed.")


def _replaceable(path: Path) -> bool:
    # The read-only mark counts even for an administrator: whoever set it meant the file to stay as it is.
    if path.is_symlink() or not path.is_file():
        return False
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & stat.S_IWUSR)


def _refuse_read_only_folder(outdir: Path) -> None:
    with contextlib.suppress(OSError):
        if not outdir.stat().st_mode & stat.S_IWUSR:  # as for a file: even an administrator leaves it as it is
            raise TenderError(f"De map {outdir} is alleen-lezen. Kies een andere map of maak de map beschrijfbaar. "
                              "Er is niets gewijzigd.",
                              en=f"The folder {outdir} is read-only. Choose another folder or make it writable. "
                              "Nothing was changed.")


@contextlib.contextmanager
def _only_writer(outdir: Path) -> Iterator[None]:
    fd = _try_lock(outdir)
    if fd is None:
        raise TenderError(f"Er wordt al een documentenset in {outdir} geschreven (door een ander venster of "
                          "programma). Wacht tot dat klaar is. Er is niets gewijzigd.",
                          en=f"A document set is already being written into {outdir} (by another window or "
                          "program). Wait until it is done. Nothing was changed.")
    try:
        yield
    finally:
        _unlock(fd)


def write_set(outdir: Path, writers: dict[str, Callable[[Path], None]], drop: Sequence[str] = (),
              known: Iterable[str] = ()) -> list[Path]:
    """Write each file (name -> writer filling that path) into outdir as one set: all new files, or the old set whole.

    drop names files of an earlier set that the new set must not keep; they go in the same step as the old files
    are replaced. known names other files such sets leave in their folder (a folder holding nothing else may be
    exchanged whole).
    """
    targets = [outdir / name for name in writers]
    drop = [name for name in drop if name not in writers]
    with _only_writer(outdir):
        _recover(outdir)
        _refuse_read_only_folder(outdir)
        refuse_unwritable([*targets, *(outdir / name for name in drop)])
        real = outdir.resolve()
        staging = _whole_folder_staging(real, {*writers, *drop, *known})
        whole = staging is not None
        if staging is None:
            staging = _make_staging(outdir)
        lock = _try_lock(staging) if whole else None  # so recovery elsewhere knows this staging folder is in use
        fd = -1 if lock is None else lock
        try:
            try:
                if whole:  # listed before anything is written, so a leftover's files are known to be ours
                    (staging / SWAPPED).write_text(_manifest(staging.name, list(writers), drop), encoding="utf-8")
                for name, write in writers.items():
                    write(staging / name)
                for name in writers:
                    _keep_mode(outdir / name, staging / name)
                    fsync(staging / name)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
            if whole:
                if _exchange(real, staging, drop):
                    return targets
                staging = _moved_inside(outdir, staging, list(writers))
            _swap_files(outdir, staging, targets, [outdir / name for name in drop])
        finally:
            _unlock(fd)
    return targets


def _keep_mode(target: Path, staged: Path) -> None:
    # A file the set replaces keeps its permissions (a team folder's group-writable 664 stays 664); a new file gets
    # the user's umask, as any file the app writes.
    with contextlib.suppress(OSError):
        if target.is_file() and not target.is_symlink():
            os.chmod(staged, stat.S_IMODE(target.stat().st_mode))


def _make_staging(outdir: Path) -> Path:
    try:
        return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=outdir))
    except OSError as exc:
        raise TenderError(f"Kan niet schrijven in {outdir}: {exc.strerror or exc}. Er is niets gewijzigd.",
                          en=f"Cannot write in {outdir}: {exc.strerror or exc}. Nothing was changed.") from None


def _whole_folder_staging(real: Path, set_names: set[str]) -> Path | None:
    """A staging folder beside real when real can be exchanged with it whole; None to swap file by file.

    Only a plain folder of the set alone qualifies: exchanging gives the target the staging folder's identity, so a
    folder holding anything else (the buyer's own files, sub-folders), shared (set-group, sticky, another owner),
    carrying extended attributes or ACLs, or someone's working folder, keeps its identity and is swapped file by file.
    """
    if fcntl is None or not dir_exchange.available() or real.parent == real:
        return None
    try:
        st = real.stat()
        if os.path.ismount(real) or st.st_uid != os.geteuid() or st.st_mode & (stat.S_ISGID | stat.S_ISVTX):
            return None
        if hasattr(os, "listxattr") and os.listxattr(real):
            return None
        with os.scandir(real) as entries:
            if any(e.name not in set_names or not e.is_file(follow_symlinks=False) for e in entries):
                return None
        if _someones_working_folder(real):
            return None  # a terminal inside it would be left in the old, removed folder
        staging = Path(tempfile.mkdtemp(prefix=_folder_prefix(real), dir=real.parent))
    except OSError:  # the parent is not ours to write in, or the folder cannot be read: swap file by file
        return None
    if os.stat(staging).st_gid != st.st_gid:  # the set's files take the folder's group, as they would inside it
        with contextlib.suppress(OSError):
            os.chown(staging, -1, st.st_gid)
    return staging


def _someones_working_folder(real: Path) -> bool:
    """Whether this or another process we can see (Linux /proc) has real, or a folder inside it, as its working folder."""
    inside = (str(real), str(real) + os.sep)
    if os.getcwd() == inside[0] or os.getcwd().startswith(inside[1]):
        return True
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return False
    for pid in pids:
        try:
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue  # gone, or not ours to see
        if cwd == inside[0] or cwd.startswith(inside[1]):
            return True
    return False


def _exchange(real: Path, staging: Path, drop: Sequence[str]) -> bool:
    """Exchange staging, holding the new set, with real; False (staging as it was) when the file system refuses."""
    try:
        os.chmod(staging, stat.S_IMODE(real.stat().st_mode))
        fsync(staging / SWAPPED)
        _fsync_dir(staging)
        dir_exchange.exchange(staging, real)
    except OSError:
        return False
    _fsync_dir(real.parent)
    _finish_exchange(real, staging, drop)
    return True


def _finish_exchange(real: Path, old: Path, drop: Sequence[str]) -> None:
    """After the exchange: files only the old folder has (made there meanwhile) go back; the old set goes."""
    for entry in sorted(old.iterdir()):
        if entry.name == SWAPPED or entry.name in drop or os.path.lexists(real / entry.name):
            continue
        try:
            os.rename(entry, real / entry.name)
        except OSError:
            continue  # stays in the hidden leftover folder, which is then kept rather than removed
    (real / SWAPPED).unlink(missing_ok=True)
    _fsync_dir(real)
    if not any(not os.path.lexists(real / e.name) and e.name not in (SWAPPED, *drop) for e in old.iterdir()):
        shutil.rmtree(old, ignore_errors=True)
    _fsync_dir(real.parent)


def _moved_inside(outdir: Path, staging: Path, names: list[str]) -> Path:
    """The staged files moved into a staging folder inside outdir, to be swapped in file by file."""
    inside = _make_staging(outdir)
    try:
        for name in names:
            shutil.move(staging / name, inside / name)
    except BaseException:
        shutil.rmtree(inside, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return inside


def _swap_files(outdir: Path, staging: Path, targets: list[Path], drop: list[Path]) -> None:
    try:
        (staging / OLD).mkdir()
        for target in [*targets, *drop]:
            if target.exists():
                link_or_copy(target, staging / OLD / target.name)  # to put it back when a rename fails
        ready = staging / READY
        ready.write_text(_manifest(_identity(outdir), [t.name for t in targets], [p.name for p in drop]),
                         encoding="utf-8")
        fsync(ready)
        _fsync_dir(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        _swap(outdir, staging, targets, drop)
    except Exception:  # the old set was put back; an interrupt instead leaves the ready folder for recover_sets
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)


def _swap(outdir: Path, staging: Path, targets: list[Path], drop: Sequence[Path] = ()) -> None:
    done: list[Path] = []
    for target in [*targets, *drop]:
        try:
            if target in drop:
                target.unlink(missing_ok=True)
            else:
                os.replace(staging / target.name, target)
        except OSError as exc:
            (staging / READY).unlink(missing_ok=True)  # not to be finished later: the old set comes back now
            left = _put_back(staging, done)
            _fsync_dir(outdir)
            reason = exc.strerror or str(exc)
            if left:
                names = ", ".join(p.name for p in left)
                raise TenderError(f"Kan {target.name} niet vervangen: {reason}. De set is onvolledig vervangen: "
                                  f"{names} zijn nieuw, de andere bestanden zijn de vorige versie.",
                                  en=f"Cannot replace {target.name}: {reason}. The set was partly replaced: "
                                  f"{names} are new, the other files are the previous version.") from None
            raise TenderError(f"Kan {target.name} niet vervangen: {reason}. De vorige set staat er nog "
                              "volledig; er is niets gewijzigd.",
                              en=f"Cannot replace {target.name}: {reason}. The previous set is still complete; "
                              "nothing was changed.") from None
        done.append(target)
    _fsync_dir(outdir)


def _put_back(staging: Path, swapped: list[Path]) -> list[Path]:
    """Put the previous files back over the ones already swapped; the targets that could not be put back."""
    left: list[Path] = []
    for target in swapped:
        old = staging / OLD / target.name
        try:
            if old.exists():
                os.replace(old, target)
            else:
                target.unlink(missing_ok=True)  # it was not there before the set was written
        except OSError:
            left.append(target)
    return left
