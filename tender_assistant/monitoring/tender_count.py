"""'Telt dit als circulair?': the counting rule applied to a tender being drafted (wizard badge, tender check)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from criteria_library.models import LEVEL_LABELS, Criterion, Level

from .. import thresholds
from ..tender import Tender
from .importer import applied_from_library
from .records import EQUAL_SHARE, STATED_SHARE, ContractRecord
from .rule import CountingRule, evaluate, in_scope, smallest_change


@dataclass
class TenderCount:
    """Whether a tender would count as circular, at which level, why, and the smallest change if it does not."""

    counts: bool
    in_scope: bool
    level: int | None
    because: list[str]  # ids of the qualifying criteria
    why_not: list[tuple[str, str]]  # (Dutch, English) per criterion that does not qualify
    change: tuple[str, str] | None  # (Dutch, English) smallest change that makes it count
    lots: list[tuple[str, TenderCount]] = field(default_factory=list)  # per lot (lot id, count) of a tender with lots
    chosen_level: int | None = None  # the ambition level the buyer chose for the tender

    def summary(self, lang: str = "nl") -> str:
        """One line for a badge or a check finding; per lot for a tender with lots."""
        en = lang == "en"
        if self.lots:
            return "; ".join(f"{'lot' if en else 'perceel'} {lot_id}: {count.summary(lang)}"
                             for lot_id, count in self.lots)
        if not self.in_scope:
            return ("falls outside the count (package excluded by the regisseur)" if en
                    else "valt buiten de telling (pakket uitgesloten door de regisseur)")
        if self.counts:
            ids = ", ".join(self.because)
            if self.level and self.chosen_level and self.chosen_level != self.level:
                # the criteria's level beside the buyer's own choice, so the two never seem to contradict
                return (f"counts as circular through {ids}; your choice: {_level_words(self.chosen_level, en)}, "
                        f"the chosen criteria reach {_level_words(self.level, en)}" if en
                        else f"telt als circulair door {ids}; uw keuze: {_level_words(self.chosen_level, en)}, "
                        f"de gekozen criteria reiken tot {_level_words(self.level, en)}")
            level = f" ({_level_words(self.level, en, colon=True)})" if self.level else ""
            return f"counts as circular{level} through {ids}" if en else f"telt als circulair{level} door {ids}"
        reasons = "; ".join(en_ if en else nl for nl, en_ in self.why_not[:3])
        change = self.change[1 if en else 0] if self.change else ""
        if en:
            return "does not count as circular" + (f": {reasons}" if reasons else "") + \
                (f". Smallest change: {change}" if change else "")
        return "telt niet als circulair" + (f": {reasons}" if reasons else "") + \
            (f". Kleinste wijziging: {change}" if change else "")


def _level_words(level: int, en: bool, colon: bool = False) -> str:
    """'niveau 3: koploper' (colon) or 'niveau 3 (koploper)'; English 'level 3 ...'."""
    label = LEVEL_LABELS[Level(level)][1 if en else 0].lower()
    word = "level" if en else "niveau"
    return f"{word} {level}: {label}" if colon else f"{word} {level} ({label})"


def record_from_tender(tender: Tender, criteria: list[Criterion]) -> ContractRecord:
    """The contract record a tender would become (value and award date are confirmed later)."""
    applied = []
    for c in criteria:
        entry = tender.entry(c.id)
        weight = float(entry.weight) if entry is not None and entry.weight is not None and c.carries_weight else None
        applied.append(applied_from_library(c, weight))
    return ContractRecord(organisation=tender.organisation, title=tender.title, package=tender.package,
                          cpv=list(tender.cpv), procedure=tender.procedure, value_eur=tender.estimated_value_eur or 0.0,
                          physical=True, criteria=applied, source="app")


def participant_fractions(tender: Tender) -> list[tuple[str, float, str]]:
    """(name, fraction of the whole, basis) per contracting authority: a joint tender's participants (their shares
    from Tender.participant_shares: a stated estimated value, else an equal part of the rest), else the organisation
    alone. Without a total value to divide, every participant gets an equal fraction."""
    if not tender.participants:
        return [(tender.organisation.strip(), 1.0, "")]
    total = tender.total_value_eur()
    shares = tender.participant_shares()
    if not total or any(amount is None for _, amount, _ in shares):
        return [(p.name, 1 / len(shares), EQUAL_SHARE) for p, _, _ in shares]
    return [(p.name, (amount or 0.0) / total, EQUAL_SHARE if assumed else STATED_SHARE)
            for p, amount, assumed in shares]


def records_from_tender(tender: Tender, criteria: list[Criterion]) -> list[ContractRecord]:
    """The register records a tender becomes: one per lot and per contracting authority, each with its own value
    (its share of the lot) and the lot's own criteria and weights, so one lot may count while another does not."""
    fractions = participant_fractions(tender)
    joint = len(fractions) > 1
    names = [name for name, _, _ in fractions] if joint else []
    records = []
    for lot in tender.effective_lots():
        view = tender.for_lot(lot.id)
        chosen = {c.id for c in view.criteria}
        base = record_from_tender(view, [c for c in criteria if c.id in chosen])
        if tender.lots and lot.cpv:
            # the counting rule takes physical goods and works: a lot for services only (cleaning and repair beside
            # a clothing lot) is no such contract; a tender without lots keeps its package's judgement
            base.physical = thresholds.contract_nature(None, list(lot.cpv)) != "services"
        lot_value = lot.estimated_value_eur if tender.lots else tender.estimated_value_eur
        for name, fraction, basis in fractions:
            records.append(replace(
                base, organisation=name, title=f"{tender.title}: {lot.title}" if tender.lots else tender.title,
                cpv=list(lot.cpv or tender.cpv), value_eur=round((lot_value or 0.0) * fraction, 2),
                lot_id=lot.id if tender.lots else "", criteria=[replace(c) for c in base.criteria],
                share=fraction if joint else None, share_basis=basis if joint else "", participants=list(names)))
    return records


