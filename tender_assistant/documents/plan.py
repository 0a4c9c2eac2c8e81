"""Tender -> DocumentPlan: the document's content and logical styles, before any python-docx is involved."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from criteria_library import cpv as cpv_mod
from criteria_library.errors import LibraryError
from criteria_library.infra.text import euro
from criteria_library.models import KIND_ORDER, Criterion, Kind, Level, r_strategy_label

from ..checks import procedure_inline, resolve_criteria
from ..clauses import FilledClause, Source, fill_clause, fill_text
from ..contract_term import tender_term, value_sentence
from ..errors import TenderError
from ..library import Library
from ..tender import PROCEDURES, Tender, parse_cpv
from . import sanctions

MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
             "november", "december"]


class Style(StrEnum):
    """Logical styles; the styles module maps them onto the template's real styles."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    HEADING_1 = "heading1"
    HEADING_2 = "heading2"
    TOC_HEADING = "toc_heading"
    BODY = "body"
    CLAUSE = "clause"
    NOTE = "note"
    TABLE = "table"


@dataclass
class Run:
    """A piece of text with simple emphasis; `gap` marks a placeholder still to be filled in, `field` the tender
    field that fills it (as `tender check` names it)."""

    text: str
    bold: bool = False
    italic: bool = False
    gap: bool = False
    field: str = ""  # for a gap: the tender file's field that fills it (e.g. "values.contactpersoon")


@dataclass
class Heading:
    """A numbered heading; the number is written as text unless the template's style numbers it."""

    text: str
    level: int
    number: str = ""


@dataclass
class Paragraph:
    """A paragraph of runs in a logical style."""

    runs: list[Run]
    style: Style = Style.BODY
    keep_with_next: bool = False


@dataclass
class Table:
    """A table with a header row; widths are relative (they are scaled to the page's text width)."""

    header: list[str]
    rows: list[list[str]]
    widths: list[float]
    bold_last_row: bool = False
    show_header: bool = True  # False: a key-value table whose first column is bold
    gap_fields: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) of a gap -> its field


@dataclass
class Toc:
    """A table-of-contents field (Word fills in page numbers when it updates fields)."""

    levels: int = 2


@dataclass
class PageBreak:
    """Start a new page."""


Block = Heading | Paragraph | Table | Toc | PageBreak


@dataclass
class DocumentPlan:
    """Everything the renderer writes: the cover (skipped when the template brings its own) and the body."""

    title: str
    organisation: str
    date_text: str
    cover: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # {{titel}} etc. in a template's cover/header
    concept: bool = False  # a draft: every page's header says so

    def headings(self) -> list[Heading]:
        """The headings in document order (for the cached table of contents)."""
        return [b for b in self.body if isinstance(b, Heading)]


def dutch_date(d: date) -> str:
    """25 november 2026."""
    return f"{d.day} {MONTHS_NL[d.month - 1]} {d.year}"


def text(s: str, style: Style = Style.BODY, **kw: bool) -> Paragraph:
    """A paragraph of plain text."""
    return Paragraph([Run(s)], style, **kw)


def labelled(label: str, value: str, style: Style = Style.NOTE) -> Paragraph:
    """'Label: value' with the label in bold."""
    return Paragraph([Run(f"{label}: ", bold=True), Run(value)], style)


def clause_runs(filled: FilledClause) -> list[Run]:
    """The filled clause as runs, gaps marked so the renderer can highlight them."""
    return [Run(s, gap=src is Source.MISSING) for s, src in filled.segments]


