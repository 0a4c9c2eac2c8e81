"""Whether a house-style template made for another organisation or another document fits this tender's documents:
mail-merge fields left in it, an organisation that is not a party to the tender, and header or footer text naming
one document type in a set of three.

Found by the exploratory run: a Haarlem template with every block marker in place passed `tender check --template`
and a final `export --set` for the MRA tender (penvoerder Purmerend) with "Gemeente Haarlem" and a literal
"«Zaaknummer»" in every page header, and "Aanbestedingsleidraad Gemeente Haarlem" in the footers of the programma
van eisen and the contractbijlage. `tender check --template` reports these (merge fields as errors, like "[...]"
gaps; the others as advice); a final export refuses a template with merge fields, and says the others (and a
concept all of them) as notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from docx.document import Document
from docx.oxml.ns import qn

from ..errors import TemplateError
from ..tender import Tender
from .markers import ANY_MARKER_RE, header_footer_paragraphs, visible_text

MERGE_TEXT_RE = re.compile(r"«[^«»]{1,80}»")
MERGE_FIELD_RE = re.compile(r"\bMERGEFIELD\s+\"?([^\s\"\\]+)", re.IGNORECASE)
# "Gemeente Haarlem", "Provincie Noord-Holland", "Waterschap Amstel, Gooi en Vecht": the first word of the name is
# compared with the tender's parties.
ORGANISATION_RE = re.compile(r"\b(Gemeente|Provincie|Waterschap|Hoogheemraadschap|Omgevingsdienst|Veiligheidsregio)"
                             r"\s+((?:'s-)?[A-Z][\w'-]*)")
# The document types of a set and how a header or footer names them literally.
DOCUMENT_TYPES = {"aanbestedingsleidraad": re.compile(r"\b(?:aanbestedings)?leidraad\b", re.IGNORECASE),
                  "programma van eisen": re.compile(r"\bprogramma van eisen\b|\bPvE\b"),
                  "contractbijlage": re.compile(r"\bcontractbijlage\b", re.IGNORECASE)}


def _shown(text: str) -> str:
    return text if len(text) <= 70 else text[:69].rstrip() + "…"


def _paragraphs(doc: Document) -> list[tuple[Any, bool]]:
    """Every paragraph of the body and of the headers and footers, with whether it is in a header or footer."""
    return [*((p, False) for p in doc.element.body.iter(qn("w:p"))), *((p, True) for p in header_footer_paragraphs(doc))]


def merge_field_problems(doc: Document) -> list[tuple[str, str]]:
    """(Dutch, English) for each mail-merge field or «field» text in the body, headers and footers: the export fills
    only {{markers}}, so a merge field stands in the final document as it is."""
    found: list[tuple[str, str]] = []
    for p, in_margin in _paragraphs(doc):
        where_nl = "in een kop- of voettekst" if in_margin else "in de tekst"
        where_en = "in a header or footer" if in_margin else "in the text"
        codes = [el.get(qn("w:instr")) or "" for el in p.iter(qn("w:fldSimple"))]
        codes += [el.text or "" for el in p.iter(qn("w:instrText"))]
        names = [m.group(1) for code in codes for m in MERGE_FIELD_RE.finditer(code)]
        names += [m.group(0) for m in MERGE_TEXT_RE.finditer(visible_text(p))]
        for name in names:
            field = name if name.startswith("«") else f"«{name}»"
            found.append((f"de sjabloon bevat {where_nl} het samenvoegveld {field}, dat de export niet invult; "
                          "vervang het in de sjabloon door de tekst of door een {{markering}}, anders staat het zo "
                          "in het definitieve document",
                          f"the template holds the merge field {field} {where_en}, which the export does not fill; "
                          "replace it in the template with the text or a {{marker}}, otherwise it stands like this "
                          "in the final document"))
    return list(dict.fromkeys(found))


def organisation_problems(doc: Document, tender: Tender) -> list[tuple[str, str]]:
    """(Dutch, English) for each organisation the template names that is not a party to the tender."""
    parties = " ".join([tender.organisation, *tender.contracting_authorities()]).lower()
    found: list[tuple[str, str]] = []
    for p, _ in _paragraphs(doc):
        text = visible_text(p)
        for m in ORGANISATION_RE.finditer(ANY_MARKER_RE.sub("", text)):
            if m.group(2).lower() not in parties:
                named = m.group(0)
                found.append((f"de sjabloon noemt {named}, dat geen partij is bij deze aanbesteding: \"{_shown(text)}\"; "
                              "gebruik de huisstijl van de eigen organisatie, of {{opdrachtgever}} voor de naam",
                              f"the template names {named}, which is no party to this tender: \"{_shown(text)}\"; "
                              "use your own organisation's house style, or {{opdrachtgever}} for the name"))
    return list(dict.fromkeys(found))


def document_type_problems(doc: Document, documents: Iterable[str]) -> list[tuple[str, str]]:
    """(Dutch, English) for each header or footer that names a document type literally while the template also
    serves other documents (`documents`: the types it is used for), which would then carry that name."""
    used = list(documents)
    found: list[tuple[str, str]] = []
    for p in header_footer_paragraphs(doc):
        text = visible_text(p)
        for kind, pattern in DOCUMENT_TYPES.items():
            others = [d for d in used if d != kind]
            if pattern.search(ANY_MARKER_RE.sub("", text)) and others:
                found.append((f"een kop- of voettekst van de sjabloon noemt de {kind}: \"{_shown(text)}\"; die tekst "
                              f"komt ook op het {' en de '.join(others)}. Gebruik {{{{documenttype}}}}, dat elk "
                              "document zijn eigen naam geeft",
                              f"a header or footer of the template names the {kind}: \"{_shown(text)}\"; that text "
                              f"also lands on the {' and the '.join(others)}. Use {{{{documenttype}}}}, which gives "
                              "each document its own name"))
    return list(dict.fromkeys(found))


def fit_problems(doc: Document, tender: Tender, documents: Iterable[str] = ("aanbestedingsleidraad",)) -> \
        list[tuple[str, str]]:
    """Every way the template does not fit this tender's documents (those it is used for)."""
    return [*merge_field_problems(doc), *organisation_problems(doc, tender), *document_type_problems(doc, documents)]


def refuse_unfit(doc: Document, tender: Tender, name: str, documents: Iterable[str], concept: bool,
                 notes: list[str] | None) -> None:
    """A TemplateError for a final document with merge fields in its template (gaps, like "[...]"); a concept gets
    a note for each. A foreign organisation or a document type in a header or footer is a note in both: a name in a
    template may be meant (a regional house style), a merge field never is."""
    errors = merge_field_problems(doc)
    if errors and not concept:
        nl, en = errors[0]
        more = f" (en nog {len(errors) - 1})" if len(errors) > 1 else ""
        more_en = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise TemplateError(f"{name}: {nl}{more}; of maak een concept", en=f"{name}: {en}{more_en}; or make a draft")
    if notes is not None:
        said = [*errors, *organisation_problems(doc, tender), *document_type_problems(doc, documents)]
        notes.extend(dict.fromkeys(f"{name}: {nl}" for nl, _ in said if f"{name}: {nl}" not in notes))
