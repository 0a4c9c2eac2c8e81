"""The markers a house-style template may hold, and filling them.

`{{inhoud}}` alone in a paragraph: the whole tender goes there, what stands before it (a cover) stays. A block marker
such as `{{gunningscriteria}}` alone in a paragraph: that chapter goes there and the template keeps its own text
around it. A fact marker such as `{{titel}}` anywhere in kept text (body, headers, footers) is replaced by its value.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate
from typing import Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..errors import TemplateError
from .plan import BUYER_ANNEX_TITLE, Block, DocumentPlan, Heading, PageBreak, Paragraph, Run, Toc
from .renderer import Progress, Renderer
from .styles import resolve_styles

CONTENT_MARKER = re.compile(r"^\s*\{\{\s*inhoud\s*\}\}\s*$")
FIELD_RE = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
BLOCK_MARKERS = {"inleiding", "planning", "geschiktheidseisen", "minimumeisen", "gunningscriteria",
                 "contractbepalingen", "bewijsmiddelen", "verantwoording", "bijlagen", "inhoudsopgave", "borgingsplan"}
FACT_MARKERS = {"titel", "opdrachtgever", "datum", "procedure", "waarde", "looptijd", "cpv", "inkooppakket",
                "ambitieniveau", "prijsweging", "omschrijving", "documenttype"}
ANY_MARKER_RE = re.compile(r"\{\{\s*([^{}]{0,60}?)\s*\}\}")
BLOCK_MARKER_RE = re.compile(r"^\s*\{\{\s*([a-z]+)\s*\}\}\s*$")
PART_KEYS = {"Inleiding": "inleiding", "Procedure en planning": "planning", "Geschiktheidseisen": "geschiktheidseisen",
             "Programma van eisen": "minimumeisen", "Gunningscriteria": "gunningscriteria",
             "Contractbepalingen": "contractbepalingen", "Bewijsmiddelen": "bewijsmiddelen",
             "Verantwoording": "verantwoording", BUYER_ANNEX_TITLE: "bijlagen", "Borgingsplan": "borgingsplan"}


# A kind's chapter without criteria only says there are none: a template may leave it out.
OPTIONAL_WHEN_EMPTY = {"geschiktheidseisen", "minimumeisen", "contractbepalingen"}
OFF_VALUES = {"0", "false", "off"}


_T = qn("w:t")
_VANISH = f"{qn('w:rPr')}/{qn('w:vanish')}"
_VAL = qn("w:val")


def paragraph_text(p_el) -> str:
    """The text of a paragraph element, all its runs joined."""
    return "".join(p_el.itertext(_T, with_tail=False))


def _hidden(t_el) -> bool:
    """Whether a text element is in a run formatted as hidden text (w:vanish)."""
    run = t_el.getparent()
    vanish = run.find(_VANISH) if run is not None else None
    return vanish is not None and (vanish.get(_VAL) or "true").lower() not in OFF_VALUES


def visible_text(p_el) -> str:
    """A paragraph's text as its author sees it: without hidden runs and invisible characters (zero-width space,
    soft hyphen, byte order mark, direction marks), so a marker is recognised as the author sees it."""
    raw = "".join(t.text or "" for t in p_el.iter(_T) if not _hidden(t))
    if raw.isascii():  # the usual case, and no invisible character is ASCII
        return raw
    return "".join(ch for ch in raw if unicodedata.category(ch) != "Cf")


def _may_hold(p_el, char: str) -> bool:
    """False when the paragraph's text lacks char even with hidden runs: nothing to look at (most paragraphs)."""
    return char in paragraph_text(p_el)


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
    marker_index = next((i for i, c in enumerate(children) if c.tag == qn("w:p") and CONTENT_MARKER.match(visible_text(c))),
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
        anchor = _end_anchor(doc)
    has_cover = any(paragraph_text(c).strip() or c.findall(f".//{qn('w:drawing')}") for c in keep)
    return anchor, has_cover


def fill_fields(elements, values: dict[str, str]) -> None:
    """Replace {{titel}}, {{opdrachtgever}}, {{datum}} in kept template text (cover, headers, footers).

    Only markers the template put there are filled, in one pass: a title holding '{{opdrachtgever}}' stays as typed.
    """
    def fill(text: str) -> str:
        return FIELD_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)

    for p in elements:
        ts = list(p.iter(qn("w:t")))
        texts = [t.text or "" for t in ts]
        full = "".join(texts)
        if "{{" not in full:
            continue
        ends = list(accumulate(len(x) for x in texts))
        straddling = any(m.group(1) in values and bisect_right(ends, m.start()) != bisect_right(ends, m.end() - 1)
                         for m in FIELD_RE.finditer(full))
        if not straddling:  # the usual case: each field inside one run keeps that run's formatting
            for t, text in zip(ts, texts, strict=True):
                if "{{" in text:
                    t.text = fill(text)
        else:  # a field split over runs (Word does that after an edit): the paragraph's text in the first run
            ts[0].text = fill(full)
            for t in ts[1:]:
                t.text = ""


