"""Checks: errors block a final document, advice is what practice recommends."""

from __future__ import annotations

from datetime import date

import pytest

from criteria_library.models import Kind
from tender_assistant.checks import Severity, check_tender, errors
from tender_assistant.thresholds import eu_thresholds, is_works

TODAY = date(2026, 11, 25)


def codes(findings, severity=None):
    return [f.code for f in findings if severity is None or f.severity == severity]


def test_complete_tender_has_no_errors_and_marks_defaults(fake_lib, tender):
    findings = check_tender(tender, fake_lib, TODAY)
    assert errors(findings) == []
    defaults = [f for f in findings if f.code == "placeholder-default"]
    assert {f.text() for f in defaults} == {'BED-S-01: "referentie jaren" gebruikt de standaardwaarde "3"',
                                            'BED-M-01: "percentage recycled" gebruikt de standaardwaarde "20"'}


def test_weights_must_add_up_to_100(fake_lib, tender):
    tender.price_weight = 40
    found = errors(check_tender(tender, fake_lib, TODAY))
    assert codes(found) == ["weights-sum"] and "110%" in found[0].message


def test_weights_below_100_are_an_error_too(fake_lib, tender):
    """A total under 100 scores every bid on less than the full scale: as wrong as one over 100."""
    tender.price_weight = 20
    found = errors(check_tender(tender, fake_lib, TODAY))
    assert codes(found) == ["weights-sum"] and "90%" in found[0].message


def test_award_criterion_without_weight_is_an_error(fake_lib, tender):
    tender.entry("BED-G-02").weight = None
    assert "weight-missing" in codes(check_tender(tender, fake_lib, TODAY), Severity.ERROR)


def test_placeholder_without_value_or_default_is_an_error(fake_lib, tender):
    del tender.values["reparatie_dagen"]
    found = errors(check_tender(tender, fake_lib, TODAY))
    assert [(f.code, f.where) for f in found] == [("placeholder-missing", "values.reparatie_dagen")]


def test_unknown_criterion_and_cpv_are_errors(fake_lib, tender):
    tender.cpv.append("12345678")
    tender.criteria[0].id = "XXX-S-99"
    assert set(codes(errors(check_tender(tender, fake_lib, TODAY)))) == {"criterion-unknown", "cpv-unknown"}


@pytest.mark.parametrize(
    ("value", "procedure", "cpv", "expected"),
    [
        (300_000, "nationaal-openbaar", ["18100000-0"], "procedure-eu-required"),  # supplies above 216k
        (200_000, "nationaal-openbaar", ["18100000-0"], None),
        (3_000_000, "nationaal-openbaar", ["45233000-9"], None),  # works: threshold in the millions
        (6_000_000, "meervoudig-onderhands", ["45233000-9"], "procedure-eu-required"),
    ],
)
def test_procedure_must_fit_the_eu_threshold(fake_lib, tender, value, procedure, cpv, expected):
    tender.estimated_value_eur, tender.procedure, tender.cpv = value, procedure, cpv
    found = [c for c in codes(check_tender(tender, fake_lib, TODAY), Severity.ERROR) if c != "document-gap"]
    assert found == ([expected] if expected else [])  # (a private procedure's invited bidders are a gap here)


def test_central_government_has_a_lower_threshold(fake_lib, tender):
    tender.estimated_value_eur, tender.procedure = 180_000, "nationaal-openbaar"
    assert not errors(check_tender(tender, fake_lib, TODAY))
    tender.authority = "centraal"
    assert codes(errors(check_tender(tender, fake_lib, TODAY))) == ["procedure-eu-required"]


def test_advice_on_price_weight_award_and_ambition(fake_lib, tender):
    tender.price_weight, tender.entry("BED-G-01").weight, tender.entry("BED-G-02").weight = 75, 10, 15
    assert "price-weight" in codes(check_tender(tender, fake_lib, TODAY), Severity.ADVICE)
    tender.criteria = [c for c in tender.criteria if c.id in ("BED-S-01", "BED-M-01", "BED-C-01")]
    tender.price_weight = 100
    advice = codes(check_tender(tender, fake_lib, TODAY), Severity.ADVICE)
    assert "ambition-low" in advice
    # lowest price alone must be motivated (art. 2.114 Aw): an error until the motivation is there
    assert "no-award" in codes(errors(check_tender(tender, fake_lib, TODAY)))
    tender.lowest_price_reason = "Een gestandaardiseerd product; kwaliteit ligt vast in de minimumeisen."
    assert "no-award" not in codes(errors(check_tender(tender, fake_lib, TODAY)))
    assert not errors(check_tender(tender, fake_lib, TODAY))


