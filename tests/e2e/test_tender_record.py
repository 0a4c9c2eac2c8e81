"""A saved tender is a record: its documents print the criterion versions the buyer chose, however the library
changed since; only the buyer's explicit update brings the new text (issue 23 section 2)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from criteria_library.store import LibraryStore
from tender_assistant.checks import check_tender
from tender_assistant.documents.plan import Paragraph, build_plan
from tender_assistant.drift import tender_drift
from tender_assistant.tender import Tender, TenderCriterion
from tests.helpers import publish_edit

TODAY = date(2026, 12, 6)
NEW_CLAUSE = "Een volkomen nieuwe eis die de bibliotheek na de keuze van de inkoper invoerde."


@pytest.fixture
def store(tmp_path: Path, starter_db_template: Path):
    path = tmp_path / "library.db"
    shutil.copy(starter_db_template, path)
    with LibraryStore.open(path) as opened:
        yield opened


def _text(tender: Tender, store: LibraryStore) -> str:
    plan = build_plan(tender, store, TODAY, concept=True)
    return "\n".join("".join(r.text for r in b.runs) for b in plan.body if isinstance(b, Paragraph))


def test_a_release_after_saving_does_not_change_the_documents_until_the_buyer_updates(store):
    chosen = store.criterion("MEU-M-01")
    tender = Tender(title="Stoelen", organisation="Gemeente Haarlem", package="meubilair",
                    criteria=[TenderCriterion("MEU-M-01", version=chosen.version)])
    before = _text(tender, store)
    old = store.criterion("MEU-M-01")
    publish_edit(store, replace(old, clause=old.clause + " " + NEW_CLAUSE))
    assert store.criterion("MEU-M-01").version == chosen.version + 1
    after = _text(tender, store)
    assert after == before and NEW_CLAUSE not in after  # the record, not the library's new text
    advice = [f for f in check_tender(tender, store, TODAY) if f.code == "criterion-changed"]
    assert advice and f"de documenten gebruiken versie {chosen.version}" in advice[0].message
    assert [d.criterion_id for d in tender_drift(tender, store)] == ["MEU-M-01"]  # drift agrees with the export
    tender.criteria[0].version = store.criterion("MEU-M-01").version  # the buyer's explicit update
    assert NEW_CLAUSE in _text(tender, store)
    assert not [f for f in check_tender(tender, store, TODAY) if f.code == "criterion-changed"]