def chapters(blocks: list[Block]) -> list[tuple[str | None, list[Block]]]:
    """The plan's chapters in order, each from its level-1 heading, with its marker name (None: no marker fits)."""
    found: list[tuple[str | None, list[Block]]] = []
    for b in blocks:
        if isinstance(b, Heading) and b.level == 1:
            found.append((PART_KEYS.get(b.text), []))
        if found:
            found[-1][1].append(b)
    return found


def split_parts(blocks: list[Block]) -> dict[str, list[Block]]:
    """The plan's chapters by marker name, each starting with its level-1 heading, without trailing page breaks."""
    parts: dict[str, list[Block]] = {}
    for key, part in chapters(blocks):
        if key is not None:
            parts.setdefault(key, []).extend(part)
    for part in parts.values():
        while part and isinstance(part[-1], PageBreak):
            part.pop()
    return parts


def unplaced_chapters(plan: DocumentPlan, placed: set[str]) -> list[tuple[str | None, list[Block]]]:
    """The chapters of the plan that no marker of the template takes (a kind's chapter without criteria excepted)."""
    out = []
    for key, part in chapters(plan.body):
        if key in placed:
            continue
        if key in OPTIONAL_WHEN_EMPTY and not any(isinstance(b, Heading) and b.level == 2 for b in part):
            continue
        while part and isinstance(part[-1], PageBreak):
            part.pop()
        out.append((key, part))
    return out


def _chapter_list(unplaced: list[tuple[str | None, list[Block]]], with_markers: bool) -> str:
    names = []
    for key, part in unplaced:
        title = part[0].text if isinstance(part[0], Heading) else "?"
        names.append(f"{title} ({{{{{key}}}}})" if with_markers and key else title)
    return ", ".join(names)


def unplaced_problem(key: str | None, part: list[Block]) -> tuple[str, str]:
    """(Dutch, English) for one chapter the template has no place for, as `tender check --template` reports it."""
    listed = _chapter_list([(key, part)], with_markers=True)
    return (f"de sjabloon heeft geen plaats voor het hoofdstuk {listed}, dus een definitief document kan er niet mee "
            "worden gemaakt (een concept wel); zet de markering alleen in een eigen alinea",
            f"the template has no place for the chapter {listed}, so a final document cannot be made with it (a draft "
            "can); put the marker alone in a paragraph of its own")


def refuse_unplaced(unplaced: list[tuple[str | None, list[Block]]]) -> None:
    """TemplateError for a final document whose template has no place for some of its chapters."""
    listed = _chapter_list(unplaced, with_markers=True)
    one = len(unplaced) == 1
    raise TemplateError(
        f"De sjabloon heeft geen plaats voor {'het hoofdstuk' if one else 'de hoofdstukken'} {listed}: zet "
        f"{'de' if one else 'elke'} markering alleen in een eigen alinea van de sjabloon (niet midden in een zin), of "
        "maak een concept; daarin "
        f"{'staat dit hoofdstuk' if one else 'staan deze hoofdstukken'} achteraan.",
        en=f"The template has no place for {'the chapter' if one else 'the chapters'} {listed}: put "
        f"{'the' if one else 'each'} marker alone in a paragraph of its own in the template (not inside a sentence), "
        "or make a draft, which has "
        f"{'this chapter' if one else 'these chapters'} at the end.")


