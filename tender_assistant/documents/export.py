"""DocumentPlan -> python-docx Document in the organisation's house style, and the whole export to a file."""

from __future__ import annotations

import copy
import getpass
import io
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Emu, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from ..errors import TemplateError, TenderError
from ..library import Library
from ..output import write_output
from ..tender import Tender
from .plan import (
    BUYER_ANNEX_TITLE,
    Block,
    DocumentPlan,
    Heading,
    PageBreak,
    Paragraph,
    Run,
    Style,
    Table,
    Toc,
    build_plan,
)
from .styles import ResolvedStyles, resolve_styles
from .template import read_template_bytes, sanitise_package

Progress = Callable[[int, int], None]

DEFAULT_TEMPLATE = Path(__file__).with_name("templates") / "tender.docx"
CONTENT_MARKER = re.compile(r"^\s*\{\{\s*inhoud\s*\}\}\s*$")
FIELD_RE = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
HEADER_SHADE = "D9E2F3"
CONCEPT_MARK = "CONCEPT – niet voor publicatie"
CONCEPT_COLOUR = RGBColor(0xC0, 0x00, 0x00)
MAX_PROPERTY = 255  # Word's limit for a core document property
# Characters XML 1.0 does not allow (python-docx refuses them): a library or GUI text must never crash an export.
XML_INVALID_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(s: str) -> str:
    """The text without characters that cannot stand in a Word document."""
    return XML_INVALID_RE.sub("", s)


def _property(s: str) -> str:
    """A document property: XML-safe, on one line and within Word's 255-character limit."""
    s = " ".join(xml_safe(s).split())
    return s if len(s) <= MAX_PROPERTY else s[: MAX_PROPERTY - 1].rstrip() + "…"


def safe_plan(plan: DocumentPlan) -> DocumentPlan:
    """A copy of the plan with every text XML-safe (the tender is validated; library texts may not be)."""
    plan = copy.deepcopy(plan)
    plan.title, plan.organisation, plan.date_text = xml_safe(plan.title), xml_safe(plan.organisation), \
        xml_safe(plan.date_text)
    plan.fields = {k: xml_safe(v) for k, v in plan.fields.items()}
    for b in [*plan.cover, *plan.body]:
        if isinstance(b, Heading):
            b.text, b.number = xml_safe(b.text), xml_safe(b.number)
        elif isinstance(b, Paragraph):
            for r in b.runs:
                r.text = xml_safe(r.text)
        elif isinstance(b, Table):
            b.header = [xml_safe(v) for v in b.header]
            b.rows = [[xml_safe(v) for v in row] for row in b.rows]
    return plan


def heading_label(h: Heading, numbered: bool) -> str:
    """The text of a heading as the body and the table of contents both show it.

    numbered: the template's heading style numbers this level itself, so our number is left out.
    """
    if h.number and h.number[0].isdigit():
        if numbered:
            return h.text
        return f"{h.number}. {h.text}" if h.level == 1 else f"{h.number} {h.text}"
    return f"{h.number} – {h.text}" if h.number else h.text


# ------------------------------------------------------------------ template
def load_template(path: Path | str | None = None, notes: list[str] | None = None) -> Document:
    """Open a .docx or .dotx as the base of the export; TemplateError when it is not a usable Word document.

    Hostile content (external links, macros, embedded documents) is dropped; notes receives a line for each kind.
    """
    path = Path(path) if path is not None else DEFAULT_TEMPLATE
    raw = read_template_bytes(path)
    clean, dropped = sanitise_package(raw, path.name)
    if notes is not None:
        notes.extend(dropped)
    try:
        return docx.Document(io.BytesIO(clean))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on broken packages
        raise TemplateError(f"{path.name} is een beschadigd Word-document ({type(exc).__name__}).",
                            en=f"{path.name} is a damaged Word document ({type(exc).__name__}).") from None


def _text_of(p_el) -> str:
    return "".join(t.text or "" for t in p_el.iter(qn("w:t")))


