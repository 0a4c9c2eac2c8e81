"""Three-way update from a verified release: base (as last received), local, incoming; and provenance per criterion.

Unchanged locally: the incoming version is taken. Changed locally and upstream: a conflict; the local version stays
and the incoming one is kept beside it (criterion_origin.incoming) to compare and take over later. Local-only
criteria stay. A criterion the publisher no longer releases (in a package the release carries) is retired here,
unless it was changed locally (then a conflict).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import LibraryError
from .exchange import BULK_FTS_THRESHOLD, PACKAGE_FIELDS, _bulk_fts, _insert_new, _package_terms_map
from .field_names import label, value_text
from .infra.text import terminal_safe
from .models import CONTENT_FIELDS, Criterion, Status
from .releases import Release, short_fingerprint, version_key
from .restore import UndoPreview, UndoResult, preview_undo, undo_update, update_backup_path
from .rows import content_diff, criterion_to_row, row_to_criterion
from .store import LibraryStore, now_iso

# what "changed locally" compares: the content, not the workflow status
MERGE_FIELDS = tuple(f for f in CONTENT_FIELDS if f != "status")
LAST_BACKUP_KEY = "last_update_backup"


def _content(c: Criterion) -> dict[str, Any]:
    row = criterion_to_row(c)
    return {k: row[k] for k in MERGE_FIELDS if k in row}  # placeholder_meta is folded into placeholders


def _from_content(cid: str, data: dict[str, Any], status: str, version: int = 1) -> Criterion:
    return row_to_criterion({**data, "id": cid, "status": status, "version": version, "created_at": "",
                             "updated_at": "", "updated_by": ""})


def field_diff(old: Criterion, new: Criterion) -> dict[str, tuple[Any, Any]]:
    """Content fields that differ (status left out): field -> (old, new)."""
    return {k: v for k, v in content_diff(old, new).items() if k != "status"}


@dataclass
class Conflict:
    """A criterion changed both here and by the publisher: the local version stays until someone chooses."""

    local: Criterion
    incoming: Criterion
    retired_upstream: bool = False

    @property
    def diff(self) -> dict[str, tuple[Any, Any]]:
        """Field -> (local, incoming)."""
        return field_diff(self.local, self.incoming)


@dataclass
class UpdatePlan:
    """What an update would do; nothing is written until apply_update."""

    release: Release
    new: list[Criterion] = field(default_factory=list)
    changed: dict[str, tuple[Criterion, Criterion]] = field(default_factory=dict)  # id -> (local, incoming)
    retired: list[Criterion] = field(default_factory=list)
    conflicts: dict[str, Conflict] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    adopted: list[str] = field(default_factory=list)  # same content, provenance recorded now
    packages_new: list[str] = field(default_factory=list)
    packages_changed: list[str] = field(default_factory=list)

    def summary(self, lang: str = "nl") -> str:
        """One line: how many new, changed, retired, conflicts and unchanged (Dutch, or English with lang='en')."""
        n = len(self.conflicts)
        same = len(self.unchanged) + len(self.adopted)
        if lang == "en":
            return (f"{len(self.new)} new, {len(self.changed)} changed, {len(self.retired)} retired, "
                    f"{n} {'conflict' if n == 1 else 'conflicts'}, {same} unchanged")
        return (f"{len(self.new)} nieuw, {len(self.changed)} gewijzigd, {len(self.retired)} ingetrokken, "
                f"{n} {'conflict' if n == 1 else 'conflicten'}, {same} ongewijzigd")

    def report(self) -> str:
        """A readable report with a field-level diff for every change and conflict."""
        r = self.release
        lines = [f"release {r.version} van {r.publisher.name} ({short_fingerprint(r.publisher.fingerprint)}), "
                 f"{r.date}", self.summary()]
        if r.notes:
            lines.insert(1, f"toelichting: {r.notes}")
        for c in self.new:
            lines.append(f"+ {c.id} {c.title}")
        for cid, (local, incoming) in self.changed.items():
            lines.append(f"~ {cid} {incoming.title}")
            lines.extend(_diff_lines(field_diff(local, incoming)))
        for c in self.retired:
            lines.append(f"- {c.id} {c.title} (ingetrokken door de uitgever)")
        for cid, conflict in self.conflicts.items():
            what = "lokaal gewijzigd, door de uitgever ingetrokken" if conflict.retired_upstream else \
                "lokaal en door de uitgever gewijzigd"
            lines.append(f"! {cid} {conflict.local.title} (conflict: {what}; de lokale versie blijft)")
            lines.extend(_diff_lines(conflict.diff, ("lokaal", "nieuw")))
        return terminal_safe("\n".join(lines))  # titles, notes and values come from the release

    def as_json(self) -> dict[str, Any]:
        """The plan as JSON-ready data (for --json)."""
        r = self.release

        def diff(d: dict[str, tuple[Any, Any]]) -> dict[str, list[Any]]:
            return {k: [a, b] for k, (a, b) in d.items()}

        return {
            "release": r.version, "publisher": r.publisher.name, "fingerprint": r.publisher.fingerprint,
            "date": r.date, "notes": r.notes,
            "new": [c.id for c in self.new],
            "changed": {cid: diff(field_diff(a, b)) for cid, (a, b) in self.changed.items()},
            "retired": [c.id for c in self.retired],
            "conflicts": {cid: {"retired_upstream": c.retired_upstream, "diff": diff(c.diff)}
                          for cid, c in self.conflicts.items()},
            "unchanged": len(self.unchanged) + len(self.adopted),
        }


def _diff_lines(diff: dict[str, tuple[Any, Any]], words: tuple[str, str] = ("oud", "nieuw")) -> list[str]:
    lines = []
    for name, (a, b) in diff.items():
        shown = label(name)  # 'Titel', not the pack's key 'title'
        lines.append(f"    {shown}: {words[0]} {_short(value_text(name, a))}")
        lines.append(f"    {' ' * len(shown)}  {words[1]} {_short(value_text(name, b))}")
    return lines


def _short(value: Any, width: int = 90) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 3] + "..."


# ------------------------------------------------------------------------ planning
def _origins(store: LibraryStore) -> dict[str, sqlite3.Row]:
    return {r["criterion_id"]: r for r in store.db.execute("SELECT * FROM criterion_origin").fetchall()}


def _edited_locally(store: LibraryStore) -> set[str]:
    """Criteria with any stored content edit (imports of a first version store no history row)."""
    rows = store.db.execute("SELECT criterion_id, changed_fields FROM criterion_versions").fetchall()
    return {r[0] for r in rows if set(json.loads(r[1] or "[]")) - {"status", "aangemaakt"}}


def already_received(store: LibraryStore, release: Release) -> bool:
    """True when exactly this release (same signed index) was applied before."""
    row = store.db.execute("SELECT version, index_sha256 FROM releases_received WHERE fingerprint = ?",
                           [release.publisher.fingerprint]).fetchone()
    return row is not None and row["version"] == release.version and row["index_sha256"] == release.index_sha256


def check_newer(store: LibraryStore, release: Release) -> None:
    """Refuse a release that is not newer than the last one received from the same publisher."""
    row = store.db.execute("SELECT version, index_sha256 FROM releases_received WHERE fingerprint = ?",
                           [release.publisher.fingerprint]).fetchone()
    if row is None:
        return
    if version_key(release.version) <= version_key(row["version"]):
        raise LibraryError(
            f"Release {release.version} van {release.publisher.name} is niet nieuwer dan de al ontvangen release "
            f"{row['version']}; er is niets gewijzigd.",
            en=f"Release {release.version} from {release.publisher.name} is not newer than the release "
            f"{row['version']} already received; nothing was changed.")


def plan_update(store: LibraryStore, release: Release) -> UpdatePlan:
    """Compare a verified release with the library, three ways per criterion. Writes nothing."""
    check_newer(store, release)
    plan = UpdatePlan(release=release)
    existing_packages = {p.slug: p for p in store.packages()}
    for p in release.pack.packages:
        old = existing_packages.get(p.slug)
        if old is None:
            plan.packages_new.append(p.slug)
        elif any(getattr(old, f) != getattr(p, f) for f in PACKAGE_FIELDS):
            plan.packages_changed.append(p.slug)
    origins = _origins(store)
    edited = _edited_locally(store)
    incoming_ids = {c.id for c in release.pack.criteria}
    local = store.criteria_by_ids(incoming_ids)
    for inc in release.pack.criteria:
        mine = local.get(inc.id)
        if mine is None:
            plan.new.append(inc)
            continue
        origin = origins.get(inc.id)
        incoming_content = _content(inc)
        if _content(mine) == incoming_content:
            (plan.unchanged if origin is not None and json.loads(origin["base"] or "{}") == incoming_content
             else plan.adopted).append(inc.id)
            continue
        if origin is not None and origin["base"]:
            base = json.loads(origin["base"])
            if incoming_content == base:  # not changed upstream: whatever was changed here stays
                plan.unchanged.append(inc.id)
                continue
            changed_here = _content(mine) != base
        else:
            # no base yet (a library from before releases): untouched since it was loaded means not changed here
            changed_here = inc.id in edited
        if changed_here:
            plan.conflicts[inc.id] = Conflict(mine, replace(inc, version=mine.version))
        else:
            plan.changed[inc.id] = (mine, inc)
    # retired upstream: last received from this publisher, in a package this release carries, but no longer in it
    # (a criterion another publisher sent is not this publisher's to retire)
    released_packages = {p.slug for p in release.pack.packages}
    gone = [cid for cid, o in origins.items()
            if cid not in incoming_ids and o["base"] and o["fingerprint"] == release.publisher.fingerprint]
    for cid, mine in store.criteria_by_ids(gone).items():
        if mine.package not in released_packages or mine.status == Status.RETIRED:
            continue
        base = json.loads(origins[cid]["base"])
        if _content(mine) == base:
            plan.retired.append(mine)
        else:
            plan.conflicts[cid] = Conflict(mine, replace(mine, status=Status.RETIRED), retired_upstream=True)
    return plan


# ------------------------------------------------------------------------ applying
@dataclass
class UpdateResult:
    """What an applied update did, and the backup that 'herstel vorige toestand' goes back to."""

    plan: UpdatePlan
    backup: Path | None


def apply_update(store: LibraryStore, plan: UpdatePlan, *, backup: bool = True) -> UpdateResult:
    """Write a planned update in one transaction, after a backup; on any error nothing is changed."""
    store._require_writable()
    release = plan.release
    backup_path = store.backup() if backup else None
    note = f"release {release.version} van {release.publisher.name}"
    by_slug = {p.slug: p for p in release.pack.packages}
    with store.transaction() as db:
        for slug in plan.packages_new + plan.packages_changed:
            store._write_package(db, by_slug[slug])
        if plan.new:
            terms = _package_terms_map(store)
            with _bulk_fts(db, enabled=len(plan.new) >= BULK_FTS_THRESHOLD):  # one index pass, as imports do
                for start in range(0, len(plan.new), 500):
                    _insert_new(store, db, plan.new[start : start + 500], terms)
        for mine, inc in plan.changed.values():
            # content from the publisher, status from the local workflow (a criterion retired here stays retired)
            store._write_criterion(db, replace(inc, status=mine.status), note)
        for c in plan.retired:
            store._write_criterion(db, replace(c, status=Status.RETIRED), f"ingetrokken door de uitgever ({note})")
        # provenance: base = what this release says, for everything taken, adopted or unchanged
        taken = [c for c in release.pack.criteria if c.id not in plan.conflicts]
        db.conn.executemany(
            "INSERT INTO criterion_origin (criterion_id, publisher, fingerprint, release_version, base, incoming, "
            "incoming_version) VALUES (?, ?, ?, ?, ?, NULL, NULL) ON CONFLICT(criterion_id) DO UPDATE SET "
            "publisher = excluded.publisher, fingerprint = excluded.fingerprint, "
            "release_version = excluded.release_version, base = excluded.base, incoming = NULL, "
            "incoming_version = NULL",
            [(c.id, release.publisher.name, release.publisher.fingerprint, release.version,
              json.dumps(_content(c), ensure_ascii=False, sort_keys=True)) for c in taken])
        db.conn.executemany(
            "UPDATE criterion_origin SET release_version = ?, incoming = NULL, incoming_version = NULL "
            "WHERE criterion_id = ?", [(release.version, c.id) for c in plan.retired])
        for cid, conflict in plan.conflicts.items():
            incoming = {**_content(conflict.incoming), "status": str(conflict.incoming.status)}
            db.execute(
                "INSERT INTO criterion_origin (criterion_id, publisher, fingerprint, release_version, base, incoming, "
                "incoming_version) VALUES (?, ?, ?, NULL, NULL, ?, ?) ON CONFLICT(criterion_id) DO UPDATE SET "
                "incoming = excluded.incoming, incoming_version = excluded.incoming_version",
                [cid, release.publisher.name, release.publisher.fingerprint,
                 json.dumps(incoming, ensure_ascii=False, sort_keys=True), release.version])
        db.execute("INSERT OR REPLACE INTO releases_received (fingerprint, publisher, version, index_sha256, "
                   "received_at) VALUES (?, ?, ?, ?, ?)",
                   [release.publisher.fingerprint, release.publisher.name, release.version, release.index_sha256,
                    now_iso()])
        if backup_path is not None:
            db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [LAST_BACKUP_KEY, str(backup_path)])
        store._log_event(db, "release ontvangen", f"{note}: {plan.summary()}")
    return UpdateResult(plan, backup_path)


# ---------------------------------------------------------------- conflicts, provenance
def conflicts(store: LibraryStore) -> list[Conflict]:
    """Every open conflict: the local criterion and the incoming version kept beside it."""
    rows = store.db.execute("SELECT criterion_id, incoming, incoming_version FROM criterion_origin "
                            "WHERE incoming IS NOT NULL ORDER BY criterion_id").fetchall()
    local = store.criteria_by_ids(r[0] for r in rows)
    found = []
    for r in rows:
        mine = local.get(r[0])
        if mine is None:
            continue
        data = json.loads(r[1])
        status = data.pop("status", Status.PUBLISHED.value)
        incoming = _from_content(r[0], data, status, mine.version)
        found.append(Conflict(mine, incoming, retired_upstream=status == Status.RETIRED.value))
    return found


def resolve_conflict(store: LibraryStore, cid: str, *, take_incoming: bool) -> Criterion:
    """Take the incoming version over, or keep the local one (it then counts as changed locally)."""
    found = {c.local.id: c for c in conflicts(store)}
    if cid not in found:
        raise LibraryError(f"{cid} heeft geen openstaand conflict.", en=f"{cid} has no open conflict.")
    conflict = found[cid]
    row = store.db.execute("SELECT * FROM criterion_origin WHERE criterion_id = ?", [cid]).fetchone()
    base_content = {k: v for k, v in json.loads(row["incoming"]).items() if k != "status"}
    with store.transaction() as db:
        if take_incoming:
            result = store._write_criterion(
                db, replace(conflict.incoming, id=cid),
                f"nieuwe versie van {row['publisher']} overgenomen (release {row['incoming_version']})")
        else:
            result = conflict.local
        # either way the incoming version is now the base: later releases compare against it
        db.execute("UPDATE criterion_origin SET base = ?, release_version = ?, incoming = NULL, "
                   "incoming_version = NULL WHERE criterion_id = ?",
                   [json.dumps(base_content, ensure_ascii=False, sort_keys=True), row["incoming_version"], cid])
    return result


@dataclass
class Provenance:
    """Where a criterion came from: publisher, release version, and whether it was changed here."""

    publisher: str
    release_version: str
    changed_locally: bool
    conflict: bool


def provenance(store: LibraryStore, cid: str) -> Provenance | None:
    """The provenance of one criterion (None for a criterion made here)."""
    row = store.db.execute("SELECT * FROM criterion_origin WHERE criterion_id = ?", [cid]).fetchone()
    if row is None or not store.has_criterion(cid):
        return None
    mine = store.criterion(cid)
    changed = bool(row["base"]) and _content(mine) != json.loads(row["base"])
    return Provenance(row["publisher"] or "", row["release_version"] or "", changed or store.draft(cid) is not None,
                      row["incoming"] is not None)


def last_update_backup(store: LibraryStore) -> Path | None:
    """The backup made before the last applied update, if it is still there and one of this library's backups."""
    try:
        return update_backup_path(store, store.setting(LAST_BACKUP_KEY))
    except LibraryError:
        return None


def undo_preview(store: LibraryStore) -> UndoPreview:
    """What 'Herstel vorige toestand' would bring back (the checked backup, its date and criteria); writes nothing."""
    return preview_undo(store, store.setting(LAST_BACKUP_KEY))


def restore_previous_state(store: LibraryStore) -> UndoResult:
    """'Herstel vorige toestand': put the library back as it was before the last update, by the checked route."""
    return undo_update(store, store.setting(LAST_BACKUP_KEY), LAST_BACKUP_KEY)
