"""The counting rule: when a contract counts as circular, and how much of its value falls in a year.

Pure functions over the dataclasses in records.py; every number is a setting of CountingRule, and
CountingRule.describe() is printed on every report so a reader knows exactly what was counted.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from criteria_library.infra.text import dutch_number
from criteria_library.models import Kind, ScoringType

from .records import EQUAL_SHARE, AppliedCriterion, ContractRecord, organisation_key, organisation_name

CIRCULAR_RUNGS = tuple(f"R{i}" for i in range(10))
SUPPORTING = "ondersteunend"
R_GROUPS: dict[str, tuple[str, ...]] = {
    "R0-R2": ("R0", "R1", "R2"),
    "R3-R7": ("R3", "R4", "R5", "R6", "R7"),
    "R8-R9": ("R8", "R9"),
}
# Kinds that qualify without a weight: every offer must meet them, or the contract binds the supplier.
UNWEIGHTED_KINDS = (str(Kind.SELECTION), str(Kind.REQUIREMENT), str(Kind.CONTRACT))
FICTIVE_DISCOUNT = ScoringType.DISCOUNT.value
AWARD_YEAR = "award-year"
ANNUALISED = "annualised"
VALUE_METHODS = (AWARD_YEAR, ANNUALISED)


@dataclass(frozen=True)
class CountingRule:
    """The settings of the counting rule; the defaults are the region's agreement."""

    min_weight: float = 5.0  # an award criterion counts from this weight (percent) up
    value_method: str = AWARD_YEAR  # award-year: full value in the award year; annualised: spread over the term
    excluded_packages: tuple[str, ...] = ()  # packages the regisseur leaves out of scope
    count_fictive_discount: bool = True  # an award criterion of type fictieve_korting counts at any weight
    borderline_margin: float = 0.0  # flag records counting only through one award criterion within this of the line
    targets: tuple[tuple[int, float], ...] = ((2022, 0.10), (2025, 0.50), (2030, 1.00))

    def to_dict(self) -> dict[str, Any]:
        """The rule as JSON (printed in every report)."""
        d = asdict(self)
        d["excluded_packages"] = list(self.excluded_packages)
        d["targets"] = {str(y): v for y, v in self.targets}
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CountingRule:
        """A rule from its JSON form; missing keys take the defaults."""
        base = cls()
        targets = d.get("targets")
        return cls(
            min_weight=float(d.get("min_weight", base.min_weight)),
            value_method=str(d.get("value_method", base.value_method)),
            excluded_packages=tuple(d.get("excluded_packages", base.excluded_packages)),
            count_fictive_discount=bool(d.get("count_fictive_discount", base.count_fictive_discount)),
            borderline_margin=float(d.get("borderline_margin", base.borderline_margin)),
            targets=tuple(sorted((int(y), float(v)) for y, v in targets.items())) if targets else base.targets,
        )

    def describe(self, lang: str = "nl") -> list[str]:
        """The rule in words, one line per element, for the top of every report."""
        targets = ", ".join(f"{dutch_number(round(v * 100, 1)) if lang != 'en' else f'{round(v * 100, 1):g}'}% in {y}"
                            for y, v in self.targets)
        excluded = ", ".join(self.excluded_packages)
        if lang == "en":
            return [
                "In scope: contracts for physical goods or works (fysiek = ja)"
                + (f", except the packages {excluded}" if excluded else "") + ".",
                "A criterion qualifies when its R-strategy is a rung of the R-ladder (R0-R9, not 'supporting'), it "
                "is not market standard or legally required, and it is a selection criterion, minimum requirement "
                f"or contract clause, or an award criterion weighing at least {self.min_weight:g}%"
                + (" or scored as a fictive discount." if self.count_fictive_discount else "."),
                "A contract counts as circular with at least one qualifying criterion, or when the organisation's "
                "override (with a reason) says so; its level is the highest among its qualifying criteria.",
                "Value in a year: " + ("the full value in the award year." if self.value_method == AWARD_YEAR else
                                       "the value times the share of the contract's days that fall in the year."),
                f"Targets: {targets}; years in between are a linear trajectory, not an agreed target. The region "
                "adds euros; it never averages percentages.",
            ]
        return [
            "Binnen de telling: contracten voor fysieke producten of werken (fysiek = ja)"
            + (f", behalve de pakketten {excluded}" if excluded else "") + ".",
            "Een criterium telt als de R-strategie een trede van de R-ladder is (R0-R9, niet 'ondersteunend'), het "
            "geen marktstandaard of wettelijke eis is, en het een geschiktheidseis, minimumeis of contractbepaling "
            f"is, of een gunningscriterium met een weging van ten minste {dutch_number(self.min_weight, 6)}%"
            + (" of van het type fictieve korting." if self.count_fictive_discount else "."),
            "Een contract is circulair met ten minste één tellend criterium, of als het oordeel van de organisatie "
            "(met reden) dat zegt; het niveau is het hoogste ambitieniveau van de tellende criteria.",
            "Waarde in een jaar: " + ("de volledige waarde in het jaar van gunning." if self.value_method == AWARD_YEAR
                                      else "de waarde maal het deel van de contractdagen dat in het jaar valt."),
            f"Doelen: {targets}; jaren daartussen zijn een lineair traject, geen afgesproken doel. De regio telt "
            "euro's op; ze middelt nooit percentages.",
        ]