# Chapter for each kind: (number, title, intro when there are criteria, text when there are none).
CHAPTERS: dict[Kind, tuple[str, str, str]] = {
    Kind.SELECTION: ("Geschiktheidseisen",
                     "De inschrijver voldoet aan de volgende geschiktheidseisen. Een inschrijver die niet aan een "
                     "eis voldoet, wordt uitgesloten van verdere beoordeling.",
                     "Voor deze opdracht gelden geen aanvullende circulaire geschiktheidseisen."),
    Kind.REQUIREMENT: ("Programma van eisen",
                       "Elke inschrijving voldoet aan de volgende minimumeisen. Een inschrijving die niet aan een "
                       "minimumeis voldoet, is ongeldig.",
                       "Voor deze opdracht gelden geen aanvullende circulaire minimumeisen."),
    Kind.AWARD: ("Gunningscriteria",
                 "De opdracht wordt gegund aan de inschrijving met de beste prijs-kwaliteitverhouding (BPKV). "
                 "Prijs en kwaliteit wegen als volgt.",
                 "De opdracht wordt gegund op de laagste prijs; er zijn geen kwalitatieve gunningscriteria."),
    Kind.CONTRACT: ("Contractbepalingen",
                    "De volgende bepalingen worden opgenomen in de overeenkomst en gelden gedurende de hele looptijd.",
                    "Voor deze opdracht gelden geen aanvullende circulaire contractbepalingen."),
}

LEVEL_TEXT = {
    1: "basis: kernvereisten die eenvoudig zijn te controleren",
    2: "ambitieus: een bredere set eisen die meer vraagt van de markt",
    3: "koploper: nieuwe verdienmodellen zoals product-als-dienst, terugname en herfabricage",
}


