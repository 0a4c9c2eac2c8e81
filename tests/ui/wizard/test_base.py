"""The wizard's shared parts: findings shown as a list with a link to each one's field."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_a_finding_links_to_its_field_in_words_people_use(app) -> None:
    """D7: the link after each finding read '(erheen)', which nobody says."""
    from tender_assistant.checks import Finding, Severity
    from ui.wizard.base import findings_html

    shown = findings_html([Finding(Severity.ERROR, "x", "De titel ontbreekt", "The title is missing", "title")],
                          links=True)
    assert "(ga naar het veld)" in shown and "erheen" not in shown
