"""End to end: a tender drafted from the starter library, exported with the default layout and house styles."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from criteria_library.store import LibraryStore
from tender_assistant.documents.export import export_tender
from tender_assistant.documents.house_style import load_template
from tender_assistant.errors import TemplateError
from tender_assistant.matching import suggest_criteria
from tender_assistant.tender import Tender, TenderCriterion
from tender_assistant.tender_parts import Planning

SAMPLE = "Voorbeeldtekst uit de huisstijl die niet in de aanbesteding mag komen"


# ------------------------------------------------------------------ templates made here
def png_bytes(width: int = 120, height: int = 40) -> bytes:
    """A small solid PNG (a stand-in logo) without any imaging library."""
    raw = b"".join(b"\x00" + b"\x1f\x38\x64" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _rename_style(doc, old_id: str, new_id: str, new_name: str) -> None:
    """Rename a style as Dutch Word stores it (localised id and name), updating every reference."""
    styles = doc.styles.element
    for el in styles.findall(qn("w:style")):
        if el.get(qn("w:styleId")) == old_id:
            el.set(qn("w:styleId"), new_id)
            el.find(qn("w:name")).set(qn("w:val"), new_name)
        for ref in ("w:basedOn", "w:next", "w:link"):
            r = el.find(qn(ref))
            if r is not None and r.get(qn("w:val")) == old_id:
                r.set(qn("w:val"), new_id)


def make_localized(path: Path) -> Path:
    """Dutch style ids and names (Kop1, Standaard, Titel) and a red heading colour to recognise."""
    doc = docx.Document()
    doc.add_paragraph("Voorbeeldkop", style="Heading 1")
    doc.add_paragraph(SAMPLE)
    doc.styles["Heading 2"].font.color.rgb = docx.shared.RGBColor(0xC0, 0, 0)
    for old, new, name in (("Heading1", "Kop1", "Kop 1"), ("Heading2", "Kop2", "Kop 2"), ("Normal", "Standaard", "Standaard"),
                           ("Title", "Titel", "Titel")):
        _rename_style(doc, old, new, name)
    for p in doc.element.body.iter(qn("w:pStyle")):
        p.set(qn("w:val"), {"Heading1": "Kop1"}.get(p.get(qn("w:val")), p.get(qn("w:val"))))
    doc.save(path)
    return path


def make_no_headings(path: Path) -> Path:
    """A bare house style: no heading, title, subtitle, TOC or table styles at all, Georgia body text."""
    doc = docx.Document()
    styles = doc.styles.element
    for el in list(styles.findall(qn("w:style"))):
        name = el.find(qn("w:name")).get(qn("w:val")).lower()
        if name.startswith(("heading", "title", "subtitle", "toc", "table grid")):
            styles.remove(el)
    doc.styles["Normal"].font.name = "Georgia"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_paragraph(SAMPLE)
    doc.save(path)
    return path


def make_dotx(path: Path) -> Path:
    """A Word template (.dotx) with a header text and wide margins."""
    doc = docx.Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(3.5)
    section.header.paragraphs[0].text = "Provincie Voorbeeld – Inkoop"
    doc.add_paragraph(SAMPLE)
    buf = io.BytesIO()
    doc.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")
            zout.writestr(item, data)
    path.write_bytes(out.getvalue())
    return path


def make_landscape_logo(path: Path) -> Path:
    """Landscape A4 with a logo in the header, sample body text and a sample table."""
    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    run = section.header.paragraphs[0].add_run()
    run.add_picture(io.BytesIO(png_bytes()), width=Cm(3))
    section.header.add_paragraph("Gemeente Voorbeeld")
    doc.add_paragraph("Voorbeeldtitel", style="Title")
    doc.add_paragraph(SAMPLE)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Voorbeeldtabel"
    doc.save(path)
    return path


def make_cover(path: Path) -> Path:
    """A cover page with fields, then {{inhoud}}, then sample text that must go."""
    doc = docx.Document()
    doc.add_paragraph("{{titel}}", style="Title")
    doc.add_paragraph("Opgesteld door {{opdrachtgever}} op {{datum}}")
    doc.add_page_break()
    doc.add_paragraph("{{inhoud}}")
    doc.add_paragraph(SAMPLE)
    doc.save(path)
    return path


TEMPLATES = {
    "localized": make_localized,
    "no-headings": make_no_headings,
    "dotx": make_dotx,
    "landscape-logo": make_landscape_logo,
    "cover": make_cover,
}


# ------------------------------------------------------------------ the tender and its exports
def workwear_tender(store: LibraryStore) -> Tender:
    """A realistic tender: every bedrijfskleding criterion up to level 3, suggested weights."""
    suggestions = suggest_criteria(store, "bedrijfskleding", 3, price_weight=30)
    return Tender(
        title="Bedrijfskleding buitendienst 2027-2031", organisation="Gemeente Zaanstad",
        description="Levering van bedrijfskleding voor circa 450 medewerkers van de buitendienst.",
        package="bedrijfskleding", cpv=["18100000-0", "18830000-6"], procedure="europees-openbaar",
        estimated_value_eur=1_250_000, contract_term_months=48,
        lots_reason="Eén samenhangende levering met één aanspreekpunt; splitsen geeft geen kansen aan het mkb",
        ambition_level=3, price_weight=30,
        criteria=[TenderCriterion(s.criterion.id, s.weight, None, s.criterion.version) for s in suggestions],
        values={"contactpersoon": "J. de Vries, inkoop@zaanstad.nl", "platform": "TenderNed",
                "klachtenmeldpunt": "klachtenmeldpunt@zaanstad.nl",
                "functionele_specificatie": "bijlage 1, Functionele specificatie bedrijfskleding",
                "tijdstip_inschrijving": "12.00 uur"},
        publication_date=date(2027, 2, 1),
        purchase_conditions="ARIV 2018",
        planning=Planning(submission_deadline=date(2027, 3, 22), questions_deadline=date(2027, 2, 22),
                          answers_date=date(2027, 3, 3), award_decision_date=date(2027, 4, 19),
                          contract_start_date=date(2027, 6, 1), bid_validity_days=90),
    )


@pytest.fixture(scope="module")
def exported(starter_db_template: Path, tmp_path_factory: pytest.TempPathFactory):
    """The tender exported once with the default layout and once per house-style template."""
    folder = tmp_path_factory.mktemp("export")
    store = LibraryStore.open(starter_db_template, read_only=True)
    tender = workwear_tender(store)
    found = store.criteria_by_ids(tender.criterion_ids())
    titles = [found[cid].title for cid in tender.criterion_ids()]  # tender order: the first is a selection criterion
    outputs = {"default": export_tender(tender, store, folder / "default.docx")}
    for name, make in TEMPLATES.items():
        suffix = ".dotx" if name == "dotx" else ".docx"
        template = make(folder / f"template-{name}{suffix}")
        outputs[name] = export_tender(tender, store, folder / f"{name}.docx", template)
    store.close()
    return tender, titles, outputs


def body_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def header_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("word/header"))


@pytest.mark.parametrize("name", ["default", *TEMPLATES])
def test_every_criterion_appears_and_sample_text_is_gone(exported, name):
    tender, titles, outputs = exported
    doc = docx.Document(outputs[name])
    text = body_text(doc)
    assert len(titles) >= 15
    for title in titles:
        assert title in text
    assert SAMPLE not in text and "Voorbeeldtabel" not in text and "Voorbeeldkop" not in text
    assert "{{" not in text  # every placeholder filled (defaults where the buyer gave none)
    assert "Gemeente Zaanstad" in text and "100%" in text  # organisation filled in; weight table total
    for heading in ("Geschiktheidseisen", "Programma van eisen", "Gunningscriteria", "Contractbepalingen",
                    "Bijlage A – Bewijsmiddelen", "Bijlage B – Verantwoording"):
        assert any(heading in p.text for p in doc.paragraphs), heading
    assert 'TOC \\o "1-2"' in doc.element.body.xml


def _heading_style(doc, text: str):
    """The style of the heading paragraph with exactly this text (the TOC's cached entries are not headings)."""
    toc_end = max(i for i, p in enumerate(doc.paragraphs) if 'w:fldCharType="end"' in p._p.xml)
    return next(p.style for p in doc.paragraphs[toc_end + 1 :] if p.text == text)


def test_localized_template_uses_its_own_heading_styles(exported):
    doc = docx.Document(exported[2]["localized"])
    assert _heading_style(doc, "4. Gunningscriteria").style_id == "Kop1"
    assert _heading_style(doc, f"2.1 {exported[1][0]}").style_id == "Kop2"
    assert not any(s.name.endswith("(Tender Assistant)") for s in doc.styles)


def test_template_without_headings_gets_real_outline_headings_in_its_font(exported):
    doc = docx.Document(exported[2]["no-headings"])
    style = _heading_style(doc, "4. Gunningscriteria")
    assert style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}").get(qn("w:val")) == "0"
    assert style.font.name is None  # inherits Georgia from the house style's body text
    assert doc.styles["Normal"].font.name == "Georgia"


