"""Block markers in a house-style template: every chapter the tender has lands in the document, once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement

from tender_assistant.documents.export import export_tender
from tender_assistant.documents.markers import block_markers, marker_problems
from tender_assistant.errors import TemplateError

TODAY = date(2026, 11, 25)
# (the template's own heading, the marker) for every chapter of a single-document export
CHAPTERS = [("Inleiding", "inleiding"), ("Geschiktheid", "geschiktheidseisen"), ("Eisen", "minimumeisen"),
            ("Gunning", "gunningscriteria"), ("Contract", "contractbepalingen"), ("Bewijs", "bewijsmiddelen"),
            ("Verantwoording", "verantwoording"), ("Bijlagen", "bijlagen")]
AWARD_TITLE = "Aandeel gerecyclede vezels"  # BED-G-01 in the fake library


def make_template(path: Path, award_paragraph: str | None = "{{gunningscriteria}}", hidden_run: str = "",
                  award_heading: str = "Gunning") -> Path:
    """A house style with its own chapter headings, each followed by its marker; the award marker as given."""
    doc = docx.Document()
    doc.add_paragraph("Leidraad {{titel}}", style="Title")
    for heading, marker in CHAPTERS:
        if marker == "gunningscriteria":
            doc.add_paragraph(award_heading, style="Heading 1")
            if award_paragraph is not None:
                p = doc.add_paragraph(award_paragraph)
                if hidden_run:  # a character the author cannot see: formatted as hidden text
                    run = p.add_run(hidden_run)
                    run._r.get_or_add_rPr().append(OxmlElement("w:vanish"))
            continue
        doc.add_paragraph(heading, style="Heading 1")
        doc.add_paragraph(f"{{{{{marker}}}}}")
    doc.add_paragraph("Slottekst van de organisatie.")
    doc.save(str(path))
    return path


def texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_a_complete_template_places_the_award_chapter_under_its_own_heading(tmp_path, fake_lib, tender):
    out = export_tender(tender, fake_lib, tmp_path / "uit.docx", make_template(tmp_path / "s.docx"), today=TODAY)
    found = texts(out)
    award = next(i for i, t in enumerate(found) if AWARD_TITLE in t)
    assert found.index("Gunning") < award < found.index("Contract")


def test_a_chapter_heading_under_its_marker_appears_once(tmp_path, fake_lib, tender):
    """The template brings the heading; the chapter's own heading must not stand a second time beneath it."""
    template = make_template(tmp_path / "s.docx", award_heading="Gunningscriteria")
    out = export_tender(tender, fake_lib, tmp_path / "uit.docx", template, today=TODAY)
    assert [t for t in texts(out) if t.endswith("Gunningscriteria")] == ["Gunningscriteria"]
    assert [t for t in texts(out) if t.endswith("Verantwoording")] == ["Verantwoording"]


@pytest.mark.parametrize("award_paragraph", [None, "Zie {{gunningscriteria}} hieronder."],
                         ids=["marker-missing", "marker-inside-a-sentence"])
def test_a_final_export_refuses_a_template_without_a_place_for_a_chapter(tmp_path, fake_lib, tender,
                                                                          award_paragraph):
    template = make_template(tmp_path / "s.docx", award_paragraph=award_paragraph)
    with pytest.raises(TemplateError) as caught:
        export_tender(tender, fake_lib, tmp_path / "uit.docx", template, today=TODAY)
    assert "Gunningscriteria" in caught.value.message and "{{gunningscriteria}}" in caught.value.message
    assert "Gunningscriteria" in caught.value.message_en and "concept" in caught.value.message
    assert not (tmp_path / "uit.docx").exists()


def _twice(path: Path) -> Path:
    """The house style with its award marker paragraph twice (as a copy-paste leaves it)."""
    template = make_template(path)
    doc = docx.Document(str(template))
    doc.add_paragraph("{{gunningscriteria}}")
    doc.save(str(template))
    return template


def test_a_block_marker_used_twice_is_named_and_refused_for_a_final_document(tmp_path, fake_lib, tender):
    """A marker twice put the award chapter, weights and price rule twice in a final leidraad, without a line."""
    template = _twice(tmp_path / "dubbel.docx")
    assert any("{{gunningscriteria}} staat 2 keer" in p for p in marker_problems(docx.Document(str(template))))
    with pytest.raises(TemplateError, match=r"\{\{gunningscriteria\}\} staat 2 keer in de sjabloon") as caught:
        export_tender(tender, fake_lib, tmp_path / "uit.docx", template, today=TODAY)
    assert "2 times" in caught.value.message_en and not (tmp_path / "uit.docx").exists()


