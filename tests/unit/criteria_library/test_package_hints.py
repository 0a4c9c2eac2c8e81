"""Unknown package slugs: the message names the slug and the closest known ones, in Dutch and English."""

from __future__ import annotations

import pytest

from criteria_library.errors import LibraryError
from criteria_library.models import Package
from criteria_library.package_hints import closest_packages, unknown_package_hint

PACKAGES = [
    Package("meubilair", "Kantoormeubilair en inrichting", "Office furniture and interiors"),
    Package("straatmeubilair", "Straatmeubilair en inrichting van de openbare ruimte", "Street furniture"),
    Package("bedrijfskleding", "Bedrijfskleding en werkkleding", "Workwear"),
    Package("gebouwen", "Gebouwen: nieuwbouw, renovatie en sloop", "Buildings", synonyms=["kantoor"]),
]


@pytest.mark.parametrize(("wanted", "expected"), [
    ("kantoormeubilair", ["meubilair"]),  # the finding: the Dutch name's first word, not the slug
    ("bedrijfkleding", ["bedrijfskleding"]),  # a typo
    ("Meubilair", ["meubilair", "straatmeubilair"]),
])
def test_the_closest_slugs_come_first_and_far_ones_are_left_out(wanted: str, expected: list[str]) -> None:
    assert [p.slug for p in closest_packages(wanted, PACKAGES)] == expected


def test_nothing_close_says_where_the_slugs_are_listed() -> None:
    assert closest_packages("ruimtevaart", PACKAGES) == []
    assert "library stats" in unknown_package_hint("ruimtevaart", PACKAGES)


def test_the_store_names_the_unknown_slug_and_suggests_the_known_one(fresh_db) -> None:
    with pytest.raises(LibraryError) as caught:
        fresh_db.package("kantoormeubilair")
    assert caught.value.text() == ("Onbekend inkooppakket: kantoormeubilair; bedoelde u meubilair "
                                   "(Kantoormeubilair en inrichting)?")
    assert caught.value.text("en") == ("Unknown procurement package: kantoormeubilair; did you mean meubilair "
                                       "(Office furniture and interiors)?")
