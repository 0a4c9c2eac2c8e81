"""Outputs never overwrite the app's own inputs (issue 25 item 8): each command that writes refuses an output path
that is, or links to, the library, the register, its template or its key, and leaves that file as it was."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import docx
import pytest

import main
from tender_assistant.tender import Tender, TenderCriterion, save_tender


@pytest.fixture
def tender_file(tmp_path: Path) -> Path:
    t = Tender(title="Kantoormeubilair stadskantoor", organisation="Gemeente Haarlem", package="meubilair",
               cpv=["39130000-2"], procedure="europees-openbaar", estimated_value_eur=600_000,
               lots_reason="Eén samenhangende levering met één aanspreekpunt; splitsen geeft geen kansen aan het mkb",
               contract_term_months=36, ambition_level=1, price_weight=40,
               criteria=[TenderCriterion("MEU-G-01", weight=60)])
    path = tmp_path / "meubilair.tender.json"
    save_tender(t, path)
    return path


def refused(capsys, kept: Path, *argv: str) -> str:
    """Run the command line; it must exit 2 with one Dutch line and leave `kept` byte for byte."""
    before = kept.read_bytes()
    code = main.main(list(argv))
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("fout: ") and err.count("\n") == 1, err
    assert kept.read_bytes() == before
    return err


def test_library_export_onto_the_library_through_a_link_is_refused(capsys, db, tmp_path):
    link = tmp_path / "bibliotheek.json"
    link.symlink_to(db)
    err = refused(capsys, db, "--db", str(db), "library", "export", str(link))
    assert "de bibliotheek zelf" in err and "Er is niets gewijzigd" in err
    hard = tmp_path / "hard.xlsx"
    os.link(db, hard)
    assert "de bibliotheek zelf" in refused(capsys, db, "--db", str(db), "library", "export", str(hard))
    assert main.main(["--db", str(db), "library", "export", str(tmp_path / "echt.json")]) == 0  # others still work


def test_export_out_onto_the_library_under_a_docx_name_is_refused(capsys, db, tender_file, tmp_path):
    link = tmp_path / "leidraad.docx"
    link.symlink_to(db)
    err = refused(capsys, db, "--db", str(db), "export", str(tender_file), "--out", str(link), "--force")
    assert "de bibliotheek zelf" in err
    wal = tmp_path / "wal.docx"
    (tmp_path / "library.db-wal").write_bytes(b"")
    wal.symlink_to(tmp_path / "library.db-wal")
    assert "bibliotheek" in refused(capsys, db, "--db", str(db), "export", str(tender_file), "--out", str(wal), "--force")


def test_monitor_report_never_writes_over_the_register_or_its_template(capsys, db, tmp_path):
    assert main.main(["--db", str(db), "monitor", "report", "--year", "2025"]) == 0  # makes the register
    capsys.readouterr()
    register = tmp_path / "register.db"
    assert register.exists()
    link = tmp_path / "rapport.xlsx"
    link.symlink_to(register)
    err = refused(capsys, register, "--db", str(db), "monitor", "report", "--year", "2025", "--xlsx", str(link))
    assert "het monitoringregister zelf" in err
    template = tmp_path / "huisstijl.docx"
    docx.Document().save(str(template))
    err = refused(capsys, template, "--db", str(db), "monitor", "report", "--year", "2025", "--docx", str(template),
                  "--template", str(template))
    assert "de sjabloon zelf" in err
    other = tmp_path / "elders.db"
    shutil.copy(register, other)
    out = tmp_path / "uit.json"
    out.symlink_to(other)
    assert "monitoringregister" in refused(capsys, other, "--db", str(db), "monitor", "--register", str(other),
                                           "export", str(out))


def test_publish_into_a_folder_whose_key_is_named_index_json_is_refused(capsys, db, tmp_path, monkeypatch):
    monkeypatch.setenv("TENDER_ASSISTANT_KEY_PASSPHRASE", "geheim-genoeg")
    assert main.main(["library", "keygen", str(tmp_path / "sleutel.key")]) == 0
    release = tmp_path / "release"
    release.mkdir()
    key = release / "index.json"
    shutil.move(tmp_path / "sleutel.key", key)
    capsys.readouterr()
    err = refused(capsys, key, "--db", str(db), "library", "publish", str(release), "--key", str(key),
                  "--version", "1.0")
    assert "de sleutel zelf" in err
    assert sorted(p.name for p in release.iterdir()) == ["index.json"]  # not one pack file written either


# ------------------------------------------------------------- the app's own files (FINDINGS4 F16)
APP_PARTS = ("main.py", "criteria_library", "tender_assistant", "ui")
RUN_ALL = """
import contextlib, io, sys
import main
for argv in {argvs!r}:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main.main(argv)
    print(code, err.getvalue().strip().replace(chr(10), ' | '))
"""


def test_outputs_never_land_on_the_files_the_app_ships_where_its_installation_is_writable(db, tender_file,
                                                                                         tmp_path):
    import subprocess
    import sys

    root = Path(main.__file__).parent
    app = tmp_path / "app"
    app.mkdir()
    for part in APP_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, app / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, app / part)
    templates = app / "tender_assistant" / "documents" / "templates"
    shipped = [templates / "tender.docx", templates / "model-leidraad.docx",
               app / "criteria_library" / "data" / "starter_release.json",
               app / "criteria_library" / "starter" / "bedrijfskleding.json"]
    before = {p: p.read_bytes() for p in shipped}
    export = ["--db", str(db), "export", str(tender_file), "--concept", "--force", "--out"]
    argvs = [[*export, str(shipped[0])], [*export, str(shipped[1])],
             ["--db", str(db), "library", "export", str(shipped[2])],
             ["--db", str(db), "library", "export", str(shipped[3]), "--package", "bedrijfskleding"],
             ["--db", str(db), "library", "export", str(shipped[3].with_name("eigen.json"))],  # a new starter pack
             ["--db", str(db), "library", "export", str(tmp_path / "elders.json")]]  # anywhere else still works
    script = tmp_path / "run_all.py"
    script.write_text(RUN_ALL.format(argvs=argvs), encoding="utf-8")
    env = {**os.environ, "TENDER_ASSISTANT_HOME": str(tmp_path / "home"), "PYTHONPATH": str(app)}
    result = subprocess.run([sys.executable, str(script)], cwd=app, env=env, capture_output=True, text=True,
                            timeout=300)
    lines = result.stdout.splitlines()
    assert len(lines) == len(argvs), result.stdout + result.stderr
    for line in lines[:5]:
        assert line.startswith("2 fout: ") and "van de app" in line and "Er is niets gewijzigd" in line, line
    assert lines[5].startswith("0"), lines[5]
    assert {p: p.read_bytes() for p in shipped} == before
    assert not shipped[3].with_name("eigen.json").exists()