def test_a_concept_puts_a_twice_used_chapter_at_the_first_marker_with_a_line(tmp_path, fake_lib, tender):
    notes: list[str] = []
    out = export_tender(tender, fake_lib, tmp_path / "uit.docx", _twice(tmp_path / "dubbel.docx"), today=TODAY,
                        concept=True, notes=notes)
    found = texts(out)
    assert sum(AWARD_TITLE in t for t in found) == 1
    award = next(i for i, t in enumerate(found) if AWARD_TITLE in t)
    assert found.index("Gunning") < award < found.index("Contract")
    assert not any("{{gunningscriteria}}" in t for t in found)
    assert any("{{gunningscriteria}} staat 2 keer" in n and "eerste" in n for n in notes)


def test_a_concept_appends_the_chapter_with_a_clear_note(tmp_path, fake_lib, tender):
    notes: list[str] = []
    out = export_tender(tender, fake_lib, tmp_path / "uit.docx", make_template(tmp_path / "s.docx", None),
                        today=TODAY, concept=True, notes=notes)
    found = texts(out)
    note = next(i for i, t in enumerate(found) if t.startswith("Let op") and "{{gunningscriteria}}" in t)
    award = next(i for i, t in enumerate(found) if AWARD_TITLE in t)
    assert found.index("Slottekst van de organisatie.") < note < found.index("Gunningscriteria") < award
    assert any("Gunningscriteria" in n and "achteraan" in n for n in notes)


@pytest.mark.parametrize("hidden", ["\u200b", "\u00ad", "\ufeff"], ids=["zero-width-space", "soft-hyphen", "bom"])
def test_an_invisible_character_beside_the_marker_still_places_the_chapter(tmp_path, fake_lib, tender, hidden):
    template = make_template(tmp_path / "s.docx", award_paragraph="{{gunningscriteria}}" + hidden)
    out = export_tender(tender, fake_lib, tmp_path / "uit.docx", template, today=TODAY)
    found = texts(out)
    award = next(i for i, t in enumerate(found) if AWARD_TITLE in t)
    assert found.index("Gunning") < award < found.index("Contract")
    assert not any("{{gunningscriteria}}" in t for t in found)


def test_hidden_text_beside_the_marker_still_places_the_chapter(tmp_path, fake_lib, tender):
    template = make_template(tmp_path / "s.docx", hidden_run="x")
    doc = docx.Document(str(template))
    assert "gunningscriteria" in [name for _, name in block_markers(doc)] and not marker_problems(doc)
    out = export_tender(tender, fake_lib, tmp_path / "uit.docx", template, today=TODAY)
    found = texts(out)
    assert found.index("Gunning") < next(i for i, t in enumerate(found) if AWARD_TITLE in t) < found.index("Contract")


def test_the_model_leidraad_reports_the_text_left_for_the_buyer():
    from tender_assistant.documents.default_template import MODEL_LEIDRAAD
    from tender_assistant.documents.markers import buyer_text_problems

    found = [nl for nl, _ in buyer_text_problems(docx.Document(str(MODEL_LEIDRAAD)))]
    assert len(found) == 2 and "\"[zaaknummer]\"" in found[0] and "[Vervang deze alinea" in found[1]


def test_template_paragraphs_contradicting_the_generated_leidraad_are_reported(tmp_path, fake_lib, tender):
    from tender_assistant.documents.document_set import LEIDRAAD, set_plans
    from tender_assistant.documents.markers import contradiction_problems

    doc = docx.Document(str(make_template(tmp_path / "s.docx")))
    doc.add_paragraph("Inschrijvers leveren de Eigen Verklaring in.")
    doc.add_paragraph("De opdracht wordt gegund op de laagste prijs.")
    doc.add_paragraph("De inschrijving blijft 60 dagen geldig.")
    doc.add_paragraph("Planning", style="Heading 1")  # a topic the generated procedure chapter covers
    doc.add_paragraph("Wij publiceren in maart.")
    found = [nl for nl, _ in contradiction_problems(doc, set_plans(tender, fake_lib, today=TODAY)[LEIDRAAD])]
    assert len(found) == 4
    assert "Eigen Verklaring" in found[0] and "laagste prijs" in found[1]
    assert "60 dagen, de leidraad 90 dagen" in found[2] and "eigen hoofdstuk \"Planning\"" in found[3]


