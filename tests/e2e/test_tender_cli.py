"""The drafting sub-commands as a user runs them: match, tender check, export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import main
from tender_assistant.tender import Tender, TenderCriterion, save_tender


@pytest.fixture
def db(tmp_path: Path, starter_db_template: Path) -> Path:
    path = tmp_path / "library.db"
    shutil.copy(starter_db_template, path)
    return path


@pytest.fixture
def tender_file(tmp_path: Path) -> Path:
    t = Tender(title="Kantoormeubilair stadskantoor", organisation="Gemeente Haarlem", package="meubilair",
               cpv=["39130000-2"], procedure="europees-openbaar", estimated_value_eur=600_000,
               contract_term_months=36, ambition_level=1, price_weight=40,
               criteria=[TenderCriterion("MEU-G-01", weight=60)])
    path = tmp_path / "meubilair.tender.json"
    save_tender(t, path)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_match_json_lists_packages_best_first(capsys, db):
    code, out, _ = run(capsys, "--db", str(db), "match", "bureaustoelen en kasten", "--json", "--limit", "3")
    result = json.loads(out)
    assert code == 0 and result[0]["package"] == "meubilair" and set(result[0]) == {"package", "name", "score"}
    assert [r["score"] for r in result] == sorted((r["score"] for r in result), reverse=True)


def test_match_by_cpv_only(capsys, db):
    code, out, _ = run(capsys, "--db", str(db), "match", "--cpv", "39130000-2", "--json")
    assert code == 0 and json.loads(out)[0]["package"] == "meubilair"


def test_match_bad_cpv_is_one_dutch_line(capsys, db):
    code, out, err = run(capsys, "--db", str(db), "match", "--cpv", "99999999")
    assert code == 2 and err.startswith("fout: ") and err.count("\n") == 1 and "Traceback" not in err


def test_check_prints_advice_and_exits_0(capsys, db, tender_file):
    code, out, err = run(capsys, "--db", str(db), "tender", "check", str(tender_file))
    assert code == 0 and "advies:" in out


def test_check_with_errors_exits_2(capsys, db, tender_file):
    data = json.loads(tender_file.read_text(encoding="utf-8"))
    data["price_weight"] = 50
    tender_file.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "--db", str(db), "tender", "check", str(tender_file))
    assert code == 2 and "110%" in err and err.startswith("fout: ")


def test_export_writes_a_document(capsys, db, tender_file, tmp_path):
    out_file = tmp_path / "meubilair.docx"
    code, out, _ = run(capsys, "--db", str(db), "export", str(tender_file), "--out", str(out_file))
    assert code == 0 and out_file.stat().st_size > 10_000


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--template", "{tmp}/geen.docx"], "bestaat niet"),
        (["--template", "{tmp}/kapot.docx"], "geen Word-document"),
    ],
)
def test_export_errors_leave_no_file(capsys, db, tender_file, tmp_path, extra, message):
    (tmp_path / "kapot.docx").write_bytes(b"PK\x03\x04 niet echt")
    out_file = tmp_path / "uit.docx"
    code, _, err = run(capsys, "--db", str(db), "export", str(tender_file), "--out", str(out_file),
                       *[e.format(tmp=tmp_path) for e in extra])
    assert code == 2 and message in err and not out_file.exists()
    assert not list(tmp_path.glob(".uit.docx*"))


def test_export_refuses_a_tender_with_errors_unless_concept(capsys, db, tender_file, tmp_path):
    data = json.loads(tender_file.read_text(encoding="utf-8"))
    data["criteria"][0]["weight"] = 10
    tender_file.write_text(json.dumps(data), encoding="utf-8")
    out_file = tmp_path / "uit.docx"
    code, _, err = run(capsys, "--db", str(db), "export", str(tender_file), "--out", str(out_file))
    assert code == 2 and "--concept" in err and not out_file.exists()
    code, _, _ = run(capsys, "--db", str(db), "export", str(tender_file), "--out", str(out_file), "--concept")
    assert code == 0 and out_file.exists()


def test_broken_tender_file_is_one_dutch_line(capsys, db, tmp_path):
    bad = tmp_path / "kapot.tender.json"
    bad.write_text("{niet json", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db), "tender", "check", str(bad))
    assert code == 2 and "ongeldige JSON" in err and err.count("\n") == 1
