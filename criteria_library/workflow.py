"""The workflow's storage steps: pending new versions of published criteria (drafts), moving them along the
workflow, and the four-eyes check on approval (part of the store's storage; the store calls these inside its
transactions).

The four-eyes rule compares accounts, not typed names: renaming oneself does not make a second person."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlite_utils import Database

from . import curation, history
from .history import Roles
from .models import Criterion, Person, Status
from .rows import content_diff, criterion_to_row, row_to_criterion

# criteria whose pending new version has the status given as parameter: a status filter finds them too
PENDING_WITH_STATUS_SQL = "id IN (SELECT criterion_id FROM criterion_drafts WHERE status = ?)"
# Writes a criterion as its current row (with history) inside the open transaction: the store's own writer
Write = Callable[[Criterion, str, Roles], Criterion]


@dataclass
class Pending:
    """A new version of a published criterion that waits, with who wrote and who submitted it."""

    criterion: Criterion
    author: Person
    submitter: Person | None
    note: str


def draft_author(draft: sqlite3.Row) -> Person:
    """Who wrote a pending version."""
    return Person(draft["updated_by"] or "", history.optional_column(draft, "updated_account") or "")


def draft_submitter(draft: sqlite3.Row) -> Person | None:
    """Who submitted a pending version (None while it is a concept)."""
    if draft["status"] != Status.IN_REVIEW.value:
        return None
    return Person(draft["submitted_by"] or "", history.optional_column(draft, "submitted_account") or "")


def pending(draft: sqlite3.Row) -> Pending:
    """A stored pending version with its people."""
    data = json.loads(draft["data"])
    return Pending(row_to_criterion(data), draft_author(draft), draft_submitter(draft), data.get("note") or "")


def write_draft(db: Database, published: Criterion, draft: sqlite3.Row | None, c: Criterion, note: str, *,
                author: Person, stamp: str, submitter: Person | None = None) -> Criterion:
    """Store c, written by author, as the pending concept version of a published criterion; with a submitter it is
    in review at once (a proposal from an import or a release, submitted by who brought it in)."""
    if not content_diff(published, replace(c, status=published.status)):
        # edited back to what is published: nothing is pending any more
        db.execute("DELETE FROM criterion_drafts WHERE criterion_id = ?", [c.id])
        return published
    if submitter is None and draft is not None and draft["status"] == Status.IN_REVIEW.value:
        submitter = draft_submitter(draft)  # edited while in review: it stays submitted by who submitted it
    status = Status.IN_REVIEW if submitter is not None else Status.CONCEPT
    stored = replace(c, status=status, version=published.version + 1, created_at=published.created_at,
                     updated_at=stamp, updated_by=author.name)
    payload = {k: v for k, v in criterion_to_row(stored).items() if k != "package_terms"}
    payload["note"] = note
    db.execute(
        "INSERT OR REPLACE INTO criterion_drafts (criterion_id, data, status, updated_at, updated_by, "
        "submitted_by, updated_account, submitted_account) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [c.id, json.dumps(payload, ensure_ascii=False), status.value, stored.updated_at, author.name,
         submitter.name if submitter else "", author.account, submitter.account if submitter else ""],
    )
    return stored


def move_draft(db: Database, published: Criterion, draft: sqlite3.Row, target: Status, *, by: Person,
               four_eyes: bool, write: Write) -> Criterion:
    """Move a pending new version along the workflow; publishing it replaces the published one through write."""
    data = json.loads(draft["data"])
    waiting = pending(draft)
    curation.check_transition(waiting.criterion.status, target, draft=True)
    if target == Status.PUBLISHED:
        involved = [waiting.author] + ([waiting.submitter] if waiting.submitter else [])
        note = approval_note("nieuwe versie gepubliceerd na review", involved, by=by, four_eyes=four_eyes)
        if waiting.note:
            note = f"{waiting.note} ({note})"
        db.execute("DELETE FROM criterion_drafts WHERE criterion_id = ?", [published.id])
        roles: Roles = {"author": waiting.author, "approver": by}
        if waiting.submitter:
            roles["submitter"] = waiting.submitter
        return write(replace(waiting.criterion, status=Status.PUBLISHED, version=published.version), note, roles)
    submitter = by if target == Status.IN_REVIEW else None
    data["status"] = target.value
    db.execute("UPDATE criterion_drafts SET status = ?, submitted_by = ?, submitted_account = ?, data = ? "
               "WHERE criterion_id = ?",
               [target.value, submitter.name if submitter else "", submitter.account if submitter else "",
                json.dumps(data, ensure_ascii=False), published.id])
    return replace(waiting.criterion, status=target)


def approval_note(note: str, involved: list[Person], *, by: Person, four_eyes: bool) -> str:
    """Check the four-eyes rule for the approver `by`; the history note says when it was switched off."""
    if four_eyes:
        curation.check_four_eyes(by, [p for p in involved if p.name or p.account])
        return note
    return f"{note}, {curation.FOUR_EYES_OFF_NOTE}"


def editor_and_submitter(db: Database, cid: str) -> tuple[Person | None, Person | None]:
    """Who last changed the content (not only the status) of a criterion, and who last submitted it."""
    editor = submitter = None
    submitted_note = curation.transition_note(Status.CONCEPT, Status.IN_REVIEW)
    for r in history.version_rows(db, cid):
        if editor is None and set(json.loads(r["changed_fields"] or "[]")) - {"status"}:
            editor = history.changed_by(r)
        if submitter is None and r["note"] == submitted_note:
            submitter = history.changed_by(r)
        if editor is not None and submitter is not None:
            break
    return editor, submitter


def waiting(db: Database) -> list[Pending]:
    """Everything in review: pending new versions and criteria whose only version is in review, oldest first."""
    found = [pending(r) for r in db.execute("SELECT * FROM criterion_drafts WHERE status = ? ORDER BY updated_at",
                                            [Status.IN_REVIEW.value]).fetchall()]
    for row in db.execute("SELECT * FROM criteria WHERE status = ? ORDER BY updated_at",
                          [Status.IN_REVIEW.value]).fetchall():
        c = row_to_criterion(row)
        editor, submitter = editor_and_submitter(db, c.id)
        found.append(Pending(c, editor or Person(c.updated_by), submitter, ""))
    return found
