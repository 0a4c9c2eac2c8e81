"""Final means final: every open gap of the set is an error naming the document, chapter and field that fills it."""

from __future__ import annotations

import dataclasses
from datetime import date

import docx
from docx.enum.text import WD_COLOR_INDEX

from criteria_library.models import FloorFrom, RelativeScoring
from tender_assistant.checks import Severity, check_tender
from tender_assistant.documents.document_set import LEIDRAAD, export_set, set_plans
from tender_assistant.documents.gaps import open_gaps
from tender_assistant.documents.house_style import CONCEPT_MARK
from tender_assistant.tender import TenderCriterion
from tests.unit.tender_assistant.fake_library import Kind, criterion

TODAY = date(2026, 11, 25)


def _gaps(findings):
    return [f for f in findings if f.code == "document-gap"]


def test_a_tender_with_its_facts_entered_has_no_open_gap(fake_lib, tender):
    assert _gaps(check_tender(tender, fake_lib, TODAY)) == []
    assert open_gaps(set_plans(tender, fake_lib, today=TODAY)) == []


def test_a_missing_contact_person_is_an_error_naming_document_chapter_and_field(fake_lib, tender):
    del tender.values["contactpersoon"]
    gaps = _gaps(check_tender(tender, fake_lib, TODAY))
    assert [(g.severity, g.where) for g in gaps] == [(Severity.ERROR, "values.contactpersoon")]
    assert gaps[0].text().startswith("Contactpersoon: aanbestedingsleidraad.docx, Procedure en planning: ")
    assert "Contactpersoon van de opdrachtgever: [contactpersoon: in te vullen]" in gaps[0].text()
    assert gaps[0].text("en").startswith("Contact person: aanbestedingsleidraad.docx, Procedure en planning: "
                                         "still to be filled in")


def test_each_missing_date_is_named_by_its_field(fake_lib, tender):
    tender.planning.submission_deadline = None
    tender.publication_date = None
    gaps = _gaps(check_tender(tender, fake_lib, TODAY))
    assert {g.where for g in gaps} == {"submission_deadline", "publication_date"}
    deadline = next(g for g in gaps if g.where == "submission_deadline")
    assert deadline.text().startswith("Uiterste datum van inschrijving: aanbestedingsleidraad.docx, Procedure en "
                                      "planning: ")


def test_a_typed_contact_person_is_used_in_the_leidraad_and_not_called_unused(fake_lib, tender):
    # It was reported as "not used" while the leidraad showed "Contactpersoon: [in te vullen]".
    findings = check_tender(tender, fake_lib, TODAY)
    assert not [f for f in findings if f.code == "value-unused" and "contactpersoon" in f.where]
    leidraad = set_plans(tender, fake_lib, today=TODAY)[LEIDRAAD]
    texts = [r.text for b in leidraad.body if hasattr(b, "runs") for r in b.runs]
    assert "J. de Vries" in texts and "TenderNed" in texts


def test_a_clause_placeholder_is_reported_once_not_again_as_a_gap(fake_lib, tender):
    del tender.values["reparatie_dagen"]
    findings = check_tender(tender, fake_lib, TODAY)
    assert [f.code for f in findings if f.severity == Severity.ERROR] == ["placeholder-missing"]


def test_a_concept_set_keeps_the_gap_highlighted_and_says_concept_on_every_page(tmp_path, fake_lib, tender):
    del tender.values["platform"]
    out = tmp_path / "set"
    out.mkdir()
    export_set(tender, fake_lib, out, today=TODAY, concept=True)
    for name in ("aanbestedingsleidraad.docx", "programma-van-eisen.docx", "contractbijlage.docx"):
        doc = docx.Document(str(out / name))
        assert all(s.header.paragraphs[0].text == CONCEPT_MARK for s in doc.sections)
        assert any(p.text.startswith("CONCEPT –") for p in doc.paragraphs[:6])  # the cover
    doc = docx.Document(str(out / LEIDRAAD))
    gap = next(r for p in doc.paragraphs for r in p.runs if r.text == "[platform: in te vullen]")
    assert gap.font.highlight_color == WD_COLOR_INDEX.YELLOW


def _with(crits_changed: dict[str, dict], extra=()):
    from tests.unit.tender_assistant.fake_library import FakeLibrary, workwear_criteria

    crits = [dataclasses.replace(c, **crits_changed.get(c.id, {})) for c in workwear_criteria()]
    return FakeLibrary(crits=[*crits, *extra])


PENALTY = criterion("BED-C-09", Kind.CONTRACT, 1, "Borging van aangeboden prestaties",
                    "Levert de opdrachtnemer minder dan hij heeft aangeboden, dan verbeurt hij na ingebrekestelling "
                    "een boete van 500 euro per procentpunt tekort, tot ten hoogste 5% van de jaarwaarde.")


