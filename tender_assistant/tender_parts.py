"""The parts of a tender file version 3: participants of a joint tender, lots, extension options and the planning.

Reading is structural only (types, lengths, known choices); whether the parts fit together (one penvoerder, weights
per lot adding up, terms long enough) is for `tender check`, so a half-finished tender can still be saved.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from criteria_library.infra.problems import Problems
from criteria_library.infra.text import shown

# Roles of a contracting authority in a joint tender (file values).
ROLES: dict[str, tuple[str, str]] = {
    "penvoerder": ("penvoerder", "lead authority"),
    "deelnemer": ("deelnemer", "participant"),
}
# How equal total scores are decided: id -> (Dutch, English) as the leidraad states it.
TIE_RULES: dict[str, tuple[str, str]] = {
    "kwaliteit-loting": ("de inschrijving met de hoogste kwaliteitsscore (de som van de punten op de "
                         "gunningscriteria zonder prijs) gaat voor; zijn ook die gelijk, dan beslist loting in "
                         "aanwezigheid van een notaris",
                         "the bid with the higher quality score (the sum of the points on the award criteria "
                         "without price) wins; if those are equal too, lots are drawn before a notary"),
    "prijs-loting": ("de inschrijving met de laagste beoordelingsprijs gaat voor; is ook die gelijk, dan beslist "
                     "loting in aanwezigheid van een notaris",
                     "the bid with the lowest evaluation price wins; if that is equal too, lots are drawn before a "
                     "notary"),
    "loting": ("loting in aanwezigheid van een notaris beslist", "lots are drawn before a notary"),
}
DEFAULT_TIE_RULE = "kwaliteit-loting"

MAX_PARTICIPANTS = 100
MAX_LOTS = 100
MAX_OPTIONS = 10
MAX_LOT_ID_LENGTH = 20
MAX_SHORT_TEXT = 200


@dataclass
class Participant:
    """A contracting authority of a joint tender; each signs its own agreement and is liable only for it."""

    name: str
    role: str = "deelnemer"  # "penvoerder" runs the procedure on the others' mandate
    estimated_value_eur: float | None = None  # its own share; None: an equal share of the whole
    identifier: str = ""  # KvK or OIN number, optional


@dataclass
class LotCriterion:
    """A criterion chosen for a lot, with the lot's own weight (award criteria); text and values stay tender-wide."""

    id: str
    weight: int | None = None


@dataclass
class Lot:
    """A lot (perceel): its own subject, value, criteria, weights and price rule."""

    id: str
    title: str = ""
    description: str = ""
    cpv: list[str] = field(default_factory=list)
    estimated_value_eur: float | None = None
    price_weight: int = 30
    price_rule: str | None = None  # None: the tender's price rule
    price_band_percent: float | None = None  # None: the tender's band (price rule "bandbreedte")
    criteria: list[LotCriterion] = field(default_factory=list)

    def criterion_ids(self) -> list[str]:
        """Ids of the lot's criteria, in the lot's order."""
        return [c.id for c in self.criteria]


@dataclass
class Planning:
    """The dates and terms of the procedure, as the leidraad's planning states them."""

    submission_deadline: date | None = None
    questions_deadline: date | None = None
    answers_date: date | None = None  # the nota van inlichtingen is published on this date
    award_decision_date: date | None = None  # the intended gunningsbeslissing
    contract_start_date: date | None = None
    bid_validity_days: int | None = None
    prior_information_notice: bool = False  # a vooraankondiging was published (shortens the minimum term)
    electronic_submission: bool = True  # bids are submitted electronically (the usual case: TenderNed)

    DATE_FIELDS = ("submission_deadline", "questions_deadline", "answers_date", "award_decision_date",
                   "contract_start_date")

    def is_default(self) -> bool:
        """True when nothing was planned (a version 1 or 2 file)."""
        return self == Planning()


