"""Drift: which tenders use a criterion that has a newer library version, or was retired; and bringing one up to date.

Updating keeps the buyer's own edits to the clause where they do not conflict with the library's change: a
three-way merge of the clause as chosen (base), as the buyer edited it (mine) and as the library has it now (theirs).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from criteria_library.field_names import label
from criteria_library.models import CONTENT_FIELDS, Criterion, Status
from criteria_library.store import LibraryStore

from .errors import TenderError
from .tender import Tender, TenderCriterion, load_tender

TENDER_SUFFIX = ".tender.json"


@dataclass
class DriftItem:
    """One criterion of a tender that is behind the library."""

    criterion_id: str
    title: str
    tender_version: int | None
    library_version: int
    retired: bool
    changed_fields: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """One Dutch line: what changed."""
        if self.retired:
            return f"{self.criterion_id} {self.title}: ingetrokken in de bibliotheek"
        fields = f" ({', '.join(label(f) for f in self.changed_fields)})" if self.changed_fields else ""
        return (f"{self.criterion_id} {self.title}: versie {self.tender_version or '?'} -> {self.library_version}"
                f"{fields}")


@dataclass
class TenderDrift:
    """A tender file and its criteria that are behind the library."""

    path: Path
    title: str
    items: list[DriftItem]


def _content_fields(old: Criterion, new: Criterion) -> list[str]:
    return [f for f in CONTENT_FIELDS if f != "status" and getattr(old, f) != getattr(new, f)]


def tender_drift(tender: Tender, store: LibraryStore) -> list[DriftItem]:
    """The tender's criteria that have a newer version in the library, or were retired there."""
    found = []
    current = store.criteria_by_ids(tc.id for tc in tender.criteria)
    for tc in tender.criteria:
        c = current.get(tc.id)
        if c is None:
            continue
        retired = c.status == Status.RETIRED
        newer = tc.version is not None and c.version > tc.version
        if not (retired or newer):
            continue
        changed: list[str] = []
        if newer:
            old = next((v.criterion for v in store.history(tc.id) if v.version == tc.version), None)
            changed = _content_fields(old, c) if old is not None else []
        found.append(DriftItem(tc.id, c.title, tc.version, c.version, retired, changed))
    return found


def tender_files(paths: list[Path]) -> list[Path]:
    """Tender files named, or found in the folders named (recursively), in order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(TENDER_SUFFIX)))
        elif path.is_file():
            files.append(path)
        else:
            raise TenderError(f"{path} bestaat niet.", en=f"{path} does not exist.")
    return files


def drift_report(paths: list[Path], store: LibraryStore) -> tuple[list[TenderDrift], list[tuple[Path, str]]]:
    """Drift per tender file (only tenders with drift), and the files that could not be read with why."""
    results, unreadable = [], []
    for path in tender_files(paths):
        try:
            tender = load_tender(path)
        except TenderError as exc:
            unreadable.append((path, str(exc)))
            continue
        items = tender_drift(tender, store)
        if items:
            results.append(TenderDrift(path, tender.title, items))
    return results, unreadable


# --------------------------------------------------------------- bringing up to date
_TOKEN = re.compile(r"\s+|[^\s]+")


def merge_clause(base: str, mine: str, theirs: str) -> tuple[str, bool]:
    """Three-way merge of a clause by words: (merged text, True when both changed the same place).

    On a conflict the buyer's text is kept (and the caller tells the buyer); elsewhere both changes are applied.
    """
    if mine == base:
        return theirs, False
    if theirs in (base, mine):
        return mine, False
    b, m, t = _TOKEN.findall(base), _TOKEN.findall(mine), _TOKEN.findall(theirs)
    mine_ops = _changes(b, m)
    their_ops = [op for op in _changes(b, t) if op not in mine_ops]  # the same change on both sides counts once
    for i1, i2, _ in mine_ops:
        for j1, j2, _ in their_ops:
            overlap = max(i1, j1) < min(i2, j2)
            touching_insert = (i1 == i2 or j1 == j2) and max(i1, j1) <= min(i2, j2)
            if overlap or touching_insert:
                return mine, True
    out: list[str] = []
    pos = 0
    for start, end, replacement in sorted(mine_ops + their_ops, key=lambda op: (op[0], op[1])):
        # non-overlapping by the check above, so each base range is replaced once
        out.extend(b[pos:start])
        out.extend(replacement)
        pos = end
    out.extend(b[pos:])
    return "".join(out), False


def _changes(base: list[str], other: list[str]) -> list[tuple[int, int, list[str]]]:
    matcher = difflib.SequenceMatcher(a=base, b=other, autojunk=False)
    return [(i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


@dataclass
class UpdateOutcome:
    """What bringing one tender criterion up to date did."""

    criterion: TenderCriterion
    kept_buyer_text: bool  # the buyer's edit conflicted with the library's change: their text was kept


def update_criterion(tc: TenderCriterion, store: LibraryStore) -> UpdateOutcome:
    """Bring one chosen criterion to the library's newest version, keeping the buyer's clause edits that fit."""
    current = store.criterion(tc.id)
    if tc.text is None:
        return UpdateOutcome(replace(tc, version=current.version), False)
    base = next((v.criterion.clause for v in store.history(tc.id) if v.version == tc.version), None)
    if base is None:
        return UpdateOutcome(tc, True)
    text, conflict = merge_clause(base, tc.text, current.clause)
    new_text = None if text == current.clause else text
    return UpdateOutcome(replace(tc, text=new_text, version=current.version), conflict)
