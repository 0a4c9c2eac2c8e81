"""Search: FTS5 candidates (prefix, Dutch plural, compound and typo expansion), ordered by tier, by BM25 over the
title and the package's names, and by how well the title fits (rapidfuzz)."""

from __future__ import annotations

import heapq
import json
import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from .errors import LibraryError
from .infra.text import fold, stem
from .models import Criterion, SearchHit, Status
from .workflow import PENDING_WITH_STATUS_SQL

if TYPE_CHECKING:
    from .store import LibraryStore

CANDIDATES = 300
ENOUGH = 8  # fewer strict hits than this widens the search
MAX_EXPANSIONS = 12
FUZZY_TITLE_LIMIT = 5000  # above this many criteria the title pass would cost more than a frame
# The relevance within a tier is BM25 over the two short texts that say what a criterion is about, kept in memory: its
# title (a long title is about more than the typed words) and its package's names. FTS5's bm25() read the long texts
# too and counted each phrase's matches in the whole index on each of up to nine queries per keystroke: 4-15 ms at
# 20,000 criteria, most of a search.
TITLE_WEIGHT, PACKAGE_WEIGHT = 10.0, 4.0  # the column weights bm25() had
ELSEWHERE = 1.0  # a match found only in a rationale, clause or verification text
K1, B = 1.2, 0.75  # BM25's saturation and length normalisation, as FTS5 has them
KEPT_TITLES = 20_000  # folded titles kept between keystrokes; beyond this the memory is given back
KEPT_CRITERIA = 5_000  # criteria kept as objects between keystrokes: typing 'her', 'herg', ... finds the same ones
FIT_MARGIN = 1e-6  # rounding room when a title's fit is only needed above a bound
TOKEN_RE = re.compile(r"[^\W_]+")
# a typed criterion id or the start of one: 'VKB-M-01', 'vkb-m', 'vkb'
ID_QUERY_RE = re.compile(r"^\s*(?:([A-Za-z]{2,5})-)?([A-Za-z]{2,5})(?:-([SMGCsmgc])(?:-(\d{1,4}))?)?-?\s*$")
ID_EXACT_SCORE = 100.0
ID_PREFIX_SCORE = 99.0
TEXT_SCORE_MAX = 98.0
# FTS column filter, relevance floor and span: each tier's weakest hit still beats the next tier's best
TIERS = (("{{title}} : ({match})", 0.6, 0.4), ("{{package_terms}} : ({match})", 0.3, 0.3), ("{match}", 0.0, 0.3))  # a code typed by the user always ranks above words found in texts


# Bounds on what one search (one keystroke) may cost: a pasted page of 'a* a* a* ...' took 107 s unbounded. The
# typo and compound expansions scan the whole vocabulary once per word, so the number of words is the bound.
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 8
MAX_TERM_CHARS = 40


def query_terms(query: str) -> tuple[list[str], bool]:
    """The words a search uses, and whether the query was cut to get them: at most MAX_QUERY_CHARS characters,
    MAX_QUERY_TERMS distinct words of at most MAX_TERM_CHARS characters each, in the order typed."""
    cut = len(query) > MAX_QUERY_CHARS
    typed = tokens(query[:MAX_QUERY_CHARS])
    if cut and len(typed) > 1 and TOKEN_RE.match(fold(query[MAX_QUERY_CHARS])):
        typed.pop()  # the word the cut went through
    words: list[str] = []
    for word in typed:
        if len(word) > MAX_TERM_CHARS:
            word, cut = word[:MAX_TERM_CHARS], True
        if word in words:
            cut = True
        elif len(words) == MAX_QUERY_TERMS:
            cut = True
            break
        else:
            words.append(word)
    return words, cut


def tokens(text: str) -> list[str]:
    """Lower-case, accent-free words, split the way the FTS tokenizer splits them."""
    return TOKEN_RE.findall(fold(text))


# A term to look for, and whether longer words starting with it count too (FTS5's "term"*)
Phrase = tuple[str, bool]


def _fts_phrase(phrase: Phrase) -> str:
    term, prefix = phrase
    return '"' + term.replace('"', "") + '"' + ("*" if prefix else "")


