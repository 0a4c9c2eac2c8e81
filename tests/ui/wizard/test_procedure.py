"""The procedure's facts (issue 19): planning dates, contact, platform, complaints desk, exclusion grounds, the tie
rule, the lowest-price motivation and the purchase conditions, typed in the wizard and saved in the tender file."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from tender_assistant.tender import load_tender
from tests.ui.test_editor import type_text
from tests.ui.wizard.test_basics import click, save_and_read
from tests.ui.wizard.test_lot_selector import choose

pytestmark = pytest.mark.gui


@pytest.fixture
def wizard(app, qtbot, library, tmp_path):
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    w = TenderWizard(library, AppSettings(tmp_path))
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    w.tender.title = "Verkeersborden Zaanstad"
    w.tender.description = "verkeersborden"
    w.go_to(PageId.PROCEDURE)
    assert w.currentId() == PageId.PROCEDURE
    yield w
    w.dirty = False


def set_date(qtbot, field, day: date) -> None:
    click(qtbot, field.known)
    field.edit.setFocus()
    field.edit.setDate(QDate(day.year, day.month, day.day))


def test_the_procedures_facts_are_saved_and_come_back(qtbot, wizard, tmp_path, monkeypatch, app, library):
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    page = wizard.pages[PageId.PROCEDURE]
    set_date(qtbot, page.dates["publication_date"], date(2027, 1, 11))
    set_date(qtbot, page.dates["questions_deadline"], date(2027, 1, 25))
    set_date(qtbot, page.dates["answers_date"], date(2027, 2, 5))
    set_date(qtbot, page.dates["submission_deadline"], date(2027, 2, 22))
    page.validity.setFocus()
    QTest.keyClick(page.validity, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(page.validity, "90")
    click(qtbot, page.prior_notice)
    type_text(page.values["contactpersoon"], "J. de Vries, inkoop@zaanstad.nl")
    type_text(page.values["platform"], "TenderNed")
    type_text(page.values["klachtenmeldpunt"], "klachtenmeldpunt@zaanstad.nl")
    type_text(page.grounds, "2.87.1.c, 2.87.1.d")
    choose(page.tie_rule, "laagste prijs")
    assert page.tie_text.text().startswith("De inschrijving met de laagste beoordelingsprijs gaat voor")
    type_text(page.purchase_conditions, "ARIV 2018")
    type_text(page.lowest_price, "Genormaliseerde borden; kwaliteit ligt vast in de eisen.")

    data = save_and_read(qtbot, wizard, tmp_path / "borden.tender.json", monkeypatch)
    assert data["version"] == 3
    assert data["publication_date"] == "2027-01-11" and data["questions_deadline"] == "2027-01-25"
    assert data["answers_date"] == "2027-02-05" and data["submission_deadline"] == "2027-02-22"
    assert data["award_decision_date"] is None and data["bid_validity_days"] == 90
    assert data["prior_information_notice"] is True and data["electronic_submission"] is True
    assert data["values"] == {"contactpersoon": "J. de Vries, inkoop@zaanstad.nl", "platform": "TenderNed",
                              "klachtenmeldpunt": "klachtenmeldpunt@zaanstad.nl"}
    assert data["optional_exclusion_grounds"] == ["2.87.1.c", "2.87.1.d"]
    assert data["tie_rule"] == "prijs-loting" and data["purchase_conditions"] == "ARIV 2018"
    assert data["lowest_price_reason"] == "Genormaliseerde borden; kwaliteit ligt vast in de eisen."

    path = tmp_path / "borden.tender.json"
    again = TenderWizard(library, AppSettings(tmp_path), path, load_tender(path))
    qtbot.addWidget(again)
    again.show()
    again.go_to(PageId.PROCEDURE)
    page = again.pages[PageId.PROCEDURE]
    assert page.dates["submission_deadline"].value() == date(2027, 2, 22)
    assert page.dates["award_decision_date"].value() is None
    assert page.values["klachtenmeldpunt"].text() == "klachtenmeldpunt@zaanstad.nl"
    assert page.tie_rule.currentData() == "prijs-loting" and page.validity.value() == 90
    assert not again.dirty


def test_emptying_a_fact_removes_it_and_a_finding_leads_to_its_field(qtbot, wizard):
    from ui.wizard.base import PageId

    page = wizard.pages[PageId.PROCEDURE]
    type_text(page.values["contactpersoon"], "J")
    assert wizard.tender.values["contactpersoon"] == "J"
    page.values["contactpersoon"].setFocus()
    QTest.keyClick(page.values["contactpersoon"], Qt.Key.Key_Backspace)
    assert "contactpersoon" not in wizard.tender.values  # an empty value is no value (the check asks for it)

    wizard.show_place("values.contactpersoon")
    assert wizard.currentId() == PageId.PROCEDURE and page.values["contactpersoon"].hasFocus()
    wizard.show_place("submission_deadline")
    assert page.dates["submission_deadline"].known.hasFocus()
    wizard.show_place("lowest_price_reason")
    assert page.lowest_price.hasFocus()


def test_every_fact_the_set_needs_has_a_field_and_lands_in_the_tender(wizard, qtbot) -> None:
    """A final set holds no gap, so every tender-wide fact the documents ask for (closing time, evidence term,
    functional specification, the restricted procedure's selection ...) can be typed here, not only in the file."""
    from tender_assistant.document_checks import DOCUMENT_FACTS
    from tender_assistant.tender import PROCEDURE_VALUES
    from ui.wizard.base import PageId

    page = wizard.pages[PageId.PROCEDURE]
    assert set(DOCUMENT_FACTS) | set(PROCEDURE_VALUES) <= set(page.values)
    page.values["tijdstip_inschrijving"].setFocus()
    type_text(page.values["tijdstip_inschrijving"], "12.00 uur")
    type_text(page.values["functionele_specificatie"], "bijlage 1, Functionele specificatie")
    assert wizard.tender.values["tijdstip_inschrijving"] == "12.00 uur"
    assert wizard.tender.values["functionele_specificatie"] == "bijlage 1, Functionele specificatie"


def test_ticking_a_date_known_starts_after_the_planning_so_far_not_today(qtbot, wizard):
    """Ticking 'bekend' put today's date in the field, before the publication, without a word (finding B5)."""
    from ui.wizard.base import PageId

    page = wizard.pages[PageId.PROCEDURE]
    set_date(qtbot, page.dates["publication_date"], date(2027, 1, 11))
    questions = page.dates["questions_deadline"]
    click(qtbot, questions.known)
    assert questions.value() == date(2027, 1, 11) and wizard.tender.planning.questions_deadline == date(2027, 1, 11)
    assert questions.known.hasFocus()  # Tab goes on to the date, as before
