"""The Tender: what a buyer is drafting, with load/validate/save of the .tender.json file."""

from __future__ import annotations

import contextlib
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from criteria_library.infra import strict_json
from criteria_library.infra.files import atomic_write, read_regular
from criteria_library.infra.problems import Problems, more_text
from criteria_library.infra.text import bad_char_problem, dutch_number, shown
from criteria_library.models import CPV_TYPED_RE

from .errors import TenderError
from .tender_parts import (
    DEFAULT_TIE_RULE,
    TIE_RULES,
    Lot,
    LotCriterion,
    Participant,
    PartReader,
    Planning,
    lots_to_list,
    participants_to_list,
    plain_number,
    planning_to_dict,
)

FORMAT = "tender-assistant.tender"
# The newest version this program reads. save_tender writes the oldest version that holds what the tender uses, so
# a version 1 or 2 file is written back as it was unless a newer field is filled in.
VERSION = 3

# Procedure ids in the file -> (Dutch label, English label).
PROCEDURES: dict[str, tuple[str, str]] = {
    "europees-openbaar": ("Europese openbare procedure", "European open procedure"),
    "europees-niet-openbaar": ("Europese niet-openbare procedure", "European restricted procedure"),
    "nationaal-openbaar": ("Nationale openbare procedure", "National open procedure"),
    "meervoudig-onderhands": ("Meervoudig onderhandse procedure", "Multiple private procedure"),
    "enkelvoudig-onderhands": ("Enkelvoudig onderhandse procedure", "Single private procedure"),
    "mededinging-onderhandeling": ("Mededingingsprocedure met onderhandeling", "Competitive procedure with negotiation"),
    "concurrentiegerichte-dialoog": ("Concurrentiegerichte dialoog", "Competitive dialogue"),
    "innovatiepartnerschap": ("Innovatiepartnerschap", "Innovation partnership"),
}
VERSION_1_PROCEDURES = frozenset({"europees-openbaar", "europees-niet-openbaar", "nationaal-openbaar",
                                  "meervoudig-onderhands", "enkelvoudig-onderhands"})
EUROPEAN_PROCEDURES = frozenset({"europees-openbaar", "europees-niet-openbaar", "mededinging-onderhandeling",
                                 "concurrentiegerichte-dialoog", "innovatiepartnerschap"})

# Placeholders that come from the tender itself rather than from "values".
TENDER_PLACEHOLDERS = ("opdrachtgever", "looptijd_maanden")
# Tender-wide facts: one value for the whole tender (top-level "values"). Every other placeholder value belongs to
# its criterion (criteria[i].values), so two criteria that both use {{garantie_jaren}} keep separate values.
# Tender-wide facts the leidraad's procedural chapter fills in (documents/procedure_chapters.py), not a criterion.
PROCEDURE_VALUES = ("contactpersoon", "platform", "klachtenmeldpunt", "termijn_bewijsstukken", "selectie",
                    "procedure_fasen", "uitgenodigde_ondernemers", "datum_verzoek_deelneming", "tijdstip_inschrijving")
TENDER_WIDE_PLACEHOLDERS = TENDER_PLACEHOLDERS + (
    "aanbestedende_dienst", "organisatie", "gemeente", "provincie", "startdatum", "ingangsdatum", "einddatum",
    "leveradres", "locatie", "contactpersoon", "platform", "klachtenmeldpunt",
) + PROCEDURE_VALUES[3:]

# Price scoring rules: id -> (Dutch, English) description as the document states it.
PRICE_RULES: dict[str, tuple[str, str]] = {
    "relatief-laagste": ("laagste beoordelingsprijs gedeeld door de beoordelingsprijs van de inschrijving",
                         "lowest evaluation price divided by the bid's evaluation price"),
    "lineair": ("lineair: de laagste beoordelingsprijs krijgt de volle score, de hoogste nul, daartussen naar rato",
                "linear: the lowest evaluation price scores in full, the highest zero, in proportion between"),
    "bandbreedte": ("bandbreedte: de laagste beoordelingsprijs krijgt de volle score, een prijs die het vooraf "
                    "vastgestelde percentage of meer boven de laagste ligt nul, daartussen naar rato",
                    "band: the lowest evaluation price scores in full, a price the stated percentage or more above "
                    "the lowest scores zero, in proportion between"),
}
DEFAULT_PRICE_RULE = "relatief-laagste"

MAX_NAME_LENGTH = 200  # title and organisation: they go into headers and document properties (Word: 255 at most)
MAX_AMOUNT_EUR = 1e12  # a thousand billion euros: anything above is a typing error


def parse_cpv(code: str) -> str:
    """The full CPV code (with check digit) for '39130000' or '39130000-2'.

    TenderError when the code is empty, not a CPV code, unknown, or has the wrong check digit.
    """
    from criteria_library import cpv as cpv_mod

    code = code.strip()
    if not code:
        raise TenderError("de CPV-code is leeg", en="the CPV code is empty")
    m = CPV_TYPED_RE.match(code)
    if m is None:
        raise TenderError(f"\"{code}\" is geen CPV-code (verwacht 8 cijfers met een controlecijfer, zoals 39130000-2)",
                          en=f"\"{code}\" is not a CPV code (expected 8 digits with a check digit, like 39130000-2)")
    entry = cpv_mod.catalogue().get(m.group(1))
    if entry is None:
        raise TenderError(f"{code} is geen bestaande CPV-code", en=f"{code} is not a valid CPV code")
    if m.group(2) is not None and entry.code != code:
        raise TenderError(f"{code} heeft een verkeerd controlecijfer; bedoelt u {entry.code}?",
                          en=f"{code} has a wrong check digit; did you mean {entry.code}?")
    return entry.code