@dataclass
class _Index:
    """What search keeps between keystrokes for one state of the library."""

    data_version: int  # SQLite's count of other connections' commits when this was read
    vocabulary: list[str]  # every indexed term
    titles: dict[str, _Words] = field(default_factory=dict)  # criterion id -> its title
    package_names: dict[str, _Words] = field(default_factory=dict)  # a package's names -> themselves as words
    criteria: dict[str, Criterion] = field(default_factory=dict)  # the hits shown so far, by id
    rows: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # rowid -> (id, title, package names)


@dataclass(frozen=True)
class _Words:
    """A short text folded; its words as the FTS tokenizer splits them (joined: ' w1 w2 ', to count prefixes) and as
    split on spaces (for the fit)."""

    folded: str
    words: tuple[str, ...]
    joined: str
    spaced: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> _Words:
        folded = fold(text)
        words = tuple(TOKEN_RE.findall(folded))
        return cls(folded, words, " " + " ".join(words) + " ", tuple(folded.split()))

    def bm25(self, phrases: _Phrases, norm: float) -> float:
        """BM25's term part for the phrases: each phrase's hits count less the more there are, and less in a long
        text (a large norm)."""
        total = 0.0
        for key in phrases.prefixes:
            hits = self.joined.count(key)
            if hits:
                total += hits / (hits + norm)
        for term in phrases.exact:
            hits = self.words.count(term)
            if hits:
                total += hits / (hits + norm)
        return (K1 + 1) * total


@dataclass(frozen=True)
class _Phrases:
    """The phrases of one FTS query, ready to count: prefixes as ' term' (a word starting with it), exact terms."""

    prefixes: tuple[str, ...]
    exact: tuple[str, ...]

    @classmethod
    def of(cls, phrases: list[Phrase]) -> _Phrases:
        return cls(tuple(" " + t for t, prefix in phrases if prefix), tuple(t for t, prefix in phrases if not prefix))


def _raise_if_damaged(exc: sqlite3.Error) -> None:
    """A damaged full-text index (SQLITE_CORRUPT) becomes a message that says how to repair it."""
    if getattr(exc, "sqlite_errorcode", 0) & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        raise LibraryError(
            "De zoekindex van de bibliotheek is beschadigd. Bouw hem opnieuw op (Bestand > Zoekindex opnieuw "
            "opbouwen) en controleer de bibliotheek ('library check').",
            en="The library's search index is damaged. Rebuild it (File > Rebuild search index) and check the "
            "library ('library check').",
        ) from exc


def _index(store: LibraryStore) -> _Index:
    """The vocabulary and the titles seen so far, read again when the library changed (here or in another program)."""
    version = int(store.db.conn.execute("PRAGMA data_version").fetchone()[0])
    index = store.cached("search.index", lambda: _Index(version, _read_vocabulary(store)))
    if index.data_version != version:  # another connection wrote: this store's own generation did not move
        index.data_version, index.vocabulary = version, _read_vocabulary(store)
        index.titles.clear()
        index.package_names.clear()
        index.criteria.clear()
        index.rows.clear()
    return index


def _read_vocabulary(store: LibraryStore) -> list[str]:
    conn = store.db.conn
    try:
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.criteria_vocab USING fts5vocab(main, 'criteria_fts', 'row')")
        return [r[0] for r in conn.execute("SELECT term FROM temp.criteria_vocab")]
    except sqlite3.Error as exc:
        _raise_if_damaged(exc)
        return []


def _alternatives(token: str, vocab: list[str]) -> list[Phrase]:
    """FTS terms that stand for a typed word: its stem as prefix, compounds containing it, typo corrections."""
    alts: list[Phrase] = [(stem(token), True)]
    if len(token) >= 4:
        containing = [t for t in vocab if token in t and not t.startswith(token)]
        containing.sort(key=len)
        alts.extend((t, False) for t in containing[:MAX_EXPANSIONS])
    if len(token) >= 4:
        cutoff = 80 if len(token) < 7 else 75
        for term, _score, _ in process.extract(token, vocab, scorer=fuzz.ratio, limit=4, score_cutoff=cutoff):
            alts.append((term, False))
        # a typo in the part typed so far: compare with the same length of each term
        width = len(token) + 1
        prefix_hits = process.extract(token, vocab, scorer=fuzz.ratio, limit=3, score_cutoff=cutoff + 5,
                                      processor=lambda t: t[:width])
        alts.extend((term[:width], True) for term, _s, _ in prefix_hits)
    return list(dict.fromkeys(alts))