def _prepare_body(doc: Document) -> tuple[Any, bool]:
    """Remove the template's sample body text; return the anchor to insert before and whether a cover stays.

    A paragraph {{inhoud}} marks where the tender goes: what stands before it (a cover page) stays.
    """
    body = doc.element.body
    children = [c for c in body.iterchildren() if c.tag != qn("w:sectPr")]
    marker_index = next((i for i, c in enumerate(children) if c.tag == qn("w:p") and CONTENT_MARKER.match(_text_of(c))),
                        None)
    keep = children[:marker_index] if marker_index is not None else []
    for child in children[len(keep):]:
        if marker_index is not None and child is children[marker_index]:
            continue
        body.remove(child)
    if marker_index is not None:
        anchor = children[marker_index]
        for r in anchor.findall(qn("w:r")):
            anchor.remove(r)
    else:
        anchor = OxmlElement("w:p")
        sect = body.find(qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(anchor)
        else:
            body.append(anchor)
    has_cover = any(_text_of(c).strip() or c.findall(f".//{qn('w:drawing')}") for c in keep)
    return anchor, has_cover


def _fill_fields(elements, values: dict[str, str]) -> None:
    """Replace {{titel}}, {{opdrachtgever}}, {{datum}} in kept template text (cover, headers, footers)."""
    for p in elements:
        ts = list(p.iter(qn("w:t")))
        full = "".join(t.text or "" for t in ts)
        if "{{" not in full:
            continue
        for t in ts:  # the usual case: a field inside one run keeps that run's formatting
            if t.text and FIELD_RE.search(t.text):
                t.text = FIELD_RE.sub(lambda m: values.get(m.group(1), m.group(0)), t.text)
        full = "".join(t.text or "" for t in ts)
        if FIELD_RE.search(full) and any(m.group(1) in values for m in FIELD_RE.finditer(full)):
            ts[0].text = FIELD_RE.sub(lambda m: values.get(m.group(1), m.group(0)), full)
            for t in ts[1:]:
                t.text = ""


def _header_footer_paragraphs(doc: Document):
    """Paragraphs of every header and footer part, without creating any (python-docx would add empty ones)."""
    for rel in doc.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            yield from rel.target_part.element.iter(qn("w:p"))


# ------------------------------------------------------------------ markers
BLOCK_MARKERS = {"inleiding", "planning", "geschiktheidseisen", "minimumeisen", "gunningscriteria",
                 "contractbepalingen", "bewijsmiddelen", "verantwoording", "bijlagen", "inhoudsopgave", "borgingsplan"}
FACT_MARKERS = {"titel", "opdrachtgever", "datum", "procedure", "waarde", "looptijd", "cpv", "inkooppakket",
                "ambitieniveau", "prijsweging", "omschrijving"}
ANY_MARKER_RE = re.compile(r"\{\{\s*([^{}]{0,60}?)\s*\}\}")
BLOCK_MARKER_RE = re.compile(r"^\s*\{\{\s*([a-z]+)\s*\}\}\s*$")
PART_KEYS = {"Inleiding": "inleiding", "Procedure en planning": "planning", "Geschiktheidseisen": "geschiktheidseisen",
             "Programma van eisen": "minimumeisen", "Gunningscriteria": "gunningscriteria",
             "Contractbepalingen": "contractbepalingen", "Bewijsmiddelen": "bewijsmiddelen",
             "Verantwoording": "verantwoording", BUYER_ANNEX_TITLE: "bijlagen", "Borgingsplan": "borgingsplan"}


def split_parts(blocks: list[Block]) -> dict[str, list[Block]]:
    """The plan's chapters by marker name, each starting with its level-1 heading, without trailing page breaks."""
    parts: dict[str, list[Block]] = {}
    current: list[Block] | None = None
    for b in blocks:
        if isinstance(b, Heading) and b.level == 1:
            key = PART_KEYS.get(b.text)
            current = parts.setdefault(key, []) if key else None
        if current is not None:
            current.append(b)
    for part in parts.values():
        while part and isinstance(part[-1], PageBreak):
            part.pop()
    return parts


def block_markers(doc: Document) -> list[tuple[Any, str]]:
    """Paragraphs of the body (tables and every section included) that hold only a known block marker."""
    found = []
    for p in doc.element.body.iter(qn("w:p")):
        m = BLOCK_MARKER_RE.match(_text_of(p))
        if m and m.group(1) in BLOCK_MARKERS:
            found.append((p, m.group(1)))
    return found


def marker_problems(doc: Document) -> list[str]:
    """Markers a template holds that the export cannot fill: unknown names, block markers inside other text."""
    problems: list[str] = []
    paragraphs = [*doc.element.body.iter(qn("w:p")), *_header_footer_paragraphs(doc)]
    for p in paragraphs:
        text = _text_of(p)
        alone = BLOCK_MARKER_RE.match(text)
        for m in ANY_MARKER_RE.finditer(text):
            name = m.group(1)
            if name in FACT_MARKERS or name == "inhoud" and alone:
                continue
            if name in BLOCK_MARKERS:
                if not alone:
                    problems.append(f"de markering {{{{{name}}}}} staat niet alleen in haar alinea en wordt daarom "
                                    "niet gevuld")
            else:
                problems.append(f"onbekende markering {{{{{name}}}}}: die blijft zichtbaar in het document staan")
    return list(dict.fromkeys(problems))


def _section_after(anchor) -> Any:
    """The sectPr of the section a body element belongs to (the next one in document order)."""
    top = anchor
    while top.getparent() is not None and top.getparent().tag != qn("w:body"):
        top = top.getparent()
    el = top
    while el is not None:
        if el.tag == qn("w:sectPr"):
            return el
        sect = el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") if el.tag == qn("w:p") else None
        if sect is not None:
            return sect
        el = el.getnext()
    return None


def _width_at(doc: Document, anchor) -> int:
    """The text width (EMU) where the anchor stands: its table cell's width, else its section's text width."""
    tc = next((a for a in anchor.iterancestors() if a.tag == qn("w:tc")), None)
    if tc is not None:
        tcw = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
        if tcw is not None and tcw.get(qn("w:type")) == "dxa" and (tcw.get(qn("w:w")) or "").isdigit():
            return max(int(tcw.get(qn("w:w"))) * 635 - int(Cm(0.4)), int(Cm(4)))
    sect = _section_after(anchor)
    section = Section(sect, doc.part) if sect is not None else doc.sections[-1]
    width = (section.page_width or Cm(21)) - (section.left_margin or Cm(2.5)) - (section.right_margin or Cm(2.5))
    width = max(int(width), int(Cm(8)))
    return width if tc is None else width // 2


def _inherit_headers(body) -> None:
    """Give the last section every header/footer it inherits from earlier sections ('linked to previous').

    The sample text removed with an earlier (cover) section must not take the house style's header and logo along.
    """
    final = body.find(qn("w:sectPr"))
    if final is None:
        return
    earlier = [p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") for p in body.iterchildren(qn("w:p"))]
    earlier = [s for s in earlier if s is not None]
    for tag in ("w:headerReference", "w:footerReference"):
        for kind in ("default", "first", "even"):
            if any(r.get(qn("w:type")) == kind for r in final.findall(qn(tag))):
                continue
            source = next((r for s in reversed(earlier) for r in s.findall(qn(tag)) if r.get(qn("w:type")) == kind),
                          None)
            if source is not None:
                final.insert(0, copy.deepcopy(source))


def _fill_markers(doc: Document, plan: DocumentPlan, markers: list[tuple[Any, str]],
                  progress: Progress | None) -> None:
    """Put each part of the plan in place of its marker paragraph; everything else in the template stays."""
    parts = split_parts(plan.body)
    for part in parts.values():  # "1.1 Omschrijving": the template numbers its chapters itself; GC1 stays
        for b in part[1:]:
            if isinstance(b, Heading) and b.number[:1].isdigit():
                b.number = ""
    styles = resolve_styles(doc)
    headings = [h for key in ("inleiding", "planning", "geschiktheidseisen", "minimumeisen", "gunningscriteria",
                              "contractbepalingen") for h in parts.get(key, [])[1:] if isinstance(h, Heading)]
    total = sum(len(parts.get(name, [])) for _, name in markers) + 1
    done = 0
    for anchor, name in markers:
        renderer = _Renderer(doc, styles, anchor)
        # The template brings the chapter's own heading; ours would stand twice.
        blocks: list[Block] = [Toc(levels=2)] if name == "inhoudsopgave" else parts.get(name, [])[1:]
        if name == "bijlagen" and not blocks:  # the chapter heading is the template's: say why it stays empty
            blocks = [Paragraph([Run("Geen: de criteria verwijzen niet naar stukken die de opdrachtgever zelf "
                                     "aanlevert.")])]
        for b in blocks:
            if progress and done % 20 == 0:
                progress(done, total)
            done += 1
            if isinstance(b, Toc):
                renderer.toc(b, headings)
            else:
                renderer.block(b)
        parent = anchor.getparent()
        parent.remove(anchor)
        if parent.tag == qn("w:tc") and (len(parent) == 0 or parent[-1].tag != qn("w:p")):
            parent.append(OxmlElement("w:p"))  # a table cell ends with a paragraph


# ------------------------------------------------------------------ rendering
class _Renderer:
    def __init__(self, doc: Document, styles: ResolvedStyles, anchor) -> None:
        self.doc = doc
        self.styles = styles
        self.anchor = anchor
        self.text_width = _width_at(doc, anchor)

    def paragraph(self, style: Style) -> DocxParagraph:
        p_el = OxmlElement("w:p")
        self.anchor.addprevious(p_el)
        p = DocxParagraph(p_el, self.doc._body)
        p_el.style = self.styles.ids[style]
        return p

    def block(self, b: Block) -> None:
        if isinstance(b, Heading):
            self.heading(b)
        elif isinstance(b, Paragraph):
            p = self.paragraph(b.style)
            for run in b.runs:
                r = p.add_run(run.text)
                if run.bold:
                    r.bold = True
                if run.italic:
                    r.italic = True
                if run.gap:
                    r.font.highlight_color = WD_COLOR_INDEX.YELLOW
            if b.keep_with_next:
                p.paragraph_format.keep_with_next = True
        elif isinstance(b, Table):
            self.table(b)
        elif isinstance(b, Toc):
            self.toc(b)
        elif isinstance(b, PageBreak):
            self.paragraph(Style.BODY).add_run().add_break(WD_BREAK.PAGE)

    def heading(self, h: Heading) -> None:
        style = Style.HEADING_1 if h.level == 1 else Style.HEADING_2
        # When the template numbers this heading level itself, writing our number too would show "2 2. Titel".
        self.paragraph(style).add_run(heading_label(h, style in self.styles.numbered))

    def table(self, t: Table) -> None:
        ncols = len(t.header)
        all_rows = [t.header, *t.rows] if t.show_header else list(t.rows)
        table: DocxTable = self.doc.add_table(rows=len(all_rows), cols=ncols)
        self.anchor.addprevious(table._tbl)
        tbl_pr = table._tbl.tblPr
        tbl_pr.style = self.styles.ids[Style.TABLE]
        width_el = tbl_pr.find(qn("w:tblW"))
        if width_el is None:
            width_el = OxmlElement("w:tblW")
            tbl_pr.insert(1, width_el)
        width_el.set(qn("w:w"), str(int(Emu(self.text_width).twips)))
        width_el.set(qn("w:type"), "dxa")
        table.autofit = False  # fixed layout: Word and LibreOffice both keep our column widths
        scale = sum(t.widths)
        widths = [Emu(int(self.text_width * w / scale)) for w in t.widths]
        for col, gc in zip(widths, table._tbl.tblGrid.gridCol_lst, strict=True):
            gc.w = col
        body_id = self.styles.ids[Style.BODY]
        last = len(all_rows) - 1
        for r_index, (row, values) in enumerate(zip(table.rows, all_rows, strict=True)):
            header = t.show_header and r_index == 0
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))  # a criterion's row stays on one page
            if header:
                tr_pr.append(OxmlElement("w:tblHeader"))  # repeat the header row on every page
            for c_index, (cell, value, w) in enumerate(zip(row.cells, values, widths, strict=True)):
                cell.width = w
                p = cell.paragraphs[0]
                p._p.style = body_id
                p.paragraph_format.space_after = 0
                run = p.add_run(value)
                if header or (t.bold_last_row and r_index == last) or (not t.show_header and c_index == 0):
                    run.bold = True
                if value.startswith("[") and value.endswith("]"):  # a place the buyer still fills in
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                if header:
                    shd = OxmlElement("w:shd")
                    shd.set(qn("w:val"), "clear")
                    shd.set(qn("w:color"), "auto")
                    shd.set(qn("w:fill"), HEADER_SHADE)
                    cell._tc.get_or_add_tcPr().append(shd)
        # A little air after a table before the next paragraph.
        self.paragraph(Style.BODY)

    def toc(self, toc: Toc, headings: list[Heading] | None = None) -> None:
        """A TOC field; its cached result lists the headings so LibreOffice and print previews show them too."""
        entries = [h for h in (headings or []) if h.level <= toc.levels]
        first = self.paragraph(Style.BODY)
        self._field_char(first, "begin", dirty=True)
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f' TOC \\o "1-{toc.levels}" \\h \\z \\u '
        run = OxmlElement("w:r")
        run.append(instr)
        first._p.append(run)
        self._field_char(first, "separate")
        if not entries:
            first.add_run("Klik met de rechtermuisknop en kies 'Veld bijwerken' voor de inhoudsopgave.")
            self._field_char(first, "end")
            return
        p = first
        for i, h in enumerate(entries):
            if i > 0:
                p = self.paragraph(Style.BODY)
            style_id = self.styles.toc_ids.get(h.level)
            if style_id:
                p._p.style = style_id
            elif h.level > 1:
                p.paragraph_format.left_indent = Cm(0.6)
            p.paragraph_format.space_after = 0
            numbered = (Style.HEADING_1 if h.level == 1 else Style.HEADING_2) in self.styles.numbered
            p.add_run(heading_label(h, numbered))  # exactly as the heading itself reads
        self._field_char(p, "end")

    @staticmethod
    def _field_char(p: DocxParagraph, kind: str, dirty: bool = False) -> None:
        run = OxmlElement("w:r")
        fc = OxmlElement("w:fldChar")
        fc.set(qn("w:fldCharType"), kind)
        if dirty:
            fc.set(qn("w:dirty"), "true")
        run.append(fc)
        p._p.append(run)