def plain_number(value: float | None) -> int | float | None:
    """A euro amount as the file writes it: 150000, not 150000.0."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def participants_to_list(participants: list[Participant]) -> list[dict[str, Any]]:
    """The participants as the file writes them."""
    out = []
    for p in participants:
        item: dict[str, Any] = {"name": p.name, "role": p.role}
        if p.estimated_value_eur is not None:
            item["estimated_value_eur"] = plain_number(p.estimated_value_eur)
        if p.identifier:
            item["identifier"] = p.identifier
        out.append(item)
    return out


def lots_to_list(lots: list[Lot]) -> list[dict[str, Any]]:
    """The lots as the file writes them."""
    out = []
    for lot in lots:
        item: dict[str, Any] = {"id": lot.id, "title": lot.title}
        if lot.description:
            item["description"] = lot.description
        if lot.cpv:
            item["cpv"] = list(lot.cpv)
        item["estimated_value_eur"] = plain_number(lot.estimated_value_eur)
        item["price_weight"] = lot.price_weight
        if lot.price_rule is not None:
            item["price_rule"] = lot.price_rule
        if lot.price_band_percent is not None:
            item["price_band_percent"] = plain_number(lot.price_band_percent)
        item["criteria"] = [{"id": c.id, **({"weight": c.weight} if c.weight is not None else {})}
                            for c in lot.criteria]
        out.append(item)
    return out


def planning_to_dict(planning: Planning) -> dict[str, Any]:
    """The planning's fields as the file writes them (top-level keys)."""
    out: dict[str, Any] = {name: (d.isoformat() if (d := getattr(planning, name)) else None)
                           for name in Planning.DATE_FIELDS}
    out["bid_validity_days"] = planning.bid_validity_days
    out["prior_information_notice"] = planning.prior_information_notice
    out["electronic_submission"] = planning.electronic_submission
    return out


