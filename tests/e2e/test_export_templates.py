"""End to end: a tender drafted from the starter library, exported with the default layout and house styles."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from criteria_library.store import LibraryStore
from tender_assistant.docx_export import export_tender, load_template
from tender_assistant.errors import TemplateError
from tender_assistant.matching import suggest_criteria
from tender_assistant.tender import Tender, TenderCriterion

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
        estimated_value_eur=1_250_000, contract_term_months=48, ambition_level=3, price_weight=30,
        criteria=[TenderCriterion(s.criterion.id, s.weight, None, s.criterion.version) for s in suggestions],
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
    from criteria_library.exchange import Cancelled

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
