"""The rules every package and criterion must meet: the same for the editor, the store and pack import."""

from __future__ import annotations

import math
import re
from collections.abc import Set
from dataclasses import dataclass
from typing import Any

from .models import (
    CPV_RE,
    CRITERION_ID_RE,
    PLACEHOLDER_RE,
    R_STRATEGIES,
    RELATIVE_DIRECTIONS,
    SLUG_RE,
    Criterion,
    DiscountScoring,
    Kind,
    Package,
    PlaceholderMeta,
    PointsScoring,
    RelativeScoring,
    ScoreLevel,
    Scoring,
    ScoringType,
    Status,
    placeholders_in,
)

KIND_VALUES = [k.value for k in Kind]
STATUS_VALUES = [s.value for s in Status]
REQUIRED_TEXT = {
    "title": ("titel", "title"),
    "rationale": ("toelichting", "rationale"),
    "clause": ("voorbeeldtekst", "example clause"),
    "verification": ("bewijsmiddel", "verification"),
    "source": ("bron", "source"),
}
MAX_TITLE = 200
# Characters Word documents cannot hold (XML 1.0); newline and tab are fine.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TEXT_FIELDS = ("title", "rationale", "clause", "verification", "source", "scoring_text")
SCORING_TYPES = [t.value for t in ScoringType]
PLACEHOLDER_META_KEYS = ("default", "label", "unit", "min", "max")


@dataclass(frozen=True)
class Problem:
    """One validation problem: the field it concerns and what is wrong, in Dutch and English."""

    field: str
    nl: str
    en: str


def criterion_problems(c: Criterion, known_packages: set[str] | None = None) -> list[Problem]:
    """Every problem with a criterion; empty when it is valid."""
    problems: list[Problem] = []

    def add(field: str, nl: str, en: str) -> None:
        problems.append(Problem(field, nl, en))

    if not isinstance(c.id, str) or not CRITERION_ID_RE.match(c.id):
        add("id", f"ongeldige code '{c.id}' (verwacht zoals MEU-G-03)", f"invalid id '{c.id}' (expected like MEU-G-03)")
    if known_packages is not None and c.package not in known_packages:
        add("package", f"onbekend inkooppakket '{c.package}'", f"unknown procurement package '{c.package}'")
    if str(c.kind) not in KIND_VALUES:
        add("kind", f"ongeldige soort '{c.kind}' (kies uit {', '.join(KIND_VALUES)})",
            f"invalid kind '{c.kind}' (choose from {', '.join(KIND_VALUES)})")
    if isinstance(c.level, bool) or not isinstance(c.level, int) or c.level not in (1, 2, 3):
        add("level", f"ongeldig ambitieniveau '{c.level}' (1, 2 of 3)", f"invalid ambition level '{c.level}' (1, 2 or 3)")
    if c.r_strategy not in R_STRATEGIES:
        add("r_strategy", f"ongeldige R-strategie '{c.r_strategy}' (R0 t/m R9 of ondersteunend)",
            f"invalid R-strategy '{c.r_strategy}' (R0 to R9 or ondersteunend)")
    if not isinstance(c.marktstandaard, bool):
        add("marktstandaard", "marktstandaard moet true of false zijn", "marktstandaard must be true or false")
    for name, (label_nl, label_en) in REQUIRED_TEXT.items():
        value = getattr(c, name)
        if not isinstance(value, str) or not value.strip():
            add(name, f"{label_nl} ontbreekt", f"{label_en} is missing")
    if isinstance(c.title, str) and len(c.title) > MAX_TITLE:
        add("title", f"titel is te lang ({len(c.title)} tekens, hoogstens {MAX_TITLE})",
            f"title is too long ({len(c.title)} characters, at most {MAX_TITLE})")
    if str(c.status) not in STATUS_VALUES:
        add("status", f"ongeldige status '{c.status}' (kies uit {', '.join(STATUS_VALUES)})",
            f"invalid status '{c.status}' (choose from {', '.join(STATUS_VALUES)})")
    if isinstance(c.version, bool) or not isinstance(c.version, int) or c.version < 1:
        add("version", f"ongeldige versie '{c.version}' (een geheel getal vanaf 1)",
            f"invalid version '{c.version}' (a whole number from 1)")
    for name in TEXT_FIELDS:
        value = getattr(c, name)
        if isinstance(value, str) and CONTROL_RE.search(value):
            add(name, "bevat onzichtbare stuurtekens die niet in een Word-document passen",
                "contains invisible control characters that cannot go into a Word document")
    problems.extend(_placeholder_problems(c))
    problems.extend(_placeholder_meta_problems(c))
    problems.extend(_weight_problems(c))
    problems.extend(_scoring_problems(c))
    return problems


