"""Drift: tenders that use outdated or retired criteria, and updating a criterion keeping the buyer's edits."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from criteria_library.models import Status
from criteria_library.store import LibraryStore
from tender_assistant.drift import drift_report, merge_clause, tender_drift, update_criterion
from tender_assistant.tender import Tender, TenderCriterion, save_tender
from tests.helpers import publish_edit


def make_tender(store: LibraryStore, ids: list[str]) -> Tender:
    return Tender(title="Kantoormeubilair 2027", package="meubilair",
                  criteria=[TenderCriterion(cid, version=store.criterion(cid).version) for cid in ids])


def test_merge_clause_keeps_both_sides_where_they_do_not_touch() -> None:
    base = "De leverancier levert stoelen met tien jaar garantie en neemt ze terug na gebruik."
    mine = "De leverancier levert bureaustoelen met tien jaar garantie en neemt ze terug na gebruik."
    theirs = "De leverancier levert stoelen met twaalf jaar garantie en neemt ze terug na gebruik."
    assert merge_clause(base, mine, theirs) == (
        "De leverancier levert bureaustoelen met twaalf jaar garantie en neemt ze terug na gebruik.", False)
    conflicting = "De leverancier levert stoelen met vijftien jaar garantie en neemt ze terug na gebruik."
    assert merge_clause(base, conflicting, theirs) == (conflicting, True)
    assert merge_clause(base, base, theirs) == (theirs, False)
    assert merge_clause(base, mine, base) == (mine, False)


def test_drift_lists_newer_and_retired_criteria(fresh_db: LibraryStore, tmp_path: Path) -> None:
    tender = make_tender(fresh_db, ["MEU-M-01", "MEU-G-01", "MEU-C-01"])
    (tmp_path / "a").mkdir()
    save_tender(tender, tmp_path / "a" / "kantoor.tender.json")
    assert tender_drift(tender, fresh_db) == []
    publish_edit(fresh_db, replace(fresh_db.criterion("MEU-M-01"), title="Onderdelen twaalf jaar leverbaar"))
    fresh_db.set_status("MEU-C-01", Status.RETIRED)
    items = {i.criterion_id: i for i in tender_drift(tender, fresh_db)}
    assert set(items) == {"MEU-M-01", "MEU-C-01"}
    assert items["MEU-M-01"].changed_fields == ["title"] and items["MEU-M-01"].library_version == 2
    assert items["MEU-C-01"].retired
    results, unreadable = drift_report([tmp_path / "a"], fresh_db)
    assert [r.path.name for r in results] == ["kantoor.tender.json"] and not unreadable


def test_update_criterion_keeps_the_buyers_edit(fresh_db: LibraryStore) -> None:
    c = fresh_db.criterion("MEU-M-01")
    words = c.clause.split(" ")
    buyer_text = " ".join(["Wij eisen:", *words])  # the buyer added words at the start
    tc = TenderCriterion("MEU-M-01", text=buyer_text, version=c.version)
    publish_edit(fresh_db, replace(c, clause=c.clause + " Dit geldt ook voor onderdelen."))
    outcome = update_criterion(tc, fresh_db)
    assert not outcome.kept_buyer_text
    assert outcome.criterion.version == 2
    assert outcome.criterion.text == buyer_text + " Dit geldt ook voor onderdelen."
