"""Checks on the document set as it would be exported: open gaps, and references that have nothing to point to.

A final set holds no `[in te vullen]`: each open gap is an error naming the document, the chapter and the field that
fills it, so `export` refuses it like any other error and `export --concept` keeps it highlighted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from criteria_library.infra.errors import UserError
from criteria_library.infra.text import parse_number
from criteria_library.models import PLACEHOLDER_RE, Criterion, Kind, Status

from .clauses import clause_text, fill_clause, missing_marker, placeholder_label, resolve
from .library import Library
from .tender import TENDER_WIDE_PLACEHOLDERS, Tender

# Tender-wide facts the documents use besides the criteria's placeholders (procedure chapter, planning, contact).
DOCUMENT_FACTS = ("contactpersoon", "platform", "klachtenmeldpunt", "functionele_specificatie")
MAX_CONTEXT = 90
# A text that relies on a penalty the contract must define ("de boete uit de overeenkomst", "maatregelen uit de
# overeenkomst"), and a contract clause that defines one for what the contractor offered ("verbeurt ... een boete van").
PENALTY_REFERENCE_RE = re.compile(r"boete|maatregelen uit de overeenkomst", re.IGNORECASE)
PENALTY_DEFINITION_RE = re.compile(r"verbeurt|boete van", re.IGNORECASE)
OFFERED_RE = re.compile(r"aangebod|aanbied", re.IGNORECASE)  # characters of the sentence around a gap shown in a message


# A requirement's minimum warranty ("een garantie van ten minste 5 jaar", "fabrieksgarantie van ten minste 8 jaar"), and
# the words by which one requirement says it replaces another's for some items ("in plaats van de garantietermijn ...")
WARRANTY_MINIMUM_RE = re.compile(r"garantie(?:termijn)? van ten minste (\d+) jaar", re.IGNORECASE)
PRECEDENCE_RE = re.compile(r"\bin plaats van\b", re.IGNORECASE)


class Report(Protocol):
    """Where the findings go (checks._Findings)."""

    def error(self, code: str, nl: str, en: str, where: str = "") -> None: ...

    def advice(self, code: str, nl: str, en: str, where: str = "") -> None: ...


def check_documents(tender: Tender, library: Library, criteria: list[Criterion], reported: Iterable[str],
                    f: Report, single: bool = False) -> None:
    """An error for every open gap of the set (single: of the one document); fields that already have an error
    (reported) are not said twice."""
    from .documents.document_set import set_plans  # the documents build on the checks: imported when used
    from .documents.gaps import open_gaps
    from .documents.plan import build_plan

    already = set(reported) | _reported_placeholders(tender, criteria)
    fields = _placeholder_fields(tender, criteria)
    try:
        plans = ({"aanbestedingsdocument": build_plan(tender, library, concept=True)} if single
                 else set_plans(tender, library, concept=True))
    except UserError:
        return  # the documents cannot be built yet (a price band without its percentage): the checks say why
    for gap in open_gaps(plans):
        where = gap.field or fields.get(gap.context, "")
        if where in already or gap.context in already:
            continue
        chapter = f", {gap.chapter}" if gap.chapter else ""
        context = _short(gap.context)
        how_nl = "" if where else "; vul de tekst aan in de aanbesteding"
        how_en = "" if where else "; complete the text in the tender"
        f.error("document-gap", f"{gap.document}{chapter}: nog in te vullen: \"{context}\"{how_nl} (een definitief "
                "document heeft geen open plekken)", f"{gap.document}{chapter}: still to be filled in: "
                f"\"{context}\"{how_en} (a final document has no open gaps)", where)


def penalty_clause(tender: Tender, criteria: Iterable[Criterion]) -> Criterion | None:
    """The chosen contract clause that sets a penalty for falling short of what was offered, if any."""
    for c in criteria:
        if c.kind == Kind.CONTRACT and _defines_penalty(clause_text(tender, c), c.title):
            return c
    return None


def _defines_penalty(clause: str, title: str) -> bool:
    return bool(PENALTY_DEFINITION_RE.search(clause)) and bool(OFFERED_RE.search(f"{title} {clause}"))


def check_references(tender: Tender, library: Library, criteria: list[Criterion], f: Report) -> None:
    """Errors for references with nothing to point to: a boete no chosen clause defines, a companion not chosen."""
    chosen = {c.id: c for c in criteria}
    penalty = penalty_clause(tender, criteria)
    missing = {cid for c in criteria for cid in c.companion_ids() if cid not in chosen}
    # a required Borging clause of another package is met by the Borging clause the tender has (a lot taking another
    # package's award criterion keeps its own package's clause): one sanction clause, not two that overlap
    stood_in = {cid for cid, o in library.criteria_by_ids(missing).items()
                if o.kind == Kind.CONTRACT and _defines_penalty(o.clause, o.title)} if penalty is not None else set()
    for c in criteria:
        for cid in c.companion_ids():
            if cid not in chosen and cid not in stood_in:
                f.error("companion-missing", f"{c.id} verwijst naar {cid}, dat niet in de aanbesteding staat; kies "
                        f"{cid} erbij of laat {c.id} weg", f"{c.id} refers to {cid}, which is not in the tender; "
                        f"add {cid} or leave {c.id} out", f"criteria[{c.id}]")
        _check_floor(tender, c, chosen, f)
    _check_warranty_minimums(tender, criteria, f)
    if penalty is not None:
        return
    referring = [c.id for c in criteria if any(PENALTY_REFERENCE_RE.search(t or "") for t in
                                               (clause_text(tender, c), c.verification, c.scoring_text))]
    if not referring:
        return
    offer = _package_penalty_clauses(tender, library)
    hint_nl = f"kies {' of '.join(offer)}" if offer else "neem een eigen boetebepaling op"
    hint_en = f"choose {' or '.join(offer)}" if offer else "add a penalty clause of your own"
    names = ", ".join(referring)
    f.error("penalty-missing", f"{names} {'verwijst' if len(referring) == 1 else 'verwijzen'} naar een boete of naar "
            "maatregelen uit de overeenkomst, maar geen gekozen contractbepaling regelt die (bedrag per eenheid "
            f"tekort, maximum, na ingebrekestelling): {hint_nl}", f"{names} {'refers' if len(referring) == 1 else 'refer'}"
            " to a penalty or to measures in the contract, but no chosen contract clause sets one (amount per unit "
            f"short, a cap, after notice of default): {hint_en}", "criteria")


def _check_warranty_minimums(tender: Tender, criteria: list[Criterion], f: Report) -> None:
    """Advice when two requirements of one lot each set a different minimum warranty and neither says which one
    holds for an item both cover (found: 5 years for all furniture beside 3 years for refurbished furniture, so which
    one binds the supplier of a refurbished chair?)."""
    minimums: dict[str, tuple[int, bool]] = {}
    for c in criteria:
        if c.kind != Kind.REQUIREMENT:
            continue
        clause = fill_clause(tender, c, clause_text(tender, c)).text
        if found := WARRANTY_MINIMUM_RE.search(clause):
            minimums[c.id] = (int(found.group(1)), bool(PRECEDENCE_RE.search(clause)))
    groups = [(f"lots[{lot.id}]", set(lot.criterion_ids())) for lot in tender.lots] or [("criteria", set(minimums))]
    for where, ids in groups:
        both = [cid for cid in minimums if cid in ids]
        if len({minimums[cid][0] for cid in both}) < 2 or any(minimums[cid][1] for cid in both):
            continue
        names, names_en = (", ".join(both[:-1]) + f" {word} " + both[-1] for word in ("en", "and"))
        years, years_en = (f" {word} ".join(str(minimums[cid][0]) for cid in both) for word in ("en", "and"))
        f.advice("warranty-minimums", f"{names} stellen elk een andere minimale garantie ({years} jaar) en geen ervan "
                 "zegt welke geldt voor een product waarop meer dan één past; zeg in de bijzondere eis dat zij voor "
                 "die producten \"in plaats van\" de andere geldt, of laat er één weg",
                 f"{names_en} each set a different minimum warranty ({years_en} years) and none says which holds "
                 "for a product more than one covers; say in the specific requirement that it holds for those products "
                 "\"in plaats van\" (instead of) the other, or leave one out", where)


def _check_floor(tender: Tender, c: Criterion, chosen: dict[str, Criterion], f: Report) -> None:
    """An error when an award criterion states its own value for the placeholder its floor mirrors and that value
    differs from the companion requirement's ("langer dan de minimumeis van 5 jaar" beside a PvE of 6)."""
    link = c.floor_from
    if link is None or link.criterion == c.id or link.criterion not in chosen:
        return
    entry = tender.entry(c.id)
    own = entry.values.get(link.placeholder, "").strip() if entry is not None else ""
    companion = chosen[link.criterion]
    theirs, _ = resolve(link.placeholder, tender, companion)
    if own and theirs is not None and _number(own) != _number(theirs):
        label = placeholder_label(link.placeholder, [companion, c])
        f.error("floor-differs", f"{c.id}: \"{label}\" is {own}, maar de minimumeis {companion.id} stelt {theirs}; "
                f"de ondergrens volgt de minimumeis: maak de waarden gelijk (of wis die van {c.id})",
                f"{c.id}: \"{label}\" is {own}, but the minimum requirement {companion.id} sets {theirs}; the floor "
                f"follows the requirement: make them equal (or clear the one of {c.id})",
                f"criteria[{c.id}].values.{link.placeholder}")


