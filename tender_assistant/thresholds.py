"""EU procurement thresholds by period and directive, read from data/thresholds.json (they change every two years),
and the national advice: the Gids Proportionaliteit for works, the organisation's inkoopbeleid for the rest."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

THRESHOLDS_FILE = Path(__file__).with_name("data") / "thresholds.json"
ANNEX_XIV_FILE = Path(__file__).with_name("data") / "annex_xiv_cpv.json"  # social and other specific services
WORKS_CPV_DIVISION = "45"  # CPV division 45: construction work

# The directive a tender falls under: id in the tender file -> (Dutch, English).
REGIMES: dict[str, tuple[str, str]] = {
    "klassiek": ("klassieke richtlijn (2014/24/EU)", "classic directive (2014/24/EU)"),
    "speciale-sectoren": ("speciale sectoren (2014/25/EU)", "utilities (2014/25/EU)"),
    "concessie": ("concessie (2014/23/EU)", "concession (2014/23/EU)"),
}
# What a contract is for; a mixed contract is decided by its main object by value.
MAIN_OBJECTS: dict[str, tuple[str, str]] = {
    "werken": ("werken", "works"),
    "leveringen": ("leveringen", "supplies"),
    "diensten": ("diensten", "services"),
}


@dataclass(frozen=True)
class EuThresholds:
    """The EU thresholds valid in one period."""

    valid_from: date
    valid_to: date
    source: str
    works: int
    supplies_services_central: int
    supplies_services_decentral: int
    social_services: int
    utilities_works: int = 0
    utilities_supplies_services: int = 0
    utilities_social_services: int = 0
    concessions: int = 0

    def for_contract(self, works: bool, central: bool, regime: str = "klassiek", social: bool = False) -> int:
        """The threshold for works or supplies/services under a directive (central or decentral authority); social:
        social and other specific services (Annex XIV), the light regime's threshold."""
        if regime == "concessie":
            return self.concessions
        if regime == "speciale-sectoren":
            if social and not works:
                return self.utilities_social_services
            return self.utilities_works if works else self.utilities_supplies_services
        if social and not works:
            return self.social_services
        if works:
            return self.works
        return self.supplies_services_central if central else self.supplies_services_decentral


@dataclass(frozen=True)
class NationalAdvice:
    """Upper values for private (onderhandse) procedures: the Gids for works, the inkoopbeleid otherwise."""

    source: str
    enkelvoudig_max: int | None
    meervoudig_max: int | None
    from_policy: bool = False  # True: the organisation's inkoopbeleid (or its stated default), not the Gids


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return json.loads(THRESHOLDS_FILE.read_text(encoding="utf-8"))


def eu_periods() -> list[EuThresholds]:
    """All known periods, oldest first."""
    keys = ("works", "supplies_services_central", "supplies_services_decentral", "social_services",
            "utilities_works", "utilities_supplies_services", "utilities_social_services", "concessions")
    return [EuThresholds(date.fromisoformat(p["valid_from"]), date.fromisoformat(p["valid_to"]), p["source"],
                         *(int(p.get(k, 0)) for k in keys))
            for p in _data()["eu"]]


def eu_thresholds(on: date | None = None) -> tuple[EuThresholds, bool]:
    """The thresholds valid on a date, and whether the date lies in a known period (else: the latest known)."""
    on = on or date.today()
    periods = eu_periods()
    for p in periods:
        if p.valid_from <= on <= p.valid_to:
            return p, True
    return periods[-1], False


def default_policy() -> NationalAdvice:
    """The stated default for an organisation's inkoopbeleid (supplies and services)."""
    part = _data()["inkoopbeleid_default"]
    return NationalAdvice(part["source"], part["enkelvoudig_max"], part["meervoudig_max"], from_policy=True)


