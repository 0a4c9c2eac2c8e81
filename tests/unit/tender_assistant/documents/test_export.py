"""Export robustness: texts that XML cannot hold, long titles, concept marking, headings as the TOC shows them."""

from __future__ import annotations

import dataclasses
from datetime import date

import docx
import pytest

from tender_assistant.documents.export import export_tender
from tender_assistant.documents.house_style import CONCEPT_MARK
from tender_assistant.documents.plan import Heading, Paragraph, Toc, build_plan
from tender_assistant.documents.renderer import heading_label, xml_safe
from tests.unit.tender_assistant.fake_library import FakeLibrary, workwear_criteria

TODAY = date(2026, 11, 25)


def _toc_and_headings(doc) -> tuple[list[str], list[str]]:
    """The TOC's cached entries and the headings' texts, in document order."""
    paragraphs = doc.paragraphs
    begin = next(i for i, p in enumerate(paragraphs) if "TOC \\o" in p._p.xml)
    end = next(i for i, p in enumerate(paragraphs) if i >= begin and 'w:fldCharType="end"' in p._p.xml)
    toc = [p.text for p in paragraphs[begin : end + 1]]
    headings = [p.text for p in paragraphs[end + 1 :] if p.style.name.startswith("Heading")]
    return toc, headings


def test_library_texts_with_control_characters_still_export(tmp_path, tender):
    crits = [dataclasses.replace(c, clause=c.clause + "\x0b Zie\x01 bijlage.", title=c.title + "\x0c",
                                 verification="Productblad\x1f.") if c.id == "BED-S-01" else c
             for c in workwear_criteria()]
    out = export_tender(tender, FakeLibrary(crits=crits), tmp_path / "uit.docx", today=TODAY)
    doc = docx.Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Zie bijlage." in text and "\x0b" not in text and "\x01" not in text
    assert "Ervaring met terugname van kleding" in text


def test_xml_safe_keeps_tabs_new_lines_and_other_scripts():
    assert xml_safe("a\tb\nc\r\x00\x0b\ud800\uffffé€😀") == "a\tb\nc\ré€😀"


def test_a_long_title_is_shortened_in_the_document_properties(tmp_path, fake_lib, tender):
    tender.title = "Bedrijfskleding " * 30  # 480 characters: only a Tender built in code can be this long
    tender.organisation = "Gemeente " * 40
    out = export_tender(tender, fake_lib, tmp_path / "lang.docx", today=TODAY)
    props = docx.Document(str(out)).core_properties
    assert len(props.title) == 255 and props.title.endswith("…") and props.title.startswith("Bedrijfskleding")
    assert len(props.author) <= 255


def test_a_concept_says_so_in_the_header_of_every_page(tmp_path, fake_lib, tender):
    out = export_tender(tender, fake_lib, tmp_path / "concept.docx", today=TODAY, concept=True)
    doc = docx.Document(str(out))
    section = doc.sections[0]
    assert section.different_first_page_header_footer  # the default template's cover has its own header
    assert section.first_page_header.paragraphs[0].text == CONCEPT_MARK
    assert [p.text for p in section.header.paragraphs][:2] == [CONCEPT_MARK, tender.title]


def test_a_final_document_has_no_concept_mark(tmp_path, fake_lib, tender):
    out = export_tender(tender, fake_lib, tmp_path / "definitief.docx", today=TODAY)
    section = docx.Document(str(out)).sections[0]
    assert all(CONCEPT_MARK not in p.text for p in section.header.paragraphs)


def test_table_of_contents_reads_exactly_like_the_headings(tmp_path, fake_lib, tender):
    out = export_tender(tender, fake_lib, tmp_path / "toc.docx", today=TODAY)
    toc, headings = _toc_and_headings(docx.Document(str(out)))
    assert "1. Inleiding" in headings and "1.1 Omschrijving van de opdracht" in headings
    assert "Bijlage A – Bewijsmiddelen" in headings
    assert toc == headings


def test_heading_label_numbers():
    assert heading_label(Heading("Inleiding", 1, "1"), numbered=False) == "1. Inleiding"
    assert heading_label(Heading("Omvang", 2, "1.2"), numbered=False) == "1.2 Omvang"
    assert heading_label(Heading("Inleiding", 1, "1"), numbered=True) == "Inleiding"
    assert heading_label(Heading("Bewijsmiddelen", 1, "Bijlage A"), numbered=True) == "Bijlage A – Bewijsmiddelen"