def test_dotx_template_keeps_header_and_margins(exported):
    out = exported[2]["dotx"]
    assert "Provincie Voorbeeld" in header_xml(out)
    assert abs(docx.Document(out).sections[0].left_margin - Cm(3.5)) < Cm(0.01)
    with zipfile.ZipFile(out) as zf:  # the result is a document, not a template
        assert b"document.main+xml" in zf.read("[Content_Types].xml")


def test_landscape_template_keeps_orientation_and_logo(exported):
    out = exported[2]["landscape-logo"]
    section = docx.Document(out).sections[-1]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    assert "Gemeente Voorbeeld" in header_xml(out) and "<pic:pic" in header_xml(out)
    with zipfile.ZipFile(out) as zf:
        assert any(n.startswith("word/media/") for n in zf.namelist())


def test_cover_before_content_marker_stays_with_fields_filled(exported):
    doc = docx.Document(exported[2]["cover"])
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "Bedrijfskleding buitendienst 2027-2031"
    assert texts[1].startswith("Opgesteld door Gemeente Zaanstad op ")
    assert "{{inhoud}}" not in "\n".join(texts)
    assert texts.count("Bedrijfskleding buitendienst 2027-2031") == 1  # our own cover is left out


def test_default_layout_header_and_footer_are_filled(exported):
    xml = header_xml(exported[2]["default"])
    assert "Bedrijfskleding buitendienst 2027-2031" in xml and "{{titel}}" not in xml


