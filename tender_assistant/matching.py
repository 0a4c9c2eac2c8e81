"""Free text and CPV codes -> ranked procurement packages, then suggested criteria for a package and level."""

from __future__ import annotations

import json
import math
import re
import weakref
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from criteria_library import cpv as cpv_mod
from criteria_library.infra.text import stem
from criteria_library.models import Criterion, Kind, Package, Status

from .library import Library
from .tender import Tender, TenderCriterion

DATA = Path(__file__).with_name("data")

# How much a word found in each part of a package counts: its own names beat CPV labels beat criterion texts.
FIELD_WEIGHTS = {"name": 1.0, "synonym": 1.0, "cpv": 0.7, "cpv_below": 0.4, "criteria": 0.25}
MIN_COMPOUND = 5  # shortest word part recognised inside a compound (schoolmeubilair -> meubilair)
MIN_HEAD = 4  # a compound's head (last part) may be shorter: bermmaai(en) -> maai
FUZZY_CUTOFF = 82  # rapidfuzz ratio for a typo; below this, words are different words
DAMPING_WORDS = frozenset({"voor", "for", "bij", "tbv", "behoeve", "ten"})  # what follows is the user, not the object
SCORE_SCALE = 2.5  # raw score at which the 0-100 score reaches ~63; only shapes the number shown
REASON_SHARE = 0.1  # a word is named in "gevonden op" when it gave at least this share of the package's score


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Words that say nothing about what is bought."""
    lines = (DATA / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, list[str]]:
    """Shorthand buyers type -> the words to look for."""
    data = json.loads((DATA / "abbreviations.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def lever_synonyms() -> dict[str, frozenset[str]]:
    """Stem of a word that names a circular lever -> the stems of every word naming the same lever."""
    data = json.loads((DATA / "lever_synonyms.json").read_text(encoding="utf-8"))
    result: dict[str, frozenset[str]] = {}
    for key, group in data.items():
        if key.startswith("_"):
            continue
        stems = frozenset(stem(w) for w in group)
        for s in stems:
            result[s] = result.get(s, frozenset()) | stems
    return result


_SPLIT = re.compile(r"[^0-9a-z]+")


def words(text: str) -> list[str]:
    """Folded words of a text (accents and case removed, split on everything but letters and digits)."""
    folded = cpv_mod.fold(text).replace("'s", "s")
    return [w for w in _SPLIT.split(folded) if w]


def terms(text: str) -> list[str]:
    """The stems of a text's meaningful words."""
    stop = stopwords()
    return [stem(w) for w in words(text) if w not in stop and len(w) > 1 and not w.isdigit()]


@dataclass
class PackageMatch:
    """A package that fits the buyer's description, with a 0-100 score and what matched."""

    package: str
    name: str
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class Suggestion:
    """A criterion suggested for a tender, with the weight to start from (award criteria only) and why."""

    criterion: Criterion
    weight: int | None = None
    matched: list[str] = field(default_factory=list)  # the buyer's own words that name this criterion's lever
    above_level: bool = False  # chosen only because the description asked for it

    def reason(self, lang: str = "nl") -> str:
        """Why the description selected this criterion, or '' when it did not."""
        if not self.matched:
            return ""
        quoted = ", ".join(f"'{w}'" for w in self.matched)
        if lang == "en":
            return f"your description mentions {quoted}" + (" (above the chosen ambition level)"
                                                            if self.above_level else "")
        return f"uw omschrijving noemt {quoted}" + (" (boven het gekozen ambitieniveau)" if self.above_level else "")