def count_tender(tender: Tender, criteria: list[Criterion], rule: CountingRule | None = None) -> TenderCount:
    """Apply a counting rule (the organisation's, read from its register by the caller; else the region's defaults).

    A tender with lots is counted per lot, each with its own criteria and weights (the monitoring counts per lot):
    it counts when every lot counts, and the summary says per lot.
    """
    rule = rule or CountingRule()
    if tender.lots:
        per_lot = []
        for lot in tender.lots:
            view = tender.for_lot(lot.id)
            chosen = {c.id for c in view.criteria}
            per_lot.append((lot.id, _count_one(view, [c for c in criteria if c.id in chosen], rule)))
        counts = [c for _, c in per_lot]
        failing = [(lot_id, c) for lot_id, c in per_lot if not c.counts]
        levels = [c.level for c in counts if c.counts and c.level is not None]
        change = next(((f"perceel {lot_id}: {c.change[0]}", f"lot {lot_id}: {c.change[1]}")
                       for lot_id, c in failing if c.change), None)
        return TenderCount(counts=not failing, in_scope=all(c.in_scope for c in counts),
                           level=max(levels) if levels else None,
                           because=list(dict.fromkeys(i for c in counts for i in c.because)),
                           why_not=[(f"perceel {lot_id}: {nl}", f"lot {lot_id}: {en}") for lot_id, c in failing
                                    for nl, en in c.why_not], change=change, lots=per_lot,
                           chosen_level=tender.ambition_level)
    return _count_one(tender, criteria, rule)


def _count_one(tender: Tender, criteria: list[Criterion], rule: CountingRule) -> TenderCount:
    record = record_from_tender(tender, criteria)
    verdict = evaluate(record, rule)
    return TenderCount(counts=verdict.counts, in_scope=in_scope(record, rule), level=verdict.level,
                       because=[c.id for c in verdict.qualifying],
                       why_not=[(v.why, v.why_en) for v in verdict.criteria if not v.qualifies],
                       change=smallest_change(record, rule), chosen_level=tender.ambition_level)
