"""The document set with a house style whose markers lack a place for a chapter."""

from __future__ import annotations

from datetime import date

import pytest

from tender_assistant.documents.document_set import export_set
from tender_assistant.errors import TemplateError
from tests.unit.tender_assistant.documents.test_markers import make_template

TODAY = date(2026, 11, 25)


def test_a_final_set_names_the_document_and_writes_nothing(tmp_path, fake_lib, tender):
    out = tmp_path / "set"
    out.mkdir()
    with pytest.raises(TemplateError) as caught:
        export_set(tender, fake_lib, out, make_template(tmp_path / "s.docx", None), today=TODAY)
    assert caught.value.where == "aanbestedingsleidraad.docx" and "{{gunningscriteria}}" in caught.value.message
    assert list(out.iterdir()) == []


def test_a_concept_set_says_which_document_has_the_chapter_at_the_end(tmp_path, fake_lib, tender):
    out = tmp_path / "set"
    out.mkdir()
    notes: list[str] = []
    export_set(tender, fake_lib, out, make_template(tmp_path / "s.docx", None), today=TODAY, concept=True,
               notes=notes)
    assert any(n.startswith("aanbestedingsleidraad.docx: ") and "Gunningscriteria" in n for n in notes)


def _evaluate(ws, formula: str) -> float:
    """The value of one of the price form's formulas, as a spreadsheet computes it ('=D2*E2', '=SUM(F2:F16)')."""
    import re

    def cell(ref: str) -> float:
        value = ws[ref].value
        return _evaluate(ws, value) if isinstance(value, str) and value.startswith("=") else float(value or 0)

    body = formula.removeprefix("=")
    if m := re.fullmatch(r"SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)", body):
        return sum(cell(f"{m.group(1)}{r}") for r in range(int(m.group(2)), int(m.group(4)) + 1))
    if m := re.fullmatch(r"([A-Z]+\d+)\*([A-Z]+\d+)", body):
        return cell(m.group(1)) * cell(m.group(2))
    raise AssertionError(f"unexpected formula {formula}")


def test_the_price_form_reads_back_and_its_formulas_give_the_total(tmp_path, fake_lib, tender):
    import openpyxl

    from tender_assistant.documents.document_set import PRICE_COLUMNS, PRICE_TOTAL, PRIJSFORMULIER

    out = tmp_path / "set"
    out.mkdir()
    export_set(tender, fake_lib, out, today=TODAY)
    wb = openpyxl.load_workbook(out / PRIJSFORMULIER)
    ws = wb["Prijsformulier"]
    assert [c.value for c in ws[1]] == PRICE_COLUMNS
    # the buyer's posts and fictitious quantities, the bidder's unit prices
    for row, (quantity, price) in enumerate([(120, 45.5), (30, 12), (4, 250)], start=2):
        ws.cell(row=row, column=4).value, ws.cell(row=row, column=5).value = quantity, price
    total_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=2).value == PRICE_TOTAL)
    assert _evaluate(ws, ws.cell(row=total_row, column=6).value) == 120 * 45.5 + 30 * 12 + 4 * 250
    # only the bidder's column is open in the protected sheet
    assert ws.protection.sheet
    assert not ws["E2"].protection.locked and ws["D2"].protection.locked and ws["F2"].protection.locked
    assert ws.cell(row=total_row, column=6).protection.locked


def test_a_price_form_per_lot(tmp_path, fake_lib):
    import openpyxl

    from tender_assistant.documents.document_set import PRIJSFORMULIER
    from tests.unit.tender_assistant.test_tender_parts import joint_workwear

    tender = joint_workwear()
    out = tmp_path / "set"
    out.mkdir()
    export_set(tender, fake_lib, out, today=TODAY, concept=True)
    names = openpyxl.load_workbook(out / PRIJSFORMULIER).sheetnames
    assert names == [f"Perceel {lot.id}" for lot in tender.lots]