@dataclass
class TenderCriterion:
    """A criterion chosen for the tender: its id, a weight (award criteria) and optionally an edited clause."""

    id: str
    weight: int | None = None
    text: str | None = None
    version: int | None = None  # library version when chosen; lets checks notice later library edits
    values: dict[str, str] = field(default_factory=dict)  # this criterion's own placeholder values


@dataclass
class Tender:
    """A tender being drafted; saved as .tender.json."""

    title: str = ""
    organisation: str = ""
    description: str = ""
    package: str = ""
    cpv: list[str] = field(default_factory=list)
    procedure: str = "europees-openbaar"
    estimated_value_eur: float | None = None
    contract_term_months: int | None = None
    ambition_level: int = 1
    price_weight: int = 30
    criteria: list[TenderCriterion] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    authority: str = "decentraal"  # "centraal" (State) or "decentraal" (municipality, province): EU threshold
    price_rule: str = DEFAULT_PRICE_RULE
    fixed_budget_eur: float | None = None  # "vaste prijs, gunnen op kwaliteit": price weight 0, budget stated
    publication_date: date | None = None  # planned publication; thresholds are looked up on it (default: today)
    regime: str = "klassiek"  # the directive: klassiek, speciale-sectoren (utilities) or concessie
    main_object: str | None = None  # werken, leveringen or diensten: for a mixed contract the main object by value
    # ---- version 3
    participants: list[Participant] = field(default_factory=list)  # a joint tender: the contracting authorities
    mandate_date: date | None = None  # the participants' mandate to the penvoerder
    mandate_reference: str = ""
    lots: list[Lot] = field(default_factory=list)  # empty: one lot, the tender itself
    lots_reason: str = ""  # why the contract is not divided into lots (art. 1.5 Aw)
    max_lots_per_bidder: int | None = None  # bids may be made for at most this many lots
    max_lots_awarded_per_bidder: int | None = None  # a bidder may win at most this many lots
    lot_award_order: list[str] = field(default_factory=list)  # the order in which lots are awarded
    extension_options_months: list[int] = field(default_factory=list)  # options the authority may exercise alone
    framework_agreement: bool = False
    maximum_value_eur: float | None = None  # a framework agreement's maximum value
    term_reason: str = ""  # why a framework agreement runs longer than four years
    planning: Planning = field(default_factory=Planning)
    optional_exclusion_grounds: list[str] = field(default_factory=list)  # art. 2.87 Aw grounds applied
    tie_rule: str = DEFAULT_TIE_RULE
    price_band_percent: float | None = None  # price rule "bandbreedte": price scores 0 this far above the lowest
    lowest_price_reason: str = ""  # art. 2.114 Aw: why the lowest price alone decides
    purchase_conditions: str = ""  # the general purchase conditions that apply (e.g. "ARIV 2018")

    def criterion_ids(self) -> list[str]:
        """Ids of the chosen criteria, in the tender's order."""
        return [c.id for c in self.criteria]

    def entry(self, cid: str) -> TenderCriterion | None:
        """The tender's entry for a criterion id, or None."""
        return next((c for c in self.criteria if c.id == cid), None)

    def set_value(self, cid: str, name: str, value: str) -> None:
        """Store a placeholder value: tender-wide facts for the tender, anything else for this criterion only."""
        if name in TENDER_WIDE_PLACEHOLDERS:
            self.values[name] = value
            return
        entry = self.entry(cid)
        if entry is None:
            raise KeyError(cid)
        entry.values[name] = value

    def clear_value(self, cid: str, name: str) -> None:
        """Remove a placeholder value (where set_value would have stored it)."""
        if name in TENDER_WIDE_PLACEHOLDERS:
            self.values.pop(name, None)
        elif (entry := self.entry(cid)) is not None:
            entry.values.pop(name, None)

    def value_for(self, cid: str, name: str) -> str | None:
        """The value a buyer gave for a placeholder of this criterion: its own, else the tender-wide one."""
        entry = self.entry(cid)
        if entry is not None and name in entry.values:
            return entry.values[name]
        return self.values.get(name)

    def needs_version_2(self) -> bool:
        """True when the file uses a field that version 1 readers would silently ignore."""
        return (self.price_rule != DEFAULT_PRICE_RULE or self.fixed_budget_eur is not None
                or self.publication_date is not None or any(c.values for c in self.criteria)
                or self.regime != "klassiek" or self.main_object is not None
                or self.procedure not in VERSION_1_PROCEDURES or self.needs_version_3())

    def needs_version_3(self) -> bool:
        """True when the file uses a field that version 2 readers would silently ignore."""
        return bool(self.participants or self.mandate_date or self.mandate_reference or self.lots
                    or self.lots_reason or self.max_lots_per_bidder or self.max_lots_awarded_per_bidder
                    or self.lot_award_order or self.extension_options_months or self.framework_agreement
                    or self.maximum_value_eur is not None or self.term_reason or not self.planning.is_default()
                    or self.optional_exclusion_grounds or self.tie_rule != DEFAULT_TIE_RULE
                    or self.price_band_percent is not None or self.lowest_price_reason or self.purchase_conditions
                    or self.price_rule not in ("relatief-laagste", "lineair"))

    # ---------------------------------------------------------- joint tenders, lots, options
    def is_joint(self) -> bool:
        """True for a joint tender: two or more contracting authorities."""
        return len(self.participants) >= 2

    def penvoerder(self) -> Participant | None:
        """The participant that runs the procedure for all (the first one named so)."""
        return next((p for p in self.participants if p.role == "penvoerder"), None)

    def contracting_authorities(self) -> list[str]:
        """The names of the authorities that sign an agreement: the participants, else the organisation."""
        if self.participants:
            return [p.name for p in self.participants]
        return [self.organisation.strip()] if self.organisation.strip() else []

    def participant_shares(self) -> list[tuple[Participant, float | None, bool]]:
        """Each participant with its share of the total value and whether that share is an equal split (assumed).

        A participant without its own estimated value gets an equal part of what the others leave over.
        """
        total = self.total_value_eur()
        stated = [p for p in self.participants if p.estimated_value_eur is not None]
        rest = [p for p in self.participants if p.estimated_value_eur is None]
        left = None if total is None else max(total - sum(p.estimated_value_eur or 0 for p in stated), 0.0)
        equal = None if left is None or not rest else left / len(rest)
        return [(p, p.estimated_value_eur, False) if p.estimated_value_eur is not None else (p, equal, True)
                for p in self.participants]

    def max_term_months(self) -> int | None:
        """The longest the contract can run: the initial term plus every extension option."""
        if self.contract_term_months is None:
            return None
        return self.contract_term_months + sum(self.extension_options_months)

    def total_value_eur(self) -> float | None:
        """The estimated value over the maximum term, options included, of all lots together (art. 2.17 Aw).

        With lots that all carry a value, their sum; otherwise the tender's own estimate.
        """
        if self.lots and all(lot.estimated_value_eur is not None for lot in self.lots):
            return float(sum(lot.estimated_value_eur or 0 for lot in self.lots))
        return self.estimated_value_eur

    def effective_lots(self) -> list[Lot]:
        """The lots to score and write: the tender's lots, or the tender itself as the one lot "1"."""
        if self.lots:
            return self.lots
        return [Lot("1", self.title, self.description, list(self.cpv), self.estimated_value_eur, self.price_weight,
                    self.price_rule, self.price_band_percent, [LotCriterion(c.id, c.weight) for c in self.criteria])]

    def lot(self, lot_id: str) -> Lot | None:
        """The lot with this id (the implicit lot "1" of a tender without lots), or None."""
        return next((lot for lot in self.effective_lots() if lot.id == lot_id), None)

    def for_lot(self, lot_id: str) -> Tender:
        """The tender as one lot sees it: the lot's criteria with the lot's weights, price rule and value.

        Scoring, checks per lot and the documents' per-lot chapters work on this view. KeyError for an unknown lot.
        """
        lot = self.lot(lot_id)
        if lot is None:
            raise KeyError(lot_id)
        if not self.lots:
            return self
        criteria = []
        for lc in lot.criteria:
            entry = self.entry(lc.id)
            if entry is not None:
                criteria.append(replace(entry, weight=lc.weight, values=dict(entry.values)))
        return replace(self, description=lot.description or self.description, cpv=list(lot.cpv or self.cpv),
                       estimated_value_eur=lot.estimated_value_eur, price_weight=lot.price_weight,
                       price_rule=lot.price_rule or self.price_rule,
                       price_band_percent=(lot.price_band_percent if lot.price_band_percent is not None
                                           else self.price_band_percent),
                       criteria=criteria, values=dict(self.values), lots=[])

    def tender_values(self) -> dict[str, str]:
        """Placeholder values taken from the tender's own fields (organisation, term)."""
        result: dict[str, str] = {}
        if self.organisation.strip():
            result["opdrachtgever"] = self.organisation.strip()
        if self.contract_term_months:
            result["looptijd_maanden"] = str(self.contract_term_months)
        return result