def test_a_boete_no_chosen_clause_defines_is_an_error_naming_the_package_clause(tender):
    lib = _with({"BED-G-01": {"verification": "Jaarlijks: leveringsoverzicht; bij onderschrijding geldt de boete "
                                              "uit de overeenkomst."}}, [PENALTY])
    errors = [f for f in check_tender(tender, lib, TODAY) if f.code == "penalty-missing"]
    assert len(errors) == 1 and errors[0].severity == Severity.ERROR
    assert errors[0].message.startswith("BED-G-01 verwijst naar een boete") and "kies BED-C-09" in errors[0].message
    tender.criteria.append(TenderCriterion("BED-C-09"))
    assert not [f for f in check_tender(tender, lib, TODAY) if f.code == "penalty-missing"]


def test_a_required_companion_missing_from_the_tender_is_an_error(tender):
    lib = _with({"BED-G-01": {"requires": ["BED-C-09"]}}, [PENALTY])
    found = [f for f in check_tender(tender, lib, TODAY) if f.code == "companion-missing"]
    assert [f.where for f in found] == ["criteria[BED-G-01]"] and "BED-C-09" in found[0].message


def test_a_required_borging_clause_of_another_package_is_met_by_the_one_the_tender_has(tender):
    """Found by the exploratory run: a lot taking AFV-G-01 from another package was refused for lacking AFV-C-20 while
    its own Borging clause (the same clause, another package's examples) was chosen; two would overlap."""
    other = dataclasses.replace(PENALTY, id="AFV-C-20", package="afvalinzameling")
    lib = _with({"BED-G-01": {"requires": ["AFV-C-20"]}}, [PENALTY, other])
    assert [f.where for f in check_tender(tender, lib, TODAY) if f.code == "companion-missing"] == ["criteria[BED-G-01]"]
    tender.criteria.append(TenderCriterion("BED-C-09"))
    assert not [f for f in check_tender(tender, lib, TODAY) if f.code == "companion-missing"]


LINKED = {"BED-G-01": {"scoring": RelativeScoring(floor=20, floor_from=FloorFrom("BED-M-01", "percentage_recycled")),
                       "scoring_text": "De ondergrens is het minimumaandeel uit de minimumeis ({{percentage_recycled}}%)."}}


def test_a_floor_follows_the_value_the_buyer_set_for_its_companion_requirement(tender):
    from tender_assistant.documents.document_set import LEIDRAAD, _numbered, eisenlijst_rows
    from tender_assistant.scoring import setup_for

    lib = _with(LINKED)
    tender.entry("BED-M-01").values["percentage_recycled"] = "30"  # the PvE asks 30 %, the library's floor is 20
    body = set_plans(tender, lib, today=TODAY)[LEIDRAAD].body
    text = " ".join("".join(r.text for r in b.runs) for b in body if hasattr(b, "runs"))
    assert "(aanbieding − 30) / (hoogste aanbieding − 30)" in text and "− 20)" not in text
    assert "uit de minimumeis (30%)" in text
    _, award = eisenlijst_rows(tender, _numbered(tender, lib))
    assert "aanbieding − 30" in next(r for r in award if r[7] == "BED-G-01")[3]
    criteria = [c for c in lib.criteria_by_ids(tender.criterion_ids()).values()]
    assert next(c for c in setup_for(tender, criteria).weighted if c.id == "BED-G-01").scoring.floor == 30
    assert not [f for f in check_tender(tender, lib, TODAY) if f.code in ("floor-differs", "companion-missing")]


def test_an_own_floor_value_that_differs_from_the_requirement_is_an_error(tender):
    lib = _with(LINKED)
    tender.entry("BED-M-01").values["percentage_recycled"] = "30"
    tender.entry("BED-G-01").values["percentage_recycled"] = "25"
    found = [f for f in check_tender(tender, lib, TODAY) if f.code == "floor-differs"]
    assert [f.where for f in found] == ["criteria[BED-G-01].values.percentage_recycled"]
    assert "is 25, maar de minimumeis BED-M-01 stelt 30" in found[0].message
    tender.entry("BED-G-01").values["percentage_recycled"] = "30,0"
    assert not [f for f in check_tender(tender, lib, TODAY) if f.code == "floor-differs"]


def test_a_floor_whose_companion_requirement_is_missing_is_an_error(tender):
    lib = _with(LINKED)
    tender.criteria = [c for c in tender.criteria if c.id != "BED-M-01"]
    found = [f for f in check_tender(tender, lib, TODAY) if f.code == "companion-missing"]
    assert [f.where for f in found] == ["criteria[BED-G-01]"] and "BED-M-01" in found[0].message