def test_the_leidraad_says_how_the_evaluation_price_is_formed_and_lists_the_price_form(fake_lib, tender):
    from tender_assistant.documents.document_set import LEIDRAAD, set_plans
    from tender_assistant.documents.plan import Heading, Paragraph, Table

    body = set_plans(tender, fake_lib, today=TODAY)[LEIDRAAD].body
    heading = next(i for i, b in enumerate(body) if isinstance(b, Heading) and b.text == "Beoordelingsprijs en "
                   "prijsformulier")
    basis = body[heading + 1]
    assert isinstance(basis, Paragraph) and "het totaal van het prijsformulier (prijsformulier.xlsx)" in \
        basis.runs[0].text and "fictieve hoeveelheid" in basis.runs[0].text
    annex = next(b for b in body if isinstance(b, Table) and b.header == ["Stuk", "Wat het bevat", "Genoemd bij"])
    assert annex.rows[0][0] == "Prijsformulier" and "prijsformulier.xlsx in deze set" in annex.rows[0][1]


def test_a_framework_states_its_maximum_or_leaves_a_gap_for_it(fake_lib, tender):
    from tender_assistant.checks import check_tender
    from tender_assistant.documents.document_set import LEIDRAAD, set_plans
    from tender_assistant.documents.gaps import open_gaps

    tender.framework_agreement = True
    tender.maximum_value_eur = 1_200_000
    body = set_plans(tender, fake_lib, today=TODAY)[LEIDRAAD].body
    texts = ["".join(r.text for r in b.runs) for b in body if hasattr(b, "runs")]
    assert any("raamovereenkomst; de maximale waarde over de hele looptijd, met opties, is € 1.200.000" in t
               for t in texts)
    tender.maximum_value_eur = None
    assert [g.field for g in open_gaps(set_plans(tender, fake_lib, today=TODAY))] == ["maximum_value_eur"]
    assert [f.code for f in check_tender(tender, fake_lib, TODAY) if f.where == "maximum_value_eur"] != []


def test_the_award_sheet_carries_the_leidraads_scale_formula_and_price_rule(tmp_path, fake_lib, tender):
    import openpyxl

    from tender_assistant.documents.award_text import price_rule_text

    out = tmp_path / "set"
    out.mkdir()
    export_set(tender, fake_lib, out, today=TODAY)
    rows = list(openpyxl.load_workbook(out / "eisenlijst.xlsx")["Gunningscriteria"].iter_rows(values_only=True))
    price = rows[1]
    assert price[0] == "Prijs" and price[3] == price_rule_text(tender, []) and price[4] == tender.price_rule
    assert "prijsformulier.xlsx" in price[2]
    g1 = next(r for r in rows if r[7] == "BED-G-01")
    assert "Weging: 30% van de totale score" in g1[3]


def test_eisenlijst_and_borgingsplan_give_the_same_moment_for_the_same_row(fake_lib, tender):
    from tender_assistant.documents.document_set import _numbered, borgingsplan_rows, eisenlijst_rows

    criteria = _numbered(tender, fake_lib)
    questions, award = eisenlijst_rows(tender, criteria)
    plan = {r[8]: r[5] for r in borgingsplan_rows(tender, criteria)}
    asked = {r[7]: r[6] for r in questions} | {r[7]: r[8] for r in award}
    assert asked and all(plan[cid] == moment for cid, moment in asked.items())
    # an award offer binds: it is monitored during the contract, not only scored
    assert all("tijdens de uitvoering" in r[8] or "jaarlijks" in r[8] for r in award)


@pytest.mark.parametrize(("verification", "expected"), [
    ("Productblad van de leverancier.", "upload"),  # no moment named: handed in with the bid
    ("Bij inschrijving: ondertekende terugkoopverklaring. Na afloop: afrekening.", "upload"),
    ("Bij inschrijving: UEA. Voor gunning: referentieverklaring.", "ja/nee"),  # papers of the winner only
    ("Bij inschrijving: per opgeknapt producttype de garantievoorwaarden.", "upload"),
])
def test_answer_type_is_upload_whenever_a_document_is_asked_at_the_bid(verification, expected):
    from tender_assistant.documents.document_set import answer_type

    assert answer_type(verification) == expected