# ------------------------------------------------------------------ to/from JSON
def tender_to_dict(t: Tender) -> dict[str, Any]:
    """The tender as the JSON object written to disk (stable key order, readable)."""
    criteria = []
    for c in t.criteria:
        item: dict[str, Any] = {"id": c.id}
        if c.weight is not None:
            item["weight"] = c.weight
        if c.text is not None:
            item["text"] = c.text
        if c.version is not None:
            item["version"] = c.version
        if c.values:
            item["values"] = dict(c.values)
        criteria.append(item)
    value: int | float | None = t.estimated_value_eur
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    out: dict[str, Any] = {
        "format": FORMAT,
        "version": 3 if t.needs_version_3() else 2 if t.needs_version_2() else 1,
        "title": t.title,
        "organisation": t.organisation,
        "authority": t.authority,
        "description": t.description,
        "package": t.package,
        "cpv": list(t.cpv),
        "procedure": t.procedure,
        "estimated_value_eur": value,
        "contract_term_months": t.contract_term_months,
        "ambition_level": t.ambition_level,
        "price_weight": t.price_weight,
        "criteria": criteria,
        "values": dict(t.values),
    }
    if out["version"] >= 2:
        out["price_rule"] = t.price_rule
        budget: int | float | None = t.fixed_budget_eur
        out["fixed_budget_eur"] = int(budget) if isinstance(budget, float) and budget.is_integer() else budget
        out["publication_date"] = t.publication_date.isoformat() if t.publication_date else None
        out["regime"] = t.regime
        out["main_object"] = t.main_object
    if out["version"] == 3:
        out["participants"] = participants_to_list(t.participants)
        out["mandate"] = {"date": t.mandate_date.isoformat() if t.mandate_date else None,
                          "reference": t.mandate_reference}
        out["lots"] = lots_to_list(t.lots)
        out["lots_reason"] = t.lots_reason
        out["max_lots_per_bidder"] = t.max_lots_per_bidder
        out["max_lots_awarded_per_bidder"] = t.max_lots_awarded_per_bidder
        out["lot_award_order"] = list(t.lot_award_order)
        out["extension_options_months"] = list(t.extension_options_months)
        out["framework_agreement"] = t.framework_agreement
        out["maximum_value_eur"] = plain_number(t.maximum_value_eur)
        out["term_reason"] = t.term_reason
        out.update(planning_to_dict(t.planning))
        out["optional_exclusion_grounds"] = list(t.optional_exclusion_grounds)
        out["tie_rule"] = t.tie_rule
        out["price_band_percent"] = plain_number(t.price_band_percent)
        out["lowest_price_reason"] = t.lowest_price_reason
        out["purchase_conditions"] = t.purchase_conditions
    return out


