"""Facts the buyer types once, filled into every document, and the gaps left where a fact is still missing.

A gap is a highlighted `[in te vullen]` (or a clause's `[label: in te vullen]`) in a document plan: a run marked
`gap`, or a table cell. `open_gaps` lists them per document and chapter, so `tender check` can name each one with
the field that fills it and a final export refuses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..tender import Tender
from .plan import Block, DocumentPlan, Heading, Paragraph, Run, Table

GAP = "[in te vullen]"
GAP_RE = re.compile(r"\[[^\[\]]{0,120}in te vullen\]")
CONTEXT_BEFORE = 50  # characters before a bare gap that say what belongs there


@dataclass(frozen=True)
class OpenGap:
    """One place in the set still to be filled in: which document, which chapter, what fills it, and the text."""

    document: str
    chapter: str
    field: str  # the tender field that fills it ("values.contactpersoon", "submission_deadline"); "" when unknown
    context: str  # the sentence or table row the gap stands in


def fact(tender: Tender, name: str) -> str | None:
    """A tender-wide fact the buyer typed (contact person, platform, ...), or None."""
    value = tender.values.get(name, "")
    return value.strip() or None


def fact_run(tender: Tender, name: str) -> Run:
    """The fact as a run, else a highlighted gap naming the value that fills it."""
    value = fact(tender, name)
    return Run(value) if value is not None else Run(GAP, gap=True, field=f"values.{name}")


def open_gaps(plans: dict[str, DocumentPlan]) -> list[OpenGap]:
    """Every gap of the set's documents in document order; a field's gaps once per chapter."""
    found: dict[tuple[str, str, str], OpenGap] = {}
    for document, plan in plans.items():
        chapter = ""
        for b in [*plan.cover, *plan.body]:
            for name, context in _block_gaps(b):
                found.setdefault((document, chapter, name or context), OpenGap(document, chapter, name, context))
            if isinstance(b, Heading) and b.level == 1:
                chapter = f"{b.number} {b.text}".strip() if b.number.startswith("Bijlage") else b.text
    return list(found.values())


def _block_gaps(b: Block) -> list[tuple[str, str]]:
    """(field, context) of each gap in one block."""
    out: list[tuple[str, str]] = []
    if isinstance(b, Paragraph):
        before = ""
        for r in b.runs:
            if r.gap and GAP_RE.search(r.text):  # a bare gap is named by the words before it, a clause's by its label
                lead = re.sub(r"\s+", " ", before.lstrip())
                if len(lead) > CONTEXT_BEFORE:
                    lead = "…" + lead[-CONTEXT_BEFORE:].split(" ", 1)[-1]
                named = r.text.strip() == GAP or r.field  # a clause's gap is named by its own label
                out.append((r.field, f"{lead}{r.text.strip()}" if named and lead else r.text.strip()))
            elif not r.gap:
                out.extend(("", m.group(0)) for m in GAP_RE.finditer(r.text))
            before += r.text
    elif isinstance(b, Table):
        for i, row in enumerate(b.rows):
            for j, value in enumerate(row):
                where = b.gap_fields.get((i, j), "")
                if value.strip() == GAP:  # a cell of its own: the row's other cells say what belongs there
                    out.append((where, " – ".join(v for v in row if v.strip() != GAP) or value))
                else:
                    out.extend((where, m.group(0)) for m in GAP_RE.finditer(value))
    return out
