"""The levers the EU GPP sets name, as the lever comparison (docs/lever-comparison.md) says the packs pull them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from criteria_library.models import Kind
from criteria_library.starter import starter_pack

COMPARISON = Path(__file__).resolve().parents[3] / "docs" / "lever-comparison.md"
CRITERION_ID = re.compile(r"\b[A-Z]{3}-[SMGC]-\d\d\b")


@pytest.fixture(scope="module")
def by_id():
    return {c.id: c for c in starter_pack().criteria}


def test_every_criterion_the_comparison_names_is_in_the_starter_library(by_id) -> None:
    """A buyer who follows the table to a criterion id finds that criterion (no retired or mistyped ids)."""
    named = set(CRITERION_ID.findall(COMPARISON.read_text(encoding="utf-8")))
    assert len(named) > 100
    assert sorted(named - by_id.keys()) == []


def test_every_starter_package_has_a_section_in_the_comparison() -> None:
    """A buyer looking up any package finds its comparison (or the plain statement that no set could be compared)."""
    headings = [line for line in COMPARISON.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
    missing = [
        package.slug
        for package in starter_pack().packages
        if not any(re.search(rf"(?<![\w-]){re.escape(package.slug)}(?![\w-])", heading) for heading in headings)
    ]
    assert missing == []


def test_a_lever_the_comparison_says_was_added_is_in_its_package(by_id) -> None:
    """'added X' in the table is true: X exists, in the package whose section names it."""
    text = COMPARISON.read_text(encoding="utf-8")
    added = re.findall(r"\*\*added ([A-Z]{3}-[SMGC]-\d\d)\*\*", text)
    assert set(added) >= {"ICT-M-11", "ICT-M-12", "TEX-M-05", "BKL-M-11", "PMF-G-05"}
    for cid in added:
        section = text[:text.index(f"added {cid}")].rsplit("\n## ", 1)[1].split(" ", 1)[0]
        assert by_id[cid].package == section, cid


def test_robust_laptops_are_tested_for_drops_and_temperatures_and_must_still_work_after(by_id) -> None:
    robust = by_id["ICT-M-11"]
    assert robust.kind == Kind.REQUIREMENT and robust.package == "ict-hardware"
    assert "valtest" in robust.clause and "werken na elke test nog volledig" in robust.clause and "-30 °C" in robust.clause and "60 °C" in robust.clause
    assert "gelijkwaardige testmethode" in robust.clause and "{{valhoogte_cm}}" in robust.clause
    meta = robust.placeholder_meta["valhoogte_cm"]
    assert meta.min is not None and meta.max is not None and meta.min <= float(robust.placeholders["valhoogte_cm"]) <= meta.max
    assert "eu-gpp" in robust.source_type and "TCO Certified generatie 8" in robust.source


def test_phones_and_tablets_come_with_a_case_and_screen_protector_the_buyer_may_waive(by_id) -> None:
    case = by_id["ICT-M-12"]
    assert "beschermhoes" in case.clause and "schermbeschermer" in case.clause and "gereviseerd" in case.clause
    # the waiver is the buyer's, per order, never the bidder's
    assert "tenzij {{opdrachtgever}}" in case.clause and "tenzij opdrachtnemer" not in case.clause


def test_linen_has_a_restricted_substances_list_as_workwear_has(by_id) -> None:
    linen, workwear = by_id["TEX-M-05"], by_id["BKL-M-09"]
    assert linen.package == "textiel" and linen.kind == Kind.REQUIREMENT
    for label in ("2014/350/EU", "OEKO-TEX Standard 100", "gelijkwaardige lijst"):
        assert label in linen.clause and label in workwear.clause
    assert not linen.marktstandaard and "Marktstandaard: nee" in linen.rationale


def test_workwear_finishes_must_keep_working_after_washing_not_only_be_pfas_free(by_id) -> None:
    finish = by_id["BKL-M-11"]
    assert finish.package == "bedrijfskleding" and finish.kind == Kind.REQUIREMENT
    assert "criterium 25" in finish.clause and "2014/350/EU" in finish.clause and "gelijkwaardige eis" in finish.clause
    assert "ISO 15797" in finish.clause and "BKL-M-06" in finish.rationale


def test_printers_are_scored_on_post_consumer_recycled_plastic_that_any_bid_can_offer(by_id) -> None:
    plastic = by_id["PMF-G-05"]
    assert plastic.package == "printers-multifunctionals" and plastic.kind == Kind.AWARD
    # post-consumer only: a manufacturer's own production scrap must not count as recycled plastic
    assert "post-consumer" in plastic.clause and "pre-consumer" in plastic.rationale
    assert "NEN-EN 45557 of een gelijkwaardige methode" in plastic.clause
    # consumables are excluded, so a cheap cartridge cannot lift a device's share
    assert "zonder verbruiksartikelen" in plastic.clause
    # a promised share is enforceable: the Borging clause is required and named
    assert plastic.requires == ["PMF-C-20"] and "Borging van aangeboden prestaties" in plastic.verification
    assert plastic.scoring is not None and plastic.scoring.direction == "hoger"
    assert "eu-gpp" in plastic.source_type and "SWD(2020) 148" in plastic.source
    assert not plastic.marktstandaard and "Marktstandaard: nee" in plastic.rationale
