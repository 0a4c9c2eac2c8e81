"""Bestand > Reservekopie terugzetten: asks first, keeps the current library, then shows the restored one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QMessageBox


def test_restore_menu_action_puts_the_backup_back_and_the_window_shows_it(fresh_db, make_window, answers,
                                                                          user_errors) -> None:
    backup = fresh_db.backup()
    count = fresh_db.count_criteria()
    template = fresh_db.criteria()[0]
    fresh_db.save_criterion(replace(template, id=template.id[:-2] + "77", title="Na de kopie", version=1,
                                    status="concept"))
    window = make_window(fresh_db)
    assert window.act_restore.text().replace("&", "") == "Reservekopie terugzetten..."

    answers.question = QMessageBox.StandardButton.No  # asked first; No changes nothing
    assert not window.restore_backup(backup)
    assert fresh_db.count_criteria() == count + 1

    answers.question = QMessageBox.StandardButton.Yes
    assert window.restore_backup(backup)
    assert not user_errors
    assert fresh_db.count_criteria() == count  # the same store object, on the restored file
    assert window.criteria_model.rowCount() == count
    kept = [p for p in Path(backup).parent.iterdir() if "voor-herstel" in p.name and p.suffix == ".db"]
    assert len(kept) == 1
    assert any("bewaard als" in text for kind, text in answers.seen if kind == "information")