class Matcher:
    """An index over the packages' names, synonyms, CPV labels and criterion texts, built once per library."""

    def __init__(self, packages: list[Package], criteria: list[Criterion],
                 catalogue: cpv_mod.CpvCatalogue | None = None) -> None:
        self.catalogue = catalogue or cpv_mod.catalogue()
        self.packages = {p.slug: p for p in packages}
        self.weights: dict[str, dict[str, float]] = {p.slug: {} for p in packages}  # slug -> term -> weight
        self.origin: dict[str, dict[str, str]] = {p.slug: {} for p in packages}  # slug -> term -> field
        by_package: dict[str, list[Criterion]] = defaultdict(list)
        for c in criteria:
            by_package[c.package].append(c)
        below = self._cpv_below(packages)
        for p in packages:
            self._add(p.slug, "name", f"{p.name_nl} {p.name_en} {p.slug.replace('-', ' ')} {p.slug}")
            self._add(p.slug, "synonym", " ".join(p.synonyms))
            for code in p.cpv:
                entry = self.catalogue.get(code)
                if entry:
                    self._add(p.slug, "cpv", f"{entry.label_nl} {entry.label_en}")
            self._add(p.slug, "cpv_below", " ".join(f"{e.label_nl} {e.label_en}" for e in below[p.slug]))
            self._add(p.slug, "criteria", " ".join(f"{c.title} {c.clause}" for c in by_package[p.slug]))
        df: dict[str, int] = defaultdict(int)
        for tw in self.weights.values():
            for t in tw:
                df[t] += 1
        n = max(len(packages), 1)
        # A word in every package tells nothing; a word in one package tells a lot.
        self.idf = {t: math.log(1 + n / d) / math.log(1 + n) for t, d in df.items()}
        self.vocab = sorted(self.idf)
        self.vocab_set = set(self.vocab)
        self.contains_index: dict[str, list[str]] = defaultdict(list)  # part -> longer terms containing it
        for t in self.vocab:
            if len(t) > MIN_COMPOUND:
                for i in range(1, len(t) - MIN_COMPOUND + 1):
                    self.contains_index[t[i:]].append(t)  # suffix: verlichting in straatverlichting
                for j in range(MIN_COMPOUND, len(t)):
                    self.contains_index[t[:j]].append(t)  # prefix: kantoor in kantoorstoel

    def _cpv_below(self, packages: list[Package]) -> dict[str, list[cpv_mod.CpvEntry]]:
        """Per package, the CPV entries below its own codes (their labels name what the package covers)."""
        prefixes: list[tuple[str, str]] = []
        for p in packages:
            for code in p.cpv:
                entry = self.catalogue.get(code)
                if entry:
                    prefixes.append((cpv_mod.significant(entry.digits), p.slug))
        result: dict[str, list[cpv_mod.CpvEntry]] = {p.slug: [] for p in packages}
        for e in self.catalogue.entries:
            for prefix, slug in prefixes:
                if e.digits.startswith(prefix) and e.digits != prefix.ljust(8, "0"):
                    result[slug].append(e)
        return result

    def _add(self, slug: str, fld: str, text: str) -> None:
        weight = FIELD_WEIGHTS[fld]
        tw, origin = self.weights[slug], self.origin[slug]
        for t in terms(text):
            if weight > tw.get(t, 0.0):
                tw[t] = weight
                origin[t] = fld

    # ------------------------------------------------------------------ query
    def expand(self, q: str) -> dict[str, float]:
        """Index terms that a query term may mean, with how sure we are (1.0 exact)."""
        found: dict[str, float] = {}
        exact = q in self.vocab_set
        if exact:
            found[q] = 1.0
        if len(q) <= 3:
            return found  # short words: exact only, fuzzy matching of "led" or "pc" finds nonsense
        # Compound in the query: its head (last part) carries the meaning, so suffixes count more. A head shorter
        # than MIN_COMPOUND counts only after a known word (berm|maai, milieu|kost): a place name ending in a short
        # word (Zaan|dijk) is no compound of it.
        for i in range(1, len(q) - MIN_HEAD + 1):
            part = q[i:]
            if part in self.vocab_set and (len(part) >= MIN_COMPOUND or q[:i] in self.vocab_set):
                found[part] = max(found.get(part, 0.0), 0.85)
        if exact:
            return found  # a known word: its first part (dienst in dienstauto) would only add noise
        for j in range(MIN_COMPOUND, len(q)):
            part = q[:j]
            if part in self.vocab_set:
                # A clean split (schoonmaak|dienstverlening) makes the first part as telling as the head.
                sure = 0.85 if q[j:] in self.vocab_set or q[j + 1 :] in self.vocab_set else 0.75
                found[part] = max(found.get(part, 0.0), sure)
        if len(q) >= MIN_COMPOUND:
            for t in self.contains_index.get(q, ()):
                found[t] = max(found.get(t, 0.0), 0.8)
        if len(q) >= 5 and (not found or max(found.values()) < 0.9):
            cutoff = FUZZY_CUTOFF if len(q) >= 7 else 86
            for t, score, _ in process.extract(q, self.vocab, scorer=fuzz.ratio, score_cutoff=cutoff, limit=4):
                found[t] = max(found.get(t, 0.0), 0.85 * score / 100)
        return found

    def query_terms(self, text: str) -> dict[str, float]:
        """The query's terms with how much each counts, abbreviations expanded.

        Dutch tender titles name the object first and the place or user after it ("Schoonmaak gemeentelijke
        gebouwen", "Dienstauto's voor de handhaving"), so later words and words after "voor"/"for" count less.
        """
        result: dict[str, float] = {}
        abbrev = abbreviations()
        position, damp = 0, 1.0
        for w in words(text):
            if w in DAMPING_WORDS:
                damp = 0.6
            if w in abbrev:
                found = [stem(x) for x in terms(" ".join(abbrev[w]))]
            elif w in stopwords() or len(w) < 2 or w.isdigit():
                continue
            else:
                found = [stem(w)]
            weight = max(0.6, 0.9**position) * damp
            position += 1
            for t in found:
                result[t] = max(result.get(t, 0.0), weight)
        return result

    def match(self, text: str = "", cpv_codes: list[str] | tuple[str, ...] = (), limit: int = 5) -> list[PackageMatch]:
        """Packages ranked by how well they fit the text and CPV codes, best first (only those that fit at all)."""
        raw: dict[str, float] = defaultdict(float)
        found: dict[str, list[tuple[float, str]]] = defaultdict(list)  # slug -> (what it added, word) in text order
        codes = list(cpv_codes) + re.findall(r"\b\d{8}(?:-\d)?\b", text)
        for q, q_weight in self.query_terms(text).items():
            expanded = self.expand(q)
            if not expanded:
                continue
            for slug, tw in self.weights.items():
                best, best_t = 0.0, ""
                for t, sure in expanded.items():
                    w = tw.get(t)
                    if w is not None:
                        value = q_weight * sure * w * self.idf[t]
                        if value > best:
                            best, best_t = value, t
                if best > 0:
                    raw[slug] += best
                    found[slug].append((best, f"{q}~{best_t}" if best_t != q else q))
        # only the words that carried the match: a word that added a sliver is no reason a buyer can check
        reasons = {slug: [word for added, word in items if added >= REASON_SHARE * raw[slug]]
                   for slug, items in found.items()}
        for code in codes:
            for slug, depth in self._cpv_hits(code).items():
                raw[slug] += 1.5 + 0.25 * depth
                reasons.setdefault(slug, []).append(f"CPV {code}")
        ranked = sorted(raw.items(), key=lambda kv: (-kv[1], kv[0]))
        return [
            PackageMatch(slug, self.packages[slug].name_nl, round(100 * (1 - math.exp(-score / SCORE_SCALE)), 1),
                         reasons.get(slug, []))
            for slug, score in ranked[:limit]
        ]

    def _cpv_hits(self, code: str) -> dict[str, int]:
        """Packages a CPV code belongs to, with how specific the match is (deeper package code: higher)."""
        entry = self.catalogue.get(code)
        if entry is None:
            return {}
        hits: dict[str, int] = {}
        for slug, p in self.packages.items():
            for pc in p.cpv:
                pe = self.catalogue.get(pc)
                if pe is None:
                    continue
                psig, qsig = cpv_mod.significant(pe.digits), cpv_mod.significant(entry.digits)
                if entry.digits.startswith(psig):
                    depth = len(psig)  # the code lies under the package's code
                elif pe.digits.startswith(qsig):
                    depth = len(qsig) - 2  # the buyer gave a broader code that contains the package's
                else:
                    continue
                hits[slug] = max(hits.get(slug, 0), depth)
        if hits:
            deepest = max(hits.values())
            hits = {s: d for s, d in hits.items() if d >= deepest - 1}  # 39143112 is mattresses, not furniture
        return hits


