"""The default house style (templates/tender.docx), generated here so its definition is reviewable as code."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .plan import Style
from .styles import SPECS, resolve_styles

FONT = "Calibri"  # LibreOffice substitutes the metric-compatible Carlito, so page breaks stay put
ACCENT = RGBColor(0x1F, 0x38, 0x64)
GREY = RGBColor(0x59, 0x59, 0x59)


def _field(paragraph, instr: str) -> None:
    """A simple field (PAGE, NUMPAGES) as a run."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "16")
    rpr.append(size)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    fld.append(run)
    paragraph._p.append(fld)


def make_default_template(path: Path) -> Path:
    """Write the default template: A4, calm typography, title in the header, page x of y in the footer."""
    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.different_first_page_header_footer = True  # no running header on the cover

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for logical, name in ((Style.TITLE, "Title"), (Style.SUBTITLE, "Subtitle"), (Style.HEADING_1, "Heading 1"),
                          (Style.HEADING_2, "Heading 2")):
        spec = SPECS[logical]
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(spec.size) if spec.size else None
        style.font.bold = spec.bold
        style.font.italic = spec.italic
        style.font.color.rgb = RGBColor.from_string(spec.color) if spec.color else None
        pf = style.paragraph_format
        pf.space_before, pf.space_after = Pt(spec.space_before), Pt(spec.space_after)
        # python-docx's built-in Title has a bottom border; a tender cover reads calmer without it.
        ppr = style.element.pPr
        if ppr is not None:
            for border in ppr.findall(qn("w:pBdr")):
                ppr.remove(border)
    header = section.header.paragraphs[0]
    header.text = "{{titel}}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in header.runs:
        run.font.size, run.font.color.rgb = Pt(8), GREY
    footer = section.footer.paragraphs[0]
    footer.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
    run = footer.add_run("{{opdrachtgever}} – {{documenttype}}\tPagina ")
    run.font.size, run.font.color.rgb = Pt(8), GREY
    _field(footer, "PAGE")
    run = footer.add_run(" van ")
    run.font.size, run.font.color.rgb = Pt(8), GREY
    _field(footer, "NUMPAGES")
    resolve_styles(doc)  # adds our own styles (Clausule, Kenmerk) so a house style can start from them
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


MODEL_LEIDRAAD = Path(__file__).with_name("templates") / "model-leidraad.docx"


def make_model_leidraad(path: Path) -> Path:
    """A model aanbestedingsleidraad of a fictitious municipality: its own text around the block markers.

    It shows how an organisation prepares its own model: a cover section with the facts, then the body with its
    own chapters and {{...}} markers where Tender Assistant puts the circular chapters.
    """
    doc = docx.Document(str(make_default_template(path)))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    cover = doc.sections[0]
    cover.different_first_page_header_footer = False
    # also right on the set's other documents: each names itself
    cover.header.paragraphs[0].text = "{{opdrachtgever}} – {{titel}} – {{documenttype}}"
    for run in cover.header.paragraphs[0].runs:
        run.font.size, run.font.color.rgb = Pt(8), GREY
    doc.add_paragraph("{{opdrachtgever}}", style="Subtitle")
    doc.add_paragraph("{{documenttype}}", style="Title")
    doc.add_paragraph("{{titel}}", style="Subtitle")
    facts = doc.add_table(rows=0, cols=2)
    facts.style = doc.styles["Table Grid"]
    for label, marker in (("Opdrachtgever", "{{opdrachtgever}}"), ("Procedure", "{{procedure}}"),
                          ("Datum", "{{datum}}"), ("Geraamde waarde", "{{waarde}}"), ("Looptijd", "{{looptijd}}"),
                          ("CPV-codes", "{{cpv}}"), ("Kenmerk", "[zaaknummer]")):
        cells = facts.add_row().cells
        cells[0].text, cells[1].text = label, marker
        cells[0].paragraphs[0].runs[0].bold = True
    doc.add_paragraph()
    doc.add_paragraph("{{opdrachtgever}} koopt circulair in: we vragen alleen wat nodig is, kiezen voor hergebruik en "
                      "reparatie, en spreken terugname af. Deze leidraad beschrijft de opdracht, de procedure en "
                      "de manier van beoordelen.")
    doc.add_section()  # the body starts on a new page, with the same header and footer (linked to previous)
    doc.add_paragraph("Inhoudsopgave", style="TOC Heading")
    doc.add_paragraph("{{inhoudsopgave}}")
    doc.add_page_break()
    doc.add_paragraph("Inleiding", style="Heading 1")
    doc.add_paragraph("Het inkoopbeleid van {{opdrachtgever}} vraagt bij elke aanbesteding boven € 50.000 om "
                      "circulaire eisen en gunningscriteria; in 2030 wil de organisatie de helft minder primaire "
                      "grondstoffen gebruiken. [Vervang deze alinea door de tekst van uw eigen beleid.]")
    doc.add_paragraph("{{inleiding}}")
    doc.add_paragraph("Procedure en planning", style="Heading 1")  # the set's leidraad only, like the heading
    doc.add_paragraph("{{planning}}")
    doc.add_paragraph("Geschiktheidseisen", style="Heading 1")
    doc.add_paragraph("{{geschiktheidseisen}}")
    doc.add_paragraph("Minimumeisen", style="Heading 1")
    doc.add_paragraph("{{minimumeisen}}")
    doc.add_paragraph("Gunning", style="Heading 1")
    doc.add_paragraph("{{gunningscriteria}}")
    doc.add_paragraph("Contractbepalingen", style="Heading 1")
    doc.add_paragraph("{{contractbepalingen}}")
    doc.add_paragraph("Voorwaarden", style="Heading 1")
    # The uitsluitingsgronden, the UEA and the inkoopvoorwaarden are generated in {{planning}} from the tender; a
    # text of the model's own here would repeat or contradict them.
    doc.add_paragraph("De voorwaarden die op de overeenkomst van toepassing zijn, staan in het hoofdstuk Procedure en "
                      "planning. {{opdrachtgever}} sluit de overeenkomst op basis van de conceptovereenkomst en de "
                      "contractbijlage bij deze leidraad.")
    doc.add_paragraph("Bewijsmiddelen", style="Heading 1")
    doc.add_paragraph("{{bewijsmiddelen}}")
    # A single document has a verantwoording, a set's leidraad not (its marker then goes with this heading).
    doc.add_paragraph("Verantwoording", style="Heading 1")
    doc.add_paragraph("{{verantwoording}}")
    doc.add_paragraph("Door de opdrachtgever aan te leveren bijlagen", style="Heading 1")
    doc.add_paragraph("{{bijlagen}}")
    doc.core_properties.author = "Tender Assistant"
    doc.core_properties.title = "Model aanbestedingsleidraad"
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(make_model_leidraad(MODEL_LEIDRAAD))