def test_a_contract_clause_asking_a_document_at_the_bid_is_in_the_eisenlijst(fake_lib, tender):
    import dataclasses

    from tender_assistant.documents.document_set import _numbered, eisenlijst_rows
    from tests.unit.tender_assistant.fake_library import FakeLibrary, workwear_criteria

    crits = [dataclasses.replace(c, verification="Bij inschrijving: ondertekende terugkoopverklaring. Na afloop: "
                                 "afrekening.") if c.id == "BED-C-01" else c for c in workwear_criteria()]
    lib = FakeLibrary(crits=crits)
    questions, _ = eisenlijst_rows(tender, _numbered(tender, lib))
    row = next(r for r in questions if r[7] == "BED-C-01")
    assert row[1] == "contractbepaling" and row[4] == "upload" and row[6].startswith("bij inschrijving")
    assert "BED-C-02" not in [r[7] for r in questions]  # asks nothing at the bid


def test_the_workbooks_get_a_lot_column_when_the_tender_has_lots(tmp_path, fake_lib):
    import openpyxl

    from tests.unit.tender_assistant.test_tender_parts import joint_workwear

    tender = joint_workwear()
    out = tmp_path / "set"
    out.mkdir()
    export_set(tender, fake_lib, out, today=TODAY, concept=True)
    for name, sheet in (("eisenlijst.xlsx", "Eisen"), ("eisenlijst.xlsx", "Gunningscriteria"),
                        ("borgingsplan.xlsx", "Borgingsplan")):
        rows = list(openpyxl.load_workbook(out / name)[sheet].iter_rows(values_only=True))
        assert rows[0][-1] == "Perceel" and all(r[-1] for r in rows[1:])
        for r in rows[1:]:
            kenmerk = r[list(rows[0]).index("Kenmerk")]
            lots = [lot.id for lot in tender.lots if kenmerk in lot.criterion_ids()]
            if kenmerk and sheet == "Gunningscriteria":  # a row per lot that scores it
                assert r[-1] in lots
            elif kenmerk:
                assert r[-1] == (", ".join(lots) or "alle")


def test_the_award_sheet_gives_each_lot_its_own_weights_and_price_rule(tmp_path, fake_lib):
    """Found by the exploratory run: the sheet showed the tender-wide weights (price 40 % for 'alle') while the
    leidraad and the invulhulp gave lot 2 a price weight of 50 % with the bandbreedte rule."""
    import openpyxl

    from tests.unit.tender_assistant.test_tender_parts import joint_workwear

    tender = joint_workwear()
    out = tmp_path / "set"
    out.mkdir()
    export_set(tender, fake_lib, out, today=TODAY, concept=True)
    rows = list(openpyxl.load_workbook(out / "eisenlijst.xlsx")["Gunningscriteria"].iter_rows(values_only=True))
    head = list(rows[0])
    weight, kind, lot = head.index("Weging (%)"), head.index("Beoordelingstype"), head.index("Perceel")
    by = {(r[lot], r[head.index("Nr.")]): r for r in rows[1:]}
    assert (by["1", "Prijs"][weight], by["2", "Prijs"][weight]) == (40, 50)
    assert by["2", "Prijs"][kind] == "bandbreedte"
    for lot_ in tender.lots:  # every lot's weights add up to 100 in the sheet, as in the leidraad
        assert sum(int(r[weight]) for r in rows[1:] if r[lot] == lot_.id and r[weight] is not None) == 100


