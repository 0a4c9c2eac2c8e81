"""Export robustness: texts that XML cannot hold, long titles, concept marking, headings as the TOC shows them."""

from __future__ import annotations

import dataclasses
from datetime import date

import docx
import pytest

from tender_assistant.docx_export import CONCEPT_MARK, export_tender, heading_label, xml_safe
from tender_assistant.docx_plan import Heading, Paragraph, Toc, build_plan
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
