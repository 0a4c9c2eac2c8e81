"""Importing a pack: plan it against the library (a field-level diff and a report), then apply it through the
store's public import_pack."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import curation
from .field_names import label, value_text, with_field
from .infra.text import around_change, shown, terminal_safe
from .models import Criterion, Status
from .pack_reading import PACKAGE_FIELDS, Pack, PackProblems, Progress
from .rows import content_diff
from .store import LibraryStore


@dataclass
class ImportPlan:
    """What an import would do: per criterion added, changed (with field diff) or left alone."""

    pack: Pack
    added: list[Criterion] = field(default_factory=list)
    changed: dict[str, dict[str, tuple[Any, Any]]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    packages_added: list[str] = field(default_factory=list)
    packages_changed: dict[str, dict[str, tuple[Any, Any]]] = field(default_factory=dict)
    proposed: list[str] = field(default_factory=list)  # changes to published criteria: new versions in review
    held: list[str] = field(default_factory=list)  # changed in the pack, but a new version is pending here
    # new criteria the pack calls published or in review: they wait in review, submitted by the importer
    submitted: list[str] = field(default_factory=list)
    # retired in the pack, not here: an import moves no status (a retirement travels in a signed release), so the
    # report names each one instead of calling it unchanged; id -> the status here
    not_retired: dict[str, Status] = field(default_factory=dict)
    # companions (requires, floor_from) that are neither in the pack nor in the library: criterion id -> ids.
    # The import still goes ahead (the companion may come in a later pack); the report names them, and
    # 'library check' reports them until they resolve.
    unresolved: dict[str, list[str]] = field(default_factory=dict)
    trusted: bool = False  # planned as the starter library (new criteria keep the pack's status)
    library_state: tuple[int, int, int] | None = None  # the store's change marker when planned

    @property
    def has_changes(self) -> bool:
        """True when applying the plan would write anything."""
        return bool(self.added or self.changed or self.packages_added or self.packages_changed)

    def summary(self, lang: str = "nl") -> str:
        """One line: how many criteria are added, changed and left alone."""
        if lang == "en":
            line = (f"{len(self.added)} added, {len(self.changed)} changed, {len(self.unchanged)} unchanged; "
                    f"packages: {len(self.packages_added)} added, {len(self.packages_changed)} changed")
            n, m = len(self.proposed), len(self.submitted)
            changes = "change to a published criterion goes" if n == 1 else "changes to published criteria go"
            review = f"; {n} {changes} to review" if n else ""
            submitted = f"; {m} new {'criterion goes' if m == 1 else 'criteria go'} to review" if m else ""
            held = f"; {len(self.held)} left alone (a new version is pending here)" if self.held else ""
            retired = (f"; {len(self.not_retired)} retired in the pack, not taken over here" if self.not_retired
                       else "")
            return line + submitted + review + held + retired
        line = (f"{len(self.added)} nieuw, {len(self.changed)} gewijzigd, {len(self.unchanged)} ongewijzigd; "
                f"pakketten: {len(self.packages_added)} nieuw, {len(self.packages_changed)} gewijzigd")
        n, m = len(self.proposed), len(self.submitted)
        changes = ("wijziging van een gepubliceerd criterium gaat" if n == 1
                   else "wijzigingen van gepubliceerde criteria gaan")
        review = f"; {n} {changes} ter review" if n else ""
        submitted = f"; {m} {'nieuw criterium gaat' if m == 1 else 'nieuwe criteria gaan'} ter review" if m else ""
        held = f"; {len(self.held)} overgeslagen (hier is een nieuwe versie in bewerking)" if self.held else ""
        retired = (f"; {len(self.not_retired)} ingetrokken in het pakket, hier niet overgenomen" if self.not_retired
                   else "")
        return line + submitted + review + held + retired

    def retirement_lines(self, lang: str = "nl") -> list[str]:
        """One line per criterion the pack calls retired that stays as it is here."""
        return [terminal_safe(f"! {cid} " + (
            f"retired in the pack, {status.label_en.lower()} here: not taken over (a retirement comes through a "
            "signed release, or with Retire here)" if lang == "en" else
            f"ingetrokken in het pakket, hier {status.label_nl.lower()}: niet overgenomen (een intrekking komt met "
            "een ondertekende release, of met Intrekken hier)")) for cid, status in self.not_retired.items()]

    def report(self, lang: str = "nl") -> str:
        """A readable report with a field-level diff for every changed criterion."""
        lines = [self.summary(lang)]
        new_word, changed_word = ("added", "changed") if lang == "en" else ("nieuw", "gewijzigd")
        for slug in self.packages_added:
            lines.append(f"+ {'package' if lang == 'en' else 'pakket'} {slug} ({new_word})")
        for slug, diff in self.packages_changed.items():
            lines.append(f"~ {'package' if lang == 'en' else 'pakket'} {slug} ({changed_word}): "
                         f"{', '.join(label(f, lang) for f in diff)}")
        submitted = set(self.submitted)
        to_review = " (to review)" if lang == "en" else " (ter review)"
        for c in self.added:
            lines.append(f"+ {c.id} {c.title}" + (to_review if c.id in submitted else ""))
        for cid, diff in self.changed.items():
            review = (" (new version, to review)" if lang == "en" else " (nieuwe versie, ter review)") \
                if cid in self.proposed else ""
            lines.append(f"~ {cid}{review}")
            for name, (old, new) in diff.items():
                before, after = around_change(_shown_value(name, old, lang), _shown_value(name, new, lang))
                lines.append(f"    {label(name, lang)}: {before} -> {after}")
        for cid, missing in self.unresolved.items():
            lines.append(f"? {cid} " + (f"requires {', '.join(missing)}: in neither the pack nor the library"
                                        if lang == "en" else
                                        f"vereist {', '.join(missing)}: staat niet in het pakket en niet in de "
                                        "bibliotheek"))
        for cid in self.held:
            lines.append(f"! {cid} " + ("(left alone: a new version is pending here)" if lang == "en" else
                                        "(overgeslagen: hier is een nieuwe versie in bewerking)"))
        lines.extend(self.retirement_lines(lang))
        if self.unchanged:
            left = "unchanged" if lang == "en" else "ongewijzigd"
            shown = ", ".join(self.unchanged[:20]) + (" ..." if len(self.unchanged) > 20 else "")
            lines.append(f"= {len(self.unchanged)} {left}: {shown}")
        return terminal_safe("\n".join(lines))  # titles and values come from the pack


@dataclass
class ImportResult:
    """What an applied import did, and where the backup went."""

    added: int
    changed: int
    unchanged: int
    backup: Path | None
    proposed: int = 0  # of the changed: new versions of published criteria, waiting in review
    submitted: int = 0  # of the added: new criteria waiting in review, submitted by the importer


def _shown_value(name: str, value: Any, lang: str) -> str:
    """A value in a diff line: statuses, kinds and levels by their label, texts quoted."""
    shown_text = value_text(name, value, lang)
    if isinstance(value, str) and shown_text == value:
        return repr(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return shown_text


def plan_import(store: LibraryStore, pack: Pack, *, trusted: bool = False) -> ImportPlan:
    """Compare a pack with the library: what would be added, changed or left alone. Writes nothing.

    trusted=True only for the starter library: its new criteria keep the pack's status. Otherwise a new criterion
    the pack calls published goes to review (unless the regisseur accepts trusted releases as published)."""
    plan = ImportPlan(pack=pack, trusted=trusted, library_state=store.change_marker())
    accept = trusted or store.accepts_trusted_releases
    existing_packages = {p.slug: p for p in store.packages()}
    known = set(existing_packages) | {p.slug for p in pack.packages}
    problems = PackProblems()
    for c in pack.criteria:
        if c.package not in known:
            problems.add((with_field(f"criterium {shown(c.id)}", "package"),
                          with_field(f"criterion {shown(c.id)}", "package", lang="en")), f"onbekend inkooppakket '{shown(c.package)}'",
                         f"unknown procurement package '{shown(c.package)}'")
    prefixes = {p.prefix: p.slug for p in existing_packages.values() if p.prefix}
    for p in pack.packages:
        owner = prefixes.get(p.prefix)
        if p.prefix and owner not in (None, p.slug):
            problems.add((with_field(f"pakket {p.slug}", "prefix"), with_field(f"package {p.slug}", "prefix", lang="en")),
                         f"voorvoegsel '{p.prefix}' is al van pakket '{owner}'",
                         f"prefix '{p.prefix}' already belongs to package '{owner}'")
    problems.raise_if_any(pack.source.name if pack.source else "pakket")
    for p in pack.packages:
        old = existing_packages.get(p.slug)
        if old is None:
            plan.packages_added.append(p.slug)
        else:
            diff = {f: (getattr(old, f), getattr(p, f)) for f in PACKAGE_FIELDS if getattr(old, f) != getattr(p, f)}
            if diff:
                plan.packages_changed[p.slug] = diff
    current = store.criteria_by_ids(c.id for c in pack.criteria)
    pending = store.drafts(current)
    for c in pack.criteria:
        old_c = current.get(c.id)
        if old_c is None:
            plan.added.append(c)
            if curation.new_criterion_status(c.status, trusted=accept) == Status.IN_REVIEW:
                plan.submitted.append(c.id)
            continue
        # an import changes content; statuses move only through the workflow (a concept is not published by it)
        diff = {k: v for k, v in content_diff(old_c, c).items() if k != "status"}
        route = curation.incoming_route(old_c.status, has_draft=c.id in pending, release=False)
        if c.status == Status.RETIRED and old_c.status != Status.RETIRED:
            plan.not_retired[c.id] = old_c.status
        if not diff:
            if c.id not in plan.not_retired:  # a retirement not taken is reported as such, not as unchanged
                plan.unchanged.append(c.id)
        elif route == curation.Route.HELD:
            plan.held.append(c.id)
        else:
            plan.changed[c.id] = diff
            if route == curation.Route.PROPOSED:
                plan.proposed.append(c.id)
    plan.unresolved = _unresolved_companions(store, pack)
    return plan


def _unresolved_companions(store: LibraryStore, pack: Pack) -> dict[str, list[str]]:
    """Per criterion of the pack, the companion ids found neither in the pack nor in the library."""
    in_pack = {c.id for c in pack.criteria}
    wanted = {c.id: [o for o in c.companion_ids() if o not in in_pack] for c in pack.criteria
              if c.requires or c.floor_from is not None}  # the others have no companions to look up
    asked = {o for ids in wanted.values() for o in ids}
    known = set(store.criteria_by_ids(asked)) if asked else set()
    return {cid: missing for cid, ids in wanted.items() if (missing := [o for o in ids if o not in known])}


def apply_import(store: LibraryStore, plan: ImportPlan, progress: Progress | None = None, *,
                 backup: bool = True, note: str = "geïmporteerd") -> ImportResult:
    """Write a planned import in one transaction, after a backup; on any error nothing is changed.

    A plan made with trusted=True (only the starter library) keeps new criteria's pack status; otherwise new
    published criteria go to review (see LibraryStore.import_pack)."""
    if not plan.has_changes:
        return ImportResult(0, 0, len(plan.unchanged), None)
    store.require_writable()
    backup_path = store.backup() if backup else None
    by_id = {c.id: c for c in plan.pack.criteria}
    try:
        with store.transaction():
            # planned again under the write lock when another import or editor wrote since the preview
            if plan.library_state is None or store.change_marker() != plan.library_state:
                fresh = plan_import(store, plan.pack, trusted=plan.trusted)
                plan.added, plan.changed, plan.unchanged = fresh.added, fresh.changed, fresh.unchanged
                plan.proposed, plan.held, plan.submitted = fresh.proposed, fresh.held, fresh.submitted
                plan.not_retired = fresh.not_retired
                plan.packages_added, plan.packages_changed = fresh.packages_added, fresh.packages_changed
                plan.library_state = fresh.library_state
            packages = [p for p in plan.pack.packages
                        if p.slug in plan.packages_added or p.slug in plan.packages_changed]
            store.import_pack(packages, plan.added, [by_id[cid] for cid in plan.changed], note=note,
                              progress=progress, trusted=plan.trusted, backup=backup_path)
    except BaseException:
        # nothing was written (the transaction rolled back), so a backup would only suggest that something was
        if backup_path:
            backup_path.unlink(missing_ok=True)
        raise
    return ImportResult(len(plan.added), len(plan.changed), len(plan.unchanged), backup_path, len(plan.proposed),
                        len(plan.submitted))