def _number(value: str) -> float | str:
    number = parse_number(value)
    return number if number is not None else value.strip()


def _package_penalty_clauses(tender: Tender, library: Library) -> list[str]:
    """The package's published contract clauses that set a penalty for what was offered."""
    if not tender.package:
        return []
    return [c.id for c in library.criteria(package=tender.package, kind=Kind.CONTRACT.value, include_retired=False)
            if c.status == Status.PUBLISHED and _defines_penalty(c.clause, c.title)]


def _reported_placeholders(tender: Tender, criteria: list[Criterion]) -> set[str]:
    """The gaps of clause placeholders, which the criterion checks report already (placeholder-missing)."""
    return {missing_marker(placeholder_label(name, [c])) for c in criteria for name in fill_clause(tender, c).missing}


def _placeholder_fields(tender: Tender, criteria: list[Criterion]) -> dict[str, str]:
    """A criterion text's gap ('[Garantietermijn: in te vullen]') -> the value that fills it."""
    out: dict[str, str] = {}
    for c in criteria:
        for txt in (clause_text(tender, c), c.verification, c.scoring_text):
            for m in PLACEHOLDER_RE.finditer(txt or ""):
                name = m.group(1)
                where = f"values.{name}" if name in TENDER_WIDE_PLACEHOLDERS else f"criteria[{c.id}].values.{name}"
                out.setdefault(missing_marker(placeholder_label(name, [c])), where)
    return out


def _short(s: str) -> str:
    s = " ".join(s.split())
    return s if len(s) <= MAX_CONTEXT else s[: MAX_CONTEXT - 1].rstrip() + "…"