# The Dutch (and English) name of each field, as the wizard shows it, for messages about a tender file.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "format": ("bestandssoort", "file type"),
    "version": ("bestandsversie", "file version"),
    "title": ("titel", "title"),
    "organisation": ("organisatie", "organisation"),
    "authority": ("soort aanbestedende dienst", "kind of contracting authority"),
    "description": ("omschrijving", "description"),
    "package": ("inkooppakket", "procurement package"),
    "cpv": ("CPV-codes", "CPV codes"),
    "procedure": ("procedure", "procedure"),
    "estimated_value_eur": ("geraamde waarde", "estimated value"),
    "contract_term_months": ("looptijd", "contract term"),
    "ambition_level": ("ambitieniveau", "ambition level"),
    "price_weight": ("weging prijs", "price weight"),
    "price_rule": ("prijsregel", "price rule"),
    "fixed_budget_eur": ("vast budget", "fixed budget"),
    "publication_date": ("publicatiedatum", "publication date"),
    "regime": ("regime", "regime"),
    "main_object": ("hoofdvoorwerp", "main object"),
    "criteria": ("criteria", "criteria"),
    "values": ("invulwaarden", "placeholder values"),
    "participants": ("deelnemers", "participants"),
    "mandate": ("mandaat", "mandate"),
    "lots": ("percelen", "lots"),
    "lots_reason": ("motivering geen percelen", "reason for no lots"),
    "max_lots_per_bidder": ("maximum percelen per inschrijver", "maximum lots per bidder"),
    "max_lots_awarded_per_bidder": ("maximum gegunde percelen per inschrijver", "maximum lots awarded per bidder"),
    "lot_award_order": ("volgorde van gunnen", "order of award"),
    "extension_options_months": ("verlengingsopties", "extension options"),
    "framework_agreement": ("raamovereenkomst", "framework agreement"),
    "maximum_value_eur": ("maximale waarde", "maximum value"),
    "term_reason": ("motivering looptijd", "reason for the term"),
    "submission_deadline": ("uiterste inschrijfdatum", "submission deadline"),
    "questions_deadline": ("uiterste datum vragen", "questions deadline"),
    "answers_date": ("datum nota van inlichtingen", "date of the clarifications"),
    "award_decision_date": ("voorgenomen gunningsbeslissing", "intended award decision"),
    "contract_start_date": ("ingangsdatum overeenkomst", "contract start"),
    "bid_validity_days": ("gestanddoeningstermijn", "bid validity"),
    "prior_information_notice": ("vooraankondiging", "prior information notice"),
    "electronic_submission": ("elektronisch inschrijven", "electronic submission"),
    "optional_exclusion_grounds": ("facultatieve uitsluitingsgronden", "optional exclusion grounds"),
    "tie_rule": ("regel bij gelijke score", "tie rule"),
    "price_band_percent": ("bandbreedte prijs", "price band"),
    "lowest_price_reason": ("motivering laagste prijs", "reason for lowest price"),
    "purchase_conditions": ("inkoopvoorwaarden", "purchase conditions"),
}
# The tender-wide values asked for on the procedure page, by the name the wizard gives them (a finding said
# 'value platform:' or 'value tijdstip inschrijving:', the internal names, in the English interface).
VALUE_LABELS: dict[str, tuple[str, str]] = {
    "contactpersoon": ("Contactpersoon", "Contact person"),
    "platform": ("Platform", "Platform"),
    "klachtenmeldpunt": ("Klachtenmeldpunt", "Complaints desk"),
    "tijdstip_inschrijving": ("Tijdstip sluiting", "Closing time"),
    "termijn_bewijsstukken": ("Termijn bewijsstukken", "Term for evidence"),
    "functionele_specificatie": ("Functionele specificatie", "Functional specification"),
    "selectie": ("Selectie (niet-openbaar)", "Selection (restricted)"),
    "datum_verzoek_deelneming": ("Datum verzoek tot deelneming", "Date of the request to participate"),
    "procedure_fasen": ("Fasen (onderhandeling, dialoog)", "Phases (negotiation, dialogue)"),
    "uitgenodigde_ondernemers": ("Uitgenodigde ondernemers (onderhands)", "Invited companies (private)"),
}
CRITERION_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "id": ("code", "id"),
    "weight": ("weging", "weight"),
    "text": ("eigen tekst", "own text"),
    "version": ("bibliotheekversie", "library version"),
    "values": ("invulwaarden", "placeholder values"),
}
# Long enough for any real description or rewritten clause, far below the 10 MB text node that python-docx
# (libxml2) can no longer read back, so an exported .docx always reopens.
MAX_TEXT_LENGTH = 50_000
MAX_VALUE_LENGTH = 1_000  # a placeholder value: "5 jaar", an address, a date
MAX_CRITERIA = 2_000
# Far above any real tender (2.000 criteria with their own texts stay under 100 MB only in theory; a real one is kB).
MAX_TENDER_FILE_BYTES = 50 * 2**20


