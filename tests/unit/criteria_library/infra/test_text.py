"""One home for Dutch numbers and amounts (issue 15 item 18): every document, message and table writes them the same
way, and what the document writes is read back as the same number."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from criteria_library.infra.text import (
    BAD_CHARS_RE,
    bad_char_problem,
    dutch_number,
    euro,
    has_bad_char,
    parse_number,
)


@pytest.mark.parametrize(("value", "kwargs", "expected"), [
    (12.5, {}, "12,5"),
    (1_250_000, {}, "1.250.000"),
    (0.864, {"decimals": 3}, "0,864"),
    (38.8, {"fixed": True}, "38,80"),
    (5, {"fixed": True}, "5,00"),
    (-1234567.891, {}, "-1.234.567,89"),
    (-0.0001, {}, "0"),  # never '-0'
    (2030, {"group_from": 10_000}, "2030"),  # a year keeps no dot
    (150_000, {"group_from": 10_000}, "150.000"),
    (10**15, {}, "1.000.000.000.000.000"),  # ints exactly, not through a float
])
def test_dutch_number(value, kwargs, expected) -> None:
    assert dutch_number(value, **kwargs) == expected


@pytest.mark.parametrize(("value", "cents", "expected"), [
    (1_250_000, False, "€ 1.250.000"),
    (97_200.5, True, "€ 97.200,50"),
    (-5, False, "-€ 5"),
    (-0.4, False, "€ 0"),
    (90_000, True, "€ 90.000,00"),
])
def test_euro(value, cents, expected) -> None:
    assert euro(value, cents) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("150.000", 150_000), ("1.250.000,50", 1_250_000.5), ("1.234,5", 1234.5), ("2,5", 2.5), ("2.5", 2.5),
    ("0.125", 0.125), ("2030", 2030), ("-12.000", -12_000), ("€ 5", None), ("1.2345", 1.2345),
])
def test_parse_number_reads_dutch_thousands(text, expected) -> None:
    """'150.000' was read as 150, so a value of a hundred and fifty thousand passed a maximum of 100."""
    assert parse_number(text) == expected


@pytest.mark.parametrize(("text", "expected"), [("€ 95.000", 95_000), ("EUR 1.250,50", 1250.5), ("0.125", 0.125),
                                              ("1e5", None), ("nan", None), ("", None)])
def test_amounts_in_bids_and_contract_lists_are_read_the_same_way(text, expected) -> None:
    """One parser for placeholder values, bids and contract lists: the bids file read '0.125' as 125."""
    from criteria_library.infra.text import AMOUNT, read_number
    from tender_assistant.simulate import parse_amount

    assert parse_number(text, currency=True) == expected == parse_amount(text)
    if expected is None:
        with pytest.raises(ValueError):
            read_number(text, kind=AMOUNT)
    else:
        assert read_number(text, kind=AMOUNT) == expected


@pytest.mark.parametrize("value", [0, 7, 2030, 12_345, 150_000.5, 1_250_000, 0.25, 99_999.999])
def test_what_we_write_reads_back(value) -> None:
    assert parse_number(dutch_number(value, 6, group_from=10_000)) == pytest.approx(value)


def test_a_dutch_thousand_is_checked_against_the_range() -> None:
    """The wizard and 'tender check' warned about nothing when 150.000 meubelstukken exceeded a maximum of 100.000."""
    from criteria_library.models import PlaceholderMeta
    from criteria_library.validation import value_out_of_range

    problem = value_out_of_range("150.000", PlaceholderMeta(unit="meubelstukken", max=100_000))
    assert problem is not None and "100.000" in problem[0]
    assert value_out_of_range("99.999", PlaceholderMeta(max=100_000)) is None


@pytest.mark.parametrize(("value", "expected"), [(97_200, "€ 97.200"), (97_200.5, "€ 97.200,50"),
                                                 (97_200.004, "€ 97.200"), (-5.25, "-€ 5,25")])
def test_euro_shows_cents_only_when_the_amount_has_them(value, expected) -> None:
    """The award chapter's example bids (one formatter for documents, the simulator and the register)."""
    assert euro(value, cents=None) == expected


def test_points_always_have_two_decimals() -> None:
    from criteria_library.infra.text import points

    assert [points(v) for v in (38.875, 40, 0.0)] == ["38,88", "40,00", "0,00"]


