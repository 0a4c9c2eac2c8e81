"""Two folders exchanged in one step, or a clear OSError where the system cannot."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from criteria_library.infra import dir_exchange


@pytest.mark.skipif(not dir_exchange.available(), reason="no exchange call on this system")
def test_two_folders_trade_places_with_their_contents(tmp_path: Path) -> None:
    old, new = tmp_path / "set", tmp_path / ".staging"
    old.mkdir()
    new.mkdir()
    (old / "leidraad.docx").write_text("oud")
    (new / "leidraad.docx").write_text("nieuw")
    dir_exchange.exchange(new, old)
    assert (old / "leidraad.docx").read_text() == "nieuw" and (new / "leidraad.docx").read_text() == "oud"


@pytest.mark.skipif(not dir_exchange.available(), reason="no exchange call on this system")
def test_a_missing_folder_is_an_oserror_naming_it_and_nothing_moves(tmp_path: Path) -> None:
    (tmp_path / "set").mkdir()
    with pytest.raises(OSError) as caught:
        dir_exchange.exchange(tmp_path / "weg", tmp_path / "set")
    assert caught.value.errno == errno.ENOENT and "weg" in str(caught.value)
    assert (tmp_path / "set").is_dir() and not (tmp_path / "weg").exists()


def test_without_an_exchange_call_it_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dir_exchange, "_call", lambda: None)  # as on Windows
    assert not dir_exchange.available()
    with pytest.raises(OSError) as caught:
        dir_exchange.exchange(tmp_path / "a", tmp_path / "b")
    assert caught.value.errno == errno.ENOSYS
