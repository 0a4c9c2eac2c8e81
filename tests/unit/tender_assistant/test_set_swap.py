"""A set of files is swapped in whole: a file that cannot be replaced or a crash never leaves a mixed set.

Where the folder can be exchanged whole (Linux, macOS, a folder of plain files) that is one step; the tests that
take a fixture `file_by_file` run the way Windows (or a folder with sub-folders) swaps: file by file.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tender_assistant import set_swap
from tender_assistant.errors import TenderError
from tender_assistant.set_swap import STAGING_PREFIX, recover_sets, write_set

NAMES = ("a.docx", "b.docx", "c.xlsx", "d.xlsx")


@pytest.fixture
def file_by_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Swap as on Windows, where no call exchanges two folders in one step."""
    monkeypatch.setattr(set_swap.dir_exchange, "available", lambda: False)


def _writers(tag: str) -> dict:
    return {name: (lambda out, name=name: out.write_text(f"{tag} {name}")) for name in NAMES}


def _contents(folder: Path) -> dict[str, str]:
    return {p.name: "<map>" if p.is_dir() else p.read_text() for p in sorted(folder.iterdir())}


def _refuse_replacing(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Renames onto `name` are refused, as when Excel holds that workbook open on a share."""
    real_replace = os.replace

    def locked(src: object, dst: object) -> None:
        if Path(str(dst)).name == name:
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(set_swap.os, "replace", locked)


def _old_set(folder: Path) -> dict[str, str]:
    write_set(folder, _writers("oud"))
    return _contents(folder)


def test_a_set_is_written_and_no_staging_folder_stays(tmp_path: Path) -> None:
    write_set(tmp_path, _writers("nieuw"))
    assert _contents(tmp_path) == {name: f"nieuw {name}" for name in NAMES}


def test_a_read_only_file_of_the_set_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    old = _old_set(tmp_path)
    (tmp_path / "c.xlsx").chmod(0o444)  # a workbook someone marked read-only (or has open on a share)
    with pytest.raises(TenderError) as caught:
        write_set(tmp_path, _writers("nieuw"))
    assert "c.xlsx" in caught.value.message and "Er is niets gewijzigd" in caught.value.message
    assert _contents(tmp_path) == old


def test_a_file_that_cannot_be_replaced_halfway_puts_the_old_set_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      file_by_file: None) -> None:
    old = _old_set(tmp_path)
    _refuse_replacing(monkeypatch, "c.xlsx")
    with pytest.raises(TenderError) as caught:
        write_set(tmp_path, _writers("nieuw"))
    assert "c.xlsx" in caught.value.message and "vorige set staat er nog volledig" in caught.value.message
    assert _contents(tmp_path) == old  # a.docx and b.docx, already swapped, are the old ones again


def test_a_new_file_of_a_set_that_fails_is_removed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         file_by_file: None) -> None:
    _refuse_replacing(monkeypatch, "d.xlsx")
    with pytest.raises(TenderError):
        write_set(tmp_path, _writers("nieuw"))
    assert list(tmp_path.iterdir()) == []


def test_a_writer_that_fails_changes_nothing(tmp_path: Path) -> None:
    old = _old_set(tmp_path)
    writers = _writers("nieuw")

    def broken(out: Path) -> None:
        raise TenderError("kapot", en="broken")

    writers["d.xlsx"] = broken
    with pytest.raises(TenderError):
        write_set(tmp_path, writers)
    assert _contents(tmp_path) == old


def test_a_swap_killed_halfway_is_finished_by_the_next_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             file_by_file: None) -> None:
    _old_set(tmp_path)
    _half_swapped(tmp_path, monkeypatch)
    assert any(p.name.startswith(STAGING_PREFIX) for p in tmp_path.iterdir())
    recover_sets(tmp_path)
    assert _contents(tmp_path) == {name: f"nieuw {name}" for name in NAMES}


def _staged(folder: Path) -> tuple[Path, list[Path]]:
    """A staging folder as write_set leaves it just before the swap (ready, old files linked)."""
    staging = folder / f"{STAGING_PREFIX}test"
    (staging / set_swap.OLD).mkdir(parents=True)
    for name, write in _writers("nieuw").items():
        write(staging / name)
        os.link(folder / name, staging / set_swap.OLD / name)
    (staging / set_swap.READY).write_bytes(b"")
    return staging, [folder / name for name in NAMES]


def test_a_staging_folder_that_never_became_ready_is_dropped(tmp_path: Path) -> None:
    old = _old_set(tmp_path)
    staging = tmp_path / f"{STAGING_PREFIX}half"
    staging.mkdir()
    (staging / "a.docx").write_text("half geschreven")
    recover_sets(tmp_path)
    assert _contents(tmp_path) == old and not staging.exists()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of its own for the set, holding the old set and a note of the buyer's (and a link to it)."""
    out = tmp_path / "Aanbesteding kleding"
    out.mkdir()
    write_set(out, _writers("oud"))
    (out / "aantekeningen.txt").write_text("mijn notities")
    (out / "snelkoppeling").symlink_to("aantekeningen.txt")
    return out


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in [*folder.iterdir(), *folder.parent.iterdir()] if p.name.startswith(".documentenset")]


