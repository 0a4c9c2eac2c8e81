"""The library command line as other tools use it: shapes of output, exit codes, Dutch one-line errors."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import db_fingerprint

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini_pack.json"


def run(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if home is not None:
        env["TENDER_ASSISTANT_HOME"] = str(home)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    from criteria_library.store import LibraryStore

    path = tmp_path / "lib.db"
    store = LibraryStore.open(path)  # an empty library, so counts below are the mini pack's
    store.set_accept_trusted_releases(True)  # the regisseur's policy: the pack's published criteria stay published
    store.close()
    result = run("--db", str(path), "library", "import", str(MINI))
    assert result.returncode == 0, result.stderr
    return path


def assert_user_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("fout: "), result.stderr
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("cmd", [["library", "stats"], ["library", "check"], ["library", "export"],
                                 ["library", "import"], ["search"]])
def test_every_subcommand_has_help(cmd: list[str]) -> None:
    result = run(*cmd, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("gebruik: ")


def test_stats_json(db: Path) -> None:
    result = run("--db", str(db), "library", "stats", "--json")
    stats = json.loads(result.stdout)
    assert stats["packages"] == 2 and stats["criteria"] == 8
    assert stats["per_package"]["meubilair"]["kind"]["gunningscriterium"] == 1
    assert stats["per_status"] == {"gepubliceerd": 8}


def test_search_json_shape(db: Path) -> None:
    result = run("--db", str(db), "search", "verkeersbord", "--kind", "gunningscriterium", "--json")
    hits = json.loads(result.stdout)
    assert hits[0] == {"id": "VKB-G-01", "package": "verkeersborden", "kind": "gunningscriterium", "level": 2,
                       "title": "Gerecycled aluminium in borden", "score": hits[0]["score"]}
    assert len(json.loads(run("--db", str(db), "search", "de", "--limit", "3", "--json").stdout)) == 3


def test_check_ok_then_broken_index(db: Path) -> None:
    assert run("--db", str(db), "library", "check").returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER criteria_au")  # the index no longer follows edits
    conn.execute("UPDATE criteria SET title = 'zwevend' WHERE id = 'MEU-S-01'")
    conn.execute("DELETE FROM criteria_fts WHERE rowid = (SELECT rowid FROM criteria WHERE id = 'VKB-S-01')")
    conn.commit()
    conn.close()
    result = run("--db", str(db), "library", "check")
    assert result.returncode == 1
    assert "zoekindex" in result.stdout


def test_export_import_dry_run_and_twice(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.xlsx"
    assert run("--db", str(db), "library", "export", str(out), "--package", "meubilair").returncode == 0
    from criteria_library.store import LibraryStore

    target = tmp_path / "other.db"
    LibraryStore.open(target).close()
    dry = run("--db", str(target), "library", "import", str(out), "--dry-run")
    assert dry.returncode == 0 and "4 nieuw" in dry.stdout
    first = run("--db", str(target), "library", "import", str(out))
    assert "reservekopie" in first.stdout
    before = db_fingerprint(target)
    second = run("--db", str(target), "library", "import", str(out))
    assert "niets te doen" in second.stdout
    assert db_fingerprint(target) == before


def test_user_errors_are_one_dutch_line(db: Path, tmp_path: Path) -> None:
    before = db_fingerprint(db)
    broken = tmp_path / "broken.json"
    broken.write_text("{niet json", encoding="utf-8")
    assert_user_error(run("--db", str(db), "library", "import", str(broken)), "ongeldige JSON")
    assert_user_error(run("--db", str(db), "library", "import", str(tmp_path / "weg.json")), "niet gevonden")
    assert_user_error(run("--db", str(db), "search", "x", "--package", "ruimtevaart"), "Onbekend inkooppakket")
    assert_user_error(run("--db", str(db), "search", "x", "--level", "7"), "ongeldige opdracht")
    # finding R4: the unknown slug is named with the known one it most likely meant; nothing is written
    assert_user_error(run("--db", str(db), "library", "export", "--package", "kantoormeubilair",
                          str(tmp_path / "meubels.json")),
                      "Onbekend inkooppakket: kantoormeubilair; bedoelde u meubilair (Kantoormeubilair en inrichting)?")
    assert not (tmp_path / "meubels.json").exists()
    english = run("--db", str(db), "--lang", "en", "search", "x", "--package", "kantoormeubilair")
    assert english.returncode == 2
    assert "did you mean meubilair (Office furniture and interiors)?" in english.stderr
    assert_user_error(run("--db", str(db), "library", "export", str(tmp_path / "x.pdf")), ".json of .xlsx")
    assert db_fingerprint(db) == before
    not_db = tmp_path / "notes.db"
    not_db.write_text("boodschappen", encoding="utf-8")
    assert_user_error(run("--db", str(not_db), "library", "stats"), "geen bibliotheek-database")
    assert not_db.read_text(encoding="utf-8") == "boodschappen"


def test_import_into_read_only_database(db: Path, tmp_path: Path) -> None:
    os.chmod(db, 0o444)
    try:
        pack = json.loads(MINI.read_text(encoding="utf-8"))
        pack["criteria"][0]["title"] = "Anders"
        changed = tmp_path / "changed.json"
        changed.write_text(json.dumps(pack), encoding="utf-8")
        before = db_fingerprint(db)
        assert_user_error(run("--db", str(db), "library", "import", str(changed)), "alleen-lezen")
        assert db_fingerprint(db) == before
    finally:
        os.chmod(db, 0o644)


def test_first_run_creates_database_in_data_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run("library", "stats", "--json", home=home)
    assert result.returncode == 0, result.stderr
    assert (home / "library.db").exists()
    assert json.loads(result.stdout)["criteria"] == sum(
        len(json.loads(p.read_text(encoding="utf-8"))["criteria"])
        for p in (ROOT / "criteria_library" / "starter").glob("*.json")
    )


def test_mistyped_db_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    typo = tmp_path / "missing" / "lib.db"
    for args in (["library", "stats"], ["search", "palen"], ["library", "import", str(MINI), "--dry-run"]):
        assert_user_error(run("--db", str(typo), *args), "bestaat niet")
    assert not typo.parent.exists()


def test_import_into_new_db_says_so(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "new.db"), "library", "import", str(MINI))
    assert result.returncode == 0 and "nieuwe bibliotheek gemaakt" in result.stdout


def test_empty_query_and_empty_package_are_errors(db: Path, tmp_path: Path) -> None:
    assert_user_error(run("--db", str(db), "search", "  "), "zoekterm")
    assert_user_error(run("--db", str(db), "search", "palen", "--package", ""), "Onbekend inkooppakket")
    assert_user_error(run("--db", str(db), "library", "export", str(tmp_path / "x.json"), "--package", ""),
                      "Onbekend inkooppakket")


def test_argparse_speaks_dutch(db: Path) -> None:
    result = run("--db", str(db), "search", "x", "--kind", "eis")
    assert_user_error(result, "ongeldige keuze")
    assert "invalid choice" not in result.stderr
    assert "toon deze hulp" in run("search", "--help").stdout


def test_a_pack_import_sends_new_published_criteria_to_review(tmp_path: Path) -> None:
    from criteria_library.store import LibraryStore

    path = tmp_path / "review.db"
    LibraryStore.open(path).close()  # empty, and the release policy left at its default (review)
    dry = run("--db", str(path), "library", "import", str(MINI), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "8 nieuwe criteria gaan ter review" in dry.stdout and "(ter review)" in dry.stdout
    done = run("--db", str(path), "library", "import", str(MINI))
    assert done.returncode == 0, done.stderr
    stats = json.loads(run("--db", str(path), "library", "stats", "--json").stdout)
    assert stats["per_status"] == {"in_review": 8}


def test_a_damaged_stored_row_is_one_clear_line_in_export_match_and_check(db: Path, tmp_path: Path) -> None:
    """'xyz' is not a valid Kind reached the user as 'onverwacht' from export and match (check named the row)."""
    conn = sqlite3.connect(db)
    conn.execute("UPDATE criteria SET kind = 'xyz' WHERE id = 'MEU-M-01'")
    conn.commit()
    conn.close()
    before = db_fingerprint(db)
    for args in (("library", "export", str(tmp_path / "uit.json")), ("match", "--cpv", "39130000-2")):
        result = run("--db", str(db), *args, home=tmp_path / "home")
        assert result.returncode == 2, result.stderr
        assert "beschadigde rij (criterium MEU-M-01: 'xyz' is geen geldige soort)" in result.stderr
        assert "onverwacht" not in result.stderr
    check = run("--db", str(db), "library", "check", home=tmp_path / "home")
    assert check.returncode == 1 and "MEU-M-01: rij onleesbaar ('xyz' is geen geldige soort)" in check.stdout
    assert db_fingerprint(db) == before and not (tmp_path / "uit.json").exists()


def test_a_damaged_stored_row_is_one_clear_line_in_import_and_update(db: Path, tmp_path: Path, capsys,
                                                                    monkeypatch) -> None:
    """Issue 25 item 16: import and update (and their dry runs) meet the damaged row too: one Dutch line, nothing
    changed, no backup written."""
    import main

    home = tmp_path / "home"
    monkeypatch.setenv("TENDER_ASSISTANT_HOME", str(home))
    monkeypatch.setenv("TENDER_ASSISTANT_KEY_PASSPHRASE", "wachtwoordzin voor de test")
    key, release = tmp_path / "regie.key", tmp_path / "r1"
    for args in (("library", "keygen", str(key)), ("--db", str(db), "library", "trust", f"{key}.pub", "--name",
                 "Regie"), ("--db", str(db), "library", "publish", str(release), "--key", str(key), "--version",
                 "1.0", "--publisher", "Regie")):
        assert main.main(list(args)) == 0, capsys.readouterr()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE criteria SET kind = 'xyz' WHERE id = 'MEU-M-01'")
    conn.commit()
    conn.close()
    capsys.readouterr()
    before, files_before = db_fingerprint(db), sorted(p.name for p in db.parent.iterdir())
    for args in (("library", "import", str(MINI)), ("library", "import", str(MINI), "--dry-run"),
                 ("library", "update", "--from", str(release)), ("library", "update", "--from", str(release),
                                                                 "--dry-run")):
        code = main.main(["--db", str(db), *args])
        err = capsys.readouterr().err
        assert code == 2, (args, err)
        assert err.startswith("fout: De bibliotheek bevat een beschadigde rij (criterium MEU-M-01: 'xyz' is geen "
                              "geldige soort)") and err.count("\n") == 1, (args, err)
    assert db_fingerprint(db) == before and sorted(p.name for p in db.parent.iterdir()) == files_before


def test_a_malformed_library_met_while_reading_is_one_clear_line(db: Path, tmp_path: Path) -> None:
    """'database disk image is malformed' from a read after opening was 'onverwacht' (a bug) for stats and match."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'criteria'").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    data[(root - 1) * page:root * page] = b"\xff" * page  # the criteria table's first page; opening reads none of it
    db.write_bytes(bytes(data))
    for args in (("library", "stats"), ("match", "--cpv", "39130000-2")):
        result = run("--db", str(db), *args, home=tmp_path / "home")
        assert result.returncode == 2, result.stderr
        assert "beschadigd (database disk image is malformed); er is niets gewijzigd" in result.stderr, result.stderr
        assert "onverwacht" not in result.stderr


