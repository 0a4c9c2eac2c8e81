"""Mapping logical styles onto a template's styles, and rendering a plan."""

from __future__ import annotations

from datetime import date

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tender_assistant.documents.export import render
from tender_assistant.documents.house_style import load_template
from tender_assistant.documents.plan import Style, build_plan
from tender_assistant.documents.styles import norm, resolve_styles


def test_names_compare_loosely():
    assert norm("Kop 1") == norm("kop1") == "kop1" and norm("Überschrift 1") == "uberschrift1"


def test_default_template_has_every_style_without_adding_any():
    resolved = resolve_styles(load_template())
    assert resolved.added == []
    assert resolved.ids[Style.HEADING_1] == "Heading1" and resolved.ids[Style.TABLE] == "TableGrid"


def test_heading_recognised_by_outline_level_when_named_otherwise():
    doc = docx.Document()
    style = doc.styles.add_style("Hoofdstuk", 1)
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), "0")
    style.element.get_or_add_pPr().append(lvl)
    for el in list(doc.styles.element.findall(qn("w:style"))):
        if el.get(qn("w:styleId")) == "Heading1":
            doc.styles.element.remove(el)
    assert resolve_styles(doc).ids[Style.HEADING_1] == "Hoofdstuk"


def test_template_numbered_headings_get_no_second_number(fake_lib, tender):
    doc = docx.Document()
    num = OxmlElement("w:numPr")
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), "1")
    num.append(num_id)
    doc.styles["Heading 1"].element.get_or_add_pPr().append(num)
    assert Style.HEADING_1 in resolve_styles(doc).numbered
    render(build_plan(tender, fake_lib, today=date(2026, 11, 25)), doc)
    texts = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "Gunningscriteria" in texts and "4. Gunningscriteria" not in texts
    assert "Bijlage A – Bewijsmiddelen" in texts  # annexes keep their own label


def test_plan_puts_criteria_in_chapters_with_weights_and_gaps(fake_lib, tender):
    del tender.values["reparatie_dagen"]
    doc = render(build_plan(tender, fake_lib, today=date(2026, 11, 25), concept=True), load_template())
    texts = [p.text for p in doc.paragraphs]
    assert "4.2 Plan van aanpak hergebruik (40%)" in texts
    assert "3.2 Reparatieservice" in texts  # numbering restarts per chapter
    gap = next(r for p in doc.paragraphs for r in p.runs if "in te vullen" in r.text)
    assert gap.font.highlight_color is not None
    weights = doc.tables[1]
    assert [c.text for c in weights.rows[-1].cells] == ["Totaal", "100%"]
    assert any("CONCEPT" in t for t in texts) and "25 november 2026" in doc.tables[0].rows[1].cells[1].text
