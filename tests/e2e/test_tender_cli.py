"""The drafting sub-commands as a user runs them: match, tender check, export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tender_assistant.tender import Tender, TenderCriterion, save_tender
from tests.e2e.conftest import run
from tests.helpers import with_facts


@pytest.fixture
def tender_file(tmp_path: Path) -> Path:
    t = Tender(title="Kantoormeubilair stadskantoor", organisation="Gemeente Haarlem", package="meubilair",
               cpv=["39130000-2"], procedure="europees-openbaar", estimated_value_eur=600_000,
               lots_reason="Eén samenhangende levering met één aanspreekpunt; splitsen geeft geen kansen aan het mkb",
               contract_term_months=36, ambition_level=1, price_weight=40,
               criteria=[TenderCriterion("MEU-G-01", weight=60), TenderCriterion("MEU-C-20")])
    with_facts(t)
    path = tmp_path / "meubilair.tender.json"
    save_tender(t, path)
    return path


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


def _edit(tender_file: Path, **changes) -> None:
    data = json.loads(tender_file.read_text(encoding="utf-8"))
    data.update(changes)
    tender_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _one_dutch_line(code: int, err: str) -> bool:
    return code == 2 and err.startswith("fout: ") and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    ("changes", "place"),
    [
        ({"description": "Stoelen\x0ben bureaus"}, "description"),
        ({"title": "Meubilair\x07"}, "title"),
        ({"values": {"x": "a\x1fb"}}, "values.x"),
        ({"criteria": [{"id": "MEU-G-01", "weight": 60, "text": "Eigen\x0b tekst"}]}, "criteria[0].text"),
    ],
)
def test_control_characters_are_a_user_error_in_check_and_export(capsys, db, tender_file, tmp_path, changes, place):
    _edit(tender_file, **changes)
    code, _, err = run(capsys, "--db", str(db), "tender", "check", str(tender_file))
    assert _one_dutch_line(code, err) and f"({place}): bevat een onzichtbaar stuurteken" in err
    out_file = tmp_path / "uit.docx"
    code, _, err = run(capsys, "--db", str(db), "export", str(tender_file), "--out", str(out_file), "--concept")
    assert _one_dutch_line(code, err) and place in err and not out_file.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "x" * 300}, "(title): is te lang (300 tekens); maximaal 200"),
        ({"estimated_value_eur": 1e30}, "(estimated_value_eur): moet een bedrag in euro's zijn van 0 tot en met"),
    ],
)
def test_absurd_title_or_value_is_a_user_error(capsys, db, tender_file, tmp_path, changes, message):
    _edit(tender_file, **changes)
    out_file = tmp_path / "uit.docx"
    code, _, err = run(capsys, "--db", str(db), "export", str(tender_file), "--out", str(out_file))
    assert _one_dutch_line(code, err) and message in err and not out_file.exists()


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "1e999"])
def test_non_finite_value_is_a_user_error(capsys, db, tender_file, raw):
    text = tender_file.read_text(encoding="utf-8").replace('"estimated_value_eur": 600000',
                                                          f'"estimated_value_eur": {raw}')
    tender_file.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "--db", str(db), "tender", "check", str(tender_file))
    assert _one_dutch_line(code, err) and "estimated_value_eur" in err and "nan" not in out + err


def test_wrong_cpv_check_digit_is_refused_by_check_export_and_match(capsys, db, tender_file, tmp_path):
    _edit(tender_file, cpv=["39130000-3"])
    code, _, err = run(capsys, "--db", str(db), "tender", "check", str(tender_file))
    assert _one_dutch_line(code, err) and "39130000-3 heeft een verkeerd controlecijfer; bedoelt u 39130000-2?" in err
    out_file = tmp_path / "uit.docx"
    code, _, err = run(capsys, "--db", str(db), "export", str(tender_file), "--out", str(out_file))
    assert _one_dutch_line(code, err) and "controlecijfer" in err and not out_file.exists()
    code, out, err = run(capsys, "--db", str(db), "match", "--cpv", "39130000-3")
    assert _one_dutch_line(code, err) and "bedoelt u 39130000-2?" in err and out == ""


def test_match_accepts_a_code_without_check_digit_and_names_an_empty_one(capsys, db):
    code, out, _ = run(capsys, "--db", str(db), "match", "--cpv", "39130000", "--json")
    assert code == 0 and json.loads(out)[0]["package"] == "meubilair"
    code, _, err = run(capsys, "--db", str(db), "match", "--cpv", "")
    assert _one_dutch_line(code, err) and err == "fout: de CPV-code is leeg\n"


def test_cpv_without_check_digit_is_printed_with_it(capsys, db, tender_file, tmp_path):
    import docx

    _edit(tender_file, cpv=["39130000"])
    out_file = tmp_path / "uit.docx"
    code, _, _ = run(capsys, "--db", str(db), "export", str(tender_file), "--out", str(out_file))
    text = "\n".join(p.text for p in docx.Document(str(out_file)).paragraphs)
    assert code == 0 and "CPV-codes: 39130000-2 " in text


def test_a_tender_file_with_a_byte_order_mark_is_read(capsys, db, tender_file):
    tender_file.write_bytes(b"\xef\xbb\xbf" + tender_file.read_bytes())
    code, _, err = run(capsys, "--db", str(db), "tender", "check", str(tender_file))
    assert code == 0 and err == ""


def test_unknown_value_name_gives_advice(capsys, db, tender_file):
    values = json.loads(tender_file.read_text(encoding="utf-8"))["values"]
    _edit(tender_file, values={**values, "kleur_stoel": "blauw"})
    code, out, _ = run(capsys, "--db", str(db), "tender", "check", str(tender_file))
    assert code == 0 and "advies: waarde kleur stoel: \"kleur stoel\" komt in geen van de gekozen criteria voor" in out


def test_lang_en_prints_findings_and_errors_in_english(capsys, db, tender_file, tmp_path):
    code, out, _ = run(capsys, "--db", str(db), "--lang", "en", "tender", "check", str(tender_file))
    assert code == 0 and "advice: " in out and "advies" not in out
    _edit(tender_file, price_weight=50)
    code, out, err = run(capsys, "--db", str(db), "--lang", "en", "tender", "check", str(tender_file))
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("error: ") and "1 error; first: Price weight: the weights of price (50%)" in err
    assert "error: Price weight: the weights" in out
    code, _, err = run(capsys, "--db", str(db), "--lang", "en", "match", "--cpv", "39130000-3")
    assert err == "error: 39130000-3 has a wrong check digit; did you mean 39130000-2?\n"
    code, _, err = run(capsys, "--db", str(db), "--lang", "en", "tender", "check", str(tmp_path / "geen.json"))
    assert code == 2 and "does not exist" in err
    _edit(tender_file, price_weight=40)
    code, out, err = run(capsys, "--db", str(db), "--lang", "en", "export", str(tender_file), "--out",
                         str(tmp_path / "uit.docx"))
    assert code == 0 and out.startswith("Written: ") and "advies" not in err


def test_export_out_equal_to_the_tender_file_is_refused(capsys, db, tender_file):
    before = tender_file.read_bytes()
    code, _, err = run(capsys, "--db", str(db), "export", str(tender_file), "--out", str(tender_file))
    assert code == 2 and "aanbestedingsbestand zelf" in err and tender_file.read_bytes() == before


def test_export_out_equal_to_the_template_is_refused(capsys, db, tender_file, tmp_path):
    import docx

    template = tmp_path / "huisstijl.docx"
    docx.Document().save(template)
    before = template.read_bytes()
    code, _, err = run(capsys, "--db", str(db), "export", str(tender_file), "--out", str(template),
                       "--template", str(template))
    assert code == 2 and "sjabloon zelf" in err and template.read_bytes() == before


def test_export_refuses_to_overwrite_without_force(capsys, db, tender_file, tmp_path):
    out_file = tmp_path / "uit.docx"
    out_file.write_bytes(b"eerdere versie")
    code, _, err = run(capsys, "--db", str(db), "export", str(tender_file), "--out", str(out_file))
    assert _one_dutch_line(code, err) and "--force" in err and out_file.read_bytes() == b"eerdere versie"
    code, _, _ = run(capsys, "--db", str(db), "export", str(tender_file), "--out", str(out_file), "--force")
    assert code == 0 and out_file.stat().st_size > 10_000


def test_export_writes_with_the_users_umask_not_owner_only(capsys, db, tender_file, tmp_path):
    import os

    old = os.umask(0o022)
    try:
        code, _, _ = run(capsys, "--db", str(db), "export", str(tender_file), "--out", str(tmp_path / "uit.docx"))
    finally:
        os.umask(old)
    assert code == 0 and (tmp_path / "uit.docx").stat().st_mode & 0o777 == 0o644


def test_export_pdf_without_libreoffice_says_so_in_one_line(capsys, db, tender_file, tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    out_file = tmp_path / "uit.docx"
    code, _, err = run(capsys, "--db", str(db), "export", str(tender_file), "--out", str(out_file), "--pdf")
    assert _one_dutch_line(code, err) and "LibreOffice" in err and not out_file.exists()


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_export_pdf_has_page_numbers_in_the_contents(capsys, db, tender_file, tmp_path):
    import re
    import subprocess

    out_file = tmp_path / "uit.docx"
    code, out, _ = run(capsys, "--db", str(db), "export", str(tender_file), "--out", str(out_file), "--pdf")
    pdf = tmp_path / "uit.pdf"
    assert code == 0 and pdf.exists() and "uit.pdf" in out
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert re.search(r"Gunningscriteria\s*\.{3,}\s*\d+", text), text


@pytest.fixture
def workwear_file(tmp_path: Path, db: Path) -> Path:
    from criteria_library.store import LibraryStore
    from tests.e2e.test_export import workwear_tender

    with LibraryStore.open(db, read_only=True) as store:
        tender = workwear_tender(store)
    path = tmp_path / "kleding.tender.json"
    save_tender(tender, path)
    return path


def model_without_verantwoording(tmp_path):
    """The model leidraad (same file name) with its {{verantwoording}} paragraph removed: no place for that chapter."""
    import docx

    from tender_assistant.documents.default_template import MODEL_LEIDRAAD

    doc = docx.Document(str(MODEL_LEIDRAAD))
    for p in doc.paragraphs:
        if p.text == "{{verantwoording}}":
            p._p.getparent().remove(p._p)
    (tmp_path / "zonder").mkdir()
    doc.save(str(tmp_path / "zonder" / "model-leidraad.docx"))
    return tmp_path / "zonder" / "model-leidraad.docx"


def test_a_single_document_with_the_model_leidraad_does_not_silently_lose_chapters(capsys, db, workwear_file,
                                                                                    tmp_path):
    """The model leidraad was made for a set: a single document through it lacked the programma van eisen, the
    contract clauses and the verantwoording, first with exit 0 and no line, then refused for the verantwoording. It
    now has a place for every chapter; only its [zaaknummer], left for the buyer, stops a final document."""
    import docx

    from tender_assistant.documents.default_template import MODEL_LEIDRAAD

    out = tmp_path / "leidraad.docx"
    code, _, err = run(capsys, "--db", str(db), "export", str(workwear_file), "--out", str(out),
                       "--template", str(MODEL_LEIDRAAD))
    errors = [line for line in err.splitlines() if not line.startswith("advies:")]  # e.g. the planning's dates
    assert code == 2 and errors[0].startswith("fout: model-leidraad.docx: de sjabloon bevat nog tekst voor de "
                                              "opdrachtgever: \"[zaaknummer]\"")
    assert len(errors) == 1 and not out.exists()

    code, _, err = run(capsys, "--db", str(db), "export", str(workwear_file), "--out", str(out),
                       "--template", str(MODEL_LEIDRAAD), "--concept")
    assert code == 0 and "geen plaats" not in err
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Voorwaarden" in paragraphs  # the model's own text stays
    assert "Verantwoording" in paragraphs and not any(p.startswith("Let op") for p in paragraphs)


def test_tender_check_with_a_template_names_the_chapters_it_has_no_place_for(capsys, db, workwear_file, tmp_path):
    template = model_without_verantwoording(tmp_path)
    code, out, err = run(capsys, "--db", str(db), "tender", "check", str(workwear_file), "--template",
                         str(template))
    missing = [line for line in out.splitlines() if "geen plaats voor het hoofdstuk" in line]
    assert code == 2 and len(missing) == 1 and all(line.startswith("fout: model-leidraad.docx: ") for line in missing)
    assert "Verantwoording ({{verantwoording}})" in missing[0] and "fout:" in err
    assert "fout: model-leidraad.docx: de sjabloon bevat nog tekst voor de opdrachtgever: \"[zaaknummer]\"" in out


def test_tender_check_and_a_final_set_of_the_mra_example_with_a_haarlem_template(capsys, db, tmp_path):
    """H2: `tender check --template` said nothing and the final set went out with "Gemeente Haarlem", "«Zaaknummer»"
    and a leidraad footer on the programma van eisen."""
    from tests.unit.tender_assistant.documents.test_template_fit import haarlem

    example = Path(__file__).parents[2] / "docs" / "examples" / "bedrijfskleding-mra.tender.json"
    template = haarlem(tmp_path)
    code, out, _ = run(capsys, "--db", str(db), "tender", "check", str(example), "--template", str(template))
    assert code == 2  # the merge fields are errors, as "[...]" gaps are
    assert "samenvoegveld «Zaaknummer»" in out and "noemt Gemeente Haarlem, dat geen partij is" in out
    assert "noemt de aanbestedingsleidraad" in out and "{{documenttype}}" in out
    folder = tmp_path / "set"
    folder.mkdir()
    code, _, err = run(capsys, "--db", str(db), "export", str(example), "--set", str(folder), "--template", str(template))
    assert code == 2 and "samenvoegveld" in err and "concept" in err and list(folder.iterdir()) == []


def test_tender_check_with_a_template_names_a_block_marker_used_twice_as_an_error(capsys, db, workwear_file,
                                                                                  tmp_path):
    """The export refuses a final document with a chapter twice; check says so too, as an error."""
    import docx

    template = tmp_path / "dubbel.docx"
    doc = docx.Document()
    for marker in ("inleiding", "gunningscriteria", "gunningscriteria"):
        doc.add_paragraph(f"{{{{{marker}}}}}")
    doc.save(str(template))
    code, out, _ = run(capsys, "--db", str(db), "tender", "check", str(workwear_file), "--template", str(template))
    twice = [line for line in out.splitlines() if "staat 2 keer" in line]
    assert code == 2 and len(twice) == 1 and twice[0].startswith("fout: dubbel.docx: de markering {{gunningscriteria}}")


def test_export_set_naming_a_dangling_link_or_a_file_says_what_it_is(capsys, db, tender_file, tmp_path):
    """FINDINGS4 F22: a dangling link gave "onverwacht" (mkdir: FileExistsError); a file "De map ... bestaat niet"."""
    link = tmp_path / "t15" / "set"
    link.parent.mkdir()
    link.symlink_to(tmp_path / "nergens")
    code, _, err = run(capsys, "--db", str(db), "export", str(tender_file), "--set", str(link), "--force")
    assert code == 2 and "koppeling naar iets dat niet bestaat" in err and "onverwacht" not in err, err
    assert link.is_symlink() and not (tmp_path / "nergens").exists()
    plain = tmp_path / "t16" / "set"
    plain.parent.mkdir()
    plain.write_text("geen map", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db), "export", str(tender_file), "--set", str(plain), "--force")
    assert code == 2 and "is een bestand, geen map" in err, err
    assert plain.read_text(encoding="utf-8") == "geen map"
