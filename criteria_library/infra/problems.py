"""One shape for a problem a user can fix: where it is, as the user names the place, and what is wrong, in Dutch
and English. Pack validation, pack import, tender files and the monitoring register all collect these."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A problem at a place: a field ('title'), a record and field, a row and column; where_en when it reads
    differently in English."""

    where: str
    nl: str
    en: str
    where_en: str = ""

    def place(self, lang: str = "nl") -> str:
        """The place in the language asked for."""
        return self.where_en if lang == "en" and self.where_en else self.where

    def text(self, lang: str = "nl") -> str:
        """What is wrong, in the language asked for."""
        return self.en if lang == "en" else self.nl

    def line(self, lang: str = "nl") -> str:
        """'place: what is wrong' (just the message when there is no place)."""
        place = self.place(lang)
        return f"{place}: {self.text(lang)}" if place else self.text(lang)


class Problems(list[Problem]):
    """Every problem found, in the order found, so the user sees all of them at once."""

    def add(self, where: str | tuple[str, str], nl: str, en: str) -> None:
        """Record a problem; `where` is one place or a (Dutch, English) pair."""
        where_nl, where_en = (where, "") if isinstance(where, str) else where
        self.append(Problem(where_nl, nl, en, where_en if where_en != where_nl else ""))


def more_text(problems: Sequence[Problem], lang: str = "nl") -> str:
    """' (en nog 2 problemen)' after the first of several problems; empty for one."""
    more = len(problems) - 1
    if more <= 0:
        return ""
    if lang == "en":
        return f" (and {more} more problem{'s' if more != 1 else ''})"
    return f" (en nog {more} {'probleem' if more == 1 else 'problemen'})"
