"""The EU CPV 2008 code list shipped with the app: labels, hierarchy and look-up, offline."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .infra.text import fold

CPV_FILE = Path(__file__).with_name("data") / "cpv" / "cpv_2008.csv"


@dataclass(frozen=True)
class CpvEntry:
    """One CPV code with its Dutch and English label."""

    code: str
    label_nl: str
    label_en: str

    @property
    def digits(self) -> str:
        """The eight digits without the check digit."""
        return self.code[:8]

    def label(self, lang: str = "nl") -> str:
        """The label in the given language."""
        return self.label_en if lang == "en" else self.label_nl


def significant(digits: str) -> str:
    """The code's digits without trailing zeros, which only say 'everything below' (at least the division)."""
    stripped = digits.rstrip("0")
    return stripped if len(stripped) >= 2 else digits[:2]


class CpvCatalogue:
    """All CPV codes, indexed by their eight digits."""

    def __init__(self, entries: list[CpvEntry]) -> None:
        self.entries = entries
        self._by_digits = {e.digits: e for e in entries}
        self.codes = frozenset(e.code for e in entries)
        self._folded: list[tuple[CpvEntry, str]] | None = None  # built on first search: imports never need it

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.get(code) is not None

    def normalise(self, text: str) -> str | None:
        """The full code (with check digit) for '39130000' or '39130000-2'; None if unknown."""
        digits = "".join(ch for ch in text if ch.isdigit())[:8]
        entry = self._by_digits.get(digits) if len(digits) == 8 else None
        return entry.code if entry else None

    def get(self, code: str) -> CpvEntry | None:
        """The entry for a code given with or without check digit; None if unknown."""
        full = self.normalise(code)
        return self._by_digits[full[:8]] if full else None

    def label(self, code: str, lang: str = "nl") -> str:
        """The label of a code, or '' when the code is unknown."""
        entry = self.get(code)
        return entry.label(lang) if entry else ""

    def ancestors(self, code: str) -> list[CpvEntry]:
        """The codes above this one in the hierarchy, nearest first."""
        entry = self.get(code)
        if entry is None:
            return []
        result = []
        sig = significant(entry.digits)
        while len(sig) > 2:
            sig = sig[:-1]
            parent = self._by_digits.get(sig.ljust(8, "0"))
            if parent is not None and parent is not entry and parent not in result:
                result.append(parent)
        return result

    def is_under(self, code: str, ancestor: str) -> bool:
        """True when code is ancestor itself or lies below it in the hierarchy."""
        a, b = self.get(code), self.get(ancestor)
        if a is None or b is None:
            return False
        return a.digits.startswith(significant(b.digits))

    def search(self, text: str, limit: int = 50) -> list[CpvEntry]:
        """Codes whose code or label contains every word typed, codes and short labels first."""
        words = fold(text).split()
        if not words:
            return self.entries[:limit]
        if self._folded is None:
            self._folded = [(e, fold(f"{e.code} {e.label_nl} {e.label_en}")) for e in self.entries]
        hits = [e for e, hay in self._folded if all(w in hay for w in words)]
        hits.sort(key=lambda e: (not e.code.startswith(words[0]), len(significant(e.digits)), e.code))
        return hits[:limit]


@lru_cache(maxsize=1)
def catalogue() -> CpvCatalogue:
    """The shipped CPV list, read once."""
    with open(CPV_FILE, encoding="utf-8", newline="") as fh:
        entries = [CpvEntry(r["code"], r["label_nl"], r["label_en"]) for r in csv.DictReader(fh)]
    return CpvCatalogue(entries)
