"""Logical styles -> the template's real styles: by name and built-in id (any language), else our own definition."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from criteria_library.infra.text import fold

from .plan import Style


def norm(name: str) -> str:
    """A style name or id compared loosely: 'Kop 1', 'kop1' and 'KOP-1' are the same."""
    return re.sub(r"[^0-9a-z]", "", fold(name))


@dataclass(frozen=True)
class StyleSpec:
    """How to find a logical style in a template, and how to define it when the template lacks it."""

    name: str  # the name we give the style when we add it (Word's built-in English name where one exists)
    aliases: tuple[str, ...]  # names and ids in other languages (Word localises style ids: Kop1, berschrift1)
    type: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH
    outline_level: int | None = None  # headings: 0-based outline level, also used to recognise unnamed headings
    size: float | None = None
    bold: bool = False
    italic: bool = False
    color: str | None = None
    space_before: float = 0
    space_after: float = 6
    keep_with_next: bool = False
    extra: dict[str, str] = field(default_factory=dict)


SPECS: dict[Style, StyleSpec] = {
    Style.BODY: StyleSpec("Normal", ("normal", "standaard", "standard", "default", "normale", "normal web")),
    Style.TITLE: StyleSpec("Title", ("title", "titel", "titre", "titulo", "titolo", "tytul"), size=26, bold=True,
                           space_after=12, color="1F3864"),
    Style.SUBTITLE: StyleSpec("Subtitle", ("subtitle", "ondertitel", "untertitel", "soustitre", "subtitulo",
                                           "sottotitolo"), size=14, color="595959", space_after=24),
    Style.HEADING_1: StyleSpec("Heading 1", ("heading 1", "kop 1", "uberschrift 1", "berschrift1", "titre 1",
                                             "titulo 1", "ttulo1", "titolo 1", "naglowek 1", "overskrift 1",
                                             "rubrik 1", "otsikko 1"),
                               outline_level=0, size=16, bold=True, color="1F3864", space_before=18, space_after=6,
                               keep_with_next=True),
    Style.HEADING_2: StyleSpec("Heading 2", ("heading 2", "kop 2", "uberschrift 2", "berschrift2", "titre 2",
                                             "titulo 2", "ttulo2", "titolo 2", "naglowek 2", "overskrift 2",
                                             "rubrik 2", "otsikko 2"),
                               outline_level=1, size=12.5, bold=True, color="1F3864", space_before=12,
                               space_after=4, keep_with_next=True),
    Style.TOC_HEADING: StyleSpec("TOC Heading", ("toc heading", "kop van inhoudsopgave", "inhaltsverzeichnisuberschrift",
                                                 "en tete de table des matieres", "titulo de tdc"),
                                 size=16, bold=True, color="1F3864", space_after=12),
    Style.CLAUSE: StyleSpec("Clausule", ("clausule", "clause"), space_after=4),
    Style.NOTE: StyleSpec("Kenmerk", ("kenmerk", "criterion note"), size=9, color="404040", space_after=8),
    Style.TABLE: StyleSpec("Table Grid", ("table grid", "tabelraster", "tabellenraster", "grille du tableau",
                                          "tabla con cuadricula", "griglia tabella"), type=WD_STYLE_TYPE.TABLE),
}

TOC_LEVEL_NAMES = {1: ("toc 1", "inhopg 1", "verzeichnis 1", "tdm 1"), 2: ("toc 2", "inhopg 2", "verzeichnis 2",
                                                                             "tdm 2")}


@dataclass
class ResolvedStyles:
    """The style id to use for each logical style, and which heading levels the template numbers itself."""

    ids: dict[Style, str]
    numbered: set[Style]
    toc_ids: dict[int, str]
    added: list[Style]


def _style_type(el) -> WD_STYLE_TYPE | None:
    return {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "character": WD_STYLE_TYPE.CHARACTER,
            "table": WD_STYLE_TYPE.TABLE, "numbering": WD_STYLE_TYPE.LIST}.get(el.get(qn("w:type")) or "paragraph")


def _raw_name(el) -> str:
    name = el.find(qn("w:name"))
    return name.get(qn("w:val")) if name is not None else ""


def _outline_level(el) -> int | None:
    lvl = el.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    return int(lvl.get(qn("w:val"))) if lvl is not None and (lvl.get(qn("w:val")) or "").isdigit() else None


def resolve_styles(doc: Document) -> ResolvedStyles:
    """Find or add a style for every logical style; never fails on odd or foreign templates."""
    styles_el = doc.styles.element
    elements = styles_el.findall(qn("w:style"))
    by_key: dict[tuple[WD_STYLE_TYPE | None, str], Any] = {}
    by_id = {el.get(qn("w:styleId")): el for el in elements}
    for el in elements:
        st = _style_type(el)
        # Names win over ids, so register ids first and let names overwrite.
        by_key.setdefault((st, norm(el.get(qn("w:styleId")) or "")), el)
    for el in elements:
        by_key[(_style_type(el), norm(_raw_name(el)))] = el

    ids: dict[Style, str] = {}
    added: list[Style] = []
    for logical, spec in SPECS.items():
        el = None
        for alias in (spec.name, *spec.aliases):
            el = by_key.get((spec.type, norm(alias)))
            if el is not None:
                break
        if el is None and logical == Style.BODY:
            el = styles_el.default_for(WD_STYLE_TYPE.PARAGRAPH)
        if el is None and spec.outline_level is not None:
            # A house style may call its headings anything; Word's outline level says what they are.
            el = next((e for e in elements if _style_type(e) == WD_STYLE_TYPE.PARAGRAPH
                       and _outline_level(e) == spec.outline_level and not norm(_raw_name(e)).startswith("toc")), None)
        if el is None:
            el = _add_style(doc, logical, spec, ids.get(Style.BODY), set(by_id))
            by_id[el.get(qn("w:styleId"))] = el
            added.append(logical)
        ids[logical] = el.get(qn("w:styleId"))

    numbered = {s for s in (Style.HEADING_1, Style.HEADING_2) if _is_numbered(by_id.get(ids[s]), by_id)}
    toc_ids: dict[int, str] = {}
    for level, names in TOC_LEVEL_NAMES.items():
        for alias in names:
            el = by_key.get((WD_STYLE_TYPE.PARAGRAPH, norm(alias)))
            if el is not None:
                toc_ids[level] = el.get(qn("w:styleId"))
                break
    return ResolvedStyles(ids, numbered, toc_ids, added)


def _is_numbered(el, by_id: dict) -> bool:
    """True when a paragraph style (or a style it is based on) carries list numbering."""
    seen = set()
    while el is not None and id(el) not in seen:
        seen.add(id(el))
        num = el.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num is not None:
            num_id = num.find(qn("w:numId"))
            return num_id is None or num_id.get(qn("w:val")) != "0"
        based = el.find(qn("w:basedOn"))
        el = by_id.get(based.get(qn("w:val"))) if based is not None else None
    return False


def _add_style(doc: Document, logical: Style, spec: StyleSpec, body_id: str | None, taken: set[str]):
    """Add our definition of a style the template lacks; fonts are inherited so the house font stays."""
    name = spec.name
    if name in doc.styles or any(s.name == name for s in doc.styles):
        name = f"{spec.name} (Tender Assistant)"
    style = doc.styles.add_style(name, spec.type)
    el = style.element
    if el.get(qn("w:styleId")) in taken:
        el.set(qn("w:styleId"), re.sub(r"[^0-9A-Za-z]", "", name) + "TA")
    if spec.type == WD_STYLE_TYPE.TABLE:
        _define_table_grid(el)
        return el
    if body_id and logical != Style.BODY:
        based = OxmlElement("w:basedOn")
        based.set(qn("w:val"), body_id)
        el.insert(1, based)
    style.quick_style = True
    pf = style.paragraph_format
    pf.space_before = Pt(spec.space_before)
    pf.space_after = Pt(spec.space_after)
    if spec.keep_with_next:
        pf.keep_with_next = True
    font = style.font
    if spec.size:
        font.size = Pt(spec.size)
    if spec.bold:
        font.bold = True
    if spec.italic:
        font.italic = True
    if spec.color:
        font.color.rgb = RGBColor.from_string(spec.color)
    if spec.outline_level is not None:
        ppr = el.get_or_add_pPr()
        lvl = OxmlElement("w:outlineLvl")
        lvl.set(qn("w:val"), str(spec.outline_level))
        ppr.append(lvl)
    return el


def _define_table_grid(el) -> None:
    """Thin borders on every cell, as Word's Table Grid."""
    tblpr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "808080")):
            b.set(qn(f"w:{key}"), value)
        borders.append(b)
    tblpr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), "108")
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tblpr.append(margins)
    el.append(tblpr)