def _paragraphs(path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def test_a_house_style_leidraad_has_no_empty_chapter(tmp_path, fake_lib, tender):
    # Before: "Eisen" was followed directly by "Gunning" (the requirements live in the programma van eisen).
    out = tmp_path / "set"
    out.mkdir()
    import docx

    template = make_template(tmp_path / "s.docx")
    doc = docx.Document(str(template))
    doc.add_paragraph("Procedure", style="Heading 1")
    doc.add_paragraph("{{planning}}")
    doc.save(str(template))
    export_set(tender, fake_lib, out, template, today=TODAY)
    found = _paragraphs(out / "aanbestedingsleidraad.docx")
    eisen, contract = found.index("Eisen"), found.index("Contract")
    assert found[eisen + 1].startswith("De minimumeisen staan in het programma van eisen (programma-van-eisen.docx), "
                                       "genummerd ME1 tot en met ME2.")
    assert found[contract + 1].startswith("De circulaire contractbepalingen staan in de contractbijlage "
                                          "(contractbijlage.docx), genummerd CB1 tot en met CB2")


def test_each_document_of_a_set_gets_its_own_title_and_footer(tmp_path, fake_lib, tender):
    import docx

    from tender_assistant.documents.default_template import MODEL_LEIDRAAD

    out = tmp_path / "set"
    out.mkdir()
    export_set(tender, fake_lib, out, MODEL_LEIDRAAD, today=TODAY, concept=True)
    for name, title in (("aanbestedingsleidraad.docx", "Aanbestedingsleidraad"),
                        ("programma-van-eisen.docx", "Programma van eisen"), ("contractbijlage.docx", "Contractbijlage")):
        doc = docx.Document(str(out / name))
        header = " ".join(p.text for s in doc.sections for p in s.header.paragraphs)
        assert f"Bedrijfskleding buitendienst – {title}" in header and "{{" not in header
        assert any(title.lower() in p.lower() for p in _paragraphs(out / name)[:3])  # the cover
    footer = " ".join(p.text for s in docx.Document(str(out / "contractbijlage.docx")).sections
                      for p in s.footer.paragraphs)
    assert "Gemeente Zaanstad – Contractbijlage" in footer


def test_the_programma_van_eisen_says_it_holds_the_circular_requirements_joined_with_the_specification(fake_lib,
                                                                                                        tender):
    from tender_assistant.checks import check_tender
    from tender_assistant.documents.document_set import PVE, set_plans

    body = set_plans(tender, fake_lib, today=TODAY)[PVE].body
    texts = ["".join(r.text for r in b.runs) for b in body if hasattr(b, "runs")]
    assert any("Het bevat de circulaire eisen" in t for t in texts)
    assert any("functionele specificatie: bijlage 1, Functionele specificatie bedrijfskleding." in t for t in texts)
    del tender.values["functionele_specificatie"]
    gaps = [f for f in check_tender(tender, fake_lib, TODAY) if f.code == "document-gap"]
    assert [g.where for g in gaps] == ["values.functionele_specificatie"]
    assert gaps[0].message.startswith("programma-van-eisen.docx, Inleiding: ")


def test_a_guideline_of_the_buyer_and_a_prijslijst_are_listed_among_the_annexes(fake_lib, tender):
    import dataclasses

    from tender_assistant.documents.plan import buyer_annexes
    from tests.unit.tender_assistant.fake_library import workwear_criteria

    crits = {c.id: c for c in workwear_criteria()}
    c1 = dataclasses.replace(crits["BED-C-01"], clause="Volgens de richtlijnen voor textiel die {{opdrachtgever}} "
                             "hanteert, tegen de tarieven uit de prijslijst.")
    c2 = dataclasses.replace(crits["BED-C-02"], clause="Volgens Richtlijn 2014/24/EU.")  # an EU directive: no annex
    rows = buyer_annexes(tender, [c1, c2], {"BED-C-01": "CB1", "BED-C-02": "CB2"})
    assert [r[0] for r in rows] == ["Prijslijst", "Richtlijnen van de opdrachtgever"]
    assert all(r[2] == "CB1" for r in rows)


def test_every_sheet_cell_wraps_the_header_is_bold_and_only_formula_like_text_is_quoted():
    """The sheets style one cell per kind and copy its style record: a quote prefix must not spread with it."""
    from openpyxl import Workbook

    from tender_assistant.documents.document_set import _sheet

    wb = Workbook()
    ws = _sheet(wb, "Eisen", ["Nr.", "=Vraag"], [["=1+1", "tekst"], ["ME2", "=SUM(A1:A2)"], ["ME3", None]], [7, 30],
                first=True)
    cells = [c for row in ws.iter_rows() for c in row]
    assert all(c.alignment.wrap_text and c.alignment.vertical == "top" for c in cells)
    assert [c.font.bold for c in ws[1]] == [True, True] and ws["A1"].fill.fgColor.rgb == "00D9E2F3"
    assert not any(c.font.bold or c.fill.fill_type for c in cells[2:])
    assert {c.coordinate for c in cells if c.quotePrefix} == {"B1", "A2", "B3"}
    assert all(c.data_type == "s" for c in cells if isinstance(c.value, str))


def test_every_sheet_of_a_concept_sets_workbooks_says_concept_and_a_final_set_does_not(tmp_path, fake_lib, tender):
    """B24: the Word documents of a --concept set said CONCEPT, its four workbooks nowhere (no header, no title)."""
    import openpyxl

    from tender_assistant.documents.document_set import BORGINGSPLAN, EISENLIJST, INVULHULP, PRIJSFORMULIER

    for concept in (True, False):
        out = tmp_path / str(concept)
        out.mkdir()
        export_set(tender, fake_lib, out, today=TODAY, concept=concept)
        for name in (EISENLIJST, BORGINGSPLAN, INVULHULP, PRIJSFORMULIER):
            wb = openpyxl.load_workbook(out / name)
            headers = {ws.title: ws.oddHeader.center.text or "" for ws in wb.worksheets}
            if concept:
                assert all("CONCEPT" in h for h in headers.values()), (name, headers)
                assert (wb.properties.title or "").startswith("CONCEPT"), name
            else:
                assert not any("CONCEPT" in h for h in headers.values()), name
                assert "CONCEPT" not in (wb.properties.title or ""), name


def _fake_pdf(made: list[str]):
    def to_pdf(docx, pdf) -> None:  # LibreOffice's part; what matters here is where and when the PDF is made
        made.append(docx.name)
        pdf.write_bytes(b"%PDF " + docx.read_bytes()[:64])
    return to_pdf


def test_the_pdfs_are_part_of_the_set_and_go_with_the_word_files_they_were_made_from(tmp_path, fake_lib, tender):
    from tender_assistant.documents.document_set import LEIDRAAD, SET_FILES

    out = tmp_path / "set"
    out.mkdir()
    made: list[str] = []
    written = export_set(tender, fake_lib, out, today=TODAY, to_pdf=_fake_pdf(made))
    pdfs = sorted(p.name for p in out.iterdir() if p.suffix == ".pdf")
    assert pdfs == ["aanbestedingsleidraad.pdf", "contractbijlage.pdf", "programma-van-eisen.pdf"]
    assert sorted(made) == sorted(n for n in SET_FILES if n.endswith(".docx"))
    assert (out / "aanbestedingsleidraad.pdf") in written
    # the next set without PDFs: the earlier PDFs would contradict the new Word files under their names, so they
    # are kept under names that say they belong to the previous set (the buyer may have made one, even signed it)
    before = (out / "aanbestedingsleidraad.pdf").read_bytes()
    tender.title = "Bedrijfskleding, tweede ronde"
    notes: list[str] = []
    export_set(tender, fake_lib, out, today=TODAY, notes=notes)
    assert sorted(p.name for p in out.iterdir()) == sorted([*SET_FILES, "aanbestedingsleidraad (vorige set).pdf",
                                                            "contractbijlage (vorige set).pdf",
                                                            "programma-van-eisen (vorige set).pdf"])
    assert (out / "aanbestedingsleidraad (vorige set).pdf").read_bytes() == before
    assert any("(vorige set).pdf" in n and "horen bij de vorige set" in n for n in notes)
    assert (out / LEIDRAAD).exists()


def test_a_pdf_that_cannot_be_made_leaves_the_previous_set_with_its_pdfs(tmp_path, fake_lib, tender):
    from tender_assistant.errors import TenderError

    out = tmp_path / "set"
    out.mkdir()
    export_set(tender, fake_lib, out, today=TODAY, to_pdf=_fake_pdf([]))
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(docx, pdf) -> None:
        raise TenderError(f"LibreOffice kon geen PDF maken van {docx.name}.", en="no PDF")

    tender.title = "Bedrijfskleding, tweede ronde"
    with pytest.raises(TenderError) as caught:
        export_set(tender, fake_lib, out, today=TODAY, to_pdf=broken)
    assert "aanbestedingsleidraad.docx" in caught.value.message
    assert "er is niets gewijzigd" in caught.value.message
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".documentenset")] == []


