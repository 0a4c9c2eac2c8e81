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
TEXT_FIELDS = ("title", "rationale", "clause", "verification", "source", "scoring")


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
        add("r_strategy", f"ongeldige R-strategie '{c.r_strategy}' (R0 t/m R9)",
            f"invalid R-strategy '{c.r_strategy}' (R0 to R9)")
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
            problems.append(Problem("placeholders", f"invulveld '{name}' komt niet voor in de voorbeeldtekst",
                                    f"placeholder '{name}' does not occur in the example clause"))
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
            problems.append(Problem(name, f"gewicht '{value}' moet een geheel getal van 0 tot 100 zijn",
                                    f"weight '{value}' must be a whole number from 0 to 100"))
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
