"""A set of files is swapped in whole: a file that cannot be replaced or a crash never leaves a mixed set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tender_assistant import set_swap
from tender_assistant.errors import TenderError
from tender_assistant.set_swap import STAGING_PREFIX, recover_sets, write_set

NAMES = ("a.docx", "b.docx", "c.xlsx", "d.xlsx")


def _writers(tag: str) -> dict:
    return {name: (lambda out, name=name: out.write_text(f"{tag} {name}")) for name in NAMES}


def _contents(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(folder.iterdir())}


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


def test_a_file_that_cannot_be_replaced_halfway_puts_the_old_set_back(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    old = _old_set(tmp_path)
    real_replace = os.replace

    def locked(src: object, dst: object) -> None:
        if Path(str(dst)).name == "c.xlsx":  # a workbook open in Excel on a share: the rename is refused
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(set_swap.os, "replace", locked)
    with pytest.raises(TenderError) as caught:
        write_set(tmp_path, _writers("nieuw"))
    assert "c.xlsx" in caught.value.message and "vorige set staat er nog volledig" in caught.value.message
    assert _contents(tmp_path) == old  # a.docx and b.docx, already swapped, are the old ones again


def test_a_new_file_of_a_set_that_fails_is_removed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace

    def locked(src: object, dst: object) -> None:
        if Path(str(dst)).name == "d.xlsx":
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(set_swap.os, "replace", locked)
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


def test_a_swap_killed_halfway_is_finished_by_the_next_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _old_set(tmp_path)
    real_replace = os.replace
    calls = {"n": 0}

    class Killed(BaseException):
        pass

    def dies(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # the process dies after two of the four renames
            raise Killed
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(set_swap.os, "replace", dies)
    with pytest.raises(Killed):
        set_swap._swap(tmp_path, *_staged(tmp_path))
    monkeypatch.setattr(set_swap.os, "replace", real_replace)
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
    assert _contents(tmp_path) == old
