"""The rules every package and criterion must meet: the same for the editor, the store and pack import."""

from __future__ import annotations

import math
import re
from collections.abc import Set
from typing import Any

from .infra.problems import Problem
from .infra.text import bad_char_problem, dutch_number, has_bad_char, parse_number, shown
from .models import (
    CPV_RE,
    CRITERION_ID_RE,
    DISCOUNT_VALUE_FIELDS,
    PLACEHOLDER_RE,
    R_STRATEGIES,
    RELATIVE_DIRECTIONS,
    SLUG_RE,
    SOURCE_TYPES,
    Criterion,
    DiscountScoring,
    FloorFrom,
    Kind,
    Level,
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
# An Excel cell holds at most 32,767 characters: longer texts could not be exported and edited in Excel again.
MAX_TEXT = 32_767
MAX_SHORT_TEXT = 500  # placeholder defaults, synonyms, who changed it, time stamps
# The one bound on a criterion's version, used by import, store and export alike: the largest integer every JSON
# reader keeps exact (a double's 53 bits), far below SQLite's 2**63 - 1. The store refuses an edit that would pass
# it, so whatever a library holds it can export and import again (README, Library packs).
MAX_VERSION = 2**53 - 1
TEXT_FIELDS = ("title", "rationale", "clause", "verification", "source", "scoring_text")
# The JSON shape of a pack's criterion and package: what each field must be before a Criterion or Package is built.
CRITERION_TEXT_FIELDS = ("id", "package", "kind", "r_strategy", "title", "rationale", "clause", "verification",
                         "source", "status", "scoring_text", "created_at", "updated_at", "updated_by")
CRITERION_INT_FIELDS = ("level", "version", "weight_min", "weight_max")
PACKAGE_TEXT_FIELDS = ("slug", "name_nl", "name_en", "prefix", "description")
PACKAGE_LIST_FIELDS = ("cpv", "synonyms")
SCORING_TYPES = [t.value for t in ScoringType]
PLACEHOLDER_META_KEYS = ("default", "label", "unit", "min", "max")
# Numbers in scoring and placeholder ranges: a thousand billion is far beyond any score, percentage or amount,
# and keeps float() and SQLite away from integers of thousands of digits.
MAX_NUMBER = 10**12
_SOURCE_TYPE_CHOICES = ", ".join(SOURCE_TYPES)
# The pack's text fields by their shape rule: one line, or free text; id, package and kind must be there.
_SHAPE_REQUIRED = ("id", "package", "kind")
_SHAPE_LINE_FIELDS = tuple(name for name in CRITERION_TEXT_FIELDS if name not in TEXT_FIELDS)
_SHAPE_FREE_FIELDS = tuple(name for name in CRITERION_TEXT_FIELDS if name in TEXT_FIELDS)




# Members by value, looked up directly: Kind(value) goes through EnumType.__call__, a tenth of building 20k criteria
_KINDS: dict[object, Kind] = {k.value: k for k in Kind}
_STATUSES: dict[object, Status] = {st.value: st for st in Status}
_LEVELS: dict[object, Level] = {lv.value: lv for lv in Level}


def parse_kind(value: object) -> Kind | Problem:
    """A criterion's kind as it comes from a pack, a form or a database row, or why it is not one."""
    if isinstance(value, str) and (kind := _KINDS.get(value)) is not None:
        return kind
    return Problem("kind", f"ongeldige soort '{shown(value)}' (kies uit {', '.join(KIND_VALUES)})",
                   f"invalid kind '{shown(value)}' (choose from {', '.join(KIND_VALUES)})")


def parse_status(value: object) -> Status | Problem:
    """A criterion's curation status from outside, or why it is not one."""
    if isinstance(value, str) and (status := _STATUSES.get(value)) is not None:
        return status
    return Problem("status", f"ongeldige status '{shown(value)}' (kies uit {', '.join(STATUS_VALUES)})",
                   f"invalid status '{shown(value)}' (choose from {', '.join(STATUS_VALUES)})")


def parse_level(value: object) -> Level | Problem:
    """A criterion's ambition level from outside (a whole number 1, 2 or 3), or why it is not one."""
    if isinstance(value, int) and not isinstance(value, bool) and (level := _LEVELS.get(value)) is not None:
        return level
    return Problem("level", f"ongeldig ambitieniveau '{shown(value)}' (1, 2 of 3)",
                   f"invalid ambition level '{shown(value)}' (1, 2 or 3)")


# The content rules for a record whose kind, level or status could not be read: those of a criterion that is not an
# award criterion, so every other problem of the record is still reported at once. Never leaves criterion_from_fields.
_STAND_IN: dict[str, Any] = {"kind": Kind.SELECTION, "level": Level.BASIS, "status": Status.CONCEPT}


def criterion_from_fields(values: dict[str, Any], known_packages: set[str] | None = None, *,
                          shape_checked: bool = False) -> tuple[Criterion | None, list[Problem]]:
    """Parse raw field values (kind, level and status as text and numbers) into a Criterion, and check it.

    Returns the criterion (None when its kind, level or status is not one) and every problem, in the order
    criterion_problems reports them. A Criterion therefore always holds a Kind, a Level and a Status.
    shape_checked: the values come from a pack record that criterion_shape_problems passed, whose text rules
    (refused characters, lengths, one-line placeholders) are then not applied a second time.
    """
    kind, level = parse_kind(values["kind"]), parse_level(values["level"])
    status = parse_status(values.get("status", Status.PUBLISHED.value))
    if not isinstance(kind, Problem) and not isinstance(level, Problem) and not isinstance(status, Problem):
        c = Criterion(**{**values, "kind": kind, "level": level, "status": status})  # the usual record: no stand-ins
        return c, _criterion_problems(c, known_packages, {}, texts_checked=shape_checked)
    parsed = {"kind": kind, "level": level, "status": status}
    unparsed = {name: p for name, p in parsed.items() if isinstance(p, Problem)}
    typed = {name: _STAND_IN[name] if name in unparsed else value for name, value in parsed.items()}
    c = Criterion(**{**values, **typed})
    problems = _criterion_problems(c, known_packages, unparsed, texts_checked=shape_checked)
    return (None if unparsed else c), problems


def criterion_problems(c: Criterion, known_packages: set[str] | None = None) -> list[Problem]:
    """Every problem with a criterion; empty when it is valid."""
    return _criterion_problems(c, known_packages, {})


def _criterion_problems(c: Criterion, known_packages: set[str] | None, unparsed: dict[str, Problem], *,
                        texts_checked: bool = False) -> list[Problem]:
    problems: list[Problem] = []

    def add(field: str, nl: str, en: str) -> None:
        problems.append(Problem(field, nl, en))

    if not isinstance(c.id, str) or not CRITERION_ID_RE.match(c.id):
        add("id", f"ongeldige code '{shown(c.id)}' (verwacht zoals MEU-G-03)", f"invalid id '{shown(c.id)}' (expected like MEU-G-03)")
    if known_packages is not None and c.package not in known_packages:
        add("package", f"onbekend inkooppakket '{shown(c.package)}'", f"unknown procurement package '{shown(c.package)}'")
    problems += [unparsed[name] for name in ("kind", "level") if name in unparsed]
    if c.r_strategy not in R_STRATEGIES:
        add("r_strategy", f"ongeldige R-strategie '{shown(c.r_strategy)}' (R0 t/m R9 of ondersteunend)",
            f"invalid R-strategy '{shown(c.r_strategy)}' (R0 to R9 or ondersteunend)")
    if not isinstance(c.marktstandaard, bool):
        add("marktstandaard", "marktstandaard moet true of false zijn", "marktstandaard must be true or false")
    problems.extend(_source_type_problems(c.source_type))
    for name, (label_nl, label_en) in REQUIRED_TEXT.items():
        value = getattr(c, name)
        if not isinstance(value, str) or not value.strip():
            add(name, f"{label_nl} ontbreekt", f"{label_en} is missing")
    if isinstance(c.title, str) and len(c.title) > MAX_TITLE:
        add("title", f"titel is te lang ({len(c.title)} tekens, hoogstens {MAX_TITLE})",
            f"title is too long ({len(c.title)} characters, at most {MAX_TITLE})")
    if "status" in unparsed:
        problems.append(unparsed["status"])
    if isinstance(c.version, bool) or not isinstance(c.version, int) or not 1 <= c.version <= MAX_VERSION:
        add("version", f"ongeldige versie '{shown(c.version)}' (een geheel getal van 1 tot {dutch_number(MAX_VERSION)})",
            f"invalid version '{shown(c.version)}' (a whole number from 1 to {MAX_VERSION:,})")
    texts = [] if texts_checked else [value for value in (getattr(c, name) for name in TEXT_FIELDS)
                                      if isinstance(value, str)]
    if max(map(len, texts), default=0) > MAX_TEXT or has_bad_char(texts):  # one scan; per field to name it
        for name in TEXT_FIELDS:
            value = getattr(c, name)
            if isinstance(value, str) and (problem := bad_char_problem(value)):
                add(name, *problem)
            elif isinstance(value, str) and len(value) > MAX_TEXT:
                add(name, f"is te lang ({len(value)} tekens, hoogstens {MAX_TEXT})",
                    f"is too long ({len(value)} characters, at most {MAX_TEXT})")
    problems.extend(_placeholder_problems(c, texts_checked=texts_checked))
    problems.extend(_placeholder_meta_problems(c))
    problems.extend(_weight_problems(c))
    problems.extend(_scoring_problems(c))
    problems.extend(_requires_problems(c))
    return problems


def _requires_problems(c: Criterion) -> list[Problem]:
    """`requires` is a list of other criteria's ids, each once."""
    if not isinstance(c.requires, list):
        return [Problem("requires", "vereiste criteria moeten een lijst met codes zijn",
                        "required criteria must be a list of ids")]
    problems: list[Problem] = []
    seen: set[str] = set()
    for cid in c.requires:
        if not isinstance(cid, str) or not CRITERION_ID_RE.match(cid):
            problems.append(Problem("requires", f"ongeldige code '{shown(cid)}' (verwacht zoals GEB-C-02)",
                                    f"invalid id '{shown(cid)}' (expected like GEB-C-02)"))
        elif cid == c.id:
            problems.append(Problem("requires", "een criterium kan zichzelf niet vereisen",
                                    "a criterion cannot require itself"))
        elif cid in seen:
            problems.append(Problem("requires", f"code '{cid}' staat er twee keer in", f"id '{cid}' occurs twice"))
        else:
            seen.add(cid)
    return problems


def _source_type_problems(value: object) -> list[Problem]:
    """source_type: a list of distinct codes from SOURCE_TYPES (empty for criteria made before it existed)."""
    choices = _SOURCE_TYPE_CHOICES
    if not isinstance(value, list):
        return [Problem("source_type", f"soort bron moet een lijst zijn (kies uit {choices})",
                        f"source type must be a list (choose from {choices})")]
    problems = [Problem("source_type", f"onbekende soort bron '{shown(v)}' (kies uit {choices})",
                        f"unknown source type '{shown(v)}' (choose from {choices})")
                for v in value if not isinstance(v, str) or v not in SOURCE_TYPES]
    if not problems and len(set(value)) != len(value):
        problems.append(Problem("source_type", "soort bron noemt een waarde twee keer",
                                "source type names a value twice"))
    return problems


def criterion_warnings(c: Criterion) -> list[Problem]:
    """What a valid criterion still lacks (library check warns, import accepts): an award criterion's scoring type."""
    if c.kind == Kind.AWARD and c.scoring is None:
        return [Problem("scoring", "gunningscriterium zonder beoordelingstype (punten, relatief of fictieve korting)",
                        "award criterion without scoring type (points, relative or notional discount)")]
    return []


def _placeholder_problems(c: Criterion, *, texts_checked: bool = False) -> list[Problem]:
    if not isinstance(c.placeholders, dict):
        return [Problem("placeholders", "invulvelden moeten naam-waardeparen zijn", "placeholders must be name-value pairs")]
    problems = []
    used: list[str] = []
    if isinstance(c.clause, str):
        opened, closed = c.clause.count("{{"), c.clause.count("}}")
        names = PLACEHOLDER_RE.findall(c.clause) if opened else []
        used = list(dict.fromkeys(names))  # placeholders_in(c.clause), from the same single regex pass
        if opened != len(names) or closed != opened:
            problems.append(Problem("clause", "voorbeeldtekst heeft een onvolledig invulveld (schrijf {{naam}} met "
                                    "kleine letters, cijfers en _)", "example clause has an incomplete placeholder "
                                    "(write {{name}} with lowercase letters, digits and _)"))
    for name in used:
        default = c.placeholders.get(name)
        if not isinstance(default, str) or not default.strip():
            problems.append(Problem("placeholders", f"invulveld {{{{{name}}}}} heeft geen standaardwaarde",
                                    f"placeholder {{{{{name}}}}} has no default value"))
    plain = texts_checked or _plain_pairs(c.placeholders, none_values=True)
    for name, value in c.placeholders.items():
        if name not in used:
            problems.append(Problem("placeholders", f"invulveld '{shown(name)}' komt niet voor in de voorbeeldtekst",
                                    f"placeholder '{shown(name)}' does not occur in the example clause"))
        if plain:
            continue
        # the same rules as a pack's placeholders, so a value that came in another way (an older library, a
        # release) is named by 'library check' instead of breaking the library's Excel export
        found = _text_shape("placeholders", name, single_line=True, limit=100)
        if value is not None:
            found += _text_shape("placeholders", value, single_line=True, limit=MAX_SHORT_TEXT)
        problems += [Problem(p.where, f"invulveld '{shown(name)}': {p.nl}", f"placeholder '{shown(name)}': {p.en}")
                     for p in found]
    return problems


def _weight_problems(c: Criterion) -> list[Problem]:
    problems = []
    is_award = c.kind == Kind.AWARD
    discount = isinstance(c.scoring, DiscountScoring)
    for name in ("weight_min", "weight_max"):
        value = getattr(c, name)
        if value is not None and is_award and discount:
            problems.append(Problem(name, "een fictieve korting heeft geen gewicht (laat minimum- en maximumgewicht leeg)",
                                    "a notional discount carries no weight (leave minimum and maximum weight empty)"))
        elif value is None:
            if is_award and not discount:
                problems.append(Problem(name, "gunningscriterium zonder gewichtsbereik (minimum- en maximumgewicht)",
                                        "award criterion without a weight range (minimum and maximum weight)"))
                break
        elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            problems.append(Problem(name, f"gewicht '{shown(value)}' moet een geheel getal van 0 tot 100 zijn",
                                    f"weight '{shown(value)}' must be a whole number from 0 to 100"))
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
    if c.kind != Kind.AWARD:
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
                                        f"punten '{shown(level.points)}' liggen niet tussen 0 en {s.scale_max}",
                                        f"points '{shown(level.points)}' are not between 0 and {s.scale_max}"))
            if problem := bad_char_problem(level.description):
                problems.append(Problem(f"scoring.levels[{i}].description", *problem))
            elif len(level.description) > MAX_TEXT:
                problems.append(Problem(f"scoring.levels[{i}].description", f"is te lang (hoogstens {MAX_TEXT} tekens)",
                                        f"is too long (at most {MAX_TEXT} characters)"))
    elif isinstance(s, RelativeScoring):
        if s.direction not in RELATIVE_DIRECTIONS:
            problems.append(Problem("scoring.direction", f"richting '{shown(s.direction)}' moet 'hoger' of 'lager' zijn",
                                    f"direction '{shown(s.direction)}' must be 'hoger' or 'lager'"))
        if not _finite(s.floor):
            problems.append(Problem("scoring.floor", "de ondergrens moet een getal zijn", "the floor must be a number"))
        elif (s.direction in RELATIVE_DIRECTIONS and s.example_low is not None and s.example_high is not None
              and _finite(s.example_low) and _finite(s.example_high)):
            worst = s.example_low if s.direction == "hoger" else s.example_high
            if (worst < s.floor) if s.direction == "hoger" else (worst > s.floor):
                side = ("onder", "below") if s.direction == "hoger" else ("boven", "above")
                problems.append(Problem("scoring.example_low" if s.direction == "hoger" else "scoring.example_high",
                                        f"voorbeeldaanbod {_fmt(worst)} ligt {side[0]} de ondergrens {_fmt(s.floor)}",
                                        f"example offer {worst:g} lies {side[1]} the floor {s.floor:g}"))
    elif isinstance(s, DiscountScoring):
        problems.extend(_euro_discount_problems(c, s) if s.in_euros else _pct_discount_problems(s))
        if _finite(s.example_low) and s.example_low < 0:  # type: ignore[operator]
            problems.append(Problem("scoring.example_low", "een aantal eenheden kan niet negatief zijn"
                                    if s.reference is None else "een voorbeeldaanbod kan niet negatief zijn",
                                    "a number of units cannot be negative" if s.reference is None
                                    else "an example offer cannot be negative"))
    if s.floor_from is not None:
        problems.extend(_floor_from_problems(c, s.floor_from))
    if not isinstance(s, PointsScoring):
        problems.extend(_example_problems(s))
    return problems


