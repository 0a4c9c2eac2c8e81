"""The monstertoets: criteria whose evidence asks the winner for a sample before award, and the leidraad's rule for
it (what, when, by whom, what follows when a sample fails), so no criterion names a test that no chapter describes."""

from __future__ import annotations

import re

from .plan import Block, Heading, Paragraph, Run, and_list, labelled

HEADING = "Monstertoets"
# "Bij de monstertoets ...", "Voor gunning: de inkoper laat bij een monster ...", "een demonstratie op een
# monsterplaat": samples checked before award. "Tijdens de uitvoering kan de opdrachtgever een monster laten testen"
# is contract management (the borgingsplan), not part of the procedure.
SAMPLE_RE = re.compile(r"\bmonstertoets|\bvoor gunning\b[^.]*\bmonster", re.IGNORECASE)
DEFAULT_TERM = "tien werkdagen"  # the term for the winner's evidence (values["termijn_bewijsstukken"]) if set


def asks_samples(evidence: str) -> bool:
    """True when a criterion's (filled) evidence text has samples tested before award."""
    return bool(SAMPLE_RE.search(evidence))


def sample_rule(numbers: list[str], term: str = DEFAULT_TERM) -> str:
    """The rule for the monstertoets of the criteria with these numbers (ME1, ME10)."""
    which = f"bij {numbers[0]}" if len(numbers) == 1 else f"bij {and_list(numbers)}"
    return (f"De opdrachtgever kan voor gunning de monstertoets houden die {which} wordt genoemd. Alleen de inschrijver "
            "aan wie de opdrachtgever voornemens is de opdracht te gunnen, levert op verzoek binnen "
            f"{term} kosteloos per gevraagd artikel of producttype één monster in de aangeboden uitvoering aan, op het "
            "adres dat de opdrachtgever in het verzoek noemt. De opdrachtgever toetst het monster, zo nodig met een "
            "deskundige of een geaccrediteerd laboratorium, aan de eis en het bewijsmiddel van dat criterium; het "
            "monster mag daarbij worden gedemonteerd, beschadigd of beproefd en wordt niet vergoed. Levert de "
            "inschrijver de monsters niet tijdig, of voldoet een monster niet aan de eis of aan wat de inschrijver "
            "heeft aangeboden, dan is de inschrijving ongeldig en kan de opdrachtgever de inschrijver met de volgende "
            "plaats in de rangorde om monsters vragen.")


def sample_blocks(numbers: list[str], term: str = DEFAULT_TERM) -> list[Block]:
    """The leidraad's section on the monstertoets (none when no criterion asks for samples)."""
    if not numbers:
        return []
    return [Heading(HEADING, 2, ""), Paragraph([Run(sample_rule(numbers, term))])]


def sample_note(numbers: list[str], term: str = DEFAULT_TERM) -> list[Block]:
    """The rule as a note under an evidence table (a document without a procedure chapter)."""
    return [labelled(HEADING, sample_rule(numbers, term))] if numbers else []


def is_sample_note(block: Block) -> bool:
    """True for the note sample_note writes."""
    return isinstance(block, Paragraph) and bool(block.runs) and block.runs[0].text == f"{HEADING}: "
