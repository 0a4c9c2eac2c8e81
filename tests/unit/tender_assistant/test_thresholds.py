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


def test_annex_xiv_lists_real_cpv_codes_and_names_its_source():
    import json

    from criteria_library import cpv as cpv_mod
    from tender_assistant.thresholds import ANNEX_XIV_FILE, annex_xiv_source

    data = json.loads(ANNEX_XIV_FILE.read_text(encoding="utf-8"))
    codes = [c for g in data["groups"] for item in g["codes"] for c in ([item] if isinstance(item, str) else item)]
    assert len(codes) > 80
    for code in codes:  # a transcription error shows as an unknown code or a wrong check digit
        entry = cpv_mod.catalogue().get(code[:8])
        assert entry is not None and entry.code == code, code
    assert "2014/24/EU" in annex_xiv_source() and "XIV" in annex_xiv_source()


def test_the_catering_and_events_packages_are_social_services_by_their_cpv_codes():
    import json
    from pathlib import Path

    import criteria_library
    from tender_assistant.thresholds import cpv_is_service, cpv_is_social_service, is_social_services

    starter = Path(criteria_library.__file__).with_name("starter")

    def package_cpv(slug: str) -> list[str]:
        return json.loads((starter / f"{slug}.json").read_text(encoding="utf-8"))["packages"][0]["cpv"]

    events = package_cpv("evenementen")
    assert all(cpv_is_social_service(c) for c in events) and is_social_services(events)
    catering = package_cpv("catering")
    social = [c for c in catering if cpv_is_social_service(c)]
    assert {"55520000-1", "55510000-8", "55300000-3"} <= set(social)
    # food, coffee and kitchen equipment are supplies; "kantine- en cateringdiensten" (55500000-5) is not in Annex XIV
    assert [c for c in catering if c not in social] == ["55500000-5", "15000000-8", "15860000-4", "39221000-7"]
    assert not cpv_is_service("15000000-8") and is_social_services(["55520000-1", "15000000-8"], "diensten")
    assert not is_social_services(["55520000-1", "79341000-6"])  # advertising is an ordinary service
    assert not is_social_services(["55520000-1"], "leveringen")