def _ask_to_update_fields(doc: Document) -> None:
    """Let Word refresh the table of contents (page numbers) when the document is opened."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        el = OxmlElement("w:updateFields")
        el.set(qn("w:val"), "true")
        settings.append(el)


def _mark_concept(doc: Document) -> None:
    """Put CONCEPT at the top of the header of every page (cover, first pages, odd and even pages)."""
    even = doc.settings.odd_and_even_pages_header_footer
    for index, section in enumerate(doc.sections):
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        if even:
            headers.append(section.even_page_header)
        for header in headers:
            if header.is_linked_to_previous:
                if index > 0:
                    continue  # shows the previous section's header, which is marked already
                header.is_linked_to_previous = False  # a new, empty header of its own
                p = header.paragraphs[0]
            else:
                first = header.paragraphs[0] if header.paragraphs else None
                p = first.insert_paragraph_before() if first is not None else header.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(CONCEPT_MARK)
            run.bold = True
            run.font.color.rgb = CONCEPT_COLOUR


def render(plan: DocumentPlan, template: Document, progress: Progress | None = None) -> Document:
    """Write the plan into the template (which is changed and returned): house style kept, sample text removed.

    progress(done, total) is called per block; an exception raised from it stops the export.
    """
    doc = template
    plan = safe_plan(plan)
    markers = block_markers(doc)
    if markers:
        _fill_fields(list(doc.element.body.iter(qn("w:p"))), plan.fields)
        _fill_fields(list(_header_footer_paragraphs(doc)), plan.fields)
        _fill_markers(doc, plan, markers, progress)
    else:
        _inherit_headers(doc.element.body)
        anchor, has_cover = _prepare_body(doc)
        kept = [c for c in doc.element.body.iter(qn("w:p")) if c is not anchor]
        _fill_fields(kept, plan.fields)
        _fill_fields(list(_header_footer_paragraphs(doc)), plan.fields)
        styles = resolve_styles(doc)
        renderer = _Renderer(doc, styles, anchor)
        headings = plan.headings()
        blocks = plan.body if has_cover else [*plan.cover, *plan.body]
        for done, b in enumerate(blocks):
            if progress and done % 20 == 0:
                progress(done, len(blocks) + 1)
            if isinstance(b, Toc):
                renderer.toc(b, headings)
            else:
                renderer.block(b)
        anchor.getparent().remove(anchor)
    if plan.concept:
        _mark_concept(doc)
    _ensure_page_numbers(doc)
    _ask_to_update_fields(doc)
    set_properties(doc, plan.title, plan.organisation, "Aanbestedingsdocument circulair inkopen")
    return doc


def _author(organisation: str) -> str:
    """The organisation, else the user's own name (login name), else nothing."""
    if organisation.strip():
        return _property(organisation)
    try:
        return _property(getpass.getuser())
    except (OSError, KeyError, ImportError):
        return ""


APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.'
           'org/officeDocument/2006/extended-properties"><Application>Tender Assistant</Application>'
           '<Company>{company}</Company></Properties>')


def set_properties(doc: Document, title: str, organisation: str, subject: str, now: datetime | None = None) -> None:
    """Title, author, dates of now; nothing left of the template's or the generating library's own properties."""
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None, microsecond=0)
    props = doc.core_properties
    author = _author(organisation)
    props.title = _property(title)
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.keywords = "circulair inkopen"
    props.comments = ""
    props.category = ""
    props.revision = 1
    props.created = now
    props.modified = now
    props.last_printed = now  # python-docx cannot remove it; a template's old date would be misleading
    package = doc.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == RT.THUMBNAIL:  # a picture of the template's first page, not of this document
            package.rels.pop(rel.rId)
        elif rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            # Template name, application and statistics of the template ("Normal.dotm", "1 page"): write ours.
            company = escape(_property(organisation))
            rel.target_part._blob = APP_XML.format(company=company).encode("utf-8")


def _has_page_field(doc: Document) -> bool:
    for rel in doc.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            el = rel.target_part.element
            instr = [f.get(qn("w:instr")) or "" for f in el.iter(qn("w:fldSimple"))]
            instr += [t.text or "" for t in el.iter(qn("w:instrText"))]
            if any(re.match(r"\s*PAGE\b", i) for i in instr):
                return True
    return False


