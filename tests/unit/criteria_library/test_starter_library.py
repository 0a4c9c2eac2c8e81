"""The starter library as a buyer gets it: complete, valid, Dutch, pasteable, at the promised depth."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

from criteria_library import cpv
from criteria_library.integrity import check_library
from criteria_library.models import PLACEHOLDER_RE, Criterion, Kind
from criteria_library.starter import starter_files, starter_pack
from criteria_library.store import LibraryStore

SLUGS = {
    "bedrijfskleding", "meubilair", "verkeersborden", "openbare-verlichting", "ict-hardware", "datacenters",
    "catering", "gebouwen", "gww", "schoonmaak", "groenbeheer", "textiel", "kunststoffen", "elektronica", "luiers",
    "matrassen", "metalen", "afvalinzameling", "papier-drukwerk", "voertuigen",
}
DEEP = {"bedrijfskleding", "meubilair", "verkeersborden", "gebouwen", "gww", "ict-hardware", "catering"}
DUTCH_WORDS = {"de", "het", "een", "en", "van", "in", "op", "voor", "met", "is", "dat", "die", "te", "aan", "bij",
               "of", "door", "naar", "wordt", "zijn", "niet", "om", "uit", "als", "dan", "ook", "worden", "tot"}


@pytest.fixture(scope="module")
def pack():
    return starter_pack()


def dutch_share(text: str) -> float:
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    return sum(w in DUTCH_WORDS for w in words) / max(1, len(words))


def test_one_file_per_package_and_all_twenty_there(pack) -> None:
    # the eight packages of the second edition are checked in test_starter_new_packages.py
    assert {p.slug for p in pack.packages} >= SLUGS
    assert {f.stem for f in starter_files()} >= SLUGS
    for p in pack.packages:
        assert p.name_nl and p.name_en and p.synonyms, p.slug
        assert p.cpv and all(code in cpv.catalogue() for code in p.cpv), p.slug


def test_depth_per_package(pack) -> None:
    by_package: dict[str, list[Criterion]] = defaultdict(list)
    for c in pack.criteria:
        by_package[c.package].append(c)
    for slug in SLUGS:
        items = by_package[slug]
        kinds = {str(c.kind) for c in items}
        assert len(items) >= 8, f"{slug}: {len(items)} criteria"
        assert kinds == {k.value for k in Kind}, f"{slug} lacks a kind"
        if slug in DEEP:
            assert len(items) >= 14, f"{slug}: {len(items)} criteria"
            assert {c.level for c in items} == {1, 2, 3}, f"{slug} lacks a level"
    assert len(pack.criteria) >= 250


def test_every_criterion_is_complete_text(pack) -> None:
    problems = []
    for c in pack.criteria:
        if not 8 <= len(c.title) <= 100:
            problems.append(f"{c.id}: title length {len(c.title)}")
        if len(c.rationale) < 100 or c.rationale.count(".") < 2:
            problems.append(f"{c.id}: rationale shorter than two sentences")
        if len(c.clause) < 60:
            problems.append(f"{c.id}: clause too short")
        if len(c.verification) < 40:
            problems.append(f"{c.id}: verification too short")
        if len(c.source) < 5:
            problems.append(f"{c.id}: no real source")
        if c.kind == Kind.AWARD and ((c.carries_weight and c.suggested_weight is None)
                                     or (c.scoring is None and len(c.scoring_text) < 15)):
            problems.append(f"{c.id}: award criterion without weight range or scoring method")
    assert not problems, "\n".join(problems)


def test_texts_are_dutch(pack) -> None:
    for c in pack.criteria:
        for name in ("rationale", "clause", "verification"):
            share = dutch_share(getattr(c, name))
            assert share >= 0.12, f"{c.id}.{name} does not read as Dutch ({share:.0%})"


def test_clauses_are_formal_and_fillable(pack) -> None:
    formal = ("inschrijver", "opdrachtnemer", "opdrachtgever", "aangeboden", "geleverde", "leverancier", "aanbieder")
    for c in pack.criteria:
        # a technical specification may describe the product ("De toe te passen ..."); the rest binds a party
        if c.kind != Kind.REQUIREMENT:
            assert any(word in c.clause.lower() for word in formal), f"{c.id}: clause does not address a party"
        for name in PLACEHOLDER_RE.findall(c.clause):
            assert c.placeholders.get(name, "").strip(), f"{c.id}: {{{{{name}}}}} without default"


def test_no_two_criteria_share_a_clause(pack) -> None:
    normalised = Counter(re.sub(r"\W+", " ", c.clause.lower()).strip() for c in pack.criteria)
    assert [text[:60] for text, n in normalised.items() if n > 1] == []
    assert len({c.id for c in pack.criteria}) == len(pack.criteria)


def test_loaded_library_passes_check_and_reimport_changes_nothing(library: LibraryStore) -> None:
    from criteria_library.exchange import plan_import

    assert check_library(library).ok
    assert not plan_import(library, starter_pack()).has_changes
    assert library.search("bedrijfskleding")[0].criterion.package == "bedrijfskleding"
