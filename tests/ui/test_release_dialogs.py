"""Releases in the GUI: two governments, one publishes, the other previews, updates, resolves a conflict, goes back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from criteria_library import merge
from criteria_library.merge import conflicts, provenance
from criteria_library.releases import read_release
from criteria_library.store import LAST_UPDATE_BACKUP_KEY, LibraryStore
from tests.helpers import db_fingerprint, publish_edit
from tests.release_helpers import make_key, release, subscriber, trust_key

pytestmark = pytest.mark.gui


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list:
    shown: list = []
    import ui.error_dialogs
    import ui.release_dialogs

    for module in (ui.release_dialogs, ui.error_dialogs):
        monkeypatch.setattr(module, "show_user_error", lambda parent, exc, title=None: shown.append(exc))
    return shown


def test_update_preview_apply_conflict_and_restore(app, qtbot, fresh_db: LibraryStore, tmp_path: Path, answers,
                                                   errors, operations) -> None:
    from ui.release_dialogs import ConflictDialog, UpdateDialog

    key = make_key(tmp_path)
    trust_key(key)
    other = subscriber(tmp_path / "b.db")
    other.set_accept_trusted_releases(True)  # the regisseur's choice: a release's changes are published at once
    dialog = UpdateDialog(other)
    qtbot.addWidget(dialog)
    assert not dialog.check_button.isEnabled() and not dialog.apply_button.isEnabled()
    dialog.source_edit.setText(str(release(fresh_db, key, tmp_path / "r1", "1.0", notes="eerste")))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    operations.wait()
    assert "8 nieuw" in dialog.preview.toPlainText() and "eerste" in dialog.preview.toPlainText()
    assert other.count_criteria() == 0  # a preview writes nothing
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    operations.wait()
    assert other.count_criteria() == 8 and "bijgewerkt" in dialog.preview.toPlainText()
    assert dialog.undo_button.isEnabled()

    # local edit here, another edit upstream, second release: preview shows the conflict with both versions
    publish_edit(other, replace(other.criterion("MEU-M-01"), title="Eigen titel van gemeente B"))
    publish_edit(fresh_db, replace(fresh_db.criterion("MEU-M-01"), title="Nieuwe titel van de regie"))
    publish_edit(fresh_db, replace(fresh_db.criterion("VKB-C-01"), title="Contractbepaling, herzien"))
    before_second = db_fingerprint(other.path, without_setting=LAST_UPDATE_BACKUP_KEY)
    dialog.source_edit.setText(str(release(fresh_db, key, tmp_path / "r2", "2.0")))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    operations.wait()
    text = dialog.preview.toPlainText()
    assert "1 gewijzigd" in text and "1 conflict," in text
    assert "Eigen titel van gemeente B" in text and "Nieuwe titel van de regie" in text
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    operations.wait()
    assert other.criterion("VKB-C-01").title == "Contractbepaling, herzien"
    assert other.criterion("MEU-M-01").title == "Eigen titel van gemeente B"

    resolver = ConflictDialog(other)
    qtbot.addWidget(resolver)
    assert resolver.list.count() == 1 and "Nieuwe titel van de regie" in resolver.diff.toPlainText()
    qtbot.mouseClick(resolver.take_button, Qt.MouseButton.LeftButton)
    assert other.criterion("MEU-M-01").title == "Nieuwe titel van de regie"
    assert resolver.list.count() == 0 and not resolver.take_button.isEnabled()
    assert not conflicts(other) and not provenance(other, "MEU-M-01").changed_locally

    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)  # 'herstel vorige toestand'

    operations.wait()
    assert answers.seen[-1][0] == "question"
    assert "de reservekopie van " in answers.seen[-1][1] and " met 8 criteria" in answers.seen[-1][1]
    assert db_fingerprint(other.path) == before_second
    assert not dialog.undo_button.isEnabled()  # one update back, not two
    assert not errors
    other.close()


def test_the_update_preview_speaks_english_in_the_english_interface(app, qtbot, fresh_db, tmp_path: Path,
                                                                    operations) -> None:
    from ui import i18n
    from ui.release_dialogs import UpdateDialog

    key = make_key(tmp_path)
    trust_key(key)
    other = subscriber(tmp_path / "b.db")
    assert i18n.install(app, "en")
    try:
        dialog = UpdateDialog(other)
        qtbot.addWidget(dialog)
        dialog.source_edit.setText(str(release(fresh_db, key, tmp_path / "r1", "1.0")))
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        operations.wait()
        text = dialog.preview.toPlainText()
        assert "8 new, 0 changed, 0 retired, 0 conflicts, 0 unchanged" in text and "nieuw" not in text
    finally:
        i18n.install(app, "nl")
        other.close()


def test_tampered_release_is_refused_in_the_dialog(app, qtbot, fresh_db, tmp_path: Path, errors,
                                                   operations) -> None:
    from ui.release_dialogs import UpdateDialog

    key = make_key(tmp_path)
    trust_key(key)
    folder = release(fresh_db, key, tmp_path / "r1", "1.0")
    pack = folder / "meubilair.json"
    pack.write_bytes(pack.read_bytes().replace(b"MEU", b"MEX", 1))
    other = subscriber(tmp_path / "b.db")
    before = db_fingerprint(other.path)
    dialog = UpdateDialog(other)
    qtbot.addWidget(dialog)
    dialog.source_edit.setText(str(folder))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    operations.wait()
    assert errors and "beschadigd" in str(errors[0])
    assert not dialog.apply_button.isEnabled()
    assert db_fingerprint(other.path) == before
    other.close()


def test_a_damaged_update_backup_is_refused_before_the_question(app, qtbot, fresh_db, tmp_path: Path, answers,
                                                                 errors) -> None:
    from ui.release_dialogs import UpdateDialog

    key = make_key(tmp_path)
    trust_key(key)
    other = subscriber(tmp_path / "b.db")
    merge.apply_update(other, merge.plan_update(other, read_release(release(fresh_db, key, tmp_path / "r1", "1.0"))))
    backup = merge.last_update_backup(other)
    assert backup is not None
    backup.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    before = db_fingerprint(other.path)
    dialog = UpdateDialog(other)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert errors and "kan niet worden teruggezet" in str(errors[0])
    assert not [kind for kind, _ in answers.seen if kind == "question"]  # nothing asked about a backup not taken
    assert db_fingerprint(other.path) == before
    other.close()


def test_main_window_shows_provenance_and_drift(make_window, library, tmp_path: Path, qtbot) -> None:
    from tender_assistant.tender import Tender, TenderCriterion, save_tender
    from ui.release_dialogs import DriftDialog

    window = make_window(library)
    cid = library.criterion_ids()[0]
    window.select_criterion(cid)
    assert "Tender Assistant startbibliotheek, release" in window.details.toPlainText()
    assert window.act_update.isEnabled()
    save_tender(Tender(title="Oude aanbesteding", criteria=[TenderCriterion(cid, version=0)]),
                tmp_path / "oud.tender.json")
    drift = DriftDialog(library, tmp_path, window)
    qtbot.addWidget(drift)
    qtbot.mouseClick(drift.scan_button, Qt.MouseButton.LeftButton)
    assert "Oude aanbesteding" in drift.findings.toPlainText() and cid in drift.findings.toPlainText()


def test_wizard_brings_a_criterion_to_the_newest_version_keeping_the_buyers_edit(app, qtbot, fresh_db) -> None:
    from PySide6.QtWidgets import QPushButton

    from tender_assistant.tender import Tender, TenderCriterion
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    c = fresh_db.criterion("MEU-M-01")
    buyer_text = "Wij vragen: " + c.clause
    tender = Tender(title="Stoelen", package="meubilair", criteria=[TenderCriterion(c.id, text=buyer_text,
                                                                                    version=c.version)])
    publish_edit(fresh_db, replace(c, clause=c.clause + " Dit geldt ook voor onderdelen."))
    wizard = TenderWizard(fresh_db, AppSettings(), None, tender)
    qtbot.addWidget(wizard)
    wizard.go_to(PageId.CLAUSES)
    page = wizard.pages[PageId.CLAUSES]
    button: QPushButton = page.latest_button
    assert not button.isHidden()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.difference.update_button, Qt.MouseButton.LeftButton)  # after seeing the difference
    entry = wizard.tender.entry(c.id)
    assert entry.version == c.version + 1
    assert entry.text == buyer_text + " Dit geldt ook voor onderdelen."
    assert page.text_edit.toPlainText() == entry.text
    assert button.isHidden()
    wizard.dirty = False
