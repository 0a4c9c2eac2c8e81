"""Bestand > Reservekopie terugzetten: asks first, keeps the current library, then shows the restored one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from criteria_library.models import Status


def test_restore_menu_action_puts_the_backup_back_and_the_window_shows_it(fresh_db, make_window, answers,
                                                                          user_errors) -> None:
    backup = fresh_db.backup()
    count = fresh_db.count_criteria()
    template = fresh_db.criteria()[0]
    fresh_db.save_criterion(replace(template, id=template.id[:-2] + "77", title="Na de kopie", version=1,
                                    status=Status.CONCEPT))
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


def test_opening_a_library_with_a_wal_older_than_itself_warns(app, tmp_path, answers) -> None:
    import os
    import subprocess
    import sys
    import textwrap
    import time

    from criteria_library.store import LibraryStore
    from tests.e2e.test_restore import CRASH_AFTER_IMPORT, MINI, ROOT
    from ui.app import AppController
    from ui.settings import AppSettings

    db = tmp_path / "lib.db"
    with LibraryStore.open(db) as store:
        from criteria_library.pack_import import apply_import, plan_import
        from criteria_library.pack_reading import read_pack

        apply_import(store, plan_import(store, read_pack(MINI), trusted=True), backup=False)
    subprocess.run([sys.executable, "-c", textwrap.dedent(CRASH_AFTER_IMPORT), str(db)], cwd=ROOT, check=True,
                   timeout=60)
    old = time.time() - 3600
    os.utime(f"{db}-wal", (old, old))
    controller = AppController(app, AppSettings())
    window = controller.open_library(db)
    assert window is not None
    assert any("library restore" in text for _, text in answers.seen)
    window.shutdown()
    window.close()
    controller.store.close()
