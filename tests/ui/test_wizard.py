"""The drafting wizard: a full run from a description to a .docx on disk, saving and reopening half-way."""

from __future__ import annotations

import pytest
from PySide6.QtTest import QTest

from tests.ui.test_editor import type_text

pytestmark = pytest.mark.gui


@pytest.fixture
def wizard(app, qtbot, library):
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard

    w = TenderWizard(library, AppSettings())
    qtbot.addWidget(w)
    w.show()
    yield w
    w.dirty = False


def test_full_run_from_description_to_docx(wizard, tmp_path, monkeypatch, operations):
    from docx import Document

    from ui.wizard.base import PageId

    basics = wizard.pages[PageId.BASICS]
    assert not basics.isComplete()  # the title is required
    QTest.keyClicks(basics.title_edit, "Kantoorstoelen en bureaus voor het stadhuis")
    type_text(basics.org_edit, "Gemeente Zaanstad")
    type_text(basics.description, "Circulaire inrichting: hergebruik, reparatie en terugname; één aanbesteding.")
    basics.term_spin.setValue(48)
    basics.value_spin.setValue(250000)
    basics.add_cpv(["39130000"])
    assert basics.isComplete()
    assert wizard.tender.organisation == "Gemeente Zaanstad"
    assert wizard.tender.cpv == ["39130000-2"]

    wizard.next()
    package = wizard.pages[PageId.PACKAGE]
    assert wizard.currentId() == PageId.PACKAGE
    assert package.matches and package.matches[0].package == "meubilair"
    assert wizard.tender.package == "meubilair" and package.isComplete()

    wizard.next()
    wizard.pages[PageId.AMBITION].buttons[2].click()
    assert wizard.tender.ambition_level == 2

    wizard.next()
    criteria = wizard.pages[PageId.CRITERIA]
    assert wizard.tender.criteria, "suggested criteria are ticked"
    chosen = wizard.tender.criterion_ids()
    # above the ambition level only what the description asks for, with the reason shown
    above = [c for c in chosen if criteria.criteria[c].level > 2]
    assert all(criteria.items[c].text(2) for c in above)
    first = chosen[0]
    criteria.set_chosen(first, False)
    assert first not in wizard.tender.criterion_ids()
    criteria.set_chosen(first, True)

    wizard.next()
    clauses = wizard.pages[PageId.CLAUSES]
    assert clauses.list.count() == len(wizard.tender.criteria)
    clauses.list.setCurrentRow(0)
    clauses.text_edit.setPlainText(clauses.text_edit.toPlainText() + " Aangepast voor Zaanstad.")
    assert wizard.tender.criteria[0].text.endswith("Aangepast voor Zaanstad.")
    for row in range(clauses.list.count()):
        clauses.list.setCurrentRow(row)
        for name, edit in clauses.value_edits.items():
            if not edit.isReadOnly() and not edit.text():
                clauses.set_value(name, edit.placeholderText().split(": ", 1)[-1] or "n.t.b.")

    wizard.next()
    weights = wizard.pages[PageId.WEIGHTS]
    weights.price_spin.setValue(40)
    assert "Totaal" in weights.total.text()
    weights.spread()
    assert weights.total_weight() == 100
    assert "100%" in weights.total.text()

    wizard.next()
    assert wizard.currentId() == PageId.PROCEDURE  # the procedure's facts, before the review

    wizard.next()
    review = wizard.pages[PageId.REVIEW]
    assert "Kantoorstoelen en bureaus" in review.preview.toPlainText()
    assert "Aangepast voor Zaanstad." in review.preview.toPlainText()

    wizard.next()
    export = wizard.pages[PageId.EXPORT]
    out = tmp_path / "stadhuis.docx"
    export.out_edit.setText(str(out))
    export.concept.setChecked(False)
    export.export()
    operations.wait()
    assert export.exported == out
    assert out.exists()
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Kantoorstoelen en bureaus voor het stadhuis" in text
    assert export.open_doc.isVisibleTo(export)

    # the document set into the same folder; a file that exists already is overwritten only when the user agrees
    from PySide6.QtWidgets import QMessageBox

    from tender_assistant.documents.document_set import SET_FILES

    (tmp_path / "eisenlijst.xlsx").write_bytes(b"eerdere versie")
    asked: list[str] = []

    def answer(reply):
        def question(parent, title, text, *args, **kwargs):
            asked.append(text)
            return reply
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    export.as_set.setChecked(True)
    export.export()
    operations.wait()
    assert export.exported == out and (tmp_path / "eisenlijst.xlsx").read_bytes() == b"eerdere versie"
    assert "eisenlijst.xlsx" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    export.export()
    operations.wait()
    assert export.exported == tmp_path / "aanbestedingsleidraad.docx"
    assert all((tmp_path / name).exists() for name in SET_FILES)
    assert (tmp_path / "eisenlijst.xlsx").read_bytes() != b"eerdere versie"


