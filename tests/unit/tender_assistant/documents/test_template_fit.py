"""A house style of another organisation (finding H2): merge fields, a foreign organisation's name and a document
type in the header or footer are reported by `tender check --template` and refused by a final export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tender_assistant.documents.default_template import MODEL_LEIDRAAD
from tender_assistant.documents.document_set import export_set
from tender_assistant.documents.house_style import load_template
from tender_assistant.documents.template_fit import (
    DOCUMENT_TYPES,
    document_type_problems,
    fit_problems,
    merge_field_problems,
    organisation_problems,
)
from tender_assistant.errors import TemplateError
from tests.unit.tender_assistant.documents.test_markers import make_template
from tests.unit.tender_assistant.test_tender_parts import joint_workwear

TODAY = date(2026, 11, 25)
HEADER = "Gemeente Haarlem | Team Inkoop | zaak «Zaaknummer»"
FOOTER = "Aanbestedingsleidraad Gemeente Haarlem – {{titel}}"


def haarlem(tmp_path: Path, header: str = HEADER, footer: str = FOOTER, merge_field: bool = True) -> Path:
    """A complete house style with every block marker, made by and for Gemeente Haarlem."""
    path = make_template(tmp_path / "haarlem.docx")
    doc = docx.Document(str(path))
    doc.add_paragraph("Procedure", style="Heading 1")
    doc.add_paragraph("{{planning}}")
    section = doc.sections[0]
    section.header.paragraphs[0].text = header
    if merge_field:  # a real Word merge field, as a mail-merge template has it
        section.header.paragraphs[0]._p.append(parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" MERGEFIELD Behandelaar \\* MERGEFORMAT ">'
            "<w:r><w:t>«Behandelaar»</w:t></w:r></w:fldSimple>"))
    section.footer.paragraphs[0].text = footer
    doc.save(str(path))
    return path


def test_the_haarlem_template_is_reported_three_ways_for_the_mra_tender(tmp_path):
    doc = load_template(haarlem(tmp_path))
    tender = joint_workwear()  # five municipalities, Purmerend penvoerder: Haarlem is none of them
    merge = [nl for nl, _ in merge_field_problems(doc)]
    assert any("«Zaaknummer»" in m and "kop- of voettekst" in m for m in merge)
    assert any("«Behandelaar»" in m for m in merge)
    assert [nl for nl, _ in organisation_problems(doc, tender)][0].startswith(
        "de sjabloon noemt Gemeente Haarlem, dat geen partij is bij deze aanbesteding")
    types = [nl for nl, _ in document_type_problems(doc, DOCUMENT_TYPES)]
    assert len(types) == 1 and "noemt de aanbestedingsleidraad" in types[0] and "{{documenttype}}" in types[0]
    assert "het programma van eisen en de contractbijlage" in types[0]


def test_an_own_template_with_markers_fits(tmp_path):
    tender = joint_workwear()
    own = haarlem(tmp_path, header="Gemeente Purmerend | Team Inkoop | {{titel}}",
                  footer="{{documenttype}} Gemeente Zaanstad – {{titel}}", merge_field=False)
    assert fit_problems(load_template(own), tender, DOCUMENT_TYPES) == []
    assert fit_problems(load_template(MODEL_LEIDRAAD), tender, DOCUMENT_TYPES) == []
    # the leidraad's own word is right on a single leidraad
    only = haarlem(tmp_path, header="Gemeente Purmerend", footer="Aanbestedingsleidraad", merge_field=False)
    assert document_type_problems(load_template(only), ["aanbestedingsleidraad"]) == []


def test_a_final_set_refuses_the_haarlem_template_and_writes_nothing(tmp_path, fake_lib):
    out = tmp_path / "set"
    out.mkdir()
    with pytest.raises(TemplateError) as caught:
        export_set(joint_workwear(), fake_lib, out, haarlem(tmp_path), today=TODAY)
    assert caught.value.message.startswith("haarlem.docx: de sjabloon bevat in een kop- of voettekst het "
                                           "samenvoegveld «Behandelaar», dat de export niet invult")
    assert "(en nog 1); of maak een concept" in caught.value.message  # and «Zaaknummer»
    assert list(out.iterdir()) == []


def test_a_final_set_with_a_foreign_name_but_no_merge_field_is_written_and_says_so(tmp_path, fake_lib):
    out = tmp_path / "set"
    out.mkdir()
    notes: list[str] = []
    template = haarlem(tmp_path, header="Gemeente Haarlem | Team Inkoop", merge_field=False)
    export_set(joint_workwear(), fake_lib, out, template, today=TODAY, notes=notes)
    said = "\n".join(notes)
    assert "haarlem.docx: de sjabloon noemt Gemeente Haarlem, dat geen partij is bij deze aanbesteding" in said
    assert "komt ook op het programma van eisen en de contractbijlage" in said
    assert (out / "contractbijlage.docx").is_file()


def test_a_concept_set_is_written_and_says_each_problem(tmp_path, fake_lib):
    out = tmp_path / "set"
    out.mkdir()
    notes: list[str] = []
    export_set(joint_workwear(), fake_lib, out, haarlem(tmp_path), today=TODAY, concept=True, notes=notes)
    assert (out / "programma-van-eisen.docx").is_file()
    said = "\n".join(notes)
    assert "«Zaaknummer»" in said and "Gemeente Haarlem" in said and "{{documenttype}}" in said
