"""The monstertoets: a sample test a criterion names is described in the leidraad (finding B8)."""

from __future__ import annotations

import re
from datetime import date

from tender_assistant.clauses import fill_text
from tender_assistant.documents.document_set import LEIDRAAD, PVE, set_plans
from tender_assistant.documents.plan import Heading, Paragraph, build_plan
from tender_assistant.documents.samples import asks_samples
from tender_assistant.tender import TenderCriterion

TODAY = date(2026, 11, 25)
# samples taken while the contract runs are contract management (the borgingsplan says how), not the procedure's
DURING_THE_CONTRACT = re.compile(r"^(?:Tijdens de uitvoering|Bij levering|Voor aanvang)", re.IGNORECASE)


def _texts(body) -> list[str]:
    return ["".join(r.text for r in b.runs) for b in body if isinstance(b, Paragraph)]


def test_every_sample_a_starter_criterion_takes_before_award_is_recognised(library, tender):
    """A new wording ("de inkoper vraagt een proefmonster voor gunning") must not slip past the leidraad's rule."""
    found = []
    for c in library.criteria(include_retired=False):
        for t in (c.clause, c.verification, c.scoring_text):
            for sentence in re.split(r"(?<=\.)\s+", fill_text(tender, c, t or "")):
                if re.search(r"\bmonster", sentence, re.IGNORECASE) and not DURING_THE_CONTRACT.match(sentence):
                    assert asks_samples(sentence), (c.id, sentence)
                    found.append(c.id)
    assert {"BKL-M-01", "BKL-M-08", "BKL-M-10", "MEU-M-04"} <= set(found)


def _workwear(tender):
    tender.package = "bedrijfskleding"
    tender.cpv = ["18100000-0"]
    tender.criteria = [TenderCriterion(cid) for cid in ("BKL-M-01", "BKL-M-08", "BKL-M-09", "BKL-M-10")]
    return tender


def test_the_leidraad_describes_the_sample_test_the_requirements_name(library, tender):
    """Before the fix ME1 and ME4 ("Bij de monstertoets ...") named a test no chapter of the set described."""
    plans = set_plans(_workwear(tender), library, today=TODAY)
    leidraad = plans[LEIDRAAD].body
    headings = [b for b in leidraad if isinstance(b, Heading)]
    sample = next(i for i, b in enumerate(leidraad) if isinstance(b, Heading) and b.text == "Monstertoets")
    assert headings[headings.index(leidraad[sample]) - 1].text == "Uitsluitingsgronden, UEA en bewijsstukken"
    rule = _texts([leidraad[sample + 1]])[0]
    assert "de monstertoets houden die bij ME1, ME2 en ME4 wordt genoemd" in rule  # ME3 (BKL-M-09) tests during the contract
    assert "binnen tien werkdagen" in rule  # when
    assert "één monster in de aangeboden uitvoering" in rule  # what
    assert "De opdrachtgever toetst het monster" in rule  # by whom
    assert "dan is de inschrijving ongeldig" in rule  # what follows when it fails
    assert not any(t.startswith("Monstertoets: ") for t in _texts(leidraad))  # once, not again in an annex
    pve = _texts(plans[PVE].body)
    assert any(t.startswith("Monstertoets: ") and f"({LEIDRAAD})" in t for t in pve)


def test_the_term_for_evidence_is_also_the_term_for_samples(library, tender):
    tender = _workwear(tender)
    tender.values["termijn_bewijsstukken"] = "vijf werkdagen"
    rule = next(t for t in _texts(set_plans(tender, library, today=TODAY)[LEIDRAAD].body) if "monstertoets" in t)
    assert "binnen vijf werkdagen" in rule


def test_no_sample_test_no_section(library, tender):
    tender = _workwear(tender)
    tender.criteria = [TenderCriterion("BKL-M-09")]
    assert not any(isinstance(b, Heading) and b.text == "Monstertoets"
                   for b in set_plans(tender, library, today=TODAY)[LEIDRAAD].body)


def test_a_single_document_states_the_rule_under_its_evidence(library, tender):
    texts = _texts(build_plan(_workwear(tender), library, today=TODAY).body)
    assert any(t.startswith("Monstertoets: De opdrachtgever kan voor gunning de monstertoets houden die bij 3.1, 3.2 "
                            "en 3.4 wordt genoemd") for t in texts)