LOT_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "id": ("perceelcode", "lot code"),
    "title": ("titel", "title"),
    "description": ("omschrijving", "description"),
    "cpv": ("CPV-codes", "CPV codes"),
    "estimated_value_eur": ("geraamde waarde", "estimated value"),
    "price_weight": ("weging prijs", "price weight"),
    "price_rule": ("prijsregel", "price rule"),
    "price_band_percent": ("bandbreedte prijs", "price band"),
    "criteria": ("criteria", "criteria"),
}
PARTICIPANT_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "name": ("naam", "name"),
    "role": ("rol", "role"),
    "estimated_value_eur": ("aandeel", "share"),
    "identifier": ("KvK- of OIN-nummer", "KvK or OIN number"),
}
# A list in the file whose items the wizard numbers from 1: the word for one item, and its fields' labels.
_NUMBERED: dict[str, tuple[tuple[str, str], dict[str, tuple[str, str]]]] = {
    "criteria": (("criterium", "criterion"), CRITERION_FIELD_LABELS),
    "lots": (("perceel", "lot"), LOT_FIELD_LABELS),
    "participants": (("deelnemer", "participant"), PARTICIPANT_FIELD_LABELS),
    "extension_options_months": (("verlengingsoptie", "extension option"), {}),
    "cpv": (("CPV-code", "CPV code"), {}),
}
_ITEM = re.compile(r"^([a-z_]+)\[(\d+)\]$")


def field_label(place: str, lang: str = "nl") -> str:
    """A field's place as the wizard names it, with the file's place after it: 'omschrijving (description)',
    'criterium 2: weging (criteria[1].weight)', 'perceel 1, criterium 1: code (lots[0].criteria[0].id)'."""
    index = 1 if lang == "en" else 0
    parts = place.split(".")
    items: list[str] = []
    labels: dict[str, tuple[str, str]] = {}
    while len(items) < len(parts) and (m := _ITEM.match(parts[len(items)])) and m.group(1) in _NUMBERED:
        words, labels = _NUMBERED[m.group(1)]
        items.append(f"{words[index]} {int(m.group(2)) + 1}")  # the file counts from 0, people from 1
    if items:
        last = parts[len(items)] if len(items) < len(parts) else ""
        label = labels.get(last, (last, last))[index] if last else ""
        return ", ".join(items) + (f": {label}" if label else "") + f" ({place})"
    head = parts[0]
    if head in FIELD_LABELS and FIELD_LABELS[head][index] != place:
        return f"{FIELD_LABELS[head][index]} ({place})"
    return place


