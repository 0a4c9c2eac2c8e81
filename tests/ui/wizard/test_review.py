"""The wizard's export page: a house style without a place for a chapter is said, never silently lost."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_a_template_without_a_place_for_a_chapter_is_an_error_for_a_final_export_and_a_note_in_a_concept(
        app, qtbot, library, tmp_path, user_errors, operations):
    from tender_assistant.errors import TemplateError
    from tests.e2e.test_export import workwear_tender
    from tests.e2e.test_tender_cli import model_without_verantwoording
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    wizard = TenderWizard(library, AppSettings(), tender=workwear_tender(library))
    qtbot.addWidget(wizard)
    export = wizard.pages[PageId.EXPORT]
    out = tmp_path / "leidraad.docx"
    export.out_edit.setText(str(out))
    export.template_edit.setText(str(model_without_verantwoording(tmp_path)))
    export.concept.setChecked(False)
    export.export()
    operations.wait()
    assert export.exported is None and not out.exists()
    [error] = user_errors
    assert isinstance(error, TemplateError) and "Verantwoording ({{verantwoording}})" in error.message

    export.concept.setChecked(True)
    export.export()
    operations.wait()
    assert export.exported == out and out.exists()
    assert "geen plaats voor het hoofdstuk Verantwoording" in export.result.text()
    wizard.dirty = False


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("size", [(1100, 680), (1536, 932)], ids=["screen-1280x720", "screen-1920x1080"])
def test_the_review_preview_wraps_without_a_horizontal_scrollbar(app, qtbot, library, language, size):
    """Finding m10: at 1280x720 the preview ('Controle en voorbeeld') showed a horizontal scrollbar: its tables were
    100 % of the width plus their border, one pixel too wide at every other width. The window sizes are what
    fit_to_screen gives on those screens; each is tried at a few neighbouring widths, as a person resizes."""
    from tender_assistant.tender_parts import Lot, LotCriterion
    from tests.e2e.test_export import workwear_tender
    from ui import i18n
    from ui.settings import AppSettings
    from ui.tender_wizard import TenderWizard
    from ui.wizard.base import PageId

    i18n.install(app, language)
    tender = workwear_tender(library)  # in two lots: the lots table (with an empty cell) was the one too wide
    tender.lots = [Lot(str(n), title, estimated_value_eur=value, price_weight=tender.price_weight,
                       criteria=[LotCriterion(e.id, e.weight) for e in tender.criteria])
                   for n, title, value in ((1, "Kleding", 300_000), (2, "Herstel", 200_000))]
    wizard = TenderWizard(library, AppSettings(), tender=tender)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to(PageId.REVIEW)
    preview = wizard.pages[PageId.REVIEW].preview
    assert preview.document().toPlainText().strip()
    too_wide = []
    for width in range(size[0] - 6, size[0] + 6):
        wizard.resize(width, size[1])
        app.processEvents()
        if preview.horizontalScrollBar().maximum() > 0:
            too_wide.append((width, preview.horizontalScrollBar().maximum()))
    assert not too_wide
    wizard.dirty = False
