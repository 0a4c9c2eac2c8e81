"""Filling a clause's placeholders from the tender, its values and the criterion's defaults."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from criteria_library.infra.text import dutch_number, parse_number
from criteria_library.models import PLACEHOLDER_RE, Criterion, RelativeScoring

from .contract_term import tender_term
from .parties import joint_wording
from .tender import Tender

# In a joint tender every participant signs its own agreement: clauses name the defined term, never one authority.
JOINT_PARTY = "Opdrachtgever"
TERM_PLACEHOLDER = "looptijd_maanden"
TERM_UNIT = " maanden"


class Source(StrEnum):
    """Where a placeholder's value came from; defaults and gaps are shown to the buyer."""

    TENDER = "tender"  # organisation, contract term
    VALUE = "value"  # the tender's "values"
    DEFAULT = "default"  # the criterion's suggested default
    MISSING = "missing"  # nothing: the buyer must fill it in


@dataclass
class FilledClause:
    """A clause with its placeholders filled; segments keep where each value came from."""

    segments: list[tuple[str, Source | None]] = field(default_factory=list)  # None: literal clause text
    defaults: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The clause as plain text."""
        return "".join(s for s, _ in self.segments)


def placeholder_label(name: str, criteria: Iterable[Criterion] = ()) -> str:
    """A placeholder as a buyer reads it: the label a criterion gives it, else its name with spaces ("reparatie
    dagen"); never the {{name}} itself."""
    for c in criteria:
        meta = c.placeholder_meta.get(name)
        if meta is not None and meta.label.strip():
            return meta.label.strip()
    return name.replace("_", " ")


def missing_marker(label: str) -> str:
    """The visible gap left in a document for a placeholder without a value (its label, see placeholder_label)."""
    return f"[{label}: in te vullen]"


def clause_text(tender: Tender, criterion: Criterion) -> str:
    """The clause the tender uses: the buyer's edited text, else the library's."""
    entry = tender.entry(criterion.id)
    if entry is not None and entry.text is not None and entry.text.strip():
        return entry.text
    return criterion.clause


def tender_placeholder_values(tender: Tender) -> dict[str, str]:
    """Placeholder values from the tender's own fields, as clauses use them: a joint tender's party is the
    defined term "Opdrachtgever" (the participant that signs the agreement)."""
    own = tender.tender_values()
    if tender.is_joint():
        own["opdrachtgever"] = JOINT_PARTY
    return own


def resolve(name: str, tender: Tender, criterion: Criterion) -> tuple[str | None, Source]:
    """The value for one placeholder and where it came from; a placeholder the scoring's floor mirrors
    (floor_from) takes the companion requirement's value unless the criterion has its own."""
    own = tender_placeholder_values(tender)
    if name in own:
        return own[name], Source.TENDER
    value = tender.value_for(criterion.id, name)
    if value is not None and str(value).strip():
        return str(value), Source.VALUE
    link = criterion.floor_from
    if link is not None and link.placeholder == name and link.criterion != criterion.id:
        linked = tender.value_for(link.criterion, name)
        if linked is not None and linked.strip():
            return linked, Source.VALUE
    default = criterion.placeholders.get(name)
    if default is not None and str(default).strip():
        return str(default), Source.DEFAULT
    return None, Source.MISSING


def fill_clause(tender: Tender, criterion: Criterion, text: str | None = None) -> FilledClause:
    """Fill the placeholders in the tender's clause for this criterion (or in text, when given)."""
    text = joint_wording(tender, clause_text(tender, criterion) if text is None else text)
    result = FilledClause()
    pos = 0
    for match in PLACEHOLDER_RE.finditer(text):
        if match.start() > pos:
            result.segments.append((text[pos : match.start()], None))
        name = match.group(1)
        value, source = resolve(name, tender, criterion)
        end = match.end()
        if (name == TERM_PLACEHOLDER and source is Source.TENDER and tender.extension_options_months
                and text.startswith(TERM_UNIT, end)):
            # "{{looptijd_maanden}} maanden" with options: the term as every document states it
            end += len(TERM_UNIT)
            value = tender_term(tender) + ("," if re.match(r" \w", text[end:end + 2]) else "")
        if value is None:
            result.segments.append((missing_marker(placeholder_label(name, [criterion])), Source.MISSING))
            if name not in result.missing:
                result.missing.append(name)
        else:
            result.segments.append((_as_printed(value, criterion, name), source))
            if source is Source.DEFAULT:
                result.defaults[name] = value
        pos = end
    if pos < len(text):
        result.segments.append((text[pos:], None))
    return result


def _as_printed(value: str, criterion: Criterion, name: str) -> str:
    """A quantity typed as bare digits ("180000" euro) printed the Dutch way ("180.000"), as the documents print
    every other amount; only for placeholders with a unit, so codes and numbers without one stay as typed."""
    meta = criterion.placeholder_meta.get(name)
    if meta is not None and meta.unit and re.fullmatch(r"\d{5,15}", value.strip()):
        return dutch_number(int(value.strip()))
    return value


def fill_text(tender: Tender, criterion: Criterion, text: str) -> str:
    """Any text of a criterion (e.g. its verification) with placeholders filled."""
    return fill_clause(tender, criterion, text).text


def floor_value(tender: Tender, criterion: Criterion) -> str | None:
    """The value the tender gives the placeholder a scoring's floor mirrors (floor_from), or None when unset."""
    link = criterion.floor_from
    if link is None:
        return None
    value = tender.value_for(link.criterion, link.placeholder)
    return value.strip() if value is not None and value.strip() else None


def with_tender_floor(tender: Tender, criterion: Criterion) -> Criterion:
    """The criterion with a relative scoring's floor set to the value the tender gives its companion requirement
    (floor_from), so the leidraad, the eisenlijst and the simulator use the number the programma van eisen states."""
    s = criterion.scoring
    value = floor_value(tender, criterion)
    number = parse_number(value) if value is not None else None
    if not isinstance(s, RelativeScoring) or number is None or number == s.floor:
        return criterion
    return replace(criterion, scoring=replace(s, floor=number))
