"""Where criteria came from: a criterion's origin row, and the changes of a release the store applies at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .models import Criterion, Package


@dataclass
class Origin:
    """A criterion received in a release: its publisher, the content as last received (the merge base, None while
    an id collision or another conflict is open) and an incoming version kept beside a local one (a conflict)."""

    criterion_id: str
    publisher: str
    fingerprint: str
    release_version: str
    base: dict[str, Any] | None
    incoming: dict[str, Any] | None
    incoming_version: str
    incoming_publisher: str = ""  # who sent the conflicting incoming version (their name and key)
    incoming_fingerprint: str = ""


@dataclass
class ReleaseStamp:
    """Which release a change came from."""

    publisher: str
    fingerprint: str
    version: str
    index_sha256: str


@dataclass
class ReleaseChanges:
    """Everything one planned release update writes; computed by merge, written by the store in one transaction."""

    stamp: ReleaseStamp
    packages: list[Package] = field(default_factory=list)  # new, or merged with local edits
    package_bases: dict[str, dict[str, Any]] = field(default_factory=dict)  # slug -> package as this release says
    package_conflicts: dict[str, dict[str, Any]] = field(default_factory=dict)  # slug -> incoming, kept beside
    new: list[Criterion] = field(default_factory=list)
    changed: list[Criterion] = field(default_factory=list)  # incoming content of criteria not changed here
    retired: list[Criterion] = field(default_factory=list)
    bases: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> content as this release says
    conflicts: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> incoming content and status
    summary: str = ""
    backup: Path | None = None
