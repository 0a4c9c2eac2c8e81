"""Plain dataclasses for packages and criteria, and the fixed vocabularies they use."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any


class Kind(StrEnum):
    """Criterion kind, in the order in which a tender uses them."""

    SELECTION = "geschiktheidseis"
    REQUIREMENT = "minimumeis"
    AWARD = "gunningscriterium"
    CONTRACT = "contractbepaling"

    @property
    def letter(self) -> str:
        """The letter used in criterion ids (MEU-G-03)."""
        return KIND_LETTERS[self]

    @property
    def label_nl(self) -> str:
        return KIND_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return KIND_LABELS[self][1]


KIND_LETTERS: dict[Kind, str] = {
    Kind.SELECTION: "S",
    Kind.REQUIREMENT: "M",
    Kind.AWARD: "G",
    Kind.CONTRACT: "C",
}
KIND_LABELS: dict[Kind, tuple[str, str]] = {
    Kind.SELECTION: ("Geschiktheidseis", "Selection criterion"),
    Kind.REQUIREMENT: ("Minimumeis", "Minimum requirement"),
    Kind.AWARD: ("Gunningscriterium", "Award criterion"),
    Kind.CONTRACT: ("Contractbepaling", "Contract clause"),
}
KIND_ORDER: list[Kind] = [Kind.SELECTION, Kind.REQUIREMENT, Kind.AWARD, Kind.CONTRACT]


class Level(IntEnum):
    """Ambition level (ambitieniveau)."""

    BASIS = 1
    AMBITIEUS = 2
    KOPLOPER = 3

    @property
    def label_nl(self) -> str:
        return LEVEL_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return LEVEL_LABELS[self][1]


LEVEL_LABELS: dict[Level, tuple[str, str]] = {
    Level.BASIS: ("Basis", "Basic"),
    Level.AMBITIEUS: ("Ambitieus", "Ambitious"),
    Level.KOPLOPER: ("Koploper", "Front-runner"),
}


class Status(StrEnum):
    """Curation status: concept -> in_review -> gepubliceerd -> ingetrokken."""

    CONCEPT = "concept"
    IN_REVIEW = "in_review"
    PUBLISHED = "gepubliceerd"
    RETIRED = "ingetrokken"

    @property
    def label_nl(self) -> str:
        return STATUS_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return STATUS_LABELS[self][1]


STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.CONCEPT: ("Concept", "Draft"),
    Status.IN_REVIEW: ("In review", "In review"),
    Status.PUBLISHED: ("Gepubliceerd", "Published"),
    Status.RETIRED: ("Ingetrokken", "Retired"),
}

# The R-ladder, most to least circular: code -> (Dutch, English).
R_STRATEGIES: dict[str, tuple[str, str]] = {
    "R0": ("Weigeren", "Refuse"),
    "R1": ("Heroverwegen", "Rethink"),
    "R2": ("Verminderen", "Reduce"),
    "R3": ("Hergebruiken", "Re-use"),
    "R4": ("Repareren", "Repair"),
    "R5": ("Opknappen", "Refurbish"),
    "R6": ("Herfabriceren", "Remanufacture"),
    "R7": ("Herbestemmen", "Repurpose"),
    "R8": ("Recyclen", "Recycle"),
    "R9": ("Terugwinnen", "Recover energy"),
    # supports circularity without a rung of its own (management systems, reporting)
    "ondersteunend": ("Ondersteunend", "Supporting"),
}

def r_strategy_label(code: str, lang: str = "nl") -> str:
    """How an R-strategy reads for people: 'R3 Hergebruiken' for a rung, 'Ondersteunend' (no code) otherwise."""
    names = R_STRATEGIES.get(code)
    if names is None:
        return code
    name = names[1] if lang == "en" else names[0]
    return f"{code} {name}" if code.startswith("R") else name


# Where a criterion comes from, as eForms BT-805 and the monitoring read it (these names are a contract):
# code -> (Dutch, English)
SOURCE_TYPES: dict[str, tuple[str, str]] = {
    "eu-gpp": ("EU GPP-criteria", "EU GPP criteria"),
    "nationaal": ("Nationale MVI-criteria (PIANOo)", "National GPP criteria (PIANOo)"),
    "wet": ("Wet- en regelgeving", "Legislation"),
    "norm": ("Norm of keurmerk", "Standard or label"),
    "overig": ("Overig", "Other"),
}

PLACEHOLDER_RE = re.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")
# PACKAGE-KIND-NUMBER, optionally after an organisation code (ZAA-MEU-M-01: a criterion made by that organisation)
CRITERION_ID_RE = re.compile(r"^(?:[A-Z]{2,5}-)?[A-Z]{2,5}-[SMGC]-\d{2,4}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CPV_RE = re.compile(r"^\d{8}-\d$")
# what a user may type: eight digits, with or without the check digit (parse_cpv looks the code up)
CPV_TYPED_RE = re.compile(r"^(\d{8})(?:-(\d))?$")


def placeholders_in(text: str) -> list[str]:
    """Placeholder names in a clause, in order of first appearance, without duplicates."""
    seen: dict[str, None] = {}
    for match in PLACEHOLDER_RE.finditer(text):
        seen.setdefault(match.group(1), None)
    return list(seen)


@dataclass
class Package:
    """A procurement package (inkooppakket), e.g. bedrijfskleding."""

    slug: str
    name_nl: str
    name_en: str
    prefix: str = ""
    cpv: list[str] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)
    description: str = ""

    def name(self, lang: str = "nl") -> str:
        """The package name in the given language."""
        return self.name_en if lang == "en" else self.name_nl


class ScoringType(StrEnum):
    """How an award criterion turns an offer into a score."""

    POINTS = "punten"
    RELATIVE = "relatief"
    DISCOUNT = "fictieve_korting"


@dataclass(frozen=True)
class ScoreLevel:
    """One anchor of a points scale: the points and what an offer needs to earn them."""

    points: float
    description: str = ""


@dataclass(frozen=True)
class FloorFrom:
    """Where a scoring's floor comes from: a placeholder of a companion criterion (the minimum requirement it
    mirrors), or of the criterion itself ("een aanbod boven {{max}} is ongeldig"), so a tender keeps the two equal
    instead of printing a fixed number."""

    criterion: str
    placeholder: str

    def to_dict(self) -> dict[str, str]:
        """The pack form: {"criterion": ID, "placeholder": NAME}."""
        return {"criterion": self.criterion, "placeholder": self.placeholder}


@dataclass(frozen=True)
class PointsScoring:
    """The evaluation committee gives 0..scale_max points on an anchored scale.

    floor_from: the companion value the levels are measured against ("langer dan de minimumeis").
    """

    scale_max: float = 10
    levels: tuple[ScoreLevel, ...] = ()
    floor_from: FloorFrom | None = None
    type: ScoringType = field(default=ScoringType.POINTS, init=False)


@dataclass(frozen=True)
class RelativeScoring:
    """A measurable offer scored against the best offer: (offer - floor) / (best - floor), clipped to 0..1.

    floor_from names the companion placeholder the floor mirrors (the floor is then its default value);
    example_low and example_high are a plausible weaker and stronger offer for the worked example, numerically low
    and high (for "lager" the low one is the better offer).
    """

    direction: str = "hoger"  # "hoger": more is better; "lager": less is better (floor is the worst acceptable)
    floor: float = 0
    floor_from: FloorFrom | None = None
    example_low: float | None = None
    example_high: float | None = None
    type: ScoringType = field(default=ScoringType.RELATIVE, init=False)


@dataclass(frozen=True)
class DiscountScoring:
    """A fictieve korting: the offer lowers the evaluation price; carries no weight.

    Percentage form: each unit lowers the price by per_unit_pct %, at most cap_pct %. Euro form (how Rijkswaterstaat
    and PIANOo value an MKI): each unit takes per_unit_eur euro off, at most cap_eur. With a reference (the MKI
    plafond) the bid states its value and the units are reference - offer; an offer above the reference does not
    qualify. values_from names the criterion's own placeholders that give per_unit_eur, cap_eur or reference, so
    the buyer sets them. floor_from: the companion value the units are counted from ("per jaar boven de
    minimumeis"); example_low and example_high: plausible offers (units, or values under the reference), for the
    worked example.
    """

    per_unit_pct: float = 0
    cap_pct: float = 0
    unit: str = ""
    floor_from: FloorFrom | None = None
    example_low: float | None = None
    example_high: float | None = None
    per_unit_eur: float | None = None
    cap_eur: float | None = None
    reference: float | None = None
    values_from: tuple[tuple[str, str], ...] = ()  # (scoring field, own placeholder) pairs, in pack order
    type: ScoringType = field(default=ScoringType.DISCOUNT, init=False)

    @property
    def in_euros(self) -> bool:
        """True for the euro form (a euro factor per unit and a cap in euros)."""
        return self.per_unit_eur is not None

    def units(self, offer: float) -> float:
        """The units an offer earns a discount for: the offer itself, or how far it lies under the reference."""
        return max(self.reference - offer if self.reference is not None else offer, 0.0)

    def discount_pct(self, offer: float) -> float:
        """The percentage taken off the price for an offer (0 in the euro form), at most cap_pct."""
        return min(self.units(offer) * self.per_unit_pct, self.cap_pct) if not self.in_euros else 0.0

    def discount_eur(self, offer: float) -> float:
        """The euros taken off the price for an offer (0 in the percentage form), at most cap_eur."""
        if self.per_unit_eur is None:
            return 0.0
        amount = self.units(offer) * self.per_unit_eur
        return min(amount, self.cap_eur) if self.cap_eur is not None else amount


# Scoring fields of a fictieve korting a criterion's own placeholder may give (values_from)
DISCOUNT_VALUE_FIELDS = ("per_unit_pct", "cap_pct", "per_unit_eur", "cap_eur", "reference")


Scoring = PointsScoring | RelativeScoring | DiscountScoring
RELATIVE_DIRECTIONS = ("hoger", "lager")


def scoring_to_dict(s: Scoring | None) -> dict[str, Any] | None:
    """The pack (JSON) form of a scoring object."""
    if s is None:
        return None
    out: dict[str, Any]
    if isinstance(s, PointsScoring):
        out = {"type": s.type.value, "scale_max": _num(s.scale_max),
               "levels": [{"points": _num(lv.points), "description": lv.description} for lv in s.levels]}
    elif isinstance(s, RelativeScoring):
        out = {"type": s.type.value, "direction": s.direction, "floor": _num(s.floor)}
    elif s.in_euros:
        out = {"type": s.type.value, "per_unit_eur": _num(s.per_unit_eur or 0.0), "unit": s.unit}
        for key in ("cap_eur", "reference"):
            if getattr(s, key) is not None:
                out[key] = _num(getattr(s, key))
        if s.values_from:
            out["values_from"] = dict(s.values_from)
    else:
        out = {"type": s.type.value, "per_unit_pct": _num(s.per_unit_pct), "cap_pct": _num(s.cap_pct), "unit": s.unit}
        if s.values_from:
            out["values_from"] = dict(s.values_from)
    # only when set, so packs and stored scorings without them read (and compare) as before
    if s.floor_from is not None:
        out["floor_from"] = s.floor_from.to_dict()
    if not isinstance(s, PointsScoring):
        for key in ("example_low", "example_high"):
            if getattr(s, key) is not None:
                out[key] = _num(getattr(s, key))
    return out


def example_offers(s: Scoring) -> tuple[float, float] | None:
    """The plausible (low, high) offer a scoring states for the worked example, or None when it states none."""
    if isinstance(s, PointsScoring) or s.example_low is None or s.example_high is None:
        return None
    return s.example_low, s.example_high


def _num(value: float) -> float | int:
    """Whole numbers as int, so packs read 10 rather than 10.0."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


@dataclass(frozen=True)
class PlaceholderMeta:
    """What the wizard shows and checks for a placeholder; its default lives in Criterion.placeholders."""

    label: str = ""
    unit: str = ""
    min: float | None = None
    max: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Only the fields that are set."""
        out: dict[str, Any] = {}
        if self.label:
            out["label"] = self.label
        if self.unit:
            out["unit"] = self.unit
        if self.min is not None:
            out["min"] = _num(self.min)
        if self.max is not None:
            out["max"] = _num(self.max)
        return out


def placeholders_to_pack(defaults: dict[str, str], meta: dict[str, PlaceholderMeta]) -> dict[str, Any]:
    """Placeholders in pack form: a bare default, or an object with the default and its metadata."""
    out: dict[str, Any] = {}
    for name, default in defaults.items():
        extra = meta.get(name)
        out[name] = {"default": default, **extra.to_dict()} if extra and extra.to_dict() else default
    for name, extra in meta.items():  # metadata without a default (invalid, but never dropped silently)
        if name not in out and extra.to_dict():
            out[name] = extra.to_dict()
    return out


@dataclass
class Criterion:
    """One circular criterion with its example clause.

    kind, level and status are always a Kind, a Level and a Status: values from outside (a pack, a database row,
    the editor's form) are parsed first (validation.criterion_from_fields, rows.row_to_criterion), so code that
    reads a criterion never converts them again.
    """

    id: str
    package: str
    kind: Kind
    level: Level
    r_strategy: str
    title: str
    rationale: str
    clause: str
    verification: str
    source: str
    status: Status = Status.PUBLISHED
    version: int = 1
    placeholders: dict[str, str] = field(default_factory=dict)
    weight_min: int | None = None
    weight_max: int | None = None
    scoring: Scoring | None = None
    scoring_text: str = ""
    placeholder_meta: dict[str, PlaceholderMeta] = field(default_factory=dict)
    marktstandaard: bool = False
    # companion criteria a tender needs alongside this one (the contract clause a sanction points to, the minimum
    # requirement a floor mirrors), by id
    requires: list[str] = field(default_factory=list)
    source_type: list[str] = field(default_factory=list)  # SOURCE_TYPES codes, one or more
    created_at: str = ""
    updated_at: str = ""
    updated_by: str = ""

    @property
    def suggested_weight(self) -> int | None:
        """Middle of the suggested weight range, rounded down to a whole percent (award criteria only)."""
        if self.weight_min is None or self.weight_max is None:
            return None
        return (self.weight_min + self.weight_max) // 2

    @property
    def scoring_type(self) -> ScoringType | None:
        """The scoring type, None when the criterion has no structured scoring."""
        return self.scoring.type if self.scoring is not None else None

    @property
    def carries_weight(self) -> bool:
        """True for award criteria scored by points or relatively (a fictieve korting has no weight)."""
        return self.kind == Kind.AWARD and self.scoring_type != ScoringType.DISCOUNT

    def placeholder_names(self) -> list[str]:
        """Placeholders used in the clause, in order."""
        return placeholders_in(self.clause)

    @property
    def floor_from(self) -> FloorFrom | None:
        """The companion placeholder the scoring's floor mirrors, if any."""
        return self.scoring.floor_from if self.scoring is not None else None

    def companion_ids(self) -> list[str]:
        """Every criterion a tender needs with this one: `requires`, then the floor's companion (not the criterion
        itself, when the floor follows one of its own placeholders), without duplicates."""
        ids = list(dict.fromkeys(self.requires))
        if self.floor_from is not None and self.floor_from.criterion not in ids and self.floor_from.criterion != self.id:
            ids.append(self.floor_from.criterion)
        return ids


# Fields a regisseur edits; history diffs and pack diffs compare these.
CONTENT_FIELDS: tuple[str, ...] = (
    "package",
    "kind",
    "level",
    "r_strategy",
    "title",
    "rationale",
    "clause",
    "verification",
    "source",
    "status",
    "placeholders",
    "weight_min",
    "weight_max",
    "scoring",
    "scoring_text",
    "placeholder_meta",
    "marktstandaard",
    "requires",
    "source_type",
)


@dataclass(frozen=True)
class Person:
    """Who did something: the display name beside the account that proves it.

    account is 'login@machine' for a person at this computer, 'sleutel <fingerprint>' for a release's publisher, and
    '' for history written before accounts were recorded (then only the name is known)."""

    name: str
    account: str = ""

    @property
    def login(self) -> str:
        """The account without the machine, case-folded: one person whatever computer they use."""
        return self.account.split("@", 1)[0].casefold()

    def same_person(self, other: Person) -> bool:
        """True when both are the same account (a rename changes nothing); by name when an account is unknown."""
        if self.account and other.account:
            return self.login == other.login
        return bool(self.name) and self.name.strip().casefold() == other.name.strip().casefold()

    def label(self) -> str:
        """The name with the account in brackets, e.g. 'Anna Jansen (anna@pc-12)'."""
        return f"{self.name} ({self.account})" if self.account and self.account != self.name else self.name

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "account": self.account}


@dataclass
class CriterionVersion:
    """A stored earlier (or current) version of a criterion, with who changed it and what.

    author wrote the content of this version, submitter offered it for review, approver published it (each None
    where that step did not happen or was not recorded)."""

    criterion_id: str
    version: int
    criterion: Criterion
    changed_at: str
    changed_by: str
    changed_fields: list[str] = field(default_factory=list)
    note: str = ""
    account: str = ""
    author: Person | None = None
    submitter: Person | None = None
    approver: Person | None = None


@dataclass
class SearchHit:
    """A search result: the criterion and a relevance score (0-100, higher is better)."""

    criterion: Criterion
    score: float
