"""Blocks of a document plan written as Word paragraphs and tables at one place of a document, in its styles."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from docx.document import Document
from docx.enum.text import WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Emu, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from .plan import Block, DocumentPlan, Heading, PageBreak, Paragraph, Style, Table, Toc
from .styles import ResolvedStyles

Progress = Callable[[int, int], None]
HEADER_SHADE = "D9E2F3"
# Characters XML 1.0 does not allow (python-docx refuses them): a library or GUI text must never crash an export.
XML_INVALID_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(s: str) -> str:
    """The text without characters that cannot stand in a Word document."""
    return XML_INVALID_RE.sub("", s)


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


class Renderer:
    """Writes blocks before an anchor element: the marker paragraph, or the end of the body."""

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
        widths = [Emu(w) for w in column_widths(t.widths, all_rows, int(self.text_width))]
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
