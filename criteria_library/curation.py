"""The review workflow: concept -> in review -> gepubliceerd -> ingetrokken, and the steps back.

The one place that says which status steps are allowed; `LibraryStore.set_status` enforces it. Edits never change a
status (restoring an old version restores content only), and publishing needs a second person (another account than
the author's and the submitter's) when the library's four-eyes setting is on (the default).
"""

from __future__ import annotations

from enum import StrEnum

from .errors import LibraryError
from .models import Person, Status

ALLOWED: dict[Status, tuple[Status, ...]] = {
    Status.CONCEPT: (Status.IN_REVIEW, Status.RETIRED),
    Status.IN_REVIEW: (Status.PUBLISHED, Status.CONCEPT),
    Status.PUBLISHED: (Status.RETIRED, Status.CONCEPT),
    # a retired criterion comes back through review, never straight to published
    Status.RETIRED: (Status.CONCEPT,),
}
# A new concept version of a published criterion (the published one stays what buyers see) moves only towards
# approval; withdrawing it is "discard", not a status.
DRAFT_ALLOWED: dict[Status, tuple[Status, ...]] = {
    Status.CONCEPT: (Status.IN_REVIEW,),
    Status.IN_REVIEW: (Status.PUBLISHED, Status.CONCEPT),
}
NOTES: dict[tuple[Status, Status], str] = {
    (Status.CONCEPT, Status.IN_REVIEW): "ter review aangeboden",
    (Status.IN_REVIEW, Status.PUBLISHED): "gepubliceerd na review",
    (Status.IN_REVIEW, Status.CONCEPT): "teruggezet naar concept na review",
    (Status.PUBLISHED, Status.RETIRED): "ingetrokken",
    (Status.PUBLISHED, Status.CONCEPT): "heropend als concept",
    (Status.RETIRED, Status.CONCEPT): "heropend als concept",
    (Status.CONCEPT, Status.RETIRED): "concept ingetrokken",
}
FOUR_EYES_OFF_NOTE = "zonder tweede beoordelaar (vier-ogenprincipe uitgeschakeld)"


def allowed_transitions(current: Status, *, draft: bool = False) -> tuple[Status, ...]:
    """The statuses a criterion (or its pending concept version, draft=True) may move to."""
    table = DRAFT_ALLOWED if draft else ALLOWED
    return table.get(current, ())


def check_transition(current: Status, target: Status, *, draft: bool = False) -> None:
    """Raise LibraryError when the workflow does not allow this step."""
    if target not in allowed_transitions(current, draft=draft):
        raise LibraryError(
            f"Een criterium met status '{current.label_nl}' kan niet direct naar '{target.label_nl}'.",
            en=f"A criterion with status '{current.label_en}' cannot move directly to '{target.label_en}'.",
        )


def check_four_eyes(approver: Person, involved: list[Person]) -> None:
    """Refuse an approval by the account that wrote or submitted the criterion, whatever name it goes by now."""
    if any(approver.same_person(p) for p in involved):
        raise LibraryError(
            "U heeft dit criterium zelf bewerkt of ter review aangeboden; een collega moet het goedkeuren "
            "(vier-ogenprincipe).",
            en="You edited or submitted this criterion yourself; a colleague must approve it (four-eyes principle).",
        )


class Route(StrEnum):
    """What happens to content from outside (a pack or a release) for a criterion the library already has."""

    WRITTEN = "written"  # in place, the local status kept
    PROPOSED = "proposed"  # a new version in review beside the published one
    HELD = "held"  # left alone: someone here is working on a new version


def incoming_route(current: Status, *, has_draft: bool, release: bool, accept: bool = False) -> Route:
    """Where content from a pack or a (trusted) release goes: a published criterion changes only through review,
    unless the regisseur chose to accept trusted releases as published (accept); a pending local version is never
    overwritten by a pack (a release that meets one is a conflict before it gets here)."""
    if has_draft and not release:
        return Route.HELD
    if release and accept:
        return Route.WRITTEN
    if current == Status.PUBLISHED or has_draft:
        return Route.PROPOSED
    return Route.WRITTEN


def new_criterion_status(status: Status, *, trusted: bool) -> Status:
    """The status a criterion new to the library gets from a pack: published (or in review) content from an
    untrusted pack waits in review, so nobody publishes criteria no one here reviewed; a trusted source (the starter
    library, or a pack import when the regisseur chose to accept trusted releases as published) keeps its status.
    A concept stays a concept and a retired criterion stays retired."""
    if not trusted and status in (Status.PUBLISHED, Status.IN_REVIEW):
        return Status.IN_REVIEW
    return status


def transition_note(current: Status, target: Status) -> str:
    """The history note written for a workflow step."""
    return NOTES.get((current, target), f"status {target.value}")
