"""Errors a user can act on; anything else is a bug."""

from __future__ import annotations

import re

from .infra.errors import UserError
from .infra.problems import Problem
from .models import Criterion


class LibraryError(UserError):
    """A problem with the library database or a library pack."""


class ReadOnlyError(LibraryError):
    """A write was attempted on a library opened read-only."""


class ChangedMeanwhileError(LibraryError):
    """A save refused because the stored criterion is no longer the one the editor loaded; `stored` is what is
    stored now (its pending version if any; None when it was removed)."""

    def __init__(self, cid: str, stored: Criterion | None) -> None:
        now_nl = f"nu versie {stored.version}" if stored else "nu verwijderd"
        now_en = f"now version {stored.version}" if stored else "now removed"
        super().__init__(f"{cid} is intussen door een ander programma gewijzigd ({now_nl}); uw versie is niet "
                         "opgeslagen. Laad de nieuwe inhoud of sla bewust opnieuw op.",
                         en=f"{cid} was changed by another program meanwhile ({now_en}); your version was not saved. "
                         "Load the new content or save again knowingly.", where=cid)
        self.stored = stored


# Python's own words for a stored value outside its list, said in Dutch: "'xyz' is not a valid Kind"
_NOT_VALID = re.compile(r"(?P<value>.*) is not a valid (?P<name>\w+)")
_FIELD_NL = {"Kind": "soort", "Level": "ambitieniveau", "Status": "status", "ScoringType": "soort beoordeling"}


def reason_nl(reason: str) -> str:
    """A short reason for an unreadable row in Dutch (Python's own words for a value outside its list)."""
    m = _NOT_VALID.fullmatch(reason)
    if m is None:
        return reason
    return f"{m['value']} is geen geldige {_FIELD_NL.get(m['name'], m['name'])}"


class DamagedRowError(LibraryError):
    """A stored row cannot be read (a value another tool or an old bug wrote); `reason` is the short why."""

    def __init__(self, what: str, reason: str) -> None:
        reason = reason if len(reason) <= 120 else reason[:117] + "..."
        super().__init__(f"De bibliotheek bevat een beschadigde rij ({what}: {reason_nl(reason)}); voer "
                         "'library check' uit of zet een reservekopie terug. Er is niets gewijzigd.",
                         en=f"The library holds a damaged row ({what}: {reason}); run 'library check' or restore a "
                         "backup. Nothing was changed.")
        self.reason = reason


class PackError(LibraryError):
    """A library pack is invalid; `problems` lists every problem with its place (the file name first)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        first_nl = problems[0].line("nl") if problems else ""
        first_en = problems[0].line("en") if problems else ""
        super().__init__(
            f"Het bibliotheekpakket is ongeldig ({count} {'probleem' if count == 1 else 'problemen'}); eerste: {first_nl}",
            en=f"The library pack is invalid ({count} problem{'s' if count != 1 else ''}); first: {first_en}",
        )

    def report(self, lang: str = "nl") -> str:
        """Every problem on its own line, place first."""
        return "\n".join(p.line(lang) for p in self.problems)
