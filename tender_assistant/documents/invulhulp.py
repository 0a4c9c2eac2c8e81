"""tenderned-invulhulp.xlsx: per lot, what the buyer types into TenderNed or Negometrix/Mercell, in eForms terms.

Each row is one eForms field (BT-...) with the code and its Dutch label from the official eForms code lists
(tender_assistant/data/eforms-codes.json: the few lists needed, from eForms SDK 1.15.1, CC BY 4.0; docs/eforms.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from criteria_library.models import Criterion, DiscountScoring, Kind, r_strategy_label

from .. import thresholds
from ..clauses import fill_clause
from ..contract_term import tender_term
from ..library import Library
from ..monitoring.report import MONEY_FORMAT
from ..monitoring.rule import CIRCULAR_RUNGS, gpp_code, gpp_codes
from ..monitoring.tender_count import count_tender
from ..output import write_output
from ..scoring import with_tender_values
from ..tender import Tender
from .award_text import discount_names, euro_discount_rule, price_rule_text
from .lot_chapters import term_and_volume_note

CODES_FILE = Path(__file__).resolve().parent.parent / "data" / "eforms-codes.json"
SHEET = "Invulhulp"
COLUMNS = ["Perceel", "Onderdeel", "BT", "Veld", "Code", "Betekenis (eForms-codelijst)", "In te vullen", "Toelichting"]
GAP = "[in te vullen]"
AMOUNT_FIELDS = {"BT-27", "BT-271"}


@dataclass
class Row:
    """One field of the notice: where it belongs, its BT, the code (with its label) or the value to type."""

    lot: str
    part: str
    bt: str
    field: str
    code: str = ""
    value: Any = ""
    note: str = ""

    def cells(self) -> list[Any]:
        """The row as the workbook writes it."""
        return [self.lot, self.part, self.bt, self.field, self.code, label(self.bt, self.code) if self.code else "",
                self.value, self.note]


# Which code list each coded field takes its codes from.
CODE_LISTS = {"BT-539": "award-criterion-type", "BT-5421": "number-weight", "BT-23": "contract-nature",
              "BT-06": "strategic-procurement", "BT-774": "environmental-impact", "BT-805": "gpp-criteria"}


@cache
def code_lists() -> dict[str, Any]:
    """The shipped eForms code lists: source, SDK version and per list its version and codes (English, Dutch)."""
    data: dict[str, Any] = json.loads(CODES_FILE.read_text(encoding="utf-8"))
    return data


def label(bt: str, code: str) -> str:
    """The Dutch label of a code in the list its field uses; KeyError for a code not in that list."""
    return str(code_lists()["lists"][CODE_LISTS[bt]]["codes"][code]["nl"])


def contract_nature(tender: Tender, cpv: list[str]) -> str:
    """BT-23: the tender's main object, else what the lot's first CPV code says."""
    return thresholds.contract_nature(tender.main_object, cpv)


def invulhulp_rows(tender: Tender, numbered: list[tuple[str, Criterion]]) -> list[Row]:
    """Every row of the invulhulp: the procedure's own fields, then each lot's."""
    rows: list[Row] = []
    total = tender.total_value_eur()
    rows.append(Row("alle", "Procedure", "BT-27", "Geraamde waarde van de procedure (excl. btw)",
                    value=total if total is not None else GAP,
                    note="alle percelen samen, over de maximale looptijd, verlengingen inbegrepen (art. 2.17 Aw)"))
    rows += _buyer_rows(tender)
    several = len(tender.lots) > 1
    if tender.framework_agreement and several:
        rows.append(Row("alle", "Procedure", "BT-271", "Maximale waarde van de raamovereenkomsten (excl. btw)",
                        value=tender.maximum_value_eur if tender.maximum_value_eur is not None else GAP,
                        note="voor alle percelen samen (BT-271-Procedure)"))
    for lot in tender.effective_lots():
        view = tender.for_lot(lot.id)
        lot_ids = set(lot.criterion_ids())
        own = [(n, c) for n, c in numbered if c.id in lot_ids]
        rows += _lot_rows(tender, view, lot.id, lot.title or tender.title, own, single=not several)
    return rows


def _buyer_rows(tender: Tender) -> list[Row]:
    """A joint tender: each contracting authority as a buyer of the notice, the penvoerder as the group's lead."""
    if not tender.is_joint():
        return []
    rows: list[Row] = []
    mandate = f" (mandaat van {tender.mandate_date:%d-%m-%Y})" if tender.mandate_date else ""
    for i, p in enumerate(tender.participants, start=1):
        part = f"Aanbestedende dienst {i}"
        lead = p.role == "penvoerder"
        rows += [Row("alle", part, "BT-500", "Naam van de organisatie", value=p.name),
                 Row("alle", part, "BT-501", "Identificatienummer (KvK of OIN)", value=p.identifier or GAP),
                 Row("alle", part, "OPP-050", "Leider van de groep aanbestedende diensten",
                     value="ja" if lead else "nee",
                     note=(f"de penvoerder voert de procedure namens de andere deelnemers{mandate}" if lead else
                           "neemt deel; sluit zelf een overeenkomst"))]
    return rows