SURVIVAL = "Verplichtingen die naar hun aard bedoeld zijn om na het einde van de overeenkomst door te lopen"


def test_the_survival_clause_names_the_clauses_that_say_what_holds_after_the_end(library):
    """L2: a keyword list ("terugnameverplichting") named CB4 (route for contaminated clothing) and CB5 (function
    packages), which only refer to the take-back duty, and missed ME5's reserve fournituren "ten minste 24 maanden
    daarna"; CB1 sets the take-back duty itself."""
    from pathlib import Path

    from tender_assistant.documents.document_set import CONTRACT, set_plans
    from tender_assistant.tender import load_tender
    from tests.unit.tender_assistant.documents.test_lot_chapters import texts

    mra = Path(__file__).parents[4] / "docs" / "examples" / "bedrijfskleding-mra.tender.json"
    lines = texts(set_plans(load_tender(mra), library, today=date(2026, 12, 6))[CONTRACT])
    [survival] = [s for s in lines if s.startswith(SURVIVAL)]
    assert "(in deze aanbesteding in elk geval ME5, CB1, CB8 en CB11)." in survival


@pytest.mark.parametrize("clause, lasts", [
    ("Opdrachtnemer houdt reserve-fournituren beschikbaar gedurende de looptijd van 36 maanden en ten minste 24 "
     "maanden daarna.", True),
    ("Deze garantie blijft gelden na het einde van de overeenkomst voor kleding die daarvoor is uitgegeven.", True),
    ("Vervangende batterijen zijn ten minste 5 jaar na levering los te bestellen.", True),
    ("Bij het einde van de overeenkomst kiest Opdrachtgever of de borden blijven staan.", True),
    ("Alle overige teruggenomen kleding en schoeisel vallen onder de terugnameverplichting van de overeenkomst.", False),
    ("Opdrachtnemer stelt binnen 8 weken na de start per functie een kledingpakket vast; ingeleverde kleding valt "
     "onder de terugnameverplichting.", False),
    ("Opdrachtnemer neemt gedurende de looptijd alle ingeleverde kleding terug en haalt die 2 keer per jaar op.", True),
    ("Opdrachtnemer rapporteert uiterlijk 30 dagen na afloop van elk contractjaar.", False),
    ("Het aandeel kledingstukken dat binnen 3 maanden na uitgifte wordt geruild, is ten hoogste 5 procent.", False),
])
def test_what_counts_as_saying_what_holds_after_the_end(clause, lasts):
    from tender_assistant.documents.document_set import SURVIVING_RE

    assert bool(SURVIVING_RE.search(clause)) is lasts


