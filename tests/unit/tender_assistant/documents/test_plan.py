"""The document plan's annex list: every annex a criterion of the starter library names is listed (finding B8)."""

from __future__ import annotations

import re

from criteria_library.models import Criterion
from tender_assistant.clauses import fill_text
from tender_assistant.documents.plan import buyer_annexes, named_annexes

# "bijlage" in a criterion's text that is not one of the tender's stukken: a law's annex ("REACH bijlage XVII",
# "artikel 25 en bijlage V", "volgens bijlage 1 van het RVV 1990"), the annex named just before ("aan die bijlage"),
# or the bidder's own attachment ("halfjaarrapportage ... als bijlage", "in het prijsformulier of een bijlage")
NOT_A_STUK = re.compile(r"\bbijlage (?:[IVXL]+|\d+ van (?:het|de)\b)|\b(?:die|als|een) bijlage\b",
                        re.IGNORECASE)


def _texts(tender, c: Criterion) -> str:
    return " ".join(fill_text(tender, c, t) for t in (c.clause, c.verification, c.scoring_text) if t)


def test_every_annex_a_starter_criterion_names_is_listed_among_the_annexes(library, tender):
    """Before the fix "de bijlage Uitzonderingen bij het programma van eisen" (MEU-M-04, MEU-M-08, BKL-M-04, ...)
    was named in the programma van eisen and listed nowhere."""
    named: dict[str, list[str]] = {}
    unexplained: list[str] = []
    for c in library.criteria(include_retired=False):
        texts = _texts(tender, c)
        mentions = [m.start() for m in re.finditer(r"\bbijlage\b", texts, re.IGNORECASE)]
        if not mentions:
            continue
        listed = [row[0] for row in buyer_annexes(tender, [c], {c.id: "X1"})]
        for name in named_annexes(texts):
            named.setdefault(name, []).append(c.id)
            assert f"Bijlage {name}" in listed, (c.id, name, listed)
        for at in mentions:
            around = texts[max(0, at - 4):at + 40]
            if not NOT_A_STUK.search(around) and not any(texts[at - 3:].startswith(f"de bijlage {n}")
                                                         for n in named_annexes(texts)):
                unexplained.append(f"{c.id}: ...{texts[max(0, at - 30):at + 50]}...")
    assert not unexplained, "a 'bijlage' that is neither listed nor a law's annex:\n" + "\n".join(unexplained)
    assert set(named) == {"Uitzonderingen"}  # the scan found them: five criteria in three packages
    assert len(named["Uitzonderingen"]) == 5


def test_a_law_annex_is_no_stuk_and_a_named_annex_with_a_number_is(tender, fake_lib):
    import dataclasses

    from tests.unit.tender_assistant.fake_library import workwear_criteria

    c = dataclasses.replace(workwear_criteria()[0], clause="Volgens REACH bijlage XVII en artikel 25 en bijlage V; "
                            "uitgezonderd de artikelen in de bijlage 3 bij het programma van eisen.",
                            verification="", scoring_text="")
    rows = buyer_annexes(tender, [c], {c.id: "ME2"})
    assert [r[0] for r in rows] == ["Bijlage 3"]
    assert rows[0][2] == "ME2"
