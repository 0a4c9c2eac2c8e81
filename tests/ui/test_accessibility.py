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
    return accessibility


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
    from criteria_library import exchange
    from ui.exchange_dialogs import ImportPreviewDialog

    path = Path(__file__).parents[1] / "data" / "mini_pack.json"
    return show(qtbot, ImportPreviewDialog(exchange.plan_import(library, exchange.read_pack(path)), path))


def _monitoring(library, qtbot):
    from ui.monitoring_window import MonitoringWindow

    return show(qtbot, MonitoringWindow(library, None))


def _record(library, qtbot):
    from ui.monitoring_window import RecordDialog

    window = _monitoring(library, qtbot)
    return show(qtbot, RecordDialog(window, library))


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
    "record": _record, "history": _history, "update": _update, "conflicts": _conflicts, "drift": _drift,
    "help": _help, "scenarios": _scenarios, "simulator": _simulator, "cpv": _cpv,
}


@pytest.mark.parametrize("which", sorted(WINDOWS))
def test_every_dialog_names_its_controls(a11y, qtbot, library, which):
    window = WINDOWS[which](library, qtbot)
    assert_all_named(a11y, window, which)


def test_main_window_names_its_controls(a11y, qtbot, library, make_window):
    window = _main(make_window, library, qtbot)
    assert_all_named(a11y, window, "main window")



def test_the_application_names_controls_from_the_start(app):
    from ui import accessibility
    from ui.app import application

    assert application("nl") is app
    assert accessibility.installed(app)


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
    assert wizard.button(QWizard.WizardButton.NextButton).accessibleName() == "Volgende >"
    try:
        assert controller.switch_language("en")
        new = controller.window
        moved = new.wizards[0]
        qtbot.waitExposed(moved)
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
