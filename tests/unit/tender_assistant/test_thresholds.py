"""EU thresholds by period: a date on a period's first or last day belongs to that period."""

from __future__ import annotations

from datetime import date, timedelta

from tender_assistant.thresholds import eu_periods, eu_thresholds


def test_each_period_holds_its_first_and_last_day() -> None:
    periods = eu_periods()
    assert len(periods) >= 2
    for period in periods:
        assert eu_thresholds(period.valid_from) == (period, True)
        assert eu_thresholds(period.valid_to) == (period, True)
    for before, after in zip(periods, periods[1:], strict=False):
        assert after.valid_from == before.valid_to + timedelta(days=1), "no gap and no overlap between periods"


def test_a_date_after_the_last_period_gives_the_latest_thresholds_flagged_unknown() -> None:
    last = eu_periods()[-1]
    assert eu_thresholds(last.valid_to + timedelta(days=1)) == (last, False)
    assert eu_thresholds(date(2026, 1, 1))[0].supplies_services_decentral == 216_000
    assert eu_thresholds(date(2025, 12, 31))[0].supplies_services_decentral == 221_000
