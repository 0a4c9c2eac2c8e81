"""The rules every package and criterion must meet: the same for the editor, the store and pack import."""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass

from .models import (
    CPV_RE,
    CRITERION_ID_RE,
    PLACEHOLDER_RE,
    R_STRATEGIES,
    SLUG_RE,
    Criterion,
    Kind,
    Package,
    Status,
    placeholders_in,
)
from .text import bad_char_problem, shown

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
# A criterion edited a million times does not exist; far below SQLite's 2**63 - 1, so a version can always go up.
MAX_VERSION = 1_000_000
TEXT_FIELDS = ("title", "rationale", "clause", "verification", "source", "scoring")
# The JSON shape of a pack's criterion and package: what each field must be before a Criterion or Package is built.
CRITERION_TEXT_FIELDS = ("id", "package", "kind", "r_strategy", "title", "rationale", "clause", "verification",
                         "source", "status", "scoring", "created_at", "updated_at", "updated_by")
CRITERION_INT_FIELDS = ("level", "version", "weight_min", "weight_max")
PACKAGE_TEXT_FIELDS = ("slug", "name_nl", "name_en", "prefix", "description")
PACKAGE_LIST_FIELDS = ("cpv", "synonyms")


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
        add("id", f"ongeldige code '{shown(c.id)}' (verwacht zoals MEU-G-03)", f"invalid id '{shown(c.id)}' (expected like MEU-G-03)")
    if known_packages is not None and c.package not in known_packages:
        add("package", f"onbekend inkooppakket '{shown(c.package)}'", f"unknown procurement package '{shown(c.package)}'")
    if str(c.kind) not in KIND_VALUES:
        add("kind", f"ongeldige soort '{shown(c.kind)}' (kies uit {', '.join(KIND_VALUES)})",
            f"invalid kind '{shown(c.kind)}' (choose from {', '.join(KIND_VALUES)})")
    if isinstance(c.level, bool) or not isinstance(c.level, int) or c.level not in (1, 2, 3):
        add("level", f"ongeldig ambitieniveau '{shown(c.level)}' (1, 2 of 3)", f"invalid ambition level '{shown(c.level)}' (1, 2 or 3)")
    if c.r_strategy not in R_STRATEGIES:
        add("r_strategy", f"ongeldige R-strategie '{shown(c.r_strategy)}' (R0 t/m R9)",
            f"invalid R-strategy '{shown(c.r_strategy)}' (R0 to R9)")
    for name, (label_nl, label_en) in REQUIRED_TEXT.items():
        value = getattr(c, name)
        if not isinstance(value, str) or not value.strip():
            add(name, f"{label_nl} ontbreekt", f"{label_en} is missing")
    if isinstance(c.title, str) and len(c.title) > MAX_TITLE:
        add("title", f"titel is te lang ({len(c.title)} tekens, hoogstens {MAX_TITLE})",
            f"title is too long ({len(c.title)} characters, at most {MAX_TITLE})")
    if str(c.status) not in STATUS_VALUES:
        add("status", f"ongeldige status '{shown(c.status)}' (kies uit {', '.join(STATUS_VALUES)})",
            f"invalid status '{shown(c.status)}' (choose from {', '.join(STATUS_VALUES)})")
    if isinstance(c.version, bool) or not isinstance(c.version, int) or not 1 <= c.version <= MAX_VERSION:
        add("version", f"ongeldige versie '{shown(c.version)}' (een geheel getal van 1 tot {MAX_VERSION:_})".replace("_", "."),
            f"invalid version '{shown(c.version)}' (a whole number from 1 to {MAX_VERSION:,})")
    for name in TEXT_FIELDS:
        value = getattr(c, name)
        if isinstance(value, str) and (problem := bad_char_problem(value)):
            add(name, *problem)
        elif isinstance(value, str) and len(value) > MAX_TEXT:
            add(name, f"is te lang ({len(value)} tekens, hoogstens {MAX_TEXT})",
                f"is too long ({len(value)} characters, at most {MAX_TEXT})")
    problems.extend(_placeholder_problems(c))
    problems.extend(_weight_problems(c))
    return problems


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
            problems.append(Problem("placeholders", f"invulveld '{shown(name)}' komt niet voor in de voorbeeldtekst",
                                    f"placeholder '{shown(name)}' does not occur in the example clause"))
    return problems


def _weight_problems(c: Criterion) -> list[Problem]:
    problems = []
    is_award = str(c.kind) == Kind.AWARD.value
    for name in ("weight_min", "weight_max"):
        value = getattr(c, name)
        if value is None:
            if is_award:
                problems.append(Problem(name, "gunningscriterium zonder gewichtsbereik (weight_min en weight_max)",
                                        "award criterion without a weight range (weight_min and weight_max)"))
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
    if is_award and not (isinstance(c.scoring, str) and c.scoring.strip()):
        problems.append(Problem("scoring", "gunningscriterium zonder beoordelingswijze",
                                "award criterion without a scoring method"))
    return problems


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
    for name in CRITERION_TEXT_FIELDS:
        value = raw.get(name)
        if value is not None or name in ("id", "package", "kind"):
            problems += _text_shape(name, value, single_line=name not in TEXT_FIELDS)
    for name in CRITERION_INT_FIELDS:
        value = raw.get(name)
        if value is not None and not _is_int(value):
            problems.append(Problem(name, f"moet een geheel getal zijn, niet {shown(value)}",
                                    f"must be a whole number, not {shown(value)}"))
    placeholders = raw.get("placeholders")
    if placeholders is not None and not isinstance(placeholders, dict):
        problems.append(Problem("placeholders", "invulvelden moeten naam-waardeparen zijn",
                                "placeholders must be name-value pairs"))
    elif placeholders:
        for key, value in placeholders.items():
            for p in _text_shape("placeholders", key, single_line=True, limit=100) + _text_shape(
                    "placeholders", value, single_line=True, limit=MAX_SHORT_TEXT):
                problems.append(Problem(p.field, f"invulveld '{shown(key)}': {p.nl}", f"placeholder '{shown(key)}': {p.en}"))
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