def block_markers(doc: Document) -> list[tuple[Any, str]]:
    """Paragraphs of the body (tables and every section included) that hold only a known block marker."""
    found = []
    for p in doc.element.body.iter(qn("w:p")):
        if not _may_hold(p, "{"):
            continue
        m = BLOCK_MARKER_RE.match(visible_text(p))
        if m and m.group(1) in BLOCK_MARKERS:
            found.append((p, m.group(1)))
    return found


def repeated_markers(markers: list[tuple[Any, str]]) -> dict[str, int]:
    """Block markers the template holds more than once, with how often: their chapter would stand that often."""
    counts: dict[str, int] = {}
    for _, name in markers:
        counts[name] = counts.get(name, 0) + 1
    return {name: n for name, n in counts.items() if n > 1}


def repeated_problems(doc: Document, markers: list[tuple[Any, str]] | None = None) -> list[tuple[str, str]]:
    """(Dutch, English) for each block marker used more than once (of markers, else the template's block markers):
    an error for a final document."""
    return [(f"de markering {{{{{name}}}}} staat {n} keer in de sjabloon, dus het hoofdstuk zou er {n} keer in "
             "staan; een definitief document kan er niet mee worden gemaakt (een concept zet het alleen bij de "
             "eerste); laat er één staan",
             f"the marker {{{{{name}}}}} appears {n} times in the template, so the chapter would appear {n} times; a "
             "final document cannot be made with it (a draft puts it at the first only); keep one")
            for name, n in repeated_markers(block_markers(doc) if markers is None else markers).items()]


def marker_problems(doc: Document) -> list[str]:
    """Markers a template holds that the export cannot fill: unknown names, block markers inside other text, block
    markers used more than once."""
    problems: list[str] = [nl for nl, _ in repeated_problems(doc)]
    paragraphs = [*doc.element.body.iter(qn("w:p")), *header_footer_paragraphs(doc)]
    for p in paragraphs:
        if not _may_hold(p, "{"):
            continue
        text = visible_text(p)
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
                 progress: Progress | None, notes: list[str] | None = None) -> None:
    """Put each part of the plan in place of its marker paragraph; everything else in the template stays (a marker
    whose chapter this document does not have goes, with the template's heading right above it).

    A chapter the template has no place for is a TemplateError for a final document; a concept gets it at the end,
    after a highlighted note, and notes receives a line per chapter.
    """
    unplaced = unplaced_chapters(plan, {name for _, name in markers})
    if unplaced and not plan.concept:
        refuse_unplaced(unplaced)
    markers = _first_of_each(doc, plan, markers, notes)
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
        if name not in parts and name not in ("inhoudsopgave", "bijlagen"):
            _drop_absent(anchor)
            continue
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
        _remove_paragraph(anchor)
    if unplaced:
        _append_unplaced(doc, styles, unplaced, notes)


def _drop_absent(anchor: Any) -> None:
    """The marker of a chapter this document does not have (the verantwoording in a set's leidraad, the procedure
    chapter in a single document) goes with the template's heading right above it, so one house style serves both."""
    previous = anchor.getprevious()
    if previous is not None and previous.tag == qn("w:p") and _is_heading(previous):
        previous.getparent().remove(previous)
    _remove_paragraph(anchor)


def _remove_paragraph(p_el: Any) -> None:
    """Remove a marker paragraph; a table cell keeps the paragraph it must end with."""
    parent = p_el.getparent()
    parent.remove(p_el)
    if parent.tag == qn("w:tc") and (len(parent) == 0 or parent[-1].tag != qn("w:p")):
        parent.append(OxmlElement("w:p"))