def test_a_template_that_agrees_with_the_leidraad_has_no_contradiction(tmp_path, fake_lib, tender):
    from tender_assistant.documents.document_set import LEIDRAAD, set_plans
    from tender_assistant.documents.markers import contradiction_problems

    doc = docx.Document(str(make_template(tmp_path / "s.docx")))
    doc.add_paragraph("De inschrijver vult het UEA in; de inschrijving blijft 90 dagen geldig.")
    assert contradiction_problems(doc, set_plans(tender, fake_lib, today=TODAY)[LEIDRAAD]) == []


def test_a_title_holding_a_marker_is_shown_as_typed_and_the_runs_keep_their_format(tmp_path, fake_lib, tender):
    """A title with '{{opdrachtgever}}' was expanded on the cover only (nowhere else) and the cover's runs were merged
    into one, losing the bold of 'Leidraad'."""
    doc = docx.Document()
    cover = doc.add_paragraph()
    cover.add_run("Leidraad ").bold = True
    cover.add_run("{{titel}}").italic = True
    for heading, marker in CHAPTERS:
        doc.add_paragraph(heading, style="Heading 1")
        doc.add_paragraph(f"{{{{{marker}}}}}")
    template = tmp_path / "huisstijl.docx"
    doc.save(str(template))
    tender.title = "Kleding voor {{opdrachtgever}}"
    out = export_tender(tender, fake_lib, tmp_path / "uit.docx", template, today=TODAY)
    first = docx.Document(str(out)).paragraphs[0]
    assert first.text == "Leidraad Kleding voor {{opdrachtgever}}"
    assert [(r.text, r.bold, r.italic) for r in first.runs] == [("Leidraad ", True, None),
                                                                 ("Kleding voor {{opdrachtgever}}", None, True)]


def test_rendering_into_a_template_leaves_the_plan_as_it_was(tmp_path, fake_lib, tender):
    """The set's three documents share blocks of one plan: writing one (a house style that numbers its own chapters
    clears our numbers) must not change what the next one writes."""
    import copy

    from tender_assistant.documents.document_set import LEIDRAAD, set_plans
    from tender_assistant.documents.export import render
    from tender_assistant.documents.house_style import load_template

    plan = set_plans(tender, fake_lib, today=TODAY, concept=True)[LEIDRAAD]
    before = copy.deepcopy(plan)
    render(plan, load_template(make_template(tmp_path / "s.docx")))
    assert plan == before


def filled_model(path: Path) -> Path:
    """The shipped model leidraad with the two places it leaves for the buyer filled in, as a buyer would."""
    import zipfile

    from tender_assistant.documents.default_template import MODEL_LEIDRAAD

    with zipfile.ZipFile(MODEL_LEIDRAAD) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"[zaaknummer]", b"Z-2027-017").replace(
        b"[Vervang deze alinea door de tekst van uw eigen beleid.]", b"Zaanstad koopt circulair in.")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def test_the_model_leidraad_makes_a_final_single_document_with_every_chapter(tmp_path, fake_lib, tender):
    """The house style the Handleiding recommends refused `export --out` (no {{verantwoording}}) and left an empty
    "Procedure en planning" heading (a single document has no such chapter)."""
    out = export_tender(tender, fake_lib, tmp_path / "uit.docx", filled_model(tmp_path / "model.docx"), today=TODAY)
    found = texts(out)
    for heading in ("Minimumeisen", "Gunning", "Contractbepalingen", "Bewijsmiddelen", "Verantwoording"):
        assert heading in found
    chapter = found.index("Gunning")  # the model's heading, then the award chapter (the contents list names it too)
    assert chapter < next(i for i, t in enumerate(found) if i > chapter and AWARD_TITLE in t) < found.index(
        "Contractbepalingen")
    sources = next(i for i, t in enumerate(found) if t.startswith("Herkomst van elk criterium"))
    assert found.index("Verantwoording") < sources < found.index("Door de opdrachtgever aan te leveren bijlagen")
    assert "Procedure en planning" not in found and not any("{{" in t for t in found)


def test_the_model_leidraad_makes_a_final_set_without_an_empty_verantwoording(tmp_path, fake_lib, tender):
    from tender_assistant.documents.document_set import LEIDRAAD, export_set

    out = tmp_path / "set"
    out.mkdir()
    export_set(tender, fake_lib, out, filled_model(tmp_path / "model.docx"), today=TODAY)
    found = texts(out / LEIDRAAD)
    assert "Verantwoording" not in found and not any("{{" in t for t in found)
    assert found.index("Procedure en planning") < found.index("Gunning") < found.index("Bewijsmiddelen")
