"""Tender file version 3: joint tenders, lots, options and the planning round-trip; older files stay as they are."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tender_assistant.errors import TenderError
from tender_assistant.tender import Tender, TenderCriterion, load_tender, save_tender, tender_from_dict
from tender_assistant.tender_parts import Lot, LotCriterion, Participant

MUNICIPALITIES = ["Gemeente Purmerend", "Gemeente Zaanstad", "Gemeente Edam-Volendam", "Gemeente Landsmeer",
                  "Gemeente Oostzaan"]


def joint_workwear() -> Tender:
    """Five MRA municipalities, Purmerend leading, 36 + 12 + 12 months, two lots."""
    return Tender(
        title="Circulaire bedrijfskleding MRA-gemeenten", organisation="Gemeente Purmerend", package="bedrijfskleding",
        cpv=["18100000-0"], estimated_value_eur=1_500_000, contract_term_months=36, extension_options_months=[12, 12],
        participants=[Participant(MUNICIPALITIES[0], "penvoerder", 500_000, "KvK 12345678")]
        + [Participant(name) for name in MUNICIPALITIES[1:]],
        mandate_date=date(2026, 10, 1), mandate_reference="Mandaatbesluit 2026-118",
        criteria=[TenderCriterion("BED-M-01"), TenderCriterion("BED-G-01", weight=30),
                  TenderCriterion("BED-G-02", weight=40), TenderCriterion("BED-C-01")],
        lots=[Lot("1", "Kleding", cpv=["18100000-0"], estimated_value_eur=1_200_000, price_weight=40,
                  criteria=[LotCriterion("BED-M-01"), LotCriterion("BED-G-01", 25), LotCriterion("BED-G-02", 35)]),
              Lot("2", "Reiniging en herstel", estimated_value_eur=300_000, price_weight=50, price_rule="bandbreedte",
                  price_band_percent=40, criteria=[LotCriterion("BED-G-02", 50), LotCriterion("BED-C-01")])],
        max_lots_per_bidder=2, framework_agreement=True, maximum_value_eur=1_800_000,
    )


def test_version_3_round_trips_every_field(tmp_path):
    tender = joint_workwear()
    tender.planning.submission_deadline = date(2027, 3, 15)
    tender.planning.bid_validity_days = 90
    tender.optional_exclusion_grounds = ["2.87.1.c"]
    tender.tie_rule = "loting"
    path = tmp_path / "kleding.tender.json"
    save_tender(tender, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 3
    assert data["participants"][0] == {"name": "Gemeente Purmerend", "role": "penvoerder",
                                       "estimated_value_eur": 500000, "identifier": "KvK 12345678"}
    assert data["lots"][1]["criteria"] == [{"id": "BED-G-02", "weight": 50}, {"id": "BED-C-01"}]
    assert data["extension_options_months"] == [12, 12] and data["submission_deadline"] == "2027-03-15"
    assert load_tender(path) == tender


@pytest.mark.parametrize("version, extra", [(1, {}), (2, {"price_rule": "lineair", "fixed_budget_eur": None,
                                                            "publication_date": None, "regime": "klassiek",
                                                            "main_object": None})])
def test_older_files_open_and_are_written_back_unchanged(tmp_path, version, extra):
    data = {"format": "tender-assistant.tender", "version": version, "title": "Oud", "organisation": "Gemeente Zaanstad",
            "authority": "decentraal", "description": "", "package": "", "cpv": [], "procedure": "europees-openbaar",
            "estimated_value_eur": 100000, "contract_term_months": 24, "ambition_level": 1, "price_weight": 30,
            "criteria": [{"id": "BED-G-01", "weight": 70}], "values": {}, **extra}
    path = tmp_path / "oud.tender.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    before = path.read_bytes()
    tender = load_tender(path)
    assert tender.lots == [] and tender.participants == [] and tender.effective_lots()[0].id == "1"
    save_tender(tender, path)
    assert path.read_bytes() == before


def test_a_newer_file_version_is_refused_in_dutch():
    with pytest.raises(TenderError) as info:
        tender_from_dict({"format": "tender-assistant.tender", "version": 4, "title": "x"})
    assert "versie 4 is nieuwer dan dit programma kent (3)" in str(info.value)


def test_bad_parts_are_reported_at_their_field():
    data = {"format": "tender-assistant.tender", "version": 3, "title": "x",
            "criteria": [{"id": "BED-G-01", "weight": 60}],
            "participants": [{"name": "Gemeente A", "role": "baas"}, {"name": ""}],
            "lots": [{"id": "1", "title": "A", "criteria": [{"id": "BED-G-99"}]}, {"id": "1"}],
            "extension_options_months": [12, 0], "submission_deadline": "15-03-2027", "tie_rule": "dobbelen"}
    with pytest.raises(TenderError) as info:
        tender_from_dict(data)
    fields = [p.where for p in info.value.problems]
    assert fields == ["participants[0].role", "participants[1].name", "lots[0].criteria[0].id", "lots[1].id",
                      "extension_options_months[1]", "submission_deadline", "tie_rule"]


def test_options_give_the_maximum_term_and_lots_the_total_value():
    tender = joint_workwear()
    assert tender.max_term_months() == 60
    assert tender.total_value_eur() == 1_500_000
    tender.lots[1].estimated_value_eur = None  # one lot without a value: the tender's own estimate counts
    tender.estimated_value_eur = 1_400_000
    assert tender.total_value_eur() == 1_400_000


def test_a_lot_is_seen_with_its_own_criteria_weights_and_price_rule():
    tender = joint_workwear()
    lot = tender.for_lot("2")
    assert lot.criterion_ids() == ["BED-G-02", "BED-C-01"]
    assert lot.entry("BED-G-02").weight == 50 and tender.entry("BED-G-02").weight == 40
    assert (lot.price_weight, lot.price_rule, lot.price_band_percent, lot.estimated_value_eur) == (
        50, "bandbreedte", 40, 300_000)
    with pytest.raises(KeyError):
        tender.for_lot("3")


def test_participants_without_a_value_share_what_is_left_equally():
    tender = joint_workwear()
    shares = tender.participant_shares()
    assert shares[0][1:] == (500_000, False)
    assert all(share == 250_000 and assumed for _, share, assumed in shares[1:])
    assert tender.contracting_authorities() == MUNICIPALITIES