def build_plan(tender: Tender, library: Library, today: date | None = None, concept: bool = False,
               numbering: str = "chapter") -> DocumentPlan:
    """The whole tender document as a plan: cover, contents, chapters per kind, weight table and annexes.

    numbering "chapter" numbers criteria after their chapter (2.1); "kind" by kind (GE1, ME1, GC1, CB1), for
    documents whose chapters the organisation's template or the document set numbers.
    """
    from . import award_text, lot_chapters, samples  # they build on this module, so they are imported here

    criteria, unknown = resolve_criteria(tender, library)
    if unknown:
        raise TenderError(f"de criteria {', '.join(unknown)} staan niet in de bibliotheek",
                          en=f"the criteria {', '.join(unknown)} are not in the library", where="criteria")
    criteria = lot_chapters.in_documents(tender, criteria)
    today = today or date.today()
    try:
        package_name = library.package(tender.package).name_nl if tender.package else ""
    except LibraryError:
        package_name = tender.package
    cpv_lines = tender_cpv_lines(tender)
    procedure = PROCEDURES[tender.procedure][0]
    plan = DocumentPlan(tender.title, tender.organisation, dutch_date(today), concept=concept)
    plan.fields = tender_facts(tender, plan.date_text, procedure, package_name, cpv_lines)

    # ---- cover
    plan.cover.append(text("", Style.BODY))  # a little room above the title
    plan.cover.append(text(tender.title, Style.TITLE))
    subtitle = "Aanbestedingsdocument met circulaire criteria"
    plan.cover.append(text(f"CONCEPT – {subtitle.lower()}, niet voor publicatie" if concept else subtitle,
                           Style.SUBTITLE))
    if tender.is_joint():
        lead = tender.penvoerder()
        facts = [["Opdrachtgevers", "\n".join(tender.contracting_authorities())],
                 ["Penvoerder", lead.name if lead else "–"]]
    else:
        facts = [["Opdrachtgever", tender.organisation or "–"]]
    facts += [["Datum", plan.date_text], ["Procedure", procedure]]
    if package_name:
        facts.append(["Inkooppakket", package_name])
    facts.append(["Ambitieniveau", f"{tender.ambition_level} – {Level(tender.ambition_level).label_nl}"])
    facts.append(["CPV-codes", "\n".join(cpv_lines) or "–"])
    plan.cover.append(Table(["Gegeven", "Waarde"], facts, [1, 3], show_header=False))
    plan.cover.append(PageBreak())

    body = plan.body
    body.append(text("Inhoudsopgave", Style.TOC_HEADING))
    body.append(Toc(levels=2))
    body.append(PageBreak())

    # ---- 1 Inleiding
    by_kind: dict[Kind, list[Criterion]] = {k: [] for k in KIND_ORDER}
    for c in criteria:
        by_kind[c.kind].append(c)
    body.append(Heading("Inleiding", 1, "1"))
    body.append(Heading("Omschrijving van de opdracht", 2, "1.1"))
    for part in [p.strip() for p in tender.description.split("\n\n") if p.strip()] or ["(Geen omschrijving.)"]:
        body.append(text(part))
    body.append(Heading("Omvang en looptijd", 2, "1.2"))
    lead = tender.penvoerder() if tender.is_joint() else None
    if lead is not None:
        scope = (f"{capitalise(lead.name)} besteedt deze opdracht als penvoerder aan namens de deelnemers (zie "
                 f"{lot_chapters.JOINT_HEADING}) via een {procedure_inline(procedure)}.")
    else:
        scope = (f"{capitalise(tender.organisation.strip() or 'de opdrachtgever')} besteedt deze opdracht aan via een "
                 f"{procedure_inline(procedure)}.")
    if package_name:
        scope += f" De opdracht valt onder het inkooppakket {package_name}."
    body.append(text(scope))
    if tender.contract_term_months:
        body.append(text(f"{capitalise(lot_chapters.agreement(tender))} heeft een looptijd van {tender_term(tender)}."))
    if concluded := lot_chapters.agreements_concluded(tender):
        body.append(text(concluded))
    if tender.contract_term_months and (note := lot_chapters.term_and_volume_note(tender)):
        body.append(text(note))
    if tender.framework_agreement and tender.maximum_value_eur is not None:
        several = lot_chapters.several_agreements(tender)
        body.append(text(f"{'De overeenkomsten zijn raamovereenkomsten' if several else 'De overeenkomst is een raamovereenkomst'}"
                         f" met een maximale waarde van {euro(tender.maximum_value_eur)} exclusief btw"
                         f"{lot_chapters.framework_scope(tender)}; daarboven wordt niets afgenomen."))
    if value := value_sentence(tender):
        body.append(text(value))
    if cpv_lines:
        body.append(text("CPV-codes: " + "; ".join(cpv_lines) + "."))
    section = 3
    for extra in (lot_chapters.joint_blocks, lot_chapters.lots_blocks):
        blocks = extra(tender, f"1.{section}")
        body.extend(blocks)
        section += bool(blocks)
    body.append(Heading("Circulaire ambitie", 2, f"1.{section}"))
    chooser = "De deelnemers kiezen" if tender.is_joint() else "De opdrachtgever kiest"
    body.append(text(f"{chooser} voor ambitieniveau {tender.ambition_level}, "
                     f"{LEVEL_TEXT[tender.ambition_level]}. De aanbesteding bevat "
                     + and_list([count(len(by_kind[k]), *KIND_NOUNS[k]) for k in KIND_ORDER]) + "."))

    # ---- chapters per kind
    numbers: dict[str, str] = {}
    evidence_ref = "bijlage A" if numbering == "chapter" else "Bewijsmiddelen"
    for chapter_no, kind in enumerate(KIND_ORDER, start=2):
        title, intro, none_text = CHAPTERS[kind]
        items = by_kind[kind]
        body.append(Heading(title, 1, str(chapter_no)))
        chapter_start = len(body)
        if kind == Kind.AWARD and tender.lots:
            body.append(text(LOTS_AWARD_INTRO if items else none_text))
            if items:
                body.extend(lot_chapters.lots_award_intro_blocks(tender))
        elif kind == Kind.AWARD:
            body.extend(award_text.award_intro(tender, items, chapter_no, intro if items else none_text))
        elif kind == Kind.CONTRACT and tender.is_joint():
            body.append(text(intro.replace("in de overeenkomst", "in elke overeenkomst") if items else none_text))
        else:
            body.append(text(intro if items else none_text))
        for i, c in enumerate(items, start=1):
            number = f"{KIND_CODES[kind]}{i}" if numbering == "kind" else f"{chapter_no}.{i}"
            numbers[c.id] = number
            entry = tender.entry(c.id)
            heading = c.title
            if (kind == Kind.AWARD and entry is not None and entry.weight is not None and c.carries_weight
                    and not tender.lots):
                heading += f" ({entry.weight}%)"
            body.append(Heading(heading, 2, number))
            filled = fill_clause(tender, c)
            body.append(Paragraph(clause_runs(filled), Style.CLAUSE))
            if kind == Kind.CONTRACT and sanctions.uses_year_value(filled.text):
                body.append(labelled(sanctions.YEAR_VALUE_LABEL, sanctions.year_value_definition(tender)))
            if kind == Kind.AWARD:  # with lots, each lot states its own weights
                body.extend(award_text.criterion_scoring(lot_chapters.without_weights(tender) if tender.lots
                                                         else tender, c))
            if (lots_line := lot_chapters.applies_to(tender, c.id, kind == Kind.AWARD and c.carries_weight)):
                body.append(lots_line)
            body.append(labelled("Bewijsmiddel", f"zie {evidence_ref}, {number}"))
        if kind == Kind.AWARD and tender.lots:
            body.extend(lot_chapters.lot_award_blocks(tender, items, numbers, chapter_no, numbering))
        elif kind == Kind.AWARD:
            body.extend(award_text.worked_example(tender, items, chapter_no))
        if numbering == "kind":
            _kind_numbers(body[chapter_start:], chapter_no, len(items), KIND_CODES[kind])

    # ---- annexes
    body.append(PageBreak())
    body.append(Heading("Bewijsmiddelen", 1, "Bijlage A"))
    body.append(text("Per criterium: wat de inschrijver indient of de opdrachtnemer aanlevert, en wanneer."))
    evidence = [[numbers[c.id], c.title, fill_text(tender, c, c.verification) or "–"] for c in _in_order(by_kind)]
    body.append(Table(["Nr.", "Criterium", "Bewijsmiddel"], evidence, [0.7, 2.3, 4.0]))
    body.extend(samples.sample_note([row[0] for row in evidence if samples.asks_samples(row[2])],
                                    tender.values.get("termijn_bewijsstukken", "").strip() or samples.DEFAULT_TERM))
    body.append(PageBreak())
    body.append(Heading("Verantwoording", 1, "Bijlage B"))
    body.append(text("Herkomst van elk criterium in de criteriabibliotheek circulair inkopen: kenmerk, versie, "
                     "R-strategie (R-ladder) en bron."))
    sources = [[numbers[c.id], c.id, str(c.version), _r_label(c.r_strategy), c.source or "–"] for c in _in_order(by_kind)]
    body.append(Table(["Nr.", "Kenmerk", "Versie", "R-strategie", "Bron"], sources, [0.7, 1.3, 0.8, 1.6, 3.0]))
    annexes = buyer_annexes(tender, _in_order(by_kind), numbers)
    if annexes:
        body.append(PageBreak())
        body.append(Heading(BUYER_ANNEX_TITLE, 1, "Bijlage C"))
        body.append(text("Criteria in dit document verwijzen naar de volgende stukken. De opdrachtgever voegt ze toe "
                         "aan de aanbestedingsstukken; ze zijn niet door Tender Assistant gemaakt."))
        body.append(Table(["Stuk", "Wat het bevat", "Genoemd bij"], annexes, [1.3, 3.5, 1.4]))
    return plan


