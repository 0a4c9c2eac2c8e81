"""What the drafting core needs from a criteria library (LibraryStore fits; tests use an in-memory fake)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from criteria_library.models import Criterion, Package


class Library(Protocol):
    """The read-only part of criteria_library.store.LibraryStore that drafting uses."""

    def packages(self) -> list[Package]: ...

    def package(self, slug: str) -> Package: ...

    def criteria(self, package: str | None = None, kind: str | None = None, level: int | None = None,
                 max_level: int | None = None, status: str | None = None,
                 include_retired: bool = True) -> list[Criterion]: ...

    def criteria_by_ids(self, ids: Iterable[str]) -> dict[str, Criterion]: ...

    def criteria_at_versions(self, wanted: Mapping[str, int]) -> dict[str, Criterion]: ...