def criterion_warnings(c: Criterion) -> list[Problem]:
    """What a valid criterion still lacks (library check warns, import accepts): an award criterion's scoring type."""
    if str(c.kind) == Kind.AWARD.value and c.scoring is None:
        return [Problem("scoring", "gunningscriterium zonder beoordelingstype (punten, relatief of fictieve_korting)",
                        "award criterion without scoring type (punten, relatief or fictieve_korting)")]
    return []


def _placeholder_problems(c: Criterion) -> list[Problem]:
    if not isinstance(c.placeholders, dict):
        return [Problem("placeholders", "invulvelden moeten naam-waardeparen zijn", "placeholders must be name-value pairs")]
    problems = []
    used = placeholders_in(c.clause) if isinstance(c.clause, str) else []
    if isinstance(c.clause, str):
        opened, closed = c.clause.count("{{"), c.clause.count("}}")
        if opened != len(PLACEHOLDER_RE.findall(c.clause)) or closed != opened:
            problems.append(Problem("clause", "voorbeeldtekst heeft een onvolledig invulveld (schrijf {{naam}} met "
                                    "kleine letters, cijfers en _)", "example clause has an incomplete placeholder "
                                    "(write {{name}} with lowercase letters, digits and _)"))
    for name in used:
        default = c.placeholders.get(name)
        if not isinstance(default, str) or not default.strip():
            problems.append(Problem("placeholders", f"invulveld {{{{{name}}}}} heeft geen standaardwaarde",
                                    f"placeholder {{{{{name}}}}} has no default value"))
    for name in c.placeholders:
        if name not in used:
            problems.append(Problem("placeholders", f"invulveld '{name}' komt niet voor in de voorbeeldtekst",
                                    f"placeholder '{name}' does not occur in the example clause"))
    return problems


def _weight_problems(c: Criterion) -> list[Problem]:
    problems = []
    is_award = str(c.kind) == Kind.AWARD.value
    discount = isinstance(c.scoring, DiscountScoring)
    for name in ("weight_min", "weight_max"):
        value = getattr(c, name)
        if value is not None and is_award and discount:
            problems.append(Problem(name, "een fictieve korting heeft geen gewicht (laat weight_min en weight_max leeg)",
                                    "a notional discount carries no weight (leave weight_min and weight_max empty)"))
        elif value is None:
            if is_award and not discount:
                problems.append(Problem(name, "gunningscriterium zonder gewichtsbereik (weight_min en weight_max)",
                                        "award criterion without a weight range (weight_min and weight_max)"))
                break
        elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            problems.append(Problem(name, f"gewicht '{value}' moet een geheel getal van 0 tot 100 zijn",
                                    f"weight '{value}' must be a whole number from 0 to 100"))
        elif not is_award:
            problems.append(Problem(name, "alleen gunningscriteria hebben een gewicht",
                                    "only award criteria have a weight"))
    if (is_award and isinstance(c.weight_min, int) and isinstance(c.weight_max, int)
            and c.weight_min > c.weight_max):
        problems.append(Problem("weight_min", "minimumgewicht is groter dan maximumgewicht",
                                "minimum weight is larger than maximum weight"))
    if is_award and c.scoring is None and not (isinstance(c.scoring_text, str) and c.scoring_text.strip()):
        problems.append(Problem("scoring", "gunningscriterium zonder beoordelingswijze",
                                "award criterion without a scoring method"))
    return problems