def test_the_annex_list_names_every_stuk_the_documents_themselves_refer_to(fake_lib):
    """FINDINGS3 L3: the conceptovereenkomst and the inkoopvoorwaarden (leidraad 2.7) and the functionele
    specificatie (programma van eisen) were named in the set but missing from its list of annexes; in a joint tender
    the list said the opdrachtgever supplies them, where the documents say the penvoerder acts."""
    from tender_assistant.documents.document_set import set_plans
    from tender_assistant.documents.plan import BUYER_ANNEX_TITLE, Table
    from tests.unit.tender_assistant.test_tender_parts import joint_workwear

    tender = joint_workwear()
    tender.purchase_conditions = "Algemene Inkoopvoorwaarden Gemeente Purmerend 2023"
    tender.values["functionele_specificatie"] = "bijlage 1, Functionele specificatie"
    blocks = set_plans(tender, fake_lib, today=TODAY)["aanbestedingsleidraad.docx"].body
    start = next(i for i, b in enumerate(blocks) if getattr(b, "text", None) == BUYER_ANNEX_TITLE)
    table = next(b for b in blocks[start:] if isinstance(b, Table))
    listed = {row[0]: row[1] for row in table.rows}
    assert "Algemene Inkoopvoorwaarden Gemeente Purmerend 2023" in listed["Inkoopvoorwaarden"]
    assert "contractbijlage.docx" in listed["Conceptovereenkomst"]
    assert "bijlage 1, Functionele specificatie" in listed["Functionele specificatie"]
    assert "de penvoerder vult de posten" in listed["Prijsformulier"]