def test_stats_names_every_column_in_full_with_the_counts_under_it(db: Path) -> None:
    """Exploratory finding R10: the headers read 'geschi minimu gunnin contra'."""
    lines = run("--db", str(db), "library", "stats").stdout.splitlines()
    header = lines[1]
    assert header.split()[:6] == ["pakket", "totaal", "geschiktheidseis", "minimumeis", "gunningscriterium",
                                  "contractbepaling"]
    row = next(line for line in lines if line.startswith("meubilair"))
    for word in ("totaal", "geschiktheidseis", "minimumeis", "gunningscriterium", "contractbepaling"):
        end = header.index(word) + len(word)
        assert row[end - 1].isdigit() and row[end:end + 1] in ("", " "), (word, header, row)


def test_a_dry_run_into_a_library_that_does_not_exist_yet_shows_the_plan_and_makes_nothing(tmp_path: Path) -> None:
    """FINDINGS3 R8: 'een proefimport maakt geen nieuwe' left a regisseur without a preview for a fresh library."""
    db = tmp_path / "nieuw" / "library.db"
    db.parent.mkdir()
    result = run("--db", str(db), "library", "import", str(MINI), "--dry-run", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert "proefimport in een nieuwe bibliotheek" in result.stdout and "er is niets gemaakt" in result.stdout
    assert "MEU-M-01" in result.stdout
    assert list(db.parent.iterdir()) == []
