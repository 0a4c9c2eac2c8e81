"""Pack import through the dry-run preview, a bad pack that changes nothing, export in a worker."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QDialog

from criteria_library.search import search_criteria
from tests.helpers import db_fingerprint

pytestmark = pytest.mark.gui


def test_bad_pack_shows_the_error_and_changes_nothing(app, fresh_db, tmp_path, user_errors, mini_pack, operations):
    from ui.exchange_dialogs import import_pack
    from ui.settings import AppSettings

    mini_pack["criteria"][0]["level"] = 7
    mini_pack["criteria"][1]["title"] = ""
    bad = tmp_path / "kapot.json"
    bad.write_text(json.dumps(mini_pack), encoding="utf-8")
    before = db_fingerprint(fresh_db.path)
    done: list[bool] = []
    import_pack(None, fresh_db, AppSettings(), bad, done.append)
    operations.wait()
    assert done == [False]
    assert user_errors, "the user saw the problem"
    assert "ongeldig" in str(user_errors[0])
    assert len(user_errors[0].problems) >= 2
    assert db_fingerprint(fresh_db.path) == before


def test_good_pack_is_previewed_then_applied(app, fresh_db, tmp_path, mini_pack, monkeypatch, answers, operations):
    from ui import exchange_dialogs
    from ui.settings import AppSettings

    mini_pack["criteria"][0]["title"] = "Ervaring met opknappen (herzien)"
    new = dict(mini_pack["criteria"][1], id="MEU-M-50", title="Nieuwe minimumeis")
    mini_pack["criteria"].append(new)
    path = tmp_path / "update.json"
    path.write_text(json.dumps(mini_pack), encoding="utf-8")
    seen = {}

    def accept(dialog):
        seen["tree"] = dialog.tree.topLevelItemCount()
        seen["summary"] = dialog.plan.summary()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(exchange_dialogs.ImportPreviewDialog, "exec", accept)
    done: list[bool] = []
    exchange_dialogs.import_pack(None, fresh_db, AppSettings(), path, done.append)
    operations.wait()
    assert done == [True]
    assert seen["summary"].startswith("1 nieuw, 1 gewijzigd")
    assert fresh_db.criterion("MEU-M-50").title == "Nieuwe minimumeis"
    # a change to a published criterion waits in review beside it
    assert fresh_db.draft(mini_pack["criteria"][0]["id"]).title == "Ervaring met opknappen (herzien)"


def test_cancelled_preview_changes_nothing(app, fresh_db, tmp_path, mini_pack, monkeypatch, operations):
    from ui import exchange_dialogs
    from ui.settings import AppSettings

    mini_pack["criteria"][0]["title"] = "Anders"
    path = tmp_path / "update.json"
    path.write_text(json.dumps(mini_pack), encoding="utf-8")
    before = db_fingerprint(fresh_db.path)
    monkeypatch.setattr(exchange_dialogs.ImportPreviewDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    done: list[bool] = []
    exchange_dialogs.import_pack(None, fresh_db, AppSettings(), path, done.append)
    operations.wait()
    assert done == [False]
    assert db_fingerprint(fresh_db.path) == before


def test_preview_dialog_shows_field_diff(app, qtbot, fresh_db, mini_pack, tmp_path):
    from criteria_library.pack_import import plan_import
    from criteria_library.pack_reading import read_pack
    from ui.exchange_dialogs import ImportPreviewDialog

    mini_pack["criteria"][0]["clause"] = mini_pack["criteria"][0]["clause"].replace("twee", "drie")
    path = tmp_path / "p.json"
    path.write_text(json.dumps(mini_pack), encoding="utf-8")
    plan = plan_import(fresh_db, read_pack(path))
    dialog = ImportPreviewDialog(plan, path)
    qtbot.addWidget(dialog)
    top = dialog.tree.topLevelItem(0)
    dialog.tree.setCurrentItem(top.child(0))
    assert "drie" in dialog.detail.toPlainText() and "twee" in dialog.detail.toPlainText()


def test_export_runs_in_a_worker(app, fresh_db, tmp_path, operations, user_errors):
    from ui.exchange_dialogs import run_export

    out = tmp_path / "meubilair.xlsx"
    written: list[int] = []
    run_export(None, fresh_db, out, "meubilair", written.append)
    operations.wait()
    assert written == [len(fresh_db.criterion_ids(package="meubilair"))]
    assert out.exists()
    failed: list[bool] = []
    run_export(None, fresh_db, tmp_path / "x.txt", None, written.append, lambda: failed.append(True))
    operations.wait()
    assert failed == [True] and len(written) == 1
    assert user_errors and ".txt" in str(user_errors[0])  # a user error, shown as a dialog


def test_worker_cancel_changes_nothing(app, fresh_db):
    from ui.worker import Worker

    done: list[int] = []

    def task(progress):
        for i in range(10):
            progress(i, 10)
            done.append(i)
        return "klaar"

    worker = Worker(task)
    worker.cancel()
    results = []
    worker.signals.cancelled.connect(lambda: results.append("cancelled"))
    worker.signals.finished.connect(lambda _result: results.append("finished"))
    worker.run()
    assert results == ["cancelled"]
    assert done == [], "a cancelled task stops at its first progress call"


def test_rebuild_search_index_in_a_worker_repairs_search(app, fresh_db, answers, operations):
    from criteria_library.integrity import check_library
    from ui.exchange_dialogs import rebuild_search_index

    fresh_db.db.conn.execute("DELETE FROM criteria_fts")
    assert not check_library(fresh_db).ok
    done: list[bool] = []
    rebuild_search_index(None, fresh_db, done.append)
    operations.wait()
    assert done == [True]
    assert check_library(fresh_db).ok
    assert search_criteria(fresh_db, "palen")[0].criterion.id == "VKB-M-01"
    assert ("information", "De zoekindex is opnieuw opgebouwd.") in answers.seen


def test_preview_lists_a_retirement_the_import_does_not_take(app, qtbot, fresh_db, mini_pack, tmp_path):
    """Exploratory finding R1: the pack's retirement was counted as unchanged, in the app as on the command line."""
    from criteria_library.pack_import import plan_import
    from criteria_library.pack_reading import read_pack
    from ui.exchange_dialogs import ImportPreviewDialog

    mini_pack["criteria"][1]["status"] = "ingetrokken"
    path = tmp_path / "p.json"
    path.write_text(json.dumps(mini_pack), encoding="utf-8")
    dialog = ImportPreviewDialog(plan_import(fresh_db, read_pack(path)), path)
    qtbot.addWidget(dialog)
    top = dialog.tree.topLevelItem(0)
    assert top.text(0) == "Ingetrokken in het pakket, hier niet overgenomen (1)"
    dialog.tree.setCurrentItem(top.child(0))
    assert top.child(0).text(0) == "MEU-M-01"
    assert "ingetrokken in het pakket, hier gepubliceerd: niet overgenomen" in dialog.detail.toPlainText()
