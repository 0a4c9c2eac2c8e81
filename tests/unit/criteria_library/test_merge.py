"""Three-way updates: base (as last received), local, incoming, per criterion; conflicts and their resolution."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from criteria_library import migrations
from criteria_library.errors import LibraryError
from criteria_library.merge import (
    apply_update,
    conflicts,
    package_conflicts,
    plan_update,
    provenance,
    resolve_conflict,
)
from criteria_library.models import Status
from criteria_library.publishers import short_fingerprint
from criteria_library.releases import read_release
from criteria_library.store import LibraryStore
from tests.helpers import publish_edit
from tests.release_helpers import make_key, release, subscriber, trust_key


class Govs:
    """Two governments: A publishes (the test pack), B receives."""

    def __init__(self, a: LibraryStore, tmp: Path, *, accept: bool = True) -> None:
        self.a, self.tmp = a, tmp
        self.key = make_key(tmp)
        trust_key(self.key)
        self.b = subscriber(tmp / "b.db")
        self.b.set_accept_trusted_releases(accept)  # False: changes to published criteria wait in review
        self.n = 0
        self.update()

    def release_folder(self) -> Path:
        self.n += 1
        return release(self.a, self.key, self.tmp / f"rel{self.n}", f"1.{self.n}")

    def update(self):
        plan = plan_update(self.b, read_release(self.release_folder()))
        apply_update(self.b, plan, backup=False)
        return plan

    def upstream(self, cid: str, **changes) -> None:
        publish_edit(self.a, replace(self.a.criterion(cid), **changes))

    def local(self, cid: str, **changes) -> None:
        publish_edit(self.b, replace(self.b.criterion(cid), **changes))


@pytest.fixture
def govs(fresh_db: LibraryStore, tmp_path: Path) -> Govs:
    """B accepts A's releases as published (the regisseur's choice), so changes show at once."""
    g = Govs(fresh_db, tmp_path)
    yield g
    g.b.close()


@pytest.fixture
def reviewing(fresh_db: LibraryStore, tmp_path: Path) -> Govs:
    """B as by default: a release's change to a published criterion waits in review."""
    g = Govs(fresh_db, tmp_path, accept=False)
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