def _first_of_each(doc: Document, plan: DocumentPlan, markers: list[tuple[Any, str]],
                   notes: list[str] | None) -> list[tuple[Any, str]]:
    """A block marker used more than once: a TemplateError for a final document; a concept has the chapter at the
    first and the later marker paragraphs removed, with a line."""
    problems = repeated_problems(doc, markers)
    if not problems:
        return markers
    if not plan.concept:
        nl = "; ".join(p[0] for p in problems)
        en = "; ".join(p[1] for p in problems)
        raise TemplateError(nl[0].upper() + nl[1:] + ".", en=en[0].upper() + en[1:] + ".")
    seen: set[str] = set()
    kept = []
    for anchor, name in markers:
        if name in seen:
            _remove_paragraph(anchor)
        else:
            seen.add(name)
            kept.append((anchor, name))
    if notes is not None:
        notes += [f"de markering {{{{{name}}}}} staat {n} keer in de sjabloon; het hoofdstuk staat in dit concept "
                  "alleen bij de eerste" for name, n in repeated_markers(markers).items()]
    return kept


def _append_unplaced(doc: Document, styles: Any, unplaced: list[tuple[str | None, list[Block]]],
                     notes: list[str] | None) -> None:
    """A concept: the chapters the template has no place for at the end of the document, each after a note."""
    renderer = Renderer(doc, styles, _end_anchor(doc))
    for key, part in unplaced:
        head = part[0]
        assert isinstance(head, Heading)
        where = f"de markering {{{{{key}}}}}" if key else "een markering"
        note = (f"Let op: de sjabloon heeft geen plaats voor het hoofdstuk {head.text} ({where} ontbreekt of staat "
                "niet alleen in haar alinea); het staat daarom hier achteraan. Voeg de markering toe voor een "
                "definitief document.")
        renderer.block(Paragraph([Run(note, italic=True, gap=True)]))
        if head.number[:1].isdigit():  # the template numbers its own chapters; ours would not follow on
            head.number = ""
        for b in part:
            renderer.block(b)
        if notes is not None:
            notes.append(f"de sjabloon heeft geen plaats voor het hoofdstuk {head.text}; het staat in dit concept "
                         "achteraan")
    renderer.anchor.getparent().remove(renderer.anchor)


def _end_anchor(doc: Document) -> Any:
    """A new empty paragraph at the end of the body, before its final section properties."""
    body = doc.element.body
    anchor = OxmlElement("w:p")
    sect = body.find(qn("w:sectPr"))
    if sect is not None:
        sect.addprevious(anchor)
    else:
        body.append(anchor)
    return anchor


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


# Text a model leaves for the buyer: "[zaaknummer]", "[Vervang deze alinea door ...]" (a marker is {{...}}, not [...]).
BUYER_TEXT_RE = re.compile(r"\[[^\[\]{}]{2,200}\]")
# Sentences of a template that say the opposite of what a generated chapter says: (pattern in the template, pattern
# in the generated text that it contradicts, why), Dutch and English.
CONTRADICTIONS: list[tuple[re.Pattern[str], re.Pattern[str], str, str]] = [
    (re.compile(r"eigen verklaring", re.I), re.compile(r"Uniform Europees Aanbestedingsdocument|\bUEA\b"),
     "noemt de Eigen Verklaring, die sinds 2016 is vervangen door het UEA dat de leidraad vraagt",
     "names the Eigen Verklaring, replaced since 2016 by the ESPD the leidraad asks for"),
    (re.compile(r"laagste prijs", re.I), re.compile(r"beste prijs-kwaliteitverhouding", re.I),
     "zegt dat op de laagste prijs wordt gegund, terwijl de leidraad gunt op de beste prijs-kwaliteitverhouding",
     "says the lowest price wins, while the leidraad awards on the best price-quality ratio"),
    (re.compile(r"beste prijs-kwaliteitverhouding|\bBPKV\b", re.I), re.compile(r"gegund op de laagste prijs", re.I),
     "zegt dat op de beste prijs-kwaliteitverhouding wordt gegund, terwijl de leidraad gunt op de laagste prijs",
     "says the best price-quality ratio wins, while the leidraad awards on the lowest price"),
]
VALIDITY_RE = re.compile(r"(\d{1,3})\s*(?:kalender)?dagen[^.]{0,80}?(?:gestand|geldig)|(?:gestand|geldig)[^.]{0,80}?"
                         r"(\d{1,3})\s*(?:kalender)?dagen", re.I)


