"""Accessibility: every control has a name a screen reader can say, the wizard runs on the keyboard alone, and
the focused control is visibly marked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

pytestmark = pytest.mark.gui


@pytest.fixture
def a11y(app):
    from ui import accessibility

    accessibility.install(app)
    yield accessibility
    accessibility.uninstall(app)


def describe(widget: QWidget) -> str:
    """A control as a developer finds it: its class, object name and the chain of parents' object names."""
    chain = []
    parent = widget.parentWidget()
    while parent is not None and len(chain) < 4:
        chain.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    text = getattr(widget, "text", lambda: "")()
    return f"{type(widget).__name__}({widget.objectName()!r}, text={text!r}) in {'/'.join(chain)}"


def show(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    return widget


def assert_all_named(a11y, root: QWidget, where: str) -> None:
    """No visible control that takes the focus lacks a name, on every tab of the window too."""
    from PySide6.QtWidgets import QTabWidget

    QApplication.processEvents()  # names are given on the event loop's next turn after a control is shown
    missing = a11y.unnamed(root)
    for tabs in root.findChildren(QTabWidget):
        if tabs.isVisible():
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                QApplication.processEvents()
                missing += [w for w in a11y.unnamed(root) if w not in missing]
    assert not missing, f"{where}: controls without an accessible name:\n" + "\n".join(map(describe, missing))


def _wizard(library, qtbot):
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard

    wizard = TenderWizard(library, AppSettings())
    wizard.tender.title = "Kantoorstoelen"
    wizard.tender.description = "bureaustoelen en bureaus met hergebruik van bestaand meubilair"
    return show(qtbot, wizard)


def test_every_wizard_page_names_its_controls(a11y, qtbot, library):
    from ui.wizard.base import PageId

    wizard = _wizard(library, qtbot)
    for page_id in PageId:
        wizard.go_to(page_id)
        assert wizard.currentId() == page_id
        QApplication.processEvents()
        assert_all_named(a11y, wizard, page_id.name)
    wizard.dirty = False


def _main(make_window, library, qtbot):
    window = make_window(library)
    return show(qtbot, window)


def _editor(library, qtbot):
    from ui.criterion_editor import CriterionEditor

    return show(qtbot, CriterionEditor.for_existing(library, library.criterion_ids()[0]))


def _settings(library, qtbot):
    from ui.settings import AppSettings
    from ui.settings_dialog import SettingsDialog

    return show(qtbot, SettingsDialog(library, AppSettings()))


def _export(library, qtbot):
    from ui.exchange_dialogs import ExportDialog
    from ui.settings import AppSettings

    return show(qtbot, ExportDialog(library, AppSettings(), None))


def _import(library, qtbot):
    from criteria_library.pack_import import plan_import
    from criteria_library.pack_reading import read_pack
    from ui.exchange_dialogs import ImportPreviewDialog

    path = Path(__file__).parents[1] / "data" / "mini_pack.json"
    return show(qtbot, ImportPreviewDialog(plan_import(library, read_pack(path)), path))


def _monitoring(library, qtbot):
    from tender_assistant.monitoring.demo_register import demo_records
    from tender_assistant.monitoring.register_store import RegisterStore
    from ui.monitoring_window import MonitoringWindow

    path = Path(library.path).with_name("register.db")
    with RegisterStore.open(path) as register:
        if not register.existing([r.identity() for r in demo_records(library)]):
            register.add_new(demo_records(library))
    return show(qtbot, MonitoringWindow(library, path))


def _record(library, qtbot):
    from ui.register_dialogs import RecordDialog

    window = _monitoring(library, qtbot)
    return show(qtbot, RecordDialog(window, library))


def _mapping(library, qtbot):
    from ui.register_dialogs import HeaderMappingDialog

    owner = QWidget()
    qtbot.addWidget(owner)
    dialog = show(qtbot, HeaderMappingDialog(owner, ["Organisatie", "Omschrijving", "Bedrag"]))
    dialog.keep_alive = owner
    return dialog


def _history(library, qtbot):
    from ui.history_dialog import HistoryDialog

    return show(qtbot, HistoryDialog(library, library.criterion_ids()[0]))


def _update(library, qtbot):
    from ui.release_dialogs import UpdateDialog

    return show(qtbot, UpdateDialog(library))


def _conflicts(library, qtbot):
    from ui.release_dialogs import ConflictDialog

    return show(qtbot, ConflictDialog(library))


def _drift(library, qtbot):
    from ui.release_dialogs import DriftDialog

    return show(qtbot, DriftDialog(library, None))


def _help(library, qtbot):
    from ui.help_dialog import HelpDialog

    return show(qtbot, HelpDialog())


def _scenarios(library, qtbot):
    from ui.scenario_dialog import ScenarioDialog

    return show(qtbot, ScenarioDialog())


def _simulator(library, qtbot):
    from ui.wizard.base import PageId

    wizard = _wizard(library, qtbot)
    wizard.go_to(PageId.WEIGHTS)
    page = wizard.pages[PageId.WEIGHTS]
    page.open_simulator()
    wizard.dirty = False
    qtbot.waitExposed(page.simulator)
    page.simulator.keep_alive = wizard  # the dialog is the wizard's child
    return page.simulator


def _cpv(library, qtbot):
    from ui.wizard.basics import CpvPicker

    return show(qtbot, CpvPicker())


WINDOWS: dict[str, Callable] = {
    "editor": _editor, "settings": _settings, "export": _export, "import": _import, "monitoring": _monitoring,
    "record": _record, "mapping": _mapping, "history": _history, "update": _update, "conflicts": _conflicts, "drift": _drift,
    "help": _help, "scenarios": _scenarios, "simulator": _simulator, "cpv": _cpv,
}


@pytest.mark.parametrize("which", sorted(WINDOWS))
def test_every_dialog_names_its_controls(a11y, qtbot, library, which):
    window = WINDOWS[which](library, qtbot)
    assert_all_named(a11y, window, which)
    assert mnemonic_clashes(window) == {}, which


def test_main_window_names_its_controls(a11y, qtbot, library, make_window):
    window = _main(make_window, library, qtbot)
    assert_all_named(a11y, window, "main window")



def test_a_button_beside_a_field_says_which_field_it_serves(a11y, qtbot, library):
    """Two 'Bladeren...' buttons on the export page: a screen reader tells them apart by their form row."""
    from ui.wizard.base import PageId

    wizard = _wizard(library, qtbot)
    wizard.go_to(PageId.EXPORT)
    QApplication.processEvents()
    page = wizard.pages[PageId.EXPORT]
    browse = [b for b in page.findChildren(QWidget) if getattr(b, "text", lambda: "")() == "Bladeren..."]
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    page.out_edit.setFocus()
    for button in [*browse, page.export_button]:
        tab_to(lambda w, button=button: w is button, button.text())  # described when the focus gets there
    assert {b.accessibleName() for b in browse} == {"Bladeren..."}
    assert {b.accessibleDescription() for b in browse} == {"Document", "Huisstijl"}
    assert page.export_button.accessibleDescription() == ""  # its own text says it all
    wizard.dirty = False


def test_the_application_names_controls_from_the_start(app):
    from ui import accessibility
    from ui.app import application

    try:
        assert application("nl") is app
        assert accessibility.installed(app)
    finally:
        accessibility.uninstall(app)
    assert not accessibility.installed(app)


def test_names_follow_a_live_language_switch(a11y, app, qtbot, library):
    """After switching to English the wizard's buttons and fields are announced in English, not in Dutch."""
    from PySide6.QtWidgets import QWizard

    from ui import i18n
    from ui.app import AppController
    from ui.settings import AppSettings

    controller = AppController(app, AppSettings())
    window = controller.open_library(library.path)
    wizard = window.new_tender()
    qtbot.waitExposed(wizard)
    QApplication.processEvents()
    assert wizard.button(QWizard.WizardButton.NextButton).accessibleName() == "Volgende >"
    try:
        assert controller.switch_language("en")
        new = controller.window
        moved = new.wizards[0]
        qtbot.waitExposed(moved)
        QApplication.processEvents()
        assert moved.button(QWizard.WizardButton.NextButton).accessibleName() == "Next >"
        assert moved.button(QWizard.WizardButton.CustomButton1).accessibleName() == "Save"
        assert_all_named(a11y, moved, "wizard in English")
        assert_all_named(a11y, new, "main window in English")
        moved.dirty = False
        new.shutdown()
        new.close()
    finally:
        controller.store.close()
        i18n.install(app, "nl")


# ------------------------------------------------------------------ the keyboard alone
def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(name: str, modifiers=None) -> None:
    """Press one key on whatever has the focus, as a keyboard does ('Tab', 'Space', 'Down', 'V' with Alt...)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(focused(), getattr(Qt.Key, f"Key_{name}"), modifiers or Qt.KeyboardModifier.NoModifier)
    QApplication.processEvents()


def alt(letter: str) -> None:
    """Alt+letter: the button with that underlined letter; a button's mnemonic clicks it animated (100 ms)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    key(letter.upper(), Qt.KeyboardModifier.AltModifier)
    QTest.qWait(200)


def ctrl(letter: str) -> None:
    from PySide6.QtCore import Qt

    key(letter.upper(), Qt.KeyboardModifier.ControlModifier)


def type_keys(text: str) -> None:
    from tests.ui.test_editor import type_text

    type_text(focused(), text)
    QApplication.processEvents()


def tab_to(condition: Callable[[QWidget], bool], what: str, limit: int = 80) -> QWidget:
    """Press Tab until a control the condition accepts has the focus (a person tabbing to a field)."""
    for _ in range(limit):
        if condition(focused()):
            return focused()
        key("Tab")
    raise AssertionError(f"Tab never reached {what}")


def tab_chain(window: QWidget, backwards: bool = False, limit: int = 150) -> list[QWidget]:
    """The controls Tab (or Shift+Tab) visits from the focus until it comes back round to where it started."""
    start = focused()
    chain = [start]
    for _ in range(limit):
        key("Backtab" if backwards else "Tab")
        if focused() is start:
            return chain
        if focused() not in chain:
            chain.append(focused())
    raise AssertionError(f"focus trap: Tab never came back to {describe(start)}; stuck at {describe(focused())}")


def reachable(window: QWidget) -> list[QWidget]:
    """The visible, enabled controls a person expects to reach with Tab."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QHeaderView

    from ui import accessibility

    found = []
    for w in window.findChildren(QWidget):
        if (isinstance(w, accessibility.CONTROLS) and not isinstance(w, QHeaderView) and w.isVisible()
                and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None):
            if isinstance(w, QAbstractButton) and w.autoExclusive() and not w.isChecked():
                continue  # radio buttons: Tab reaches the checked one, the arrows the others
            found.append(w)
    return found



def mnemonic_clashes(window: QWidget) -> dict[str, list[str]]:
    """Alt+letter keys that two visible buttons or field labels share (Alt then only moves the focus)."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    found: dict[str, list[str]] = {}
    for w in window.findChildren(QWidget):
        if w.isVisible() and (isinstance(w, QAbstractButton) or (isinstance(w, QLabel) and w.buddy() is not None)):
            match = re.search(r"&([^&\s])", w.text().replace("&&", ""))
            if match:
                found.setdefault(match.group(1).lower(), []).append(w.text())
    return {letter: texts for letter, texts in found.items() if len(texts) > 1}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_two_controls_share_an_alt_letter_on_any_wizard_page(a11y, app, qtbot, library, language):
    """Alt+V was both 'Voorstel herstellen' and 'Volgende', Alt+S both 'Simuleer' and 'Sluiten': then Alt only
    moves the focus between them and the page cannot be left with the keyboard's mnemonic."""
    from ui import i18n
    from ui.wizard.base import PageId

    assert i18n.install(app, language)
    try:
        wizard = _wizard(library, qtbot)
        for page_id in PageId:
            wizard.go_to(page_id)
            QApplication.processEvents()
            assert mnemonic_clashes(wizard) == {}, page_id.name
        wizard.dirty = False
    finally:
        i18n.install(app, "nl")


def check_tab_order(window: QWidget, where: str) -> None:
    """Tab and Shift+Tab each visit every control of the page and the wizard's buttons, and come back round."""
    forward = tab_chain(window)
    missing = [w for w in reachable(window) if w not in forward]
    assert not missing, f"{where}: Tab never reaches:\n" + "\n".join(map(describe, missing))
    backward = tab_chain(window, backwards=True)
    assert set(backward) == set(forward), where


def test_a_tender_drafted_with_the_keyboard_alone(a11y, app, qtbot, library, make_window, tmp_path, monkeypatch,
                                                 answers):
    """From the main window to a saved tender and a Word document without a mouse: shortcuts, typing, Tab,
    arrows, Space and Alt+letter only. (The operating system's file chooser is answered by a stub.)"""
    import json

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog, QRadioButton, QTreeWidget

    from criteria_library.models import Kind
    from ui.wizard.base import PageId

    saved_as = tmp_path / "kantoorstoelen.tender.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(saved_as), "")))
    window = make_window(library)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    ctrl("N")  # Bestand > Nieuwe aanbesteding
    qtbot.waitUntil(lambda: len(window.wizards) == 1)
    wizard = window.wizards[0]
    qtbot.waitUntil(wizard.isActiveWindow)
    basics = wizard.pages[PageId.BASICS]
    assert focused() is basics.title_edit, "typing starts in the title field"
    type_keys("Kantoorstoelen voor het stadhuis")
    key("Tab")
    type_keys("Gemeente Zaanstad")
    key("Tab")
    type_keys("Bureaustoelen en bureaus; hergebruik van bestaand meubilair.")
    check_tab_order(wizard, "BASICS")

    def next_page(expected: PageId) -> None:
        alt("V")  # Volgende
        qtbot.waitUntil(lambda: wizard.currentId() == expected)
        QApplication.processEvents()

    next_page(PageId.PACKAGE)
    assert wizard.tender.package == "meubilair"
    check_tab_order(wizard, "PACKAGE")

    next_page(PageId.AMBITION)
    level = wizard.tender.ambition_level
    radio = tab_to(lambda w: isinstance(w, QRadioButton), "the ambition levels")
    assert radio.isChecked()
    key("Down")
    assert wizard.tender.ambition_level == level + 1
    check_tab_order(wizard, "AMBITION")

    next_page(PageId.CRITERIA)
    page = wizard.pages[PageId.CRITERIA]
    tree = tab_to(lambda w: isinstance(w, QTreeWidget), "the criteria list")
    award = {cid for cid, c in page.criteria.items() if Kind(c.kind) == Kind.AWARD}
    ticked = None
    for _ in range(len(page.items) + 10):
        item = tree.currentItem()
        cid = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if cid in award and item.checkState(0) == Qt.CheckState.Unchecked:
            ticked = cid
            break
        key("Down")
    assert ticked, "an award criterion that was not suggested"
    key("Space")
    assert page.items[ticked].checkState(0) == Qt.CheckState.Checked
    assert ticked in wizard.tender.criterion_ids()
    check_tab_order(wizard, "CRITERIA")

    next_page(PageId.CLAUSES)
    check_tab_order(wizard, "CLAUSES")

    next_page(PageId.WEIGHTS)
    weights = wizard.pages[PageId.WEIGHTS]
    tab_to(lambda w: w is weights.price_spin, "the price weight")
    ctrl("A")
    type_keys("40")
    assert wizard.tender.price_weight == 40
    alt("D")  # Verdelen volgens advies: the other 60 % over the award criteria as advised
    assert weights.total_weight() == 100 and wizard.tender.price_weight == 40
    assert focused() is weights.price_spin, "the focus stays on the weight it was on"
    tab_to(lambda w: w is weights.spins[ticked], f"the weight of {ticked}")
    ctrl("A")
    type_keys("25")
    assert wizard.tender.entry(ticked).weight == 25
    other = next(cid for cid in weights.spins if cid != ticked)
    tab_to(lambda w: w is weights.spins[other], f"the weight of {other}")
    rest = 100 - (weights.total_weight() - weights.spins[other].value())  # what the total line asks for
    ctrl("A")
    type_keys(str(rest))
    assert "100" in weights.total.text() and weights.total_weight() == 100
    check_tab_order(wizard, "WEIGHTS")

    next_page(PageId.PROCEDURE)
    procedure = wizard.pages[PageId.PROCEDURE]
    tab_to(lambda w: w is procedure.values["contactpersoon"], "the contact person")
    type_keys("Inkoopbureau, inkoop@zaanstad.nl")
    deadline = procedure.dates["submission_deadline"]
    tab_to(lambda w: w is deadline.known, "the submission deadline's tick box")
    key("Space")
    assert wizard.tender.planning.submission_deadline is not None
    check_tab_order(wizard, "PROCEDURE")

    next_page(PageId.REVIEW)
    check_tab_order(wizard, "REVIEW")

    next_page(PageId.EXPORT)
    export = wizard.pages[PageId.EXPORT]
    document = tmp_path / "kantoorstoelen.docx"
    tab_to(lambda w: w is export.out_edit, "the document field")
    ctrl("A")
    type_keys(str(document))
    check_tab_order(wizard, "EXPORT")
    alt("E")  # Exporteren
    qtbot.waitUntil(document.exists, timeout=20000)
    qtbot.waitUntil(lambda: "kantoorstoelen.docx" in export.result.text())

    ctrl("S")  # Opslaan: the file chooser (stubbed) suggests the place
    qtbot.waitUntil(saved_as.exists)
    saved = json.loads(saved_as.read_text(encoding="utf-8"))
    assert saved["title"] == "Kantoorstoelen voor het stadhuis"
    assert saved["organisation"] == "Gemeente Zaanstad"
    assert saved["description"] == "Bureaustoelen en bureaus; hergebruik van bestaand meubilair."
    assert saved["package"] == "meubilair" and saved["ambition_level"] == level + 1
    assert saved["price_weight"] == 40
    chosen = {c["id"]: c for c in saved["criteria"]}
    assert chosen[ticked]["weight"] == 25
    assert 40 + sum(c.get("weight") or 0 for c in chosen.values()) == 100
    assert saved["values"]["contactpersoon"] == "Inkoopbureau, inkoop@zaanstad.nl"
    assert saved["version"] == 3 and saved["submission_deadline"]

    alt("S")  # Sluiten: saved, so the wizard closes without asking
    qtbot.waitUntil(lambda: not wizard.isVisible())


# ------------------------------------------------------------------ focus visible
def ring_pixels(window: QWidget, control: QWidget, colour: str) -> int:
    """How many pixels of the band just around (and on the edge of) the control have the focus colour."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QColor, QRegion

    top_left = control.mapTo(window, QPoint(0, 0))
    rect = QRect(top_left, control.size())
    image = window.grab().toImage()
    band = QRegion(rect.adjusted(-3, -3, 3, 3)) - QRegion(rect.adjusted(3, 3, -3, -3))
    want = QColor(colour).rgb()
    return sum(1 for r in band for x in range(r.left(), r.right() + 1) for y in range(r.top(), r.bottom() + 1)
               if 0 <= x < image.width() and 0 <= y < image.height() and image.pixel(x, y) == want)


@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "presentation"])
def test_the_focused_control_is_ringed_in_a_strong_colour(a11y, app, qtbot, library, presenting):
    """Tab to a line edit, then to a button: each shows a thick ring while it has the focus and none after."""
    from PySide6.QtWidgets import QDialogButtonBox

    from ui import presentation
    from ui.settings import AppSettings
    from ui.settings_dialog import SettingsDialog

    presentation.apply(app, presenting)
    try:
        colour = a11y.FOCUS_COLOUR_PRESENTATION if presenting else a11y.FOCUS_COLOUR
        dialog = SettingsDialog(library, AppSettings())
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        name_edit = dialog.author
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        looks = {}

        def look(control: QWidget) -> object:
            from PySide6.QtCore import QPoint, QRect

            return dialog.grab(QRect(control.mapTo(dialog, QPoint(0, 0)), control.size()).adjusted(-3, -3, 3, 3))\
                .toImage()

        name_edit.setFocus()  # where the dialog starts; from here on the keyboard moves the focus
        QApplication.processEvents()
        looks["edit focused"], looks["button"] = look(name_edit), look(ok)
        assert ring_pixels(dialog, name_edit, colour) >= 2 * (name_edit.width() + name_edit.height())
        assert ring_pixels(dialog, ok, colour) == 0
        tab_to(lambda w: w is ok, "the OK button")
        looks["button focused"], looks["edit"] = look(ok), look(name_edit)
        assert ring_pixels(dialog, ok, colour) >= 2 * (ok.width() + ok.height())
        assert ring_pixels(dialog, name_edit, colour) == 0
        assert looks["edit focused"] != looks["edit"] and looks["button focused"] != looks["button"]
    finally:
        presentation.apply(app, False)


def test_the_ring_around_a_pane_of_a_splitter_is_no_pane_itself(a11y, app, qtbot, library, make_window):
    """The package list, the table and the details sit in a splitter: ringing one must not add a fourth pane."""
    window = make_window(library)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panes = window.splitter.count()
    ctrl("1")  # Naar de pakketten
    assert focused() is window.package_view
    assert ring_pixels(window, window.package_view, a11y.FOCUS_COLOUR) > window.package_view.height()
    ctrl("3")  # Naar de details
    assert focused() is window.details
    assert window.splitter.count() == panes


@pytest.mark.parametrize("which", [*sorted(WINDOWS), "main window"])
def test_tab_reaches_every_control_of_each_window_and_comes_back_round(a11y, app, qtbot, library, make_window,
                                                                       which):
    """No focus traps: the criteria table (and the register, the bids) passed Tab from cell to cell for ever."""
    from PySide6.QtWidgets import QTabWidget

    window = _main(make_window, library, qtbot) if which == "main window" else WINDOWS[which](library, qtbot)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    if which == "main window":
        window.select_criterion(library.criterion_ids()[0])  # a current cell, as after a click or Ctrl+2
    tabs = [t for t in window.findChildren(QTabWidget) if t.isVisible()]
    for index in range(max([t.count() for t in tabs], default=1)):
        for t in tabs:
            t.setCurrentIndex(min(index, t.count() - 1))
        QApplication.processEvents()
        if QApplication.focusWidget() is None or not QApplication.focusWidget().isVisible():
            window.focusNextChild()
        check_tab_order(window, f"{which}, tab {index}")
