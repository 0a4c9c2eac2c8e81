"""'Telt dit als circulair?' on a tender: tender check's circular-counts / circular-not-counted."""

from __future__ import annotations

from dataclasses import replace

from tender_assistant.checks import Severity, check_tender
from tender_assistant.monitoring.rule import CountingRule
from tender_assistant.tender import Tender, TenderCriterion


def circular(findings):
    return [(f.severity, f.code, f.message) for f in findings if f.code.startswith("circular")]


def test_a_tender_with_circular_requirements_counts_and_says_at_which_level(tender: Tender, fake_lib) -> None:
    [(severity, code, message)] = circular(check_tender(tender, fake_lib))
    assert (severity, code) == (Severity.INFO, "circular-counts")
    assert message.startswith("telt als circulair (niveau ") and "BED-M-01" in message


def test_an_award_criterion_below_the_line_gets_the_smallest_change(tender: Tender, fake_lib) -> None:
    low = replace(tender, criteria=[TenderCriterion("BED-G-01", weight=3)], price_weight=97)
    [(severity, code, message)] = circular(check_tender(low, fake_lib))
    assert (severity, code) == (Severity.ADVICE, "circular-not-counted")
    assert "BED-G-01 weegt 3%, onder de grens van 5%" in message
    assert message.endswith("Kleinste wijziging: verhoog de weging van BED-G-01 van 3% naar 5%")


def test_the_organisations_own_rule_is_used_when_given(tender: Tender, fake_lib) -> None:
    low = replace(tender, criteria=[TenderCriterion("BED-G-01", weight=3)], price_weight=97)
    assert circular(check_tender(low, fake_lib, rule=CountingRule(min_weight=3)))[0][1] == "circular-counts"
    assert circular(check_tender(low, fake_lib))[0][1] == "circular-not-counted"  # the region's 5 %
