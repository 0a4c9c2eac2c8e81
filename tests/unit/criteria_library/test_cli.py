"""The library command line: settings a regisseur chooses (organisation code, release policy), each logged."""

from __future__ import annotations

import main
from criteria_library.store import LibraryStore
from tests.helpers import db_fingerprint


def test_library_settings_are_shown_changed_and_logged(fresh_db: LibraryStore, capsys) -> None:
    db = str(fresh_db.path)
    assert main.main(["--db", db, "library", "settings", "--organisation-code", "zaa",
                      "--trusted-releases", "publish"]) == 0
    out = capsys.readouterr().out
    assert "organisatiecode: ZAA" in out and "vertrouwde releases: direct gepubliceerd" in out
    assert fresh_db.organisation_code == "ZAA" and fresh_db.accepts_trusted_releases
    assert {e["event"] for e in fresh_db.events()[:2]} == {"organisatiecode voor nieuwe criteria",
                                                           "wijzigingen uit vertrouwde releases direct gepubliceerd"}
    before = db_fingerprint(fresh_db.path)
    assert main.main(["--db", db, "library", "settings", "--organisation-code", "Z1"]) == 2
    assert "Organisatiecode 'Z1' is ongeldig" in capsys.readouterr().err
    assert db_fingerprint(fresh_db.path) == before