def _scoring_problems(c: Criterion) -> list[Problem]:
    """A structured scoring only on award criteria, with sensible numbers."""
    s = c.scoring
    if s is None:
        return []
    if str(c.kind) != Kind.AWARD.value:
        return [Problem("scoring", "alleen gunningscriteria hebben een beoordelingswijze",
                        "only award criteria have a scoring method")]
    problems = []
    if isinstance(s, PointsScoring):
        if not _finite(s.scale_max) or s.scale_max <= 0:
            problems.append(Problem("scoring.scale_max", "de puntenschaal moet groter dan 0 zijn",
                                    "the points scale must be larger than 0"))
        for i, level in enumerate(s.levels):
            if not _finite(level.points) or not 0 <= level.points <= (s.scale_max if _finite(s.scale_max) else 0):
                problems.append(Problem(f"scoring.levels[{i}].points",
                                        f"punten '{level.points}' liggen niet tussen 0 en {s.scale_max}",
                                        f"points '{level.points}' are not between 0 and {s.scale_max}"))
            if CONTROL_RE.search(level.description):
                problems.append(Problem(f"scoring.levels[{i}].description", "bevat onzichtbare stuurtekens",
                                        "contains invisible control characters"))
    elif isinstance(s, RelativeScoring):
        if s.direction not in RELATIVE_DIRECTIONS:
            problems.append(Problem("scoring.direction", f"richting '{s.direction}' moet 'hoger' of 'lager' zijn",
                                    f"direction '{s.direction}' must be 'hoger' or 'lager'"))
        if not _finite(s.floor):
            problems.append(Problem("scoring.floor", "de ondergrens moet een getal zijn", "the floor must be a number"))
    elif isinstance(s, DiscountScoring):
        if not _finite(s.per_unit_pct) or not 0 < s.per_unit_pct <= 100:
            problems.append(Problem("scoring.per_unit_pct", "korting per eenheid moet tussen 0 en 100 % liggen",
                                    "discount per unit must be between 0 and 100 %"))
        if not _finite(s.cap_pct) or not 0 < s.cap_pct <= 100:
            problems.append(Problem("scoring.cap_pct", "maximale korting moet tussen 0 en 100 % liggen",
                                    "maximum discount must be between 0 and 100 %"))
    return problems


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _placeholder_meta_problems(c: Criterion) -> list[Problem]:
    if not isinstance(c.placeholder_meta, dict):
        return []
    problems = []
    for name, meta in c.placeholder_meta.items():
        where = f"placeholders.{name}"
        if name not in c.placeholders:
            problems.append(Problem(where, f"invulveld '{name}' heeft gegevens maar geen standaardwaarde",
                                    f"placeholder '{name}' has details but no default value"))
        low, high = meta.min, meta.max
        for key, value in (("min", low), ("max", high)):
            if value is not None and not _finite(value):
                problems.append(Problem(f"{where}.{key}", f"'{value}' is geen getal", f"'{value}' is not a number"))
        if _finite(low) and _finite(high) and low > high:  # type: ignore[operator]
            problems.append(Problem(f"{where}.min", "minimum is groter dan maximum", "minimum is larger than maximum"))
        default = c.placeholders.get(name)
        if isinstance(default, str) and (low is not None or high is not None):
            problem = value_out_of_range(default, meta)
            if problem:
                problems.append(Problem(f"{where}.default", f"standaardwaarde {problem[0]}",
                                        f"default value {problem[1]}"))
        for key in ("label", "unit"):
            value = getattr(meta, key)
            if not isinstance(value, str) or CONTROL_RE.search(value):
                problems.append(Problem(f"{where}.{key}", "moet gewone tekst zijn", "must be plain text"))
    return problems


