"""Three-way updates: base (as last received), local, incoming, per criterion; conflicts and their resolution."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from criteria_library import migrations
from criteria_library.errors import LibraryError
from criteria_library.merge import apply_update, conflicts, plan_update, provenance, resolve_conflict
from criteria_library.models import Status
from criteria_library.releases import read_release
from criteria_library.store import LibraryStore
from tests.helpers import publish_edit
from tests.release_helpers import make_key, release, subscriber, trust_key


class Govs:
    """Two governments: A publishes (the test pack), B receives."""

    def __init__(self, a: LibraryStore, tmp: Path) -> None:
        self.a, self.tmp = a, tmp
        self.key = make_key(tmp)
        trust_key(self.key)
        self.b = subscriber(tmp / "b.db")
        self.n = 0
        self.update()

    def update(self):
        self.n += 1
        folder = release(self.a, self.key, self.tmp / f"rel{self.n}", f"1.{self.n}")
        plan = plan_update(self.b, read_release(folder))
        apply_update(self.b, plan, backup=False)
        return plan

    def upstream(self, cid: str, **changes) -> None:
        publish_edit(self.a, replace(self.a.criterion(cid), **changes))

    def local(self, cid: str, **changes) -> None:
        publish_edit(self.b, replace(self.b.criterion(cid), **changes))


@pytest.fixture
def govs(fresh_db: LibraryStore, tmp_path: Path) -> Govs:
    g = Govs(fresh_db, tmp_path)
    yield g
    g.b.close()


def test_unchanged_locally_takes_the_new_version(govs: Govs) -> None:
    govs.upstream("MEU-M-01", title="Onderdelen vijftien jaar leverbaar")
    plan = govs.update()
    assert list(plan.changed) == ["MEU-M-01"] and not plan.conflicts
    assert plan.report().count("Titel:") == 1 and "title" not in plan.report()  # the label, not the pack key
    assert govs.b.criterion("MEU-M-01").title == "Onderdelen vijftien jaar leverbaar"
    assert provenance(govs.b, "MEU-M-01").release_version == "1.2"


def test_changed_locally_only_stays(govs: Govs) -> None:
    govs.local("MEU-M-01", title="Onze eigen titel")
    plan = govs.update()
    assert not plan.changed and not plan.conflicts
    assert govs.b.criterion("MEU-M-01").title == "Onze eigen titel"
    assert provenance(govs.b, "MEU-M-01").changed_locally


def test_changed_both_is_a_conflict_local_stays_incoming_kept(govs: Govs) -> None:
    govs.local("MEU-M-01", title="Onze eigen titel")
    govs.upstream("MEU-M-01", title="Titel van de uitgever", rationale="Nieuwe onderbouwing van de uitgever.")
    plan = govs.update()
    assert list(plan.conflicts) == ["MEU-M-01"]
    assert set(plan.conflicts["MEU-M-01"].diff) == {"title", "rationale"}
    assert govs.b.criterion("MEU-M-01").title == "Onze eigen titel"
    [open_conflict] = conflicts(govs.b)
    assert open_conflict.incoming.title == "Titel van de uitgever"
    assert provenance(govs.b, "MEU-M-01").conflict
    taken = resolve_conflict(govs.b, "MEU-M-01", take_incoming=True)
    assert taken.title == "Titel van de uitgever" and govs.b.criterion("MEU-M-01").title == "Titel van de uitgever"
    assert not conflicts(govs.b)
    p = provenance(govs.b, "MEU-M-01")
    assert not p.changed_locally and not p.conflict
    with pytest.raises(LibraryError, match="geen openstaand conflict"):
        resolve_conflict(govs.b, "MEU-M-01", take_incoming=True)


def test_keep_local_then_next_upstream_change_conflicts_again(govs: Govs) -> None:
    govs.local("MEU-M-01", title="Onze eigen titel")
    govs.upstream("MEU-M-01", title="Titel van de uitgever")
    govs.update()
    resolve_conflict(govs.b, "MEU-M-01", take_incoming=False)
    assert govs.b.criterion("MEU-M-01").title == "Onze eigen titel"
    assert provenance(govs.b, "MEU-M-01").changed_locally
    assert not govs.update().conflicts  # nothing new upstream: no conflict
    govs.upstream("MEU-M-01", verification="Nieuwe verificatie.")
    assert list(govs.update().conflicts) == ["MEU-M-01"]


def test_local_only_criteria_stay_and_new_ones_arrive(govs: Govs) -> None:
    own = govs.b.duplicate_criterion("MEU-S-01")
    new = govs.a.duplicate_criterion("MEU-C-01")
    govs.a.set_status(new.id, Status.IN_REVIEW)
    govs.a.author = "Collega"
    govs.a.set_status(new.id, Status.PUBLISHED)
    plan = govs.update()
    assert [c.id for c in plan.new] == [new.id]
    assert govs.b.has_criterion(own.id) and govs.b.criterion(own.id).status == Status.CONCEPT
    assert provenance(govs.b, own.id) is None


def test_retired_upstream(govs: Govs) -> None:
    govs.local("VKB-C-01", title="Onze eigen contractbepaling")
    govs.a.set_status("VKB-M-01", Status.RETIRED)
    govs.a.set_status("VKB-C-01", Status.RETIRED)
    plan = govs.update()
    assert [c.id for c in plan.retired] == ["VKB-M-01"]
    assert govs.b.criterion("VKB-M-01").status == Status.RETIRED
    assert plan.conflicts["VKB-C-01"].retired_upstream
    assert govs.b.criterion("VKB-C-01").status == Status.PUBLISHED
    resolve_conflict(govs.b, "VKB-C-01", take_incoming=True)
    assert govs.b.criterion("VKB-C-01").status == Status.RETIRED


def test_library_written_before_releases_updates_cleanly(fresh_db: LibraryStore, tmp_path: Path) -> None:
    """A library made by the previous version (schema 3, no provenance): untouched criteria update, edits conflict."""
    old_path = tmp_path / "oud.db"
    keyfile = make_key(tmp_path)
    trust_key(keyfile)
    other = LibraryStore.open(old_path, seed=False)
    apply_update(other, plan_update(other, read_release(release(fresh_db, keyfile, tmp_path / "r0", "0.1"))))
    other.close()
    conn = sqlite3.connect(old_path)  # back to what the previous version wrote: no 0004 tables, user_version 3
    for table in ("criterion_drafts", "library_events", "criterion_origin", "releases_received"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_workflow_and_releases'")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    other = LibraryStore.open(old_path)
    assert migrations.stored_version(other.db) == migrations.SCHEMA_VERSION
    publish_edit(other, replace(other.criterion("MEU-G-01"), title="Lokaal aangepast gunningscriterium"))
    publish_edit(fresh_db, replace(fresh_db.criterion("MEU-G-01"), title="Door de uitgever aangepast"))
    publish_edit(fresh_db, replace(fresh_db.criterion("MEU-M-01"), title="Onderdelen twintig jaar leverbaar"))
    plan = plan_update(other, read_release(release(fresh_db, keyfile, tmp_path / "r1", "1.0")))
    assert list(plan.changed) == ["MEU-M-01"] and list(plan.conflicts) == ["MEU-G-01"]
    apply_update(other, plan)
    assert other.criterion("MEU-M-01").title == "Onderdelen twintig jaar leverbaar"
    assert other.criterion("MEU-G-01").title == "Lokaal aangepast gunningscriterium"
    other.close()


def test_only_the_publisher_who_sent_a_criterion_retires_it(govs: Govs, tmp_path: Path) -> None:
    """A criterion another trusted publisher sent stays when this publisher's release of the package lacks it."""
    other_key = make_key(tmp_path, "ander")
    trust_key(other_key, "Andere uitgever")
    extra = govs.a.duplicate_criterion("MEU-S-01")
    govs.a.set_status(extra.id, Status.IN_REVIEW)
    govs.a.author = "Collega"
    govs.a.set_status(extra.id, Status.PUBLISHED)
    other_release = release(govs.a, other_key, tmp_path / "ander", "1.0", packages=["meubilair"])
    apply_update(govs.b, plan_update(govs.b, read_release(other_release)), backup=False)
    assert provenance(govs.b, extra.id).publisher == "Andere uitgever"
    govs.a.set_status(extra.id, Status.RETIRED)  # gone from A's next release
    plan = govs.update()
    assert extra.id not in [c.id for c in plan.retired]
    assert govs.b.criterion(extra.id).status == Status.PUBLISHED