# weak keys: a closed library (and its matcher) goes away with its last user, not with this module
_MATCHERS: weakref.WeakKeyDictionary[Library, tuple[int, Matcher]] = weakref.WeakKeyDictionary()


def matcher_for(library: Library) -> Matcher:
    """The matcher for a library, rebuilt only when the library has changed (its `generation`)."""
    generation = int(getattr(library, "generation", 0))
    cached = _MATCHERS.get(library)
    if cached is not None and cached[0] == generation:
        return cached[1]
    matcher = build_matcher(library)
    _MATCHERS[library] = (generation, matcher)
    return matcher


def build_matcher(library: Library) -> Matcher:
    """A new matcher over the library's published criteria (1.5 s at 20,000 criteria: build it off the UI thread)."""
    published = [c for c in library.criteria(include_retired=False) if c.status == Status.PUBLISHED]
    return Matcher(library.packages(), published)


def prime_matcher(library: Library, matcher: Matcher, generation: int) -> None:
    """Use a matcher built elsewhere (from another connection) for library, if the library has not changed since."""
    if int(getattr(library, "generation", 0)) == generation:
        _MATCHERS[library] = (generation, matcher)


def match_packages(library: Library, text: str = "", cpv_codes: list[str] | tuple[str, ...] = (),
                   limit: int = 5) -> list[PackageMatch]:
    """Rank the library's packages for a description and/or CPV codes."""
    return matcher_for(library).match(text, cpv_codes, limit)


