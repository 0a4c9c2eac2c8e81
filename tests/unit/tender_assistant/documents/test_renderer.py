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
