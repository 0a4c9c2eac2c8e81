"""The leidraad of a joint tender with lots: participants, mandate, volume, the defined Opdrachtgever, one term,
and per lot its subject, value, weighting and worked example."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tender_assistant.documents.document_set import CONTRACT, LEIDRAAD, PVE, set_plans
from tender_assistant.documents.plan import DocumentPlan, Heading, Paragraph, Table, build_plan
from tests.unit.tender_assistant.test_tender_parts import MUNICIPALITIES, joint_workwear

TODAY = date(2026, 11, 25)
TERM = "36 maanden, twee keer 12 maanden verlenging, ten hoogste 60 maanden"


def texts(plan: DocumentPlan) -> list[str]:
    """Every heading (marked §), paragraph and table row of the body, in order."""
    out: list[str] = []
    for b in plan.body:
        if isinstance(b, Heading):
            out.append(f"§ {b.number} {b.text}".replace("  ", " "))
        elif isinstance(b, Paragraph):
            out.append("".join(r.text for r in b.runs))
        elif isinstance(b, Table):
            out += [" | ".join(row) for row in b.rows]
    return out


def section(plan: DocumentPlan, title: str) -> list[str]:
    """The texts of one level-2 section, from its heading to the next heading."""
    lines = texts(plan)
    start = next(i for i, s in enumerate(lines) if s.endswith(title))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("§")), len(lines))
    return lines[start:end]


def test_the_leidraad_names_every_participant_the_penvoerder_its_mandate_and_the_volume(fake_lib):
    plan = set_plans(joint_workwear(), fake_lib, today=TODAY)[LEIDRAAD]
    joint = "\n".join(section(plan, "Opdrachtgevers en volume"))
    assert all(name in joint for name in MUNICIPALITIES)
    assert "Gemeente Purmerend is penvoerder" in joint and "1 oktober 2026, kenmerk Mandaatbesluit 2026-118" in joint
    assert "\"Opdrachtgever\" de deelnemer die de overeenkomst met de opdrachtnemer sluit" in joint
    assert "alleen partij bij en aansprakelijk voor zijn eigen overeenkomst" in joint
    assert "Gemeente Purmerend (KvK 12345678) | penvoerder | € 500.000 | 33,3%" in joint  # a stated share
    assert "Gemeente Oostzaan | deelnemer | € 250.000 (gelijk deel) | 16,7%" in joint  # an assumed equal share
    assert "Totaal |  | € 1.500.000 | 100%" in joint


def test_a_joint_tender_never_names_the_penvoerder_as_the_party_for_all(fake_lib):
    plans = set_plans(joint_workwear(), fake_lib, today=TODAY)
    contract = "\n".join(texts(plans[CONTRACT]))
    assert "kleding van Opdrachtgever kosteloos terug" in contract and "Purmerend" not in contract
    assert "hoort bij elke overeenkomst" in contract
    leidraad = "\n".join(texts(plans[LEIDRAAD]))
    assert "Elke overeenkomst heeft een looptijd" in leidraad and "De overeenkomst heeft" not in leidraad


def test_the_term_and_value_are_stated_once_and_the_same_everywhere(fake_lib):
    plans = set_plans(joint_workwear(), fake_lib, today=TODAY)
    leidraad = "\n".join(texts(plans[LEIDRAAD]))
    assert leidraad.count(f"looptijd van {TERM}.") == 1
    assert "De geraamde waarde van de opdracht bedraagt € 1.500.000 exclusief btw, over de maximale looptijd van 60 " \
           "maanden" in leidraad
    every = "\n".join(line for p in plans.values() for line in texts(p))
    # no other statement of the term: every "NN maanden" is part of the one phrase, or the maximum term
    loose = re.sub(re.escape(TERM), "", every)
    assert set(re.findall(r"\b\d+ maanden\b", loose)) == {"60 maanden"}
    assert plans[LEIDRAAD].fields["looptijd"] == TERM


def test_each_lot_has_its_subject_value_weighting_and_worked_example(fake_lib):
    plan = set_plans(joint_workwear(), fake_lib, today=TODAY)[LEIDRAAD]
    lots = section(plan, "Percelen")
    assert "1 | Kleding | 18100000-0 | € 1.200.000" in lots and "2 | Reiniging en herstel | 18100000-0 | € 300.000" in lots
    assert any("Een inschrijver mag op één, meer of alle percelen inschrijven" in s for s in lots)
    one = section(plan, "Perceel 1: Kleding")
    assert one[1:5] == ["Prijs | 40%", "GC1 Aandeel gerecyclede vezels | 25%", "GC2 Plan van aanpak hergebruik | 35%",
                        "Totaal | 100%"]
    assert "Prijs (40%) | 1 x 40 = 40,00 | 0,926 x 40 = 37,04" in one  # scored on the lot's own weights
    two = section(plan, "Perceel 2: Reiniging en herstel")
    assert two[1:4] == ["Prijs | 50%", "GC2 Plan van aanpak hergebruik | 50%", "Totaal | 100%"]
    assert "Rekenvoorbeeld perceel 2" in two and not any("Aandeel gerecyclede" in s for s in two)
    criteria = "\n".join(texts(plan))
    assert "Geldt voor: perceel 1 (35%) en perceel 2 (50%)" in criteria
    assert "Aandeel gerecyclede vezels (30%)" not in criteria  # the tender-wide weight is no lot's weight


def test_lot_rules_state_limits_and_the_order_of_award(fake_lib):
    tender = joint_workwear()
    tender.max_lots_per_bidder, tender.max_lots_awarded_per_bidder, tender.lot_award_order = 2, 1, ["2", "1"]
    lots = " ".join(section(build_plan(tender, fake_lib, today=TODAY), "Percelen"))
    assert "Eén inschrijver krijgt ten hoogste 1 perceel gegund" in lots
    assert "gegund in de volgorde perceel 2 en perceel 1" in lots


def test_the_pve_and_contract_say_which_lot_a_requirement_binds(fake_lib):
    plans = set_plans(joint_workwear(), fake_lib, today=TODAY)
    assert "Geldt voor: perceel 1" in texts(plans[PVE])
    assert "Geldt voor: perceel 2" in texts(plans[CONTRACT])


def test_a_tender_without_lots_or_participants_reads_as_before(fake_lib, tender):
    lines = texts(build_plan(tender, fake_lib, today=TODAY))
    joined = "\n".join(lines)
    assert "De overeenkomst heeft een looptijd van 48 maanden." in lines
    assert "De geraamde waarde van de opdracht bedraagt € 900.000 exclusief btw, over de hele looptijd." in lines
    assert "Gemeente Zaanstad besteedt deze opdracht aan via een Europese openbare procedure." in joined
    assert not re.search(r"Perceel|Geldt voor|Opdrachtgevers|penvoerder|Opdrachtgever\b", joined)
    assert "§ 4.3 Rekenvoorbeeld" in lines and "Aandeel gerecyclede vezels (30%)" in joined


def test_the_supplier_sheet_runs_over_the_maximum_term(tmp_path, fake_lib):
    from openpyxl import load_workbook

    from tender_assistant.documents.document_set import BORGINGSPLAN, SUPPLIER_SHEET, export_set

    export_set(joint_workwear(), fake_lib, tmp_path, today=TODAY)
    ws = load_workbook(tmp_path / BORGINGSPLAN)[SUPPLIER_SHEET]
    assert {row[3] for row in ws.iter_rows(min_row=2, values_only=True)} == {1, 2, 3, 4, 5}  # 60 months, not 36


def test_the_scoring_method_rounding_and_tie_rule_stand_before_the_lots_not_inside_lot_1(fake_lib):
    """B11: the rules every lot shares were printed only inside "Perceel 1", so lot 2 had no tie rule."""
    lines = texts(set_plans(joint_workwear(), fake_lib, today=TODAY)[LEIDRAAD])
    first_lot = lines.index(next(s for s in lines if s.endswith("Perceel 1: Kleding")))
    shared = [i for i, s in enumerate(lines) if s.startswith(("Afronding en gelijke scores", "Elke inschrijving krijgt"))]
    assert len(shared) == 2 and all(i < first_lot for i in shared)
    assert "voor elk perceel" in next(s for s in lines if s.startswith("Elk perceel wordt gegund"))


def test_a_tender_with_lots_has_one_agreement_per_lot_not_the_agreement(fake_lib):
    """K4 / B9: with two lots the leidraad said "De overeenkomst heeft een looptijd" and "De overeenkomst wordt
    gesloten op basis van de conceptovereenkomst", as if both lots made one agreement."""
    from dataclasses import replace

    for tender in (replace(joint_workwear(), participants=[], organisation="Gemeente Zaanstad"), joint_workwear()):
        lines = texts(set_plans(tender, fake_lib, today=TODAY)[LEIDRAAD])
        joined = "\n".join(lines)
        assert f"Elke overeenkomst heeft een looptijd van {TERM}." in lines
        assert any(s.startswith("Per perceel") and "een eigen overeenkomst" in s or "Per perceel wordt een "
                   "overeenkomst gesloten met de inschrijver aan wie dat perceel is gegund" in s for s in lines)
        assert "Elke overeenkomst wordt gesloten op basis van de conceptovereenkomst" in joined
        assert "Op elke overeenkomst zijn van toepassing" in joined
        assert "Ingangsdatum van de overeenkomsten" in joined
        assert not re.search(r"\b[Dd]e overeenkomst (heeft|wordt gesloten|niet)\b|\bOp de overeenkomst\b", joined)
    alone = texts(set_plans(replace(joint_workwear(), participants=[]), fake_lib, today=TODAY)[LEIDRAAD])
    assert "Binnen die termijn sluit de opdrachtgever geen overeenkomst." in "\n".join(alone)