def _exchange_works() -> bool:
    """Whether this system and the file system of the temporary folder exchange two folders in one step."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp, "a"), Path(tmp, "b")
        a.mkdir()
        b.mkdir()
        try:
            set_swap.dir_exchange.exchange(a, b)
        except OSError:
            return False
    return True


needs_exchange = pytest.mark.skipif(not _exchange_works(), reason="no folder exchange on this system")


@needs_exchange
def test_a_folder_of_plain_files_is_exchanged_whole_and_keeps_the_buyers_own_files(folder: Path) -> None:
    note = (folder / "aantekeningen.txt").stat()
    before = folder.stat().st_ino
    write_set(folder, _writers("nieuw"))
    assert folder.stat().st_ino != before  # one step for the whole folder, not seven renames
    assert _contents(folder) == {**{name: f"nieuw {name}" for name in NAMES},
                                 "aantekeningen.txt": "mijn notities", "snelkoppeling": "mijn notities"}
    assert (folder / "aantekeningen.txt").stat().st_ino == note.st_ino  # the same file, not a copy
    assert os.readlink(folder / "snelkoppeling") == "aantekeningen.txt"
    assert _leftovers(folder) == []


@needs_exchange
def test_the_folder_keeps_its_permissions(folder: Path) -> None:
    folder.chmod(0o750)
    write_set(folder, _writers("nieuw"))
    assert folder.stat().st_mode & 0o777 == 0o750


@needs_exchange
def test_killed_before_the_exchange_the_old_set_stays_and_the_next_write_clears_up(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = _contents(folder)

    class Killed(BaseException):
        pass

    def dies(a: Path, b: Path) -> None:
        raise Killed

    monkeypatch.setattr(set_swap.dir_exchange, "exchange", dies)
    with pytest.raises(Killed):
        write_set(folder, _writers("nieuw"))
    assert _contents(folder) == old
    monkeypatch.undo()
    recover_sets(folder)
    assert _contents(folder) == old and _leftovers(folder) == []


@needs_exchange
def test_killed_after_the_exchange_the_new_set_is_whole_and_recovery_keeps_every_file(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_exchange = set_swap.dir_exchange.exchange

    class Killed(BaseException):
        pass

    def exchange_then_die(a: Path, b: Path) -> None:
        (b / "nieuw-tijdens.txt").write_text("gemaakt terwijl de set werd geschreven")  # not linked: in the old folder
        real_exchange(a, b)
        raise Killed

    monkeypatch.setattr(set_swap.dir_exchange, "exchange", exchange_then_die)
    with pytest.raises(Killed):
        write_set(folder, _writers("nieuw"))
    new_set = {name: f"nieuw {name}" for name in NAMES}
    assert {n: t for n, t in _contents(folder).items() if n in NAMES} == new_set
    monkeypatch.undo()
    recover_sets(folder)
    assert _contents(folder) == {**new_set, "aantekeningen.txt": "mijn notities", "snelkoppeling": "mijn notities",
                                 "nieuw-tijdens.txt": "gemaakt terwijl de set werd geschreven"}
    assert _leftovers(folder) == []


@needs_exchange
def test_a_file_system_that_refuses_the_exchange_gets_the_set_file_by_file(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(a: Path, b: Path) -> None:
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(set_swap.dir_exchange, "exchange", refused)
    before = folder.stat().st_ino
    write_set(folder, _writers("nieuw"))
    assert folder.stat().st_ino == before
    assert {n: t for n, t in _contents(folder).items() if n in NAMES} == {name: f"nieuw {name}" for name in NAMES}
    assert "aantekeningen.txt" in _contents(folder) and _leftovers(folder) == []


def test_a_folder_with_sub_folders_is_not_exchanged(folder: Path) -> None:
    (folder / "bijlagen").mkdir()
    (folder / "bijlagen" / "tekening.pdf").write_text("tekening")
    before = folder.stat().st_ino
    write_set(folder, _writers("nieuw"))
    assert folder.stat().st_ino == before and (folder / "bijlagen" / "tekening.pdf").read_text() == "tekening"
    assert (folder / "a.docx").read_text() == "nieuw a.docx" and _leftovers(folder) == []


@pytest.mark.skipif(set_swap.fcntl is None, reason="no advisory locks here")
def test_a_second_writer_into_the_same_folder_is_refused_and_changes_nothing(folder: Path) -> None:
    old = _contents(folder)
    fd = os.open(folder, os.O_RDONLY)  # another window busy writing a set into this folder holds its lock
    try:
        set_swap.fcntl.flock(fd, set_swap.fcntl.LOCK_EX | set_swap.fcntl.LOCK_NB)
        with pytest.raises(TenderError) as caught:
            write_set(folder, _writers("nieuw"))
    finally:
        os.close(fd)
    assert "al een documentenset" in caught.value.message and "Er is niets gewijzigd" in caught.value.message
    assert _contents(folder) == old and _leftovers(folder) == []


def _with_pdf(folder: Path) -> None:
    (folder / "a.pdf").write_text("pdf van het oude a.docx")


@pytest.mark.parametrize("how", ["whole", "file by file"])
def test_files_the_new_set_drops_go_in_the_same_step(folder: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    if how == "file by file":
        monkeypatch.setattr(set_swap.dir_exchange, "available", lambda: False)
    _with_pdf(folder)
    write_set(folder, _writers("nieuw"), drop=["a.pdf", "geen.pdf"])
    assert "a.pdf" not in _contents(folder) and "aantekeningen.txt" in _contents(folder)
    assert _leftovers(folder) == []


def test_a_dropped_file_comes_back_when_a_rename_fails(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                                       file_by_file: None) -> None:
    _with_pdf(folder)
    old = _contents(folder)
    _refuse_replacing(monkeypatch, "d.xlsx")
    with pytest.raises(TenderError):
        write_set(folder, _writers("nieuw"), drop=["a.pdf"])
    assert _contents(folder) == old


@needs_exchange
def test_killed_after_the_exchange_recovery_does_not_bring_a_dropped_file_back(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_pdf(folder)
    real_exchange = set_swap.dir_exchange.exchange

    class Killed(BaseException):
        pass

    def exchange_then_die(a: Path, b: Path) -> None:
        real_exchange(a, b)
        raise Killed

    monkeypatch.setattr(set_swap.dir_exchange, "exchange", exchange_then_die)
    with pytest.raises(Killed):
        write_set(folder, _writers("nieuw"), drop=["a.pdf"])
    monkeypatch.undo()
    recover_sets(folder)
    assert "a.pdf" not in _contents(folder) and "aantekeningen.txt" in _contents(folder)
    assert _leftovers(folder) == []


def _half_swapped(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file-by-file swap killed after two of its four renames, as Windows can leave it."""
    real_replace = os.replace
    calls = {"n": 0}

    class Killed(BaseException):
        pass

    def dies(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise Killed
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(set_swap.os, "replace", dies)
    with pytest.raises(Killed):
        set_swap._swap(folder, *_staged(folder))
    monkeypatch.setattr(set_swap.os, "replace", real_replace)


@pytest.mark.skipif(set_swap.fcntl is None, reason="no advisory locks here")
def test_recovery_from_outside_leaves_a_running_export_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _old_set(tmp_path)
    _half_swapped(tmp_path, monkeypatch)
    fd = os.open(tmp_path, os.O_RDONLY)  # the export writing this set is still running
    try:
        set_swap.fcntl.flock(fd, set_swap.fcntl.LOCK_EX | set_swap.fcntl.LOCK_NB)
        recover_sets(tmp_path)
        assert any(p.name.startswith(STAGING_PREFIX) for p in tmp_path.iterdir())
    finally:
        os.close(fd)
    recover_sets(tmp_path)
    assert _contents(tmp_path) == {name: f"nieuw {name}" for name in NAMES}


def test_without_locks_recovery_finishes_only_a_swap_that_is_clearly_abandoned(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_by_file: None) -> None:
    monkeypatch.setattr(set_swap, "fcntl", None)  # as on Windows: a running export cannot be told by its lock
    _old_set(tmp_path)
    _half_swapped(tmp_path, monkeypatch)
    (tmp_path / f"{STAGING_PREFIX}bezig").mkdir()  # another export, still writing its files
    recover_sets(tmp_path)
    assert any(p.name == f"{STAGING_PREFIX}test" for p in tmp_path.iterdir())  # ready a moment ago: perhaps live
    ready = tmp_path / f"{STAGING_PREFIX}test" / set_swap.READY
    os.utime(ready, (ready.stat().st_atime - 120, ready.stat().st_mtime - 120))
    recover_sets(tmp_path)
    assert {n: t for n, t in _contents(tmp_path).items() if n in NAMES} == {name: f"nieuw {name}" for name in NAMES}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(STAGING_PREFIX)] == [f"{STAGING_PREFIX}bezig"]


@needs_exchange
def test_a_folder_a_terminal_is_in_is_not_exchanged(folder: Path) -> None:
    shell = subprocess.Popen(["sleep", "30"], cwd=folder)  # a terminal whose working folder is the set's folder
    try:
        before = folder.stat().st_ino
        write_set(folder, _writers("nieuw"))
        assert folder.stat().st_ino == before  # the terminal stays in the folder that holds the new set
        assert (folder / "a.docx").read_text() == "nieuw a.docx" and _leftovers(folder) == []
    finally:
        shell.kill()
        shell.wait()