@dataclass
class CriterionVerdict:
    """Whether one applied criterion qualifies, and if not, why (Dutch and English)."""

    criterion: AppliedCriterion
    qualifies: bool
    why: str = ""
    why_en: str = ""


@dataclass
class Verdict:
    """Whether a record counts as circular, at which level, and why."""

    counts: bool
    level: int | None
    criteria: list[CriterionVerdict]
    overridden: bool = False  # the organisation's override decided, not the rule
    borderline: bool = False  # counts only through one award criterion at the min_weight line

    @property
    def qualifying(self) -> list[AppliedCriterion]:
        """The criteria that make the record count."""
        return [v.criterion for v in self.criteria if v.qualifies]


def judge_criterion(c: AppliedCriterion, rule: CountingRule) -> CriterionVerdict:
    """Apply the rule to one criterion."""
    def no(nl: str, en: str) -> CriterionVerdict:
        return CriterionVerdict(c, False, f"{c.id} {nl}", f"{c.id} {en}")

    if not c.known:
        return no("is onbekend in de bibliotheek", "is unknown in the library")
    if c.r_strategy not in CIRCULAR_RUNGS:
        if c.r_strategy == SUPPORTING:
            return no("ondersteunt circulariteit maar is geen trede van de R-ladder",
                      "supports circularity but is not a rung of the R-ladder")
        return no("heeft geen R-strategie", "has no R-strategy")
    if c.marktstandaard:
        return no("is marktstandaard of wettelijk verplicht", "is market standard or legally required")
    if c.kind in UNWEIGHTED_KINDS:
        return CriterionVerdict(c, True)
    if c.kind == str(Kind.AWARD):
        if rule.count_fictive_discount and c.scoring_type == FICTIVE_DISCOUNT:
            return CriterionVerdict(c, True)
        if c.weight is None:
            return no("heeft geen weging", "has no weight")
        if c.weight >= rule.min_weight:
            return CriterionVerdict(c, True)
        return no(f"weegt {c.weight:g}%, onder de grens van {rule.min_weight:g}%",
                  f"weighs {c.weight:g}%, below the line of {rule.min_weight:g}%")
    return no(f"heeft een onbekende soort ({c.kind})", f"has an unknown kind ({c.kind})")


def evaluate(record: ContractRecord, rule: CountingRule) -> Verdict:
    """Apply the rule to a record: counts or not, its level, each criterion's verdict."""
    verdicts = [judge_criterion(c, rule) for c in record.criteria]
    qualifying = [v.criterion for v in verdicts if v.qualifies]
    levels = [c.level for c in qualifying if c.level is not None]
    level = max(levels) if levels else None
    borderline = (len(qualifying) == 1 and qualifying[0].kind == str(Kind.AWARD)
                  and qualifying[0].scoring_type != FICTIVE_DISCOUNT and qualifying[0].weight is not None
                  and qualifying[0].weight <= rule.min_weight + rule.borderline_margin)
    if record.override is not None:
        return Verdict(record.override, level if record.override else None, verdicts, overridden=True)
    return Verdict(bool(qualifying), level, verdicts, borderline=borderline)


