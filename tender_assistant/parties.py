"""Who acts in a joint tender, named one way in every document: the penvoerder runs the procedure (up to the award),
each participant is the "Opdrachtgever" of its own agreement (after it).

Found by the exploratory run: the leidraad of five municipalities called the one running the procedure "de
penvoerder" in chapter 2, "de aanbestedende dienst" in the criteria's evidence ("aan wie de aanbestedende dienst
voornemens is te gunnen") and "de opdrachtgever" under GC1 ("De opdrachtgever kan vragen een aanbieding te
onderbouwen"): in a joint tender those are different parties. A tender of one buyer keeps its texts as they are.
"""

from __future__ import annotations

import re

from .tender import Tender

# A criterion's text names its moments ("Voor gunning: ...", "Tijdens de uitvoering: ..."); before the award the
# penvoerder acts, after it each Opdrachtgever.
BEFORE_AWARD = re.compile(r"^(?:Bij inschrijving|Voor gunning|Bij gunning|Bij de monstertoets|Bij de beoordeling)\b",
                          re.IGNORECASE)
AFTER_AWARD = re.compile(r"^(?:Na gunning|Voor de uitvoering|Tijdens de uitvoering|Bij levering|Bij oplevering|"
                         r"Jaarlijks|Aan het einde|Na afloop)\b", re.IGNORECASE)
SENTENCE = re.compile(r"(?<=[.;:])(\s+)(?=[A-Z])")
AUTHORITY = re.compile(r"\b([Dd])e aanbestedende dienst\b")
BUYER = re.compile(r"(?<!van )\b([Dd])e opdrachtgever\b")  # "referentieverklaring van de opdrachtgever": the referent's


def procedure_party(tender: Tender) -> str:
    """'de penvoerder' in a joint tender, else 'de opdrachtgever': who asks, checks and decides in the procedure."""
    return "de penvoerder" if tender.is_joint() else "de opdrachtgever"


def contract_party(tender: Tender) -> str:
    """'de Opdrachtgever' (the defined term: each participant for its own agreement) in a joint tender, else 'de
    opdrachtgever': who checks and enforces the agreement."""
    return "de Opdrachtgever" if tender.is_joint() else "de opdrachtgever"


def joint_wording(tender: Tender, text: str) -> str:
    """A criterion's text with the parties of a joint tender named as the documents define them; unchanged for one
    buyer."""
    if not tender.is_joint() or not text:
        return text
    text = AUTHORITY.sub(lambda m: f"{m.group(1)}e penvoerder", text)
    parts = SENTENCE.split(text)  # sentences at even places, the spaces between them at odd ones
    phase = ""
    for i in range(0, len(parts), 2):
        if BEFORE_AWARD.match(parts[i]):
            phase = "procedure"
        elif AFTER_AWARD.match(parts[i]):
            phase = "contract"
        if phase:
            name = "penvoerder" if phase == "procedure" else "Opdrachtgever"
            parts[i] = BUYER.sub(lambda m, name=name: f"{m.group(1)}e {name}", parts[i])
    return "".join(parts)
