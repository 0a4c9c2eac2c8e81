"""tenderned-invulhulp.xlsx: per lot, the eForms fields a buyer types into TenderNed, read back as a buyer opens it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tender_assistant.documents.award_text import price_rule_text
from tender_assistant.documents.document_set import INVULHULP, SET_FILES, export_set
from tender_assistant.documents.invulhulp import CODE_LISTS, CODES_FILE, COLUMNS, SHEET
from tender_assistant.tender_parts import LotCriterion
from tests.unit.tender_assistant.test_tender_parts import joint_workwear

TODAY = date(2026, 11, 25)
SDK_LISTS = Path("/work/shared/data/eforms/codelists")


def exported(tmp_path, fake_lib, tender) -> dict[str, list[list[object]]]:
    """Export the set and read the invulhulp back: the rows of each lot by lot id (header checked)."""
    export_set(tender, fake_lib, tmp_path, today=TODAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(SET_FILES)
    ws = load_workbook(tmp_path / INVULHULP)[SHEET]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0] == COLUMNS
    by_lot: dict[str, list[list[object]]] = {}
    for row in rows[1:]:
        by_lot.setdefault(str(row[0]), []).append(row)
    return by_lot


def field(rows: list[list[object]], part: str, bt: str) -> list[object]:
    """The one row of a part (e.g. 'Gunningscriterium GC2') for a BT."""
    found = [r for r in rows if r[1] == part and r[2] == bt]
    assert len(found) == 1, (part, bt, found)
    return found[0]


def test_two_lots_carry_their_own_fields_in_eforms_codes(tmp_path, fake_lib):
    lots = exported(tmp_path, fake_lib, joint_workwear())
    one, two = lots["1"], lots["2"]
    assert field(one, "Perceel", "BT-137")[6] == "LOT-0001" and field(two, "Perceel", "BT-21")[6] == "Reiniging en herstel"
    assert field(one, "Perceel", "BT-23")[4:6] == ["supplies", "Leveringen"]
    assert field(one, "Perceel", "BT-262")[6] == "18100000-0"
    assert field(one, "Perceel", "BT-27")[6] == 1_200_000 and field(two, "Perceel", "BT-27")[6] == 300_000
    assert field(two, "Looptijd", "BT-36")[6] == 36
    assert field(two, "Looptijd", "BT-54")[6].startswith(
        "36 maanden, twee keer 12 maanden verlenging, ten hoogste 60 maanden. Elke Opdrachtgever")
    # award criteria: price and quality, with the lot's own weights
    assert field(one, "Gunningscriterium prijs", "BT-539")[4:6] == ["price", "Prijs"]
    assert field(one, "Gunningscriterium prijs", "BT-541")[6] == 40 and field(two, "Gunningscriterium prijs",
                                                                             "BT-541")[6] == 50
    assert field(one, "Gunningscriterium GC2", "BT-539")[4:6] == ["quality", "Kwaliteit"]
    assert field(one, "Gunningscriterium GC2", "BT-5421")[4:6] == ["per-exa", "Gewicht (percentage, exact)"]
    assert field(one, "Gunningscriterium GC2", "BT-541")[6] == 35 and field(two, "Gunningscriterium GC2",
                                                                           "BT-541")[6] == 50
    assert field(two, "Gunningscriterium GC2", "BT-734")[6] == "GC2 Plan van aanpak hergebruik"
    # the price rule as the leidraad states it for this lot (bandbreedte)
    assert field(two, "Gunningscriterium prijs", "BT-540")[6] == price_rule_text(joint_workwear().for_lot("2"), [])
    assert not [r for r in two if r[1] == "Gunningscriterium GC1"]  # lot 2 does not use GC1
    # strategic and green procurement
    assert field(one, "Strategische aanbesteding", "BT-06")[4:6] == ["env-imp", "Vermindering van milieueffecten"]
    assert "GC1 Aandeel gerecyclede vezels (R8 Recyclen)" in field(one, "Strategische aanbesteding", "BT-777")[6]
    assert field(two, "Strategische aanbesteding", "BT-774")[4:6] == ["circ-econ",
                                                                      "De transitie naar een circulaire economie"]
    assert field(two, "Strategische aanbesteding", "BT-805")[4] == "other"  # no source type: from the source text
    assert lots["alle"][0][2:] == ["BT-27", "Geraamde waarde van de procedure (excl. btw)", None, None, 1_500_000,
                                   "alle percelen samen, over de maximale looptijd, verlengingen inbegrepen "
                                   "(art. 2.17 Aw)"]
    assert field(lots["alle"], "Procedure", "BT-271")[6] == 1_800_000


def test_a_lot_that_does_not_count_as_circular_gets_no_green_code(tmp_path, fake_lib):
    tender = joint_workwear()
    tender.lots[1].criteria = [LotCriterion("BED-G-02", 3)]  # under the counting rule's 5% line
    tender.lots[1].price_weight = 97
    two = exported(tmp_path, fake_lib, tender)["2"]
    green = field(two, "Strategische aanbesteding", "BT-774")
    assert green[4] is None and "telt niet als circulair" in green[7]
    assert field(exported(tmp_path, fake_lib, joint_workwear())["1"], "Strategische aanbesteding", "BT-774")[4] == \
        "circ-econ"


def test_every_code_written_is_in_its_eforms_code_list(tmp_path, fake_lib, tender):
    lists = json.loads(CODES_FILE.read_text(encoding="utf-8"))["lists"]
    lots = exported(tmp_path, fake_lib, tender)
    assert list(lots) == ["alle", "1"]  # a tender without lots is the one lot "1"
    for row in lots["1"]:
        if row[4]:
            assert lists[CODE_LISTS[row[2]]]["codes"][row[4]]["nl"] == row[5]
    sources = load_workbook(tmp_path / INVULHULP)["Codelijsten"]
    assert any("eForms SDK 1.15.1" in str(c.value) for r in sources.iter_rows() for c in r)


@pytest.mark.skipif(not SDK_LISTS.is_dir(), reason="the eForms SDK code lists are not on this machine")
def test_the_shipped_codes_and_labels_are_those_of_the_sdk():
    shipped = json.loads(CODES_FILE.read_text(encoding="utf-8"))["lists"]
    for name, info in shipped.items():
        path = SDK_LISTS / f"{name}.gc"
        if not path.exists():  # number-weight: not among the shared lists, checked by its codes above
            continue
        root = ET.parse(path).getroot()
        assert root.findtext("Identification/Version") == info["version"]
        sdk = {}
        for row in root.iter("Row"):
            values = {v.get("ColumnRef"): v.findtext("SimpleValue") for v in row.findall("Value")}
            sdk[values["code"]] = {"en": values["eng_label"], "nl": values["nld_label"]}
        assert info["codes"] == sdk


def test_bt805_is_one_code_from_the_source_types_of_the_lots_circular_criteria(tmp_path, fake_lib):
    from dataclasses import replace

    for cid, kinds in (("BED-G-02", ["eu-gpp", "norm"]), ("BED-C-01", ["nationaal"])):
        fake_lib._criteria[cid] = replace(fake_lib._criteria[cid], source_type=kinds)
    two = exported(tmp_path, fake_lib, joint_workwear())["2"]
    codes = [r[4] for r in two if r[2] == "BT-805"]
    assert codes == ["eu"]  # one code per lot, eu before national (the SDK does not repeat the field)


def test_each_lot_is_described_as_itself_not_as_the_whole_tender(tmp_path, fake_lib):
    """BT-24 of lot 2 'Reiniging en herstel' was the tender's description of the whole (finding B16)."""
    tender = joint_workwear()
    tender.description = "Bedrijfskleding en werkkleding voor vijf gemeenten, met reiniging en herstel."
    own = tender.lot("1")
    assert own is not None
    own.description = "Levering van bedrijfskleding met logo's."
    lots = exported(tmp_path, fake_lib, tender)
    assert field(lots["1"], "Perceel", "BT-24")[6] == "Levering van bedrijfskleding met logo's."
    assert field(lots["2"], "Perceel", "BT-24")[6] == "Reiniging en herstel"


def test_a_joint_framework_names_every_buyer_its_lead_and_the_framework_per_lot(tmp_path, fake_lib):
    tender = joint_workwear()
    lots = exported(tmp_path, fake_lib, tender)
    buyers = [r for r in lots["alle"] if str(r[1]).startswith("Aanbestedende dienst")]
    names = [r[6] for r in buyers if r[2] == "BT-500"]
    assert names == [p.name for p in tender.participants]
    leads = {r[1]: r[6] for r in buyers if r[2] == "OPP-050"}
    lead_no = next(i for i, p in enumerate(tender.participants, start=1) if p.role == "penvoerder")
    assert leads.pop(f"Aanbestedende dienst {lead_no}") == "ja" and set(leads.values()) == {"nee"}
    for lot in ("1", "2"):
        assert "fa-wo-rc" in field(lots[lot], "Looptijd", "BT-765")[6]