def smallest_change(record: ContractRecord, rule: CountingRule) -> tuple[str, str] | None:
    """(Dutch, English) advice on the smallest change that makes a record count; None when it counts already."""
    verdict = evaluate(record, rule)
    if verdict.counts:
        return None
    near = [c for c in record.criteria if c.known and c.kind == str(Kind.AWARD) and c.r_strategy in CIRCULAR_RUNGS
            and not c.marktstandaard]
    weighted = sorted((c for c in near if c.weight is not None), key=lambda c: rule.min_weight - (c.weight or 0))
    if weighted:
        c = weighted[0]
        return (f"verhoog de weging van {c.id} van {c.weight:g}% naar {rule.min_weight:g}%",
                f"raise the weight of {c.id} from {c.weight:g}% to {rule.min_weight:g}%")
    if near:
        return (f"geef {near[0].id} een weging van ten minste {rule.min_weight:g}%",
                f"give {near[0].id} a weight of at least {rule.min_weight:g}%")
    return ("voeg een circulaire minimumeis, geschiktheidseis of contractbepaling toe (R0-R9, geen marktstandaard)",
            "add a circular minimum requirement, selection criterion or contract clause (R0-R9, not market standard)")


def contract_days(record: ContractRecord) -> int | None:
    """Days of the contract, first and last day included; None when start or end is unknown or reversed."""
    if record.start_date is None or record.end_date is None or record.end_date < record.start_date:
        return None
    return (record.end_date - record.start_date).days + 1


def year_value(record: ContractRecord, year: int, method: str) -> float:
    """The part of the record's value that falls in a year under the rule's value method.

    Annualised without a known term falls back to the full value in the award year (and the report flags it).
    """
    if method == ANNUALISED:
        days = contract_days(record)
        if days is not None:
            assert record.start_date is not None and record.end_date is not None
            first = max(record.start_date, date(year, 1, 1))
            last = min(record.end_date, date(year, 12, 31))
            inside = (last - first).days + 1
            return record.value_eur * inside / days if inside > 0 else 0.0
    if record.award_date is not None and record.award_date.year == year:
        return record.value_eur
    return 0.0


def in_scope(record: ContractRecord, rule: CountingRule) -> bool:
    """Physical contracts whose package the regisseur has not excluded."""
    return record.physical and record.package not in rule.excluded_packages


def target_for(year: int, rule: CountingRule) -> tuple[float | None, str]:
    """The target share for a year and what it is: 'afgesproken' (agreed), 'traject' (interpolated) or ''."""
    points = sorted(rule.targets)
    if not points or year < points[0][0]:
        return None, ""
    for y, v in points:
        if y == year:
            return v, "afgesproken"
    if year > points[-1][0]:
        return points[-1][1], "traject"  # 'zo snel mogelijk daarna': the last target holds
    for (y0, v0), (y1, v1) in zip(points, points[1:], strict=False):
        if y0 < year < y1:
            return v0 + (v1 - v0) * (year - y0) / (y1 - y0), "traject"
    return None, ""


def r_group(code: str) -> str | None:
    """R0-R2, R3-R7 or R8-R9 for a rung; None otherwise."""
    return next((name for name, codes in R_GROUPS.items() if code in codes), None)


def eforms_values(record: ContractRecord, verdict: Verdict) -> dict[str, Any]:
    """What a buyer can fill in when publishing: BT-774 (green procurement) and BT-805 (GPP criteria source)."""
    sources = {code for c in (verdict.qualifying or record.criteria) for code in gpp_sources(c)}
    return {"BT-774": "circ-econ" if verdict.counts else None,
            "BT-805": gpp_code(sources)}


_EU_GPP = re.compile(r"\bgpp\b|green public procurement|groene overheidsopdrachten")
_NATIONAL_GPP = re.compile(r"\bmvi\b")  # PIANOo's MVI-criteria(tool): the Dutch national GPP criteria


# the library's source types (criteria_library SOURCE_TYPES) as eForms gpp-criteria codes
_GPP_CODES = {"eu-gpp": "eu", "nationaal": "national", "wet": "other", "norm": "other", "overig": "other"}


def gpp_sources(c: AppliedCriterion) -> set[str]:
    """The eForms gpp-criteria codes of a criterion (eu, national, other), from its structured source type."""
    return gpp_codes(c.source_type, c.source)


GPP_PRECEDENCE = ("eu", "national", "other")


def gpp_code(codes: set[str]) -> str:
    """The one BT-805 code of a lot (the field is not repeated): eu before national before other, none without
    criteria."""
    return next((code for code in GPP_PRECEDENCE if code in codes), "none")


def gpp_codes(source_type: list[str], source: str) -> set[str]:
    """The eForms gpp-criteria codes (BT-805) for a source type list; the source text only when there is no type
    (a criterion captured before criteria had one). The one mapping the register and the invulhulp use."""
    if source_type:
        return {_GPP_CODES.get(t, "other") for t in source_type}
    return {gpp_source(source)}


