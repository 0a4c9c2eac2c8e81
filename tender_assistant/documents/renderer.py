"""Blocks of a document plan written as Word paragraphs and tables at one place of a document, in its styles."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Cm, Emu, Pt

from .plan import Block, DocumentPlan, Heading, PageBreak, Paragraph, Style, Table, Toc
from .styles import ResolvedStyles

Progress = Callable[[int, int], None]
HEADER_SHADE = "D9E2F3"
# Characters XML 1.0 does not allow (python-docx refuses them): a library or GUI text must never crash an export.
XML_INVALID_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(s: str) -> str:
    """The text without characters that cannot stand in a Word document."""
    return XML_INVALID_RE.sub("", s)


def safe_block(b: Block) -> Block:
    """A copy of a block with every text XML-safe; the texts themselves are shared, never the objects that hold
    them (the renderer changes numbers of its copy)."""
    if isinstance(b, Heading):
        return Heading(xml_safe(b.text), b.level, xml_safe(b.number))
    if isinstance(b, Paragraph):
        return dataclasses.replace(b, runs=[dataclasses.replace(r, text=xml_safe(r.text)) for r in b.runs])
    if isinstance(b, Table):
        return dataclasses.replace(b, header=[xml_safe(v) for v in b.header],
                                   rows=[[xml_safe(v) for v in row] for row in b.rows])
    return b  # a Toc or PageBreak holds no text


def safe_plan(plan: DocumentPlan) -> DocumentPlan:
    """A copy of the plan with every text XML-safe (the tender is validated; library texts may not be)."""
    return dataclasses.replace(plan, title=xml_safe(plan.title), organisation=xml_safe(plan.organisation),
                               date_text=xml_safe(plan.date_text),
                               fields={k: xml_safe(v) for k, v in plan.fields.items()},
                               cover=[safe_block(b) for b in plan.cover], body=[safe_block(b) for b in plan.body])


def heading_label(h: Heading, numbered: bool) -> str:
    """The text of a heading as the body and the table of contents both show it.

    numbered: the template's heading style numbers this level itself, so our number is left out.
    """
    if h.number and h.number[0].isdigit():
        if numbered:
            return h.text
        return f"{h.number}. {h.text}" if h.level == 1 else f"{h.number} {h.text}"
    return f"{h.number} – {h.text}" if h.number else h.text


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


# Estimated widths of body text (about 11 pt, a Calibri-like face) and a cell's left and right padding, in EMU: enough
# to keep the longest word of a column on one line ("producentenverantwoordelijkheid", a criterion code).
CHAR_EMU = int(Pt(5.8))
NARROW_EMU, WIDE_EMU, CAPITAL_EMU = int(Pt(3.2)), int(Pt(9)), int(Pt(7))
NARROW, WIDE = set("ijlftr.,:;'!|()[]1 -/"), set("mwMW@%")
CELL_PADDING_EMU = int(Pt(16))


@functools.lru_cache(maxsize=8192)  # the same words fill every row of a table: measured once each
def word_width(word: str) -> int:
    """The estimated printed width of a word (EMU)."""
    return sum(NARROW_EMU if ch in NARROW else WIDE_EMU if ch in WIDE else CAPITAL_EMU if ch.isupper() else CHAR_EMU
               for ch in word)


def column_widths(relative: list[float], rows: list[list[str]], total: int) -> list[int]:
    """Column widths (EMU) from the plan's relative widths, widened where a column's longest word would not fit
    (Word and LibreOffice then break it in the middle), taken from the columns that have room to spare."""
    scale = sum(relative) or 1
    widths = [total * w / scale for w in relative]
    need = [max((word_width(word) for row in rows for word in (row[i] if i < len(row) else "").split()), default=0)
            + CELL_PADDING_EMU for i in range(len(relative))]
    if sum(need) >= total:  # not everything fits: columns whose words fit their share get what they need (a code
        # never breaks), the rest share what is left by the plan's proportions
        given = [0.0] * len(need)
        rest, left = set(range(len(need))), float(total)
        while rest:
            share = {i: left * relative[i] / (sum(relative[j] for j in rest) or 1) for i in rest}
            fits = [i for i in rest if need[i] <= share[i]]
            if not fits:
                for i in rest:
                    given[i] = share[i]
                break
            for i in fits:
                given[i] = need[i]
                left -= need[i]
                rest.discard(i)
        return [int(g) for g in given]
    for _ in range(len(widths)):  # a column widened may take room another needs: repeat until all fit
        short = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
        if short <= 0:
            break
        room = [max(0.0, w - n) for n, w in zip(need, widths, strict=True)]
        spare = sum(room)
        widths = [max(w, n) - (short * r / spare if spare else 0) for n, w, r in zip(need, widths, room, strict=True)]
    return [int(w) for w in widths]


# Run content as python-docx writes it: a tab is <w:tab/>, a line break <w:br/>, the rest <w:t> (whitespace kept).
RUN_BREAK_RE = re.compile("([\t\r\n])")
W_NS = nsdecls("w")
TBL_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
            'w:noVBand="1" w:val="04A0"/>')
HEADER_SHD = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_SHADE}"/>'


def _twips(emu: int) -> int:
    return int(Emu(emu).twips)


def run_xml(text: str, bold: bool = False, italic: bool = False, highlight: bool = False) -> str:
    """A w:r element as XML text (no namespace declaration): emphasis, then the text."""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + \
        ('<w:highlight w:val="yellow"/>' if highlight else "")
    content: list[str] = []
    for piece in RUN_BREAK_RE.split(text) if text else ():
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            content.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{''.join(content)}</w:r>"


def paragraph_xml(style_id: str | None, content: str = "", keep_next: bool = False, tight: bool = False,
                  indent_twips: int | None = None, break_before: bool = False) -> str:
    """A w:p element as XML text; tight: no space after it (table cells, contents lines); break_before: it starts
    a new page."""
    ppr = (f"<w:pStyle w:val={quoteattr(style_id)}/>" if style_id else "") + ("<w:keepNext/>" if keep_next else "") \
        + ("<w:pageBreakBefore/>" if break_before else "") \
        + ('<w:spacing w:after="0"/>' if tight else "") \
        + (f'<w:ind w:left="{indent_twips}"/>' if indent_twips is not None else "")
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{content}</w:p>"


def _field_char(kind: str, dirty: bool = False) -> str:
    dirty_attr = ' w:dirty="true"' if dirty else ""
    return f'<w:r><w:fldChar w:fldCharType="{kind}"{dirty_attr}/></w:r>'


class Renderer:
    """Writes blocks before an anchor element: the marker paragraph, or the end of the body.

    Each block is written as XML text and parsed once (a table of 300 rows in one go), not element by element
    through python-docx, whose per-element lookups were most of an export's time; the XML is the same.

    A PageBreak becomes "page break before" on the paragraph or heading that follows it: a separate break paragraph
    after a page that is exactly full lands on a page of its own, which then stays empty (found by the exploratory
    run in LibreOffice: a blank page between Bijlage A and Bijlage B). Before a table or a table of contents, which
    carry no such property here, the break stays a paragraph of its own.
    """

    def __init__(self, doc: Document, styles: ResolvedStyles, anchor) -> None:
        self.doc = doc
        self.styles = styles
        self.anchor = anchor
        self.text_width = _width_at(doc, anchor)
        self.break_pending = False

    def _take_break(self) -> bool:
        """Whether the next paragraph starts a new page (a PageBreak came before it); taken once."""
        pending, self.break_pending = self.break_pending, False
        return pending

    def _flush_break(self) -> None:
        """A pending page break as a paragraph of its own, before a block that cannot carry it."""
        if self._take_break():
            self._insert(paragraph_xml(self.styles.ids[Style.BODY], '<w:r><w:br w:type="page"/></w:r>'))

    def _insert(self, xml: str) -> None:
        """Parse the elements of xml (one parse) and put them before the anchor, in order."""
        holder = parse_xml(f"<w:body {W_NS}>{xml}</w:body>")
        for el in list(holder):
            self.anchor.addprevious(el)

    def block(self, b: Block) -> None:
        """Write one block of the plan."""
        if isinstance(b, Heading):
            self.heading(b)
        elif isinstance(b, Paragraph):
            runs = "".join(run_xml(r.text, r.bold, r.italic, r.gap) for r in b.runs)
            self._insert(paragraph_xml(self.styles.ids[b.style], runs, keep_next=b.keep_with_next,
                                       break_before=self._take_break()))
        elif isinstance(b, Table):
            self.table(b)
        elif isinstance(b, Toc):
            self.toc(b)
        elif isinstance(b, PageBreak):
            self._flush_break()  # two breaks in a row: the first one is an empty page the plan asks for
            self.break_pending = True

    def heading(self, h: Heading) -> None:
        """A heading paragraph in the template's heading style."""
        style = Style.HEADING_1 if h.level == 1 else Style.HEADING_2
        # When the template numbers this heading level itself, writing our number too would show "2 2. Titel".
        self._insert(paragraph_xml(self.styles.ids[style], run_xml(heading_label(h, style in self.styles.numbered)),
                                   break_before=self._take_break()))

    def table(self, t: Table) -> None:
        """A fixed-layout table at the text width, its header row repeated on every page and shaded.

        Rows may split over a page: LibreOffice drops the rows that move to the next page of a table whose rows may not
        split and whose header repeats (a points scale lost rows 7, 4 and 0 in the PDF while the .docx had them)."""
        self._flush_break()
        all_rows = [t.header, *t.rows] if t.show_header else list(t.rows)
        widths = [_twips(w) for w in column_widths(t.widths, all_rows, int(self.text_width))]
        body_id = self.styles.ids[Style.BODY]
        last = len(all_rows) - 1
        parts = [f"<w:tbl><w:tblPr><w:tblStyle w:val={quoteattr(self.styles.ids[Style.TABLE])}/>"
                 f'<w:tblW w:type="dxa" w:w="{_twips(self.text_width)}"/><w:tblLayout w:type="fixed"/>{TBL_LOOK}'
                 "</w:tblPr><w:tblGrid>", *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>"]
        for r_index, values in enumerate(all_rows):
            header = t.show_header and r_index == 0
            bold_row = header or (t.bold_last_row and r_index == last)
            parts.append(f"<w:tr><w:trPr>{'<w:tblHeader/>' if header else ''}</w:trPr>")
            for c_index, (value, w) in enumerate(zip(values, widths, strict=True)):
                # A place the buyer still fills in ("[...]") is highlighted, as in a paragraph.
                run = run_xml(value, bold_row or (not t.show_header and c_index == 0),
                              highlight=value.startswith("[") and value.endswith("]"))
                parts.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/>{HEADER_SHD if header else ""}'
                             f"</w:tcPr>{paragraph_xml(body_id, run, tight=True)}</w:tc>")
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        # A little air after a table before the next paragraph.
        parts.append(paragraph_xml(body_id))
        self._insert("".join(parts))

    def toc(self, toc: Toc, headings: list[Heading] | None = None) -> None:
        """A TOC field; its cached result lists the headings so LibreOffice and print previews show them too."""
        self._flush_break()
        entries = [h for h in (headings or []) if h.level <= toc.levels]
        body_id = self.styles.ids[Style.BODY]
        start = (_field_char("begin", dirty=True) + '<w:r><w:instrText xml:space="preserve">'
                 + escape(f' TOC \\o "1-{toc.levels}" \\h \\z \\u ') + "</w:instrText></w:r>"
                 + _field_char("separate"))
        if not entries:
            note = run_xml("Klik met de rechtermuisknop en kies 'Veld bijwerken' voor de inhoudsopgave.")
            self._insert(paragraph_xml(body_id, start + note + _field_char("end")))
            return
        lines: list[str] = []
        for i, h in enumerate(entries):
            style_id = self.styles.toc_ids.get(h.level)
            indent = _twips(Cm(0.6)) if not style_id and h.level > 1 else None
            numbered = (Style.HEADING_1 if h.level == 1 else Style.HEADING_2) in self.styles.numbered
            content = (start if i == 0 else "") + run_xml(heading_label(h, numbered))  # as the heading reads
            if i == len(entries) - 1:
                content += _field_char("end")
            lines.append(paragraph_xml(style_id or body_id, content, tight=True, indent_twips=indent))
        self._insert("".join(lines))
