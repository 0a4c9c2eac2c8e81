"""The export of one tender document: the plan rendered into the house style and written atomically.

The steps have their own modules: house_style (the template document), markers (where the tender goes in it),
renderer (plan blocks as Word paragraphs and tables).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from docx.document import Document

from criteria_library.infra.output_paths import Input, refuse_onto_inputs

from ..errors import TenderError
from ..library import Library
from ..output import write_output
from ..tender import Tender
from .house_style import (
    ensure_page_numbers,
    inherit_headers,
    load_template,
    mark_concept,
    mark_contents_for_update,
    set_properties,
)
from .markers import block_markers, fill_body, fill_markers
from .plan import DocumentPlan, build_plan
from .renderer import Progress, safe_plan
from .template_fit import refuse_unfit


def render(plan: DocumentPlan, template: Document, progress: Progress | None = None,
           notes: list[str] | None = None) -> Document:
    """Write the plan into the template (which is changed and returned): house style kept, sample text removed.

    progress(done, total) is called per block; an exception raised from it stops the export. A chapter the template's
    block markers have no place for is a TemplateError for a final document; a concept has it at the end, and notes
    receives a line for it.
    """
    doc = template
    plan = safe_plan(plan)
    markers = block_markers(doc)
    if markers:
        fill_markers(doc, plan, markers, progress, notes)
    else:
        inherit_headers(doc.element.body)  # before the sample text takes its section breaks along
        fill_body(doc, plan, progress)
    if plan.concept:
        mark_concept(doc)
    ensure_page_numbers(doc)
    mark_contents_for_update(doc)
    set_properties(doc, plan.title, plan.organisation, "Aanbestedingsdocument circulair inkopen")
    return doc


LABELS_EN = {"de sjabloon": "the template", "de contractsjabloon": "the contract template",
             "het aanbestedingsbestand": "the tender file"}


def refuse_overwriting_input(out: Path, inputs: dict[str, Path | str | None], more: Iterable[Input] = ()) -> None:
    """TenderError when the output file is, or links to, one of the inputs (named by their Dutch label) or of
    `more` (the library, the register), or lands among the files the app ships (its templates and data, also in the
    window): the house style, the tender, the library or the app itself would be changed."""
    from ..output import shipped_app_inputs

    named = [(path, nl, LABELS_EN.get(nl, nl)) for nl, path in inputs.items()]
    refuse_onto_inputs(out, [*named, *more, *shipped_app_inputs()], error=TenderError)


def export_tender(tender: Tender, library: Library, out: Path | str, template: Path | str | None = None,
                  today: date | None = None, concept: bool = False, progress: Progress | None = None,
                  notes: list[str] | None = None) -> Path:
    """Build, render and atomically write the tender document; nothing is written when anything fails.

    progress(done, total) reports rendering; raising from it (e.g. pack_reading.Cancelled) cancels with no file written.
    notes receives what was dropped from the template (external links, macros) and the chapters a concept has at
    the end because the template has no place for them.
    """
    out = Path(out)
    if out.suffix.lower() != ".docx":
        raise TenderError(f"Het uitvoerbestand moet eindigen op .docx, niet {out.name}.",
                          en=f"The output file must end in .docx, not {out.name}.")
    if not out.parent.exists() and str(out.parent):
        raise TenderError(f"De map {out.parent} bestaat niet.", en=f"The folder {out.parent} does not exist.")
    refuse_overwriting_input(out, {"de sjabloon": template})
    doc = load_template(template, notes)
    if template is not None:
        refuse_unfit(doc, tender, Path(template).name, ["aanbestedingsleidraad"], concept, notes)
    # A template with block markers numbers its own chapters: criteria are numbered by kind (GC1), not as 4.1.
    numbering = "kind" if block_markers(doc) else "chapter"
    plan = build_plan(tender, library, today=today, concept=concept, numbering=numbering)
    render(plan, doc, progress, notes)
    buf = io.BytesIO()
    doc.save(buf)
    write_output(out, buf.getvalue())
    if progress:
        progress(1, 1)
    return out