def _filters(package: str | None, kind: str | None, level: int | None, status: str | None) -> tuple[str, list]:
    clauses: list[str] = []
    params: list[str | int] = []
    if package:
        clauses.append("c.package = ?")
        params.append(package)
    if kind:
        clauses.append("c.kind = ?")
        params.append(str(kind))
    if level is not None:
        clauses.append("c.level = ?")
        params.append(int(level))
    if status:
        clauses.append(f"(c.status = ? OR c.{PENDING_WITH_STATUS_SQL})")
        params.extend([str(status), str(status)])
    else:
        clauses.append("c.status != ?")
        params.append(Status.RETIRED.value)
    return "".join(f" AND {c}" for c in clauses), params


def _fts(store: LibraryStore, match: str, where: str, params: list,
         index: _Index | None = None) -> list[tuple[str, str, str]]:
    """Up to CANDIDATES matches (id, title, package names), unordered so a common word costs no more than a rare one.
    With `index` (no filter but the default one, retired criteria left out) only rowids are asked of FTS: the join
    that read each match's title and package names cost half again as much as the match itself (0.9 against 0.6 ms
    for 300 rows); the rows come from what search keeps, read once."""
    try:
        if index is None:
            sql = (f"SELECT c.id, c.title, c.package_terms FROM criteria_fts JOIN criteria c ON c.rowid = "
                   f"criteria_fts.rowid WHERE criteria_fts MATCH ?{where} LIMIT {CANDIDATES}")
            return store.db.conn.execute(sql, [match, *params]).fetchall()
        rowids = [r[0] for r in store.db.conn.execute(
            f"SELECT rowid FROM criteria_fts WHERE criteria_fts MATCH ? AND rowid NOT IN "
            f"(SELECT rowid FROM criteria WHERE status = ?) LIMIT {CANDIDATES}", [match, Status.RETIRED.value])]
        return _rows(store, index, rowids)
    except sqlite3.DatabaseError as exc:
        _raise_if_damaged(exc)  # a damaged index is reported, not silently replaced by fuzzy title matches
        if isinstance(exc, sqlite3.OperationalError):
            return []  # a query FTS cannot parse finds nothing rather than failing the user's typing
        raise


def _rows(store: LibraryStore, index: _Index, rowids: list[int]) -> list[tuple[str, str, str]]:
    """(id, title, package names) of these criteria by rowid, in that order; only those not kept are read."""
    kept = index.rows
    missing = [r for r in rowids if r not in kept]
    if missing:
        if len(kept) + len(missing) > KEPT_TITLES:
            kept.clear()
        found = store.db.conn.execute(
            f"SELECT rowid, id, title, package_terms FROM criteria WHERE rowid IN ({', '.join('?' * len(missing))})",
            missing).fetchall()
        kept.update((r[0], (r[1], r[2], r[3])) for r in found)
    return [kept[r] for r in rowids if r in kept]  # a rowid the index holds but the table lost is no match


def _id_hits(store: LibraryStore, query: str, where: str, params: list) -> dict[str, float]:
    """Criteria whose id is the typed code (score 100) or starts with it (99): 'VKB-M-01', 'VKB-M', 'vkb'."""
    match = ID_QUERY_RE.match(query)
    if not match:
        return {}
    organisation, prefix, letter, number = match.groups()
    code = (f"{organisation.upper()}-" if organisation else "") + prefix.upper() \
        + (f"-{letter.upper()}" if letter else "") + (f"-{number}" if number else "")
    start = code + ("" if number else "-")
    # a range on the primary key instead of LIKE (case-insensitive, so it scanned every row: 8 ms at 20,000);
    # ids are upper case (CRITERION_ID_RE), so the range finds the same rows
    end = start[:-1] + chr(ord(start[-1]) + 1)
    rows = store.db.conn.execute(
        f"SELECT c.id FROM criteria c WHERE (c.id = ? OR (c.id >= ? AND c.id < ?)){where} ORDER BY c.id "
        f"LIMIT {CANDIDATES}", [code, start, end, *params]).fetchall()
    return {r[0]: ID_EXACT_SCORE if r[0] == code else ID_PREFIX_SCORE for r in rows}