MIN_LEVER_WORD = 5  # shorter words ('bank', 'stoel') name products, not circular levers


def _lever_terms(criterion: Criterion) -> set[str]:
    """The stems that say which circular lever a criterion pulls: the words of its title (its R-strategy alone
    would tie 'hergebruik' to every R3 criterion, reporting included)."""
    return {s for s in terms(criterion.title) if len(s) >= MIN_LEVER_WORD}


def _package_terms(library: Library, package: str) -> set[str]:
    """Stems that only say which package this is (its names and synonyms): they select nothing in it."""
    for p in library.packages():
        if p.slug == package:
            return set(terms(f"{p.name_nl} {p.name_en} {p.slug.replace('-', ' ')} {' '.join(p.synonyms)}"))
    return set()


def description_matches(library: Library, package: str, description: str,
                        candidates: list[Criterion]) -> dict[str, list[str]]:
    """Criterion id -> the buyer's words that name its lever ('hergebruik van bestaand meubilair'), or a synonym
    of it ('refurbishment' for 'opknappen')."""
    own = {w: stem(w) for w in words(description) if w not in stopwords() and len(w) >= MIN_LEVER_WORD}
    synonyms = lever_synonyms()
    # a lever word stays a lever even when the package's synonyms use it ('refurbished meubilair')
    asked = {w: synonyms.get(s, frozenset({s})) for w, s in own.items()
             if s in synonyms or s not in _package_terms(library, package)}
    found: dict[str, list[str]] = {}
    for c in candidates:
        levers = _lever_terms(c)
        hit = [w for w, meant in asked.items()
               if any(s == lever or (len(s) >= 6 and lever.startswith(s)) for s in meant for lever in levers)]
        if hit:
            found[c.id] = hit
    return found


# Words of the description that must name a criterion's lever before one above the ambition level is pre-ticked:
# one word ('milieukosten' in "zo laag mogelijke milieukosten") ticked a bridge criterion for a street project.
MIN_WORDS_ABOVE_LEVEL = 2


