"""Three-way update from a verified release: base (as last received), local, incoming; and provenance per criterion.

Unchanged locally: the incoming version is taken (for a published criterion as a new version in review, unless the
regisseur accepts trusted releases as published). Changed locally and upstream: a conflict; the local version stays
and the incoming one is kept beside it to compare and take over later. "Local" is the working copy: a pending new
version in bewerking or review counts, so approving it later cannot revert the publisher's change. An id this
publisher never sent that exists here is a conflict too (the organisation's own criterion, not the publisher's).
Local-only criteria stay. A criterion the publisher no longer releases (in a package the release carries) is retired
here, unless it was changed locally (then a conflict). Package fields merge the same way: lists (synonyms, CPV codes)
take both sides' additions and removals, a name or text changed on both sides keeps the local value, shown as a
conflict.

The plan is computed here; the store writes it (LibraryStore.apply_release, resolve_conflict).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from . import curation
from .errors import LibraryError
from .field_names import label, value_text
from .infra.text import around_change, terminal_safe
from .models import CONTENT_FIELDS, Criterion, Package, Status
from .provenance import Origin, ReleaseChanges, ReleaseStamp
from .publishers import builtin_publisher, short_fingerprint
from .releases import Release, refuse_outside_scope, version_key
from .restore import UndoPreview, UndoResult, preview_undo, undo_update, update_backup_path
from .rows import content_diff, criterion_to_row
from .store import LAST_UPDATE_BACKUP_KEY, LibraryStore, criterion_from_content

# what "changed locally" compares: the content, not the workflow status
MERGE_FIELDS = tuple(f for f in CONTENT_FIELDS if f != "status")
# package fields a release merges with local edits (the slug is the package's identity)
PACKAGE_MERGE_FIELDS = tuple(f.name for f in fields(Package) if f.name != "slug")


def _content(c: Criterion) -> dict[str, Any]:
    row = criterion_to_row(c)
    content = {k: row[k] for k in MERGE_FIELDS if k in row}  # placeholder_meta is folded into placeholders
    if not c.requires:  # bases received before `requires` existed lack the key: no companions compares equal
        del content["requires"]
    return content


def field_diff(old: Criterion, new: Criterion) -> dict[str, tuple[Any, Any]]:
    """Content fields that differ (status left out): field -> (old, new)."""
    return {k: v for k, v in content_diff(old, new).items() if k != "status"}


@dataclass
class Conflict:
    """A criterion changed both here and by the publisher: the local version stays until someone chooses."""

    local: Criterion
    incoming: Criterion
    retired_upstream: bool = False
    other_criterion: bool = False  # an id the publisher never sent: a different criterion with the same code here

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
    proposed: list[str] = field(default_factory=list)  # of the changed: published here, so a new version in review
    packages_new: list[str] = field(default_factory=list)
    packages_changed: list[str] = field(default_factory=list)
    packages: dict[str, Package] = field(default_factory=dict)  # slug -> what is written (merged with local edits)
    package_conflicts: dict[str, dict[str, tuple[Any, Any]]] = field(default_factory=dict)  # field -> (local, incoming)
    library_state: tuple[int, int, int] | None = None  # the store's change marker when planned

    def summary(self, lang: str = "nl") -> str:
        """One line: how many new, changed, retired, conflicts and unchanged (Dutch, or English with lang='en')."""
        n = len(self.conflicts) + len(self.package_conflicts)
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
            review = " (nieuwe versie ter review; de gepubliceerde blijft tot ze is goedgekeurd)" \
                if cid in self.proposed else ""
            lines.append(f"~ {cid} {incoming.title}{review}")
            lines.extend(_diff_lines(field_diff(local, incoming)))
        for c in self.retired:
            lines.append(f"- {c.id} {c.title} (ingetrokken door de uitgever)")
        for cid, conflict in self.conflicts.items():
            what = ("lokaal gewijzigd, door de uitgever ingetrokken" if conflict.retired_upstream else
                    "een andere eis van de uitgever met dezelfde code als een eis die hier al staat; om beide te "
                    "houden: geef de eis hier een nieuwe code (Dupliceren) en trek de oude in" if conflict.other_criterion else
                    "lokaal en door de uitgever gewijzigd")
            lines.append(f"! {cid} {conflict.local.title} (conflict: {what}; de lokale versie blijft)")
            lines.extend(_diff_lines(conflict.diff, ("lokaal", "nieuw")))
        for slug, diff in self.package_conflicts.items():
            lines.append(f"! pakket {slug} (conflict: lokaal en door de uitgever gewijzigd; de lokale waarde blijft)")
            lines.extend(_diff_lines(diff, ("lokaal", "nieuw")))
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
            "proposed": list(self.proposed),
            "package_conflicts": {slug: diff(d) for slug, d in self.package_conflicts.items()},
            "unchanged": len(self.unchanged) + len(self.adopted),
        }


def _diff_lines(diff: dict[str, tuple[Any, Any]], words: tuple[str, str] = ("oud", "nieuw")) -> list[str]:
    lines = []
    for name, (a, b) in diff.items():
        shown = label(name)  # 'Titel', not the pack's key 'title'
        before, after = around_change(_flat(value_text(name, a)), _flat(value_text(name, b)), 90)
        lines.append(f"    {shown}: {words[0]} {before}")
        lines.append(f"    {' ' * len(shown)}  {words[1]} {after}")
    return lines


def _flat(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text.replace("\n", " ")


# ------------------------------------------------------------------------ planning
def already_received(store: LibraryStore, release: Release) -> bool:
    """True when exactly this release (same signed index) was applied before."""
    return store.last_release(release.publisher.fingerprint) == (release.version, release.index_sha256)


def check_newer(store: LibraryStore, release: Release) -> None:
    """Refuse a release that is not newer than the last one received from the same publisher."""
    last = store.last_release(release.publisher.fingerprint)
    if last is None:
        return
    if version_key(release.version) <= version_key(last[0]):
        raise LibraryError(
            f"Release {release.version} van {release.publisher.name} is niet nieuwer dan de al ontvangen release "
            f"{last[0]}; er is niets gewijzigd.",
            en=f"Release {release.version} from {release.publisher.name} is not newer than the release "
            f"{last[0]} already received; nothing was changed.")


def _package_values(p: Package) -> dict[str, Any]:
    return {f: getattr(p, f) for f in PACKAGE_MERGE_FIELDS}


def merge_package(local: Package, base: dict[str, Any] | None, incoming: Package) -> tuple[Package, dict[str, Any]]:
    """A package with the publisher's changes merged into local edits, and the fields where both changed a value
    (field -> incoming value; the local value is kept). Without a base (never received) every difference counts as
    a local edit: list items of both sides are kept, differing values conflict."""
    values: dict[str, Any] = {}
    conflicting: dict[str, Any] = {}
    for name in PACKAGE_MERGE_FIELDS:
        mine, theirs = getattr(local, name), getattr(incoming, name)
        was = base.get(name) if base is not None else None
        if mine == theirs or (base is not None and theirs == was):
            values[name] = mine
        elif base is not None and mine == was:
            values[name] = theirs
        elif isinstance(mine, list):
            gone = [x for x in was or [] if x not in theirs]  # removed by the publisher since the base
            values[name] = [x for x in mine if x not in gone] + [x for x in theirs if x not in mine and x not in
                                                                 (was or [])]
        else:
            values[name] = mine
            conflicting[name] = theirs
    return replace(local, **values), conflicting


def plan_update(store: LibraryStore, release: Release) -> UpdatePlan:
    """Compare a verified release with the library, three ways per criterion and package. Writes nothing."""
    check_newer(store, release)
    incoming_ids = {c.id for c in release.pack.criteria}
    local = store.criteria_by_ids(incoming_ids)
    refuse_outside_scope(release.publisher, release.pack, local={cid: c.package for cid, c in local.items()})
    plan = UpdatePlan(release=release, library_state=store.change_marker())
    existing_packages = {p.slug: p for p in store.packages()}
    package_bases = store.package_origins()
    for p in release.pack.packages:
        old = existing_packages.get(p.slug)
        if old is None:
            plan.packages_new.append(p.slug)
            plan.packages[p.slug] = p
            continue
        if not release.publisher.allows_package(p.slug):
            continue  # entrusted only by its criteria's codes: the package's own name and description stay ours
        base = package_bases.get(p.slug, (None, None))[0]
        merged, conflicting = merge_package(old, base, p)
        if merged != old:
            plan.packages_changed.append(p.slug)
            plan.packages[p.slug] = merged
        if conflicting:
            plan.package_conflicts[p.slug] = {f: (getattr(old, f), v) for f, v in conflicting.items()}
    fp = release.publisher.fingerprint
    origins = store.origins()
    drafts = store.drafts()  # a pending new version is what the regisseur means the criterion to become
    accept = store.accepts_trusted_releases  # read once: a setting, not per criterion
    for inc in release.pack.criteria:
        mine = local.get(inc.id)
        if mine is None:
            plan.new.append(inc)
            continue
        working = drafts.get(inc.id, mine)
        incoming_content = _content(inc)
        working_content = _content(working)
        base = _base(origins.get(inc.id), fp, working_content)
        if working_content == incoming_content:
            (plan.unchanged if base == incoming_content else plan.adopted).append(inc.id)
            continue
        if base is not None and incoming_content == base:  # not changed upstream: whatever was changed here stays
            plan.unchanged.append(inc.id)
        elif base is None or working_content != base:
            # changed on both sides, or an id this publisher never sent: the organisation's own criterion
            plan.conflicts[inc.id] = Conflict(working, replace(inc, version=mine.version),
                                              other_criterion=base is None)
        else:
            plan.changed[inc.id] = (mine, inc)
            if curation.incoming_route(mine.status, has_draft=inc.id in drafts, release=True,
                                       accept=accept) == curation.Route.PROPOSED:
                plan.proposed.append(inc.id)
    # retired upstream: named retired in the signed index, or last received from this publisher, in a package this
    # release carries, but no longer in it (a criterion another publisher sent is not this publisher's to retire)
    released_packages = {p.slug for p in release.pack.packages}
    gone = {cid: o.base for cid, o in origins.items()
            if cid not in incoming_ids and o.base is not None and o.fingerprint == fp}
    named = store.criteria_by_ids(cid for cid in release.retired if cid not in incoming_ids)
    for cid, mine in store.criteria_by_ids(gone).items():
        if cid not in named and mine.package in released_packages:
            _retire(plan, mine, drafts.get(cid, mine), gone[cid])
    for cid, mine in named.items():
        working = drafts.get(cid, mine)
        _retire(plan, mine, working, _base(origins.get(cid), fp, _content(working)))
    return plan


def _base(origin: Origin | None, fp: str, working_content: dict[str, Any]) -> dict[str, Any] | None:
    """What a criterion was when last received from the publisher with this fingerprint (None: never sent by it)."""
    if origin is None or origin.base is None:
        return None
    if origin.fingerprint == fp:
        return origin.base
    if origin.fingerprint == builtin_publisher().fingerprint and working_content == origin.base:
        # a starter criterion not changed here: the starter library is every library's common ancestor, so a
        # trusted publisher's version of it (the regisseur's improvement or retirement) is an upstream change, not a
        # collision; an id another regional publisher sent stays a conflict
        return origin.base
    return None


def _retire(plan: UpdatePlan, mine: Criterion, working: Criterion, base: dict[str, Any] | None) -> None:
    """Retired upstream: retired here too when unchanged since the base, else a conflict (the local one stays)."""
    if mine.status == Status.RETIRED:
        return
    if base is not None and _content(working) == base:
        plan.retired.append(mine)
    else:
        plan.conflicts[mine.id] = Conflict(working, replace(mine, status=Status.RETIRED), retired_upstream=True)


# ------------------------------------------------------------------------ applying
@dataclass
class UpdateResult:
    """What an applied update did, and the backup that 'herstel vorige toestand' goes back to."""

    plan: UpdatePlan
    backup: Path | None


def release_changes(plan: UpdatePlan, backup: Path | None = None) -> ReleaseChanges:
    """What the store writes for a plan: criteria and packages, provenance, conflicts kept beside."""
    r = plan.release
    bases = {c.id: _content(c) for c in r.pack.criteria if c.id not in plan.conflicts}
    conflicts = {cid: {**_content(c.incoming), "status": str(c.incoming.status)} for cid, c in plan.conflicts.items()}
    return ReleaseChanges(
        stamp=ReleaseStamp(r.publisher.name, r.publisher.fingerprint, r.version, r.index_sha256),
        packages=list(plan.packages.values()),
        package_bases={p.slug: _package_values(p) for p in r.pack.packages},
        package_conflicts={slug: {f: incoming for f, (_, incoming) in diff.items()}
                           for slug, diff in plan.package_conflicts.items()},
        new=plan.new, changed=[inc for _, inc in plan.changed.values()], retired=plan.retired,
        bases=bases, conflicts=conflicts, summary=plan.summary(), backup=backup)


def apply_update(store: LibraryStore, plan: UpdatePlan, *, backup: bool = True) -> UpdateResult:
    """Write a planned update in one transaction, after a backup; on any error nothing is changed."""
    store.require_writable()
    backup_path = store.backup() if backup else None
    with store.transaction():
        # planned again under the write lock when the library changed since the preview (a regisseur may have
        # started a new version); unchanged, the plan stands and the work of planning is not done twice
        if plan.library_state is None or store.change_marker() != plan.library_state:
            fresh = plan_update(store, plan.release)
            for name in ("new", "changed", "retired", "conflicts", "unchanged", "adopted", "proposed", "packages_new",
                         "packages_changed", "packages", "package_conflicts", "library_state"):
                setattr(plan, name, getattr(fresh, name))
        store.apply_release(release_changes(plan, backup_path))
    return UpdateResult(plan, backup_path)


# ---------------------------------------------------------------- conflicts, provenance
def conflicts(store: LibraryStore) -> list[Conflict]:
    """Every open conflict: the local criterion (its pending new version, if any) and the incoming version."""
    pending = {cid: o for cid, o in store.origins().items() if o.incoming is not None}
    local = store.criteria_by_ids(pending)
    drafts = store.drafts(pending)
    found = []
    for cid in sorted(pending):
        mine = local.get(cid)
        if mine is None:
            continue
        data = dict(pending[cid].incoming or {})
        status = data.pop("status", Status.PUBLISHED.value)
        incoming = criterion_from_content(cid, data, status, mine.version)
        found.append(Conflict(drafts.get(cid, mine), incoming, retired_upstream=status == Status.RETIRED.value,
                              other_criterion=pending[cid].base is None))
    return found


def package_conflicts(store: LibraryStore) -> dict[str, dict[str, tuple[Any, Any]]]:
    """Open package conflicts: slug -> field -> (local value, the publisher's value)."""
    found: dict[str, dict[str, tuple[Any, Any]]] = {}
    packages = {p.slug: p for p in store.packages()}
    for slug, (_base, incoming) in sorted(store.package_origins().items()):
        if incoming and slug in packages:
            found[slug] = {f: (getattr(packages[slug], f), v) for f, v in incoming.items()}
    return found


def resolve_conflict(store: LibraryStore, cid: str, *, take_incoming: bool) -> Criterion:
    """Take the incoming version over, or keep the local one (it then counts as changed locally)."""
    return store.resolve_conflict(cid, take_incoming=take_incoming)


@dataclass
class Provenance:
    """Where a criterion came from: publisher, release version, and whether it was changed here."""

    publisher: str
    release_version: str
    changed_locally: bool
    conflict: bool
    incoming_publisher: str = ""  # who sent the version in conflict (another publisher than the base's, perhaps)


def provenance(store: LibraryStore, cid: str) -> Provenance | None:
    """The provenance of one criterion (None for a criterion made here)."""
    origin = store.origin(cid)
    if origin is None or not store.has_criterion(cid):
        return None
    working = store.working_copy(cid)
    changed = origin.base is not None and _content(working) != origin.base
    return Provenance(origin.publisher, origin.release_version, changed, origin.incoming is not None,
                      origin.incoming_publisher if origin.incoming is not None else "")


def last_update_backup(store: LibraryStore) -> Path | None:
    """The backup made before the last applied update, if it is still there and one of this library's backups."""
    try:
        return update_backup_path(store, store.setting(LAST_UPDATE_BACKUP_KEY))
    except LibraryError:
        return None


def undo_preview(store: LibraryStore) -> UndoPreview:
    """What 'Herstel vorige toestand' would bring back (the checked backup, its date and criteria); writes nothing."""
    return preview_undo(store, store.setting(LAST_UPDATE_BACKUP_KEY))


def restore_previous_state(store: LibraryStore) -> UndoResult:
    """'Herstel vorige toestand': put the library back as it was before the last update, by the checked route."""
    return undo_update(store, store.setting(LAST_UPDATE_BACKUP_KEY), LAST_UPDATE_BACKUP_KEY)