def search_criteria(store: LibraryStore, query: str, package: str | None = None, kind: str | None = None,
                    level: int | None = None, status: str | None = None, limit: int = 50) -> list[SearchHit]:
    """Criteria matching the query, best first, with a score from 0 to 100; see query_terms for the bounds."""
    words, _cut = query_terms(query)
    if not words or limit <= 0:
        return []
    query = query[:MAX_QUERY_CHARS]
    where, params = _filters(package, kind, level, status)
    filtered = bool(package or kind or level is not None or status)  # else FTS gives rowids and kept rows the rest
    typed = " ".join(words)
    index = _index(store)
    candidates: dict[str, tuple[_Words, float]] = {}  # id -> (title, weighted relevance 0..1)
    starts = [_starts(w) for w in words]
    title_fit = _Fit.of(starts, typed)
    scored: dict[str, float] = {}
    page: list[float] = []  # the best `limit` text scores so far, lowest first (a heap)
    considered = 0  # rapidfuzz only on the strongest CANDIDATES: fuzzy scoring every match would cost more than a frame

    def out_of_reach(relevance: float) -> bool:
        """Whether a hit this relevant cannot reach the page, whatever its title: `limit` better hits are in hand."""
        return len(page) >= limit and text_score(relevance, 1.0) < page[0]

    def fill_page(ranked: list[tuple[str, tuple[_Words, float]]]) -> bool:
        """Score hits by falling relevance until one cannot reach the page; False when one could not."""
        nonlocal considered
        room = TEXT_SCORE_MAX - 60.0
        for cid, (title, relevance) in ranked:  # out_of_reach written out: this runs up to 300 times a keystroke
            if considered >= CANDIDATES:
                return False
            needed = 0.0
            if len(page) >= limit:
                if text_score(relevance, 1.0) < page[0]:
                    return False  # by falling relevance: not this one nor any after it can reach the page
                # the fit below which it stays under the page's lowest score (a margin, so a tie is scored exactly)
                needed = (page[0] - 60.0 * relevance) / room - FIT_MARGIN
            considered += 1
            scored[cid] = fit = text_score(relevance, title_fit(title, needed))
            if len(page) < limit:
                heapq.heappush(page, fit)
            elif fit > page[0]:
                heapq.heapreplace(page, fit)
        return True

    def collect(match: str, phrases: list[Phrase], weight: float, scoring: bool) -> None:
        # title and package names first: they say what a criterion is about; then every text column
        # a hit in the title outranks one in the package's names, which outranks one deep in a rationale
        package_parts: dict[str, float] = {}
        titles = index.titles
        counted = _Phrases.of(phrases)
        seen: set[str] = set()
        for columns_match, floor, span in TIERS:
            # the tiers come by falling relevance: a tier no hit of which could reach the page is not asked (the
            # strict pass only, and only with ENOUGH hits, so a wider search would not have followed either)
            if scoring and len(candidates) >= ENOUGH and out_of_reach(weight * (floor + span)):
                break
            rows = _fts(store, columns_match.format(match=match), where, params, None if filtered else index)
            new = [r for r in rows if r[0] not in seen]  # a higher tier's relevance cannot be beaten here
            seen.update(r[0] for r in new)
            words = [titles.get(cid) or _title(index, cid, title) for cid, title, _names in new]
            average = (sum(len(w.folded) for w in words) / len(words) or 1.0) if words else 1.0
            parts = []
            for (_cid, _title_text, names), title_words in zip(new, words, strict=True):
                package_part = package_parts.get(names)
                if package_part is None:
                    package_part = package_parts[names] = PACKAGE_WEIGHT * _package_names(index, names).bm25(counted, K1)
                norm = K1 * (1 - B + B * len(title_words.folded) / average)  # a long title is about more than this
                parts.append(ELSEWHERE + package_part + TITLE_WEIGHT * title_words.bm25(counted, norm))
            best = max(parts, default=1.0)
            found: dict[str, tuple[_Words, float]] = {}
            for (cid, _title_text, _names), title_words, part in zip(new, words, parts, strict=True):  # vs tier's best
                relevance = weight * (floor + span * part / best)
                if cid not in candidates or relevance > candidates[cid][1]:  # an earlier pass may have found it
                    candidates[cid] = found[cid] = (title_words, relevance)
            if scoring and not fill_page(sorted(found.items(), key=lambda kv: kv[1][1], reverse=True)):
                if len(candidates) >= ENOUGH:
                    break  # the rest cannot reach the page
                scoring = False  # but the lower tiers still count towards ENOUGH
            if len(rows) >= CANDIDATES:
                break  # a full tier fills the strongest CANDIDATES; a lower tier's relevance cannot reach them

    strict = [(start, True) for alternatives in starts for start in alternatives]
    collect(" AND ".join("(" + " OR ".join(_fts_phrase((a, True)) for a in alternatives) + ")" for alternatives in starts),
            strict, 1.0, True)
    if len(candidates) < ENOUGH:
        # an English word's Dutch words are widened as typed words are (meeneemverpakkingen for verpakking)
        groups = [list(dict.fromkeys([*_alternatives(w, index.vocabulary),
                                      *(p for d in _dutch(w) for p in _alternatives(d, index.vocabulary))]))
                  for w in words]
        every = [p for g in groups for p in g]
        collect(" AND ".join("(" + " OR ".join(_fts_phrase(p) for p in g) + ")" for g in groups), every, 0.85, False)
        if len(candidates) < ENOUGH and len(words) > 1:
            collect(" OR ".join(_fts_phrase(p) for p in every), every, 0.6, False)
        # a wider search found few: score them all again together, by falling relevance
        scored.clear()
        page.clear()
        considered = 0
        fill_page(sorted(candidates.items(), key=lambda kv: kv[1][1], reverse=True))
    for cid, score in _id_hits(store, query, where, params).items():
        scored[cid] = max(score, scored.get(cid, 0.0))
    if not scored and store.count_criteria() <= FUZZY_TITLE_LIMIT:
        collect_titles(store, typed, where, params, scored)
    ordered = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    found = _criteria(store, index, [cid for cid, _ in ordered])
    return [SearchHit(found[cid], round(score, 1)) for cid, score in ordered if cid in found]


