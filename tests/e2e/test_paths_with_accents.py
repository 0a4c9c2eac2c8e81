"""Folders and files named as Dutch buyers name them (issue 24 §1: spaces and accents, as on a Windows laptop): a
document set, a monitoring report and a pack written into 'Aanbestedingen 2027/Café Noord — één', read back, and a
pack imported from there."""

from __future__ import annotations

import json
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest

from tests.e2e.conftest import run
from tests.helpers import db_fingerprint
from tests.unit.tender_assistant.monitoring.test_importer import ROWS, write_csv

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "verkeersborden-haarlemmermeer.tender.json"


def test_a_set_a_report_and_a_pack_in_a_folder_with_spaces_and_accents(
        capsys, tmp_path: Path, starter_db_template: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "Gegevens van Zoë"
    home.mkdir()
    monkeypatch.setenv("TENDER_ASSISTANT_HOME", str(home))
    db = home / "library.db"
    shutil.copy(starter_db_template, db)
    folder = tmp_path / "Aanbestedingen 2027" / "Café Noord — één"
    folder.mkdir(parents=True)
    tender = folder / "Verkeersborden één.tender.json"
    shutil.copy(EXAMPLE, tender)

    code, _out, err = run(capsys, "--db", str(db), "export", str(tender), "--set", str(folder))
    assert code == 0, err
    written = sorted(p.name for p in folder.iterdir() if p != tender)
    assert "aanbestedingsleidraad.docx" in written and "eisenlijst.xlsx" in written
    for name in written:  # every file is whole: a Word document or workbook opens as a zip
        assert zipfile.is_zipfile(folder / name), name

    csv = write_csv(folder / "Contracten café.csv", ROWS)
    code, _out, err = run(capsys, "--db", str(db), "monitor", "import", str(csv))
    assert code == 0, err
    report = folder / "Rapportage één — 2025.docx"
    sheet = folder / "Rapportage één — 2025.xlsx"
    code, _out, err = run(capsys, "--db", str(db), "monitor", "report", "--year", "2025", "--docx", str(report),
                          "--xlsx", str(sheet))
    assert code == 0, err
    assert zipfile.is_zipfile(report) and zipfile.is_zipfile(sheet)

    pack = folder / "Pakket meubilair — één.json"
    code, _out, err = run(capsys, "--db", str(db), "library", "export", str(pack), "--package", "meubilair")
    assert code == 0, err
    other = tmp_path / "Andere bibliothèque" / "library.db"
    other.parent.mkdir()
    code, out, err = run(capsys, "--db", str(other), "library", "import", str(pack))
    assert code == 0, err
    exported = json.loads(pack.read_text(encoding="utf-8"))
    assert len(exported["criteria"]) > 0 and str(len(exported["criteria"])) in out
    before = db_fingerprint(other)
    code, _out, err = run(capsys, "--db", str(other), "library", "import", str(pack))  # twice: nothing changes
    assert code == 0 and db_fingerprint(other) == before, err

    # the names are stored as given (NFC), not mangled or escaped
    names = {p.name for p in folder.iterdir()}
    assert {"Rapportage één — 2025.docx", "Pakket meubilair — één.json"} <= names
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