def _kind_numbers(blocks: list[Block], chapter_no: int, n: int, code: str) -> None:
    """References written as chapter numbers (4.2 in the weight table, 'paragraaf 4.4') as kind numbers (GC2)."""
    own = re.compile(rf"\b{chapter_no}\.(\d+)\b")

    def sub(s: str) -> str:
        s = re.sub(rf"\b[Pp]aragraaf {chapter_no}\.{n + 1} rekent een voorbeeld door", "Een rekenvoorbeeld aan het "
                   "eind van dit hoofdstuk laat zien hoe de beoordeling uitpakt", s)
        s = re.sub(rf"\b[Pp]aragraaf {chapter_no}\.{n + 1}\b", "het rekenvoorbeeld", s)
        return own.sub(lambda m: f"{code}{m.group(1)}" if int(m.group(1)) <= n else m.group(0), s)

    for b in blocks:
        if isinstance(b, Heading):
            b.number = "" if b.number == f"{chapter_no}.{n + 1}" else sub(b.number)
        elif isinstance(b, Paragraph):
            for r in b.runs:
                r.text = sub(r.text)
        elif isinstance(b, Table):
            b.rows = [[sub(v) for v in row] for row in b.rows]


LOTS_AWARD_INTRO = ("Elk perceel wordt gegund aan de inschrijving met de beste prijs-kwaliteitverhouding (BPKV) voor "
                    "dat perceel. De gunningscriteria staan hieronder eenmaal beschreven, met de percelen waarvoor "
                    "zij gelden; de weging, de prijsregel en een rekenvoorbeeld staan per perceel aan het eind van "
                    "dit hoofdstuk. De scoremethode, de afronding en de regel voor gelijke scores hieronder gelden "
                    "voor elk perceel.")
