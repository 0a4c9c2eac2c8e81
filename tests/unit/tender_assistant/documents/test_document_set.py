"""The document set with a house style whose markers lack a place for a chapter."""

from __future__ import annotations

from datetime import date

import pytest

from tender_assistant.documents.document_set import export_set
from tender_assistant.errors import TemplateError
from tests.unit.tender_assistant.documents.test_markers import make_template

TODAY = date(2026, 11, 25)


def test_a_final_set_names_the_document_and_writes_nothing(tmp_path, fake_lib, tender):
    out = tmp_path / "set"
    out.mkdir()
    with pytest.raises(TemplateError) as caught:
        export_set(tender, fake_lib, out, make_template(tmp_path / "s.docx", None), today=TODAY)
    assert caught.value.where == "aanbestedingsleidraad.docx" and "{{gunningscriteria}}" in caught.value.message
    assert list(out.iterdir()) == []


def test_a_concept_set_says_which_document_has_the_chapter_at_the_end(tmp_path, fake_lib, tender):
    out = tmp_path / "set"
    out.mkdir()
    notes: list[str] = []
    export_set(tender, fake_lib, out, make_template(tmp_path / "s.docx", None), today=TODAY, concept=True,
               notes=notes)
    assert any(n.startswith("aanbestedingsleidraad.docx: ") and "Gunningscriteria" in n for n in notes)
