"""The starter library as a buyer gets it: complete, valid, Dutch, pasteable, at the promised depth."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

from criteria_library import cpv
from criteria_library.integrity import check_library
from criteria_library.models import PLACEHOLDER_RE, Criterion, Kind, ScoringType, Status
from criteria_library.search import search_criteria
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
    from criteria_library.pack_import import plan_import

    assert check_library(library).ok
    assert not plan_import(library, starter_pack()).has_changes
    assert search_criteria(library, "bedrijfskleding")[0].criterion.package == "bedrijfskleding"


# ---------------------------------------------------------------- second edition (issue 10): rules for every criterion
WORKS = {"gebouwen", "gww", "riolering"}  # references for works may go back five years (Aanbestedingswet 2012, 2.93)
NUMBER = re.compile(r"\d+(?:,\d+)?")
ORGANISATION_PRONOUNS = [re.compile(p) for p in (r"\bhaar\b", r"\bdie zij\b", r"\bzij aanwijst\b",
                                                   r"\{\{opdrachtgever\}\}[^.]*\blaat hij\b")]


def test_every_award_criterion_has_a_scoring_type_consistent_with_its_weights(pack) -> None:
    problems = []
    for c in pack.criteria:
        if c.kind != Kind.AWARD:
            if c.scoring is not None or c.weight_min is not None:
                problems.append(f"{c.id}: scoring or weight on a {c.kind}")
            continue
        if c.scoring is None:
            problems.append(f"{c.id}: no scoring type")
        elif c.scoring_type == ScoringType.DISCOUNT:
            if c.weight_min is not None or c.weight_max is not None:
                problems.append(f"{c.id}: fictieve korting with a %-weight")
            if c.scoring.in_euros:  # an MKI in euros: a factor of 1 to 5 euro per euro MKI, a cap, the plafond
                if not (1 <= (c.scoring.per_unit_eur or 0) <= 5 and (c.scoring.cap_eur or 0) > 0
                        and c.scoring.reference is not None):
                    problems.append(f"{c.id}: korting {c.scoring.per_unit_eur} euro per unit, cap {c.scoring.cap_eur}")
            elif not 0 < c.scoring.per_unit_pct <= c.scoring.cap_pct <= 15:
                problems.append(f"{c.id}: korting {c.scoring.per_unit_pct}% per unit, cap {c.scoring.cap_pct}%")
        elif c.weight_min is None or c.weight_max is None or not 0 < c.weight_min <= c.weight_max <= 40:
            problems.append(f"{c.id}: {c.scoring_type} needs a weight range, has {c.weight_min}-{c.weight_max}")
    assert not problems, "\n".join(problems)


def test_scoring_numbers_agree_with_the_text(pack) -> None:
    """The document prints the structured scoring; the explanation next to it names the same numbers."""
    problems = []
    for c in pack.criteria:
        if c.scoring is None:
            continue
        text = c.scoring_text
        if c.scoring_type == ScoringType.POINTS:
            points = [lv.points for lv in c.scoring.levels]
            if max(points) != c.scoring.scale_max or min(points) < 0 or not all(lv.description for lv in c.scoring.levels):
                problems.append(f"{c.id}: levels {points} do not reach {c.scoring.scale_max} or lack a description")
        elif c.scoring_type == ScoringType.RELATIVE:
            for found in re.findall(r"(?:onder)?grens van (\d+(?:,\d+)?)", text):
                if float(found.replace(",", ".")) != c.scoring.floor:
                    problems.append(f"{c.id}: text names a floor of {found}, scoring has {c.scoring.floor}")
        else:
            for found in re.findall(r"plafond van (\d+(?:,\d+)?) procent", text):
                if float(found.replace(",", ".")) != c.scoring.cap_pct:
                    problems.append(f"{c.id}: text names a cap of {found}, scoring has {c.scoring.cap_pct}")
            for units in re.findall(r"bij (\d+) extra jaren", text):
                if c.scoring.per_unit_pct * int(units) != c.scoring.cap_pct:
                    problems.append(f"{c.id}: {units} extra years do not reach the cap")
    assert not problems, "\n".join(problems)


def test_scoring_fixes_of_the_review_hold(pack) -> None:
    by_id = {c.id: c for c in pack.criteria}
    # an offer at the minimum requirement scores 0: the floor is the minimum, not 0
    assert by_id["BKL-G-01"].scoring.floor == float(by_id["BKL-M-04"].placeholders["min_gerecycled_procent"])
    assert by_id["TEX-G-01"].scoring.floor == float(by_id["TEX-M-03"].placeholders["min_gerecycled_procent"])
    # the lowest bid no longer always scores 0
    assert by_id["AFV-G-01"].scoring_type == ScoringType.RELATIVE and by_id["AFV-G-01"].scoring.floor > 0
    # MEU-G-03: the korting cap sits in the usual 5-10 % band and matches the years on offer
    meu = by_id["MEU-G-03"]
    # the years are counted from the warranty of the minimum requirement (issue 21: one value, not a second copy)
    assert (meu.floor_from.criterion, meu.floor_from.placeholder) == ("MEU-M-02", "garantie_jaren")
    extra_years = int(meu.placeholders["max_garantie_jaren"]) - int(by_id["MEU-M-02"].placeholders["garantie_jaren"])
    assert meu.scoring.cap_pct <= 10 and meu.scoring.per_unit_pct * extra_years == meu.scoring.cap_pct
    # BKL-G-04 admits a service variant and scores it on a scale, not by a korting
    assert by_id["BKL-G-04"].scoring_type == ScoringType.POINTS and "2.83" in by_id["BKL-G-04"].source


def test_no_source_suggests_an_mra_decision_it_does_not_have(pack) -> None:
    bad = re.compile(r"MRA[- ]?(werkgroep|grondstofstro|ondersteuning)", re.I)
    assert [c.id for c in pack.criteria if bad.search(c.source)] == []
    outdated = re.compile(r"800-88 Rev\. 1|Verordening bouwproducten \(CE")
    assert [c.id for c in pack.criteria if outdated.search(c.source + c.clause)] == []
    # the waste shipment regulation 1013/2006 is replaced by 2024/1157 from 21 May 2026
    assert [c.id for c in pack.criteria if "1013/2006" in c.source and "2024/1157" not in c.source] == []


def test_reference_windows_for_supplies_and_services_are_three_years(pack) -> None:
    problems = []
    for c in pack.criteria:
        for name in re.findall(r"afgelopen \{\{(\w+)\}\} jaar", c.clause):
            years = int(c.placeholders[name])
            if years > 3 and c.package not in WORKS and "langere referentietermijn" not in c.clause:
                problems.append(f"{c.id}: {years} years without a motivation")
        if re.search(r"afgelopen (vier|vijf|zes|tien) jaar", c.clause) and c.package not in WORKS:
            problems.append(f"{c.id}: long reference window written out")
    assert not problems, "\n".join(problems)


def test_every_numeric_placeholder_has_a_unit_and_a_range(pack) -> None:
    problems = []
    for c in pack.criteria:
        for name, default in c.placeholders.items():
            if not re.fullmatch(r"\d+(?:,\d+)?", default):
                continue
            meta = c.placeholder_meta.get(name)
            value = float(default.replace(",", "."))
            if meta is None or not meta.label or not meta.unit or meta.min is None or meta.max is None:
                problems.append(f"{c.id}.{name}: no label, unit or range")
            elif not meta.min <= value <= meta.max:
                problems.append(f"{c.id}.{name}: default {default} outside {meta.min}-{meta.max}")
    assert not problems, "\n".join(problems)


def test_placeholder_names_mean_one_thing_within_a_package(pack) -> None:
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    problems = []
    for c in pack.criteria:
        if c.package not in SLUGS:  # the second-edition packages have their own tests
            continue
        for name, default in c.placeholders.items():
            first = seen.setdefault((c.package, name), (c.id, default))
            if first[1] != default:
                problems.append(f"{c.package}: {{{{{name}}}}} is {first[1]} in {first[0]} and {default} in {c.id}")
    assert not problems, "\n".join(problems)


def test_contract_words_opdrachtgever_and_no_pronoun_for_an_organisation(pack) -> None:
    problems = []
    for c in pack.criteria:
        if "opdrachtgever" in c.placeholders and c.placeholders["opdrachtgever"] != "Opdrachtgever":
            problems.append(f"{c.id}: opdrachtgever defaults to {c.placeholders['opdrachtgever']!r}")
        for rx in ORGANISATION_PRONOUNS:
            if rx.search(c.clause):
                problems.append(f"{c.id}: '{rx.search(c.clause).group(0)}' refers to an organisation")
    assert not problems, "\n".join(problems)


def test_level_one_is_core_and_easy_to_verify(pack) -> None:
    by_id = {c.id: c for c in pack.criteria}
    problems = []
    for c in pack.criteria:
        if c.level != 1:
            continue
        if re.search(r"als dienst|paspoort|gesloten kringloop", c.title, re.I):
            problems.append(f"{c.id}: a business model or passport at level 1")
        if c.kind == Kind.SELECTION and int(c.placeholders.get("aantal_referenties", "1")) > 2:
            problems.append(f"{c.id}: more than two references at level 1")
    assert not problems, "\n".join(problems)
    assert by_id["VKB-S-01"].level > 1 and by_id["VKB-M-04"].level > 1
    assert "warmte" not in by_id["ICT-M-03"].clause  # the demanding repair rule moved to ICT-M-09/ICT-M-10
    assert by_id["ICT-M-09"].level == 2 and by_id["ICT-M-10"].level == 3


def test_management_and_reporting_criteria_are_supporting(pack) -> None:
    problems = []
    for c in pack.criteria:
        if c.kind == Kind.SELECTION and "milieumanagementsysteem" in c.clause.lower():
            if c.r_strategy != "ondersteunend":
                problems.append(f"{c.id}: management system on rung {c.r_strategy}")
            if "gelijkwaardig" not in c.clause:
                problems.append(f"{c.id}: equivalent measures not accepted explicitly")
    assert not problems, "\n".join(problems)


def test_review_findings_stay_fixed(pack) -> None:
    by_id = {c.id: c for c in pack.criteria}
    # VTG-S-01 (a workshop within 25 km at selection) left the release, which retires it on update; a performance
    # clause replaces it
    assert "VTG-S-01" not in by_id and by_id["VTG-C-06"].status == Status.PUBLISHED
    assert "aluminium" not in by_id["VKB-M-01"].clause  # material-neutral since NEN 3381:2020
    assert "natrekking" in by_id["VKB-C-05"].rationale and "eigenaar blijft" not in by_id["VKB-C-05"].clause
    assert "herbruikbaar zijn bevonden" in by_id["MEU-C-01"].clause
    assert "BIOS" in by_id["ICT-M-05"].clause
    assert "{{reductie_procent}}" not in by_id["SCH-S-02"].clause  # the method is selected, the result rewarded


def test_more_refuse_rethink_reduce_in_the_deep_packages(pack) -> None:
    live = [c for c in pack.criteria if c.status != Status.RETIRED]
    assert sum(c.r_strategy == "R0" for c in live) >= 10
    for slug in DEEP:
        assert any(c.r_strategy in ("R0", "R1") for c in live if c.package == slug and c.level < 3), slug
    assert len([c for c in live if c.package in SLUGS]) >= 355


def test_titles_are_dutch_without_english_jargon(pack) -> None:
    english = re.compile(r"refurbish|chain of custody|take-back|as a service|\bpool\b", re.I)
    assert [c.id for c in pack.criteria if c.package in SLUGS and english.search(c.title)] == []


def test_starter_criteria_are_the_starter_publishers_not_the_first_users(library: LibraryStore) -> None:
    """Whoever opened the app first (often 'root' on a demo machine) did not write the starter criteria."""
    from criteria_library import user
    from criteria_library.publishers import BUILTIN_NAME

    [first] = library.history("MEU-M-01")[-1:]
    assert first.author is not None and first.author.name == BUILTIN_NAME
    assert first.author.account.startswith("sleutel ") and first.changed_by == BUILTIN_NAME
    assert user.os_user() not in {first.changed_by, first.author.name}


def test_gww_objects_of_a_structure_default_to_a_neutral_word_not_a_bridge(pack) -> None:
    """Finding M6: GWW-G-05 and GWW-M-07 printed 'brug' for a street reconstruction when the buyer left the field
    alone. A pack placeholder must have a default (validation refuses one without), so the default is neutral and the
    label tells the buyer what to write; the edited criteria went up one version."""
    by_id = {c.id: c for c in pack.criteria}
    g05, m07 = by_id["GWW-G-05"], by_id["GWW-M-07"]
    assert g05.placeholders["constructie"] == "constructie" and m07.placeholders["kunstwerk"] == "het kunstwerk"
    assert "brug" in g05.placeholder_meta["constructie"].label and "brug" in m07.placeholder_meta["kunstwerk"].label
    assert "de bestaande {{constructie}}" in g05.clause
    assert (g05.version, m07.version) == (4, 3)
