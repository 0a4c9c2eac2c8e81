"""export --set: the five files a buyer publishes and works from, read back as a user's tools would."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest

import main
from criteria_library.store import LibraryStore
from tender_assistant.documents.document_set import SET_FILES, SUPPLIER_COLUMNS, read_supplier_data
from tender_assistant.tender import TenderCriterion, save_tender
from tests.e2e.test_export import workwear_tender


@pytest.fixture(scope="module")
def exported_set(starter_db_template: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("set")
    db = folder / "lib.db"
    shutil.copy(starter_db_template, db)
    store = LibraryStore.open(db, read_only=True)
    tender = workwear_tender(store)
    # A text that a spreadsheet would run as a formula (formula injection) must stay text.
    tender.criteria[0] = TenderCriterion(tender.criteria[0].id, tender.criteria[0].weight,
                                         '=HYPERLINK("http://evil.example","klik") eigen tekst',
                                         tender.criteria[0].version)
    criteria = store.criteria_by_ids(tender.criterion_ids())
    store.close()
    save_tender(tender, folder / "t.tender.json")
    out = folder / "set"
    out.mkdir()
    code = main.main(["--db", str(db), "export", str(folder / "t.tender.json"), "--set", str(out)])
    assert code == 0
    return tender, criteria, out, db, folder


def _text(path: Path) -> str:
    doc = docx.Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_set_writes_exactly_the_six_files(exported_set):
    _, _, out, _, _ = exported_set
    assert sorted(p.name for p in out.iterdir()) == sorted(SET_FILES)


def test_each_document_holds_its_own_part(exported_set):
    tender, criteria, out, _, _ = exported_set
    by_kind: dict[str, list[str]] = {}
    for c in criteria.values():
        by_kind.setdefault(c.kind, []).append(c.title)
    leidraad, pve, contract = (_text(out / n) for n in SET_FILES[:3])
    assert "Procedure en planning" in leidraad and "in te vullen]" not in leidraad  # a final set has no gap
    assert "TenderNed" in leidraad and "J. de Vries" in leidraad and "22 maart 2027" in leidraad
    assert all(t in leidraad for t in by_kind["geschiktheidseis"] + by_kind["gunningscriterium"])
    assert not any(t in leidraad for t in by_kind["minimumeis"])
    assert all(t in pve for t in by_kind["minimumeis"]) and not any(t in pve for t in by_kind["gunningscriterium"])
    assert all(t in contract for t in by_kind["contractbepaling"]) and "Borgingsplan" in contract
    assert "zie Bewijsmiddelen" not in contract  # the contract annex has no evidence annex of its own
    for text in (leidraad, pve, contract):
        assert "{{" not in text and tender.title in text


def test_eisenlijst_rows_match_the_tender(exported_set):
    tender, criteria, out, _, _ = exported_set
    wb = openpyxl.load_workbook(out / "eisenlijst.xlsx")
    assert wb.sheetnames == ["Eisen", "Gunningscriteria"]
    rows = list(wb["Eisen"].iter_rows(values_only=True))
    assert rows[0][:5] == ("Nr.", "Soort", "Onderwerp", "Vraag aan de inschrijver", "Antwoordtype")
    expected = [cid for cid in tender.criterion_ids() if criteria[cid].kind in ("geschiktheidseis", "minimumeis")]
    # a contract clause that asks for a document with the bid (BKL-C-09: a description of the washing process)
    expected += [cid for cid in tender.criterion_ids() if criteria[cid].kind == "contractbepaling"
                 and "Bij inschrijving:" in criteria[cid].verification]
    assert sorted(r[7] for r in rows[1:]) == sorted(expected) and any(r[1] == "contractbepaling" for r in rows[1:])
    assert {r[4] for r in rows[1:]} <= {"ja/nee", "upload", "UEA"}
    # selection: the UEA with the bid, papers only from the intended winner (never an upload at submission)
    assert {r[4] for r in rows[1:] if r[1] == "geschiktheidseis"} == {"UEA"}
    assert {r[6] for r in rows[1:] if r[1] == "geschiktheidseis"} == {"bij inschrijving, voor gunning"}
    assert all(r[0].startswith(("GE", "ME", "CB")) for r in rows[1:])
    injected = next(r for r in rows[1:] if r[7] == tender.criteria[0].id)
    assert injected[3].startswith("=HYPERLINK")  # written as text
    cell = next(c for row in wb["Eisen"].iter_rows() for c in row if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"
    award = list(wb["Gunningscriteria"].iter_rows(values_only=True))
    awarded = {cid: tender.entry(cid).weight for cid in tender.criterion_ids()
               if criteria[cid].kind == "gunningscriterium"}
    assert {r[7]: r[5] for r in award[2:]} == awarded
    assert award[1][0] == "Prijs" and award[1][5] == tender.price_weight
    assert sum(r[5] or 0 for r in award[1:]) == 100


def test_borgingsplan_and_supplier_sheet_read_back(exported_set, tmp_path):
    tender, criteria, out, _, _ = exported_set
    wb = openpyxl.load_workbook(out / "borgingsplan.xlsx")
    assert wb.sheetnames == ["Borgingsplan", "Leveranciersgegevens"]
    rows = list(wb["Borgingsplan"].iter_rows(values_only=True))
    assert rows[0][:8] == ("Nr.", "Soort", "Criterium", "Wat wordt gecontroleerd", "Bewijsmiddel", "Wanneer",
                           "Door wie", "Gevolg bij niet voldoen")
    assert [r[8] for r in rows[1:]] == [cid for kind in ("geschiktheidseis", "minimumeis", "gunningscriterium",
                                                         "contractbepaling")
                                        for cid in tender.criterion_ids() if criteria[cid].kind == kind]
    contract_rows = [r for r in rows[1:] if r[1] == "contractbepaling"]
    assert contract_rows and all(r[6] == "contractmanager" for r in contract_rows)
    assert all(r[5] for r in rows[1:]) and all(r[7] for r in rows[1:])
    sheet = wb["Leveranciersgegevens"]
    assert [c.value for c in sheet[1]] == SUPPLIER_COLUMNS
    sheet.cell(row=2, column=7, value=38.5)  # the supplier fills in year 1's recycled content
    filled = tmp_path / "ingevuld.xlsx"
    wb.save(filled)
    figures = read_supplier_data(filled)
    assert len(figures) == 4 * 4  # four indicators for each of the 4 contract years (48 months)
    first = figures[0]
    assert (first.contract, first.organisation, first.year, first.unit, first.value) == (
        tender.title, tender.organisation, 1, "%", 38.5)
    assert all(f.value is None for f in figures[1:])


def test_set_refuses_to_overwrite_without_force(exported_set, capsys):
    _, _, out, db, folder = exported_set
    before = (out / "eisenlijst.xlsx").read_bytes()
    code = main.main(["--db", str(db), "export", str(folder / "t.tender.json"), "--set", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "--force" in err and (out / "eisenlijst.xlsx").read_bytes() == before


def test_the_model_leidraad_keeps_its_own_text_around_the_set(exported_set, tmp_path, capsys):
    from tender_assistant.documents.default_template import MODEL_LEIDRAAD

    tender, criteria, _, db, folder = exported_set
    out = tmp_path / "model"
    out.mkdir()
    args = ["--db", str(db), "export", str(folder / "t.tender.json"), "--set", str(out), "--template",
            str(MODEL_LEIDRAAD)]
    # The model still holds text for the buyer to replace: not in a final set.
    assert main.main(args) != 0 and "[zaaknummer]" in capsys.readouterr().err and list(out.iterdir()) == []
    code = main.main([*args, "--concept"])
    assert code == 0
    leidraad, pve, contract = (_text(out / n) for n in SET_FILES[:3])
    assert "Gemeente Zaanstad koopt circulair in" in leidraad
    assert "Gemeente Zaanstad sluit de overeenkomst op basis van de conceptovereenkomst" in leidraad
    # the generated procedural core (with the UEA) stands at {{planning}}, before the template's later chapters
    award = [c.title for c in criteria.values() if c.kind == "gunningscriterium"]
    paragraphs = [p.text for p in docx.Document(str(out / SET_FILES[0])).paragraphs]
    uea = next(i for i, t in enumerate(paragraphs) if "Uniform Europees Aanbestedingsdocument" in t)
    assert paragraphs.index("Procedure en planning") < uea < paragraphs.index("Geschiktheidseisen") < paragraphs.index(
        "Voorwaarden")
    chapter = paragraphs.index("Gunning")  # the template's own heading, then our award chapter, then its text
    first_award = next(i for i, t in enumerate(paragraphs) if i > chapter and award[0] in t)
    assert chapter < first_award < paragraphs.index("Voorwaarden")
    for text in (leidraad, pve, contract):
        assert "{{" not in text
    # the leidraad's own chapters stay out of the programma van eisen and the contract annex
    assert "koopt circulair in" not in pve and "koopt circulair in" not in contract
    header = docx.Document(str(out / SET_FILES[1])).sections[-1].header
    assert "Gemeente Zaanstad" in "".join(p.text for p in header.paragraphs)


@pytest.mark.parametrize(("typed", "expected"), [("12,5", 12.5), ("1,250.5", 1250.5), ("1.000", None),
                                                 ("1_0", None), ("1e5", None)])
def test_a_supplier_figure_is_read_by_the_one_number_rule(tmp_path, typed, expected):
    """Supplier values were read with float(x.replace(',', '.')): '1_0' was 10 and '1,250.5' refused (issue 18)."""
    from openpyxl import Workbook

    from tender_assistant.errors import TenderError

    wb = Workbook()
    wb.active.title = "Leveranciersgegevens"
    wb.active.append(SUPPLIER_COLUMNS)
    wb.active.append(["Kleding", "Gemeente", "bedrijfskleding", 1, "Gerecycled", "%", typed, ""])
    wb.save(tmp_path / "ingevuld.xlsx")
    if expected is None:
        with pytest.raises(TenderError, match=f'ingevuld.xlsx, regel 2, Waarde: "{typed}" is '):
            read_supplier_data(tmp_path / "ingevuld.xlsx")
    else:
        assert read_supplier_data(tmp_path / "ingevuld.xlsx")[0].value == expected


def test_export_refuses_a_set_with_an_open_gap_and_a_concept_marks_it(exported_set, tmp_path, capsys):
    tender, _, _, db, _ = exported_set
    tender = copy.deepcopy(tender)
    del tender.values["platform"]
    save_tender(tender, tmp_path / "gap.tender.json")
    out = tmp_path / "final"
    out.mkdir()
    code = main.main(["--db", str(db), "export", str(tmp_path / "gap.tender.json"), "--set", str(out)])
    err = capsys.readouterr().err
    assert code != 0 and "Platform: aanbestedingsleidraad.docx, Procedure en planning" in err
    assert "--concept" in err and list(out.iterdir()) == []
    code = main.main(["--db", str(db), "export", str(tmp_path / "gap.tender.json"), "--set", str(out), "--concept"])
    assert code == 0 and "[platform: in te vullen]" in _text(out / "aanbestedingsleidraad.docx")


def test_set_into_a_new_folder_makes_it_and_a_refused_set_leaves_none(exported_set, tmp_path, capsys):
    """'export --set FOLDER' refused a folder that did not exist yet, where the window proposes one (finding B19)."""
    tender, _, _, db, folder = exported_set
    out = tmp_path / "nieuwe-map"
    code = main.main(["--db", str(db), "export", str(folder / "t.tender.json"), "--set", str(out)])
    assert code == 0 and sorted(p.name for p in out.iterdir()) == sorted(SET_FILES)
    gap = copy.deepcopy(tender)
    del gap.values["platform"]
    save_tender(gap, tmp_path / "gap.tender.json")
    refused = tmp_path / "geweigerd"
    assert main.main(["--db", str(db), "export", str(tmp_path / "gap.tender.json"), "--set", str(refused)]) != 0
    assert not refused.exists()
    deeper = tmp_path / "geen" / "map"
    assert main.main(["--db", str(db), "export", str(folder / "t.tender.json"), "--set", str(deeper)]) == 2
    assert "bestaat niet" in capsys.readouterr().err and not deeper.parent.exists()


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) or pdftotext (poppler-utils) is not installed")
def test_a_page_that_is_exactly_full_is_not_followed_by_a_blank_page_in_libreoffice(tmp_path: Path) -> None:
    """L10: after a page that was exactly full, the page break before the next chapter got a page of its own (page
    13 of 14 of the MRA leidraad held only its header and footer). Chapters of 20 to 70 lines: one of them fills its
    page exactly, whatever the house style's line height."""
    import subprocess

    from tender_assistant.documents.export import render
    from tender_assistant.documents.house_style import load_template
    from tender_assistant.documents.pdf import docx_to_pdf
    from tender_assistant.documents.plan import DocumentPlan, Heading, PageBreak, Paragraph, Run

    body: list = []
    for lines in range(20, 71):
        body += [Heading(f"Hoofdstuk {lines}", 1, ""), *[Paragraph([Run(f"regel {i}")]) for i in range(lines)],
                 PageBreak()]
    plan = DocumentPlan("Volle pagina's", "Gemeente Voorbeeld", "6 december 2026", body=body[:-1])
    render(plan, load_template()).save(str(tmp_path / "vol.docx"))
    pdf = docx_to_pdf(tmp_path / "vol.docx", tmp_path / "vol.pdf")
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    blank = [i for i, page in enumerate(pages[:-1], start=1) if "regel" not in page and "Hoofdstuk" not in page]
    assert len(pages) > 51 and blank == []