def parse_number(text: str) -> float | None:
    """A number as a user types it (Dutch decimal comma allowed); None when it is not one."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")  # 1.234,5
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def value_out_of_range(value: str, meta: PlaceholderMeta) -> tuple[str, str] | None:
    """Why a placeholder value lies outside its range (Dutch, English), or None when it fits or has no range."""
    if meta.min is None and meta.max is None:
        return None
    number = parse_number(value)
    unit = f" {meta.unit}" if meta.unit else ""
    if number is None:
        return (f"'{value}' is geen getal", f"'{value}' is not a number")
    if meta.min is not None and number < meta.min:
        return (f"{value}{unit} is kleiner dan het minimum {_fmt(meta.min)}{unit}",
                f"{value}{unit} is less than the minimum {_fmt(meta.min)}{unit}")
    if meta.max is not None and number > meta.max:
        return (f"{value}{unit} is groter dan het maximum {_fmt(meta.max)}{unit}",
                f"{value}{unit} is more than the maximum {_fmt(meta.max)}{unit}")
    return None


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


# ---------------------------------------------------------------- pack shapes
def scoring_from_pack(raw: Any) -> tuple[Scoring | None, str | None, list[Problem]]:
    """A pack's `scoring` value: (structured scoring, legacy text, problems).

    A string is a version-1 description (it becomes scoring_text); an object is a structured scoring.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None, []
    if isinstance(raw, str):
        return None, raw, []
    if not isinstance(raw, dict):
        return None, None, [Problem("scoring", "moet een object zijn (of leeg)", "must be an object (or empty)")]
    problems: list[Problem] = []
    kind = raw.get("type")

    def number(key: str, required: bool = True, default: float = 0) -> float:
        value: Any = raw.get(key)
        if value is None and not required:
            return default
        if not _finite(value):
            problems.append(Problem(f"scoring.{key}", "verplicht getal ontbreekt" if value is None else
                                    f"'{value}' is geen getal", "required number is missing" if value is None
                                    else f"'{value}' is not a number"))
            return default
        return float(value)

    if kind == ScoringType.POINTS.value:
        scale_max = number("scale_max", required=False, default=10)
        levels_raw = raw.get("levels", [])
        levels: list[ScoreLevel] = []
        if not isinstance(levels_raw, list):
            problems.append(Problem("scoring.levels", "moet een lijst zijn", "must be a list"))
            levels_raw = []
        for i, lv in enumerate(levels_raw):
            if not isinstance(lv, dict) or not _finite(lv.get("points")):
                problems.append(Problem(f"scoring.levels[{i}].points", "verplicht getal ontbreekt",
                                        "required number is missing"))
                continue
            description = lv.get("description", "")
            if not isinstance(description, str):
                problems.append(Problem(f"scoring.levels[{i}].description", "moet tekst zijn", "must be text"))
                description = str(description)
            levels.append(ScoreLevel(float(lv["points"]), description))
        scoring: Scoring = PointsScoring(scale_max=scale_max, levels=tuple(levels))
    elif kind == ScoringType.RELATIVE.value:
        direction = raw.get("direction", "hoger")
        scoring = RelativeScoring(direction=direction if isinstance(direction, str) else str(direction),
                                  floor=number("floor", required=False))
    elif kind == ScoringType.DISCOUNT.value:
        unit = raw.get("unit", "")
        scoring = DiscountScoring(per_unit_pct=number("per_unit_pct"), cap_pct=number("cap_pct"),
                                  unit=unit if isinstance(unit, str) else str(unit))
    else:
        return None, None, [Problem("scoring.type", f"onbekend beoordelingstype '{kind}' (kies uit "
                                    f"{', '.join(SCORING_TYPES)})", f"unknown scoring type '{kind}' (choose from "
                                    f"{', '.join(SCORING_TYPES)})")]
    return scoring, None, problems