def test_single_private_procedure_above_guide_value_is_advice(fake_lib, tender):
    tender.procedure, tender.estimated_value_eur = "enkelvoudig-onderhands", 80_000
    assert "procedure-national" in codes(check_tender(tender, fake_lib, TODAY), Severity.ADVICE)


def test_thresholds_are_chosen_by_date_and_flagged_when_outdated(fake_lib, tender):
    assert eu_thresholds(date(2025, 6, 1))[0].supplies_services_decentral == 221_000
    assert eu_thresholds(date(2026, 6, 1))[0].valid_to == date(2027, 12, 31)
    assert eu_thresholds(date(2031, 1, 1))[1] is False
    tender.publication_date = None  # the thresholds of the day of the check
    assert "thresholds-outdated" in codes(check_tender(tender, fake_lib, date(2031, 1, 1)))


def test_works_are_recognised_by_main_object_cpv_or_package():
    # a mixed contract: the main object by value decides, not the order of the CPV codes
    assert not is_works(["45210000-2", "71000000-8"]) and not is_works(["71000000-8", "45210000-2"])
    assert is_works(["71000000-8", "45210000-2"], main_object="werken") and is_works(["45210000-2", "45233000-9"])
    assert is_works([], "gww") and not is_works([], "meubilair")


def test_cpv_with_a_wrong_check_digit_is_an_error(fake_lib, tender):
    tender.cpv = ["18100000-1"]
    found = errors(check_tender(tender, fake_lib, TODAY))
    assert [(f.code, f.text()) for f in found] == [
        ("cpv-unknown", "CPV-codes: 18100000-1 heeft een verkeerd controlecijfer; bedoelt u 18100000-0?")]


def test_cpv_of_another_package_gives_advice(fake_lib, tender):
    tender.cpv = ["18100000-0", "39130000-2", "18000000-9"]  # own, meubilair's, broader than own
    found = [f for f in check_tender(tender, fake_lib, TODAY) if f.code == "cpv-other-package"]
    assert [f.text() for f in found] == [
        "CPV-codes: 39130000-2 hoort bij het inkooppakket Kantoormeubilair en inrichting, niet bij Bedrijfskleding en "
        "werkkleding; controleer de CPV-code of het inkooppakket, of kies criteria uit dat pakket (stap Criteria, "
        "'Ook criteria uit pakket')"]
    assert found[0].severity == Severity.ADVICE


def test_cpv_of_another_package_whose_criteria_the_tender_takes_needs_no_advice(tender):
    """A lot of another subject took that package's criteria: the advice could only be resolved by dropping the CPV
    code (finding B15)."""
    from tender_assistant.tender import TenderCriterion
    from tests.unit.tender_assistant.fake_library import FakeLibrary, criterion, workwear_criteria

    chair = criterion("MEU-M-01", Kind.REQUIREMENT, 1, "Stoelen", "De stoel is herstelbaar.", package="meubilair")
    library = FakeLibrary(crits=[*workwear_criteria(), chair])
    tender.cpv = ["18100000-0", "39130000-2"]
    assert [f.code for f in check_tender(tender, library, TODAY) if f.code == "cpv-other-package"]
    tender.criteria.append(TenderCriterion("MEU-M-01"))
    assert not [f for f in check_tender(tender, library, TODAY) if f.code == "cpv-other-package"]


def test_a_value_no_criterion_uses_gives_advice_with_a_suggestion(fake_lib, tender):
    tender.values["reparatiedagen"] = "5"
    tender.values["kleur"] = "blauw"
    found = {f.where: f.text() for f in check_tender(tender, fake_lib, TODAY) if f.code == "value-unused"}
    assert found == {
        "values.reparatiedagen": "waarde reparatiedagen: \"reparatiedagen\" komt in geen van de gekozen criteria voor;"
                                 " bedoelt u \"reparatie dagen\"?",
        "values.kleur": "waarde kleur: \"kleur\" komt in geen van de gekozen criteria voor; de waarde wordt niet "
                        "gebruikt"}