def _pct_discount_problems(s: DiscountScoring) -> list[Problem]:
    problems = []
    if not _finite(s.per_unit_pct) or not 0 < s.per_unit_pct <= 100:
        problems.append(Problem("scoring.per_unit_pct", "korting per eenheid moet tussen 0 en 100 % liggen",
                                "discount per unit must be between 0 and 100 %"))
    if not _finite(s.cap_pct) or not 0 < s.cap_pct <= 100:
        problems.append(Problem("scoring.cap_pct", "maximale korting moet tussen 0 en 100 % liggen",
                                "maximum discount must be between 0 and 100 %"))
    return problems


def _euro_discount_problems(c: Criterion, s: DiscountScoring) -> list[Problem]:
    """The euro form: a positive factor and cap, a reference of at least 0 that the example offers stay under,
    and values_from naming own placeholders whose defaults are these numbers."""
    problems = []
    if not _finite(s.per_unit_eur) or s.per_unit_eur <= 0:  # type: ignore[operator]
        problems.append(Problem("scoring.per_unit_eur", "de waarderingsfactor (euro per eenheid) moet groter dan 0 "
                                "zijn", "the valuation factor (euro per unit) must be larger than 0"))
    if s.cap_eur is None or not _finite(s.cap_eur) or s.cap_eur <= 0:
        problems.append(Problem("scoring.cap_eur", "de maximale korting in euro moet groter dan 0 zijn",
                                "the maximum discount in euro must be larger than 0"))
    if s.reference is not None and (not _finite(s.reference) or s.reference < 0):
        problems.append(Problem("scoring.reference", "het plafond (referentiewaarde) moet een getal van 0 of meer "
                                "zijn", "the ceiling (reference value) must be a number of 0 or more"))
    elif s.reference is not None and _finite(s.example_high) and s.example_high > s.reference:  # type: ignore[operator]
        problems.append(Problem("scoring.example_high", f"voorbeeldaanbod {_fmt(s.example_high)} ligt boven het "  # type: ignore[arg-type]
                                f"plafond {_fmt(s.reference)}", f"example offer {s.example_high:g} lies above the "
                                f"ceiling {s.reference:g}"))
    for key, name in s.values_from:
        where = f"scoring.values_from.{shown(key, 40)}"
        value = getattr(s, key, None) if key in DISCOUNT_VALUE_FIELDS else None
        if key not in DISCOUNT_VALUE_FIELDS or value is None:
            problems.append(Problem(where, f"'{shown(key)}' is geen getal van deze korting (kies uit "
                                    f"{', '.join(k for k in DISCOUNT_VALUE_FIELDS if getattr(s, k) is not None)})",
                                    f"'{shown(key)}' is not a number of this discount"))
        elif not isinstance(c.clause, str) or name not in placeholders_in(c.clause):
            problems.append(Problem(where, f"invulveld '{shown(name)}' komt niet voor in de voorbeeldtekst",
                                    f"placeholder '{shown(name)}' does not occur in the example clause"))
        elif isinstance(c.placeholders, dict) and parse_number(str(c.placeholders.get(name, ""))) != value:
            problems.append(Problem(where, f"standaardwaarde van {{{{{shown(name)}}}}} is niet {_fmt(value)}",
                                    f"the default of {{{{{shown(name)}}}}} is not {value:g}"))
    return problems


