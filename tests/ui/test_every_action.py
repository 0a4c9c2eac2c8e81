"""Every button people press: each main-window menu entry and each wizard button does what it says."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QMessageBox, QWizard

pytestmark = pytest.mark.gui


@pytest.fixture
def seen(monkeypatch, answers):
    """Every dialog, file chooser and message box the actions open, recorded instead of shown."""
    log: list[str] = []

    def exec_dialog(self):
        log.append(f"dialog:{type(self).__name__}")
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", exec_dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: log.append("open-file") or ("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: log.append("save-file") or ("", "")))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a, **k: log.append("about")))
    answers.question = QMessageBox.StandardButton.No
    yield log
    log.extend(f"message:{kind}" for kind, _text in answers.seen)


def menu_actions(window) -> dict[str, object]:
    """The actions reachable from the menu bar, by object name, as a person finds them."""
    found: dict[str, object] = {}

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif action.objectName():
                found[action.objectName()] = action

    for top in window.menuBar().actions():
        walk(top.menu())
    return found


def test_every_menu_entry_does_something_visible(make_window, fresh_db, qtbot, seen, answers, app):
    opened_demo: list[bool] = []
    window = make_window(fresh_db, open_demo=lambda: opened_demo.append(True))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    actions = menu_actions(window)
    assert len(actions) >= 25

    def effect_of(name: str) -> None:
        window.activateWindow()  # the wizard or an editor opened by the previous entry has the focus now
        qtbot.waitUntil(window.isActiveWindow)
        window.select_criterion("MEU-M-01")
        if name == "act_find":  # the window opens with the search focused; Ctrl+F is pressed from elsewhere
            window.table.setFocus()
        action = actions[name]
        if not action.isEnabled():
            return
        before = (len(seen), len(answers.seen), len(window.wizards), len(window.editors),
                  QApplication.focusWidget(), window.statusBar().currentMessage())
        action.trigger()
        QApplication.processEvents()
        after = (len(seen), len(answers.seen), len(window.wizards), len(window.editors),
                 QApplication.focusWidget(), window.statusBar().currentMessage())
        assert after != before or name in CHECKED_ELSEWHERE, f"{name} did nothing a user could see"
        if name == "act_new_tender":
            assert after[2] == before[2] + 1, "Nieuwe aanbesteding opens the wizard"
        if name in ("act_new_criterion", "act_edit"):
            assert after[3] == before[3] + 1, f"{name} opens the editor"

    # status entries ask first (answered No here) and are pressed in test_main_window; presentation in
    # test_presentation; check and re-index run in a worker and report when done
    CHECKED_ELSEWHERE = {"act_presentation", "act_status_review", "act_status_publish", "act_status_concept",
                         "act_status_retire", "act_refresh", "act_demo", "act_quit", "act_reindex", "act_check"}
    for name in actions:
        if name != "act_quit":
            effect_of(name)
    assert any(s.startswith("dialog:Settings") for s in seen)
    assert "open-file" in seen and "about" in seen
    assert opened_demo == [True]
    window.act_presentation.setChecked(False)
    for wizard in window.wizards:
        wizard.dirty = False
    for editor in list(window.editors):
        editor.close()
    actions["act_quit"].trigger()
    QApplication.processEvents()
    assert not window.isVisible()


def test_every_wizard_button_when_pressed(app, qtbot, library, seen, tmp_path, monkeypatch):
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    wizard = TenderWizard(library, AppSettings())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.tender.title = "Kantoorstoelen"
    wizard.tender.description = "bureaustoelen met lange garantie"
    wizard.pages[PageId.BASICS].initializePage()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    back_button = wizard.button(QWizard.WizardButton.BackButton)
    qtbot.waitUntil(next_button.isEnabled)
    next_button.click()
    assert wizard.currentId() == PageId.PACKAGE
    back_button.click()
    assert wizard.currentId() == PageId.BASICS
    while wizard.currentId() != PageId.EXPORT:
        before = wizard.currentId()
        next_button.click()
        assert wizard.currentId() == before + 1, f"Volgende on page {PageId(before).name}"

    # Opslaan als... (the file chooser is answered with a name) and Opslaan (saves to that file again)
    target = tmp_path / "stoelen.tender.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    wizard.button(QWizard.WizardButton.CustomButton2).click()
    assert target.exists() and not wizard.dirty
    wizard.mark_dirty()
    target.unlink()
    wizard.button(QWizard.WizardButton.CustomButton1).click()
    assert target.exists() and not wizard.dirty
    wizard.button(QWizard.WizardButton.CancelButton).click()  # Sluiten
    assert not wizard.isVisible()