def test_a_value_used_in_an_edited_clause_is_not_unused(fake_lib, tender):
    tender.values["kleur"] = "blauw"
    tender.entry("BED-C-02").text = "Kleding in {{kleur}}, rapportage voor {{rapportage_datum}}."
    assert "value-unused" not in codes(check_tender(tender, fake_lib, TODAY))


def test_a_criterion_version_newer_than_the_library_gives_advice(fake_lib, tender):
    tender.entry("BED-S-01").version = 7
    found = [f for f in check_tender(tender, fake_lib, TODAY) if f.code == "criterion-newer"]
    assert len(found) == 1 and found[0].severity == Severity.ADVICE and found[0].where == "criteria[BED-S-01]"
    assert "versie 7" in found[0].message and "versie 1" in found[0].message


def test_procedure_error_keeps_a_lower_case_national_procedure(fake_lib, tender):
    tender.procedure = "nationaal-openbaar"
    tender.estimated_value_eur = 5_000_000
    found = [f for f in check_tender(tender, fake_lib, TODAY) if f.code == "procedure-eu-required"]
    assert "een nationale openbare procedure is dan niet toegestaan" in found[0].message


def test_checking_opens_no_register_file(fake_lib, tender, monkeypatch):
    """The wizard checks on every weight step: the counting rule comes from the caller, never from a file read here."""
    from tender_assistant.monitoring.register_store import RegisterStore
    from tender_assistant.monitoring.rule import CountingRule

    with RegisterStore.open() as register:  # a register in the (test's own) data folder, as a user has one
        register.save_rule(CountingRule(min_weight=50))

    def refuse(*args, **kwargs):
        raise AssertionError("check_tender opened a register")

    monkeypatch.setattr(RegisterStore, "open", refuse)
    assert "circular-counts" in codes(check_tender(tender, fake_lib, TODAY))


def test_an_unknown_package_is_an_error_that_suggests_the_known_slug(fake_lib, tender):
    """Finding R4: "kantoormeubilair" is the Dutch name's first word, the slug is "meubilair"."""
    tender.package = "kantoormeubilair"
    found = [f for f in check_tender(tender, fake_lib, TODAY) if f.code == "package-unknown"]
    assert [f.severity for f in found] == [Severity.ERROR]
    assert found[0].message.endswith('"kantoormeubilair" staat niet in de bibliotheek; bedoelde u meubilair '
                                     "(Kantoormeubilair en inrichting)?")
    assert "did you mean meubilair (Office furniture and interiors)?" in found[0].en


def test_a_procedure_value_is_named_as_the_procedure_page_names_it() -> None:
    """D11: the English review page listed 'value platform:' and 'value tijdstip inschrijving:' (internal names)."""
    from tender_assistant.checks import place_label

    assert place_label("values.tijdstip_inschrijving", "en") == "Closing time"
    assert place_label("values.tijdstip_inschrijving") == "Tijdstip sluiting"
    assert place_label("values.platform", "en") == "Platform"
    assert place_label("values.reparatie_dagen") == "waarde reparatie dagen"  # a criterion's own placeholder


def test_a_service_lot_with_requirements_about_supplied_products_gets_advice(fake_lib):
    """A lawyer's read of the examples: the laundry lot (services) was asked about the garments' fibres and labels."""
    from tests.unit.tender_assistant.test_tender_parts import joint_workwear

    tender = joint_workwear()
    laundry = tender.lot("2")
    assert laundry is not None
    laundry.cpv = ["98310000-9"]
    found = [x for x in check_tender(tender, fake_lib) if x.code == "lot-goods-criteria"]
    assert len(found) == 1 and found[0].severity == Severity.ADVICE and "perceel 2" in found[0].text()
    laundry.cpv = ["18100000-0"]  # the same lot, now for supplies: nothing to say
    assert not [x for x in check_tender(tender, fake_lib) if x.code == "lot-goods-criteria"]
