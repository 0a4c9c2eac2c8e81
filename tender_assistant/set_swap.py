"""Writing a set of files into a folder as one: staged beside the targets, then swapped in, or nothing changes.

A document set is several files a buyer publishes together; a set where some files are new and others old is worse
than either. The files are first written into a hidden staging folder inside the target folder (same file system, so
the swap is a series of renames taking microseconds), and only a complete staging folder is swapped in. A rename
that fails puts back the files already swapped; a process killed during the swap leaves a staging folder marked ready,
and the next write into that folder (or `recover_sets`) finishes the swap, so the set is never left mixed.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import TenderError

STAGING_PREFIX = ".documentenset-"
READY = ".klaar"  # written after every file of the set is on disk: from then on the swap is finished, not undone
OLD = ".vorige"  # hard links to the files the swap replaces, to put them back when a rename fails


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


def recover_sets(outdir: Path) -> None:
    """Finish a swap that a killed process left half done; drop staging folders that never became ready."""
    for staging in sorted(outdir.glob(f"{STAGING_PREFIX}*")):
        if not staging.is_dir() or staging.is_symlink():
            continue
        if (staging / READY).is_file():
            for item in sorted(staging.iterdir()):
                if item.name not in (READY, OLD) and item.is_file():
                    os.replace(item, outdir / item.name)
            _fsync_dir(outdir)
        shutil.rmtree(staging, ignore_errors=True)


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


def write_set(outdir: Path, writers: dict[str, Callable[[Path], None]]) -> list[Path]:
    """Write each file (name -> writer filling that path) into outdir as one set: all new files, or the old set whole."""
    recover_sets(outdir)
    targets = [outdir / name for name in writers]
    refuse_unwritable(targets)
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=outdir))
    except OSError as exc:
        raise TenderError(f"Kan niet schrijven in {outdir}: {exc.strerror or exc}. Er is niets gewijzigd.",
                          en=f"Cannot write in {outdir}: {exc.strerror or exc}. Nothing was changed.") from None
    try:
        for name, write in writers.items():
            write(staging / name)
        (staging / OLD).mkdir()
        for target in targets:
            if target.exists():
                try:
                    os.link(target, staging / OLD / target.name)
                except OSError:  # a file system without hard links: a copy serves to put it back
                    shutil.copy2(target, staging / OLD / target.name)
        ready = staging / READY
        ready.write_bytes(b"")
        with open(ready, "rb+") as fh:
            os.fsync(fh.fileno())
        _fsync_dir(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        _swap(outdir, staging, targets)
    except Exception:  # the old set was put back; an interrupt instead leaves the ready folder for recover_sets
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    return targets


def _swap(outdir: Path, staging: Path, targets: list[Path]) -> None:
    done: list[Path] = []
    for target in targets:
        try:
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
                target.unlink()  # it was not there before the set was written
        except OSError:
            left.append(target)
    return left