def suggest_criteria(library: Library, package: str, level: int, price_weight: int = 30,
                     description: str = "") -> list[Suggestion]:
    """Published criteria of the package up to the ambition level, plus those above it whose lever the description
    names with at least MIN_WORDS_ABOVE_LEVEL words (the wizard shows the others unticked, with the word that
    matched); award criteria get a start weight."""
    published = [c for c in library.criteria(package=package, include_retired=False)
                 if c.status == Status.PUBLISHED]
    asked = description_matches(library, package, description, published) if description.strip() else {}
    chosen = [c for c in published  # distinct stems: 'dienst' and 'diensten' are one word said twice
              if c.level <= level or len({stem(w) for w in asked.get(c.id, ())}) >= MIN_WORDS_ABOVE_LEVEL]
    weights = propose_weights([c for c in chosen if c.kind == Kind.AWARD], price_weight)
    return [Suggestion(c, weights.get(c.id), asked.get(c.id, []), c.level > level) for c in chosen]


def propose_weights(award: list[Criterion], price_weight: int) -> dict[str, int]:
    """Weights for the punten/relatief criteria that add up to 100 - price weight (whole %).

    Inside the advised ranges when they can absorb that total (see propose_split); otherwise in proportion to the
    suggested weights, so the sum still holds.
    """
    price, weights = propose_split(award, price_weight)
    if price == price_weight:
        return weights
    weighted = [c for c in award if c.carries_weight]
    total = max(0, 100 - price_weight)
    base = [c.suggested_weight or 10 for c in weighted]
    exact = [total * b / sum(base) for b in base]
    result = [math.floor(x) for x in exact]
    # Largest remainder, so the weights add up to exactly the total.
    for i in sorted(range(len(weighted)), key=lambda i: exact[i] - result[i], reverse=True)[: total - sum(result)]:
        result[i] += 1
    return {c.id: w for c, w in zip(weighted, result, strict=True)}


def propose_split(award: list[Criterion], price_weight: int) -> tuple[int, dict[str, int]]:
    """Spread 100 - price weight over the punten/relatief criteria in proportion to their suggested weights.

    Every weight stays inside its advised range (whole %). When the ranges cannot absorb what the price leaves,
    the criteria get their minimum or maximum and the price weight becomes the rest; returns (price, weights).
    Korting criteria carry no weight and are left out.
    """
    weighted = [c for c in award if c.carries_weight]
    if not weighted:  # nothing else carries weight: the price is the whole score (not two weight errors)
        return 100, {}
    lo = [c.weight_min if c.weight_min is not None else 0 for c in weighted]
    hi = [c.weight_max if c.weight_max is not None else 100 for c in weighted]
    base = [c.suggested_weight or 10 for c in weighted]
    rest = max(0, 100 - price_weight)
    if rest <= sum(lo):
        result = lo
        price_weight = max(0, 100 - sum(lo))
    elif rest >= sum(hi):
        result = hi
        price_weight = 100 - sum(hi)
    else:
        def spread(factor: float) -> list[float]:
            return [min(h, max(low, factor * b)) for low, h, b in zip(lo, hi, base, strict=True)]

        low_f, high_f = 0.0, 100.0 / min(b for b in base if b > 0) if any(base) else 100.0
        for _ in range(60):  # bisection on the factor; the sum grows with it
            mid = (low_f + high_f) / 2
            low_f, high_f = (mid, high_f) if sum(spread(mid)) < rest else (low_f, mid)
        exact = spread(high_f)
        result = [math.floor(x) for x in exact]
        # Largest remainder, so the weights add up to exactly the rest; a fractional weight is below its maximum.
        order = sorted((i for i in range(len(weighted)) if result[i] < hi[i]),
                       key=lambda i: exact[i] - result[i], reverse=True)
        for i in order[: rest - sum(result)]:
            result[i] += 1
    return price_weight, {c.id: w for c, w in zip(weighted, result, strict=True)}


