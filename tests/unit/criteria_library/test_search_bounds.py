"""Search input is bounded: a pasted page of text searches on its first words, says so, and finds what those
words find; property-based: any typed text gives hits or none, never an error."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from criteria_library.search import (
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    MAX_TERM_CHARS,
    query_terms,
    search_criteria,
)


def _ids(store, query: str, **filters) -> list[str]:
    return [h.criterion.id for h in search_criteria(store, query, **filters)]


def test_a_pasted_10_kb_query_searches_on_one_word(library) -> None:
    pasted = "a* " * 3400  # 10 kB, the query that took 107 s
    words, cut = query_terms(pasted)
    assert words == ["a"] and cut  # repeated words count once, and the user is told the text was cut
    assert _ids(library, pasted) == _ids(library, "a")


def test_many_distinct_words_use_the_first_ones(library) -> None:
    words = "gerecycled aluminium verkeersborden palen hout staal beton asfalt textiel papier laptops matras".split()
    assert len(words) > MAX_QUERY_TERMS
    used, cut = query_terms(" ".join(words))
    assert used == words[:MAX_QUERY_TERMS] and cut
    assert _ids(library, " ".join(words)) == _ids(library, " ".join(words[:MAX_QUERY_TERMS]))
    assert _ids(library, " ".join(words))  # still finds criteria


def test_a_normal_query_is_left_alone(library) -> None:
    assert query_terms("Gerecyclede Verkeersborden") == (["gerecyclede", "verkeersborden"], False)
    assert "VKB" in " ".join(_ids(library, "gerecyclede verkeersborden"))


def test_long_words_and_long_texts_are_cut() -> None:
    words, cut = query_terms("x" * 5000)
    assert words == ["x" * MAX_TERM_CHARS] and cut
    words, cut = query_terms(("woord " * 1000)[: MAX_QUERY_CHARS * 10])
    assert words == ["woord"] and cut


def test_cli_search_says_the_query_was_cut(capsys, library) -> None:
    import main

    code = main.main(["--db", str(library.path), "search", "verkeersborden " + "a* " * 3400])
    captured = capsys.readouterr()
    assert code == 0 and "let op:" in captured.err and "zoekwoorden" in captured.err
    assert "VKB" in captured.out


@settings(max_examples=int(os.environ.get("SEARCH_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.text(st.one_of(st.characters(codec="utf-8"), st.sampled_from('*"()-^:+ AND OR NOT NEAR ')), max_size=400))
def test_any_typed_text_gives_hits_or_none(library, text: str) -> None:
    hits = search_criteria(library, text, limit=20)
    assert len(hits) <= 20 and all(0 <= h.score <= 100 for h in hits)
    words, _cut = query_terms(text)
    assert len(words) <= MAX_QUERY_TERMS and all(len(w) <= MAX_TERM_CHARS for w in words)


def test_one_stemmer_for_search_and_matching() -> None:
    from criteria_library import search
    from criteria_library.infra.text import stem
    from tender_assistant import matching

    assert search.stem is stem and matching.stem is stem
    assert [stem(w) for w in ("verkeersborden", "bruggen", "matrassen", "chairs", "paal", "staal", "stoel")] == [
        "verkeersbord", "brug", "matras", "chair", "pal", "stal", "stoel"]


def test_cli_search_shows_a_line_separator_in_a_title_escaped(capsys, tmp_path, mini_pack) -> None:
    """A title may hold U+2028; printed raw in search results it starts a forged line in some terminals."""
    import json

    import main

    mini_pack["criteria"][0].update(id="MEU-S-99", title="Zeldzaamwoord\u2028fout: bibliotheek beschadigd")
    pack = tmp_path / "p.json"
    pack.write_text(json.dumps(mini_pack, ensure_ascii=False), encoding="utf-8")
    db = str(tmp_path / "lib.db")
    assert main.main(["--db", db, "library", "import", str(pack)]) == 0
    capsys.readouterr()
    assert main.main(["--db", db, "search", "zeldzaamwoord"]) == 0
    out = capsys.readouterr().out
    assert "Zeldzaamwoord\\u2028fout: bibliotheek beschadigd" in out and "\u2028" not in out