def _criteria(store: LibraryStore, index: _Index, ids: list[str]) -> dict[str, Criterion]:
    """The criteria with these ids; only those not shown before are read (whole rows cost 30 us each)."""
    kept = index.criteria
    missing = [cid for cid in ids if cid not in kept]
    if missing:
        if len(kept) + len(missing) > KEPT_CRITERIA:
            kept.clear()
        kept.update(store.criteria_by_ids(missing))
    return {cid: kept[cid] for cid in ids if cid in kept}


def _title(index: _Index, cid: str, title: str) -> _Words:
    """A criterion's title as words, kept between keystrokes (the index is new when the library changed)."""
    kept = index.titles.get(cid)
    if kept is None:
        if len(index.titles) >= KEPT_TITLES:
            index.titles.clear()
        kept = index.titles[cid] = _Words.of(title or "")
    return kept


def _package_names(index: _Index, names: str | None) -> _Words:
    kept = index.package_names.get(names or "")
    if kept is None:
        kept = index.package_names[names or ""] = _Words.of(names or "")
    return kept


TRANSLATIONS_FILE = Path(__file__).with_name("data") / "search_translations.json"


@lru_cache(maxsize=1)
def translations() -> dict[str, tuple[str, ...]]:
    """English word (folded, as written: its stem could be a Dutch word, 'spar' of 'spare' and 'sparen') -> the
    stems of the Dutch words criterion texts use for it: 'reusable packaging' found 'Energy Reuse Factor' by a typo
    correction first, as no Dutch text says 'reusable'."""
    data = json.loads(TRANSLATIONS_FILE.read_text(encoding="utf-8"))
    return {fold(english): tuple(dict.fromkeys(stem(fold(w)) for w in dutch))
            for english, dutch in data.items() if not english.startswith("_")}