def start_weights(tender: Tender, library: Library) -> None:
    """Give a new tender, and each of its lots, weights inside the library's advice ('Verdelen volgens advies').

    The price weight moves only where the advised ranges cannot absorb what it leaves; a fixed price keeps its 0%.
    """
    found = library.criteria_by_ids(tender.criterion_ids())
    award = [found[e.id] for e in tender.criteria if e.id in found and found[e.id].kind == Kind.AWARD]
    price, weights = _split(award, tender.price_weight, fixed=tender.fixed_budget_eur is not None)
    tender.price_weight = price
    for entry in tender.criteria:
        if entry.id in weights:
            entry.weight = weights[entry.id]
    for lot in tender.lots:
        ids = set(lot.criterion_ids())
        price, weights = _split([c for c in award if c.id in ids], lot.price_weight, fixed=False)
        lot.price_weight = price
        for lc in lot.criteria:
            if lc.id in weights:
                lc.weight = weights[lc.id]


def weights_as_suggested(tender: Tender, library: Library, basis: SuggestionBasis) -> bool:
    """Whether the buyer left every weight as suggested for basis (then a new suggestion may start them again)."""
    previous = {e.id: e.weight for e in suggested_entries(tender, library, basis)}
    return all(e.weight == previous.get(e.id) for e in tender.criteria if e.id in previous or e.weight is not None)


def _split(award: list[Criterion], price_weight: int, fixed: bool) -> tuple[int, dict[str, int]]:
    if fixed:
        return price_weight, propose_weights(award, price_weight)
    return propose_split(award, price_weight)


# What a tender's criteria were suggested for: package, ambition level and description.
SuggestionBasis = tuple[str, int, str]


def suggestion_basis(tender: Tender) -> SuggestionBasis:
    """The package, ambition level and description the tender's suggestion depends on."""
    return tender.package, tender.ambition_level, tender.description


def suggested_entries(tender: Tender, library: Library, basis: SuggestionBasis | None = None) -> list[TenderCriterion]:
    """The criteria suggested for the tender (or for an earlier basis), as entries with their start weights."""
    package, level, description = basis or suggestion_basis(tender)
    suggestions = suggest_criteria(library, package, level, tender.price_weight, description)
    # the weights start_weights gives, so that a suggestion the buyer left alone is recognised as such
    _price, weights = _split([s.criterion for s in suggestions if s.criterion.kind == Kind.AWARD],
                             tender.price_weight, fixed=tender.fixed_budget_eur is not None)
    return [TenderCriterion(s.criterion.id, weight=weights.get(s.criterion.id, s.weight), version=s.criterion.version)
            for s in suggestions]


def suggest_again(tender: Tender, library: Library, before: SuggestionBasis | None) -> list[TenderCriterion]:
    """The tender's criteria after its package, ambition or description changed: the new suggestion, the buyer's
    work kept.

    before: what the current choice was suggested for (None: start afresh, as "Voorstel herstellen" does; edited
    clause texts of criteria that stay suggested are kept). Within the same package the buyer's own picks stay with
    their weights, texts and values; a suggested criterion the buyer removed stays out; one that is no longer
    suggested goes only when the buyer left it as suggested. A criterion the buyer left as suggested takes the new
    start weight, so the weights still add up. Another package has other criteria: it starts afresh.
    """
    new = suggested_entries(tender, library)
    current = {e.id: e for e in tender.criteria}
    if before is None or before[0] != tender.package:
        return [replace(n, text=current[n.id].text) if n.id in current else n for n in new]
    previous = {e.id: e for e in suggested_entries(tender, library, before)}
    now = {e.id: e for e in new}
    kept: list[TenderCriterion] = []
    for entry in tender.criteria:
        was = previous.get(entry.id)
        if was is None or _touched(entry, was):  # the buyer's own pick, or a suggestion the buyer worked on
            kept.append(entry)
        elif entry.id in now:
            kept.append(replace(entry, weight=now[entry.id].weight))
    added = [n for n in new if n.id not in current and n.id not in previous]
    order = {c.id: i for i, c in enumerate(library.criteria(package=tender.package))}
    return sorted([*kept, *added], key=lambda e: order.get(e.id, len(order)))


def _touched(entry: TenderCriterion, suggested: TenderCriterion) -> bool:
    """Whether the buyer changed a suggested criterion: its weight, clause text or own values."""
    return entry.weight != suggested.weight or entry.text is not None or bool(entry.values)