KIND_CODES = {Kind.SELECTION: "GE", Kind.REQUIREMENT: "ME", Kind.AWARD: "GC", Kind.CONTRACT: "CB"}
BUYER_ANNEX_TITLE = "Door de opdrachtgever aan te leveren bijlagen"
# Stukken that clauses refer to and only the buyer can supply (the app writes none of them).
BUYER_ANNEXES = {
    "artikellijst": ("Artikellijst", "de artikelen, maten en verwachte aantallen waarop wordt ingeschreven"),
    "inventarislijst": ("Inventarislijst", "de huidige inventaris met aantallen, staat en leeftijd"),
    "prijsformulier": ("Prijsformulier", "het formulier waarin de inschrijver zijn prijzen opgeeft"),
    "prijslijst": ("Prijslijst", "de prijzen per artikel of dienst waarop de inschrijver inschrijft"),
    "leverlijst": ("Leverlijst", "de te leveren producten per locatie en moment"),
}
ANNEX_RE = re.compile(r"\b(" + "|".join(BUYER_ANNEXES) + r")(?:en)?\b", re.IGNORECASE)
GUIDELINE = ("Richtlijnen van de opdrachtgever", "de eigen richtlijnen waarnaar criteria verwijzen (bijvoorbeeld voor "
             "bewegwijzering, openbare verlichting of inspectie)")
# "de richtlijnen voor bewegwijzering die <organisatie> hanteert": the buyer's own, not an EU directive
GUIDELINE_PATTERN = r"richtlijn(?:en)?\b[^.]{0,60}?\b(?:van|die)\s+(?:de opdrachtgever|ORG)"
# "de bijlage Uitzonderingen bij het programma van eisen": an annex a clause names, which only the buyer can write. A
# law's annex ("REACH bijlage XVII", "artikel 25 en bijlage V", "bijlage 1 van het RVV 1990") has no article before it.
NAMED_ANNEX_RE = re.compile(r"\bde bijlage ((?!(?:[IVXL]+)\b)[A-Z0-9][\w-]*(?: [A-Z][\w-]*)*)")
NAMED_ANNEXES = {
    "uitzonderingen": "de uitzonderingen op minimumeisen die de opdrachtgever toestaat (verbindingen, stoffen of "
                      "artikelen), aangevuld met wat de nota van inlichtingen eraan toevoegt",
}
NAMED_ANNEX_DEFAULT = "het stuk waarnaar de genoemde criteria verwijzen"


def named_annexes(text: str) -> list[str]:
    """The names of the annexes a (filled) criterion text refers to as "de bijlage <naam>", in order of mention."""
    return list(dict.fromkeys(m.group(1) for m in NAMED_ANNEX_RE.finditer(text)))


def buyer_annexes(tender: Tender, criteria: list[Criterion], numbers: dict[str, str]) -> list[list[str]]:
    """Rows (stuk, what it holds, criteria naming it) for every buyer-supplied annex a chosen criterion mentions."""
    named: dict[str, list[str]] = {}
    for c in criteria:
        texts = [fill_text(tender, c, t) for t in (c.clause, c.verification, c.scoring_text) if t]
        entry = tender.entry(c.id)
        if entry is not None and getattr(entry, "text", None):
            texts.append(str(entry.text))
        keys = [m.group(1).lower() for m in ANNEX_RE.finditer(" ".join(texts))]
        keys += [f"bijlage {name}" for name in named_annexes(" ".join(texts))]
        org = re.escape(tender.organisation.strip()) if tender.organisation.strip() else "de opdrachtgever"
        if re.search(GUIDELINE_PATTERN.replace("ORG", org), " ".join(texts), re.IGNORECASE):
            keys.append("richtlijn")
        for key in keys:
            refs = named.setdefault(key, [])
            if numbers[c.id] not in refs:
                refs.append(numbers[c.id])
    known = {**BUYER_ANNEXES, "richtlijn": GUIDELINE}
    return [[*known.get(k, (capitalise(k), NAMED_ANNEXES.get(k.removeprefix("bijlage ").lower(), NAMED_ANNEX_DEFAULT))),
             ", ".join(v)] for k, v in named.items()]


