"""The review workflow as the store enforces it: pending versions of published criteria, four eyes, restore."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from criteria_library import user
from criteria_library.errors import LibraryError
from criteria_library.models import Status
from criteria_library.search import search_criteria
from criteria_library.store import LibraryStore


def test_editing_a_published_criterion_keeps_the_published_one_for_buyers(fresh_db: LibraryStore) -> None:
    original = fresh_db.criterion("MEU-M-01")
    fresh_db.author = "Anna"
    pending = fresh_db.save_criterion(replace(original, title="Onderdelen vijftien jaar leverbaar"))
    assert pending.status == Status.CONCEPT and pending.version == original.version + 1
    assert fresh_db.criterion("MEU-M-01") == original  # what buyers (wizard, search, export) read
    assert search_criteria(fresh_db, "vijftien") == []
    assert fresh_db.working_copy("MEU-M-01").title == "Onderdelen vijftien jaar leverbaar"
    assert fresh_db.allowed_transitions("MEU-M-01") == (Status.IN_REVIEW,)
    fresh_db.set_status("MEU-M-01", Status.IN_REVIEW)
    assert fresh_db.criterion("MEU-M-01") == original
    fresh_db.author = "Bert"
    published = fresh_db.set_status("MEU-M-01", Status.PUBLISHED)
    assert published.title == "Onderdelen vijftien jaar leverbaar" and published.status == Status.PUBLISHED
    assert fresh_db.criterion("MEU-M-01").version == original.version + 1
    assert fresh_db.draft("MEU-M-01") is None
    assert fresh_db.history("MEU-M-01")[0].changed_by == "Bert"


def test_submitter_and_last_editor_cannot_approve(fresh_db: LibraryStore) -> None:
    draft = fresh_db.duplicate_criterion("MEU-S-01")
    fresh_db.author = "Anna"
    fresh_db.save_criterion(replace(draft, title="Aangepaste kopie van de eis"))
    fresh_db.author = "Bert"
    fresh_db.set_status(draft.id, Status.IN_REVIEW)
    for person in ("Anna", "Bert"):  # Anna edited it, Bert submitted it
        fresh_db.author = person
        with pytest.raises(LibraryError, match="vier-ogenprincipe"):
            fresh_db.set_status(draft.id, Status.PUBLISHED)
    assert fresh_db.criterion(draft.id).status == Status.IN_REVIEW
    fresh_db.author = "Carla"
    assert fresh_db.set_status(draft.id, Status.PUBLISHED).status == Status.PUBLISHED


def test_submitter_cannot_approve_after_a_colleague_edited_in_review(fresh_db: LibraryStore) -> None:
    draft = fresh_db.duplicate_criterion("MEU-S-01")
    fresh_db.author = "Anna"
    fresh_db.set_status(draft.id, Status.IN_REVIEW)
    fresh_db.author = "Bert"
    fresh_db.save_criterion(replace(draft, title="Door Bert in de review aangepast"))
    for person in ("Anna", "Bert"):
        fresh_db.author = person
        with pytest.raises(LibraryError, match="vier-ogenprincipe"):
            fresh_db.set_status(draft.id, Status.PUBLISHED)


def test_pending_version_approved_by_its_editor_is_refused(fresh_db: LibraryStore) -> None:
    c = fresh_db.criterion("MEU-C-01")
    fresh_db.author = "Anna"
    fresh_db.save_criterion(replace(c, title="Nieuwe titel voor de contractbepaling"))
    fresh_db.set_status(c.id, Status.IN_REVIEW)
    with pytest.raises(LibraryError, match="een collega moet het goedkeuren"):
        fresh_db.set_status(c.id, Status.PUBLISHED)
    assert fresh_db.criterion(c.id) == c


def test_four_eyes_off_is_recorded(fresh_db: LibraryStore) -> None:
    """In a library where only one person works, that person may switch it off (logged)."""
    assert fresh_db.four_eyes  # on by default
    fresh_db.author = "Eenling"
    fresh_db.set_four_eyes(False)
    assert not fresh_db.four_eyes
    assert fresh_db.events()[0]["event"] == "vier-ogenprincipe uitgeschakeld"
    assert fresh_db.events()[0]["by"] == "Eenling"
    c = fresh_db.criterion("MEU-C-01")
    fresh_db.save_criterion(replace(c, title="Door een regisseur alleen gewijzigd"))
    fresh_db.set_status(c.id, Status.IN_REVIEW)
    fresh_db.set_status(c.id, Status.PUBLISHED)
    assert "vier-ogenprincipe uitgeschakeld" in fresh_db.history(c.id)[0].note


def test_restore_keeps_the_status(fresh_db: LibraryStore) -> None:
    copy = fresh_db.duplicate_criterion("MEU-S-01")
    fresh_db.save_criterion(replace(copy, title="Tweede titel van de kopie"))
    fresh_db.set_status(copy.id, Status.IN_REVIEW)
    restored = fresh_db.restore_version(copy.id, 1)
    assert restored.title == copy.title and restored.status == Status.IN_REVIEW  # not back to concept
    fresh_db.set_status("MEU-S-01", Status.RETIRED)
    restored = fresh_db.restore_version("MEU-S-01", 1)
    assert restored.status == Status.RETIRED  # never straight to published


def test_edits_never_change_a_status(fresh_db: LibraryStore) -> None:
    copy = fresh_db.duplicate_criterion("MEU-S-01")
    stored = fresh_db.save_criterion(replace(copy, title="Titel met een andere status", status=Status.PUBLISHED))
    assert stored.status == Status.CONCEPT
    new = replace(copy, id="MEU-S-77", status=Status.PUBLISHED)
    with pytest.raises(LibraryError, match="begint als concept"):
        fresh_db.save_criterion(new)


def test_author_lives_in_the_users_settings_not_the_library(fresh_db: LibraryStore, isolated_home: Path) -> None:
    fresh_db.set_author("Anna de Regisseur")
    assert user.user_name() == "Anna de Regisseur"
    assert (isolated_home / "user.json").exists()
    assert fresh_db.db.execute("SELECT count(*) FROM settings WHERE key = 'author'").fetchone()[0] == 0
    # a colleague opening the same library file has their own name
    (isolated_home / "user.json").unlink()
    other = LibraryStore.open(fresh_db.path)
    assert other.author == user.os_user()
    other.close()


def test_the_submitter_of_a_pending_version_cannot_approve_it(fresh_db: LibraryStore) -> None:
    """Anna edits a published criterion, Bert submits her version: Bert may not approve it, Carla may."""
    c = fresh_db.criterion("MEU-C-01")
    fresh_db.author = "Anna"
    fresh_db.save_criterion(replace(c, title="Door Anna voorgestelde titel"))
    fresh_db.author = "Bert"
    fresh_db.set_status(c.id, Status.IN_REVIEW)
    with pytest.raises(LibraryError, match="vier-ogenprincipe"):
        fresh_db.set_status(c.id, Status.PUBLISHED)
    assert fresh_db.criterion(c.id) == c and fresh_db.draft(c.id).status == Status.IN_REVIEW
    fresh_db.author = "Carla"
    assert fresh_db.set_status(c.id, Status.PUBLISHED).title == "Door Anna voorgestelde titel"



# ------------------------------------------------ identity is the account, not the typed name (issue 23 item 1)
def test_a_rename_does_not_let_the_author_approve(fresh_db: LibraryStore) -> None:
    """One person edited, renamed themselves in Instellingen and tried to approve: the account is the same person."""
    c = fresh_db.criterion("MEU-C-01")
    fresh_db.set_author("Anna")
    fresh_db.save_criterion(replace(c, title="Door Anna voorgestelde titel"))
    fresh_db.set_status(c.id, Status.IN_REVIEW)
    fresh_db.set_author("Bert Beoordelaar")
    assert fresh_db.person.account == user.os_account()
    with pytest.raises(LibraryError, match="vier-ogenprincipe"):
        fresh_db.set_status(c.id, Status.PUBLISHED)
    assert fresh_db.criterion(c.id) == c
    rename = fresh_db.events()[0]
    assert (rename["event"], rename["detail"]) == ("naam gewijzigd", "Anna -> Bert Beoordelaar")
    assert rename["account"] == user.os_account()


def test_history_names_author_submitter_and_approver_with_accounts(fresh_db: LibraryStore) -> None:
    c = fresh_db.criterion("MEU-C-01")
    fresh_db.author = "Anna"
    fresh_db.save_criterion(replace(c, title="Door Anna voorgestelde titel"))
    fresh_db.author = "Bert"
    fresh_db.set_status(c.id, Status.IN_REVIEW)
    fresh_db.author = "Carla"
    fresh_db.set_status(c.id, Status.PUBLISHED)
    newest = fresh_db.history(c.id)[0]
    assert newest.author is not None and newest.submitter is not None and newest.approver is not None
    assert (newest.author.name, newest.submitter.name, newest.approver.name) == ("Anna", "Bert", "Carla")
    assert newest.author.account.startswith("Anna@") and newest.approver.account == newest.account

    copy = fresh_db.duplicate_criterion("MEU-S-01")  # a new criterion goes the same way without a pending version
    fresh_db.author = "Anna"
    fresh_db.save_criterion(replace(copy, title="Aangepaste kopie van de eis"))
    fresh_db.author = "Bert"
    fresh_db.set_status(copy.id, Status.IN_REVIEW)
    fresh_db.author = "Carla"
    fresh_db.set_status(copy.id, Status.PUBLISHED)
    published, submitted, edited = fresh_db.history(copy.id)[:3]
    assert [p.name for p in (published.author, published.submitter, published.approver)] == ["Anna", "Bert", "Carla"]
    assert (submitted.author.name, submitted.submitter.name, submitted.approver) == ("Anna", "Bert", None)
    assert edited.author.name == "Anna"


def test_waiting_lists_what_is_in_review_with_author_and_submitter(fresh_db: LibraryStore) -> None:
    c = fresh_db.criterion("MEU-C-01")
    fresh_db.author = "Anna"
    fresh_db.save_criterion(replace(c, title="Door Anna voorgestelde titel"))
    fresh_db.author = "Bert"
    fresh_db.set_status(c.id, Status.IN_REVIEW)
    [waiting] = fresh_db.waiting()
    assert waiting.criterion.id == c.id and waiting.criterion.title == "Door Anna voorgestelde titel"
    assert (waiting.author.name, waiting.submitter.name) == ("Anna", "Bert")


def test_switching_four_eyes_off_needs_a_second_person_where_others_work(fresh_db: LibraryStore) -> None:
    fresh_db.author = "Anna"
    fresh_db.save_criterion(replace(fresh_db.criterion("MEU-C-01"), title="Door Anna voorgestelde titel"))
    fresh_db.author = ""  # back to this computer's account
    fresh_db.set_author("Bert")
    assert fresh_db.set_four_eyes(False) == "requested"
    assert fresh_db.four_eyes and fresh_db.four_eyes_off_request.name == "Bert"
    fresh_db.set_author("Bert als iemand anders")  # the same account under another name confirms nothing
    with pytest.raises(LibraryError, match="een collega moet dat bevestigen"):
        fresh_db.set_four_eyes(False)
    assert fresh_db.four_eyes
    fresh_db.author = "Anna"
    assert fresh_db.set_four_eyes(False) == "off" and not fresh_db.four_eyes
    assert fresh_db.events()[0]["event"] == "vier-ogenprincipe uitgeschakeld"
    assert fresh_db.events()[0]["detail"] == f"op verzoek van Bert ({user.os_account()})"
    assert fresh_db.set_four_eyes(True) == "on" and fresh_db.four_eyes  # anyone may switch it back on


def test_the_account_comes_from_the_system_not_from_the_environment(monkeypatch) -> None:
    """USER=bob must not make the same person a second account that may approve their own change."""
    import pwd

    real = pwd.getpwuid(os.getuid()).pw_name
    for name in ("USER", "LOGNAME", "USERNAME", "LNAME"):
        monkeypatch.setenv(name, "bob")
    assert user.os_user() == real != "bob"


def test_a_retirement_keeps_its_reason_in_the_history(fresh_db: LibraryStore) -> None:
    """Exploratory finding R5: 'Intrekken' asks a reason; the store keeps it with the step."""
    fresh_db.set_status("MEU-M-01", Status.RETIRED, why="vervangen door MEU-M-02")
    assert fresh_db.history("MEU-M-01")[0].note == "ingetrokken: vervangen door MEU-M-02"