def test_library_written_before_releases_updates_without_losing_anything(fresh_db: LibraryStore,
                                                                          tmp_path: Path) -> None:
    """A library made by the previous version (schema 3, no provenance): an id the release never sent before is a
    conflict whether or not it was edited here (it may be the organisation's own criterion)."""
    old_path = tmp_path / "oud.db"
    keyfile = make_key(tmp_path)
    trust_key(keyfile)
    other = LibraryStore.open(old_path)
    apply_update(other, plan_update(other, read_release(release(fresh_db, keyfile, tmp_path / "r0", "0.1"))))
    other.close()
    conn = sqlite3.connect(old_path)  # back to what the previous version wrote: no 0004 tables, user_version 3
    for table in ("criterion_drafts", "library_events", "criterion_origin", "releases_received"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name IN ('0004_workflow_and_releases', '0008_identity')")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    other = LibraryStore.open(old_path)
    assert migrations.stored_version(other.db) == migrations.SCHEMA_VERSION
    publish_edit(other, replace(other.criterion("MEU-G-01"), title="Lokaal aangepast gunningscriterium"))
    publish_edit(fresh_db, replace(fresh_db.criterion("MEU-G-01"), title="Door de uitgever aangepast"))
    publish_edit(fresh_db, replace(fresh_db.criterion("MEU-M-01"), title="Onderdelen twintig jaar leverbaar"))
    plan = plan_update(other, read_release(release(fresh_db, keyfile, tmp_path / "r1", "1.0")))
    assert not plan.changed and set(plan.conflicts) == {"MEU-M-01", "MEU-G-01"}
    apply_update(other, plan)
    assert other.criterion("MEU-M-01").title != "Onderdelen twintig jaar leverbaar"
    assert other.criterion("MEU-G-01").title == "Lokaal aangepast gunningscriterium"
    assert resolve_conflict(other, "MEU-M-01", take_incoming=True).title == "Onderdelen twintig jaar leverbaar"
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


# ------------------------------------------- the workflow applies to releases (issue 18 item 2)
def test_a_release_changes_a_published_criterion_through_review_by_default(reviewing: Govs) -> None:
    published = reviewing.b.criterion("MEU-M-01")
    reviewing.upstream("MEU-M-01", title="Onderdelen vijftien jaar leverbaar")
    reviewing.b.author = "Bijwerker"
    plan = reviewing.update()
    assert plan.proposed == ["MEU-M-01"] and "nieuwe versie ter review" in plan.report()
    assert reviewing.b.criterion("MEU-M-01") == published
    assert reviewing.b.draft("MEU-M-01").status == Status.IN_REVIEW
    with pytest.raises(LibraryError, match="vier-ogenprincipe"):  # who ran the update does not approve it
        reviewing.b.set_status("MEU-M-01", Status.PUBLISHED)
    reviewing.b.author = "Collega"
    assert reviewing.b.set_status("MEU-M-01", Status.PUBLISHED).title == "Onderdelen vijftien jaar leverbaar"
    assert not provenance(reviewing.b, "MEU-M-01").changed_locally


def test_accepting_trusted_releases_is_an_explicit_logged_choice(reviewing: Govs) -> None:
    assert not reviewing.b.accepts_trusted_releases
    reviewing.b.author = "Regisseur"
    reviewing.b.set_accept_trusted_releases(True)
    assert reviewing.b.events()[0]["event"] == "wijzigingen uit vertrouwde releases direct gepubliceerd"
    assert reviewing.b.events()[0]["by"] == "Regisseur"
    reviewing.upstream("MEU-M-01", title="Onderdelen vijftien jaar leverbaar")
    assert not reviewing.update().proposed
    assert reviewing.b.criterion("MEU-M-01").title == "Onderdelen vijftien jaar leverbaar"


def test_a_later_release_replaces_its_own_pending_proposal(reviewing: Govs) -> None:
    reviewing.upstream("MEU-M-01", title="Eerste voorstel van de uitgever")
    reviewing.update()
    reviewing.upstream("MEU-M-01", title="Tweede voorstel van de uitgever")
    plan = reviewing.update()
    assert list(plan.changed) == ["MEU-M-01"] and not plan.conflicts  # not a local edit
    assert reviewing.b.draft("MEU-M-01").title == "Tweede voorstel van de uitgever"


# ------------------------------------------------- lost update (issue 18 item 2, issue 25 item 3)
@pytest.mark.parametrize("status", [Status.CONCEPT, Status.IN_REVIEW])
def test_a_release_meeting_a_pending_local_version_is_a_conflict(govs: Govs, status: Status) -> None:
    govs.b.author = "Anna"
    ours = govs.b.save_criterion(replace(govs.b.criterion("MEU-M-01"), title="Onze nieuwe versie"))
    if status == Status.IN_REVIEW:
        govs.b.set_status("MEU-M-01", Status.IN_REVIEW)
    govs.upstream("MEU-M-01", rationale="Nieuwe onderbouwing van de uitgever.")
    plan = govs.update()
    assert list(plan.conflicts) == ["MEU-M-01"] and not plan.changed
    assert "! MEU-M-01 Onze nieuwe versie (conflict" in plan.report()
    [shown] = conflicts(govs.b)
    assert shown.local.title == ours.title and shown.incoming.rationale == "Nieuwe onderbouwing van de uitgever."
    # approving the local version later publishes it, and the publisher's change is still there to take over
    if status == Status.CONCEPT:
        govs.b.set_status("MEU-M-01", Status.IN_REVIEW)
    govs.b.author = "Bert"
    govs.b.set_status("MEU-M-01", Status.PUBLISHED)
    [still] = conflicts(govs.b)
    assert still.incoming.rationale == "Nieuwe onderbouwing van de uitgever."
    taken = resolve_conflict(govs.b, "MEU-M-01", take_incoming=True)
    assert taken.rationale == "Nieuwe onderbouwing van de uitgever."


def test_the_update_preview_on_the_command_line_shows_the_pending_version_as_a_conflict(govs: Govs, capsys) -> None:
    import main

    govs.b.save_criterion(replace(govs.b.criterion("MEU-M-01"), title="Onze nieuwe versie"))
    govs.upstream("MEU-M-01", rationale="Nieuwe onderbouwing van de uitgever.")
    folder = release(govs.a, govs.key, govs.tmp / "cli", "9.0")
    db = str(govs.b.path)
    assert main.main(["--db", db, "library", "update", "--from", str(folder), "--dry-run"]) == 0
    assert "! MEU-M-01 Onze nieuwe versie (conflict" in capsys.readouterr().out
    assert main.main(["--db", db, "library", "update", "--from", str(folder)]) == 0
    capsys.readouterr()
    assert main.main(["--db", db, "library", "conflicts"]) == 0
    assert "! MEU-M-01 Onze nieuwe versie" in capsys.readouterr().out


def test_package_edits_here_are_merged_or_shown_as_conflicts(govs: Govs, capsys) -> None:
    mine = govs.b.package("meubilair")
    govs.b.save_package(replace(mine, name_nl="Meubilair (gemeente B)", synonyms=[*mine.synonyms, "stoelen"],
                                cpv=mine.cpv[:1]))
    theirs = govs.a.package("meubilair")
    govs.a.save_package(replace(theirs, name_nl="Kantoormeubilair", synonyms=[*theirs.synonyms[1:], "kasten"],
                                description="Nieuwe omschrijving."))
    plan = govs.update()
    assert plan.package_conflicts == {"meubilair": {"name_nl": ("Meubilair (gemeente B)", "Kantoormeubilair")}}
    assert "! pakket meubilair (conflict" in plan.report()
    merged = govs.b.package("meubilair")
    assert merged.name_nl == "Meubilair (gemeente B)" and merged.description == "Nieuwe omschrijving."
    # each side's additions stay and the publisher's removal is taken; the CPV code removed here stays removed
    assert merged.synonyms == [*mine.synonyms[1:], "stoelen", "kasten"] and merged.cpv == mine.cpv[:1]
    assert package_conflicts(govs.b) == plan.package_conflicts
    import main

    assert main.main(["--db", str(govs.b.path), "library", "conflicts"]) == 0
    assert "! pakket meubilair" in capsys.readouterr().out
    assert main.main(["--db", str(govs.b.path), "library", "resolve", "meubilair", "--take-incoming"]) == 0
    assert govs.b.package("meubilair").name_nl == "Kantoormeubilair"
    assert not package_conflicts(govs.b) and govs.b.package("meubilair").synonyms == merged.synonyms


# ------------------------------------------------------------- id collisions (issue 25 item 2)
def test_a_release_does_not_overwrite_the_organisations_own_criterion_with_the_same_id(govs: Govs) -> None:
    own = govs.b.duplicate_criterion("MEU-S-01")  # the organisation's own, never edited after creation
    theirs = govs.a.save_criterion(replace(govs.a.duplicate_criterion("MEU-S-01"), title="Eis van de uitgever"))
    assert own.id == theirs.id  # both libraries took "the next free number"
    govs.a.set_status(theirs.id, Status.IN_REVIEW)
    govs.a.author = "Collega"
    govs.a.set_status(theirs.id, Status.PUBLISHED)
    plan = govs.update()
    assert own.id in plan.conflicts and own.id not in plan.changed
    assert govs.b.criterion(own.id).title == own.title
    assert [c.local.id for c in conflicts(govs.b)] == [own.id]
    # said as what it is: another criterion under the same code, not one criterion changed on both sides
    assert "een andere eis van de uitgever met dezelfde code" in plan.report()
    assert "lokaal en door de uitgever gewijzigd" not in plan.report()
    assert [c.other_criterion for c in conflicts(govs.b)] == [True]


def test_with_an_organisation_code_own_criteria_never_meet_a_publishers_id(govs: Govs) -> None:
    govs.b.set_organisation_code("GEMB")
    own = govs.b.duplicate_criterion("MEU-S-01")
    theirs = govs.a.duplicate_criterion("MEU-S-01")
    govs.a.set_status(theirs.id, Status.IN_REVIEW)
    govs.a.author = "Collega"
    govs.a.set_status(theirs.id, Status.PUBLISHED)
    assert (own.id, theirs.id) == ("GEMB-MEU-S-01", "MEU-S-02")
    plan = govs.update()
    assert [c.id for c in plan.new] == [theirs.id] and not plan.conflicts
    assert govs.b.criterion(own.id).title == own.title and govs.b.has_criterion(theirs.id)


def test_a_library_from_before_package_merging_lists_its_conflicts_read_only(fresh_db: LibraryStore) -> None:
    """`library conflicts` opens read-only, so an older library (schema 4) is not migrated first."""
    conn = sqlite3.connect(fresh_db.path)
    conn.execute("DROP TABLE package_origin")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0005_package_origin'")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with LibraryStore.open(fresh_db.path, read_only=True) as old:
        assert package_conflicts(old) == {} and conflicts(old) == []


def test_a_criterion_another_publisher_sent_is_a_conflict_not_an_update(govs: Govs, tmp_path: Path) -> None:
    """Publisher C's MEU-M-01 is not the MEU-M-01 that A sent: an id this publisher never sent is a conflict."""
    other_key = make_key(tmp_path, "ander")
    trust_key(other_key, "Andere uitgever")
    c = subscriber(tmp_path / "c.db")
    apply_update(c, plan_update(c, read_release(release(govs.a, govs.key, tmp_path / "voor-c", "1.0"))))
    publish_edit(c, replace(c.criterion("MEU-M-01"), title="Eis van uitgever C met dezelfde code"))
    plan = plan_update(govs.b, read_release(release(c, other_key, tmp_path / "van-c", "1.0")))
    assert "MEU-M-01" in plan.conflicts and "MEU-M-01" not in plan.changed
    c.close()


# ------------------------------------------------- planned once, planned again only when the library changed
@pytest.mark.parametrize("who", ["this window", "another program"])
def test_a_version_started_between_the_preview_and_applying_is_a_conflict(govs: Govs, who: str) -> None:
    govs.upstream("MEU-M-01", rationale="Nieuwe onderbouwing van de uitgever.")
    folder = release(govs.a, govs.key, govs.tmp / "rel-late", "1.9")
    plan = plan_update(govs.b, read_release(folder))  # the preview: no conflict yet
    assert "MEU-M-01" in plan.changed and not plan.conflicts
    writer = govs.b if who == "this window" else LibraryStore.open(govs.b.path)
    try:
        writer.save_criterion(replace(writer.criterion("MEU-M-01"), title="Net begonnen versie"))
    finally:
        if writer is not govs.b:
            writer.close()
    apply_update(govs.b, plan, backup=False)
    assert list(plan.conflicts) == ["MEU-M-01"] and "MEU-M-01" not in plan.changed
    assert govs.b.working_copy("MEU-M-01").title == "Net begonnen versie"  # not overwritten


def test_an_update_is_planned_once_when_nothing_changed_since_the_preview(govs: Govs, monkeypatch) -> None:
    from criteria_library import merge

    govs.upstream("MEU-M-01", rationale="Nieuwe onderbouwing van de uitgever.")
    plan = plan_update(govs.b, read_release(release(govs.a, govs.key, govs.tmp / "rel-once", "1.9")))
    calls: list[str] = []
    monkeypatch.setattr(merge, "plan_update", lambda *a, **k: calls.append("plan") or plan_update(*a, **k))
    apply_update(govs.b, plan, backup=True)  # the backup before the transaction is no change
    assert calls == [] and govs.b.criterion("MEU-M-01").rationale == "Nieuwe onderbouwing van de uitgever."


def test_companions_added_upstream_arrive_and_local_ones_conflict(govs: Govs) -> None:
    from criteria_library.models import FloorFrom, RelativeScoring

    linked = RelativeScoring(floor=10, floor_from=FloorFrom("MEU-M-01", "onderdelen_jaren"), example_low=11,
                             example_high=14)
    govs.upstream("MEU-G-01", requires=["MEU-C-01"], scoring=linked)
    govs.local("MEU-S-01", requires=["MEU-C-01"])
    govs.upstream("MEU-S-01", requires=["MEU-M-01"])
    plan = govs.update()
    assert list(plan.changed) == ["MEU-G-01"] and list(plan.conflicts) == ["MEU-S-01"]
    assert "Vereiste criteria" in plan.report() and "MEU-C-01" in plan.report()
    c = govs.b.criterion("MEU-G-01")
    assert c.requires == ["MEU-C-01"] and c.scoring == linked
    assert govs.b.criterion("MEU-S-01").requires == ["MEU-C-01"]  # the local version stays


def test_a_library_from_before_companions_upgrades_without_false_conflicts(fresh_db: LibraryStore,
                                                                          tmp_path: Path) -> None:
    """Merge bases received before migration 0006 hold no `requires`: an unchanged release is still unchanged."""
    keyfile = make_key(tmp_path)
    trust_key(keyfile)
    old_path = tmp_path / "schema5.db"
    other = subscriber(old_path)
    apply_update(other, plan_update(other, read_release(release(fresh_db, keyfile, tmp_path / "r0", "0.1"))))
    other.close()
    conn = sqlite3.connect(old_path)  # back to what the previous version wrote: no requires column, user_version 5
    conn.execute("ALTER TABLE criteria DROP COLUMN requires")
    conn.execute("UPDATE criterion_origin SET base = json_remove(base, '$.requires')")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0006_criterion_links'")
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    with LibraryStore.open(old_path, read_only=True) as old:  # an older library read as it is
        assert old.criterion("MEU-G-01").requires == [] and conflicts(old) == []
    other = LibraryStore.open(old_path)
    assert migrations.stored_version(other.db) == migrations.SCHEMA_VERSION
    plan = plan_update(other, read_release(release(fresh_db, keyfile, tmp_path / "r1", "0.2")))
    assert not plan.conflicts and not plan.changed
    publish_edit(fresh_db, replace(fresh_db.criterion("MEU-G-01"), requires=["MEU-C-01"]))
    plan = plan_update(other, read_release(release(fresh_db, keyfile, tmp_path / "r2", "0.3")))
    assert list(plan.changed) == ["MEU-G-01"] and not plan.conflicts
    other.close()


# ------------------------------------------- who wrote what a release brings (issue 23 item 1)
def test_release_versions_are_attributed_to_the_publisher_not_the_receiver(reviewing: Govs) -> None:
    reviewing.b.author = "Ontvanger"
    extra = reviewing.a.duplicate_criterion("MEU-S-01")
    reviewing.a.set_status(extra.id, Status.IN_REVIEW)
    reviewing.a.author = "Collega"
    reviewing.a.set_status(extra.id, Status.PUBLISHED)
    reviewing.upstream("MEU-M-01", title="Onderdelen vijftien jaar leverbaar")
    reviewing.update()
    fingerprint = next(iter(reviewing.b.origins().values())).fingerprint
    publisher = ("MRA", f"sleutel {short_fingerprint(fingerprint)}")  # the name the key is trusted under
    [new] = reviewing.b.history(extra.id)
    assert (new.author.name, new.author.account) == publisher and new.changed_by == "MRA"
    [waiting] = [w for w in reviewing.b.waiting() if w.criterion.id == "MEU-M-01"]
    assert (waiting.author.name, waiting.author.account) == publisher and waiting.submitter.name == "Ontvanger"
    reviewing.b.author = "Collega"
    reviewing.b.set_status("MEU-M-01", Status.PUBLISHED)
    approved = reviewing.b.history("MEU-M-01")[0]
    assert (approved.author.name, approved.submitter.name, approved.approver.name) == (
        "MRA", "Ontvanger", "Collega")
    assert "Ontvanger" not in {v.changed_by for v in reviewing.b.history(extra.id)}


@pytest.fixture
def regisseur(tmp_path: Path, starter_db_template: Path):
    """The regisseur's own library, made from the same starter library as the subscriber's (its own file)."""
    import shutil

    path = tmp_path / "regisseur.db"
    shutil.copy(starter_db_template, path)
    with LibraryStore.open(path) as store:
        yield store


def test_after_a_conflict_the_origin_names_the_releases_publisher_not_the_starter(library: LibraryStore,
                                                                                  regisseur: LibraryStore,
                                                                                  tmp_path: Path) -> None:
    """A starter criterion changed here meets the same id in another publisher's release: while the conflict is open
    the Herkomst says who sent the new version; once resolved, the origin (and the next merge base) is that
    publisher's, and the history names that publisher as the author, not the starter library."""
    key = make_key(tmp_path)
    trust_key(key)
    publish_edit(library, replace(library.criterion("MEU-M-01"), title="Onderdelen twaalf jaar leverbaar"))
    publish_edit(regisseur, replace(regisseur.criterion("MEU-M-01"), title="Onderdelen vijftien jaar leverbaar"))
    plan = plan_update(library, read_release(release(regisseur, key, tmp_path / "r1", "1.0", packages=["meubilair"])))
    assert list(plan.conflicts) == ["MEU-M-01"]
    apply_update(library, plan, backup=False)
    open_conflict = provenance(library, "MEU-M-01")
    assert open_conflict.conflict and open_conflict.incoming_publisher == "MRA"
    assert open_conflict.publisher == "Tender Assistant startbibliotheek"
    library.author = "Regisseur"
    resolve_conflict(library, "MEU-M-01", take_incoming=True)
    settled = provenance(library, "MEU-M-01")
    assert (settled.publisher, settled.release_version, settled.conflict) == ("MRA", "1.0", False)
    assert library.origin("MEU-M-01").fingerprint == read_release(tmp_path / "r1").publisher.fingerprint
    [taken] = [w for w in library.waiting() if w.criterion.id == "MEU-M-01"]  # a version in review, by MRA
    assert taken.author.name == "MRA" and taken.criterion.title == "Onderdelen vijftien jaar leverbaar"


def test_the_regisseurs_change_to_a_starter_criterion_untouched_here_arrives_without_a_conflict(
        library: LibraryStore, regisseur: LibraryStore, tmp_path: Path) -> None:
    """The regisseur's release improves a starter criterion this library never changed: an ordinary upstream change,
    and every other starter criterion is unchanged (issue 25 item 2 keeps the conflict for the organisation's own
    ids and for ids another regional publisher sent)."""
    key = make_key(tmp_path)
    trust_key(key)
    publish_edit(regisseur, replace(regisseur.criterion("MEU-M-02"), title="Reserveonderdelen twintig jaar"))
    plan = plan_update(library, read_release(release(regisseur, key, tmp_path / "r1", "1.0", packages=["meubilair"])))
    assert list(plan.changed) == ["MEU-M-02"] and not plan.conflicts
    apply_update(library, plan, backup=False)
    assert library.working_copy("MEU-M-02").title == "Reserveonderdelen twintig jaar"
    assert provenance(library, "MEU-M-02").publisher == "MRA"


# ------------------------------------------- a retirement travels in a release (exploratory finding R1)
def test_the_regisseurs_retirement_of_a_starter_criterion_travels_in_the_release(
        library: LibraryStore, regisseur: LibraryStore, tmp_path: Path) -> None:
    """Regional curation: the regisseur retires a starter criterion nobody here changed; the release says so (the
    criterion is named in the signed index) and the receiving library retires it."""
    key = make_key(tmp_path)
    trust_key(key)
    regisseur.set_status("MEU-M-02", Status.RETIRED)
    plan = plan_update(library, read_release(release(regisseur, key, tmp_path / "r1", "1.0", packages=["meubilair"])))
    assert [c.id for c in plan.retired] == ["MEU-M-02"] and not plan.conflicts
    assert "1 ingetrokken" in plan.summary() and "- MEU-M-02" in plan.report()
    apply_update(library, plan, backup=False)
    assert library.criterion("MEU-M-02").status == Status.RETIRED


def test_a_retirement_of_a_criterion_changed_here_is_a_conflict(library: LibraryStore, regisseur: LibraryStore,
                                                                 tmp_path: Path) -> None:
    key = make_key(tmp_path)
    trust_key(key)
    publish_edit(library, replace(library.criterion("MEU-M-02"), title="Onze eigen reserveonderdelen"))
    regisseur.set_status("MEU-M-02", Status.RETIRED)
    plan = plan_update(library, read_release(release(regisseur, key, tmp_path / "r1", "1.0", packages=["meubilair"])))
    assert not plan.retired and plan.conflicts["MEU-M-02"].retired_upstream
    apply_update(library, plan, backup=False)
    assert library.criterion("MEU-M-02").status == Status.PUBLISHED
    resolve_conflict(library, "MEU-M-02", take_incoming=True)
    assert library.criterion("MEU-M-02").status == Status.RETIRED