class _Problems(Problems):
    """Every problem of a tender file, each at its field, so the user sees all of them at once."""

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where

    def raise_if_any(self) -> None:
        if not self:
            return
        first = self[0]
        err = TenderError(f"{field_label(first.where)}: {first.nl}{more_text(self)}",
                          en=f"{field_label(first.where, 'en')}: {first.en}{more_text(self, 'en')}", where=self.where)
        err.problems = list(self)  # type: ignore[attr-defined]
        raise err


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def tender_from_dict(data: Any, where: str = "aanbesteding") -> Tender:
    """Validate a parsed JSON object and build the Tender; TenderError lists every problem with its field."""
    p = _Problems(where)
    if not isinstance(data, dict):
        p.add("(bestand)", "geen aanbestedingsbestand (verwacht een JSON-object)", "not a tender file (expected a JSON object)")
        p.raise_if_any()
    if data.get("format") != FORMAT:
        p.add("format", f"moet \"{FORMAT}\" zijn; dit is geen aanbestedingsbestand",
              f"must be \"{FORMAT}\"; this is not a tender file")
        p.raise_if_any()
    version = data.get("version")
    if not _is_int(version) or version < 1:
        p.add("version", "ontbreekt of is geen geheel getal", "missing or not a whole number")
    elif version > VERSION:
        p.add("version", f"versie {shown(version)} is nieuwer dan dit programma kent ({VERSION}); werk de app bij",
              f"version {shown(version)} is newer than this program knows ({VERSION}); update the app")
        p.raise_if_any()

    def clean(place: str, value: str) -> bool:
        problem = bad_char_problem(value)
        if problem:
            p.add(place, *problem)
        return problem is None

    def text(key: str, required: bool = False, max_length: int = MAX_TEXT_LENGTH) -> str:
        value = data.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            p.add(key, f"moet tekst zijn, niet {shown(value)}", f"must be text, not {shown(value)}")
            return ""
        if required and not value.strip():
            p.add(key, "is verplicht en mag niet leeg zijn", "is required and may not be empty")
        if len(value.strip()) > max_length:
            p.add(key, f"is te lang ({len(value.strip())} tekens); maximaal {max_length}",
                  f"is too long ({len(value.strip())} characters); at most {max_length}")
        clean(key, value)
        return value

    t = Tender(
        title=text("title", required=True, max_length=MAX_NAME_LENGTH),
        organisation=text("organisation", max_length=MAX_NAME_LENGTH),
        description=text("description"),
        package=text("package", max_length=MAX_NAME_LENGTH),
    )
    authority = data.get("authority", "decentraal")
    if not isinstance(authority, str) or authority not in ("centraal", "decentraal"):
        p.add("authority", "moet \"centraal\" of \"decentraal\" zijn", "must be \"centraal\" or \"decentraal\"")
    else:
        t.authority = authority

    cpv = data.get("cpv", [])
    if not isinstance(cpv, list) or not all(isinstance(c, str) for c in cpv):
        p.add("cpv", "moet een lijst met CPV-codes zijn", "must be a list of CPV codes")
    else:
        for i, c in enumerate(cpv):
            if clean(f"cpv[{i}]", c):
                try:
                    t.cpv.append(parse_cpv(c))  # 8 digits get their check digit
                except TenderError:
                    t.cpv.append(c.strip())  # the check reports it, so the buyer can still open the file

    def choice(key: str, default: str, choices: Iterable[str], unknown_nl: str, unknown_en: str) -> str | None:
        """The value when it is one of the choices; otherwise the problem is added and None returned."""
        value = data.get(key, default)
        if isinstance(value, str) and value in choices:
            return value
        listed = ", ".join(choices)
        p.add(key, f"{unknown_nl} \"{shown(value)}\"; kies uit {listed}",
              f"{unknown_en} \"{shown(value)}\"; choose from {listed}")
        return None

    t.procedure = choice("procedure", "europees-openbaar", PROCEDURES, "onbekende procedure",
                         "unknown procedure") or t.procedure

    value = data.get("estimated_value_eur")
    if isinstance(value, int) and not isinstance(value, bool) and value > MAX_AMOUNT_EUR:
        value = math.inf  # an integer of hundreds of digits: float() would overflow; reported as too large below
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float) or value < 0):
        p.add("estimated_value_eur", "moet een bedrag in euro's zijn (0 of meer)", "must be an amount in euros (0 or more)")
    elif value is not None and (not math.isfinite(value) or value > MAX_AMOUNT_EUR):
        p.add("estimated_value_eur", f"moet een bedrag in euro's zijn van 0 tot en met {dutch_number(MAX_AMOUNT_EUR)}", f"must be an amount in euros from 0 to {MAX_AMOUNT_EUR:,.0f}")
    else:
        t.estimated_value_eur = value

    term = data.get("contract_term_months")
    if term is not None and (not _is_int(term) or term < 1 or term > 600):
        p.add("contract_term_months", "moet een aantal maanden zijn (1-600)", "must be a number of months (1-600)")
    else:
        t.contract_term_months = term

    level = data.get("ambition_level", 1)
    if not _is_int(level) or level not in (1, 2, 3):
        p.add("ambition_level", "moet 1 (basis), 2 (ambitieus) of 3 (koploper) zijn",
              "must be 1 (basic), 2 (ambitious) or 3 (front-runner)")
    else:
        t.ambition_level = level

    price = data.get("price_weight", 30)
    if not _is_int(price) or not 0 <= price <= 100:
        p.add("price_weight", "moet een percentage van 0 tot en met 100 zijn", "must be a percentage from 0 to 100")
    else:
        t.price_weight = price

    t.price_rule = choice("price_rule", DEFAULT_PRICE_RULE, PRICE_RULES, "onbekende prijsregel",
                          "unknown price rule") or t.price_rule
    budget = data.get("fixed_budget_eur")
    if budget is not None and (isinstance(budget, bool) or not isinstance(budget, int | float)
                               or not 0 < budget <= MAX_AMOUNT_EUR):  # NaN fails the comparison too
        p.add("fixed_budget_eur", "moet een bedrag in euro's groter dan 0 zijn", "must be an amount in euros above 0")
    else:
        t.fixed_budget_eur = budget
    from .thresholds import MAIN_OBJECTS, REGIMES

    t.regime = choice("regime", "klassiek", REGIMES, "onbekend regime", "unknown regime") or t.regime
    main_object = data.get("main_object")
    if main_object is not None and (not isinstance(main_object, str) or main_object not in MAIN_OBJECTS):
        p.add("main_object", f"moet een van {', '.join(MAIN_OBJECTS)} zijn", f"must be one of {', '.join(MAIN_OBJECTS)}")
    else:
        t.main_object = main_object
    published = data.get("publication_date")
    if published is not None:
        try:
            t.publication_date = (date.fromisoformat(published) if isinstance(published, str) and len(published) <= 40
                                  else None)
        except ValueError:
            t.publication_date = None
        if t.publication_date is None:
            p.add("publication_date", "moet een datum zijn als 2026-03-01", "must be a date like 2026-03-01")

    criteria = data.get("criteria", [])
    criteria_known = isinstance(criteria, list) and len(criteria) <= MAX_CRITERIA  # else lots cannot be checked
    if "criteria" not in data and _lots_name_criteria(data.get("lots")):
        p.add("criteria", "ontbreekt; de percelen noemen criteria, maar de lijst met gekozen criteria (\"criteria\") "
              "staat niet in het bestand", "is missing; the lots name criteria, but the list of chosen criteria "
              "(\"criteria\") is not in the file")
        criteria_known = False
    if not isinstance(criteria, list):
        p.add("criteria", "moet een lijst zijn", "must be a list")
        criteria = []
    elif len(criteria) > MAX_CRITERIA:
        p.add("criteria", f"te veel criteria ({len(criteria)}; hoogstens {MAX_CRITERIA})",
              f"too many criteria ({len(criteria)}; at most {MAX_CRITERIA})")
        criteria = []
    seen: set[str] = set()
    for i, item in enumerate(criteria):
        place = f"criteria[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"].strip():
            p.add(place, "moet een object met een \"id\" zijn", "must be an object with an \"id\"")
            continue
        cid = item["id"].strip()
        if not clean(f"{place}.id", cid):
            continue
        if len(cid) > 40 or "\n" in cid:
            p.add(f"{place}.id", f"'{shown(cid)}' is geen criteriumcode", f"'{shown(cid)}' is not a criterion id")
            continue
        if cid in seen:
            p.add(f"{place}.id", f"{cid} staat er twee keer in", f"{cid} is listed twice")
            continue
        seen.add(cid)
        weight = item.get("weight")
        if weight is not None and (not _is_int(weight) or not 0 <= weight <= 100):
            p.add(f"{place}.weight", "moet een percentage van 0 tot en met 100 zijn", "must be a percentage from 0 to 100")
            weight = None
        clause = item.get("text")
        if clause is not None and not isinstance(clause, str):
            p.add(f"{place}.text", "moet tekst zijn", "must be text")
            clause = None
        elif clause is not None and not clean(f"{place}.text", clause):
            clause = None
        elif clause is not None and len(clause) > MAX_TEXT_LENGTH:
            p.add(f"{place}.text", f"is te lang ({len(clause)} tekens); maximaal {MAX_TEXT_LENGTH}",
                  f"is too long ({len(clause)} characters); at most {MAX_TEXT_LENGTH}")
            clause = None
        version = item.get("version")
        if version is not None and (not _is_int(version) or not 0 <= version <= 10**9):
            p.add(f"{place}.version", "moet een geheel getal zijn", "must be a whole number")
            version = None
        own = _read_values(item.get("values", {}), f"{place}.values", p, clean)
        t.criteria.append(TenderCriterion(cid, weight, clause, version, own))

    t.values = _read_values(data.get("values", {}), "values", p, clean)
    _read_version_3(data, t, p, clean, criteria_known)
    p.raise_if_any()
    return t


