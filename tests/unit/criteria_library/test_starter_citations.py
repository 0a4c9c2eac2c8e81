"""Traceable citations in the starter library (issue 21, section 3): named criteria sets, documents, honest types."""

from __future__ import annotations

import re

import pytest

from criteria_library.models import Criterion
from criteria_library.starter import starter_pack

# The PIANOo sets the starter library cites, by the names PIANOo uses (docs/sources-review.md says where each was
# verified); a bare group name ("PIANOo MVI-criteria kantoormeubilair") or an old update ("actualisatie 2019") is
# no citation a buyer can trace.
MVI_TOOL = "PIANOo MVI-criteriatool (mvicriteria.nl), "
MVI_SETS = {
    "productgroep Bedrijfskleding", "productgroep Catering", "productgroep Drukwerk",
    "productgroep Externe vergader- en verblijfsfaciliteiten", "productgroep Groenvoorzieningen",
    "productgroep ICT-hardware en mobiele apparaten", "productgroep Kantoorartikelen", "productgroep Kantoormeubilair",
    "productgroep Openbare verlichting", "productgroep Papier", "productgroep Reiniging bedrijfskleding",
    "productgroep Reproductieapparatuur", "productgroep Schoonmaak", "productgroep Tonercartridges",
    "cluster Kantoorgebouwen", "cluster Transport",
}

LAW = re.compile(r"Aanbestedingswet|Kaderrichtlijn|\bRichtlijn (\(EU\) |\(EG\) )?(nr\. )?\d|[Vv]erordening|Besluit|Burgerlijk Wetboek|\bWet\b|"
                 r"[a-z]wet\b|Omgevingswet|Warenwetbesluit|REACH|[Rr]eglement|Regeling|Gids Proportionaliteit|UPV|"
                 r"Landelijk afvalbeheerplan|Arbeidsomstandigheden|Staatscourant|\bAVG\b")
NORM = re.compile(r"\bNEN\b|NEN-|\bNPR\b|\bBRL\b|[Kk]eurmerk|\bISO\b|\bIEC\b|\bDIN\b|\bEN \d|Ecolabel|Blauer Engel|OEKO-TEX|Global Recycled|FSC|"
                  r"PEFC|EPEAT|TCO Certified|NIST|IEEE|DWA-|EMAS|CO2-Prestatieladder|Bepalingsmethode|DuboCalc|"
                  r"Level\(s\)|Keurcompost|Barometer|R2v3|e-Stewards|EuCertPlast|Stewardship|ResponsibleSteel|"
                  r"\bIES\b|Zhaga|Duurzaamheidsindex")


@pytest.fixture(scope="module")
def pack():
    return starter_pack()


def _parts(c: Criterion) -> list[str]:
    return c.source.split("; ")


def test_pianoo_criteria_are_cited_by_the_tool_and_a_named_set(pack) -> None:
    problems = []
    for c in pack.criteria:
        if "actualisatie 2019" in c.source + c.rationale:
            problems.append(f"{c.id}: cites the May 2019 update, long since replaced")
        for part in _parts(c):
            if "MVI-criteria" not in part:
                continue
            named = part.removeprefix(MVI_TOOL).split(", ")[0]
            if not part.startswith(MVI_TOOL) or named not in MVI_SETS:
                problems.append(f"{c.id}: {part!r} does not name a PIANOo criteria set")
    assert not problems, "\n".join(problems)


BARE_ORGANISATION = re.compile(r"^(Stichting [\w ]+|CROW[\w ]*|CROW-(kennis|systematiek|richtlijnen|publicaties)\b.*)$")


def test_documents_are_cited_not_organisations(pack) -> None:
    problems = [f"{c.id}: {part}" for c in pack.criteria for part in _parts(c) if BARE_ORGANISATION.match(part)]
    assert not problems, "\n".join(problems)


def test_source_type_agrees_with_what_the_source_cites(pack) -> None:
    """The listed types are exactly the kinds of the parts cited; a part of no known kind makes the criterion 'overig'."""
    problems = []
    for c in pack.criteria:
        found: list[set[str]] = []
        for part in _parts(c):
            law = bool(LAW.search(part)) and "Ecolabel" not in part  # a label's legal basis is not a law cited
            kinds = {kind for kind, hit in (("eu-gpp", "GPP" in part), ("nationaal", "MVI-criteria" in part),
                                            ("wet", law), ("norm", bool(NORM.search(part)))) if hit}
            found.append(kinds)
        cited = set().union(*found)
        for kind in set(c.source_type) - {"overig"} - cited:
            problems.append(f"{c.id}: {kind} but no part of that kind in {c.source!r}")
        for kind in cited - set(c.source_type):
            problems.append(f"{c.id}: cites {kind} without saying so")
        if ("overig" in c.source_type) != (not all(found)):
            problems.append(f"{c.id}: 'overig' {c.source_type} against the parts {c.source!r}")
    assert not problems, "\n".join(problems)


def test_the_eu_gpp_sets_are_cited_within_their_scope(pack) -> None:
    by_id = {c.id: c for c in pack.criteria}
    # EU GPP furniture covers seating and tables outdoors, not bins or bike racks, not even by analogy
    assert [c.id for c in pack.criteria if "naar analogie" in c.source] == []
    # sewer works are waste water infrastructure, not road construction
    assert "afvalwaterinfrastructuur" in by_id["RIO-G-03"].source
    assert "wegontwerp" not in by_id["RIO-G-03"].source


def test_no_citation_is_written_twice(pack) -> None:
    """A source names each document once: no part twice, no long phrase repeated inside a part."""
    repeated = re.compile(r"(.{40,}).*\1")
    problems = [f"{c.id}: {c.source}" for c in pack.criteria
                if len(set(_parts(c))) != len(_parts(c)) or any(repeated.search(part) for part in _parts(c))]
    assert not problems, "\n".join(problems)