def gpp_source(source: str) -> str:
    """The gpp-criteria code read from a source text, for criteria captured before they had a source type: eu for
    a named EU GPP criteria set, national for PIANOo's MVI criteria, else other. Whole words only: 'Milieu',
    '(EU) 2023/1542' or a directive are no EU GPP criteria."""
    text = source.casefold()
    if _EU_GPP.search(text):
        return "eu"
    if _NATIONAL_GPP.search(text):
        return "national"
    return "other"


def record_flags(record: ContractRecord, verdict: Verdict, rule: CountingRule) -> list[str]:
    """Why a reader should look twice at a record: grens, criteria-onbekend, oordeel, looptijd-onbekend."""
    flags = []
    if verdict.borderline:
        flags.append("grens")
    if not record.criteria_known or any(not c.known for c in record.criteria):
        flags.append("criteria-onbekend")
    if verdict.overridden:
        flags.append("oordeel")
    if rule.value_method == ANNUALISED and contract_days(record) is None:
        flags.append("looptijd-onbekend")
    if record.declared_circular and not verdict.counts:
        flags.append("verklaard")
    if record.framework:
        flags.append("raamovereenkomst")
    if record.share is not None and record.share_basis == EQUAL_SHARE:
        flags.append("gelijk-deel")
    return flags


FLAG_LABELS: dict[str, tuple[str, str]] = {
    "grens": ("telt alleen door één gunningscriterium op de grens", "counts only through one award criterion at the line"),
    "criteria-onbekend": ("criteria onbekend", "criteria unknown"),
    "oordeel": ("oordeel van de organisatie", "organisation's override"),
    "looptijd-onbekend": ("looptijd onbekend: hele waarde in het gunningsjaar", "term unknown: full value in award year"),
    "verklaard": ("circulair verklaard in de aankondiging (BT-774), niet geverifieerd met criteria",
                  "declared circular in the notice (BT-774), not verified from criteria"),
    "raamovereenkomst": ("raamovereenkomst: geteld met de maximale of geraamde waarde",
                         "framework agreement: counted at its maximum or estimated value"),
    "gelijk-deel": ("gezamenlijke opdracht: gelijk deel per deelnemer aangenomen",
                    "joint contract: an equal share per participant assumed"),
}
# Where in-scope value stands: verified by the rule, only declared in a notice, known not to count, or unknown.
STANDINGS = ("verified", "declared", "not_counted", "unknown")


@dataclass
class Totals:
    """Euros and counts that add up across organisations (shares are computed from them, never averaged)."""

    in_scope_eur: float = 0.0
    circular_eur: float = 0.0
    known_eur: float = 0.0
    in_scope_count: int = 0
    circular_count: int = 0
    declared_eur: float = 0.0  # declared circular in a notice (BT-774) and not verified by the rule
    unknown_eur: float = 0.0  # neither verified nor declared, and which criteria went in is not known
    sources: dict[str, int] = field(default_factory=dict)  # in-scope records per source (aankondiging, import, ...)

    def add(self, other: Totals) -> None:
        """Add another organisation's totals (the region is the sum)."""
        self.in_scope_eur += other.in_scope_eur
        self.circular_eur += other.circular_eur
        self.known_eur += other.known_eur
        self.in_scope_count += other.in_scope_count
        self.circular_count += other.circular_count
        self.declared_eur += other.declared_eur
        self.unknown_eur += other.unknown_eur
        for source, n in other.sources.items():
            self.sources[source] = self.sources.get(source, 0) + n

    def figures(self, target: float | None) -> dict[str, Any]:
        """The report's figures: shares as fractions 0..1 (None when nothing is in scope)."""
        def share(a: float, b: float) -> float | None:
            return a / b if b else None

        return {
            "in_scope_eur": round(self.in_scope_eur, 2),
            "circular_eur": round(self.circular_eur, 2),
            "share_value": share(self.circular_eur, self.in_scope_eur),
            "share_count": share(self.circular_count, self.in_scope_count),
            "coverage": share(self.known_eur, self.in_scope_eur),
            "declared_eur": round(self.declared_eur, 2),
            "share_declared": share(self.declared_eur, self.in_scope_eur),
            "share_not_counted": share(self.in_scope_eur - self.circular_eur - self.declared_eur - self.unknown_eur,
                                       self.in_scope_eur),
            "share_unknown": share(self.unknown_eur, self.in_scope_eur),
            "sources": dict(sorted(self.sources.items())),
            "target": target,
            "gap_eur": round(target * self.in_scope_eur - self.circular_eur, 2) if target is not None else None,
        }


