"""The shipped CPV list: labels, check digits and the hierarchy used for matching."""

from __future__ import annotations

from criteria_library import cpv


def test_list_is_complete_and_labelled() -> None:
    cat = cpv.catalogue()
    assert len(cat) == 9454
    assert cat.label("18100000-0") == "Beroepskleding, speciale werkkleding en toebehoren"
    assert cat.label("39100000", "en") == "Furniture"


def test_normalise_adds_check_digit_and_rejects_unknown() -> None:
    cat = cpv.catalogue()
    assert cat.normalise("39130000") == "39130000-2"
    assert cat.normalise("39 13 00 00-2") == "39130000-2"
    assert cat.normalise("12345678") is None


def test_hierarchy() -> None:
    cat = cpv.catalogue()
    assert [e.code for e in cat.ancestors("39130000-2")] == ["39100000-3", "39000000-2"]
    assert cat.is_under("39130000-2", "39100000-3")
    assert cat.is_under("39100000-3", "39100000-3")
    assert not cat.is_under("18100000-0", "39100000-3")


def test_search_by_label_and_code() -> None:
    cat = cpv.catalogue()
    assert "34992200-9" in [e.code for e in cat.search("verkeersborden")]
    assert cat.search("3499220")[0].code == "34992200-9"
    assert cat.search("KANTOORMEUBILAIR")[0].code == "39130000-2"