def test_going_back_keeps_what_was_typed_and_save_reopens(wizard, tmp_path, app, qtbot, library):
    from tender_assistant.tender import load_tender
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    basics = wizard.pages[PageId.BASICS]
    QTest.keyClicks(basics.title_edit, "Werkkleding buitendienst")
    type_text(basics.description, "Bedrijfskleding met reparatie en inzameling.")
    wizard.next()
    wizard.next()
    wizard.back()
    wizard.back()
    assert basics.title_edit.text() == "Werkkleding buitendienst"
    assert basics.description.toPlainText() == "Bedrijfskleding met reparatie en inzameling."
    assert wizard.dirty and wizard.isWindowModified()
    path = tmp_path / "kleding.tender.json"
    assert wizard.save_to(path)
    assert not wizard.dirty
    saved = load_tender(path)
    assert saved.title == "Werkkleding buitendienst" and saved.package == "bedrijfskleding"

    again = TenderWizard(library, AppSettings(), path, saved)
    qtbot.addWidget(again)
    again.go_to(PageId.CRITERIA)
    assert again.currentId() == PageId.CRITERIA
    assert again.pages[PageId.BASICS].title_edit.text() == "Werkkleding buitendienst"


def test_open_tender_from_main_window_and_recent_files(make_window, library, tmp_path):
    from tender_assistant.tender import Tender, save_tender

    path = tmp_path / "a.tender.json"
    save_tender(Tender(title="Proef", package="meubilair"), path)
    window = make_window(library)
    wizard = window.open_tender(path)
    assert wizard is not None and wizard.tender.title == "Proef"
    assert window.settings.recent_files()[0] == path.resolve()
    assert window.open_tender(path) is wizard  # not opened twice
    wizard.close()


def test_a_broken_tender_file_gives_a_message(make_window, library, tmp_path, user_errors):
    path = tmp_path / "kapot.tender.json"
    path.write_text("{ geen json", encoding="utf-8")
    window = make_window(library)
    assert window.open_tender(path) is None
    assert user_errors and "ongeldige JSON" in str(user_errors[0])


def test_cancelled_export_writes_nothing(app, qtbot, library, tmp_path, monkeypatch, answers, operations):
    from criteria_library.pack_reading import Cancelled
    from tender_assistant.tender import Tender
    from ui import tender_wizard
    from ui.settings import AppSettings

    wizard = tender_wizard.TenderWizard(library, AppSettings(), None, Tender(title="T", package="meubilair"))
    qtbot.addWidget(wizard)

    def cancelled_at_first_step(tender, reader, out, *, progress, **kwargs):
        progress(0, 10)
        raise Cancelled()  # what the worker's progress call raises once the user pressed Annuleren

    monkeypatch.setattr(tender_wizard, "export_tender", cancelled_at_first_step)
    out = tmp_path / "x.docx"
    written: list = []
    wizard.export_document(out, None, written.append)
    operations.wait()
    assert written == [] and not out.exists()
    assert ("information", "Afgebroken; er is geen document gemaakt.") in answers.seen
    wizard.dirty = False


def test_the_description_preselects_the_criteria_it_names_with_the_reason(wizard):
    from ui.wizard.base import PageId

    basics = wizard.pages[PageId.BASICS]
    QTest.keyClicks(basics.title_edit, "Inrichting stadskantoor")
    type_text(basics.description, "Hergebruik van bestaand meubilair")
    wizard.next()
    assert wizard.tender.package == "meubilair"
    wizard.next()
    wizard.pages[PageId.AMBITION].buttons[1].click()
    wizard.next()
    criteria = wizard.pages[PageId.CRITERIA]
    reuse = next(cid for cid, c in criteria.criteria.items() if c.title.lower().startswith("hergebruik van bestaand"))
    assert criteria.criteria[reuse].level > 1
    assert reuse in wizard.tender.criterion_ids()
    assert "hergebruik" in criteria.items[reuse].text(2)
    # criteria the description does not name stay at the chosen level
    assert all(criteria.criteria[c].level == 1 for c in wizard.tender.criterion_ids() if c != reuse
               and not criteria.items[c].text(2))