def test_the_contract_annex_itself_says_what_follows_a_failure_and_how_long_the_repair_term_is(fake_lib):
    """A lawyer's read: the sanctions stood only in borgingsplan.xlsx, which no order of precedence names; the
    hersteltermijn had no length; a requirement checked during the contract could only make 'the bid invalid'."""
    import dataclasses

    from tender_assistant.documents.document_set import CONTRACT, _numbered, borgingsplan_rows, set_plans
    from tender_assistant.documents.plan import Table
    from tests.unit.tender_assistant.test_tender_parts import joint_workwear

    body = set_plans(joint_workwear(), fake_lib, today=TODAY)[CONTRACT].body
    start = next(i for i, b in enumerate(body) if getattr(b, "text", None) == "Borgingsplan")
    table = next(b for b in body[start:] if isinstance(b, Table))
    assert table.header[-1] == "Gevolg bij niet voldoen"
    says = " ".join(r.text for b in body[start:start + 3] for r in getattr(b, "runs", []))
    assert "hersteltermijn noemt, is die termijn 30 kalenderdagen" in says
    rows = {row[0]: row for row in table.rows}
    assert all("ingebrekestelling met een hersteltermijn" in r[-1] for n, r in rows.items() if n.startswith("CB"))
    assert rows["ME1"][-1] == "de inschrijving is ongeldig"  # checked at the bid only
    tender = joint_workwear()
    me1 = next(c for n, c in _numbered(tender, fake_lib) if n == "ME1")
    yearly = dataclasses.replace(me1, verification="Bij inschrijving: een verklaring. Tijdens de uitvoering: een "
                                 "jaarlijks rapport.")
    follows = borgingsplan_rows(tender, [("ME1", yearly)])[0][7]
    assert follows.startswith("bij inschrijving: de inschrijving is ongeldig; na de gunning: ingebrekestelling")
    at_delivery = dataclasses.replace(me1, verification="Bij levering: de contractmanager controleert de etiketten.")
    assert borgingsplan_rows(tender, [("ME1", at_delivery)])[0][7] == follows


def test_a_cap_by_the_value_of_a_contract_year_also_holds_after_the_agreement_ends():
    """The survival clause keeps obligations alive after the end, when no contract year has a value: the cap was 0."""
    from tender_assistant.documents.sanctions import year_value_definition
    from tests.unit.tender_assistant.test_tender_parts import joint_workwear

    assert "na het einde van de overeenkomst doorloopt" in year_value_definition(joint_workwear())
    assert "de opdrachtwaarde van het laatste contractjaar" in year_value_definition(joint_workwear())