def placeholders_from_pack(raw: Any) -> tuple[dict[str, Any], dict[str, PlaceholderMeta], list[Problem]]:
    """A pack's `placeholders`: (name -> default, name -> metadata, problems); a string value is just the default."""
    if raw is None:
        return {}, {}, []
    if not isinstance(raw, dict):
        return raw, {}, []  # criterion_problems reports the wrong shape
    defaults: dict[str, Any] = {}
    meta: dict[str, PlaceholderMeta] = {}
    problems: list[Problem] = []
    for name, value in raw.items():
        if not isinstance(value, dict):
            defaults[name] = value
            continue
        unknown = [k for k in value if k not in PLACEHOLDER_META_KEYS]
        for key in unknown:
            problems.append(Problem(f"placeholders.{name}.{key}", f"onbekend veld '{key}' (kies uit "
                                    f"{', '.join(PLACEHOLDER_META_KEYS)})", f"unknown field '{key}' (choose from "
                                    f"{', '.join(PLACEHOLDER_META_KEYS)})"))
        default = value.get("default")
        if isinstance(default, int | float) and not isinstance(default, bool):
            default = str(default).replace(".", ",") if isinstance(default, float) else str(default)
        if default is not None:
            defaults[name] = default
        bounds: dict[str, float | None] = {}
        for key in ("min", "max"):
            bound = value.get(key)
            if bound is not None and not _finite(bound):
                problems.append(Problem(f"placeholders.{name}.{key}", f"'{bound}' is geen getal",
                                        f"'{bound}' is not a number"))
                bound = None
            bounds[key] = float(bound) if bound is not None else None
        label, unit = value.get("label", ""), value.get("unit", "")
        meta[name] = PlaceholderMeta(label=label if isinstance(label, str) else str(label),
                                     unit=unit if isinstance(unit, str) else str(unit),
                                     min=bounds["min"], max=bounds["max"])
    return defaults, meta, problems


def package_problems(p: Package, known_cpv: Set[str] | None = None) -> list[Problem]:
    """Every problem with a package; empty when it is valid."""
    problems: list[Problem] = []
    if not isinstance(p.slug, str) or not SLUG_RE.match(p.slug):
        problems.append(Problem("slug", f"ongeldige slug '{p.slug}' (kleine letters, cijfers en streepjes)",
                                f"invalid slug '{p.slug}' (lowercase letters, digits and hyphens)"))
    for name, label_nl, label_en in (("name_nl", "Nederlandse naam", "Dutch name"), ("name_en", "Engelse naam", "English name")):
        value = getattr(p, name)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(name, f"{label_nl} ontbreekt", f"{label_en} is missing"))
    if not isinstance(p.cpv, list):
        problems.append(Problem("cpv", "CPV-codes moeten een lijst zijn", "CPV codes must be a list"))
    else:
        for code in p.cpv:
            if not isinstance(code, str) or not CPV_RE.match(code):
                problems.append(Problem("cpv", f"ongeldige CPV-code '{code}' (verwacht zoals 39100000-3)",
                                        f"invalid CPV code '{code}' (expected like 39100000-3)"))
            elif known_cpv is not None and code not in known_cpv:
                problems.append(Problem("cpv", f"CPV-code '{code}' staat niet in de CPV-lijst",
                                        f"CPV code '{code}' is not in the CPV list"))
    for name in ("name_nl", "name_en", "description"):
        value = getattr(p, name)
        if isinstance(value, str) and CONTROL_RE.search(value):
            problems.append(Problem(name, "bevat onzichtbare stuurtekens", "contains invisible control characters"))
    if p.prefix and (not isinstance(p.prefix, str) or not re.fullmatch(r"[A-Z]{2,5}", p.prefix)):
        problems.append(Problem("prefix", f"ongeldig voorvoegsel '{p.prefix}' (2 tot 5 hoofdletters)",
                                f"invalid prefix '{p.prefix}' (2 to 5 capital letters)"))
    if not isinstance(p.synonyms, list) or not all(isinstance(s, str) for s in p.synonyms):
        problems.append(Problem("synonyms", "synoniemen moeten een lijst met woorden zijn",
                                "synonyms must be a list of words"))
    return problems
