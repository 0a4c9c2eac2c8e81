"""Suggesting again after the buyer changed the description, ambition or package: the buyer's work is kept."""

from __future__ import annotations

from dataclasses import replace

from tender_assistant.matching import suggest_again, suggested_entries, suggestion_basis
from tender_assistant.tender import Tender, TenderCriterion


def drafted(fake_lib, description: str = "Levering van werkklding.") -> Tender:
    """A tender whose criteria were suggested for its description, then worked on by the buyer."""
    tender = Tender(title="Kleding", package="bedrijfskleding", ambition_level=1, description=description,
                    price_weight=30)
    tender.criteria = suggested_entries(tender, fake_lib)
    return tender


def ids(entries: list[TenderCriterion]) -> list[str]:
    return [e.id for e in entries]


def test_correcting_a_typo_keeps_picks_weights_texts_and_values(fake_lib) -> None:
    tender = drafted(fake_lib)
    before = suggestion_basis(tender)
    tender.criteria = [e for e in tender.criteria if e.id != "BED-C-02"]  # the buyer drops a suggestion
    tender.criteria.insert(2, TenderCriterion("BED-M-02"))  # ... adds one above the ambition level
    tender.entry("BED-G-01").weight = 55
    tender.entry("BED-S-01").text = "Eigen tekst van de inkoper."
    tender.entry("BED-M-01").values["percentage_recycled"] = "35"
    worked = [replace(e, values=dict(e.values)) for e in tender.criteria]

    tender.description = "Levering van werkkleding."  # the typo corrected
    assert suggest_again(tender, fake_lib, before) == worked


def test_a_new_wish_in_the_description_adds_its_criterion_and_respects_removals(fake_lib) -> None:
    tender = drafted(fake_lib, "Levering van werkkleding.")
    before = suggestion_basis(tender)
    tender.criteria = [e for e in tender.criteria if e.id != "BED-C-02"]
    tender.description = "Levering van werkkleding, reparatie"
    again = suggest_again(tender, fake_lib, before)
    assert ids(again) == ["BED-S-01", "BED-M-01", "BED-M-02", "BED-G-01", "BED-C-01"]  # library order


def test_an_untouched_suggestion_no_longer_asked_for_goes_and_weights_follow(fake_lib) -> None:
    tender = drafted(fake_lib, "Levering van werkkleding als dienst (lease).")
    before = suggestion_basis(tender)
    assert tender.entry("BED-G-03") is not None and tender.entry("BED-G-01").weight == 26
    tender.description = "Levering van werkkleding."
    again = suggest_again(tender, fake_lib, before)
    assert "BED-G-03" not in ids(again)
    assert next(e for e in again if e.id == "BED-G-01").weight == 70  # untouched: the new start weight


def test_a_suggestion_the_buyer_worked_on_stays_when_no_longer_asked_for(fake_lib) -> None:
    tender = drafted(fake_lib, "Levering van werkkleding als dienst (lease).")
    before = suggestion_basis(tender)
    tender.entry("BED-G-03").weight = 40
    tender.description = "Levering van werkkleding."
    again = suggest_again(tender, fake_lib, before)
    assert next(e for e in again if e.id == "BED-G-03").weight == 40


def test_without_a_basis_or_in_another_package_the_suggestion_starts_afresh(fake_lib) -> None:
    tender = drafted(fake_lib)
    tender.criteria = [TenderCriterion("BED-M-02"), *tender.criteria[1:]]
    tender.entry("BED-M-01").text = "Eigen tekst."
    fresh = suggest_again(tender, fake_lib, None)  # "Voorstel herstellen"
    assert ids(fresh) == ids(suggested_entries(tender, fake_lib))
    assert next(e for e in fresh if e.id == "BED-M-01").text == "Eigen tekst."  # an edited text stays
    other = suggest_again(tender, fake_lib, ("meubilair", 1, tender.description))
    assert ids(other) == ids(fresh)