def _lots_name_criteria(lots: Any) -> bool:
    """True when the file's lots list criteria of their own."""
    return isinstance(lots, list) and any(isinstance(lot, dict) and lot.get("criteria") for lot in lots)


def _read_version_3(data: dict[str, Any], t: Tender, p: _Problems, clean: Any, criteria_known: bool = True) -> None:
    """The fields of version 3 (absent in older files, which then keep the defaults: one lot, no options).

    criteria_known False: the tender's list of criteria is missing or unreadable (reported once), so the lots'
    criteria are not each reported as not chosen."""
    r = PartReader(data, p, clean, PRICE_RULES, MAX_AMOUNT_EUR)
    t.participants = r.participants()
    t.mandate_date, t.mandate_reference = r.mandate()
    t.lots = r.lots(set(t.criterion_ids()) if criteria_known else None)
    for lot in t.lots:
        for i, code in enumerate(lot.cpv):
            with contextlib.suppress(TenderError):  # the check reports it, so the buyer can still open the file
                lot.cpv[i] = parse_cpv(code)
    t.lots_reason = r.text(data.get("lots_reason"), "lots_reason", max_length=MAX_TEXT_LENGTH)
    t.max_lots_per_bidder = r.whole(data.get("max_lots_per_bidder"), "max_lots_per_bidder", 1, 100, "percelen", "lots")
    t.max_lots_awarded_per_bidder = r.whole(data.get("max_lots_awarded_per_bidder"), "max_lots_awarded_per_bidder",
                                            1, 100, "percelen", "lots")
    t.lot_award_order = r.codes("lot_award_order", 100)
    t.extension_options_months = r.options()
    t.framework_agreement = r.flag("framework_agreement", False)
    t.maximum_value_eur = r.amount(data.get("maximum_value_eur"), "maximum_value_eur", positive=True)
    t.term_reason = r.text(data.get("term_reason"), "term_reason", max_length=MAX_TEXT_LENGTH)
    t.planning = r.planning()
    t.optional_exclusion_grounds = r.codes("optional_exclusion_grounds")
    tie = data.get("tie_rule", DEFAULT_TIE_RULE)
    if tie in TIE_RULES:
        t.tie_rule = tie
    else:
        p.add("tie_rule", f"onbekende regel \"{shown(tie)}\"; kies uit {', '.join(TIE_RULES)}",
              f"unknown rule \"{shown(tie)}\"; choose from {', '.join(TIE_RULES)}")
    t.price_band_percent = r.band(data.get("price_band_percent"), "price_band_percent")
    t.lowest_price_reason = r.text(data.get("lowest_price_reason"), "lowest_price_reason", max_length=MAX_TEXT_LENGTH)
    t.purchase_conditions = r.text(data.get("purchase_conditions"), "purchase_conditions")


