"""Legal minimum terms: `tender check` errors naming the article when the planning is too tight."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from tender_assistant.checks import Severity, check_tender
from tender_assistant.tender_parts import Planning
from tender_assistant.terms import minimum_term
from tests.helpers import without_facts

PUBLISHED = date(2027, 1, 11)


def _planned(tender, days: int, **planning):
    deadline = PUBLISHED + timedelta(days=days)
    return replace(tender, publication_date=PUBLISHED, planning=Planning(
        submission_deadline=deadline, questions_deadline=deadline - timedelta(days=14),
        answers_date=deadline - timedelta(days=7), award_decision_date=deadline + timedelta(days=14),
        contract_start_date=deadline + timedelta(days=60), bid_validity_days=120, **planning))


def _findings(tender, lib, code):
    return [f for f in check_tender(tender, lib, today=PUBLISHED) if f.code == code]


@pytest.mark.parametrize(("procedure", "planning", "minimum", "article"), [
    ("europees-openbaar", {}, 40, "art. 2.71"),  # 45 days, 5 fewer for electronic submission (art. 2.74a)
    ("europees-openbaar", {"electronic_submission": False}, 45, "art. 2.71"),
    ("europees-openbaar", {"prior_information_notice": True}, 15, "art. 27 lid 2"),
    ("europees-niet-openbaar", {}, 65, "art. 2.74a"),  # 30 days for requests, then 40 - 5 for the bids
    ("europees-niet-openbaar", {"prior_information_notice": True}, 40, "art. 28 lid 3"),
    ("mededinging-onderhandeling", {}, 65, "art. 28 lid 1"),
    ("concurrentiegerichte-dialoog", {}, 30, "art. 30 lid 1"),
])
def test_one_day_short_of_the_minimum_is_an_error_the_minimum_is_not(tender, fake_lib, procedure, planning, minimum,
                                                                      article):
    t = replace(tender, procedure=procedure)
    short = _findings(_planned(t, minimum - 1, **planning), fake_lib, "term-too-short")
    assert len(short) == 1 and short[0].severity == Severity.ERROR and short[0].where == "submission_deadline"
    assert article in short[0].message and f"minimum van {minimum} dagen" in short[0].message
    assert _findings(_planned(t, minimum, **planning), fake_lib, "term-too-short") == []


def test_national_procedures_have_no_legal_minimum_term(tender, fake_lib):
    assert minimum_term("nationaal-openbaar") is None and minimum_term("meervoudig-onderhands") is None
    t = replace(tender, procedure="nationaal-openbaar", estimated_value_eur=100_000)
    assert _findings(_planned(t, 10), fake_lib, "term-too-short") == []


def test_the_nota_van_inlichtingen_six_days_before_the_deadline(tender, fake_lib):
    t = _planned(tender, 50)
    deadline = t.planning.submission_deadline
    assert deadline is not None
    late = replace(t, planning=replace(t.planning, answers_date=deadline - timedelta(days=5)))
    found = _findings(late, fake_lib, "answers-too-late")
    assert len(found) == 1 and found[0].severity == Severity.ERROR and found[0].where == "answers_date"
    assert "zes dagen" in found[0].message
    in_time = replace(t, planning=replace(t.planning, answers_date=deadline - timedelta(days=6)))
    assert _findings(in_time, fake_lib, "answers-too-late") == []


def test_the_contract_cannot_start_inside_the_standstill(tender, fake_lib):
    t = _planned(tender, 50)
    decision = t.planning.award_decision_date
    assert decision is not None
    inside = replace(t, planning=replace(t.planning, contract_start_date=decision + timedelta(days=20)))
    found = _findings(inside, fake_lib, "start-in-standstill")
    assert len(found) == 1 and "art. 2.127" in found[0].message
    after = replace(t, planning=replace(t.planning, contract_start_date=decision + timedelta(days=21)))
    assert _findings(after, fake_lib, "start-in-standstill") == []


def test_missing_dates_are_advice_in_one_line(tender, fake_lib):
    tender = without_facts(tender)
    found = _findings(tender, fake_lib, "planning-missing")
    assert len(found) == 1 and found[0].severity == Severity.ADVICE and found[0].where == "publication_date"
    assert "de uiterste datum van inschrijving" in found[0].message
    assert _findings(_planned(tender, 50), fake_lib, "planning-missing") == []


def test_an_unknown_optional_exclusion_ground_is_an_error(tender, fake_lib):
    found = _findings(replace(tender, optional_exclusion_grounds=["faillissement", "2.87.1.z"]), fake_lib,
                      "exclusion-ground-unknown")
    assert len(found) == 1 and "2.87.1.z" in found[0].message and "faillissement" not in found[0].message.split(";")[0]


def test_a_planning_date_before_publication_is_an_error(tender) -> None:
    """Found by the exploratory run: a questions deadline before the publication was accepted."""
    from datetime import date

    from tender_assistant.checks import check_tender
    from tests.unit.tender_assistant.fake_library import FakeLibrary

    tender.publication_date = date(2027, 1, 25)
    tender.planning.questions_deadline = date(2027, 1, 20)
    found = [f for f in check_tender(tender, FakeLibrary(), date(2026, 12, 6)) if f.code == "date-before-publication"]
    assert [f.where for f in found] == ["questions_deadline"] and found[0].severity == "fout"