def test_the_borgingsplan_names_a_boete_only_when_a_chosen_clause_sets_one(tender):
    from tender_assistant.documents.document_set import _numbered, borgingsplan_rows

    lib = _with({}, [PENALTY])
    rows = borgingsplan_rows(tender, _numbered(tender, lib))
    assert not any("boete" in str(r[7]) or "maatregelen uit de overeenkomst" in str(r[7]) for r in rows)
    tender.criteria.append(TenderCriterion("BED-C-09"))
    rows = borgingsplan_rows(tender, _numbered(tender, lib))
    award = next(r for r in rows if r[8] == "BED-G-01")
    assert award[7].endswith("de boete volgens CB3")
    assert not next(r for r in rows if r[8] == "BED-C-09")[7].endswith("CB3")  # the clause does not point at itself
    assert "boete" not in next(r for r in rows if r[8] == "BED-C-01")[7]  # a clause that does not refer to it


def test_the_contract_annex_makes_the_bid_binding_and_lasting_duties_survive(fake_lib, tender):
    from tender_assistant.documents.document_set import CONTRACT

    plan = set_plans(tender, fake_lib, today=TODAY)[CONTRACT]
    body = [("".join(r.text for r in b.runs) if hasattr(b, "runs") else getattr(b, "text", "")) for b in plan.body]
    start = body.index("Inschrijving en nawerking")
    binding, survival = body[start + 1], body[start + 2]
    assert binding.startswith("De inschrijving van de opdrachtnemer maakt deel uit van de overeenkomst.")
    assert "GC1 Aandeel gerecyclede vezels" in binding and "GC2 Plan van aanpak hergebruik" in binding
    assert "blijven daarna van kracht" in survival and "CB1" in survival  # BED-C-01: terugname


def test_leaving_the_documents_out_keeps_every_other_finding(fake_lib, tender):
    """documents="none" (the wizard's weight step) drops only the open gaps of the documents, nothing else."""
    del tender.values["contactpersoon"]
    tender.price_weight = 90  # a weight finding beside the gap
    whole = check_tender(tender, fake_lib, TODAY)
    without = check_tender(tender, fake_lib, TODAY, documents="none")
    assert _gaps(whole) and not _gaps(without)
    assert [f for f in whole if f.code != "document-gap"] == without
    assert any(f.code == "weights-sum" for f in without)


WARRANTY_ALL = criterion("BED-M-05", Kind.REQUIREMENT, 1, "Garantie", "De inschrijver verleent op alle aangeboden "
                         "kleding een garantie van ten minste {{garantie_jaren}} jaar.", placeholders={"garantie_jaren": "5"})
WARRANTY_USED = criterion("BED-M-06", Kind.REQUIREMENT, 1, "Garantie hergebruikte kleding", "Op hergebruikte kleding "
                          "geldt een garantie van ten minste 2 jaar.")


def _warranty_advice(tender, lib):
    return [f for f in check_tender(tender, lib, TODAY) if f.code == "warranty-minimums"]


def test_two_minimum_warranties_for_the_same_items_are_advice_until_one_says_it_holds_instead(tender):
    """K2: 5 years for all furniture beside 3 years for refurbished furniture; which binds for a refurbished chair?"""
    lib = _with({}, [WARRANTY_ALL, WARRANTY_USED])
    tender.criteria += [TenderCriterion("BED-M-05"), TenderCriterion("BED-M-06")]
    found = _warranty_advice(tender, lib)
    assert [(f.severity, f.where) for f in found] == [(Severity.ADVICE, "criteria")]
    assert found[0].message.startswith("BED-M-05 en BED-M-06 stellen elk een andere minimale garantie (5 en 2 jaar)")
    assert found[0].en.startswith("BED-M-05 and BED-M-06 each set a different minimum warranty (5 and 2 years)")
    tender.entry("BED-M-05").values["garantie_jaren"] = "2"  # the same minimum: nothing to choose between
    assert not _warranty_advice(tender, lib)
    tender.entry("BED-M-05").values["garantie_jaren"] = "5"
    tender.entry("BED-M-06").text = ("Op hergebruikte kleding geldt een garantie van ten minste 2 jaar, in plaats van "
                                     "de garantietermijn die een andere eis stelt.")
    assert not _warranty_advice(tender, lib)


def test_two_minimum_warranties_in_different_lots_do_not_meet(tender):
    from tender_assistant.tender_parts import Lot, LotCriterion

    lib = _with({}, [WARRANTY_ALL, WARRANTY_USED])
    tender.criteria += [TenderCriterion("BED-M-05"), TenderCriterion("BED-M-06")]
    tender.lots = [Lot("1", "Nieuw", criteria=[LotCriterion("BED-M-05")]),
                   Lot("2", "Hergebruik", criteria=[LotCriterion("BED-M-05"), LotCriterion("BED-M-06")])]
    assert [f.where for f in _warranty_advice(tender, lib)] == ["lots[2]"]