def test_wizard_buttons_have_distinct_alt_keys(wizard):
    import re

    from PySide6.QtWidgets import QWizard

    texts = [wizard.buttonText(b) for b in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                                            QWizard.WizardButton.CustomButton1, QWizard.WizardButton.CustomButton2,
                                            QWizard.WizardButton.CancelButton, QWizard.WizardButton.FinishButton)]
    keys = [m.group(1).lower() for t in texts if (m := re.search(r"&(\w)", t))]
    assert len(keys) == len(set(keys)), texts  # Alt+V was both Vorige and Volgende


def test_a_review_finding_is_a_link_to_the_page_and_field_that_fix_it(wizard, qtbot):
    from PySide6.QtCore import QUrl
    from PySide6.QtWidgets import QApplication

    from ui.wizard.base import PageId

    wizard.tender.title = "Kantoorstoelen"
    wizard.tender.description = "bureaustoelen"
    wizard.go_to(PageId.REVIEW)
    review = wizard.pages[PageId.REVIEW]
    wizard.tender.price_weight = 90  # the weights no longer add up to 100
    review.initializePage()
    html = review.findings.toHtml()
    index = next(i for i, f in enumerate(review.found) if f.code == "weights-sum")
    assert f"finding:{index}" in html
    assert "price_weight" not in review.findings.toPlainText()  # the place as people name it
    assert "Prijsweging" in review.findings.toPlainText()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    review.findings.anchorClicked.emit(QUrl(f"finding:{index}"))
    assert wizard.currentId() == PageId.WEIGHTS
    weights = wizard.pages[PageId.WEIGHTS]
    assert QApplication.focusWidget() is weights.price_spin

    wizard.go_to(PageId.REVIEW)
    review = wizard.pages[PageId.REVIEW]
    missing = next(i for i, f in enumerate(review.found) if f.where == "organisation")
    review.findings.anchorClicked.emit(QUrl(f"finding:{missing}"))
    assert wizard.currentId() == PageId.BASICS
    assert QApplication.focusWidget() is wizard.pages[PageId.BASICS].org_edit


def test_publication_date_directive_and_main_object_are_chosen_on_the_basics_page(wizard, tmp_path, app, qtbot,
                                                                                  library):
    """The procedure advice rests on them; a buyer sets them in the wizard, they are saved and read back."""
    from datetime import date

    from PySide6.QtCore import QDate, Qt

    from tender_assistant.tender import load_tender
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    basics = wizard.pages[PageId.BASICS]
    QTest.keyClicks(basics.title_edit, "Onderhoud kademuren")
    assert not basics.publication.isEnabled() and wizard.tender.publication_date is None
    qtbot.mouseClick(basics.publication_planned, Qt.MouseButton.LeftButton)
    assert basics.publication.isEnabled()
    basics.publication.setDate(QDate(2027, 3, 15))
    for combo, text in ((basics.regime, "concessie"), (basics.main_object, "werken")):
        combo.setFocus()
        while not combo.currentText().startswith(text):
            QTest.keyClick(combo, Qt.Key.Key_Down)
    t = wizard.tender
    assert (t.publication_date, t.regime, t.main_object) == (date(2027, 3, 15), "concessie", "werken")
    path = tmp_path / "kade.tender.json"
    assert wizard.save_to(path)
    saved = load_tender(path)
    assert (saved.publication_date, saved.regime, saved.main_object) == (date(2027, 3, 15), "concessie", "werken")
    again = TenderWizard(library, AppSettings(), path, saved)
    qtbot.addWidget(again)
    again.go_to(PageId.CRITERIA)
    page = again.pages[PageId.BASICS]
    assert page.publication.date() == QDate(2027, 3, 15) and page.regime.currentData() == "concessie"
    assert page.main_object.currentData() == "werken"
    again.dirty = False
