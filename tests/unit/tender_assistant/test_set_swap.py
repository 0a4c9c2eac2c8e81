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
    (staging / set_swap.READY).write_text(set_swap._manifest(set_swap._identity(folder), list(NAMES), []))
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
    """A folder of its own for the set, holding the old set only: the folder the app proposes per tender."""
    out = tmp_path / "Aanbesteding kleding"
    out.mkdir()
    write_set(out, _writers("oud"))
    return out


@pytest.fixture
def with_notes(folder: Path) -> Path:
    """The same folder, where the buyer also keeps notes (and a link to them)."""
    (folder / "aantekeningen.txt").write_text("mijn notities")
    (folder / "snelkoppeling").symlink_to("aantekeningen.txt")
    return folder


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in [*folder.iterdir(), *folder.parent.iterdir()]
            if p.name.startswith((set_swap.STAGING_PREFIX, set_swap.FOLDER_PREFIX, set_swap.SWAPPED))]


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
NEW = {name: f"nieuw {name}" for name in NAMES}


@needs_exchange
def test_a_folder_of_the_set_alone_is_exchanged_whole_keeping_its_permissions(folder: Path) -> None:
    folder.chmod(0o750)
    before = folder.stat().st_ino
    write_set(folder, _writers("nieuw"))
    assert folder.stat().st_ino != before  # one step for the whole folder, not four renames
    assert _contents(folder) == NEW and _leftovers(folder) == []
    assert folder.stat().st_mode & 0o777 == 0o750


def test_a_folder_with_the_buyers_own_files_keeps_its_identity_and_every_file(with_notes: Path) -> None:
    note = (with_notes / "aantekeningen.txt").stat()
    before = with_notes.stat().st_ino
    write_set(with_notes, _writers("nieuw"))
    assert with_notes.stat().st_ino == before  # swapped file by file: the folder stays the buyer's folder
    assert _contents(with_notes) == {**NEW, "aantekeningen.txt": "mijn notities", "snelkoppeling": "mijn notities"}
    assert (with_notes / "aantekeningen.txt").stat().st_ino == note.st_ino
    assert _leftovers(with_notes) == []


