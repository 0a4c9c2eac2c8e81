"""The award chapter: price rule, 'punten x weging', each criterion's scoring, a worked example computed by the core."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from criteria_library.infra.text import points as pts
from criteria_library.models import DiscountScoring, Kind, PointsScoring, RelativeScoring, ScoreLevel
from tender_assistant.documents.plan import Heading, Paragraph, Table, build_plan
from tender_assistant.scoring import example_bids, score_bids, setup_for
from tender_assistant.tender import Tender, TenderCriterion
from tests.unit.tender_assistant.fake_library import FakeLibrary, criterion, packages

TODAY = date(2026, 11, 25)
CRITERIA = [
    criterion("BED-G-01", Kind.AWARD, 1, "Plan van aanpak hergebruik", "Beschrijf uw plan.", weight_min=10,
              weight_max=40, scoring=PointsScoring(10, (ScoreLevel(10, "Uitstekend plan"), ScoreLevel(0, "Geen plan"))),
              scoring_text="De commissie let op haalbaarheid."),
    criterion("BED-G-02", Kind.AWARD, 1, "Gerecyclede vezels", "Bied een aandeel aan.", weight_min=10, weight_max=40,
              scoring=RelativeScoring("hoger", 20)),
    criterion("BED-G-03", Kind.AWARD, 1, "Extra garantie", "Bied extra garantie.",
              scoring=DiscountScoring(2, 10, "jaar")),
]


def plan_text(tender: Tender) -> tuple[str, list[Table], list[str]]:
    plan = build_plan(tender, FakeLibrary(packages(), CRITERIA), TODAY)
    paragraphs = ["".join(r.text for r in b.runs) for b in plan.body if isinstance(b, Paragraph)]
    headings = [f"{b.number} {b.text}" for b in plan.body if isinstance(b, Heading)]
    return "\n".join(paragraphs), [b for b in plan.body if isinstance(b, Table)], headings


@pytest.fixture
def tender() -> Tender:
    return Tender(title="Bedrijfskleding", organisation="Gemeente Delft", package="bedrijfskleding", price_weight=40,
                  criteria=[TenderCriterion("BED-G-01", 30), TenderCriterion("BED-G-02", 30),
                            TenderCriterion("BED-G-03")])


def test_states_price_rule_punten_x_weging_and_each_scoring(tender):
    text, tables, headings = plan_text(tender)
    assert "punten x weging" in text
    assert "Prijsscore = laagste beoordelingsprijs / beoordelingsprijs van de inschrijving" in text
    assert "kent 0 tot 10 punten toe volgens de schaal hieronder" in text and "score x 30" in text
    assert "Score = (aanbieding − 20) / (hoogste aanbieding − 20)" in text
    assert "per aangeboden jaar wordt de beoordelingsprijs met 2% verlaagd, tot ten hoogste 10%" in text
    assert "Toelichting: De commissie let op haalbaarheid." in text
    weights = tables[0]
    assert weights.rows[-1] == ["Totaal", "100%"] and all("Extra garantie" not in r[0] for r in weights.rows)
    assert "4.3 Extra garantie" in headings and "4.3 Extra garantie (0%)" not in " ".join(headings)
    assert ["10", "Uitstekend plan"] in next(t for t in tables if t.header == ["Punten", "Omschrijving"]).rows


def test_lineair_and_fixed_budget_are_stated(tender):
    tender.price_rule = "lineair"
    assert "de hoogste nul" in plan_text(tender)[0]
    tender.price_weight, tender.fixed_budget_eur = 0, 250_000.0
    tender.entry("BED-G-01").weight, tender.entry("BED-G-02").weight = 40, 60
    assert "Vaste prijs: de opdrachtgever stelt de prijs vast op € 250.000" in plan_text(tender)[0]


def test_worked_example_is_computed_by_the_scoring_core(tender):
    text, tables, headings = plan_text(tender)
    assert "4.4 Rekenvoorbeeld" in headings
    example = next(t for t in tables if t.header[0] == "Onderdeel" and len(t.header) == 3)
    setup = setup_for(tender, CRITERIA)
    ranked = {b.bidder: b for b in score_bids(setup, example_bids(setup, 100_000))}
    assert example.rows[-1] == ["Totaalscore", pts(ranked["Inschrijver A"].total), pts(ranked["Inschrijver B"].total)]
    assert any(r[0].startswith("Fictieve korting 4.3") for r in example.rows)
    assert any(r[0] == "Beoordelingsprijs" for r in example.rows)
    assert "heeft de hoogste totaalscore" in text


def test_relative_scoring_with_floor_0_reads_as_a_plain_ratio(tender):
    zero = [CRITERIA[0], criterion("BED-G-02", Kind.AWARD, 1, "Gerecyclede vezels", "Bied een aandeel aan.",
                                   weight_min=10, weight_max=40, scoring=RelativeScoring("hoger", 0)), CRITERIA[2]]
    plan = build_plan(tender, FakeLibrary(packages(), zero), TODAY)
    text = "\n".join("".join(r.text for r in b.runs) for b in plan.body if isinstance(b, Paragraph))
    assert "Score = aanbieding / hoogste aanbieding" in text and "− 0)" not in text


@pytest.mark.parametrize("rule, words", [("kwaliteit-loting", "de hoogste kwaliteitsscore"),
                                          ("prijs-loting", "de laagste beoordelingsprijs gaat voor"),
                                          ("loting", "loting in aanwezigheid van een notaris beslist")])
def test_rounding_and_the_tie_rule_are_written_as_the_simulator_applies_them(tender, rule, words):
    tender.tie_rule = rule
    text = plan_text(tender)[0]
    assert "afgerond op twee decimalen" in text and words in text
    assert "de regel voor gelijke scores in deze leidraad" not in text  # no pointer to a rule that is not written


def test_bandbreedte_is_stated_with_its_percentage(tender):
    tender.price_rule, tender.price_band_percent = "bandbreedte", 25.0
    assert "een beoordelingsprijs die 25% of meer boven de laagste ligt, krijgt 0" in plan_text(tender)[0]


def test_the_worked_example_offers_only_points_on_the_published_scale(tender):
    five = PointsScoring(10, tuple(ScoreLevel(p, f"{p} punten") for p in (10, 7, 4, 1, 0)))
    criteria = [criterion("BED-G-01", Kind.AWARD, 1, "Plan", "Plan.", scoring=five), *CRITERIA[1:]]
    plan = build_plan(tender, FakeLibrary(packages(), criteria), TODAY)
    example = [b for b in plan.body if isinstance(b, Table) and b.header[0] == "Onderdeel" and len(b.header) == 3][0]
    row = next(r for r in example.rows if r[0].startswith("4.1"))
    assert row[1].startswith("4 van 10 punten") and row[2].startswith("7 van 10 punten")  # was "8 van 10"


def _docx_text(path) -> str:
    """Every paragraph and table cell of a Word file, as a reader sees it (no-break spaces as spaces)."""
    from docx import Document

    doc = Document(str(path))
    cells = [" | ".join(c.text for c in row.cells) for table in doc.tables for row in table.rows]
    return "\n".join([p.text for p in doc.paragraphs] + cells).replace("\u00a0", " ")


def test_gww_g_01_in_an_exported_set_values_the_mki_in_euros_with_the_buyers_factor(tmp_path, library):
    """Issue 21: the MKI as Rijkswaterstaat and PIANOo value it; the buyer's factor 3 (not the default 2) reaches the
    rule, the worked example (whose circular bid hits the cap) and the evaluation prices."""
    from tender_assistant.documents.document_set import export_set

    tender = Tender(title="Reconstructie N201", organisation="Provincie Noord-Holland", package="gww",
                    price_weight=60, criteria=[
                        TenderCriterion("GWW-C-20"), TenderCriterion("GWW-G-01", values={"mki_waarderingsfactor": "3"}),
                        TenderCriterion("GWW-G-03", 15), TenderCriterion("GWW-G-04", 15), TenderCriterion("GWW-G-05", 10)])
    export_set(tender, library, tmp_path, today=TODAY, concept=True)
    text = _docx_text(tmp_path / "aanbestedingsleidraad.docx")
    assert "waarderingsfactor van 3 euro per euro MKI" in text and "400.000 euro" in text
    assert ("korting = (plafond € 400.000 − aangeboden waarde) x 3,00 euro per euro MKI, tot ten hoogste € 240.000"
            in text)
    assert "Eerst gaan de kortingen in procenten van de inschrijvingsprijs af" in text
    assert "anderhalf maal het verschil tussen de fictieve korting" in text and "Borging van aangeboden prestaties" in text
    # worked example: price 10 x the cap; A offers 380.000 (60.000 off), B 300.000 (300.000, capped at 240.000)
    assert "aanbieding € 380.000: (400.000 − 380.000) x 3,00 = € 60.000 |" in text
    assert "aanbieding € 300.000: (400.000 − 300.000) x 3,00 = € 240.000 (begrensd; zonder maximum € 300.000)" in text
    assert "€ 2.400.000 − € 60.000 = € 2.340.000 | € 2.592.000 − € 240.000 = € 2.352.000" in text
    assert "Borging van aangeboden prestaties" in _docx_text(tmp_path / "contractbijlage.docx")
    # the price form gives the inschrijvingsprijs; the beoordelingsprijs is that minus the korting (it said the form's
    # total was the beoordelingsprijs, which the MKI korting above contradicts)
    assert "De inschrijvingsprijs, waarvan de beoordelingsprijs uitgaat, is het totaal van het prijsformulier" in text
    from openpyxl import load_workbook

    form = load_workbook(tmp_path / "prijsformulier.xlsx").worksheets[0]
    labels = {cell.value for row in form.iter_rows() for cell in row}
    assert "Inschrijvingsprijs (totaal)" in labels and "Beoordelingsprijs (totaal)" not in labels


EXAMPLES = sorted((Path(__file__).parents[4] / "docs" / "examples").glob("*.tender.json"))
CONDITIONAL = re.compile(r"\((?:als die er zijn|indien van toepassing|voor zover van toepassing)\)", re.I)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_the_documents_say_which_discounts_lower_the_price_and_leave_no_conditional_text(library, path):
    """L9: "verminderd met de fictieve kortingen hieronder (als die er zijn)" in a leidraad that has none."""
    from tender_assistant.documents.document_set import set_plans
    from tender_assistant.tender import load_tender
    from tests.unit.tender_assistant.documents.test_lot_chapters import texts

    plans = set_plans(load_tender(path), library, today=date(2026, 12, 6))
    lines = [s for plan in plans.values() for s in texts(plan)]
    assert [s for s in lines if CONDITIONAL.search(s)] == []
    price = [s for s in lines if "De beoordelingsprijs is de totale inschrijvingsprijs" in s]
    assert price
    ending = {"bedrijfskleding-mra.tender.json": "over de hele looptijd.",  # no fictieve korting
              "kantoormeubilair-provincie.tender.json": "verminderd met de fictieve korting van GC3 Garantie langer "
                                                        "dan de minimumeis.",
              "verkeersborden-haarlemmermeer.tender.json": "verminderd met de fictieve korting van GC5 Langere "
                                                           "garantie op de retroreflectie (fictieve korting)."}
    assert all(s.endswith(ending[path.name]) for s in price)