def _starts(word: str) -> tuple[str, ...]:
    """What a word found in a text may start with to be the typed word: its stem (verkeersbord for verkeersborden,
    pal for paal as in palen), the word itself where the stem is not its start (staal, materiaal, levensduur:
    'stal*' alone would miss the word as typed), and for an English word the stems of its Dutch words."""
    root = stem(word)
    own = (root,) if word.startswith(root) else (root, word)
    return own + tuple(d for d in _dutch(word) if d not in own)


def _dutch(word: str) -> tuple[str, ...]:
    """The stems of the Dutch words for an English typed word (none for any other word)."""
    return translations().get(word, ())


@dataclass(frozen=True)
class _Fit:
    """How well a title fits the typed query, 0..1: its words start with the typed words (as FTS matches 'stem*'),
    early in the title and making up much of it, and the fuzzy ratio that forgives a typo. Prepared once per
    keystroke and called for up to CANDIDATES titles, so written as plain loops (a third of the generator version)."""

    starts: tuple[tuple[str, ...], ...]  # per typed word, what a title's word may start with (see _starts)
    typed: str
    prefixes: tuple[str, ...]  # every start, for str.startswith

    @classmethod
    def of(cls, starts: list[tuple[str, ...]], typed: str) -> _Fit:
        return cls(tuple(starts), typed, tuple(a for alternatives in starts for a in alternatives))

    def __call__(self, title: _Words, needed: float = 0.0) -> float:
        """The fit; below `needed` the hit cannot reach the page, so there the fuzzy part may be left out."""
        folded, words = title.folded, title.spaced  # split on spaces: near enough to the FTS words for an order
        found = 0
        for alternatives in self.starts:
            for alternative in alternatives:
                if alternative in folded:
                    found += 1
                    break
        first, count = -1, 0
        if found:  # a title containing none of the starts has no word starting with one (a typo's usual case)
            prefixes = self.prefixes
            for i, word in enumerate(words):
                if word.startswith(prefixes):
                    count += 1
                    if first < 0:
                        first = i
        covered = found / len(self.starts) if self.starts else 0.0
        share = count / len(words) if words else 0.0
        early = 1.0 / (1 + first) if count else 0.0
        rest = 0.25 * covered + 0.2 * share + 0.15 * early
        typed = self.typed
        # the typed text inside the title is a perfect partial match: rapidfuzz would say 100 too
        if typed in folded:
            fuzzy = 1.0
        elif rest + 0.4 < needed:
            fuzzy = 0.0  # even a perfect fuzzy match stays below the page
        else:  # rapidfuzz stops early below the ratio the page needs
            fuzzy = fuzz.partial_ratio(typed, folded, score_cutoff=max(0.0, (needed - rest) / 0.4 * 100.0 - FIT_MARGIN))
            fuzzy /= 100.0
        return 0.4 * fuzzy + 0.25 * covered + 0.2 * share + 0.15 * early  # in this order: sums that tie stay tied


def text_score(relevance: float, fit: float) -> float:
    """A text hit's score, 0..TEXT_SCORE_MAX: the tier and bm25 relevance (0..1) first, then the title's fit (0..1).
    Not capped below the maximum, so hits within one tier keep their order instead of tying at the top."""
    if relevance <= 0:
        return 0.0
    return 60.0 * relevance + (TEXT_SCORE_MAX - 60.0) * fit


def collect_titles(store: LibraryStore, text: str, where: str, params: list, scored: dict[str, float]) -> None:
    """Last resort: fuzzy match the typed text against every title (small libraries only)."""
    rows = store.db.conn.execute(f"SELECT c.id, c.title FROM criteria c WHERE 1=1{where}", params).fetchall()
    choices = {r[0]: fold(r[1]) for r in rows}
    for _title, score, cid in process.extract(text, choices, scorer=fuzz.WRatio, limit=20, score_cutoff=70):
        scored[cid] = 0.5 * score