def _floor_from_problems(c: Criterion, link: FloorFrom) -> list[Problem]:
    problems = []
    if not isinstance(link.criterion, str) or not CRITERION_ID_RE.match(link.criterion):
        problems.append(Problem("scoring.floor_from.criterion", f"ongeldige code '{shown(link.criterion)}' (verwacht "
                                "zoals BKL-M-04)", f"invalid id '{shown(link.criterion)}' (expected like BKL-M-04)"))
    elif link.criterion == c.id and isinstance(link.placeholder, str) and isinstance(c.clause, str) \
            and link.placeholder not in placeholders_in(c.clause):
        # its own placeholder (the floor follows the value the buyer sets in this clause): it must be there
        problems.append(Problem("scoring.floor_from.placeholder", f"invulveld '{shown(link.placeholder)}' komt niet "
                                "voor in de voorbeeldtekst", f"placeholder '{shown(link.placeholder)}' does not occur "
                                "in the example clause"))
    if not isinstance(link.placeholder, str) or not re.fullmatch(r"[a-z0-9_]+", link.placeholder):
        problems.append(Problem("scoring.floor_from.placeholder", f"ongeldige naam van een invulveld "
                                f"'{shown(link.placeholder)}' (kleine letters, cijfers en _)",
                                f"invalid placeholder name '{shown(link.placeholder)}' (lowercase letters, digits "
                                "and _)"))
    return problems