def test_a_framework_maximum_covers_all_agreements_and_lots_together(fake_lib):
    """B10: "De overeenkomsten zijn raamovereenkomsten met een maximale waarde van EUR 1.800.000" read as a maximum
    per agreement (five participants, two lots: nine million in all)."""
    from dataclasses import replace

    lines = texts(set_plans(joint_workwear(), fake_lib, today=TODAY)[LEIDRAAD])
    assert ("De overeenkomsten zijn raamovereenkomsten met een maximale waarde van € 1.800.000 exclusief btw voor alle "
            "overeenkomsten en percelen samen; daarboven wordt niets afgenomen.") in lines
    assert ("Dit zijn raamovereenkomsten; de maximale waarde over de hele looptijd, met opties, is € 1.800.000 "
            "exclusief btw voor alle overeenkomsten en percelen samen. Daarboven wordt niet afgenomen.") in lines
    alone = texts(set_plans(replace(joint_workwear(), participants=[], lots=[]), fake_lib, today=TODAY)[LEIDRAAD])
    assert ("De overeenkomst is een raamovereenkomst met een maximale waarde van € 1.800.000 exclusief btw; daarboven "
            "wordt niets afgenomen.") in alone


def test_the_supplier_sheet_has_rows_for_every_participant_not_only_the_penvoerder(tmp_path, fake_lib):
    """B18: the joint tender's 'Leveranciersgegevens' named only Gemeente Purmerend as Opdrachtgever, so each
    participant's own figures could not be told apart."""
    from openpyxl import load_workbook

    from tender_assistant.documents.document_set import BORGINGSPLAN, SUPPLIER_SHEET, export_set

    export_set(joint_workwear(), fake_lib, tmp_path, today=TODAY)
    rows = list(load_workbook(tmp_path / BORGINGSPLAN)[SUPPLIER_SHEET].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in rows[::20]] == MUNICIPALITIES  # per participant: 5 years x 4 indicators
    assert all({row[3] for row in rows if row[1] == name} == {1, 2, 3, 4, 5} for name in MUNICIPALITIES)


