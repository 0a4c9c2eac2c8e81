"""The wizard's export page: a folder per tender, overwriting only when asked, PDFs, the files written, house style."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tender_assistant import set_folders

pytestmark = pytest.mark.gui
REAL_QUESTION = QMessageBox.question  # taken before the autouse fixture answers every box: this test presses keys


def _wizard(qtbot, library, title: str, path: Path | None = None):
    from tests.e2e.test_export import workwear_tender
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    tender = workwear_tender(library)
    tender.title = title
    wizard = TenderWizard(library, AppSettings(), path=path, tender=tender)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to(PageId.EXPORT)
    assert wizard.currentId() == PageId.EXPORT
    return wizard, wizard.pages[PageId.EXPORT]


def _tick(box) -> None:
    """Click a check box on its label, where a person clicks (a form row's box is wider than its text)."""
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(12, box.height() // 2))


def _press_export(qtbot, page, operations) -> None:
    page.concept.setChecked(True)  # a concept: no offer to register the tender
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    operations.wait(60000)


def test_each_tender_gets_its_own_folder_and_the_next_set_never_overwrites_the_first(
        app, qtbot, library, tmp_path, operations):
    """The exploratory run: the set went under generic names into the tender file's folder, so the next tender's
    set overwrote the first; and the Document field was ignored when the set was ticked."""
    from tender_assistant.documents.document_set import SET_FILES

    (tmp_path / "aanbestedingen").mkdir()
    first_file = tmp_path / "aanbestedingen" / "werkkleding.tender.json"
    wizard, page = _wizard(qtbot, library, "Werkkleding buitendienst", first_file)
    first = tmp_path / "aanbestedingen" / "werkkleding-buitendienst"
    assert Path(page.out_edit.text()) == first / "werkkleding-buitendienst.docx"
    _tick(page.as_set)
    assert str(first) in page.target.text()
    _press_export(qtbot, page, operations)
    assert sorted(p.name for p in first.iterdir()) == sorted(SET_FILES)
    before = {p.name: p.read_bytes() for p in first.iterdir()}
    wizard.dirty = False
    wizard.close()

    # the next tender, not yet saved: the last used folder is the one beside the first set, not the set itself
    wizard, page = _wizard(qtbot, library, "Schoonmaak gemeentehuis")
    second = tmp_path / "aanbestedingen" / "schoonmaak-gemeentehuis"
    assert Path(page.out_edit.text()).parent == second
    _tick(page.as_set)
    _press_export(qtbot, page, operations)
    assert sorted(p.name for p in second.iterdir()) == sorted(SET_FILES)
    assert {p.name: p.read_bytes() for p in first.iterdir()} == before
    wizard.dirty = False

    # a tender file kept in an earlier tender's set folder: its set goes beside that folder, not into it
    from ui.wizard.export import proposed_folder

    assert proposed_folder(first / "nieuw.tender.json", tmp_path, "Meubilair") == first.parent / "meubilair"

    # the Document field is where the set goes
    page.out_edit.setText(str(tmp_path / "elders" / "stuk.docx"))
    _press_export(qtbot, page, operations)
    assert sorted(p.name for p in (tmp_path / "elders").iterdir()) == sorted(SET_FILES)


def test_overwriting_asks_and_enter_answers_no(app, qtbot, library, tmp_path, operations, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", REAL_QUESTION)
    wizard, page = _wizard(qtbot, library, "Werkkleding", tmp_path / "w.tender.json")
    out = Path(page.out_edit.text())
    out.parent.mkdir()
    out.write_bytes(b"eerdere versie")
    seen: list[str] = []
    defaults: list[bool] = []

    def answer_with_enter() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer_with_enter)
            return
        seen.append(box.text())
        defaults.append(box.defaultButton() is box.button(QMessageBox.StandardButton.No))
        QTest.keyClick(box, Qt.Key.Key_Return)  # Enter, as a hurried user presses it (asserted after: never hangs)

    QTimer.singleShot(50, answer_with_enter)
    _press_export(qtbot, page, operations)
    assert seen and out.name in seen[0] and defaults == [True]
    assert out.read_bytes() == b"eerdere versie"
    assert page.exported is None
    wizard.dirty = False


def test_pdf_beside_each_word_document_when_libreoffice_is_there_and_a_clear_line_when_not(
        app, qtbot, library, tmp_path, operations, monkeypatch):
    import ui.tender_wizard
    import ui.wizard.export
    from ui.wizard.base import PageId

    converted: list[Path] = []

    def fake_pdf(docx: Path, pdf: Path) -> Path:  # LibreOffice takes a minute on a busy machine; the route is tested
        converted.append(docx)
        pdf.write_bytes(b"%PDF-1.7 " + docx.name.encode())
        return pdf

    monkeypatch.setattr(ui.tender_wizard, "docx_to_pdf", fake_pdf)
    monkeypatch.setattr(ui.wizard.export, "soffice", lambda: "/usr/bin/soffice")
    wizard, page = _wizard(qtbot, library, "Werkkleding", tmp_path / "w.tender.json")
    assert page.pdf.isEnabled() and not page.pdf_note.isVisibleTo(page)
    _tick(page.pdf)
    _tick(page.as_set)
    assert page.pdf.isChecked() and page.as_set.isChecked()
    _press_export(qtbot, page, operations)
    assert page.exported is not None, page.result.text()
    folder = tmp_path / "werkkleding"
    assert sorted(p.name for p in converted) == ["aanbestedingsleidraad.docx", "contractbijlage.docx",
                                                 "programma-van-eisen.docx"]
    assert (folder / "aanbestedingsleidraad.pdf").exists() and (folder / "contractbijlage.pdf").exists()
    names = [page.files.item(i).text() for i in range(page.files.count())]
    assert "programma-van-eisen.pdf" in names
    assert set_folders.remembered()[0] == folder.resolve()  # checked for a half-done swap when the app starts

    monkeypatch.setattr(ui.wizard.export, "soffice", lambda: None)
    wizard.back()
    wizard.next()
    assert wizard.currentId() == PageId.EXPORT
    assert not page.pdf.isEnabled() and not page.pdf.isChecked()
    assert page.pdf_note.isVisibleTo(page) and "LibreOffice" in page.pdf_note.text()
    wizard.dirty = False


def test_klaar_lists_the_files_written_with_buttons_to_open_them_and_the_folder(
        app, qtbot, library, tmp_path, operations, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from tender_assistant.documents.document_set import SET_FILES

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    wizard, page = _wizard(qtbot, library, "Werkkleding", tmp_path / "w.tender.json")
    assert not page.open_doc.isVisibleTo(page) and not page.files.isVisibleTo(page)
    _tick(page.as_set)
    _press_export(qtbot, page, operations)
    folder = tmp_path / "werkkleding"
    assert "Klaar: 7 bestanden geschreven" in page.result.text()
    assert [page.files.item(i).text() for i in range(page.files.count())] == list(SET_FILES)
    assert page.files.isVisibleTo(page) and page.open_doc.isVisibleTo(page)

    qtbot.mouseClick(page.open_doc, Qt.MouseButton.LeftButton)
    page.files.setCurrentRow(3)
    page.files.setFocus()
    QTest.keyClick(page.files, Qt.Key.Key_Return)  # Enter on a file opens it
    qtbot.mouseClick(page.open_folder, Qt.MouseButton.LeftButton)
    assert opened == [str(folder / SET_FILES[0]), str(folder / SET_FILES[3]), str(folder)]
    assert QUrl.fromLocalFile(opened[-1]).isLocalFile()
    wizard.dirty = False


def test_the_house_style_chosen_for_a_tender_comes_back_with_it(app, qtbot, library, tmp_path, operations):
    from docx import Document

    style = tmp_path / "huisstijl.docx"
    Document().save(str(style))
    tender_file = tmp_path / "w.tender.json"
    wizard, page = _wizard(qtbot, library, "Werkkleding", tender_file)
    assert page.template_edit.text() == ""
    page.template_edit.setText(str(style))
    _press_export(qtbot, page, operations)
    assert page.exported is not None
    wizard.dirty = False
    wizard.close()

    wizard, page = _wizard(qtbot, library, "Werkkleding", tender_file)
    assert page.template_edit.text() == str(style)
    wizard.dirty = False
    wizard, page = _wizard(qtbot, library, "Schoonmaak", tmp_path / "ander.tender.json")
    assert page.template_edit.text() == ""  # another tender keeps its own
    wizard.dirty = False


def test_the_app_start_finishes_a_set_whose_export_was_killed_in_a_folder_it_wrote_to(tmp_path):
    """As Windows can leave it: killed between two of the renames that swap the set in file by file."""
    from tender_assistant import set_swap
    from ui.app import recover_set_folders

    folder = tmp_path / "werkkleding"
    folder.mkdir()
    for name in ("a.docx", "b.xlsx"):
        (folder / name).write_text(f"oud {name}")
    staging = folder / f"{set_swap.STAGING_PREFIX}x"
    staging.mkdir()
    (staging / "b.xlsx").write_text("nieuw b.xlsx")  # a.docx was swapped in before the kill
    (folder / "a.docx").write_text("nieuw a.docx")
    (staging / set_swap.READY).write_text(set_swap._manifest(set_swap._identity(folder), ["b.xlsx"], []))
    set_folders.remember(folder)  # as every export does before it swaps the set in
    recover_set_folders().join(timeout=10)
    assert (folder / "b.xlsx").read_text() == "nieuw b.xlsx" and not staging.exists()


def test_ticking_the_whole_set_makes_the_document_field_a_folder_field(app, qtbot, library, tmp_path, monkeypatch):
    """D8: with 'De hele documentenset' ticked the file name typed under Document was silently dropped; the field
    now holds the folder (label and browse button say so) and goes back to a file when the box is unticked."""
    import ui.wizard.export

    wizard, page = _wizard(qtbot, library, "Werkkleding", tmp_path / "w.tender.json")
    folder = tmp_path / "werkkleding"
    assert Path(page.out_edit.text()) == folder / "werkkleding.docx" and page.out_label.text() == "Document:"
    _tick(page.as_set)
    assert Path(page.out_edit.text()) == folder and page.out_label.text() == "Map:"
    asked: list[str] = []
    monkeypatch.setattr(ui.wizard.export.QFileDialog, "getExistingDirectory",
                        lambda parent, caption, start: asked.append(start) or str(tmp_path / "elders"))
    browse = next(b for b in page.findChildren(ui.wizard.export.QPushButton) if b.text() == "Bladeren..."
                  and b.geometry().center().y() == page.out_edit.geometry().center().y())
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    assert asked == [str(folder)] and Path(page.out_edit.text()) == tmp_path / "elders"
    assert [p.parent for p in page.planned_files()] == [tmp_path / "elders"] * len(page.planned_files())
    _tick(page.as_set)
    assert Path(page.out_edit.text()) == tmp_path / "elders" / "werkkleding.docx"
    assert page.out_label.text() == "Document:"
    wizard.dirty = False


def test_in_the_demo_the_export_proposes_the_demo_workspace_not_the_home_folder(app, qtbot, library, tmp_path):
    """D9: a new tender in the demo proposed /root/<titel>/<titel>.docx: a trainer's demo wrote into the real home."""
    from tests.e2e.test_export import workwear_tender
    from ui.app import AppController
    from ui.settings import AppSettings
    from ui.wizard.base import PageId

    controller = AppController(app, AppSettings())
    demo = controller.open_demo()
    try:
        wizard = demo.new_tender()
        wizard.tender = workwear_tender(library)
        wizard.tender.title = "Werkkleding"
        wizard.go_to(PageId.EXPORT)
        page = wizard.pages[PageId.EXPORT]
        assert Path(page.out_edit.text()).parent.parent == demo.demo_workspace
        wizard.dirty = False
        wizard.close()
    finally:
        controller.window.shutdown()
        controller.window.close()
        controller.store.close()
