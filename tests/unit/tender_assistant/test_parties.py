"""One name per role in a joint tender: the penvoerder in the procedure, the Opdrachtgever under the agreement
(finding L7: "de penvoerder", "de aanbestedende dienst" and "de opdrachtgever" for the one running the procedure)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from tender_assistant.documents.document_set import set_plans
from tender_assistant.documents.plan import BUYER_ANNEX_TITLE
from tender_assistant.parties import joint_wording
from tender_assistant.tender import load_tender
from tests.unit.tender_assistant.documents.test_lot_chapters import texts
from tests.unit.tender_assistant.test_tender_parts import joint_workwear

MRA = Path(__file__).parents[3] / "docs" / "examples" / "bedrijfskleding-mra.tender.json"
# "de opdrachtgever" in lower case is no defined party of a joint tender; "van de opdrachtgever" is a referent's.
UNDEFINED = re.compile(r"\baanbestedende dienst\b|(?<!van )\b[Dd]e opdrachtgever\b")


def _without_buyer_annex(lines: list[str]) -> list[str]:
    """The lines outside the leidraad's list of annexes the buyer supplies (another slice rewrites that list)."""
    start = next((i for i, s in enumerate(lines) if s.startswith("§") and s.endswith(BUYER_ANNEX_TITLE)), len(lines))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("§ Bijlage")), len(lines))
    return lines[:start] + lines[end:]


def test_the_documents_of_a_joint_tender_name_the_penvoerder_and_the_opdrachtgever_only(library):
    for name, plan in set_plans(load_tender(MRA), library, today=date(2026, 12, 6)).items():
        lines = _without_buyer_annex(texts(plan))
        assert [s for s in lines if UNDEFINED.search(s)] == [], name
    leidraad = "\n".join(texts(set_plans(load_tender(MRA), library, today=date(2026, 12, 6))["aanbestedingsleidraad.docx"]))
    assert "De penvoerder kan vragen een aanbieding te onderbouwen" in leidraad
    assert "aan wie de penvoerder voornemens is te gunnen" in leidraad


def test_before_the_award_the_penvoerder_acts_after_it_the_opdrachtgever():
    joint = joint_workwear()
    said = joint_wording(joint, "Voor gunning kan de aanbestedende dienst de referent benaderen. Bij de monstertoets "
                                "verwijdert de opdrachtgever een knoop. Tijdens de uitvoering: de opdrachtgever kan "
                                "een monster laten testen; De opdrachtgever meldt het. Een referentieverklaring van de "
                                "opdrachtgever volstaat.")
    assert said == ("Voor gunning kan de penvoerder de referent benaderen. Bij de monstertoets verwijdert de penvoerder "
                    "een knoop. Tijdens de uitvoering: de Opdrachtgever kan een monster laten testen; De Opdrachtgever "
                    "meldt het. Een referentieverklaring van de opdrachtgever volstaat.")


def test_a_tender_of_one_buyer_keeps_its_texts():
    alone = replace(joint_workwear(), participants=[])
    text = "Voor gunning kan de aanbestedende dienst de referent benaderen. Tijdens de uitvoering: de opdrachtgever test."
    assert joint_wording(alone, text) == text