def _ensure_page_numbers(doc: Document) -> None:
    """A house style without any page number gets 'Pagina X van Y' in the first section's footer (later inherit)."""
    if _has_page_field(doc):
        return
    sections = doc.sections
    target = next((s for s in sections if not s.footer.is_linked_to_previous), None)
    if target is not None and any(p.text.strip() for p in target.footer.paragraphs):
        target_footer = target.footer
        p = target_footer.add_paragraph()
    else:
        first = sections[0]
        first.footer.is_linked_to_previous = False
        p = first.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("Pagina ")
    _simple_field(p, "PAGE")
    p.add_run(" van ")
    _simple_field(p, "NUMPAGES")


def _simple_field(p: DocxParagraph, instr: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instr} ")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    fld.append(run)
    p._p.append(fld)


def same_file(a: Path | str, b: Path | str) -> bool:
    """True when two paths name the same file (also through links, case-insensitive file systems or '..')."""
    a, b = Path(a), Path(b)
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
        return a.resolve() == b.resolve()
    except OSError:
        return False


def refuse_overwriting_input(out: Path, inputs: dict[str, Path | str | None]) -> None:
    """TenderError when the output file is one of the inputs (the house style or the tender would be lost)."""
    for label, path in inputs.items():
        if path is not None and same_file(out, path):
            en = {"de sjabloon": "the template", "het aanbestedingsbestand": "the tender file"}.get(label, label)
            raise TenderError(f"Het uitvoerbestand {out.name} is {label} zelf; kies een ander bestand, anders gaat "
                              f"{label} verloren.", en=f"The output file {out.name} is {en} itself; choose another "
                              f"file, otherwise {en} is lost.")