def _dutch_value(number: float) -> str:
    """A number from the file as the document shows it: 2,5 / 150.000 / 2030 (a year keeps no dot)."""
    return dutch_number(int(number) if float(number).is_integer() else number, 6, group_from=10_000)


def _read_values(values: Any, place: str, p: _Problems, clean: Any) -> dict[str, str]:
    """A name -> value object (text or numbers, numbers kept as typed)."""
    result: dict[str, str] = {}
    if not isinstance(values, dict):
        p.add(place, "moet een object met naam: waarde zijn", "must be an object of name: value")
        return result
    for key, val in values.items():
        if not clean(place, key):
            continue
        if len(key) > 100 or "\n" in key:
            p.add(place, f"'{shown(key)}' is geen naam van een invulveld", f"'{shown(key)}' is not a placeholder name")
        elif isinstance(val, bool) or not isinstance(val, str | int | float):
            p.add(f"{place}.{key}", f"moet tekst of een getal zijn, niet {shown(val)}",
                  f"must be text or a number, not {shown(val)}")
        elif isinstance(val, float) and not math.isfinite(val):
            p.add(f"{place}.{key}", "moet tekst of een eindig getal zijn", "must be text or a finite number")
        elif not isinstance(val, str) and not -MAX_AMOUNT_EUR <= val <= MAX_AMOUNT_EUR:
            p.add(f"{place}.{key}", "getal is te groot", "number is too large")
        elif isinstance(val, str) and not clean(f"{place}.{key}", val):
            continue
        elif isinstance(val, str) and len(val) > MAX_VALUE_LENGTH:
            p.add(f"{place}.{key}", f"is te lang ({len(val)} tekens); maximaal {MAX_VALUE_LENGTH}",
                  f"is too long ({len(val)} characters); at most {MAX_VALUE_LENGTH}")
        else:
            result[key] = val if isinstance(val, str) else _dutch_value(val)
    return result


def load_tender(path: Path | str) -> Tender:
    """Read and validate a .tender.json file."""
    path = Path(path)
    data_bytes = read_regular(path, MAX_TENDER_FILE_BYTES, ("aanbestedingsbestand", "tender file"), error=TenderError)
    try:
        raw = data_bytes.decode("utf-8-sig")  # Windows editors may add a BOM
    except UnicodeDecodeError:
        raise TenderError(f"{path.name} is geen tekstbestand (UTF-8); is het wel een aanbestedingsbestand?",
                          en=f"{path.name} is not a text (UTF-8) file; is it a tender file?") from None
    try:
        data = strict_json.loads(raw)
    except strict_json.JsonTextError as exc:
        place_nl, place_en = (f"{exc.place()}: ", f"{exc.place('en')}: ") if exc.line else ("", "")
        raise TenderError(f"{place_nl}{exc.nl}", en=f"{place_en}{exc.en}", where=path.name) from None
    return tender_from_dict(data, where=path.name)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write bytes so that a crash never leaves half a file; problems are TenderErrors."""
    atomic_write(path, lambda tmp: tmp.write_bytes(data), error=TenderError)


def check_savable(tender: Tender, where: str = "aanbesteding") -> dict[str, Any]:
    """The tender as the file would hold it; TenderError (naming the field) when loading that would be refused.

    One rule in one home: the limits of tender_from_dict, so a file the app wrote always opens again.
    """
    data = tender_to_dict(tender)
    try:
        tender_from_dict(data, where=where)
    except TenderError as exc:
        refused = TenderError(f"niet opgeslagen, want het bestand zou niet meer te openen zijn: {exc.message}",
                              en=f"not saved, because the file could not be opened again: {exc.message_en}",
                              where=where)
        refused.problems = getattr(exc, "problems", [])  # type: ignore[attr-defined]
        raise refused from None
    return data


def save_tender(tender: Tender, path: Path | str) -> None:
    """Write the tender as readable UTF-8 JSON, atomically; refuse (writing nothing) what loading would refuse."""
    path = Path(path)
    text = json.dumps(check_savable(tender, path.name), ensure_ascii=False, indent=2) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))