def national_advice(works: bool, policy: NationalAdvice | None = None) -> NationalAdvice:
    """Works: the Gids Proportionaliteit's guide values; supplies and services: the inkoopbeleid (or its default)."""
    if not works:
        return policy or default_policy()
    data = _data()["national_advice"]
    part = data["works"]
    return NationalAdvice(data["source"], part["enkelvoudig_max"], part["meervoudig_max"])


def cpv_is_works(code: str) -> bool:
    """True for a CPV code in division 45 (construction work)."""
    return code.strip().startswith(WORKS_CPV_DIVISION)


def is_mixed(cpv_codes: list[str]) -> bool:
    """True when the CPV codes combine works with supplies or services."""
    kinds = {cpv_is_works(c) for c in cpv_codes}
    return len(kinds) == 2


def is_works(cpv_codes: list[str], package: str = "", main_object: str | None = None) -> bool:
    """True when the tender is for works.

    The main object by value decides (the tender's main_object); without it, all CPV codes in division 45 make
    works; a mix counts as supplies/services (the lower threshold, so an EU obligation is never missed) and the
    checks ask for the main object; without CPV codes a construction package counts as works.
    """
    if main_object is not None:
        return main_object == "werken"
    if cpv_codes:
        return all(cpv_is_works(c) for c in cpv_codes)
    return package in ("gebouwen", "gww")


@lru_cache(maxsize=1)
def _annex_xiv() -> tuple[tuple[int, int], ...]:
    """Annex XIV's CPV codes as inclusive ranges of their eight digits."""
    data = json.loads(ANNEX_XIV_FILE.read_text(encoding="utf-8"))
    ranges = []
    for group in data["groups"]:
        for item in group["codes"]:
            first, last = (item, item) if isinstance(item, str) else item
            ranges.append((int(first[:8]), int(last[:8])))
    return tuple(ranges)


def annex_xiv_source() -> str:
    """Where the list of social and other specific services comes from."""
    return str(json.loads(ANNEX_XIV_FILE.read_text(encoding="utf-8"))["source"])


def cpv_is_social_service(code: str) -> bool:
    """True for a CPV code listed in Annex XIV to directive 2014/24/EU (social and other specific services)."""
    digits = code.strip()[:8]
    if not digits.isdigit() or len(digits) != 8:
        return False
    number = int(digits)
    return any(first <= number <= last for first, last in _annex_xiv())


def cpv_is_service(code: str) -> bool:
    """True for a CPV code of a service (divisions 50 to 98)."""
    division = code.strip()[:2]
    return division.isdigit() and int(division) >= 50


def is_social_services(cpv_codes: list[str], main_object: str | None = None) -> bool:
    """True when the tender is for social and other specific services (the light regime).

    Every service code must be in Annex XIV; supply codes (food for a catering contract) may stand beside them only
    when the main object by value is services.
    """
    if main_object in ("werken", "leveringen") or not cpv_codes:
        return False
    services = [c for c in cpv_codes if cpv_is_service(c)]
    if not services or not all(cpv_is_social_service(c) for c in services):
        return False
    return len(services) == len(cpv_codes) or main_object == "diensten"


SUPPLY_DIVISIONS = 45  # CPV divisions below 45 (and 48, software packages) are supplies; 45 works; above services
NATURE = {"werken": "works", "leveringen": "supplies", "diensten": "services"}  # main_object -> eForms contract-nature


def contract_nature(main_object: str | None, cpv: list[str]) -> str:
    """works, supplies or services (eForms BT-23): the main object when stated, else what the first CPV code says;
    '' without either. CPV divisions below 45  # CPV divisions below 45 (and 48, software packages) are supplies; 45 works; above services and 48 are supplies, 45 works, the rest services."""
    if main_object in NATURE:
        return NATURE[main_object]
    if not cpv:
        return ""
    if cpv_is_works(cpv[0]):
        return "works"
    division = int(cpv[0][:2]) if cpv[0][:2].isdigit() else 99
    return "supplies" if division < SUPPLY_DIVISIONS or division == 48 else "services"
