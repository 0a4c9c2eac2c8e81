"""The Monitoring window and the wizard's 'Telt dit als circulair?' badge, driven by pressing buttons."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tender_assistant.monitoring.demo_register import demo_records
from tender_assistant.monitoring.register_store import RegisterStore
from tests.unit.tender_assistant.monitoring.test_importer import HEADER, ROWS, write_csv

pytestmark = pytest.mark.gui


@pytest.fixture
def window(app, qtbot, library, tmp_path: Path):
    from ui.monitoring_window import MonitoringWindow

    path = tmp_path / "register.db"
    with RegisterStore.open(path) as register:
        register.add_new(demo_records(library))
    w = MonitoringWindow(library, path)
    qtbot.addWidget(w)
    w.show()
    return w


def _button(window, text: str):
    from PySide6.QtWidgets import QToolBar, QToolButton

    bar = window.findChild(QToolBar, "monitoring_toolbar")
    action = next(a for a in bar.actions() if a.text() == text)
    return bar.widgetForAction(action) if isinstance(bar.widgetForAction(action), QToolButton) else action


def _press(qtbot, window, text: str) -> None:
    from PySide6.QtWidgets import QToolButton

    target = _button(window, text)
    if isinstance(target, QToolButton):
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    else:
        target.trigger()


def test_delete_and_undo_redo(window, qtbot) -> None:
    total = window.model.rowCount()
    assert total == 96
    window.table.selectRow(0)
    first = window.model.records[0].title
    _press(qtbot, window, "Verwijderen")
    assert window.model.rowCount() == total - 1 and window.register.count() == total - 1
    window.act_undo.trigger()
    assert window.model.rowCount() == total and first in [r.title for r in window.model.records]
    window.act_redo.trigger()
    assert window.register.count() == total - 1


def test_add_and_edit_through_the_dialog(window, qtbot, monkeypatch) -> None:
    from ui import register_dialogs

    def fill_and_accept(dialog) -> int:
        values = {"organisatie": "Gemeente Havendam", "titel": "Kantoorstoelen raadszaal", "gunningsdatum": "2025-10-01",
                  "waarde_eur": "125.000,00", "criteria": "MEU-M-01 MEU-G-01=15"}
        for key, value in values.items():
            dialog.fields[key].setText(value)
        dialog.package.setCurrentIndex(dialog.package.findData("meubilair"))
        dialog.accept()
        return int(dialog.result_record is not None)

    monkeypatch.setattr(register_dialogs.RecordDialog, "exec", fill_and_accept)
    total = window.register.count()
    _press(qtbot, window, "Toevoegen...")
    added = next(r for r in window.register.records() if r.title == "Kantoorstoelen raadszaal")
    assert window.register.count() == total + 1 and added.value_eur == 125_000 and added.source == "handmatig"
    assert [c.weight for c in added.criteria] == [None, 15]

    def lower_weight(dialog) -> int:
        dialog.fields["criteria"].setText("MEU-G-01=3")
        dialog.accept()
        return 1

    monkeypatch.setattr(register_dialogs.RecordDialog, "exec", lower_weight)
    window.table.selectRow(window.model.records.index(next(r for r in window.model.records if r.id == added.id)))
    _press(qtbot, window, "Bewerken...")
    edited = window.register.record(added.id)
    assert edited.uid == added.uid and edited.criteria[0].weight == 3
    window.act_undo.trigger()
    assert window.register.record(added.id).criteria[1].weight == 15


def test_bad_input_in_the_dialog_is_shown_and_nothing_is_saved(window, answers, monkeypatch) -> None:
    from ui import register_dialogs

    dialog = register_dialogs.RecordDialog(window, window.library)
    dialog.fields["organisatie"].setText("Gemeente Havendam")
    dialog.fields["titel"].setText("Iets")
    dialog.fields["gunningsdatum"].setText("volgende week")
    dialog.fields["waarde_eur"].setText("10")
    dialog.accept()
    assert dialog.result_record is None
    assert any("gunningsdatum" in text for _, text in answers.seen)


def test_import_with_other_headers_goes_through_the_mapping_dialog(window, tmp_path: Path, monkeypatch,
                                                                    operations, answers) -> None:
    from ui import register_dialogs

    other = ["Opdrachtgever", "Omschrijving", *HEADER[2:9], "Bedrag", *HEADER[10:]]
    path = write_csv(tmp_path / "lijst.csv", ROWS, header=other)

    def map_and_accept(dialog) -> int:
        dialog.boxes["organisatie"].setCurrentIndex(dialog.boxes["organisatie"].findData("Opdrachtgever"))
        dialog.boxes["titel"].setCurrentIndex(dialog.boxes["titel"].findData("Omschrijving"))
        dialog.boxes["waarde_eur"].setCurrentIndex(dialog.boxes["waarde_eur"].findData("Bedrag"))
        assert dialog.boxes["pakket"].currentData() == "pakket"  # same names are matched by themselves
        return 1

    monkeypatch.setattr(register_dialogs.HeaderMappingDialog, "exec", map_and_accept)
    total = window.register.count()
    window.import_path(path)
    operations.wait()
    assert window.register.count() == total + 3
    # the total read shows a misread amount (a factor of 1,000) before it counts (issue 26)
    assert ("information", "3 toegevoegd, 0 bijgewerkt, 0 stond(en) er al.\nGelezen: 3 contract(en), samen "
            "€ 2.145.000,50.") in answers.seen
    window.import_path(path)
    operations.wait()
    assert window.register.count() == total + 3  # twice adds nothing


def test_importing_notices_from_the_toolbar_adds_their_lots_and_says_what_was_left_out(
        window, qtbot, tmp_path: Path, monkeypatch, operations, answers) -> None:
    from PySide6.QtWidgets import QFileDialog

    from tests.unit.tender_assistant.monitoring.eforms_notices import Lot, write_notice

    first = write_notice(tmp_path / "meubilair.xml", [Lot("LOT-0001", "Stoelen"), Lot("LOT-0002", "Kasten",
                                                                                         winner=None)])
    second = write_notice(tmp_path / "kleding.xml", [Lot("LOT-0001", "Kleding", circular=True)],
                          notice_id="5d1a2b3c-0000-4000-8000-000000000009", buyers=("Gemeente A", "Gemeente B"))
    asked: list[str] = []

    def choose(parent, caption, folder, filters):
        asked.append(filters)
        return [str(first), str(second)], filters

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    total = window.register.count()
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # Importeren... by keyboard
    operations.wait()
    assert "*.xml" in asked[0]
    assert window.register.count() == total + 3  # one lot of one buyer, one lot of two buyers
    message = next(text for kind, text in answers.seen if kind == "information")
    assert message.startswith("3 toegevoegd") and "meubilair.xml, perceel LOT-0002: niet geïmporteerd" in message
    assert {r.title for r in window.register.records("Gemeente B")} == {"Kleding"}
    row = next(i for i, r in enumerate(window.model.records) if r.organisation == "Gemeente B")
    cells = [window.model.index(row, col) for col in (1, 8, 10)]
    assert [window.model.data(c) for c in cells[1:]] == ["verklaard", "aankondiging"]
    assert "winnaar: Circulair Meubel BV" in window.model.data(cells[0], Qt.ItemDataRole.ToolTipRole)
    window.tabs.setCurrentIndex(1)
    window.org.setCurrentIndex(window.org.findText("Gemeente B"))
    assert window.figures.horizontalHeaderItem(7).text() == "Verklaard"
    assert window.figures.item(0, 7).text() == "100,0%" and window.figures.item(0, 3).text() == "0,0%"
    assert "1 uit aankondigingen" in window.figures.item(0, 0).toolTip()
    assert "verklaard in de aankondiging" in window.headline.text()


def test_an_app_tender_and_its_notice_become_one_record_by_the_id_typed_in_or_by_asking(
        window, qtbot, tmp_path: Path, monkeypatch, operations, answers) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tender_assistant.monitoring.records import ContractRecord
    from tests.unit.tender_assistant.monitoring.eforms_notices import Lot, write_notice
    from ui import register_dialogs

    with RegisterStore.open(window.register.path) as register:
        register.add_new([ContractRecord("Gemeente Haveloo", "Werkkleding", cpv=["18100000-0"], value_eur=500_000,
                                         source="app"),
                          ContractRecord("Gemeente Haveloo", "Bedrijfskleding buitendienst", cpv=["18100000-0"],
                                         value_eur=900_000, source="app")])
    window.refresh()
    total = window.register.count()
    notice_id = "5d1a2b3c-0000-4000-8000-000000000077"

    def type_notice_id(dialog) -> int:
        dialog.fields["gunningsdatum"].setText("2025-03-03")  # an app record's award date is confirmed later
        dialog.fields["aankondiging"].setText(notice_id)
        dialog.accept()
        return 1

    monkeypatch.setattr(register_dialogs.RecordDialog, "exec", type_notice_id)
    window.table.selectRow(next(i for i, r in enumerate(window.model.records) if r.title == "Werkkleding"))
    _press(qtbot, window, "Bewerken...")
    first = write_notice(tmp_path / "a.xml", [Lot("LOT-0001", "Kleding", cpv="18100000", value=480_000,
                                                  winner="Textiel BV")], notice_id=notice_id,
                         buyers=("Gemeente Haveloo",))
    second = write_notice(tmp_path / "b.xml", [Lot("LOT-0001", "Bedrijfskleding en schoenen buitendienst",
                                                   cpv="18100000", value=650_000)],
                          buyers=("Gemeente Haveloo",))
    answers.question = QMessageBox.StandardButton.Yes
    window.import_paths([first, second])
    operations.wait()
    assert window.register.count() == total  # both notices met their app record
    asked = [text for kind, text in answers.seen if kind == "question"]
    assert len(asked) == 1 and "Bedrijfskleding en schoenen buitendienst" in asked[0]  # only the doubt is asked
    merged = {r.title: r for r in window.register.records("Gemeente Haveloo")}
    assert (merged["Werkkleding"].value_eur, merged["Werkkleding"].winner) == (480_000, "Textiel BV")
    assert merged["Bedrijfskleding buitendienst"].value_eur == 650_000
    assert merged["Bedrijfskleding buitendienst"].source == "app"

    def retitle(dialog) -> int:
        dialog.fields["titel"].setText("Werkkleding 2025")
        dialog.accept()
        return 1

    monkeypatch.setattr(register_dialogs.RecordDialog, "exec", retitle)
    window.table.selectRow(next(i for i, r in enumerate(window.model.records) if r.title == "Werkkleding"))
    _press(qtbot, window, "Bewerken...")
    edited = window.register.record(merged["Werkkleding"].id or 0)
    assert (edited.title, edited.winner, edited.notice_id) == ("Werkkleding 2025", "Textiel BV", notice_id)


def test_saving_the_report_starts_in_documents_confirms_and_writes_a_readable_file(
        window, qtbot, tmp_path: Path, monkeypatch, answers) -> None:
    import os
    import stat

    from PySide6.QtWidgets import QFileDialog

    from ui import monitoring_window

    documents = tmp_path / "Documenten"
    documents.mkdir()
    monkeypatch.setattr(monitoring_window, "documents_folder", lambda: documents)
    started: list[str] = []

    def choose(parent, caption, start, filters):
        started.append(start)
        return str(documents / "rapport.xlsx"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    window.tabs.setCurrentIndex(1)
    old = os.umask(0o022)
    try:
        qtbot.mouseClick(window.save_xlsx, Qt.MouseButton.LeftButton)
    finally:
        os.umask(old)
    assert started == [str(documents / "monitoring-2025.xlsx")]
    written = documents / "rapport.xlsx"
    assert stat.S_IMODE(written.stat().st_mode) == 0o644
    assert ("information", f"Opgeslagen: {written}") in answers.seen


def test_report_tab_shows_the_headline_figures_and_both_charts(window, qtbot) -> None:
    window.tabs.setCurrentIndex(1)
    assert window.year.value() == 2025
    assert window.headline.text().startswith("In 2025 kocht de regio (2 organisaties)")
    assert window.figures.rowCount() == 3 and window.figures.item(2, 0).text() == "Regio (som)"
    assert not window.share_chart.pixmap().isNull() and not window.package_chart.pixmap().isNull()
    window.org.setCurrentIndex(window.org.findData("Gemeente Havendam"))
    assert "Gemeente Havendam" in window.headline.text() and window.figures.rowCount() == 1
    before = window.figures.item(0, 1).text()
    window.annualised.setChecked(True)  # only this year's days of each contract
    assert window.figures.item(0, 1).text() != before
    assert "maal het deel van de contractdagen" in window.rule_text.text()


def test_main_window_opens_the_monitoring_window_from_its_menu(make_window, library) -> None:
    main = make_window(library)
    main.act_monitoring.trigger()
    assert main.monitoring_window.isVisible()
    assert main.monitoring_window.register.path == library.path.parent / "register.db"
    main.monitoring_window.close()


def test_wizard_badge_says_whether_it_counts_and_what_would_make_it(app, qtbot) -> None:
    from tender_assistant.tender import TenderCriterion
    from tests.unit.tender_assistant.conftest import tender as tender_fixture
    from tests.unit.tender_assistant.fake_library import FakeLibrary
    from ui.monitoring_badge import CircularBadge

    tender, fake_lib = tender_fixture.__wrapped__(), FakeLibrary()

    badge = CircularBadge()
    qtbot.addWidget(badge)
    badge.refresh(tender, fake_lib)
    assert badge.state == "counts" and "telt als circulair" in badge.text()
    badge.refresh(replace(tender, criteria=[TenderCriterion("BED-G-01", weight=3)]), fake_lib)
    assert badge.state == "not" and "verhoog de weging van BED-G-01 van 3% naar 5%" in badge.text()
    badge.refresh(replace(tender, criteria=[]), fake_lib)
    assert badge.state == "none"


def test_after_a_final_export_the_tender_is_offered_for_registration(app, library, answers) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from tender_assistant.tender import Tender, TenderCriterion
    from ui.monitoring_window import offer_registration, register_path_for

    tender = Tender(title="Kantoormeubilair stadhuis", organisation="Gemeente Havendam", package="meubilair",
                    estimated_value_eur=850_000, criteria=[TenderCriterion("MEU-M-01"),
                                                           TenderCriterion("MEU-G-01", weight=20)])
    parent = QWidget()
    answers.question = QMessageBox.StandardButton.No
    assert offer_registration(parent, tender, library) is None
    assert not register_path_for(library).exists()
    answers.question = QMessageBox.StandardButton.Yes
    [record] = offer_registration(parent, tender, library) or []
    assert record.source == "app" and record.award_date is None
    asked = len([kind for kind, _ in answers.seen if kind == "question"])
    assert offer_registration(parent, tender, library) is None  # a second export registers nothing new ...
    assert len([kind for kind, _ in answers.seen if kind == "question"]) == asked  # ... and does not ask (F15)
    with RegisterStore.open(register_path_for(library)) as register:
        [stored] = register.records()
    assert [c.weight for c in stored.criteria] == [None, 20] and stored.value_eur == 850_000


def test_a_joint_tender_with_lots_is_registered_per_lot_and_per_participant(app, library, answers) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from tender_assistant.tender import Tender, TenderCriterion
    from tender_assistant.tender_parts import Lot, LotCriterion, Participant
    from ui.monitoring_window import offer_registration, register_path_for

    tender = Tender(title="Kantoormeubilair", organisation="Gemeente A", package="meubilair",
                    estimated_value_eur=500_000, criteria=[TenderCriterion("MEU-M-01")],
                    participants=[Participant("Gemeente A", "penvoerder"), Participant("Gemeente B")],
                    lots=[Lot("1", "Nieuw", estimated_value_eur=300_000, criteria=[LotCriterion("MEU-M-01")]),
                          Lot("2", "Hergebruik", estimated_value_eur=200_000)])
    answers.question = QMessageBox.StandardButton.Yes
    records = offer_registration(QWidget(), tender, library) or []
    assert sorted((r.organisation, r.lot_id, r.value_eur) for r in records) == [
        ("Gemeente A", "1", 150_000), ("Gemeente A", "2", 100_000), ("Gemeente B", "1", 150_000),
        ("Gemeente B", "2", 100_000)]
    assert any("4 registraties (per perceel en per deelnemer)" in text for _, text in answers.seen)
    with RegisterStore.open(register_path_for(library)) as register:
        assert register.count() == 4
        assert {r.share_basis for r in register.records()} == {"gelijk deel"}


def test_the_wizard_pages_carry_the_badge(app, qtbot, library) -> None:
    from PySide6.QtWidgets import QLabel

    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    wizard = TenderWizard(library, AppSettings())
    qtbot.addWidget(wizard)
    for page in (PageId.CRITERIA, PageId.WEIGHTS):
        assert wizard.pages[page].findChild(QLabel, "circular_badge") is not None
    wizard.dirty = False


def test_with_db_the_command_line_the_checks_the_wizard_and_the_window_share_one_register(
        app, qtbot, tmp_path: Path, starter_db_template: Path, isolated_home: Path, capsys) -> None:
    """Before, `monitor` and `tender check` used the data folder's register while the window used the one beside
    --db: a rule set on the command line was not the rule the window reported with."""
    import json
    import shutil

    import main
    from criteria_library.store import LibraryStore
    from tender_assistant.tender import Tender, TenderCriterion, save_tender
    from ui.monitoring_window import MonitoringWindow
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard

    folder = tmp_path / "gedeeld"
    folder.mkdir()
    db = folder / "library.db"
    shutil.copy(starter_db_template, db)
    assert main.main(["--db", str(db), "monitor", "rule", "--min-weight", "3"]) == 0
    assert (folder / "register.db").exists() and not (isolated_home / "register.db").exists()

    tender = Tender(title="Kantoormeubilair", organisation="Gemeente Havendam", package="meubilair",
                    cpv=["39130000-2"], procedure="europees-openbaar", estimated_value_eur=600_000,
                    price_weight=97, criteria=[TenderCriterion("MEU-G-01", weight=3)])
    save_tender(tender, tmp_path / "t.tender.json")
    capsys.readouterr()
    main.main(["--db", str(db), "tender", "check", str(tmp_path / "t.tender.json"), "--json"])
    assert "circular-counts" in {f["code"] for f in json.loads(capsys.readouterr().out)}

    store = LibraryStore.open(db)
    try:
        window = MonitoringWindow(store)
        qtbot.addWidget(window)
        assert window.register.path == folder / "register.db" and window.register.rule().min_weight == 3
        window.close()
        wizard = TenderWizard(store, AppSettings())
        qtbot.addWidget(wizard)
        assert wizard.counting_rule().min_weight == 3
    finally:
        store.close()


def test_a_register_of_tenders_without_award_dates_opens_on_this_year_and_says_why_they_do_not_count(
        app, qtbot, library, tmp_path: Path) -> None:
    """Found by the exploratory run: ten registrations from the wizard (no award date yet) made the report open on
    2000 with empty charts, and the records vanished from every year without a word."""
    from datetime import date

    from ui.monitoring_window import MonitoringWindow

    path = tmp_path / "register.db"
    with RegisterStore.open(path) as register:
        register.add_new([replace(r, award_date=None) for r in demo_records(library)[:3]])
    w = MonitoringWindow(library, path)
    qtbot.addWidget(w)
    w.show()
    w.tabs.setCurrentIndex(1)
    assert w.year.value() == date.today().year
    assert "3 registratie(s) zonder gunningsdatum tellen in geen enkel jaar mee" in w.headline.text()


def test_the_register_table_shows_each_records_lot_and_share(app, qtbot, library, tmp_path: Path, answers) -> None:
    """Ten rows of one joint tender differed only by organisation and value: no lot, no share (finding M5)."""
    from PySide6.QtWidgets import QMessageBox, QWidget

    from tender_assistant.tender import Tender, TenderCriterion
    from tender_assistant.tender_parts import Lot, LotCriterion, Participant
    from ui.monitoring_window import MonitoringWindow, offer_registration, register_path_for

    tender = Tender(title="Kantoormeubilair", organisation="Gemeente A", package="meubilair",
                    estimated_value_eur=500_000, criteria=[TenderCriterion("MEU-M-01")],
                    participants=[Participant("Gemeente A", "penvoerder", 300_000), Participant("Gemeente B")],
                    lots=[Lot("1", "Nieuw", estimated_value_eur=300_000, criteria=[LotCriterion("MEU-M-01")]),
                          Lot("2", "Hergebruik", estimated_value_eur=200_000)])
    answers.question = QMessageBox.StandardButton.Yes
    offer_registration(QWidget(), tender, library)
    window = MonitoringWindow(library, register_path_for(library))
    qtbot.addWidget(window)
    model = window.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Perceel" in headers and "Aandeel" in headers
    lot, share = headers.index("Perceel"), headers.index("Aandeel")
    rows = sorted((model.data(model.index(r, 0)), model.data(model.index(r, lot)), model.data(model.index(r, share)))
                  for r in range(model.rowCount()))
    assert rows == [("Gemeente A", "1", "60,0%"), ("Gemeente A", "2", "60,0%"),
                    ("Gemeente B", "1", "gelijk deel 40,0%"), ("Gemeente B", "2", "gelijk deel 40,0%")]


@pytest.mark.parametrize("screen", [(1920, 1040), (1280, 690)])
def test_monitoring_in_presentation_mode_fits_the_screen_with_whole_columns_and_package_names(
        app, qtbot, library, tmp_path: Path, monkeypatch, screen) -> None:
    """D12: in presentation mode the window was 2053 pixels wide on a 1920 screen: register columns after 'Niveau'
    off-screen, 'Opslaan a...' cut, figures headed 'nen tell' with every amount '€ ...'; the Pakket column showed
    slugs ('ict-hardware')."""
    from PySide6.QtCore import QRect

    import ui.screen_fit
    from ui import presentation
    from ui.monitoring_window import MonitoringWindow

    monkeypatch.setattr(ui.screen_fit, "available", lambda _widget: QRect(0, 0, *screen))
    path = tmp_path / "register.db"
    with RegisterStore.open(path) as register:
        register.add_new(demo_records(library))
    presentation.apply(app, True)
    try:
        w = MonitoringWindow(library, path)
        qtbot.addWidget(w)
        w.show()
        w.tabs.setCurrentIndex(1)
        for _ in range(3):
            app.processEvents()
        assert w.width() <= screen[0] and w.minimumSizeHint().width() <= screen[0]
        assert w.height() <= screen[1]
        for button in (w.save_xlsx, w.save_docx):
            right = button.mapTo(w, button.rect().topRight()).x()
            assert button.isVisible() and right <= w.width(), f"'{button.text()}' is cut off"
        header = w.figures.horizontalHeader()
        fm = w.figures.fontMetrics()
        for column in range(w.figures.columnCount()):
            name = w.figures.horizontalHeaderItem(column).text()
            assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(name), f"'{name}' is cut"
            for row in range(w.figures.rowCount()):
                text = w.figures.item(row, column).text()
                assert header.sectionSize(column) >= fm.horizontalAdvance(text), f"'{text}' is cut off"
        names = {p.slug: p.name("nl") for p in library.packages()}
        shown = {w.model.data(w.model.index(row, 3)) for row in range(w.model.rowCount())}
        assert shown - {""} <= set(names.values()) and not shown & set(names)
    finally:
        presentation.apply(app, False)