@pytest.mark.parametrize("participants, lots, count", [(True, True, 10), (True, False, 5), (False, True, 2)])
def test_the_number_of_agreements_is_stated_once_from_the_participants_and_lots(fake_lib, participants, lots, count):
    """L4: leidraad 1.2/1.3 said each participant signs its own agreement per lot (10), 2.7 "Per perceel wordt een
    overeenkomst gesloten" (2)."""
    from dataclasses import replace

    tender = joint_workwear()
    if not participants:
        tender = replace(tender, participants=[], organisation="Gemeente Zaanstad")
    if not lots:
        tender = replace(tender, lots=[])
    lines = texts(set_plans(tender, fake_lib, today=TODAY)[LEIDRAAD])
    counting = [s for s in lines if re.search(r"Per perceel (?:sluit|wordt)|sluit (?:na de gunning )?een eigen "
                                              r"overeenkomst", s)]
    assert len(counting) == 1 and counting[0].endswith(f" {count} overeenkomsten.")  # one home for the number


def test_every_lots_cpv_code_is_in_the_cover_and_the_tenders_cpv_list(library):
    """L6: lot 2's 98310000-9 stood in the lots table (1.4) but not on the three covers nor in 1.2's CPV list."""
    from pathlib import Path

    from tender_assistant.tender import load_tender

    tender = load_tender(Path(__file__).parents[4] / "docs" / "examples" / "bedrijfskleding-mra.tender.json")
    lot_codes = {code for lot in tender.lots for code in lot.cpv}
    assert len(lot_codes) == 2
    for name, plan in set_plans(tender, library, today=TODAY).items():
        cover = next(b for b in plan.cover if isinstance(b, Table))
        listed = dict((row[0], row[1]) for row in cover.rows)["CPV-codes"]
        assert all(code in listed for code in lot_codes), name
        assert "98310000-9 Wasserij- en stomerijdiensten (perceel 2)" in listed
    line = next(s for s in texts(set_plans(tender, library, today=TODAY)[LEIDRAAD]) if s.startswith("CPV-codes: "))
    assert all(code in line for code in lot_codes)