def test_not_a_word_document_is_a_clear_error(tmp_path):
    fake = tmp_path / "huisstijl.docx"
    fake.write_text("geen zip", encoding="utf-8")
    with pytest.raises(TemplateError, match="geen Word-document"):
        load_template(fake)
    macro = tmp_path / "macro.docm"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "application/vnd.ms-word.document.macroEnabled.main+xml")
    macro.write_bytes(buf.getvalue())
    with pytest.raises(TemplateError, match="macro"):
        load_template(macro)


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_exports(exported, tmp_path):
    outputs = exported[2]
    chosen = [outputs[n] for n in ("default", "landscape-logo", "dotx")]
    profile = tmp_path / "profile"
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, chosen)],
                   check=True, capture_output=True, timeout=120)
    for path in chosen:
        pdf = (tmp_path / path.name).with_suffix(".pdf")
        assert pdf.exists() and pdf.stat().st_size > 10_000
        pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))
        assert pages >= 5  # cover, contents, chapters, annexes
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(tmp_path / "landscape-logo.pdf")], capture_output=True, text=True).stdout
        size = next(line for line in info.splitlines() if line.startswith("Page size"))
        width, height = (float(x) for x in size.split(":")[1].split("pts")[0].split(" x "))
        assert width > height


def test_export_reports_progress_and_cancel_writes_nothing(tmp_path, library) -> None:
    from criteria_library.pack_reading import Cancelled

    tender = workwear_tender(library)
    seen: list[tuple[int, int]] = []
    out = export_tender(tender, library, tmp_path / "ok.docx", progress=lambda d, t: seen.append((d, t)))
    assert out.exists() and seen[-1] == (1, 1) and len(seen) > 2

    def cancel(done: int, total: int) -> None:
        if done > 0:
            raise Cancelled

    with pytest.raises(Cancelled):
        export_tender(tender, library, tmp_path / "cancelled.docx", progress=cancel)
    assert sorted(p.name for p in tmp_path.glob("*.docx*")) == ["ok.docx"]
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


# ------------------------------------------------------------------ block markers and multi-section templates
ORG_INTRO = "De gemeente Voorbeeld koopt circulair in volgens haar eigen inkoopbeleid."
ORG_CLOSING = "Vragen over deze leidraad stelt u via het inkoopplatform."


def make_markers(path: Path) -> Path:
    """Organisation text around block markers: in the body, in a table cell and in a second, landscape section."""
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "Gemeente Voorbeeld – Leidraad {{titel}}"
    doc.add_paragraph("Aanbestedingsleidraad {{titel}}", style="Title")
    doc.add_paragraph(ORG_INTRO)
    doc.add_paragraph("Eerste eigen opsomming", style="List Number")
    doc.add_paragraph("De opdracht heeft een waarde van {{waarde}} en loopt {{looptijd}}.")
    doc.add_paragraph("Gunning", style="Heading 1")
    doc.add_paragraph("{{gunningscriteria}}")
    doc.add_paragraph("Eisen", style="Heading 1")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Minimumeisen"
    table.cell(0, 1).text = "{{minimumeisen}}"
    doc.add_paragraph("Hier staat {{onbekend}} nog.")
    for heading, marker in (("Inleiding", "inleiding"), ("Geschiktheid", "geschiktheidseisen"),
                            ("Bewijs", "bewijsmiddelen"), ("Herkomst", "verantwoording"), ("Aan te leveren", "bijlagen")):
        doc.add_paragraph(heading, style="Heading 1")  # every chapter has its place: a final export needs that
        doc.add_paragraph(f"{{{{{marker}}}}}")
    section = doc.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    doc.add_paragraph("Contract", style="Heading 1")
    doc.add_paragraph("{{contractbepalingen}}")
    doc.add_paragraph(ORG_CLOSING)
    doc.save(path)
    return path