@dataclass
class RecordLine:
    """One in-scope record in a year's report."""

    record: ContractRecord
    value: float
    verdict: Verdict
    flags: list[str]
    eforms: dict[str, Any]


@dataclass
class MonitoringReport:
    """A year's figures per organisation and for the region, with breakdowns and the records behind them."""

    rule: CountingRule
    year: int
    target: float | None
    target_kind: str
    organisations: dict[str, Totals] = field(default_factory=dict)
    region: Totals = field(default_factory=Totals)
    lines: list[RecordLine] = field(default_factory=list)
    package_names: dict[str, str] = field(default_factory=dict)  # slug -> name, for readers; slugs when empty

    def to_json(self) -> dict[str, Any]:
        """The --json contract: rule, year, organisations, region."""
        rule = self.rule.to_dict()
        rule["target_kind"] = self.target_kind
        rule["description"] = self.rule.describe()
        return {
            "rule": rule,
            "year": self.year,
            "organisations": [{"organisation": name, **totals.figures(self.target)}
                              for name, totals in sorted(self.organisations.items(), key=lambda kv: kv[0].casefold())],
            "region": self.region.figures(self.target),
        }

    def breakdown(self, by: str) -> dict[str, tuple[float, float]]:
        """(in-scope EUR, circular EUR) per package, kind, level or r_group.

        For kind and R group a record is counted under each one its qualifying criteria have, so those rows can
        add up to more than the total; package and level rows add up.
        """
        result: dict[str, list[float]] = {}
        for line in self.lines:
            keys: list[str]
            if by == "package":
                slug = line.record.package
                keys = [self.package_names.get(slug, slug) or "(geen pakket)"]
            elif by == "level":
                keys = [str(line.verdict.level) if line.verdict.level else "-"]
            elif by == "kind":
                keys = sorted({c.kind for c in line.verdict.qualifying}) if line.verdict.counts else []
            elif by == "r_group":
                keys = sorted({g for c in line.verdict.qualifying if (g := r_group(c.r_strategy))})
            else:
                raise ValueError(by)
            for key in keys:
                slot = result.setdefault(key, [0.0, 0.0])
                slot[0] += line.value
                if line.verdict.counts:
                    slot[1] += line.value
        return {k: (v[0], v[1]) for k, v in sorted(result.items())}


def summarise(records: list[ContractRecord], rule: CountingRule, year: int,
              organisation: str | None = None) -> MonitoringReport:
    """The report for one year: every in-scope record judged, totals per organisation, the region as their sum."""
    target, kind = target_for(year, rule)
    report = MonitoringReport(rule, year, target, kind)
    wanted = organisation_key(organisation) if organisation else None
    names: dict[str, str] = {}  # one line per organisation as people read its name, shown as first met
    for r in records:
        if wanted is not None and organisation_key(r.organisation) != wanted:
            continue
        if not in_scope(r, rule):
            continue
        value = year_value(r, year, rule.value_method)
        if value <= 0:
            continue
        verdict = evaluate(r, rule)
        name = names.setdefault(organisation_key(r.organisation), organisation_name(r.organisation))
        totals = report.organisations.setdefault(name, Totals())
        totals.in_scope_eur += value
        totals.in_scope_count += 1
        totals.sources[r.source] = totals.sources.get(r.source, 0) + 1
        known = r.criteria_known and all(c.known for c in r.criteria)
        if known:
            totals.known_eur += value
        if verdict.counts:
            totals.circular_eur += value
            totals.circular_count += 1
        elif r.declared_circular:
            totals.declared_eur += value
        elif not known:
            totals.unknown_eur += value
        report.lines.append(RecordLine(r, value, verdict, record_flags(r, verdict, rule), eforms_values(r, verdict)))
    for totals in report.organisations.values():
        report.region.add(totals)
    return report


def share_series(records: list[ContractRecord], rule: CountingRule, years: list[int],
                 organisation: str | None = None) -> list[tuple[int, float | None, float | None]]:
    """(year, share_value, target) per year, for the chart of the share against the target line."""
    series = []
    for y in years:
        figures = summarise(records, rule, y, organisation).region.figures(None)
        series.append((y, figures["share_value"], target_for(y, rule)[0]))
    return series
