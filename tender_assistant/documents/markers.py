"""The markers a house-style template may hold, and filling them.

`{{inhoud}}` alone in a paragraph: the whole tender goes there, what stands before it (a cover) stays. A block marker
such as `{{gunningscriteria}}` alone in a paragraph: that chapter goes there and the template keeps its own text
around it. A fact marker such as `{{titel}}` anywhere in kept text (body, headers, footers) is replaced by its value.
"""

from __future__ import annotations

import re
from typing import Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .plan import BUYER_ANNEX_TITLE, Block, DocumentPlan, Heading, PageBreak, Paragraph, Run, Toc
from .renderer import Progress, Renderer
from .styles import resolve_styles

CONTENT_MARKER = re.compile(r"^\s*\{\{\s*inhoud\s*\}\}\s*$")
FIELD_RE = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
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


def paragraph_text(p_el) -> str:
    """The text of a paragraph element, all its runs joined."""
    return "".join(t.text or "" for t in p_el.iter(qn("w:t")))


def header_footer_paragraphs(doc: Document):
    """Paragraphs of every header and footer part, without creating any (python-docx would add empty ones)."""
    for rel in doc.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            yield from rel.target_part.element.iter(qn("w:p"))


def prepare_body(doc: Document) -> tuple[Any, bool]:
    """Remove the template's sample body text; return the anchor to insert before and whether a cover stays.

    A paragraph {{inhoud}} marks where the tender goes: what stands before it (a cover page) stays.
    """
    body = doc.element.body
    children = [c for c in body.iterchildren() if c.tag != qn("w:sectPr")]
    marker_index = next((i for i, c in enumerate(children) if c.tag == qn("w:p") and CONTENT_MARKER.match(paragraph_text(c))),
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
    has_cover = any(paragraph_text(c).strip() or c.findall(f".//{qn('w:drawing')}") for c in keep)
    return anchor, has_cover


def fill_fields(elements, values: dict[str, str]) -> None:
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
        m = BLOCK_MARKER_RE.match(paragraph_text(p))
        if m and m.group(1) in BLOCK_MARKERS:
            found.append((p, m.group(1)))
    return found


def marker_problems(doc: Document) -> list[str]:
    """Markers a template holds that the export cannot fill: unknown names, block markers inside other text."""
    problems: list[str] = []
    paragraphs = [*doc.element.body.iter(qn("w:p")), *header_footer_paragraphs(doc)]
    for p in paragraphs:
        text = paragraph_text(p)
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


def fill_markers(doc: Document, plan: DocumentPlan, markers: list[tuple[Any, str]],
                  progress: Progress | None) -> None:
    """Put each part of the plan in place of its marker paragraph; everything else in the template stays."""
    fill_fields(list(doc.element.body.iter(qn("w:p"))), plan.fields)
    fill_fields(list(header_footer_paragraphs(doc)), plan.fields)
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
        renderer = Renderer(doc, styles, anchor)
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


def fill_body(doc: Document, plan: DocumentPlan, progress: Progress | None) -> None:
    """A template without block markers: the whole plan in place of {{inhoud}} (a cover before it stays), else in
    place of the template's sample text."""
    anchor, has_cover = prepare_body(doc)
    kept = [c for c in doc.element.body.iter(qn("w:p")) if c is not anchor]
    fill_fields(kept, plan.fields)
    fill_fields(list(header_footer_paragraphs(doc)), plan.fields)
    renderer = Renderer(doc, resolve_styles(doc), anchor)
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
