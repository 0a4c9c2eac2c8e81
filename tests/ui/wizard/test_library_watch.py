"""H4: the open wizard notices another program changing or retiring a chosen criterion (as the editor does), says so
on the criteria, review and export pages, offers the new text, and never exports the chosen text without saying so."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

pytestmark = pytest.mark.gui


@pytest.fixture
def wizard(app, qtbot, fresh_db):
    from tender_assistant.tender import Tender, TenderCriterion
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard

    chosen = [fresh_db.criterion(cid) for cid in ("MEU-S-01", "MEU-M-01")]
    tender = Tender(title="Stoelen", package="meubilair", organisation="Gemeente Zaanstad",
                    criteria=[TenderCriterion(c.id, version=c.version) for c in chosen])
    w = TenderWizard(fresh_db, AppSettings(), None, tender)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.dirty = False


def another_program(path, *, edit: str | None = None, retire: str | None = None) -> None:
    """A colleague's window or a command-line run on the same library file: its own connection, its own commits."""
    from criteria_library.models import Status
    from criteria_library.store import LibraryStore
    from tests.helpers import publish_edit

    other = LibraryStore.open(path)
    try:
        if edit is not None:
            c = other.criterion(edit)
            publish_edit(other, replace(c, clause=c.clause + " Ook voor onderdelen die later worden geleverd."))
        if retire is not None:
            other.set_status(retire, Status.RETIRED)
    finally:
        other.close()


def test_the_review_page_says_what_changed_and_loads_the_new_text_when_asked(wizard, fresh_db, qtbot):
    from ui.wizard.base import PageId

    wizard.go_to(PageId.REVIEW)
    review = wizard.pages[PageId.REVIEW]
    banner = review.library_banner
    assert banner.isHidden()
    chosen = wizard.tender.entry("MEU-M-01").version
    another_program(fresh_db.path, edit="MEU-M-01", retire="MEU-S-01")
    qtbot.waitUntil(banner.isVisible, timeout=5000)  # the wizard's own look, without any click
    text = banner.label.text()
    assert "MEU-M-01" in text and f"de documenten gebruiken nog versie {chosen}" in text
    assert "MEU-S-01" in text and "ingetrokken" in text
    assert "later worden geleverd" not in review.preview.toPlainText()  # the preview still prints the chosen text...
    assert "MEU-M-01 is in de bibliotheek gewijzigd" in review.findings.toPlainText()  # ...and the check says so

    qtbot.mouseClick(banner.reload_button, Qt.MouseButton.LeftButton)
    assert wizard.tender.entry("MEU-M-01").version == chosen + 1 and wizard.dirty
    assert "later worden geleverd" in review.preview.toPlainText()
    assert "MEU-M-01" not in banner.label.text() and banner.isVisible()  # the retired one is still news
    assert banner.reload_button.isHidden()  # a retired criterion has no new text to load
    qtbot.mouseClick(banner.keep_button, Qt.MouseButton.LeftButton)
    assert banner.isHidden()
    assert "MEU-S-01 is in de bibliotheek ingetrokken" in review.findings.toPlainText()  # the check keeps saying it


def test_the_criteria_page_shows_the_same_line(wizard, fresh_db, qtbot):
    from ui.wizard.base import PageId

    wizard.go_to(PageId.CRITERIA)
    banner = wizard.pages[PageId.CRITERIA].library_banner
    another_program(fresh_db.path, edit="MEU-M-01")
    wizard.library_watch.check()  # as when the window becomes active again
    assert banner.isVisible() and "MEU-M-01" in banner.label.text()
    banner.keep_button.setFocus()  # reachable from the keyboard
    qtbot.keyClick(banner.keep_button, Qt.Key.Key_Space)
    assert banner.isHidden()
    assert wizard.tender.entry("MEU-M-01").version == fresh_db.criterion("MEU-M-01").version - 1  # kept knowingly


def _press(monkeypatch, label: str, seen: list[str]) -> None:
    def run(box: QMessageBox) -> int:
        seen.append(box.text())
        next(b for b in box.buttons() if isinstance(b, QPushButton) and label in b.text()).click()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", run)


def test_an_export_after_a_change_asks_first_and_writes_nothing_when_cancelled(wizard, fresh_db, qtbot, tmp_path,
                                                                               monkeypatch, operations):
    from ui.wizard.base import PageId

    wizard.go_to(PageId.EXPORT)
    export = wizard.pages[PageId.EXPORT]
    out = tmp_path / "stoelen.docx"
    export.out_edit.setText(str(out))
    export.concept.setChecked(True)
    another_program(fresh_db.path, edit="MEU-M-01")  # right before pressing Export: no tick in between
    seen: list[str] = []
    _press(monkeypatch, "Annuleren", seen)
    qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    operations.wait()
    assert seen and "MEU-M-01" in seen[0] and "Exporteren schrijft de gekozen tekst" in seen[0]
    assert not out.exists() and export.library_banner.isVisible()

    _press(monkeypatch, "laden", seen)
    qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    operations.wait()
    assert not out.exists()  # loading first: the buyer sees the new text before exporting it
    assert "er is nog niets geëxporteerd" in export.result.text()  # said, not silent (FINDINGS5 F13)
    assert wizard.tender.entry("MEU-M-01").version == fresh_db.criterion("MEU-M-01").version
    assert export.library_banner.isHidden()

    another_program(fresh_db.path, edit="MEU-M-01")
    _press(monkeypatch, "gekozen tekst exporteren", seen)
    qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    operations.wait()
    assert out.exists() and len(seen) == 3  # exported knowingly, with the text the buyer chose
