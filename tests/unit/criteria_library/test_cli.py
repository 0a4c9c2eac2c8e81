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


def test_the_review_workflow_on_the_command_line(fresh_db: LibraryStore, capsys) -> None:
    """Anna proposes a new version; at this computer's account: pending shows it, its submitter cannot approve,
    a reject needs --why and goes back to concept, history names author, submitter and approver."""
    import json
    from dataclasses import replace

    from criteria_library import user
    from criteria_library.models import Status

    db = str(fresh_db.path)
    fresh_db.author = "Anna"
    fresh_db.save_criterion(replace(fresh_db.criterion("MEU-C-01"), title="Door Anna voorgestelde titel"))
    assert main.main(["--db", db, "library", "submit", "MEU-C-01"]) == 0
    assert "ter review aangeboden door" in capsys.readouterr().out
    assert main.main(["--db", db, "library", "pending", "--json"]) == 0
    [waiting] = json.loads(capsys.readouterr().out)
    assert waiting["id"] == "MEU-C-01" and waiting["new_version"] and waiting["title"] == "Door Anna voorgestelde titel"
    assert waiting["author"]["name"] == "Anna" and waiting["submitter"]["account"] == user.os_account()
    before = db_fingerprint(fresh_db.path)
    assert main.main(["--db", db, "library", "approve", "MEU-C-01"]) == 2  # this account submitted it
    assert "vier-ogenprincipe" in capsys.readouterr().err
    assert db_fingerprint(fresh_db.path) == before
    assert main.main(["--db", db, "library", "reject", "MEU-C-01", "--why", "Bron ontbreekt"]) == 0
    capsys.readouterr()
    assert fresh_db.draft("MEU-C-01").status == Status.CONCEPT
    assert fresh_db.events()[0]["detail"] == "MEU-C-01: Bron ontbreekt"
    assert main.main(["--db", db, "library", "pending"]) == 0
    assert "niets ter review" in capsys.readouterr().out

    fresh_db.set_status("MEU-C-01", Status.IN_REVIEW)  # Anna submits it herself this time
    assert main.main(["--db", db, "library", "approve", "MEU-C-01"]) == 0
    capsys.readouterr()
    assert main.main(["--db", db, "library", "history", "MEU-C-01", "--json"]) == 0
    newest = json.loads(capsys.readouterr().out)[0]
    assert newest["author"]["name"] == "Anna" and newest["submitter"]["name"] == "Anna"
    assert newest["approver"]["account"] == user.os_account() and newest["status"] == "gepubliceerd"
    assert main.main(["--db", db, "library", "history", "MEU-C-01"]) == 0
    assert "auteur: Anna (Anna@" in capsys.readouterr().out
