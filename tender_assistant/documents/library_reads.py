"""The library as one export or check sees it: each criteria read made once and remembered.

The set reads the tender's chosen criteria for the plan, for the numbering of every document and for each workbook;
each read is an SQL query and hundreds of Criterion objects. Within one export (or one `tender check`) the library
does not change, so the same read gives the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from criteria_library.models import Criterion, Package

from ..library import Library


class RememberedReads:
    """A Library that asks the wrapped one for each distinct criteria read once; the rest passes straight through."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self._by_ids: dict[tuple[str, ...], dict[str, Criterion]] = {}
        self._at_versions: dict[tuple[tuple[str, int], ...], dict[str, Criterion]] = {}

    def packages(self) -> list[Package]:
        """The library's packages."""
        return self._library.packages()

    def package(self, slug: str) -> Package:
        """One package by its slug."""
        return self._library.package(slug)

    def criteria(self, package: str | None = None, kind: str | None = None, level: int | None = None,
                 max_level: int | None = None, status: str | None = None,
                 include_retired: bool = True) -> list[Criterion]:
        """The library's criteria as filtered (not remembered: a search, not the tender's own criteria)."""
        return self._library.criteria(package=package, kind=kind, level=level, max_level=max_level, status=status,
                                      include_retired=include_retired)

    def criteria_by_ids(self, ids: Iterable[str]) -> dict[str, Criterion]:
        """The current criteria with these ids, read once per distinct list of ids."""
        key = tuple(ids)
        if key not in self._by_ids:
            self._by_ids[key] = self._library.criteria_by_ids(key)
        return dict(self._by_ids[key])

    def criteria_at_versions(self, wanted: Mapping[str, int]) -> dict[str, Criterion]:
        """The criteria at the chosen older versions, read once per distinct choice."""
        key = tuple(sorted(wanted.items()))
        if key not in self._at_versions:
            self._at_versions[key] = self._library.criteria_at_versions(wanted)
        return dict(self._at_versions[key])


def remembered(library: Library) -> Library:
    """The library with its criteria reads remembered (once: wrapping a wrapped library changes nothing)."""
    return library if isinstance(library, RememberedReads) else RememberedReads(library)
