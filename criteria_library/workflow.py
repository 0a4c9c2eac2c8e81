"""The workflow's storage steps: pending new versions of published criteria (drafts), moving them along the
workflow, and the four-eyes check on approval (part of the store's storage; the store calls these inside its
transactions)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import replace

from sqlite_utils import Database

from . import curation
from .models import Criterion, Status
from .rows import content_diff, criterion_to_row, row_to_criterion

# Writes a criterion as its current row (with history) inside the open transaction: the store's own writer
Write = Callable[[Criterion, str], Criterion]


def write_draft(db: Database, published: Criterion, draft: sqlite3.Row | None, c: Criterion, note: str, *,
                author: str, stamp: str, submit: bool = False) -> Criterion:
    """Store c as the pending concept version of a published criterion; submit=True puts it in review at once,
    submitted by author (a proposal from an import or a release)."""
    if not content_diff(published, replace(c, status=published.status)):
        # edited back to what is published: nothing is pending any more
        db.execute("DELETE FROM criterion_drafts WHERE criterion_id = ?", [c.id])
        return published
    status = Status.IN_REVIEW if submit else Status(draft["status"]) if draft is not None else Status.CONCEPT
    submitted_by = author if submit else (
        draft["submitted_by"] if draft is not None and status == Status.IN_REVIEW else "")
    stored = replace(c, status=status, version=published.version + 1, created_at=published.created_at,
                     updated_at=stamp, updated_by=author)
    payload = {k: v for k, v in criterion_to_row(stored).items() if k != "package_terms"}
    payload["note"] = note
    db.execute(
        "INSERT OR REPLACE INTO criterion_drafts (criterion_id, data, status, updated_at, updated_by, "
        "submitted_by) VALUES (?, ?, ?, ?, ?, ?)",
        [c.id, json.dumps(payload, ensure_ascii=False), status.value, stored.updated_at, stored.updated_by,
         submitted_by],
    )
    return stored


def move_draft(db: Database, published: Criterion, draft: sqlite3.Row, target: Status, *, author: str,
               four_eyes: bool, write: Write) -> Criterion:
    """Move a pending new version along the workflow; publishing it replaces the published one through write."""
    data = json.loads(draft["data"])
    pending = row_to_criterion(data)
    curation.check_transition(pending.status, target, draft=True)
    if target == Status.PUBLISHED:
        note = approval_note("nieuwe versie gepubliceerd na review", {draft["updated_by"], draft["submitted_by"]},
                             author=author, four_eyes=four_eyes)
        if data.get("note"):
            note = f"{data['note']} ({note})"
        db.execute("DELETE FROM criterion_drafts WHERE criterion_id = ?", [published.id])
        return write(replace(pending, status=Status.PUBLISHED, version=published.version), note)
    submitter = author if target == Status.IN_REVIEW else ""
    data["status"] = target.value
    db.execute("UPDATE criterion_drafts SET status = ?, submitted_by = ?, data = ? WHERE criterion_id = ?",
               [target.value, submitter, json.dumps(data, ensure_ascii=False), published.id])
    return replace(pending, status=target)


def approval_note(note: str, involved: set[str], *, author: str, four_eyes: bool) -> str:
    """Check the four-eyes rule for author; the history note says when it was switched off."""
    if four_eyes:
        curation.check_four_eyes(author, involved - {""})
        return note
    return f"{note}, {curation.FOUR_EYES_OFF_NOTE}"


def editor_and_submitter(db: Database, cid: str) -> tuple[str, str]:
    """Who last changed the content (not only the status) of a criterion, and who last submitted it."""
    editor = submitter = None
    submitted_note = curation.transition_note(Status.CONCEPT, Status.IN_REVIEW)
    for r in db.execute("SELECT changed_by, changed_fields, note FROM criterion_versions WHERE criterion_id = ? "
                        "ORDER BY version DESC", [cid]):
        if editor is None and set(json.loads(r["changed_fields"] or "[]")) - {"status"}:
            editor = r["changed_by"] or ""
        if submitter is None and r["note"] == submitted_note:
            submitter = r["changed_by"] or ""
        if editor is not None and submitter is not None:
            break
    return editor or "", submitter or ""