def make_cover_section(path: Path) -> Path:
    """A cover section with the header and logo, then a landscape body section that inherits that header."""
    doc = docx.Document()
    header = doc.sections[0].header
    header.paragraphs[0].add_run().add_picture(io.BytesIO(png_bytes()), width=Cm(3))
    header.add_paragraph("Gemeente Voorbeeld")
    doc.add_paragraph("Voorblad")
    section = doc.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    assert section.header.is_linked_to_previous
    doc.add_paragraph(SAMPLE)
    doc.save(path)
    return path


@pytest.fixture(scope="module")
def marker_export(starter_db_template: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("markers")
    store = LibraryStore.open(starter_db_template, read_only=True)
    tender = workwear_tender(store)
    found = store.criteria_by_ids(tender.criterion_ids())
    out = export_tender(tender, store, folder / "leidraad.docx", make_markers(folder / "sjabloon.docx"))
    store.close()
    return tender, found, out


def test_markers_are_filled_in_body_table_cell_and_second_section(marker_export):
    tender, found, out = marker_export
    doc = docx.Document(out)
    texts = [p.text for p in doc.paragraphs]
    award = [c.title for c in found.values() if c.kind == "gunningscriterium"]
    contract = [c.title for c in found.values() if c.kind == "contractbepaling"]
    requirements = [c.title for c in found.values() if c.kind == "minimumeis"]
    assert award and contract and requirements
    joined = "\n".join(texts)
    # organisation text kept, in order, around the filled markers
    assert joined.index(ORG_INTRO) < joined.index("Gunning") < joined.index(award[0]) < joined.index("Eisen")
    assert joined.index("Contract") < joined.index(contract[0]) < joined.index(ORG_CLOSING)
    assert "Eerste eigen opsomming" in texts and any(p.style.name == "List Number" for p in doc.paragraphs)
    assert "GC1 – " in joined  # criteria numbered by kind: the template numbers its own chapters
    assert not any(t.strip() in ("{{gunningscriteria}}", "{{contractbepalingen}}") for t in texts)
    cell = next(t for t in doc.tables if t.cell(0, 0).text == "Minimumeisen").cell(0, 1)
    assert all(title in cell._tc.xml for title in requirements)  # inside the table cell
    assert "{{minimumeisen}}" not in cell._tc.xml
    # the contract clauses sit in the second (landscape) section
    sections = doc.sections
    assert len(sections) == 2 and sections[1].orientation == WD_ORIENT.LANDSCAPE
    body = doc.element.body
    break_p = next(p for p in body.iter(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None)
    after = "".join(t.text or "" for el in break_p.itersiblings() for t in el.iter(qn("w:t")))
    assert contract[0] in after and award[0] not in after


def test_fact_markers_filled_and_unknown_marker_left_visible(marker_export):
    tender, _, out = marker_export
    doc = docx.Document(out)
    joined = "\n".join(p.text for p in doc.paragraphs)
    assert f"Aanbestedingsleidraad {tender.title}" in joined
    assert "€ 1.250.000 exclusief btw" in joined and "48 maanden" in joined
    assert "Hier staat {{onbekend}} nog." in joined
    assert tender.title in header_xml(out) and "{{titel}}" not in header_xml(out)


def test_tender_check_with_template_reports_unknown_markers(tmp_path, starter_db_template, capsys):
    import shutil as sh

    import main
    from tender_assistant.tender import save_tender

    db = tmp_path / "lib.db"
    sh.copy(starter_db_template, db)
    store = LibraryStore.open(db, read_only=True)
    tender = workwear_tender(store)
    store.close()
    save_tender(tender, tmp_path / "t.tender.json")
    template = make_markers(tmp_path / "sjabloon.docx")
    code = main.main(["--db", str(db), "tender", "check", str(tmp_path / "t.tender.json"), "--template", str(template)])
    out = capsys.readouterr().out
    assert code == 0 and "onbekende markering {{onbekend}}" in out and "gunningscriteria" not in out


def test_multi_section_template_keeps_the_inherited_header_and_logo(starter_db_template, tmp_path):
    store = LibraryStore.open(starter_db_template, read_only=True)
    out = export_tender(workwear_tender(store), store, tmp_path / "uit.docx",
                        make_cover_section(tmp_path / "sjabloon.docx"))
    store.close()
    doc = docx.Document(out)
    last = doc.sections[-1]
    assert last.orientation == WD_ORIENT.LANDSCAPE
    assert not last.header.is_linked_to_previous or len(doc.sections) == 1
    header = last.header._element.xml
    assert "Gemeente Voorbeeld" in header and "<pic:pic" in header
    assert SAMPLE not in body_text(doc) and "Voorblad" not in body_text(doc)
