"""The organisation's house-style document as the base of an export: opened safely, headers kept, marked as a
concept, given page numbers and our own document properties."""

from __future__ import annotations

import copy
import getpass
import io
import re
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from ..errors import TemplateError
from .renderer import xml_safe
from .template import read_template_bytes, sanitise_package

DEFAULT_TEMPLATE = Path(__file__).with_name("templates") / "tender.docx"
CONCEPT_MARK = "CONCEPT – niet voor publicatie"
CONCEPT_COLOUR = RGBColor(0xC0, 0x00, 0x00)
MAX_PROPERTY = 255  # Word's limit for a core document property


def _property(s: str) -> str:
    """A document property: XML-safe, on one line and within Word's 255-character limit."""
    s = " ".join(xml_safe(s).split())
    return s if len(s) <= MAX_PROPERTY else s[: MAX_PROPERTY - 1].rstrip() + "…"


def load_template(path: Path | str | None = None, notes: list[str] | None = None) -> Document:
    """Open a .docx or .dotx as the base of the export; TemplateError when it is not a usable Word document.

    Hostile content (external links, macros, embedded documents) is dropped; notes receives a line for each kind.
    """
    clean, dropped, name = clean_template(path)
    if notes is not None:
        notes.extend(dropped)
    return open_clean_template(clean, name)


def clean_template(path: Path | str | None = None) -> tuple[bytes, list[str], str]:
    """The template's package made safe (see template.py), what was dropped from it, and its file name: read and
    cleaned once when one house style serves several documents."""
    path = Path(path) if path is not None else DEFAULT_TEMPLATE
    raw = read_template_bytes(path)
    clean, dropped = sanitise_package(raw, path.name)
    return clean, dropped, path.name


def open_clean_template(clean: bytes, name: str) -> Document:
    """A new document from a package clean_template made; TemplateError when python-docx cannot open it."""
    try:
        return docx.Document(io.BytesIO(clean))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on broken packages
        raise TemplateError(f"{name} is een beschadigd Word-document ({type(exc).__name__}).",
                            en=f"{name} is a damaged Word document ({type(exc).__name__}).") from None


def inherit_headers(body) -> None:
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


def mark_contents_for_update(doc: Document) -> None:
    """Let Word refresh the contents list (page numbers) on opening, and no other field.

    Asking Word to update every field on opening (w:updateFields) would also run whatever other fields a template
    holds and makes Word ask the reader a question; a dirty flag on the contents field alone does neither.
    """
    for update in doc.settings.element.findall(qn("w:updateFields")):
        doc.settings.element.remove(update)
    begin = None
    for el in doc.element.body.iter(qn("w:fldChar"), qn("w:instrText")):
        if el.tag == qn("w:fldChar"):
            begin = el if el.get(qn("w:fldCharType")) == "begin" else begin
        elif begin is not None and re.match(r"\s*TOC\b", el.text or ""):
            begin.set(qn("w:dirty"), "true")
            begin = None


def mark_concept(doc: Document) -> None:
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


def ensure_page_numbers(doc: Document) -> None:
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