def _example_problems(s: RelativeScoring | DiscountScoring) -> list[Problem]:
    """The worked example's offers: both or neither, numbers, low not above high."""
    low, high = s.example_low, s.example_high
    problems = []
    for key, value in (("example_low", low), ("example_high", high)):
        if value is not None and not _finite(value):
            problems.append(Problem(f"scoring.{key}", f"'{shown(value)}' is geen getal", f"'{shown(value)}' is not a number"))
    if (low is None) != (high is None):
        problems.append(Problem("scoring.example_high" if high is None else "scoring.example_low",
                                "geef een laag en een hoog voorbeeldaanbod, of geen van beide",
                                "give a low and a high example offer, or neither"))
    elif _finite(low) and _finite(high) and low > high:  # type: ignore[operator]
        problems.append(Problem("scoring.example_low", "laag voorbeeldaanbod is groter dan het hoge",
                                "the low example offer is larger than the high one"))
    return problems


def _finite(value: Any) -> bool:
    """A number that float(), SQLite and a message can take: no NaN or infinity, no integer of thousands of digits."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(value, int):
        return -MAX_NUMBER <= value <= MAX_NUMBER
    return math.isfinite(value) and -MAX_NUMBER <= value <= MAX_NUMBER


def _placeholder_meta_problems(c: Criterion) -> list[Problem]:
    if not isinstance(c.placeholder_meta, dict):
        return []
    problems = []
    for name, meta in c.placeholder_meta.items():
        where = f"placeholders.{shown(name, 40)}"
        if name not in c.placeholders:
            problems.append(Problem(where, f"invulveld '{shown(name)}' heeft gegevens maar geen standaardwaarde",
                                    f"placeholder '{shown(name)}' has details but no default value"))
        low, high = meta.min, meta.max
        for key, value in (("min", low), ("max", high)):
            if value is not None and not _finite(value):
                problems.append(Problem(f"{where}.{key}", f"'{shown(value)}' is geen getal", f"'{shown(value)}' is not a number"))
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
            if not isinstance(value, str) or bad_char_problem(value) or "\n" in value or len(value) > MAX_SHORT_TEXT:
                problems.append(Problem(f"{where}.{key}", "moet gewone tekst op één regel zijn (hoogstens "
                                        f"{MAX_SHORT_TEXT} tekens)", f"must be plain text on one line (at most "
                                        f"{MAX_SHORT_TEXT} characters)"))
    return problems


def value_out_of_range(value: str, meta: PlaceholderMeta) -> tuple[str, str] | None:
    """Why a placeholder value lies outside its range (Dutch, English), or None when it fits or has no range."""
    if meta.min is None and meta.max is None:
        return None
    number = parse_number(value)
    unit = f" {meta.unit}" if meta.unit else ""
    if number is None:
        return (f"'{shown(value)}' is geen getal", f"'{shown(value)}' is not a number")
    if meta.min is not None and number < meta.min:
        return (f"{value}{unit} is kleiner dan het minimum {_fmt(meta.min)}{unit}",
                f"{value}{unit} is less than the minimum {_fmt(meta.min)}{unit}")
    if meta.max is not None and number > meta.max:
        return (f"{value}{unit} is groter dan het maximum {_fmt(meta.max)}{unit}",
                f"{value}{unit} is more than the maximum {_fmt(meta.max)}{unit}")
    return None


def _fmt(value: float) -> str:
    return dutch_number(int(value) if float(value).is_integer() else value, 6, group_from=10_000)


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
                                    f"'{shown(value)}' is geen getal", "required number is missing" if value is None
                                    else f"'{shown(value)}' is not a number"))
            return default
        return float(value)

    floor_from = _floor_from_pack(raw.get("floor_from"), problems)
    examples: dict[str, float | None] = {}
    for key in ("example_low", "example_high"):
        examples[key] = None if raw.get(key) is None else number(key)
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
        for key in examples:
            if raw.get(key) is not None:
                problems.append(Problem(f"scoring.{key}", "een puntenschaal neemt haar voorbeeld uit de niveaus",
                                        "a points scale takes its example from its levels"))
        scoring: Scoring = PointsScoring(scale_max=scale_max, levels=tuple(levels), floor_from=floor_from)
    elif kind == ScoringType.RELATIVE.value:
        direction = raw.get("direction", "hoger")
        scoring = RelativeScoring(direction=direction if isinstance(direction, str) else str(direction),
                                  floor=number("floor", required=False), floor_from=floor_from, **examples)
    elif kind == ScoringType.DISCOUNT.value:
        unit = raw.get("unit", "")
        values_from = _values_from_pack(raw.get("values_from"), problems)
        if raw.get("per_unit_eur") is not None:  # the euro form: no percentages next to it
            for key in ("per_unit_pct", "cap_pct"):
                if raw.get(key) is not None:
                    problems.append(Problem(f"scoring.{key}", "een korting in euro heeft geen percentage; kies "
                                            "per_unit_pct en cap_pct of per_unit_eur en cap_eur",
                                            "a discount in euro has no percentage; choose per_unit_pct and cap_pct "
                                            "or per_unit_eur and cap_eur"))
            scoring = DiscountScoring(per_unit_eur=number("per_unit_eur"), cap_eur=number("cap_eur"),
                                      reference=None if raw.get("reference") is None else number("reference"),
                                      unit=unit if isinstance(unit, str) else str(unit), floor_from=floor_from,
                                      values_from=values_from, example_low=examples["example_low"],
                                      example_high=examples["example_high"])
        else:
            scoring = DiscountScoring(per_unit_pct=number("per_unit_pct"), cap_pct=number("cap_pct"),
                                      unit=unit if isinstance(unit, str) else str(unit), floor_from=floor_from,
                                      values_from=values_from, **examples)
    else:
        return None, None, [Problem("scoring.type", f"onbekend beoordelingstype '{shown(kind)}' (kies uit "
                                    f"{', '.join(SCORING_TYPES)})", f"unknown scoring type '{shown(kind)}' (choose from "
                                    f"{', '.join(SCORING_TYPES)})")]
    return scoring, None, problems


def _values_from_pack(raw: Any, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    """A korting's `values_from`: {scoring field: own placeholder name}, as pairs in pack order."""
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) and
                                            re.fullmatch(r"[a-z0-9_]+", v) for k, v in raw.items()):
        problems.append(Problem("scoring.values_from", 'moet zijn: {"veld": "invulveld", ...}',
                                'must be: {"field": "placeholder", ...}'))
        return ()
    return tuple(raw.items())