def tender_facts(tender: Tender, date_text: str, procedure: str, package_name: str,
                 cpv_lines: list[str]) -> dict[str, str]:
    """The values of the fact markers ({{titel}}, {{waarde}}, ...) a template may hold anywhere."""
    return {
        "titel": tender.title,
        "opdrachtgever": tender.organisation,  # the author's organisation (the penvoerder in a joint tender)
        "datum": date_text,
        "procedure": procedure,
        "waarde": f"{euro(total)} exclusief btw" if (total := tender.total_value_eur()) is not None else "",
        "looptijd": tender_term(tender),
        "cpv": "; ".join(cpv_lines),
        "inkooppakket": package_name,
        "ambitieniveau": f"{tender.ambition_level} – {Level(tender.ambition_level).label_nl}",
        "prijsweging": "; ".join(f"perceel {lot.id}: {lot.price_weight}%" for lot in tender.lots)
        if tender.lots else f"{tender.price_weight}%",
        "omschrijving": " ".join(tender.description.split()),
        "documenttype": "Aanbestedingsdocument",  # the set gives each of its documents its own
    }


def procedure_blocks(tender: Tender, procedure: str, samples: list[str] | None = None) -> list[Block]:
    """The leidraad's procedural core for the tender's procedure (documents/procedure_chapters.py); `samples`
    numbers the criteria with a monstertoets."""
    from .procedure_chapters import procedure_chapters  # it builds on this module's blocks

    return procedure_chapters(tender, samples or [])

def tender_cpv_lines(tender: Tender) -> list[str]:
    """The tender's CPV codes with every lot's own, once each; a code that only some lots use names them (found by
    the exploratory run: lot 2's 98310000-9 was missing from the cover and from leidraad 1.2)."""
    lots = tender.lots if len(tender.lots) > 1 else []
    codes = dict.fromkeys([*tender.cpv, *(code for lot in lots for code in lot.cpv)])
    lines = []
    for code in codes:
        users = [lot.id for lot in lots if code in (lot.cpv or tender.cpv)]
        some = f" ({and_list([f'perceel {i}' for i in users])})" if users and len(users) < len(lots) else ""
        lines.append(_cpv_line(code) + some)
    return lines


def _cpv_line(code: str) -> str:
    """'39130000-2 Kantoormeubilair'; a wrong code (only in a concept) as the buyer typed it, without a label."""
    try:
        full = parse_cpv(code)
    except TenderError:
        return code
    return f"{full} {cpv_mod.catalogue().label(full)}".strip()


def _in_order(by_kind: dict[Kind, list[Criterion]]) -> list[Criterion]:
    return [c for k in KIND_ORDER for c in by_kind[k]]


KIND_NOUNS: dict[Kind, tuple[str, str]] = {
    Kind.SELECTION: ("geschiktheidseis", "geschiktheidseisen"), Kind.REQUIREMENT: ("minimumeis", "minimumeisen"),
    Kind.AWARD: ("gunningscriterium", "gunningscriteria"), Kind.CONTRACT: ("contractbepaling", "contractbepalingen"),
}


def count(n: int, singular: str, plural: str) -> str:
    """'geen minimumeisen', '1 minimumeis', '4 gunningscriteria'."""
    if n == 0:
        return f"geen {plural}"
    return f"{n} {singular if n == 1 else plural}"


def and_list(items: list[str]) -> str:
    """'a, b en c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def capitalise(s: str) -> str:
    """The first letter as a capital, the rest as written ('gemeente Zaanstad' starts a sentence as 'Gemeente')."""
    return s[:1].upper() + s[1:]


def _r_label(code: str) -> str:
    return r_strategy_label(code) or "–"