def _lot_rows(tender: Tender, view: Tender, lot_id: str, title: str, own: list[tuple[str, Criterion]],
              single: bool) -> list[Row]:
    name = f"LOT-{int(lot_id):04d}" if lot_id.isdigit() else lot_id
    rows = [Row(lot_id, "Perceel", "BT-137", "Perceelnummer", value=name, note=f"perceel {lot_id} in de leidraad"),
            Row(lot_id, "Perceel", "BT-21", "Titel", value=title)]
    lot = tender.lot(lot_id)
    own_description = lot.description.strip() if lot is not None else ""
    if single or own_description:
        if view.description.strip():
            rows.append(Row(lot_id, "Perceel", "BT-24", "Beschrijving", value=view.description.strip()))
    else:  # the tender's description would describe every lot as the whole: the lot's own subject instead
        rows.append(Row(lot_id, "Perceel", "BT-24", "Beschrijving", value=title,
                        note="de titel van het perceel; een eigen beschrijving mag uitgebreider"))
    nature = contract_nature(tender, view.cpv)
    rows.append(Row(lot_id, "Perceel", "BT-23", "Voornaamste aard van de opdracht", code=nature,
                    value="" if nature else GAP))
    for i, cpv in enumerate(view.cpv):
        rows.append(Row(lot_id, "Perceel", "BT-262" if i == 0 else "BT-263",
                        "Hoofd-CPV-code" if i == 0 else "Aanvullende CPV-code", value=cpv))
    if not view.cpv:
        rows.append(Row(lot_id, "Perceel", "BT-262", "Hoofd-CPV-code", value=GAP))
    value = view.estimated_value_eur
    rows.append(Row(lot_id, "Perceel", "BT-27", "Geraamde waarde (excl. btw)", value=value if value is not None else GAP,
                    note="over de maximale looptijd, verlengingen inbegrepen"))
    rows.append(Row(lot_id, "Looptijd", "BT-36", "Looptijd (maanden)", value=tender.contract_term_months or GAP,
                    note="de looptijd zonder verlengingen; eenheid: maanden"))
    if tender.extension_options_months:
        rows.append(Row(lot_id, "Looptijd", "BT-54", "Beschrijving van de opties",
                        value=f"{tender_term(tender)}. {term_and_volume_note(tender)}"))
    if tender.framework_agreement:
        # each lot is awarded to one contractor per agreement; nadere opdrachten follow without a new competition
        rows.append(Row(lot_id, "Looptijd", "BT-765", "Raamovereenkomst",
                        value="raamovereenkomst zonder heropening van de mededinging (eForms-code fa-wo-rc)",
                        note="zo gunt de leidraad: per overeenkomst één opdrachtnemer; kies 'met heropening' alleen "
                             "als nadere opdrachten opnieuw in mededinging gaan"))
    if tender.framework_agreement and single:
        rows.append(Row(lot_id, "Looptijd", "BT-271", "Maximale waarde van de raamovereenkomst (excl. btw)",
                        value=tender.maximum_value_eur if tender.maximum_value_eur is not None else GAP))
    rows += _award_rows(view, lot_id, own)
    rows += _green_rows(view, lot_id, own)
    return rows


