"""Small helpers shared by tests."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def db_fingerprint(path: Path, *, without_setting: str | None = None) -> str:
    """A hash of the database's full SQL dump (WAL content included), to prove nothing changed.

    without_setting leaves one row of the settings table out (an undo clears the name of its backup).
    """
    skip = f"INSERT INTO \"settings\" VALUES('{without_setting}'," if without_setting else None
    from criteria_library.infra.sqlite_file import sqlite_uri

    conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    try:
        dump = "\n".join(line for line in conn.iterdump()
                          if "sqlite_stat" not in line and not (skip and line.startswith(skip)))
    finally:
        conn.close()
    return hashlib.sha256(dump.encode("utf-8")).hexdigest()


def publish_edit(store, criterion, note: str = ""):
    """Edit a criterion through the four-eyes workflow: one person edits and submits, a colleague approves."""
    from criteria_library.models import Status

    author = store.author
    try:
        store.author = "Redacteur Test"
        pending = store.save_criterion(criterion, note=note)
        if pending.status != Status.CONCEPT or store.criterion(criterion.id).status != Status.PUBLISHED:
            return pending
        store.set_status(criterion.id, Status.IN_REVIEW)
        store.author = "Beoordelaar Test"
        return store.set_status(criterion.id, Status.PUBLISHED)
    finally:
        store.author = author


def approve_pending(store, *ids: str) -> None:
    """A colleague approves the new versions in review (proposals from an import or a release)."""
    from criteria_library.models import Status

    author = store.author
    try:
        store.author = "Beoordelaar Test"
        for cid in ids:
            store.set_status(cid, Status.PUBLISHED)
    finally:
        store.author = author


def with_facts(tender):
    """The tender with the facts a final document set needs (contact, platform, functional specification, planning),
    so its documents hold no open gap."""
    from datetime import date

    from tender_assistant.tender_parts import Planning

    tender.values = {"contactpersoon": "J. de Vries, inkoop@voorbeeld.nl", "platform": "TenderNed",
                     "klachtenmeldpunt": "klachtenmeldpunt@voorbeeld.nl",
                     "functionele_specificatie": "bijlage 1, Functionele specificatie",
                     "tijdstip_inschrijving": "12.00 uur", **tender.values}
    tender.purchase_conditions = tender.purchase_conditions or "ARIV 2018"
    tender.publication_date = tender.publication_date or date(2027, 2, 1)
    if tender.planning.is_default():
        tender.planning = Planning(submission_deadline=date(2027, 3, 22), questions_deadline=date(2027, 2, 22),
                                   answers_date=date(2027, 3, 3), award_decision_date=date(2027, 4, 19),
                                   contract_start_date=date(2027, 6, 1), bid_validity_days=90)
    return tender


def without_facts(tender):
    """The tender as the buyer starts it: none of the facts with_facts adds (so its documents hold open gaps)."""
    from dataclasses import replace

    from tender_assistant.tender_parts import Planning

    facts = ("contactpersoon", "platform", "klachtenmeldpunt", "functionele_specificatie", "tijdstip_inschrijving")
    return replace(tender, values={k: v for k, v in tender.values.items() if k not in facts}, planning=Planning(),
                   publication_date=None, purchase_conditions="")