@pytest.mark.parametrize("shared", ["set-group", "extended attribute"])
def test_a_shared_folder_is_not_exchanged(folder: Path, shared: str) -> None:
    if shared == "set-group":
        folder.chmod(0o2775)
    else:
        try:
            os.setxattr(folder, "user.projectcode", b"AB-17")
        except OSError:
            pytest.skip("no user extended attributes on this file system")
    before = folder.stat().st_ino
    write_set(folder, _writers("nieuw"))
    assert folder.stat().st_ino == before and _contents(folder) == NEW
    if shared == "extended attribute":
        assert os.getxattr(folder, "user.projectcode") == b"AB-17"


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
def test_killed_after_the_exchange_the_new_set_is_whole_and_recovery_keeps_a_file_made_meanwhile(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_exchange = set_swap.dir_exchange.exchange

    class Killed(BaseException):
        pass

    def exchange_then_die(a: Path, b: Path) -> None:
        (b / "nieuw-tijdens.txt").write_text("gemaakt terwijl de set werd geschreven")  # lands in the old folder
        real_exchange(a, b)
        raise Killed

    monkeypatch.setattr(set_swap.dir_exchange, "exchange", exchange_then_die)
    with pytest.raises(Killed):
        write_set(folder, _writers("nieuw"))
    assert {n: t for n, t in _contents(folder).items() if n in NAMES} == NEW
    monkeypatch.undo()
    recover_sets(folder)
    assert _contents(folder) == {**NEW, "nieuw-tijdens.txt": "gemaakt terwijl de set werd geschreven"}
    assert _leftovers(folder) == []


@needs_exchange
def test_an_old_folder_whose_file_cannot_go_back_is_kept_not_removed(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_exchange, real_rename = set_swap.dir_exchange.exchange, os.rename

    def exchange_with_a_late_file(a: Path, b: Path) -> None:
        (b / "proces-verbaal.txt").write_text("getekend")
        real_exchange(a, b)

    def refused(src: object, dst: object) -> None:
        if Path(str(dst)).name == "proces-verbaal.txt":  # an immutable file, a colleague's in a sticky folder
            raise PermissionError(1, "Operation not permitted")
        real_rename(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(set_swap.dir_exchange, "exchange", exchange_with_a_late_file)
    monkeypatch.setattr(set_swap.os, "rename", refused)
    write_set(folder, _writers("nieuw"))
    monkeypatch.undo()
    recover_sets(folder)  # the next export or the app's start: the file is never deleted with the leftover
    kept = [p for p in folder.parent.rglob("proces-verbaal.txt")]
    assert len(kept) == 1 and kept[0].read_text() == "getekend"


@needs_exchange
def test_a_file_system_that_refuses_the_exchange_gets_the_set_file_by_file(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(a: Path, b: Path) -> None:
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(set_swap.dir_exchange, "exchange", refused)
    before = folder.stat().st_ino
    write_set(folder, _writers("nieuw"))
    assert folder.stat().st_ino == before and _contents(folder) == NEW and _leftovers(folder) == []


def test_a_folder_with_sub_folders_is_not_exchanged(folder: Path) -> None:
    (folder / "bijlagen").mkdir()
    (folder / "bijlagen" / "tekening.pdf").write_text("tekening")
    before = folder.stat().st_ino
    write_set(folder, _writers("nieuw"))
    assert folder.stat().st_ino == before and (folder / "bijlagen" / "tekening.pdf").read_text() == "tekening"
    assert (folder / "a.docx").read_text() == "nieuw a.docx" and _leftovers(folder) == []


def test_a_read_only_folder_is_refused_even_for_an_administrator(folder: Path) -> None:
    old = _contents(folder)
    folder.chmod(0o555)
    try:
        with pytest.raises(TenderError) as caught:
            write_set(folder, _writers("nieuw"))
    finally:
        folder.chmod(0o755)
    assert "alleen-lezen" in caught.value.message and "Er is niets gewijzigd" in caught.value.message
    assert _contents(folder) == old and _leftovers(folder) == []


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


def test_recovering_a_parent_folder_leaves_a_sub_folders_running_exchange_alone(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_exchange = set_swap.dir_exchange.exchange

    def parent_recovered_first(a: Path, b: Path) -> None:
        recover_sets(folder.parent)  # an export into the parent, or the app showing it, at this very moment
        real_exchange(a, b)

    monkeypatch.setattr(set_swap.dir_exchange, "exchange", parent_recovered_first)
    write_set(folder, _writers("nieuw"))
    assert _contents(folder) == NEW and _leftovers(folder) == []


def _with_pdf(folder: Path) -> None:
    (folder / "a.pdf").write_text("pdf van het oude a.docx")


@pytest.mark.parametrize("how", ["whole", "file by file"])
def test_files_the_new_set_drops_go_in_the_same_step(folder: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    if how == "file by file":
        monkeypatch.setattr(set_swap.dir_exchange, "available", lambda: False)
    _with_pdf(folder)
    write_set(folder, _writers("nieuw"), drop=["a.pdf", "geen.pdf"])
    assert _contents(folder) == NEW and _leftovers(folder) == []


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
    assert _contents(folder) == NEW and _leftovers(folder) == []


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


def test_a_ready_staging_folder_planted_or_copied_along_is_not_acted_on(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    old = _old_set(folder)
    (folder / "beoordeling.docx").write_text("mijn eigen beoordeling")
    planted = folder / f"{STAGING_PREFIX}geplant"  # by a colleague, or left in a folder this one was copied from
    planted.mkdir()
    (planted / set_swap.READY).write_text("0:0\n+notities-collega.txt\n-beoordeling.docx")
    (planted / "notities-collega.txt").write_text("van een collega")
    write_set(folder, _writers("nieuw"))
    assert (folder / "beoordeling.docx").read_text() == "mijn eigen beoordeling"
    assert not (folder / "notities-collega.txt").exists()
    assert {n: t for n, t in _contents(folder).items() if n in NAMES} != old


@pytest.mark.parametrize("how", ["whole", "file by file"])
def test_a_replaced_file_keeps_its_permissions(folder: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """FINDINGS4 F2: in a team folder the set's 664 files came back 644, so colleagues could no longer edit them."""
    if how == "file by file":
        monkeypatch.setattr(set_swap.dir_exchange, "available", lambda: False)
    (folder / "a.docx").chmod(0o664)
    (folder / "b.docx").chmod(0o640)
    write_set(folder, _writers("nieuw"))
    assert (folder / "a.docx").read_text() == "nieuw a.docx"
    assert oct((folder / "a.docx").stat().st_mode & 0o777) == "0o664"
    assert oct((folder / "b.docx").stat().st_mode & 0o777) == "0o640"