# Issue 26: every value the issue lists, with what it means (None: refused with a line that says how to write it).
# Shared by the contract-list and bids tests, so the three readers are held to the same table.
ENGLISH_AND_DUTCH_AMOUNTS = [("250,000.00", 250_000), ("1,250,000.00", 1_250_000), ("250.000,00", 250_000),
                             ("1.000,50", 1000.5), ("1,000.50", 1000.5), ("1.000", 1000), ("1,000", None),
                             ("1e5", None), ("0,125", 0.125)]


@pytest.mark.parametrize(("text", "expected"), ENGLISH_AND_DUTCH_AMOUNTS)
def test_an_amount_is_read_whichever_way_it_was_typed(text, expected) -> None:
    """'250,000.00' was EUR 250,00 and '1,000.50' was 1,0005: never a silent factor of 1,000."""
    from criteria_library.infra.text import AMOUNT, NumberError, read_number

    if expected is None:
        with pytest.raises(NumberError, match=f'"{text}" is '):
            read_number(text, kind=AMOUNT)
    else:
        assert read_number(text, kind=AMOUNT) == expected


@pytest.mark.parametrize(("text", "typed", "number"), [
    ("1.000", 1000, None), ("12,500", 12.5, None), ("-12.000", -12_000, None), ("1,250,000", 1_250_000, 1_250_000),
    ("1,000.50", 1000.5, 1000.5), ("12,5", 12.5, 12.5), ("7.5", 7.5, 7.5), ("0.125", 0.125, 0.125),
    ("1_0", None, None), ("1e5", None, None), ("1.25.000", None, None), ("1,000.000,5", None, None),
])
def test_a_lone_separator_before_three_digits_is_read_as_the_field_allows(text, typed, number) -> None:
    """Typed in the app: the Dutch convention. A weight or offered number from a file: refused, never guessed."""
    from criteria_library.infra.text import NUMBER

    assert parse_number(text) == typed
    assert parse_number(text, kind=NUMBER) == number


def test_an_ambiguous_number_says_how_to_write_it() -> None:
    from criteria_library.infra.text import AMOUNT, NUMBER, NumberError, read_number

    with pytest.raises(NumberError) as err:
        read_number("250,000", kind=AMOUNT)
    assert err.value.nl == ('"250,000" is niet eenduidig: schrijf 250000 of 250.000 voor 250.000 euro, of 250,00 '
                            'voor een bedrag met centen')
    with pytest.raises(NumberError) as err:
        read_number("12,500", kind=NUMBER)
    assert "schrijf 12500 voor 12.500, of 12,5 voor een kommagetal" in err.value.nl


def test_one_look_at_many_texts_finds_every_refused_character_bad_char_problem_names() -> None:
    refused = [chr(i) for i in range(0x10000) if BAD_CHARS_RE.match(chr(i))]
    assert len(refused) == 2048 + 29 + 1 + 32 + 2  # surrogates, C0 bar tab/LF/CR, DEL, C1, U+FFFE/FFFF
    for ch in refused:
        for text in (ch, f"tekst {ch} meer", f"regel\n{ch}", f"é€{ch}"):
            assert has_bad_char(["Schone tekst.", text]), repr(ch)
    # unprintable but allowed: new lines, tabs, line separators, no-break and zero-width spaces, soft hyphens
    assert not has_bad_char(["Gewone tekst.\r\nMet regels\ten tabs", "é € ’ 😀 \u00a0\u2028\u200b\u00ad", ""])
    assert not has_bad_char([])
    # plain ASCII (the fast path): every printable character, new lines, carriage returns and tabs pass
    assert not has_bad_char(["".join(map(chr, range(32, 127))), "regel\r\nregel\tkolom"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.characters(exclude_categories=()), max_size=20), max_size=4))
def test_one_look_at_many_texts_agrees_with_looking_at_each(texts: list[str]) -> None:
    assert has_bad_char(texts) == any(bad_char_problem(t) for t in texts)


def test_a_diff_of_a_long_text_shows_where_it_changed() -> None:
    """Found by the exploratory run: the dry run printed two equal openings ('De aangeboden laptops ... m...') of a
    clause whose change (48 uur -> 72 uur) came later."""
    from criteria_library.infra.text import around_change

    opening = "De aangeboden laptops (ook 2-in-1-laptops) doorstaan een valtest vanaf ten minste 45 cm en "
    old, new = around_change(opening + "worden binnen 48 uur hersteld.", opening + "worden binnen 72 uur hersteld.")
    assert "48 uur" in old and "72 uur" in new and old.startswith("...") and len(old) <= 80
    assert around_change("kort", "korter") == ("kort", "korter")
