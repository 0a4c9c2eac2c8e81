"""The starter library's third edition (issue 21, part B): honest source types, flags and selection evidence."""

from __future__ import annotations

import pytest

from criteria_library.models import SOURCE_TYPES
from criteria_library.starter import starter_pack


@pytest.fixture(scope="module")
def pack():
    return starter_pack()


def test_every_criterion_says_what_kind_of_source_it_has(pack) -> None:
    problems = []
    for c in pack.criteria:
        if not c.source_type or not set(c.source_type) <= set(SOURCE_TYPES):
            problems.append(f"{c.id}: source_type {c.source_type}")
        # BT-805 is derived from these two: they name a criteria set the source really cites, and every such set
        if ("eu-gpp" in c.source_type) != ("GPP" in c.source):
            problems.append(f"{c.id}: eu-gpp {c.source_type} against source {c.source!r}")
        if ("nationaal" in c.source_type) != ("MVI-criteria" in c.source):
            problems.append(f"{c.id}: nationaal {c.source_type} against source {c.source!r}")
    assert not problems, "\n".join(problems)