def export_tender(tender: Tender, library: Library, out: Path | str, template: Path | str | None = None,
                  today: date | None = None, concept: bool = False, progress: Progress | None = None,
                  notes: list[str] | None = None) -> Path:
    """Build, render and atomically write the tender document; nothing is written when anything fails.

    progress(done, total) reports rendering; raising from it (e.g. exchange.Cancelled) cancels with no file written.
    notes receives what was dropped from the template (external links, macros).
    """
    out = Path(out)
    if out.suffix.lower() != ".docx":
        raise TenderError(f"Het uitvoerbestand moet eindigen op .docx, niet {out.name}.",
                          en=f"The output file must end in .docx, not {out.name}.")
    if not out.parent.exists() and str(out.parent):
        raise TenderError(f"De map {out.parent} bestaat niet.", en=f"The folder {out.parent} does not exist.")
    refuse_overwriting_input(out, {"de sjabloon": template})
    doc = load_template(template, notes)
    # A template with block markers numbers its own chapters: criteria are numbered by kind (GC1), not as 4.1.
    numbering = "kind" if block_markers(doc) else "chapter"
    plan = build_plan(tender, library, today=today, concept=concept, numbering=numbering)
    render(plan, doc, progress)
    buf = io.BytesIO()
    doc.save(buf)
    write_output(out, buf.getvalue())
    if progress:
        progress(1, 1)
    return out
