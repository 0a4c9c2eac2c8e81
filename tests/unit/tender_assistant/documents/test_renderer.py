"""Rendering details: column widths that keep every word whole where the page allows."""

from __future__ import annotations


def test_a_column_is_wide_enough_for_its_longest_word() -> None:
    """Found by the exploratory run: 'producentenverant|woordelijkheid' broken in a narrow borgingsplan column."""
    from docx.shared import Cm

    from tender_assistant.documents.renderer import CELL_PADDING_EMU, column_widths, word_width

    total = int(Cm(16))
    rows = [["Nr.", "Eis", "Gevolg"], ["ME1", "producentenverantwoordelijkheid", "boete"]]
    widths = column_widths([1, 1, 6], rows, total)
    assert widths[1] >= word_width("producentenverantwoordelijkheid") + CELL_PADDING_EMU
    assert abs(sum(widths) - total) <= 3 and widths[2] < int(total * 6 / 8)  # taken from the column with room
    assert column_widths([1, 3], [["a", "b"]], total) == [total // 4, total * 3 // 4]  # nothing to widen


def test_when_not_every_word_fits_the_short_ones_still_do() -> None:
    from docx.shared import Cm

    from tender_assistant.documents.renderer import CELL_PADDING_EMU, column_widths, word_width

    total = int(Cm(16))
    rows = [["Nr.", "Eis", "Bewijs"], ["ME10", "producentenverantwoordelijkheid" * 2, "EU-typeonderzoekscertificaat" * 2]]
    widths = column_widths([0.6, 2, 3], rows, total)
    assert widths[0] >= word_width("ME10") + CELL_PADDING_EMU  # 'ME10' stays whole
    assert widths[2] > widths[1] and sum(widths) <= total  # the rest by the plan's proportions


def _rendered(*blocks):
    """A plan of these blocks rendered into the default house style, saved and opened again as a reader would."""
    import io

    import docx

    from tender_assistant.documents.export import render
    from tender_assistant.documents.house_style import load_template
    from tender_assistant.documents.plan import DocumentPlan

    plan = DocumentPlan("Titel & co", "Gemeente <Voorbeeld>", "1 december 2026", body=list(blocks))
    buf = io.BytesIO()
    render(plan, load_template()).save(buf)
    return docx.Document(io.BytesIO(buf.getvalue()))


def test_text_with_tabs_line_breaks_and_markup_characters_reads_back_as_written() -> None:
    """The XML is written as text: '&', '<' and quotes must come back as typed, tabs and new lines as Word's own."""
    from docx.enum.text import WD_COLOR_INDEX

    from tender_assistant.documents.plan import Paragraph, Run

    doc = _rendered(Paragraph([Run(" Prijs & <kwaliteit> \"20%\" "), Run("vet\tna tab", bold=True),
                               Run("schuin\nregel 2", italic=True), Run("[in te vullen]", gap=True), Run("")],
                              keep_with_next=True))
    p = next(p for p in doc.paragraphs if "kwaliteit" in p.text)
    assert p.text == " Prijs & <kwaliteit> \"20%\" vet\tna tabschuin\nregel 2[in te vullen]"
    runs = p.runs
    assert [r.bold for r in runs[:3]] == [None, True, None] and runs[2].italic is True
    assert runs[3].font.highlight_color == WD_COLOR_INDEX.YELLOW and runs[0].font.highlight_color is None
    assert p.paragraph_format.keep_with_next is True
    assert 'xml:space="preserve"' in runs[0]._r.xml  # the leading and trailing spaces are kept


def test_a_table_keeps_its_cells_header_and_widths() -> None:
    from docx.enum.text import WD_COLOR_INDEX

    from tender_assistant.documents.plan import Table

    doc = _rendered(Table(["Nr.", "Eis & bewijs"], [["ME1", "A < B\tC"], ["ME2", "[termijn]"], ["Totaal", "100"]],
                          [1, 4], bold_last_row=True))
    table = doc.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [["Nr.", "Eis & bewijs"], ["ME1", "A < B\tC"],
                                                                   ["ME2", "[termijn]"], ["Totaal", "100"]]
    bold = [[c.paragraphs[0].runs[0].bold for c in row.cells] for row in table.rows]
    assert bold == [[True, True], [None, None], [None, None], [True, True]]  # header and last row
    assert table.rows[2].cells[1].paragraphs[0].runs[0].font.highlight_color == WD_COLOR_INDEX.YELLOW
    assert "w:tblHeader" in table.rows[0]._tr.xml and "w:tblHeader" not in table.rows[1]._tr.xml
    assert table.columns[1].width > 3 * table.columns[0].width
    assert table.style is not None and table.style.name == "Table Grid"


def test_a_table_whose_header_repeats_lets_its_rows_split_so_the_pdf_keeps_every_row() -> None:
    """Found by the exploratory run: a points scale crossing a page lost rows 7, 4 and 0 in the PDF (LibreOffice drops
    the rows that move to the next page when rows may not split and the header repeats); the .docx had them all."""
    from tender_assistant.documents.plan import Table

    doc = _rendered(Table(["Punten", "Omschrijving"], [["10", "ten minste 30 procent"], ["7", "ten minste 15 procent"],
                                                       ["4", "ten minste 5 procent"], ["0", "minder"]], [1, 4]))
    rows = doc.tables[0].rows
    assert "w:tblHeader" in rows[0]._tr.xml
    assert not any("w:cantSplit" in row._tr.xml for row in rows)


def test_an_empty_contents_field_says_how_to_fill_it() -> None:
    from tender_assistant.documents.plan import Toc

    doc = _rendered(Toc(levels=2))
    field = next(p for p in doc.paragraphs if "TOC \\o" in p._p.xml)
    assert "Veld bijwerken" in field.text and 'w:fldCharType="end"' in field._p.xml


def _page_break_paragraphs(doc) -> list[str]:
    """The paragraphs that hold nothing but a page break, by the text of the paragraph after each."""
    from docx.oxml.ns import qn

    out = []
    paragraphs = doc.paragraphs
    for i, p in enumerate(paragraphs):
        breaks = [br for br in p._p.iter(qn("w:br")) if br.get(qn("w:type")) == "page"]
        if breaks and not p.text.strip():
            out.append(paragraphs[i + 1].text if i + 1 < len(paragraphs) else "")
    return out


def test_a_chapter_after_a_page_break_starts_its_page_itself_so_a_full_page_leaves_no_blank_one() -> None:
    """L10: a separate break paragraph after a page that is exactly full landed on the next page and pushed the
    chapter to the page after it, leaving a blank page (Bijlage B of the MRA leidraad, in LibreOffice)."""
    from tender_assistant.documents.plan import Heading, PageBreak, Paragraph, Run, Table

    doc = _rendered(Paragraph([Run("Bijlage A tekst")]), PageBreak(), Heading("Bewijsmiddelen", 1, "Bijlage B"),
                    Paragraph([Run("na de kop")]), PageBreak(), Paragraph([Run("nieuwe pagina")]),
                    PageBreak(), Table(["a"], [["b"]], [1]))
    assert _page_break_paragraphs(doc) == [""]  # only before the table, which cannot carry the property
    starts = [p.text for p in doc.paragraphs if p.paragraph_format.page_break_before]
    assert starts == ["Bijlage B – Bewijsmiddelen", "nieuwe pagina"]  # the heading and the paragraph, nothing else
