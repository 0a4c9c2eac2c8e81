"""The eight packages of the starter library's second edition, as a buyer gets them: complete, scored, proportionate."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from criteria_library import cpv
from criteria_library.models import Criterion, DiscountScoring, Kind, PointsScoring, RelativeScoring
from criteria_library.starter import starter_pack

NEW_SLUGS = ("riolering", "wegmarkering", "straatmeubilair", "speeltoestellen", "evenementen",
             "printers-multifunctionals", "textielreiniging", "kantoorartikelen")
# Works may ask for references of the last 5 years; supplies and services of the last 3 (Aanbestedingswet 2012,
# art. 2.93). Riolering is a works contract; applying road markings (45233221-4) may be one, so its range allows 5
# while its default stays at 3.
WORKS = {"riolering", "wegmarkering"}


@pytest.fixture(scope="module")
def pack():
    return starter_pack()


@pytest.fixture(scope="module")
def by_package(pack) -> dict[str, list[Criterion]]:
    result: dict[str, list[Criterion]] = defaultdict(list)
    for c in pack.criteria:
        result[c.package].append(c)
    return result


@pytest.mark.parametrize("slug", NEW_SLUGS)
def test_package_is_there_with_names_synonyms_and_shipped_cpv_codes(pack, slug: str) -> None:
    package = next((p for p in pack.packages if p.slug == slug), None)
    assert package is not None, f"{slug} missing from the starter library"
    assert package.name_nl and package.name_en and len(package.description) > 100
    assert len(package.synonyms) >= 15, "buyers must find the package from their own words, Dutch and English"
    assert package.cpv and all(code in cpv.catalogue() for code in package.cpv), package.cpv
    others = [p.prefix for p in pack.packages if p.slug != slug]
    assert re.fullmatch(r"[A-Z]{3}", package.prefix) and package.prefix not in others


@pytest.mark.parametrize("slug", NEW_SLUGS)
def test_depth_kinds_and_levels(by_package, slug: str) -> None:
    items = by_package[slug]
    assert len(items) >= 10, f"{slug}: {len(items)} criteria"
    assert {c.kind for c in items} == set(Kind), f"{slug} lacks a kind"
    assert {c.level for c in items} == {1, 2, 3}, f"{slug} lacks a level"
    rungs = {c.r_strategy for c in items}
    assert rungs & {"R0", "R1", "R2"}, f"{slug} has no refuse, rethink or reduce criterion"


@pytest.mark.parametrize("slug", NEW_SLUGS)
def test_award_criteria_have_a_scoring_type_consistent_with_weights(by_package, slug: str) -> None:
    for c in by_package[slug]:
        if c.kind != Kind.AWARD:
            assert c.scoring is None and c.weight_min is None and c.weight_max is None, c.id
            continue
        assert c.scoring is not None, f"{c.id}: award criterion without scoring type"
        assert len(c.scoring_text) >= 40, f"{c.id}: scoring without a description for the document"
        if isinstance(c.scoring, DiscountScoring):
            assert c.weight_min is None and c.weight_max is None, f"{c.id}: a korting carries no weight"
            if c.scoring.in_euros:  # the text names the buyer's cap placeholder, which validation ties to cap_eur
                assert "{{mki_max_korting}}" in c.scoring_text, f"{c.id}: text and cap disagree"
            else:
                assert 0 < c.scoring.per_unit_pct <= c.scoring.cap_pct <= 10, c.id
                assert f"{c.scoring.cap_pct:g}".replace(".", ",") in c.scoring_text, f"{c.id}: text and cap disagree"
        else:
            assert c.weight_min is not None and c.weight_max is not None, f"{c.id}: no weight range"
            assert 0 < c.weight_min <= c.weight_max <= 30, c.id
        if isinstance(c.scoring, PointsScoring):
            points = [lv.points for lv in c.scoring.levels]
            assert len(points) >= 3 and max(points) == c.scoring.scale_max and min(points) == 0, c.id
            assert all(lv.description for lv in c.scoring.levels), f"{c.id}: an anchor without description"
        if isinstance(c.scoring, RelativeScoring):
            assert c.scoring.direction in ("hoger", "lager"), c.id
            floor = f"{c.scoring.floor:g}".replace(".", ",")
            if c.scoring.floor_from is None:
                assert floor in c.scoring_text, f"{c.id}: text and floor disagree"
            else:  # the floor follows a placeholder (issue 21): the text names it, not a number that could differ
                assert "grens" in c.scoring_text and floor not in c.scoring_text, f"{c.id}: a fixed floor in the text"


@pytest.mark.parametrize("slug", NEW_SLUGS)
def test_clause_values_have_labels_units_and_ranges(by_package, slug: str) -> None:
    for c in by_package[slug]:
        for name in c.placeholder_names():
            assert c.placeholders.get(name, "").strip(), f"{c.id}: {{{{{name}}}}} without default"
            meta = c.placeholder_meta.get(name)
            assert meta is not None and meta.label, f"{c.id}: {{{{{name}}}}} without a label"
            if meta.unit:
                assert meta.min is not None and meta.max is not None, f"{c.id}: {name} has a unit but no range"
        if "opdrachtgever" in c.placeholders:
            assert c.placeholders["opdrachtgever"] == "Opdrachtgever", c.id


@pytest.mark.parametrize("slug", NEW_SLUGS)
def test_reference_windows_are_proportionate(by_package, slug: str) -> None:
    limit = 5 if slug in WORKS else 3
    for c in by_package[slug]:
        for name, value in c.placeholders.items():
            if name.startswith("referentie_jaren"):
                assert int(value) <= (5 if slug == "riolering" else 3), f"{c.id}: references of {value} years"
                assert c.placeholder_meta[name].max is not None and c.placeholder_meta[name].max <= limit, c.id


@pytest.mark.parametrize("slug", NEW_SLUGS)
def test_sources_are_dated_public_documents_not_working_groups(by_package, slug: str) -> None:
    for c in by_package[slug]:
        assert not re.search(r"MRA[- ](werkgroep|ondersteuning|grondstofstroom)", c.source), c.id
        # EU GPP sets are named with their year
        for mention in re.findall(r"EU GPP-criteria [^;]*", c.source):
            assert re.search(r"\((19|20)\d\d\)", mention), f"{c.id}: '{mention}' without a year"
        # a clause binds an organisation, never 'hij' or 'haar'
        assert not re.search(r"\b(hij|haar)\b", c.clause), c.id
