"""Publishers and keys in the window: make a key pair, trust a key after comparing its fingerprint, publish a
release, and trust the key of a refused release from the update dialog instead of running a command."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from criteria_library.publishers import fingerprint, load_public_key, short_fingerprint, trusted_publishers
from criteria_library.releases import read_release
from criteria_library.store import LibraryStore
from tests.release_helpers import PASSPHRASE, make_key, release, subscriber

pytestmark = pytest.mark.gui


def _fp(keyfile: Path) -> str:
    return fingerprint(load_public_key(keyfile.with_name(keyfile.name + ".pub")))


def test_make_a_key_pair_and_publish_a_release_from_the_window(app, qtbot, fresh_db: LibraryStore, tmp_path: Path,
                                                               answers, operations) -> None:
    from ui.publisher_dialogs import KeygenDialog, PublishDialog

    keygen = KeygenDialog()
    qtbot.addWidget(keygen)
    keygen.key_edit.setText(str(tmp_path / "regie.key"))
    keygen.passphrase.setText(PASSPHRASE)
    keygen.repeat.setText(PASSPHRASE + "x")
    keygen.accept()
    assert not (tmp_path / "regie.key").exists()  # the passphrases differ
    keygen.repeat.setText(PASSPHRASE)
    keygen.accept()
    assert keygen.result() == QDialog.DialogCode.Accepted
    fp = _fp(tmp_path / "regie.key")
    assert short_fingerprint(fp) in answers.seen[-1][1]

    dialog = PublishDialog(fresh_db)
    qtbot.addWidget(dialog)
    dialog.key_edit.setText(str(tmp_path / "regie.key"))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.out_edit.setText(str(tmp_path / "release"))
    dialog.version.setText("2026.1")
    dialog.accept()
    operations.wait()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (tmp_path / "release" / "index.json").exists() and "2026.1" in answers.seen[-1][1]
    assert short_fingerprint(fp) in answers.seen[-1][1]


def test_the_publishers_dialog_lists_fingerprints_and_trusts_a_key(app, qtbot, fresh_db: LibraryStore,
                                                                   tmp_path: Path, answers) -> None:
    from ui.publisher_dialogs import PublishersDialog, TrustDialog

    key = make_key(tmp_path)
    dialog = PublishersDialog(fresh_db)
    qtbot.addWidget(dialog)
    before = dialog.list.count()
    trust = TrustDialog(dialog)
    qtbot.addWidget(trust)
    trust.key_edit.setText(str(key.with_name(key.name + ".pub")))
    assert trust.fingerprint_label.text() == short_fingerprint(_fp(key))  # shown to compare by phone
    trust.name_edit.setText("Regieteam MRA")
    trust.accept()
    assert trust.result() == QDialog.DialogCode.Accepted
    dialog.reload()
    assert dialog.list.count() == before + 1
    assert any("Regieteam MRA" in dialog.list.item(i).text() and short_fingerprint(_fp(key)) in
               dialog.list.item(i).text() for i in range(dialog.list.count()))


def test_a_refused_release_offers_to_trust_its_key_in_the_window(app, qtbot, fresh_db: LibraryStore,
                                                                 tmp_path: Path, answers, operations,
                                                                 monkeypatch) -> None:
    """The release's key is not trusted: the dialog asks, shows the fingerprint, refuses another key, and after
    trusting the right one the preview appears without any command."""
    from ui import publisher_dialogs
    from ui.release_dialogs import UpdateDialog

    key, other_key = make_key(tmp_path), make_key(tmp_path, "ander")
    folder = release(fresh_db, key, tmp_path / "r1", "1.0")
    chosen: list[Path] = [other_key, key]
    refusals: list[str] = []

    def run_trust_dialog(self) -> int:
        assert short_fingerprint(_fp(key)) in next(w.text() for w in self.findChildren(publisher_dialogs.QLabel)
                                                  if "ondertekend met sleutel" in w.text())
        for pub in chosen:
            self.key_edit.setText(str(pub.with_name(pub.name + ".pub")))
            self.accept()
            if self.result() == QDialog.DialogCode.Accepted:
                return int(QDialog.DialogCode.Accepted)
            refusals.append(self.fingerprint_label.text())
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(publisher_dialogs.TrustDialog, "exec", run_trust_dialog)
    monkeypatch.setattr(publisher_dialogs, "show_user_error", lambda parent, exc, title=None: None)
    other = subscriber(tmp_path / "b.db")
    dialog = UpdateDialog(other)
    qtbot.addWidget(dialog)
    dialog.source_edit.setText(str(folder))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    operations.wait()
    assert "nog niet wordt vertrouwd" in answers.seen[0][1] and short_fingerprint(_fp(key)) in answers.seen[0][1]
    assert refusals and "een andere sleutel dan die van de release" in refusals[0]
    assert "MRA Regieteam" in [p.name for p in trusted_publishers()]
    operations.wait()
    assert "8 nieuw" in dialog.preview.toPlainText()
    assert read_release(folder).publisher.name == "MRA Regieteam"
    other.close()
