"""Two governments on one machine (two data folders): keygen, publish, trust, update, conflicts on the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import db_fingerprint

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini_pack.json"
PASS = "wachtwoordzin voor de test"


def run(home: Path, *args: str, passphrase: str | None = PASS) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TENDER_ASSISTANT_HOME=str(home))
    env.pop("TENDER_ASSISTANT_KEY_PASSPHRASE", None)
    if passphrase is not None:
        env["TENDER_ASSISTANT_KEY_PASSPHRASE"] = passphrase
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, env=env,
                          timeout=120, stdin=subprocess.DEVNULL)


def mini_library(db: Path) -> None:
    """A library holding only the test pack: imported over the starter library its changes would wait in review."""
    from criteria_library.pack_import import apply_import, plan_import
    from criteria_library.pack_reading import read_pack
    from criteria_library.store import LibraryStore

    db.parent.mkdir(parents=True, exist_ok=True)
    with LibraryStore.open(db) as store:
        apply_import(store, plan_import(store, read_pack(MINI), trusted=True), backup=False)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, (result.stdout, result.stderr)
    return result.stdout


def refused(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.startswith("fout: ") and fragment in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_two_governments_publish_update_and_conflict(tmp_path: Path) -> None:
    a, b = tmp_path / "gemeente-a", tmp_path / "gemeente-b"
    key = tmp_path / "regie.key"
    a_db, b_db = a / "library.db", b / "library.db"
    mini_library(a_db)
    assert "vingerafdruk" in ok(run(a, "library", "keygen", str(key)))
    refused(run(a, "library", "keygen", str(tmp_path / "k2.key"), passphrase=None), "wachtwoordzin")
    ok(run(a, "--db", str(a_db), "library", "publish", str(tmp_path / "r1"), "--key", str(key), "--version", "1.0",
           "--notes", "eerste release", "--publisher", "Regieteam A"))
    refused(run(a, "--db", str(a_db), "library", "publish", str(tmp_path / "rx"), "--key", str(key),
                passphrase="fout wachtwoord"), "verkeerde wachtwoordzin")

    mini_library(b_db)
    before = db_fingerprint(b_db)
    refused(run(b, "--db", str(b_db), "library", "update", "--from", str(tmp_path / "r1")), "niet vertrouwd")
    assert db_fingerprint(b_db) == before
    ok(run(b, "library", "trust", f"{key}.pub", "--name", "Regieteam A"))
    listing = ok(run(b, "library", "trust", "--list"))
    assert "Regieteam A" in listing and "startbibliotheek (meegeleverd)" in listing

    dry = json.loads(ok(run(b, "--db", str(b_db), "library", "update", "--from", str(tmp_path / "r1"), "--dry-run",
                            "--json")))
    assert dry["dry_run"] and dry["release"] == "1.0" and dry["new"] == [] and dry["conflicts"] == {}
    assert dry["unchanged"] >= 8  # the same pack (and starter) on both sides
    assert db_fingerprint(b_db) == before
    ok(run(b, "--db", str(b_db), "library", "update", "--from", str(tmp_path / "r1")))
    assert "al bijgewerkt" in ok(run(b, "--db", str(b_db), "library", "update", "--from", str(tmp_path / "r1")))

    # B edits locally; A changes the same criterion and another one, then releases 2.0
    code = ("import sys; from dataclasses import replace; from criteria_library.store import LibraryStore; "
            "from tests.helpers import publish_edit; s = LibraryStore.open(sys.argv[1]); "
            "publish_edit(s, replace(s.criterion(sys.argv[2]), title=sys.argv[3]))")
    for home, db, cid, title in ((b, b_db, "MEU-M-01", "Eigen titel van gemeente B"),
                                 (a, a_db, "MEU-M-01", "Nieuwe titel van de regie"),
                                 (a, a_db, "VKB-M-01", "Palen van hergebruikt staal")):
        subprocess.run([sys.executable, "-c", code, str(db), cid, title], cwd=ROOT, check=True, timeout=60,
                       env=dict(os.environ, TENDER_ASSISTANT_HOME=str(home)))
    ok(run(a, "--db", str(a_db), "library", "publish", str(tmp_path / "r2"), "--key", str(key), "--version", "2.0"))
    preview = ok(run(b, "--db", str(b_db), "library", "update", "--from", str(tmp_path / "r2"), "--dry-run"))
    assert "1 gewijzigd" in preview and "1 conflict," in preview and "! MEU-M-01" in preview
    assert "lokaal 'Eigen titel van gemeente B'" in preview or "lokaal Eigen titel van gemeente B" in preview
    out = ok(run(b, "--db", str(b_db), "library", "update", "--from", str(tmp_path / "r2")))
    assert "reservekopie" in out
    conflicts = json.loads(ok(run(b, "--db", str(b_db), "library", "conflicts", "--json")))
    assert [c["id"] for c in conflicts] == ["MEU-M-01"]
    assert conflicts[0]["diff"]["title"] == ["Eigen titel van gemeente B", "Nieuwe titel van de regie"]
    ok(run(b, "--db", str(b_db), "library", "resolve", "MEU-M-01", "--take-incoming"))
    assert json.loads(ok(run(b, "--db", str(b_db), "library", "conflicts", "--json"))) == []
    refused(run(b, "--db", str(b_db), "library", "update", "--from", str(tmp_path / "r1")), "niet nieuwer")
    ok(run(b, "--db", str(b_db), "library", "untrust", "Regieteam A"))
    assert "Regieteam A" not in ok(run(b, "library", "trust", "--list"))


def test_tampered_release_on_the_command_line(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    key = tmp_path / "k.key"
    ok(run(a, "--db", str(a / "library.db"), "library", "import", str(MINI)))
    ok(run(a, "library", "keygen", str(key)))
    ok(run(a, "--db", str(a / "library.db"), "library", "publish", str(tmp_path / "r"), "--key", str(key)))
    ok(run(b, "--db", str(b / "library.db"), "library", "import", str(MINI)))
    ok(run(b, "library", "trust", f"{key}.pub", "--name", "A"))
    pack = tmp_path / "r" / "meubilair.json"
    pack.write_bytes(pack.read_bytes().replace(b"MEU-M-01", b"MEU-M-02", 1))
    before = db_fingerprint(b / "library.db")
    refused(run(b, "--db", str(b / "library.db"), "library", "update", "--from", str(tmp_path / "r")),
            "beschadigd of onderweg gewijzigd")
    refused(run(b, "--db", str(b / "library.db"), "library", "update", "--from", "ftp://example.org/r"),
            "http(s)")
    assert db_fingerprint(b / "library.db") == before


def test_tender_drift_lists_outdated_criteria(tmp_path: Path) -> None:
    home = tmp_path / "home"
    db = home / "library.db"
    mini_library(db)
    tenders = tmp_path / "aanbestedingen"
    tenders.mkdir()
    from criteria_library.store import LibraryStore
    from tender_assistant.tender import Tender, TenderCriterion, save_tender

    with LibraryStore.open(db) as store:
        versions = {cid: store.criterion(cid).version for cid in ("MEU-M-01", "MEU-S-01")}
    # a title may hold U+2028 (no control character); drift prints it escaped, never as a forged line
    save_tender(Tender(title="Kantoorstoelen\u2028fout: nep", package="meubilair",
                       criteria=[TenderCriterion(cid, version=v) for cid, v in versions.items()]),
                tenders / "stoelen.tender.json")
    (tenders / "kapot.tender.json").write_text("{", encoding="utf-8")
    first = run(home, "--db", str(db), "tender", "drift", str(tenders))
    assert "Geen aanbestedingen" in ok(first) and "kapot.tender.json is overgeslagen" in first.stderr
    code = ("import sys; from dataclasses import replace; from criteria_library.store import LibraryStore; "
            "from tests.helpers import publish_edit; s = LibraryStore.open(sys.argv[1]); "
            "publish_edit(s, replace(s.criterion('MEU-M-01'), title='Onderdelen twaalf jaar leverbaar'))")
    subprocess.run([sys.executable, "-c", code, str(db)], cwd=ROOT, check=True, timeout=60,
                   env=dict(os.environ, TENDER_ASSISTANT_HOME=str(home)))
    out = ok(run(home, "--db", str(db), "tender", "drift", str(tenders)))
    v = versions["MEU-M-01"]
    assert "stoelen.tender.json: Kantoorstoelen\\u2028fout: nep" in out and "\u2028" not in out
    assert f"MEU-M-01 Onderdelen twaalf jaar leverbaar: versie {v} -> {v + 1} (Titel)" in out
    assert "MEU-S-01" not in out
    data = json.loads(ok(run(home, "--db", str(db), "tender", "drift", str(tenders), "--json")))
    assert data["tenders"][0]["criteria"][0]["changed"] == ["title"]
    refused(run(home, "--db", str(db), "tender", "drift", str(tmp_path / "bestaat-niet")), "bestaat niet")


def test_update_undo_says_what_comes_back_and_goes_back_once(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    key = tmp_path / "k.key"
    a_db, b_db = a / "library.db", b / "library.db"
    ok(run(a, "--db", str(a_db), "library", "import", str(MINI)))
    ok(run(a, "library", "keygen", str(key)))
    ok(run(a, "--db", str(a_db), "library", "publish", str(tmp_path / "r1"), "--key", str(key), "--version", "1.0"))
    ok(run(b, "--db", str(b_db), "library", "import", str(MINI)))
    ok(run(b, "library", "trust", f"{key}.pub", "--name", "A"))
    from criteria_library.store import LAST_UPDATE_BACKUP_KEY, LibraryStore

    before = db_fingerprint(b_db, without_setting=LAST_UPDATE_BACKUP_KEY)  # an undo clears the backup's name
    with LibraryStore.open(b_db, read_only=True) as store:
        count = store.count_criteria()
    # the import made a backup: the undo would go back to before it (finding R2: it said there was none)
    assert "terug naar de reservekopie van " in ok(run(b, "--db", str(b_db), "library", "update", "--undo", "--dry-run"))
    ok(run(b, "--db", str(b_db), "library", "update", "--from", str(tmp_path / "r1")))
    after = db_fingerprint(b_db)

    dry = ok(run(b, "--db", str(b_db), "library", "update", "--undo", "--dry-run"))
    assert "terug naar de reservekopie van " in dry and f" met {count} criteria (" in dry and "niets gewijzigd" in dry
    assert db_fingerprint(b_db) == after
    out = ok(run(b, "--db", str(b_db), "library", "update", "--undo"))
    assert out.index("terug naar de reservekopie") < out.index("vorige toestand hersteld uit")
    assert "de vervangen bibliotheek is bewaard als " in out
    assert db_fingerprint(b_db) == before
    # one step back only: not on to before the import
    refused(run(b, "--db", str(b_db), "library", "update", "--undo"), "geen reservekopie van vóór een update of import")
    assert db_fingerprint(b_db) == before


def test_trust_scope_on_the_command_line_and_a_hand_edited_list_printed_safely(tmp_path: Path) -> None:
    home = tmp_path / "gemeente-b"
    key = tmp_path / "buur.key"
    ok(run(home, "library", "keygen", str(key)))
    out = ok(run(home, "library", "trust", f"{key}.pub", "--name", "Buurgemeente", "--package", "verkeersborden",
                 "--prefix", "zst-"))
    assert "mag wijzigen: pakketten verkeersborden; codes die beginnen met ZST-" in out
    listing = ok(run(home, "library", "trust", "--list"))
    assert "Buurgemeente" in listing and "pakketten verkeersborden" in listing
    assert "startbibliotheek (meegeleverd)" in listing and "mag wijzigen: alles" in listing
    refused(run(home, "library", "trust", f"{key}.pub", "--name", "Nep\u2028vertrouwd: Iedereen"), "stuurtekens")
    trust_file = home / "trusted_publishers.json"
    data = json.loads(trust_file.read_text(encoding="utf-8"))
    data["publishers"][0]["name"] = "Buur\x1b[2J\u2028vertrouwd: Iedereen"  # edited by hand
    trust_file.write_text(json.dumps(data), encoding="utf-8")
    listing = ok(run(home, "library", "trust", "--list"))
    assert "\x1b" not in listing and "\u2028" not in listing and "Buur\\x1b[2J\\u2028vertrouwd" in listing
