"""Bestand > Recente aanbestedingen: what was opened, newest first, without files removed meanwhile; an entry opens
its tender and 'Lijst wissen' empties the list."""

from __future__ import annotations

import pytest

from tender_assistant.tender import Tender, save_tender

pytestmark = pytest.mark.gui


def test_the_recent_menu_offers_existing_tenders_and_opens_them(make_window, library, tmp_path):
    window = make_window(library)
    kept, gone = tmp_path / "stoelen.tender.json", tmp_path / "weg.tender.json"
    for path in (gone, kept):
        save_tender(Tender(title=path.stem), path)
        window.settings.add_recent_file(path)
    gone.unlink()
    window.recent_menu.aboutToShow.emit()
    entries = [a for a in window.recent_menu.actions() if a.text().startswith("&")]
    assert [a.toolTip() for a in entries] == [str(kept.resolve())]
    assert entries[0].text() == "&1 stoelen.tender.json"
    entries[0].trigger()
    assert [w.path for w in window.wizards] == [kept.resolve()]
    window.wizards[0].close()

    clear = next(a for a in window.recent_menu.actions() if a.text() == "Lijst wissen")
    clear.trigger()
    window.recent_menu.aboutToShow.emit()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert texts == ["(geen recente aanbestedingen)"]
    assert not window.recent_menu.actions()[0].isEnabled()


def test_recent_tenders_of_the_same_name_show_their_folder(make_window, library, tmp_path):
    window = make_window(library)
    for folder in ("zaanstad", "haarlem"):
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "stoelen.tender.json"
        save_tender(Tender(title="Stoelen"), path)
        window.settings.add_recent_file(path)
    save_tender(Tender(title="Kasten"), tmp_path / "kasten.tender.json")
    window.settings.add_recent_file(tmp_path / "kasten.tender.json")
    window.recent_menu.aboutToShow.emit()
    texts = [a.text() for a in window.recent_menu.actions() if a.text().startswith("&")]
    assert texts == ["&1 kasten.tender.json", "&2 stoelen.tender.json  (haarlem)",
                     "&3 stoelen.tender.json  (zaanstad)"]
