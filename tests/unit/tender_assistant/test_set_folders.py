"""The folders sets were written into: remembered before the swap, newest first, never an error of their own."""

from __future__ import annotations

from pathlib import Path

from tender_assistant import set_folders


def test_the_newest_folder_comes_first_each_once_and_at_most_twenty(tmp_path: Path) -> None:
    folders = [tmp_path / f"set{i}" for i in range(25)]
    for folder in folders:
        set_folders.remember(folder)
    set_folders.remember(folders[20])
    remembered = set_folders.remembered()
    assert remembered[:2] == [folders[20].resolve(), folders[24].resolve()]
    assert len(remembered) == set_folders.MAX_FOLDERS and len(set(remembered)) == len(remembered)


def test_a_list_that_cannot_be_read_or_written_costs_only_the_reminder(isolated_home: Path) -> None:
    (isolated_home / set_folders.FILE_NAME).mkdir()  # not a file: cannot be read, cannot be replaced
    assert set_folders.remembered() == []
    set_folders.remember(isolated_home / "set")  # no error: the export goes on
    assert set_folders.remembered() == []
