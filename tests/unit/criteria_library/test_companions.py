"""Links between criteria: `requires` and a scoring's `floor_from` resolve in the library, or `library check` says
which one does not."""

from __future__ import annotations

from dataclasses import replace

from criteria_library.companions import link_problems
from criteria_library.integrity import check_library
from criteria_library.models import FloorFrom, Kind, RelativeScoring, Status
from criteria_library.store import LibraryStore
from criteria_library.validation import criterion_problems
from tests.helpers import publish_edit

# MEU-G-01 scored on the share of years beyond MEU-M-01's minimum (10 years by default)
LINKED = RelativeScoring(direction="hoger", floor=10, floor_from=FloorFrom("MEU-M-01", "onderdelen_jaren"),
                         example_low=12, example_high=15)


def _link(store: LibraryStore, **changes) -> None:
    publish_edit(store, replace(store.criterion("MEU-G-01"), **changes))


def _problems(store: LibraryStore) -> list[str]:
    return [f"{p.where}: {p.nl}" for p in check_library(store).problems]


def test_links_that_resolve_pass_the_check(fresh_db: LibraryStore) -> None:
    _link(fresh_db, requires=["MEU-C-01"], scoring=LINKED)
    assert _problems(fresh_db) == []
    c = fresh_db.criterion("MEU-G-01")
    assert c.requires == ["MEU-C-01"] and c.scoring == LINKED
    assert c.companion_ids() == ["MEU-C-01", "MEU-M-01"]


def test_a_required_criterion_missing_from_the_library_is_named(fresh_db: LibraryStore) -> None:
    _link(fresh_db, requires=["MEU-C-09"])
    assert _problems(fresh_db) == ["MEU-G-01.requires: vereist criterium MEU-C-09 staat niet in de bibliotheek"]


def test_a_retired_companion_does_not_resolve(fresh_db: LibraryStore) -> None:
    _link(fresh_db, requires=["MEU-C-01"], scoring=LINKED)
    fresh_db.set_status("MEU-C-01", Status.RETIRED)
    fresh_db.set_status("MEU-M-01", Status.RETIRED)
    assert _problems(fresh_db) == [
        "MEU-G-01.requires: vereist criterium MEU-C-01 is ingetrokken",
        "MEU-G-01.scoring.floor_from: ondergrens komt uit MEU-M-01, maar dat criterium is ingetrokken"]
    fresh_db.set_status("MEU-G-01", Status.RETIRED)  # a retired criterion needs no companions
    assert _problems(fresh_db) == []


def test_a_floor_from_a_placeholder_the_companion_lacks_is_named(fresh_db: LibraryStore) -> None:
    _link(fresh_db, scoring=replace(LINKED, floor_from=FloorFrom("MEU-M-01", "garantie_jaren")))
    assert _problems(fresh_db) == ["MEU-G-01.scoring.floor_from: MEU-M-01 heeft geen invulveld {{garantie_jaren}}"]


def test_a_floor_that_differs_from_the_companion_value_is_named(fresh_db: LibraryStore) -> None:
    """The floor a document prints without a tender must be the requirement's default, not a second number."""
    _link(fresh_db, scoring=replace(LINKED, floor=8, example_low=9))
    assert _problems(fresh_db) == [
        "MEU-G-01.scoring.floor: ondergrens 8 wijkt af van de standaardwaarde 10 van {{onderdelen_jaren}} in MEU-M-01"]


def test_link_problems_read_any_mapping_of_criteria(fresh_db: LibraryStore) -> None:
    award = replace(fresh_db.criterion("MEU-G-01"), requires=["MEU-C-01"], scoring=LINKED)
    assert link_problems(award, {"MEU-M-01": fresh_db.criterion("MEU-M-01")})[0].en == \
        "required criterion MEU-C-01 is not in the library"


def test_a_floor_may_follow_a_placeholder_of_the_criterion_itself(fresh_db: LibraryStore) -> None:
    """"Een aanbod boven {{max}} is ongeldig": the floor is the criterion's own value, which the buyer may change."""
    own = RelativeScoring(direction="lager", floor=10, floor_from=FloorFrom("MEU-M-01", "onderdelen_jaren"),
                          example_low=6, example_high=9)
    publish_edit(fresh_db, replace(fresh_db.criterion("MEU-M-01"), kind=Kind.AWARD, weight_min=5, weight_max=10,
                                   scoring=own))
    assert _problems(fresh_db) == [] and fresh_db.criterion("MEU-M-01").companion_ids() == []
    wrong = replace(fresh_db.criterion("MEU-G-01"), scoring=replace(own, floor_from=FloorFrom("MEU-G-01", "jaren")))
    assert [p.nl for p in criterion_problems(wrong)] == ["invulveld 'jaren' komt niet voor in de voorbeeldtekst"]