def _award_rows(view: Tender, lot_id: str, own: list[tuple[str, Criterion]]) -> list[Row]:
    rows = [Row(lot_id, "Gunningscriterium prijs", "BT-539", "Type gunningscriterium", code="price"),
            Row(lot_id, "Gunningscriterium prijs", "BT-734", "Naam", value="Prijs"),
            Row(lot_id, "Gunningscriterium prijs", "BT-540", "Beschrijving",
                value=price_rule_text(view, discount_names(own))),
            Row(lot_id, "Gunningscriterium prijs", "BT-5421", "Soort weging", code="per-exa"),
            Row(lot_id, "Gunningscriterium prijs", "BT-541", "Weging (%)", value=view.price_weight)]
    for number, c in own:
        if c.kind != Kind.AWARD:
            continue
        part = f"Gunningscriterium {number}"
        rows += [Row(lot_id, part, "BT-539", "Type gunningscriterium", code="quality"),
                 Row(lot_id, part, "BT-734", "Naam", value=f"{number} {c.title}"),
                 Row(lot_id, part, "BT-540", "Beschrijving", value=fill_clause(view, c).text)]
        entry = view.entry(c.id)
        if isinstance(c.scoring, DiscountScoring):
            s = c.scoring
            filled = with_tender_values(view, c).scoring
            assert isinstance(filled, DiscountScoring)
            method = (euro_discount_rule(filled) if s.in_euros else
                      f"Fictieve korting op de beoordelingsprijs: {s.per_unit_pct:g}% per {s.unit or 'eenheid'}, "
                      f"ten hoogste {s.cap_pct:g}%")
            rows.append(Row(lot_id, part, "BT-543", "Beschrijving van de methode (geen weging)",
                            value=f"{method[0].upper()}{method[1:]}; zie de leidraad, {number}."))
        else:
            rows += [Row(lot_id, part, "BT-5421", "Soort weging", code="per-exa"),
                     Row(lot_id, part, "BT-541", "Weging (%)",
                         value=entry.weight if entry is not None and entry.weight is not None else GAP)]
    return rows


def _green_rows(view: Tender, lot_id: str, own: list[tuple[str, Criterion]]) -> list[Row]:
    circular = [(n, c) for n, c in own if c.r_strategy in CIRCULAR_RUNGS]
    part = "Strategische aanbesteding"
    if not circular:
        return [Row(lot_id, part, "BT-06", "Strategische aanbesteding", code="none",
                    note="dit perceel heeft geen criteria op de R-ladder")]
    described = "; ".join(f"{n} {c.title} ({r_strategy_label(c.r_strategy)})"
                          for n, c in circular)
    rows = [Row(lot_id, part, "BT-06", "Strategische aanbesteding", code="env-imp"),
            Row(lot_id, part, "BT-777", "Beschrijving strategische aanbesteding",
                value=f"Circulair inkopen. Circulaire criteria: {described}.")]
    verdict = count_tender(view, [c for _, c in own])
    if verdict.counts:
        rows.append(Row(lot_id, part, "BT-774", "Groene aanbesteding", code="circ-econ",
                        note="telt als circulair volgens de telregel van de regio (docs/monitoring.md)"))
    else:
        rows.append(Row(lot_id, part, "BT-774", "Groene aanbesteding",
                        note="niet invullen: dit perceel telt niet als circulair volgens de telregel "
                             f"({verdict.summary()})"))
    code = gpp_code(set().union(*(gpp_codes(c.source_type, c.source) for _, c in circular)))
    rows.append(Row(lot_id, part, "BT-805", "Criteria voor groene overheidsopdrachten", code=code,
                    note="uit de soort bron van de circulaire criteria van dit perceel: eu-gpp geeft eu, nationaal "
                         "national, anders other; één code per perceel, eu voor national voor other"))
    return rows


def write_invulhulp(tender: Tender, library: Library, out: Path, user: str = "", concept: bool = False) -> None:
    """tenderned-invulhulp.xlsx: the rows per lot, and a sheet naming the code lists and their versions."""
    from openpyxl import Workbook

    from .document_set import _numbered, _sheet, _workbook_bytes

    rows = invulhulp_rows(tender, _numbered(tender, library))
    wb = Workbook()
    ws = _sheet(wb, SHEET, COLUMNS, [r.cells() for r in rows], [8, 26, 9, 38, 11, 34, 60, 50], first=True)
    for i, r in enumerate(rows, start=2):
        if r.bt in AMOUNT_FIELDS and isinstance(r.value, int | float):
            ws.cell(i, COLUMNS.index("In te vullen") + 1).number_format = MONEY_FORMAT
    data = code_lists()
    sources = [[name, info["version"], f"eForms SDK {data['sdk_version']}: {info['file']}"]
               for name, info in data["lists"].items()]
    sources.append(["bron", data["sdk_version"], data["source"]])
    _sheet(wb, "Codelijsten", ["Codelijst", "Versie", "Bron"], sources, [26, 14, 90])
    write_output(out, _workbook_bytes(wb, f"TenderNed-invulhulp – {tender.title}", tender.organisation, user,
                                      concept))
