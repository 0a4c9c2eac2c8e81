"""The review workflow: concept -> in review -> gepubliceerd -> ingetrokken, and the steps back."""

from __future__ import annotations

from .errors import LibraryError
from .models import Status

ALLOWED: dict[Status, tuple[Status, ...]] = {
    Status.CONCEPT: (Status.IN_REVIEW, Status.RETIRED),
    Status.IN_REVIEW: (Status.PUBLISHED, Status.CONCEPT),
    Status.PUBLISHED: (Status.RETIRED, Status.CONCEPT),
    Status.RETIRED: (Status.PUBLISHED, Status.CONCEPT),
}
NOTES: dict[tuple[Status, Status], str] = {
    (Status.CONCEPT, Status.IN_REVIEW): "ter review aangeboden",
    (Status.IN_REVIEW, Status.PUBLISHED): "gepubliceerd na review",
    (Status.IN_REVIEW, Status.CONCEPT): "teruggezet naar concept na review",
    (Status.PUBLISHED, Status.RETIRED): "ingetrokken",
    (Status.PUBLISHED, Status.CONCEPT): "heropend als concept",
    (Status.RETIRED, Status.PUBLISHED): "teruggezet uit ingetrokken",
    (Status.RETIRED, Status.CONCEPT): "heropend als concept",
    (Status.CONCEPT, Status.RETIRED): "concept ingetrokken",
}


def allowed_transitions(current: Status | str) -> tuple[Status, ...]:
    """The statuses a criterion may move to from its current status."""
    return ALLOWED[Status(current)]


def check_transition(current: Status | str, target: Status | str) -> None:
    """Raise LibraryError when the workflow does not allow this step."""
    cur, tgt = Status(current), Status(target)
    if tgt not in ALLOWED[cur]:
        raise LibraryError(
            f"Een criterium met status '{cur.label_nl}' kan niet direct naar '{tgt.label_nl}'.",
            en=f"A criterion with status '{cur.label_en}' cannot move directly to '{tgt.label_en}'.",
        )


def transition_note(current: Status | str, target: Status | str) -> str:
    """The history note written for a workflow step."""
    return NOTES.get((Status(current), Status(target)), f"status {Status(target).value}")
