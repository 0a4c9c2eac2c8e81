"""atomic_write: whole files or none, and problems as user errors of the caller's kind."""

from __future__ import annotations

import errno
import tempfile
from pathlib import Path

import pytest

from criteria_library.errors import LibraryError
from criteria_library.infra.files import atomic_write


def test_writes_whole_file_and_replaces_old(tmp_path: Path) -> None:
    target = tmp_path / "pack.json"
    target.write_text("oud", encoding="utf-8")
    atomic_write(target, lambda tmp: tmp.write_text("nieuw", encoding="utf-8"))
    assert target.read_text(encoding="utf-8") == "nieuw"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.json"]


def test_missing_folder_is_the_callers_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="bestaat niet"):
        atomic_write(tmp_path / "weg" / "x.json", lambda tmp: None, error=LibraryError)


def test_read_only_folder_is_a_user_error_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(LibraryError, match="Kan niet schrijven in"):
        atomic_write(tmp_path / "x.json", lambda tmp: None, error=LibraryError)


def test_failure_while_writing_leaves_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "tender.json"
    target.write_text("oud", encoding="utf-8")

    def full_disk(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(LibraryError, match="niets gewijzigd"):
        atomic_write(target, full_disk, error=LibraryError)
    assert target.read_text(encoding="utf-8") == "oud"
    assert [p.name for p in tmp_path.iterdir()] == ["tender.json"]


@pytest.mark.parametrize("mask, private, mode", [(0o022, False, 0o644), (0o027, False, 0o640), (0o022, True, 0o600)])
def test_written_files_follow_the_umask_unless_private(tmp_path: Path, mask: int, private: bool, mode: int) -> None:
    import os

    before = os.umask(mask)
    try:
        atomic_write(tmp_path / "release.json", lambda tmp: tmp.write_text("{}"), private=private)
    finally:
        os.umask(before)
    assert (tmp_path / "release.json").stat().st_mode & 0o777 == mode


def test_read_regular_refuses_a_pipe_and_a_folder_before_opening(tmp_path: Path) -> None:
    import os

    from criteria_library.infra.files import read_regular

    os.mkfifo(tmp_path / "pijp")
    for path, words in ((tmp_path / "pijp", "geen gewoon bestand"), (tmp_path, "is een map"),
                        (tmp_path / "weg", "bestaat niet")):
        with pytest.raises(LibraryError, match=words):
            read_regular(path, 100, ("pakket", "pack"), error=LibraryError)
    (tmp_path / "groot").write_bytes(b"x" * 101)
    with pytest.raises(LibraryError, match="groter dan 100 bytes"):
        read_regular(tmp_path / "groot", 100, ("pakket", "pack"), error=LibraryError)
    assert read_regular(tmp_path / "groot", 101, ("pakket", "pack"), error=LibraryError) == b"x" * 101
