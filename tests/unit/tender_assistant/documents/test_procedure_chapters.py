"""The leidraad's procedural core per procedure: facts in their place, marked gaps naming their field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tender_assistant.documents.plan import Heading, Paragraph, Run, Table
from tender_assistant.documents.procedure_chapters import procedure_chapters
from tender_assistant.tender import PROCEDURES, Tender
from tender_assistant.tender_parts import Lot, Planning
from tests.helpers import without_facts


def _runs(blocks) -> list[Run]:
    return [r for b in blocks if isinstance(b, Paragraph) for r in b.runs]


def _text(blocks) -> str:
    parts = []
    for b in blocks:
        if isinstance(b, Heading):
            parts.append(b.text)
        elif isinstance(b, Paragraph):
            parts.append("".join(r.text for r in b.runs))
        elif isinstance(b, Table):
            parts += [" ".join(row) for row in b.rows]
    return "\n".join(parts)


def _gaps(blocks) -> dict[str, str]:
    return {r.field: r.text for r in _runs(blocks) if r.gap}


def _filled(tender: Tender) -> Tender:
    return replace(tender, publication_date=date(2027, 1, 11), purchase_conditions="ARIV 2018",
                   values={**tender.values, "platform": "TenderNed", "contactpersoon": "J. de Vries",
                           "klachtenmeldpunt": "klachtenmeldpunt@zaanstad.nl", "tijdstip_inschrijving": "12.00 uur"},
                   planning=Planning(submission_deadline=date(2027, 2, 22), questions_deadline=date(2027, 1, 28),
                                     answers_date=date(2027, 2, 8), award_decision_date=date(2027, 3, 15),
                                     contract_start_date=date(2027, 5, 1), bid_validity_days=120))


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_every_procedure_has_the_core_and_every_gap_names_its_field(tender, procedure):
    blocks = procedure_chapters(replace(without_facts(tender), procedure=procedure))
    text = _text(blocks)
    assert isinstance(blocks[0], Heading) and blocks[0].text == "Procedure en planning" and blocks[0].level == 1
    assert all(b.level == 2 for b in blocks[1:] if isinstance(b, Heading))  # one chapter: one {{planning}} marker
    assert "Eigen Verklaring" not in text and "Eigen verklaring" not in text
    for part in ("Planning", "Rechtsbescherming", "Voorbehouden", "Abnormaal lage inschrijving"):
        assert part in text
    assert "Commissie van Aanbestedingsexperts" in text and "schort geen enkele termijn op" in text
    assert all(r.field and r.text.endswith("in te vullen]") for r in _runs(blocks) if r.gap)
    assert {"values.platform", "values.contactpersoon", "values.klachtenmeldpunt", "submission_deadline",
            "values.tijdstip_inschrijving", "purchase_conditions"} <= set(_gaps(blocks))


def test_the_facts_the_buyer_typed_fill_their_place(tender):
    blocks = procedure_chapters(_filled(tender))
    text = _text(blocks)
    assert _gaps(blocks) == {}
    for fact in ("TenderNed", "J. de Vries", "klachtenmeldpunt@zaanstad.nl", "ARIV 2018", "11 januari 2027",
                 "22 februari 2027", "8 februari 2027", "15 maart 2027", "1 mei 2027", "120 dagen",
                 tender.lots_reason):
        assert fact in text
    assert "Einde van de opschortende termijn: 4 april 2027" in text  # 20 calendar days after the award decision
    assert "minimumtermijn van 40 dagen: 45 dagen (art. 2.71 Aanbestedingswet 2012), 5 dagen korter bij" in text
    assert "Tijdstip van sluiting op die datum: 12.00 uur" in text


def test_uea_at_submission_and_papers_only_from_the_intended_winner(tender):
    text = _text(procedure_chapters(tender))
    assert "artikel 2.86" in text and "Uniform Europees Aanbestedingsdocument (UEA)" in text
    assert "Alleen de inschrijver aan wie de opdrachtgever voornemens is de opdracht te gunnen" in text
    assert "Gedragsverklaring aanbesteden die op de uiterste datum van inschrijving niet ouder is dan twee jaar" in text
    assert "binnen tien werkdagen na het verzoek" in text
    assert "geen facultatieve uitsluitingsgronden" in text
    assert "binnen vijf werkdagen" in _text(procedure_chapters(replace(tender, values={"termijn_bewijsstukken":
                                                                                         "vijf werkdagen"})))


def test_the_chosen_optional_grounds_are_listed(tender):
    blocks = procedure_chapters(replace(tender, optional_exclusion_grounds=["faillissement", "valse-verklaring"]))
    table = next(b for b in blocks if isinstance(b, Table) and b.header == ["Grond", "Omschrijving"])
    assert table.rows[0][1].startswith("de ondernemer verkeert in staat van faillissement")
    assert table.rows[1][1].startswith("de ondernemer heeft bij het verstrekken van informatie") and len(table.rows) == 2
    assert "artikel 2.87" in _text(blocks)


def test_no_lots_motivation_for_one_lot_only(tender):
    assert "Geen verdeling in percelen" in _text(procedure_chapters(tender))
    assert _gaps(procedure_chapters(replace(tender, lots_reason="")))["lots_reason"] == (
        "[motivering geen percelen: in te vullen]")
    lots = [Lot("1", "Kleding", estimated_value_eur=600_000), Lot("2", "Herstel", estimated_value_eur=300_000)]
    assert "Geen verdeling in percelen" not in _text(procedure_chapters(replace(tender, lots=lots)))


def test_lowest_price_states_its_motivation_or_leaves_a_gap(tender):
    assert "Gunning op de laagste prijs" not in _text(procedure_chapters(tender))
    lowest = replace(tender, criteria=[c for c in tender.criteria if c.weight is None], price_weight=100)
    assert "lowest_price_reason" in _gaps(procedure_chapters(lowest))
    reasoned = replace(lowest, lowest_price_reason="Gestandaardiseerde producten; kwaliteit ligt vast in de eisen.")
    text = _text(procedure_chapters(reasoned))
    assert "artikel 2.114" in text and "Gestandaardiseerde producten" in text


def test_the_arw_2016_is_named_for_national_works_only(tender):
    works = replace(tender, cpv=["45233294-6"], estimated_value_eur=1_000_000)
    assert "ARW 2016" in _text(procedure_chapters(replace(works, procedure="nationaal-openbaar")))
    assert "ARW 2016" not in _text(procedure_chapters(replace(works, procedure="europees-openbaar")))
    assert "ARW 2016" not in _text(procedure_chapters(replace(tender, procedure="nationaal-openbaar")))


def test_a_single_private_procedure_has_no_uea_and_no_standstill(tender):
    text = _text(procedure_chapters(replace(tender, procedure="enkelvoudig-onderhands")))
    assert "UEA" not in text and "opschortende termijn" not in text and "één ondernemer" in text


def test_negotiated_procedures_leave_the_buyer_the_phases_to_describe(tender):
    blocks = procedure_chapters(replace(tender, procedure="mededinging-onderhandeling"))
    assert "values.procedure_fasen" in _gaps(blocks) and "values.datum_verzoek_deelneming" in _gaps(blocks)
    assert "Uniform Europees Aanbestedingsdocument" in _text(blocks)


def test_national_procedures_apply_the_standstill_voluntarily(tender):
    text = _text(procedure_chapters(replace(tender, procedure="nationaal-openbaar")))
    assert "past artikel 2.127 van de Aanbestedingswet 2012 vrijwillig toe" in text
    assert "wettelijke minimumtermijn" not in text  # the Aw sets no minimum term for a national procedure


def test_social_services_name_the_light_regime_above_its_threshold(tender):
    catering = replace(tender, cpv=["55520000-1"], package="catering")
    above = _text(procedure_chapters(replace(catering, estimated_value_eur=750_000)))
    below = _text(procedure_chapters(replace(catering, estimated_value_eur=749_999, procedure="nationaal-openbaar")))
    assert "verlicht regime" in above and "verlicht regime" not in below and "onder de Europese drempel" in below
    assert "bijlage XIV" not in _text(procedure_chapters(tender))  # workwear is no social service


def test_the_facts_the_chapter_uses_are_not_reported_as_unused(tender, fake_lib):
    """tender check called the contact person, platform and klachtenmeldpunt 'not used' while the leidraad used them."""
    from tender_assistant.checks import check_tender

    filled = replace(_filled(tender), values={**_filled(tender).values, "termijn_bewijsstukken": "vijf werkdagen"})
    unused = [f.where for f in check_tender(filled, fake_lib, date(2027, 1, 4)) if f.code == "value-unused"]
    assert unused == []
    filled.set_value("BED-G-01", "procedure_fasen", "twee onderhandelingsrondes")  # tender-wide, not the criterion's
    assert filled.values["procedure_fasen"] == "twee onderhandelingsrondes"


def test_in_a_joint_tender_the_penvoerder_acts_in_the_procedure_and_each_opdrachtgever_signs() -> None:
    """Found by the exploratory run: 'de opdrachtgever' (one party) ran the procedure of a tender for five."""
    from tender_assistant.documents.plan import Paragraph
    from tender_assistant.documents.procedure_chapters import procedure_chapters
    from tests.unit.tender_assistant.test_tender_parts import joint_workwear

    text = " ".join("".join(r.text for r in b.runs) for b in procedure_chapters(joint_workwear())
                    if isinstance(b, Paragraph))
    assert "de opdrachtgever" not in text.lower().replace("opdrachtgevers", "")
    assert "De penvoerder beantwoordt" in text or "de penvoerder" in text
    assert "sluit geen Opdrachtgever een overeenkomst" in text
