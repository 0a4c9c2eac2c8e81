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