def _body_paragraphs(doc: Document) -> list[Any]:
    return [*doc.element.body.iter(qn("w:p")), *header_footer_paragraphs(doc)]


def buyer_text_problems(doc: Document) -> list[tuple[str, str]]:
    """(Dutch, English) for each piece of template text left for the buyer to replace ('[zaaknummer]')."""
    found: list[tuple[str, str]] = []
    for p in _body_paragraphs(doc):
        if not _may_hold(p, "["):
            continue
        for m in BUYER_TEXT_RE.finditer(visible_text(p)):
            shown = m.group(0) if len(m.group(0)) <= 60 else m.group(0)[:57] + "…]"
            found.append((f"de sjabloon bevat nog tekst voor de opdrachtgever: \"{shown}\"; vervang die in de "
                          "sjabloon, anders staat zij zo in het definitieve document",
                          f"the template still holds text for the buyer: \"{shown}\"; replace it in the template, "
                          "otherwise it stands like this in the final document"))
    return list(dict.fromkeys(found))


def _plan_text(plan: DocumentPlan) -> str:
    parts: list[str] = []
    for b in plan.body:
        if isinstance(b, Paragraph):
            parts.append("".join(r.text for r in b.runs))
        elif isinstance(b, Heading):
            parts.append(b.text)
    return "\n".join(parts)


def contradiction_problems(doc: Document, plan: DocumentPlan) -> list[tuple[str, str]]:
    """(Dutch, English) for each template paragraph that contradicts a generated chapter of the plan, and each
    template chapter of its own on a topic a generated chapter covers (said twice, and differently)."""
    generated = _plan_text(plan)
    found: list[tuple[str, str]] = []
    validity = [int(a or b) for a, b in VALIDITY_RE.findall(generated)]
    paragraphs = [p for p in doc.element.body.iter(qn("w:p")) if visible_text(p).strip()]
    own_headings = {h.text.strip().lower() for h in plan.body if isinstance(h, Heading) and h.level == 2}
    for i, p in enumerate(paragraphs):
        text = visible_text(p).strip()
        if BLOCK_MARKER_RE.match(text):
            continue
        short = text if len(text) <= 70 else text[:69].rstrip() + "…"
        for template_re, generated_re, nl, en in CONTRADICTIONS:
            if template_re.search(text) and generated_re.search(generated):
                found.append((f"de sjabloon {nl}: \"{short}\"", f"the template {en}: \"{short}\""))
        for a, b in VALIDITY_RE.findall(text):
            if validity and int(a or b) not in validity:
                found.append((f"de sjabloon noemt een gestanddoeningstermijn van {a or b} dagen, de leidraad "
                              f"{validity[0]} dagen: \"{short}\"", f"the template states a bid validity of "
                              f"{a or b} days, the leidraad {validity[0]} days: \"{short}\""))
        following = visible_text(paragraphs[i + 1]).strip() if i + 1 < len(paragraphs) else ""
        if text.lower() in own_headings and not BLOCK_MARKER_RE.match(following) and _is_heading(p):
            found.append((f"de sjabloon heeft een eigen hoofdstuk \"{text}\", maar de leidraad maakt dat onderdeel "
                          "zelf: haal het hoofdstuk uit de sjabloon, anders staat het er twee keer (en mogelijk "
                          "anders)", f"the template has its own chapter \"{text}\", but the leidraad generates that "
                          "part itself: remove the chapter from the template, or it stands twice (and possibly "
                          "differently)"))
    return list(dict.fromkeys(found))


def _is_heading(p_el: Any) -> bool:
    style = p_el.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style is not None and (style.get(qn("w:val")) or "").lower().startswith(("heading", "kop"))