def _floor_from_pack(raw: Any, problems: list[Problem]) -> FloorFrom | None:
    """A scoring's `floor_from`: {"criterion": ID, "placeholder": NAME}, or None when absent."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) != {"criterion", "placeholder"} \
            or not all(isinstance(v, str) for v in raw.values()):
        problems.append(Problem("scoring.floor_from", 'moet zijn: {"criterion": code, "placeholder": naam}',
                                'must be: {"criterion": id, "placeholder": name}'))
        return None
    return FloorFrom(raw["criterion"], raw["placeholder"])


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
            problems.append(Problem(f"placeholders.{shown(name, 40)}.{shown(key, 40)}", f"onbekend veld '{shown(key)}' (kies uit "
                                    f"{', '.join(PLACEHOLDER_META_KEYS)})", f"unknown field '{shown(key)}' (choose from "
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
                problems.append(Problem(f"placeholders.{shown(name, 40)}.{shown(key, 40)}", f"'{shown(bound)}' is geen getal",
                                        f"'{shown(bound)}' is not a number"))
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
        problems.append(Problem("slug", f"ongeldige slug '{shown(p.slug)}' (kleine letters, cijfers en streepjes)",
                                f"invalid slug '{shown(p.slug)}' (lowercase letters, digits and hyphens)"))
    for name, label_nl, label_en in (("name_nl", "Nederlandse naam", "Dutch name"), ("name_en", "Engelse naam", "English name")):
        value = getattr(p, name)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(name, f"{label_nl} ontbreekt", f"{label_en} is missing"))
    if not isinstance(p.cpv, list):
        problems.append(Problem("cpv", "CPV-codes moeten een lijst zijn", "CPV codes must be a list"))
    else:
        for code in p.cpv:
            if not isinstance(code, str) or not CPV_RE.match(code):
                problems.append(Problem("cpv", f"ongeldige CPV-code '{shown(code)}' (verwacht zoals 39100000-3)",
                                        f"invalid CPV code '{shown(code)}' (expected like 39100000-3)"))
            elif known_cpv is not None and code not in known_cpv:
                problems.append(Problem("cpv", f"CPV-code '{shown(code)}' staat niet in de CPV-lijst",
                                        f"CPV code '{shown(code)}' is not in the CPV list"))
    for name in ("name_nl", "name_en", "description"):
        value = getattr(p, name)
        if isinstance(value, str) and (problem := bad_char_problem(value)):
            problems.append(Problem(name, *problem))
    if p.prefix and (not isinstance(p.prefix, str) or not re.fullmatch(r"[A-Z]{2,5}", p.prefix)):
        problems.append(Problem("prefix", f"ongeldig voorvoegsel '{shown(p.prefix)}' (2 tot 5 hoofdletters)",
                                f"invalid prefix '{shown(p.prefix)}' (2 to 5 capital letters)"))
    if not isinstance(p.synonyms, list) or not all(isinstance(s, str) for s in p.synonyms):
        problems.append(Problem("synonyms", "synoniemen moeten een lijst met woorden zijn",
                                "synonyms must be a list of words"))
    return problems


# ------------------------------------------------------------------ the shape of a pack's raw JSON
def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# A quick look first, at the usual record: when it finds nothing the field-by-field checks would find nothing either,
# so they run only to name the problems (with the refused characters found in one scan per record, not one per
# field, 20,000 criteria are read in half the time).
def _plain_record(raw: dict) -> bool:
    """True when _text_shape accepts every text field of a pack's criterion (required ones present, one line where
    it must be, at most MAX_TEXT characters, no refused character)."""
    texts: list[str] = []
    for name in _SHAPE_LINE_FIELDS:
        value = raw.get(name)
        if value is None and name not in _SHAPE_REQUIRED:
            continue
        if not isinstance(value, str) or len(value) > MAX_TEXT or "\n" in value or "\r" in value:
            return False
        texts.append(value)
    for name in _SHAPE_FREE_FIELDS:
        value = raw.get(name)
        if value is None:
            continue
        if not isinstance(value, str) or len(value) > MAX_TEXT:
            return False
        texts.append(value)
    return not has_bad_char(texts)


def _plain_pairs(pairs: dict[Any, Any], *, none_values: bool = False) -> bool:
    """True when _text_shape accepts every placeholder name (one line, at most 100 characters) and value (one line,
    at most MAX_SHORT_TEXT; None too when none_values)."""
    texts: list[str] = []
    for name, value in pairs.items():
        if not isinstance(name, str) or len(name) > 100:
            return False
        texts.append(name)
        if value is None and none_values:
            continue
        if not isinstance(value, str) or len(value) > MAX_SHORT_TEXT:
            return False
        texts.append(value)
    joined = "".join(texts)
    return "\n" not in joined and "\r" not in joined and not has_bad_char((joined,))


def _text_shape(name: str, value: object, *, single_line: bool = False, limit: int = MAX_TEXT) -> list[Problem]:
    if not isinstance(value, str):
        return [Problem(name, f"moet tekst zijn, niet {shown(value)}", f"must be text, not {shown(value)}")]
    if problem := bad_char_problem(value):
        return [Problem(name, *problem)]
    if single_line and ("\n" in value or "\r" in value):
        return [Problem(name, "moet op één regel staan", "must be on one line")]
    if len(value) > limit:
        return [Problem(name, f"is te lang ({len(value)} tekens, hoogstens {limit})",
                        f"is too long ({len(value)} characters, at most {limit})")]
    return []


def criterion_shape_problems(raw: dict) -> list[Problem]:
    """Problems with the JSON types of a pack's criterion (text where text belongs, whole numbers, name-value
    pairs); when this is empty a Criterion can be built from raw without any conversion going wrong."""
    problems: list[Problem] = []
    if not _plain_record(raw):
        for name in CRITERION_TEXT_FIELDS:
            value = raw.get(name)
            if value is not None or name in _SHAPE_REQUIRED:
                problems += _text_shape(name, value, single_line=name not in TEXT_FIELDS)
    for name in CRITERION_INT_FIELDS:
        value = raw.get(name)
        if value is not None and not _is_int(value):
            problems.append(Problem(name, f"moet een geheel getal zijn, niet {shown(value)}",
                                    f"must be a whole number, not {shown(value)}"))
    scoring = raw.get("scoring")
    if isinstance(scoring, str):  # a version-1 text; an object is parsed by scoring_from_pack
        problems += _text_shape("scoring", scoring)
    requires = raw.get("requires")
    if requires is not None and not isinstance(requires, list):
        problems.append(Problem("requires", f"moet een lijst met codes zijn, niet {shown(requires)}",
                                f"must be a list of ids, not {shown(requires)}"))
    elif requires:
        for item in requires:
            problems += _text_shape("requires", item, single_line=True, limit=100)
    marktstandaard = raw.get("marktstandaard")
    if marktstandaard is not None and not isinstance(marktstandaard, bool):
        problems.append(Problem("marktstandaard", f"moet true of false zijn, niet {shown(marktstandaard)}",
                                f"must be true or false, not {shown(marktstandaard)}"))
    source_type = raw.get("source_type")
    if source_type is not None and (not isinstance(source_type, list)
                                    or not all(isinstance(v, str) for v in source_type)):
        problems.append(Problem("source_type", f"moet een lijst met tekst zijn, niet {shown(source_type)}",
                                f"must be a list of text, not {shown(source_type)}"))
    placeholders = raw.get("placeholders")
    if placeholders is not None and not isinstance(placeholders, dict):
        problems.append(Problem("placeholders", "invulvelden moeten naam-waardeparen zijn",
                                "placeholders must be name-value pairs"))
    elif placeholders and not _plain_pairs(placeholders):
        for key, value in placeholders.items():
            found = _text_shape("placeholders", key, single_line=True, limit=100)
            if isinstance(value, dict):  # {"default": ..., "label": ..., "unit": ..., "min": ..., "max": ...}
                default = value.get("default")
                if not _finite(default):
                    found += [] if default is None else _text_shape("placeholders", default, single_line=True,
                                                                    limit=MAX_SHORT_TEXT)
                for name in ("label", "unit"):
                    if value.get(name) is not None:
                        found += _text_shape(f"placeholders.{shown(key, 40)}.{name}", value[name], single_line=True,
                                             limit=MAX_SHORT_TEXT)
            else:
                found += _text_shape("placeholders", value, single_line=True, limit=MAX_SHORT_TEXT)
            problems += [Problem(p.where, f"invulveld '{shown(key)}': {p.nl}", f"placeholder '{shown(key)}': {p.en}")
                         for p in found]
    return problems


def package_shape_problems(raw: dict) -> list[Problem]:
    """Problems with the JSON types of a pack's package; empty when a Package can be built from raw as is."""
    problems: list[Problem] = []
    for name in PACKAGE_TEXT_FIELDS:
        value = raw.get(name)
        if value is not None or name in ("slug", "name_nl", "name_en"):
            problems += _text_shape(name, value, single_line=name != "description")
    for name in PACKAGE_LIST_FIELDS:
        value = raw.get(name)
        if value is None:
            continue
        if not isinstance(value, list):
            problems.append(Problem(name, f"moet een lijst met tekst zijn, niet {shown(value)}",
                                    f"must be a list of text, not {shown(value)}"))
            continue
        for item in value:
            found = _text_shape(name, item, single_line=True, limit=MAX_SHORT_TEXT)
            if not found and ";" in item:  # Excel packs separate the items with ';'
                found = [Problem(name, f"'{shown(item)}' mag geen ';' bevatten", f"'{shown(item)}' may not contain ';'")]
            problems += found
        if sum(len(item) + 2 for item in value if isinstance(item, str)) > MAX_TEXT:  # one Excel cell holds them all
            problems.append(Problem(name, f"is te lang (samen meer dan {MAX_TEXT} tekens)",
                                    f"is too long (more than {MAX_TEXT} characters together)"))
    return problems
