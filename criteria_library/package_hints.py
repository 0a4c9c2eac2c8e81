"""Which known packages a mistyped or guessed package slug most likely meant ("bedoelde u ...?")."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from .infra.text import fold
from .models import Package

MAX_HINTS = 3
MAX_COMPARED = 80  # a slug is short; comparing a pasted page of text with every name would only take time


def closest_packages(wanted: str, packages: Iterable[Package]) -> list[Package]:
    """The known packages closest to `wanted` (by slug, name or synonym), best first; at most MAX_HINTS."""
    key = fold(wanted).strip()[:MAX_COMPARED]
    if not key:
        return []
    scored: list[tuple[float, str, Package]] = []
    for pkg in packages:
        names = [fold(t).strip() for t in (pkg.slug, *pkg.synonyms) if t]
        # a word of a package's name is only a hint when it looks like the whole slug asked for, not a part of it
        words = [w for t in (pkg.name_nl, pkg.name_en) for w in re.split(r"[\s:,;()/]+", fold(t)) if w]
        word_ratios = [difflib.SequenceMatcher(None, key, w).ratio() for w in words]
        best = max([_likeness(key, t) for t in names] + [r for r in word_ratios if r >= 0.75])
        if best >= 0.6:
            scored.append((best, pkg.slug, pkg))
    scored.sort(key=lambda s: (-s[0], s[1]))
    # only hints about as close as the best one: a long list of far guesses hides the right slug
    return [pkg for score, _, pkg in scored[:MAX_HINTS] if score >= scored[0][0] - 0.1]


def _likeness(key: str, term: str) -> float:
    ratio = difflib.SequenceMatcher(None, key, term).ratio()
    if key == term:
        return 1.0
    if min(len(key), len(term)) < 4:
        return ratio
    # a Dutch compound ends in its head: "kantoormeubilair" is a kind of "meubilair", not of "kantoor"
    if key.endswith(term) or term.endswith(key) or term in re.split(r"[\s_-]+", key):
        return max(ratio, 0.9)
    return max(ratio, 0.7) if key in term or term in key else ratio


def unknown_package_hint(wanted: str, packages: Iterable[Package], lang: str = "nl") -> str:
    """The sentence after "unknown package": the closest slugs to try, or where to find the list of slugs."""
    near = closest_packages(wanted, packages)
    if not near:
        return ("geen inkooppakket lijkt erop; 'tender-assistant library stats' toont alle pakketten" if lang != "en"
                else "no package resembles it; 'tender-assistant library stats' lists every package")
    shown = ", ".join(f"{p.slug} ({p.name(lang)})" for p in near)
    return f"did you mean {shown}?" if lang == "en" else f"bedoelde u {shown}?"
