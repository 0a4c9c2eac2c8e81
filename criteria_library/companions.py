"""Links between criteria: the companions a criterion needs in a tender (`requires`) and the placeholder its scoring
floor mirrors (`floor_from`), and whether they resolve in a library."""

from __future__ import annotations

from collections.abc import Mapping

from .infra.problems import Problem
from .infra.text import dutch_number, parse_number, shown
from .models import Criterion, RelativeScoring, Status


def link_problems(c: Criterion, library: Mapping[str, Criterion]) -> list[Problem]:
    """A criterion's `requires` and floor_from that do not resolve in a library (id -> criterion): a missing or
    retired companion, a placeholder the companion does not have, a floor that differs from the companion's value."""
    problems: list[Problem] = []
    if c.status == Status.RETIRED:
        return problems
    for cid in c.requires if isinstance(c.requires, list) else []:
        other = library.get(cid) if isinstance(cid, str) else None
        if other is None:
            problems.append(Problem("requires", f"vereist criterium {shown(cid)} staat niet in de bibliotheek",
                                    f"required criterion {shown(cid)} is not in the library"))
        elif other.status == Status.RETIRED:
            problems.append(Problem("requires", f"vereist criterium {cid} is ingetrokken",
                                    f"required criterion {cid} is retired"))
    link = c.floor_from
    if link is None:
        return problems
    other = c if link.criterion == c.id else library.get(link.criterion)  # its own placeholder, or a companion's
    if other is None or other.status == Status.RETIRED:
        why = ("staat niet in de bibliotheek", "is not in the library") if other is None else \
            ("is ingetrokken", "is retired")
        problems.append(Problem("scoring.floor_from", f"ondergrens komt uit {shown(link.criterion)}, maar dat "
                                f"criterium {why[0]}", f"the floor comes from {shown(link.criterion)}, but that "
                                f"criterion {why[1]}"))
        return problems
    if link.placeholder not in other.placeholder_names():
        problems.append(Problem("scoring.floor_from", f"{other.id} heeft geen invulveld {{{{{shown(link.placeholder)}}}}}",
                                f"{other.id} has no placeholder {{{{{shown(link.placeholder)}}}}}"))
        return problems
    companion = parse_number(other.placeholders.get(link.placeholder, ""))
    if isinstance(c.scoring, RelativeScoring) and companion is not None and companion != c.scoring.floor:
        problems.append(Problem("scoring.floor", f"ondergrens {_number(c.scoring.floor)} wijkt af van de "
                                f"standaardwaarde {_number(companion)} van {{{{{link.placeholder}}}}} in {other.id}",
                                f"floor {c.scoring.floor:g} differs from the default {companion:g} of "
                                f"{{{{{link.placeholder}}}}} in {other.id}"))
    return problems


def _number(value: float) -> str:
    return dutch_number(int(value) if float(value).is_integer() else value, 6, group_from=10_000)