@pytest.mark.parametrize(
    ("procedure", "expected"),
    [
        ("europees-openbaar", "via een Europese openbare procedure."),
        ("europees-niet-openbaar", "via een Europese niet-openbare procedure."),
        ("nationaal-openbaar", "via een nationale openbare procedure."),
        ("meervoudig-onderhands", "via een meervoudig onderhandse procedure."),
    ],
)
def test_scope_sentence_names_the_procedure_with_proper_capitals(fake_lib, tender, procedure, expected):
    tender.procedure = procedure
    plan = build_plan(tender, fake_lib, today=TODAY)
    texts = ["".join(r.text for r in b.runs) for b in plan.body if isinstance(b, Paragraph)]
    assert any(expected in t for t in texts)
    assert any(isinstance(b, Toc) for b in plan.body)


def test_a_wrong_cpv_code_in_a_concept_is_printed_as_typed(fake_lib, tender):
    tender.cpv = ["18100000-7"]
    plan = build_plan(tender, fake_lib, today=TODAY, concept=True)
    texts = ["".join(r.text for r in b.runs) for b in plan.body if isinstance(b, Paragraph)]
    assert "CPV-codes: 18100000-7." in texts


def test_file_properties_are_the_tenders_and_carry_no_library_trace(tmp_path, fake_lib, tender):
    import zipfile
    from datetime import UTC, datetime, timedelta

    out = export_tender(tender, fake_lib, tmp_path / "p.docx", today=TODAY)
    props = docx.Document(str(out)).core_properties
    assert props.title == tender.title and props.author == "Gemeente Zaanstad"
    now = datetime.now(UTC)
    assert abs(props.created - now) < timedelta(minutes=5) and abs(props.modified - now) < timedelta(minutes=5)
    with zipfile.ZipFile(out) as zf:
        everything = b"".join(zf.read(n) for n in zf.namelist())
        doc_props = zf.read("docProps/core.xml") + zf.read("docProps/app.xml")
        assert not any("thumbnail" in n for n in zf.namelist())
    assert b"python-docx" not in everything and b"2013" not in doc_props and b"Macintosh" not in doc_props
    assert b"updateFields" not in everything  # only the contents list is marked for updating, not every field
    assert b'w:fldCharType="begin" w:dirty="true"' in everything


def test_without_organisation_the_author_is_the_user(tmp_path, fake_lib, tender, monkeypatch):
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "j.jansen")
    tender.organisation = ""
    out = export_tender(tender, fake_lib, tmp_path / "p.docx", today=TODAY)
    assert docx.Document(str(out)).core_properties.author == "j.jansen"


def test_pages_are_numbered_also_with_a_house_style_without_footer(tmp_path, fake_lib, tender):
    template = tmp_path / "kaal.docx"
    docx.Document().save(str(template))
    out = export_tender(tender, fake_lib, tmp_path / "p.docx", template, today=TODAY)
    footer = docx.Document(str(out)).sections[0].footer
    assert not footer.is_linked_to_previous and "PAGE" in footer._element.xml
    assert "Pagina" in footer.paragraphs[0].text


def test_the_default_layout_keeps_its_own_single_page_number(tmp_path, fake_lib, tender):
    out = export_tender(tender, fake_lib, tmp_path / "p.docx", today=TODAY)
    assert docx.Document(str(out)).sections[0].footer._element.xml.count('w:instr="PAGE"') == 1


def test_generated_sentences_count_and_capitalise_right(fake_lib, tender):
    tender.organisation = "gemeente Zaanstad"
    tender.contract_term_months = 1
    tender.criteria = [c for c in tender.criteria if c.id in ("BED-S-01", "BED-G-01", "BED-C-01", "BED-C-02")]
    tender.criteria[1].weight = 70
    plan = build_plan(tender, fake_lib, today=TODAY)
    texts = "\n".join("".join(r.text for r in b.runs) for b in plan.body if isinstance(b, Paragraph))
    assert "Gemeente Zaanstad besteedt deze opdracht aan" in texts
    assert "looptijd van 1 maand." in texts
    assert ("1 geschiktheidseis, geen minimumeisen, 1 gunningscriterium en 2 contractbepalingen." in texts), texts


def test_annexes_only_the_buyer_can_supply_are_listed_not_assumed(fake_lib, tender):
    from tender_assistant.documents.plan import BUYER_ANNEX_TITLE, Table

    crits = [dataclasses.replace(c, clause=c.clause + " Zie de artikellijst.") if c.id == "BED-M-01" else c
             for c in workwear_criteria()]
    plan = build_plan(tender, FakeLibrary(crits=crits), today=TODAY)
    titles = [b.text for b in plan.body if isinstance(b, Heading)]
    assert BUYER_ANNEX_TITLE in titles
    table = plan.body[-1]
    assert isinstance(table, Table) and table.rows[0][0] == "Artikellijst" and table.rows[0][2] == "3.1"
    plain = build_plan(tender, fake_lib, today=TODAY)
    assert BUYER_ANNEX_TITLE not in [b.text for b in plain.body if isinstance(b, Heading)]