class PartReader:
    """Reads the version 3 parts of a tender file into problems at their fields (shared with tender.py)."""

    def __init__(self, data: dict[str, Any], problems: Problems, clean: Callable[[str, str], bool],
                 price_rules: dict[str, tuple[str, str]], max_amount: float) -> None:
        self.data = data
        self.p = problems
        self.clean = clean
        self.price_rules = price_rules
        self.max_amount = max_amount

    # -------------------------------------------------------------- small readers
    def text(self, value: Any, place: str, max_length: int = MAX_SHORT_TEXT, required: bool = False) -> str:
        """Text at a place, or '' with a problem."""
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.p.add(place, f"moet tekst zijn, niet {shown(value)}", f"must be text, not {shown(value)}")
            return ""
        if required and not value.strip():
            self.p.add(place, "is verplicht en mag niet leeg zijn", "is required and may not be empty")
        if len(value.strip()) > max_length:
            self.p.add(place, f"is te lang ({len(value.strip())} tekens); maximaal {max_length}",
                       f"is too long ({len(value.strip())} characters); at most {max_length}")
            return ""
        return value.strip() if self.clean(place, value) else ""

    def amount(self, value: Any, place: str, positive: bool = False) -> float | None:
        """An amount in euros (or None), with a problem when it is not one."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or (isinstance(value, float)
                                                                               and not math.isfinite(value)):
            self.p.add(place, "moet een bedrag in euro's zijn", "must be an amount in euros")
            return None
        if value < 0 or value > self.max_amount or (positive and value == 0):
            self.p.add(place, "moet een bedrag in euro's groter dan 0 zijn" if positive else
                       "moet een bedrag in euro's zijn (0 of meer)", "must be an amount in euros above 0" if positive
                       else "must be an amount in euros (0 or more)")
            return None
        return value

    def whole(self, value: Any, place: str, low: int, high: int, unit_nl: str, unit_en: str) -> int | None:
        """A whole number in [low, high] (or None)."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.p.add(place, f"moet een aantal {unit_nl} zijn ({low}-{high})",
                       f"must be a number of {unit_en} ({low}-{high})")
            return None
        return value

    def day(self, value: Any, place: str) -> date | None:
        """An ISO date (or None)."""
        if value is None:
            return None
        try:
            if isinstance(value, str) and len(value) <= 40:
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.p.add(place, "moet een datum zijn als 2026-03-01", "must be a date like 2026-03-01")
        return None

    def flag(self, key: str, default: bool) -> bool:
        """A true/false field."""
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.p.add(key, "moet true of false zijn", "must be true or false")
            return default
        return value

    def items(self, key: str, most: int) -> list[Any]:
        """A list field (empty when absent)."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.p.add(key, "moet een lijst zijn", "must be a list")
            return []
        if len(value) > most:
            self.p.add(key, f"te veel ({len(value)}; hoogstens {most})", f"too many ({len(value)}; at most {most})")
            return []
        return value

    def price_rule(self, value: Any, place: str) -> str | None:
        """A known price rule id, or None with a problem."""
        if isinstance(value, str) and value in self.price_rules:
            return value
        listed = ", ".join(self.price_rules)
        self.p.add(place, f"onbekende prijsregel \"{shown(value)}\"; kies uit {listed}",
                   f"unknown price rule \"{shown(value)}\"; choose from {listed}")
        return None

    def band(self, value: Any, place: str) -> float | None:
        """The bandbreedte percentage: above the lowest price at which price scores 0."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1000:
            self.p.add(place, "moet een percentage groter dan 0 zijn (tot en met 1000)",
                       "must be a percentage above 0 (up to 1000)")
            return None
        return value

    # -------------------------------------------------------------- the parts
    def participants(self) -> list[Participant]:
        """The participants of a joint tender."""
        result: list[Participant] = []
        seen: set[str] = set()
        for i, item in enumerate(self.items("participants", MAX_PARTICIPANTS)):
            place = f"participants[{i}]"
            if not isinstance(item, dict):
                self.p.add(place, "moet een object met een \"name\" zijn", "must be an object with a \"name\"")
                continue
            name = self.text(item.get("name"), f"{place}.name", required=True)
            role = item.get("role", "deelnemer")
            if role not in ROLES:
                self.p.add(f"{place}.role", f"moet \"penvoerder\" of \"deelnemer\" zijn, niet \"{shown(role)}\"",
                           f"must be \"penvoerder\" or \"deelnemer\", not \"{shown(role)}\"")
                role = "deelnemer"
            if name and name.casefold() in seen:
                self.p.add(f"{place}.name", f"{name} staat er twee keer in", f"{name} is listed twice")
                continue
            seen.add(name.casefold())
            value = self.amount(item.get("estimated_value_eur"), f"{place}.estimated_value_eur")
            identifier = self.text(item.get("identifier"), f"{place}.identifier", max_length=40)
            if name:
                result.append(Participant(name, role, value, identifier))
        return result

    def mandate(self) -> tuple[date | None, str]:
        """The penvoerder's mandate: its date and reference."""
        value = self.data.get("mandate")
        if value is None:
            return None, ""
        if not isinstance(value, dict):
            self.p.add("mandate", "moet een object met \"date\" en \"reference\" zijn",
                       "must be an object with \"date\" and \"reference\"")
            return None, ""
        return self.day(value.get("date"), "mandate.date"), self.text(value.get("reference"), "mandate.reference")

    def lots(self, known_criteria: set[str] | None) -> list[Lot]:
        """The lots; each lot's criteria must be among the tender's chosen criteria (None: not checked)."""
        result: list[Lot] = []
        seen: set[str] = set()
        for i, item in enumerate(self.items("lots", MAX_LOTS)):
            place = f"lots[{i}]"
            if not isinstance(item, dict):
                self.p.add(place, "moet een object met een \"id\" zijn", "must be an object with an \"id\"")
                continue
            lot_id = item.get("id")
            if isinstance(lot_id, int) and not isinstance(lot_id, bool):
                lot_id = str(lot_id)
            lot_id = self.text(lot_id, f"{place}.id", max_length=MAX_LOT_ID_LENGTH, required=True)
            if not lot_id:
                continue
            if lot_id in seen:
                self.p.add(f"{place}.id", f"perceel {lot_id} staat er twee keer in", f"lot {lot_id} is listed twice")
                continue
            seen.add(lot_id)
            lot = Lot(lot_id, self.text(item.get("title"), f"{place}.title"),
                      self.text(item.get("description"), f"{place}.description", max_length=50_000))
            cpv = item.get("cpv", [])
            cpv = [cpv] if isinstance(cpv, str) else cpv
            if not isinstance(cpv, list) or not all(isinstance(c, str) for c in cpv):
                self.p.add(f"{place}.cpv", "moet een lijst met CPV-codes zijn", "must be a list of CPV codes")
            else:
                lot.cpv = [c.strip() for c in cpv if self.clean(f"{place}.cpv", c) and c.strip()]
            lot.estimated_value_eur = self.amount(item.get("estimated_value_eur"), f"{place}.estimated_value_eur")
            weight = item.get("price_weight", 30)
            if isinstance(weight, bool) or not isinstance(weight, int) or not 0 <= weight <= 100:
                self.p.add(f"{place}.price_weight", "moet een percentage van 0 tot en met 100 zijn",
                           "must be a percentage from 0 to 100")
            else:
                lot.price_weight = weight
            if item.get("price_rule") is not None:
                lot.price_rule = self.price_rule(item["price_rule"], f"{place}.price_rule")
            lot.price_band_percent = self.band(item.get("price_band_percent"), f"{place}.price_band_percent")
            lot.criteria = self._lot_criteria(item.get("criteria", []), place, known_criteria)
            result.append(lot)
        return result

    def _lot_criteria(self, value: Any, place: str, known: set[str] | None) -> list[LotCriterion]:
        if not isinstance(value, list):
            self.p.add(f"{place}.criteria", "moet een lijst zijn", "must be a list")
            return []
        result: list[LotCriterion] = []
        seen: set[str] = set()
        for j, item in enumerate(value):
            where = f"{place}.criteria[{j}]"
            if isinstance(item, str):
                item = {"id": item}
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                self.p.add(where, "moet een object met een \"id\" zijn", "must be an object with an \"id\"")
                continue
            cid = item["id"].strip()
            if known is not None and cid not in known:
                self.p.add(f"{where}.id", f"{shown(cid)} staat niet bij de gekozen criteria van de aanbesteding",
                           f"{shown(cid)} is not among the tender's chosen criteria")
                continue
            if cid in seen:
                self.p.add(f"{where}.id", f"{cid} staat er twee keer in", f"{cid} is listed twice")
                continue
            seen.add(cid)
            weight = item.get("weight")
            if weight is not None and (isinstance(weight, bool) or not isinstance(weight, int)
                                       or not 0 <= weight <= 100):
                self.p.add(f"{where}.weight", "moet een percentage van 0 tot en met 100 zijn",
                           "must be a percentage from 0 to 100")
                weight = None
            result.append(LotCriterion(cid, weight))
        return result

    def options(self) -> list[int]:
        """Extension options in months, in the order they may be exercised."""
        result = []
        for i, months in enumerate(self.items("extension_options_months", MAX_OPTIONS)):
            value = self.whole(months, f"extension_options_months[{i}]", 1, 120, "maanden", "months")
            if value is not None:
                result.append(value)
        return result

    def planning(self) -> Planning:
        """The planning's dates and terms."""
        planning = Planning()
        for name in Planning.DATE_FIELDS:
            setattr(planning, name, self.day(self.data.get(name), name))
        planning.bid_validity_days = self.whole(self.data.get("bid_validity_days"), "bid_validity_days", 1, 730,
                                                "dagen", "days")
        planning.prior_information_notice = self.flag("prior_information_notice", False)
        planning.electronic_submission = self.flag("electronic_submission", True)
        return planning

    def codes(self, key: str, most: int = 50) -> list[str]:
        """A list of short codes (e.g. the optional exclusion grounds chosen)."""
        result = []
        for i, item in enumerate(self.items(key, most)):
            code = self.text(item, f"{key}[{i}]", max_length=40)
            if code and code not in result:
                result.append(code)
        return result
