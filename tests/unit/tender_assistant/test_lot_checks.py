"""tender check on joint tenders, lots and options: each finding names its field and, per lot, its lot."""

from __future__ import annotations

from datetime import date

from tender_assistant.checks import Severity, check_tender, errors, place_label
from tender_assistant.tender_parts import Lot, LotCriterion, Participant
from tests.unit.tender_assistant.test_tender_parts import joint_workwear

TODAY = date(2026, 12, 6)


def codes(findings, severity=None):
    return [f.code for f in findings if severity is None or f.severity == severity]


def test_the_joint_case_has_no_structural_errors(fake_lib):
    found = codes(errors(check_tender(joint_workwear(), fake_lib, TODAY)))
    assert not {"participants-penvoerder", "mandate-missing", "participant-shares", "lots-value-sum",
                "framework-maximum", "lots-reason-missing"} & set(found)


def test_a_joint_tender_has_exactly_one_penvoerder_with_a_mandate(fake_lib):
    tender = joint_workwear()
    tender.participants[1].role = "penvoerder"
    tender.mandate_reference = ""
    found = codes(errors(check_tender(tender, fake_lib, TODAY)))
    assert "participants-penvoerder" in found and "mandate-missing" in found
    for p in tender.participants:
        p.role = "deelnemer"
    assert "participants-penvoerder" in codes(errors(check_tender(tender, fake_lib, TODAY)))


def test_weights_are_checked_per_lot_and_name_the_lot(fake_lib):
    tender = joint_workwear()
    tender.lots[1].criteria[0].weight = 40  # 50 + 40 = 90 in lot 2; lot 1 still adds up
    found = [f for f in check_tender(tender, fake_lib, TODAY) if f.code == "weights-sum"]
    assert len(found) == 1
    assert found[0].where == "lots[2].price_weight" and found[0].message.startswith("perceel 2: ")
    assert found[0].text().startswith("Perceel 2, Prijsweging: de wegingen")  # the lot named once
    assert place_label("lots[1].criteria[BED-G-01].weight", "en") == "Lot 1, BED-G-01, weight"


def test_the_threshold_applies_to_the_sum_of_the_lots(fake_lib):
    tender = joint_workwear()
    tender.participants, tender.procedure, tender.estimated_value_eur = [], "nationaal-openbaar", None
    tender.lots[0].estimated_value_eur, tender.lots[1].estimated_value_eur = 150_000, 150_000  # each below 221.000
    assert "procedure-eu-required" in codes(errors(check_tender(tender, fake_lib, TODAY)))
    tender.lots[1].estimated_value_eur = 60_000
    assert "procedure-eu-required" not in codes(errors(check_tender(tender, fake_lib, TODAY)))


def test_lots_must_add_up_to_the_estimate(fake_lib):
    tender = joint_workwear()
    tender.estimated_value_eur = 1_600_000
    assert "lots-value-sum" in codes(errors(check_tender(tender, fake_lib, TODAY)))


def test_one_lot_needs_a_reason_an_error_above_the_eu_threshold_advice_below(fake_lib, tender):
    tender.lots_reason = ""
    assert "lots-reason-missing" in codes(errors(check_tender(tender, fake_lib, TODAY)))
    tender.estimated_value_eur, tender.procedure = 100_000, "meervoudig-onderhands"
    assert "lots-reason-missing" in codes(check_tender(tender, fake_lib, TODAY), Severity.ADVICE)
    assert "lots-reason-missing" not in codes(errors(check_tender(tender, fake_lib, TODAY)))


def test_a_framework_needs_a_maximum_and_a_motivation_beyond_four_years(fake_lib):
    tender = joint_workwear()
    tender.maximum_value_eur = None
    found = check_tender(tender, fake_lib, TODAY)
    assert "framework-maximum" in codes(errors(found))
    assert "framework-term" in codes(found, Severity.ADVICE)  # 36 + 12 + 12 = 60 months
    tender.term_reason = "De kleding gaat vijf jaar mee; een kortere looptijd vernietigt kapitaal."
    assert "framework-term" not in codes(check_tender(tender, fake_lib, TODAY))


def test_shares_beyond_the_whole_are_an_error(fake_lib):
    tender = joint_workwear()
    tender.participants[1].estimated_value_eur = 1_200_000  # 500.000 + 1.200.000 > 1.500.000
    assert "participant-shares" in codes(errors(check_tender(tender, fake_lib, TODAY)))


def test_lot_rules_that_contradict_each_other(fake_lib):
    tender = joint_workwear()
    tender.max_lots_per_bidder, tender.max_lots_awarded_per_bidder = 1, 2
    tender.lot_award_order = ["1", "3"]
    found = codes(errors(check_tender(tender, fake_lib, TODAY)))
    assert "lot-limits" in found and "lot-order-unknown" in found
    limits = next(f for f in check_tender(tender, fake_lib, TODAY) if f.code == "lot-limits")
    assert "mag op 1 perceel inschrijven maar er 2 winnen" in limits.text()  # was '1 percelen' (finding D3)
    assert "may bid for 1 lot but win 2" in limits.text("en")


def test_a_criterion_in_no_lot_is_pointed_out(fake_lib):
    tender = joint_workwear()
    tender.lots = [Lot("1", "Alles", estimated_value_eur=1_500_000, price_weight=30,
                       criteria=[LotCriterion("BED-G-01", 30), LotCriterion("BED-G-02", 40)])]
    assert "criterion-no-lot" in codes(check_tender(tender, fake_lib, TODAY), Severity.ADVICE)
    tender.participants = [Participant("Gemeente Purmerend", "penvoerder")]
    assert "participants-single" in codes(check_tender(tender, fake_lib, TODAY), Severity.ADVICE)


def test_a_lots_finding_names_the_lot_once(fake_lib):
    """'Perceel 2, Prijsweging: perceel 2: de wegingen ...' named the lot twice (finding B13)."""
    tender = joint_workwear()
    lot = tender.lot("2")
    assert lot is not None
    lot.price_weight += 5
    found = next(f for f in check_tender(tender, fake_lib, TODAY) if f.where.startswith("lots[2]")
                 and f.code == "weights-sum")
    assert found.text().startswith("Perceel 2, Prijsweging: de wegingen") and "perceel 2:" not in found.text()
    assert found.text("en").startswith("Lot 2, Price weight: the weights") and "lot 2:" not in found.text("en")
    assert found.message.startswith("perceel 2: ")  # --json keeps the message that names its lot
