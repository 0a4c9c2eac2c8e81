"""'Telt dit als circulair?' on a tender: tender check's circular-counts / circular-not-counted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tender_assistant.checks import Severity, check_tender
from tender_assistant.monitoring.rule import CountingRule
from tender_assistant.tender import Tender, TenderCriterion


def circular(findings):
    return [(f.severity, f.code, f.message) for f in findings if f.code.startswith("circular")]


def test_a_tender_with_circular_requirements_counts_and_says_at_which_level(tender: Tender, fake_lib) -> None:
    [(severity, code, message)] = circular(check_tender(tender, fake_lib))
    assert (severity, code) == (Severity.INFO, "circular-counts")
    assert message.startswith("telt als circulair (niveau ") and "BED-M-01" in message


def test_an_award_criterion_below_the_line_gets_the_smallest_change(tender: Tender, fake_lib) -> None:
    low = replace(tender, criteria=[TenderCriterion("BED-G-01", weight=3)], price_weight=97)
    [(severity, code, message)] = circular(check_tender(low, fake_lib))
    assert (severity, code) == (Severity.ADVICE, "circular-not-counted")
    assert "BED-G-01 weegt 3%, onder de grens van 5%" in message
    assert message.endswith("Kleinste wijziging: verhoog de weging van BED-G-01 van 3% naar 5%")


def test_the_organisations_own_rule_is_used_when_given(tender: Tender, fake_lib) -> None:
    low = replace(tender, criteria=[TenderCriterion("BED-G-01", weight=3)], price_weight=97)
    assert circular(check_tender(low, fake_lib, rule=CountingRule(min_weight=3)))[0][1] == "circular-counts"
    assert circular(check_tender(low, fake_lib))[0][1] == "circular-not-counted"  # the region's 5 %


# ------------------------------------------------------------------------------------------------ issue 20: joint, lots
MRA = ("Gemeente Purmerend", "Gemeente Zaanstad", "Gemeente Edam-Volendam", "Gemeente Landsmeer",
       "Gemeente Oostzaan")


def _bedrijfskleding(tender: Tender) -> Tender:
    """Five MRA municipalities, Purmerend penvoerder with a stated share, two lots: kleding counts, reiniging not."""
    from tender_assistant.tender_parts import Lot, LotCriterion, Participant

    participants = [Participant(MRA[0], "penvoerder", 320_000)] + [Participant(n) for n in MRA[1:]]
    lots = [Lot("1", "Kleding", estimated_value_eur=600_000, criteria=[LotCriterion("BED-M-01"),
                                                                        LotCriterion("BED-G-02", 40)]),
            Lot("2", "Reiniging en herstel", estimated_value_eur=200_000, price_weight=97,
                criteria=[LotCriterion("BED-G-01", 3)])]
    return replace(tender, organisation=MRA[0], participants=participants, lots=lots, estimated_value_eur=800_000)


def test_a_joint_tender_with_lots_credits_each_participant_per_lot_with_its_own_share(tender: Tender,
                                                                                        fake_lib) -> None:
    from tender_assistant.checks import resolve_criteria
    from tender_assistant.monitoring.rule import summarise
    from tender_assistant.monitoring.tender_count import records_from_tender

    joint = _bedrijfskleding(tender)
    records = records_from_tender(joint, resolve_criteria(joint, fake_lib)[0])
    assert len(records) == 10 and sum(r.value_eur for r in records) == 800_000
    by = {(r.organisation, r.lot_id): r for r in records}
    # Purmerend states 320.000 of 800.000 (40 %); the four others split the other 480.000 equally (15 % each)
    assert (by[MRA[0], "1"].value_eur, by[MRA[0], "2"].value_eur) == (240_000, 80_000)
    assert (by[MRA[1], "1"].value_eur, by[MRA[1], "2"].value_eur) == (90_000, 30_000)
    assert by[MRA[0], "1"].share_basis == "opgegeven" and by[MRA[4], "2"].share_basis == "gelijk deel"
    assert by[MRA[2], "1"].participants == list(MRA) and by[MRA[2], "1"].title == "Bedrijfskleding buitendienst: Kleding"
    assert [c.id for c in by[MRA[3], "2"].criteria] == ["BED-G-01"] and by[MRA[3], "2"].criteria[0].weight == 3
    for r in records:
        r.award_date = r.award_date or date(2025, 6, 1)
    report = summarise(records, CountingRule(), 2025)
    # the kleding lot counts (BED-M-01), the reiniging lot does not (BED-G-01 weighs 3 %): each participant 75 %
    for name in MRA:
        figures = report.organisations[name].figures(None)
        assert figures["share_value"] == 0.75, name
    assert report.region.in_scope_eur == 800_000 and report.region.circular_eur == 600_000
    assert "gelijk-deel" in next(line.flags for line in report.lines if line.record.organisation == MRA[1])
    assert "gelijk-deel" not in next(line.flags for line in report.lines if line.record.organisation == MRA[0])


def test_without_participants_or_lots_the_tender_is_one_record_of_the_organisation(tender: Tender, fake_lib) -> None:
    from tender_assistant.checks import resolve_criteria
    from tender_assistant.monitoring.tender_count import records_from_tender

    [record] = records_from_tender(tender, resolve_criteria(tender, fake_lib)[0])
    assert (record.organisation, record.value_eur, record.lot_id, record.share) == ("Gemeente Zaanstad", 900_000, "",
                                                                                    None)
    assert len(record.criteria) == len(tender.criteria)


def test_a_tender_with_lots_is_counted_per_lot_and_check_says_which_lot_does_not_count(tender: Tender,
                                                                                        fake_lib) -> None:
    from tender_assistant.checks import resolve_criteria
    from tender_assistant.monitoring.tender_count import count_tender

    joint = _bedrijfskleding(tender)
    result = count_tender(joint, resolve_criteria(joint, fake_lib)[0])
    assert not result.counts and [(lot_id, c.counts) for lot_id, c in result.lots] == [("1", True), ("2", False)]
    summary = result.summary()
    assert summary.startswith("perceel 1: telt als circulair") and "perceel 2: telt niet als circulair" in summary
    assert result.change == ("perceel 2: verhoog de weging van BED-G-01 van 3% naar 5%",
                             "lot 2: raise the weight of BED-G-01 from 3% to 5%")
    [(severity, code, message)] = circular(check_tender(joint, fake_lib))
    assert code == "circular-not-counted" and "perceel 2: telt niet als circulair" in message


def test_a_services_lot_is_not_a_physical_contract_in_the_count(tender: Tender, fake_lib) -> None:
    """Reiniging en herstel (CPV 98310000-9, a service) beside a clothing lot: the counting rule takes physical goods
    and works only, so the service lot is registered as not physical and stays out of the circular share."""
    from tender_assistant.checks import resolve_criteria
    from tender_assistant.monitoring.tender_count import records_from_tender

    joint = _bedrijfskleding(tender)
    joint.lots[0].cpv, joint.lots[1].cpv = ["18100000-0"], ["98310000-9"]
    records = records_from_tender(joint, resolve_criteria(joint, fake_lib)[0])
    assert {r.lot_id: r.physical for r in records} == {"1": True, "2": False}


def test_the_count_names_the_buyers_chosen_level_beside_the_criteria_level(tender: Tender, fake_lib) -> None:
    """D3: 'Telt dit als circulair? ... niveau 3: koploper' stood next to a cover page saying 'Ambitieniveau 1 -
    Basis'; in front of a room the two levels seemed to contradict each other."""
    from tender_assistant.monitoring.tender_count import count_tender

    criteria = list(fake_lib.criteria_by_ids(tender.criterion_ids()).values())
    reached = count_tender(tender, criteria).level
    assert reached is not None
    other = 1 if reached != 1 else 2
    message = count_tender(replace(tender, ambition_level=other), criteria).summary()
    assert f"uw keuze: niveau {other} (" in message and f"de gekozen criteria reiken tot niveau {reached} (" in message
    assert f"(niveau {reached}:" not in message
    english = count_tender(replace(tender, ambition_level=other), criteria).summary("en")
    assert f"your choice: level {other} (" in english and f"the chosen criteria reach level {reached} (" in english
    same = count_tender(replace(tender, ambition_level=reached), criteria).summary()
    assert same.startswith(f"telt als circulair (niveau {reached}: ")  # one level: said once, as before
