"""Writing a set of files into a folder as one: staged beside the targets, then swapped in, or nothing changes.

A document set is several files a buyer publishes together; a set where some files are new and others old is worse
than either. The files are first written into a hidden staging folder. Where the system can exchange two folders in
one step (Linux, macOS) and the target folder holds only files, the staging folder is made beside the target, given
hard links to the target's other files, and exchanged with it: a reader, or a process killed at any moment, sees the
old folder or the new one, never a mix. Otherwise (Windows, a folder with sub-folders, a file system that refuses)
the staging folder sits inside the target and its files are swapped in by renames: a rename that fails puts back the
files already swapped; a process killed during the swap leaves a staging folder marked ready, and the next write into
that folder (or `recover_sets`) finishes the swap.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from criteria_library.infra import dir_exchange

from .errors import TenderError

try:
    import fcntl
except ImportError:  # Windows: no exchange either, so the folder is never swapped whole there
    fcntl = None  # type: ignore[assignment]

STAGING_PREFIX = ".documentenset-"
READY = ".klaar"  # written after every file of the set is on disk: from then on the swap is finished, not undone
# (it lists the files of an earlier set that the new one drops, one per line, as the SWAPPED marker does)
OLD = ".vorige"  # hard links to the files the swap replaces, to put them back when a rename fails
SWAPPED = ".documentenset"  # names the staging folder exchanged with the target, so its leftover is recognised
MAX_OTHER_FILES = 500  # a folder holding more than the set (a whole Documents folder) is not exchanged whole


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _folder_prefix(real: Path) -> str:
    # Staging folders of a target sit in its parent: their name ties them to the target, however long its name is.
    return f"{STAGING_PREFIX}{hashlib.sha256(os.fsencode(real.name)).hexdigest()[:12]}-"


def _try_lock(folder: Path) -> int | None:
    """An open descriptor of folder holding an exclusive lock, or None when another process holds one."""
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


READY_AGE_S = 60.0  # a live swap is done milliseconds after READY: older ones were left by a killed process


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
        if not staging.is_dir() or staging.is_symlink():
            continue
        if unlocked_age is not None and not _older(staging / READY, unlocked_age):
            continue
        if (staging / READY).is_file():
            for item in sorted(staging.iterdir()):
                if item.name not in (READY, OLD) and item.is_file():
                    os.replace(item, outdir / item.name)
            for name in _dropped((staging / READY).read_text(encoding="utf-8")):
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
    lines = marker.read_text(encoding="utf-8").splitlines() if marker.is_file() else []
    swapped = lines[0] if lines else None
    for staging in sorted(real.parent.glob(f"{_folder_prefix(real)}*")):
        if not staging.is_dir() or staging.is_symlink():
            continue
        fd = _try_lock(staging)
        if fd is None:
            continue  # another process is writing this set right now
        try:
            if staging.name == swapped:
                _finish_exchange(real, staging, _dropped("\n".join(lines[1:])))  # killed before clearing up
            else:
                shutil.rmtree(staging, ignore_errors=True)  # never exchanged: the target is still the old set
        finally:
            _unlock(fd)
    marker.unlink(missing_ok=True)


def _dropped(text: str) -> list[str]:
    # only plain names of this folder: a hand-edited marker cannot make us remove anything elsewhere
    return [n for n in text.splitlines() if n and n not in (".", "..") and "/" not in n and "\\" not in n]


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


def write_set(outdir: Path, writers: dict[str, Callable[[Path], None]], drop: Sequence[str] = ()) -> list[Path]:
    """Write each file (name -> writer filling that path) into outdir as one set: all new files, or the old set whole.

    drop names files of an earlier set that the new set must not keep (PDFs of Word files it replaces); they go in
    the same step as the old files are replaced.
    """
    targets = [outdir / name for name in writers]
    drop = [name for name in drop if name not in writers]
    with _only_writer(outdir):
        _recover(outdir)
        refuse_unwritable([*targets, *(outdir / name for name in drop)])
        real = outdir.resolve()
        staging = _whole_folder_staging(real, len(writers))
        whole = staging is not None
        if staging is None:
            staging = _make_staging(outdir)
        lock = _try_lock(staging) if whole else None  # so recovery elsewhere knows this staging folder is in use
        fd = -1 if lock is None else lock
        try:
            try:
                for name, write in writers.items():
                    write(staging / name)
                for name in writers:
                    _fsync_file(staging / name)
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


def _make_staging(outdir: Path) -> Path:
    try:
        return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=outdir))
    except OSError as exc:
        raise TenderError(f"Kan niet schrijven in {outdir}: {exc.strerror or exc}. Er is niets gewijzigd.",
                          en=f"Cannot write in {outdir}: {exc.strerror or exc}. Nothing was changed.") from None


def _whole_folder_staging(real: Path, set_size: int) -> Path | None:
    """A staging folder beside real when real can be exchanged with it whole; None to swap file by file."""
    if fcntl is None or not dir_exchange.available() or real.parent == real:
        return None
    try:
        if os.path.ismount(real) or not real.stat().st_mode & stat.S_IWUSR:
            return None  # a mount point cannot be exchanged; a folder marked read-only stays as it is
        if _someones_working_folder(real):
            return None  # a terminal inside it would be left in the old, removed folder
        entries = list(os.scandir(real))
        if len(entries) > set_size + MAX_OTHER_FILES:
            return None
        if not all(e.is_symlink() or e.is_file(follow_symlinks=False) for e in entries):
            return None  # sub-folders would be missing for a moment: swap file by file instead
        return Path(tempfile.mkdtemp(prefix=_folder_prefix(real), dir=real.parent))
    except OSError:  # the parent is not ours to write in, or the folder cannot be read: swap file by file
        return None


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
    names = {p.name for p in staging.iterdir()} | set(drop)
    (staging / SWAPPED).write_text("\n".join([staging.name, *drop]), encoding="utf-8")
    linked: list[Path] = []
    for entry in os.scandir(real):
        if entry.name in names or entry.name == SWAPPED:
            continue
        try:  # the folder's other files, so they are there at every moment; the rest is moved after the exchange
            os.link(entry.path, staging / entry.name, follow_symlinks=False)
            linked.append(staging / entry.name)
        except OSError:
            pass
    try:
        before = real.stat()
        os.chmod(staging, stat.S_IMODE(before.st_mode))
        if before.st_uid != os.stat(staging).st_uid:  # an administrator writing into a user's folder
            with contextlib.suppress(OSError):
                os.chown(staging, before.st_uid, before.st_gid)
        _fsync_file(staging / SWAPPED)
        _fsync_dir(staging)
        dir_exchange.exchange(staging, real)
    except OSError:
        for extra in [*linked, staging / SWAPPED]:
            extra.unlink(missing_ok=True)
        return False
    _fsync_dir(real.parent)
    _finish_exchange(real, staging, drop)
    return True


def _finish_exchange(real: Path, old: Path, drop: Sequence[str]) -> None:
    """After the exchange: files only the old folder has (not linked, or made meanwhile) go back; the rest goes."""
    for entry in sorted(old.iterdir()):
        if entry.name == SWAPPED or entry.name in drop or os.path.lexists(real / entry.name):
            continue
        try:
            os.rename(entry, real / entry.name)
        except OSError:
            continue  # stays in the hidden leftover folder rather than being removed with it
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
                try:
                    os.link(target, staging / OLD / target.name)
                except OSError:  # a file system without hard links: a copy serves to put it back
                    shutil.copy2(target, staging / OLD / target.name)
        ready = staging / READY
        ready.write_text("\n".join(p.name for p in drop), encoding="utf-8")
        _fsync_file(ready)
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
