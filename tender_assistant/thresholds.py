"""EU procurement thresholds by period, read from data/thresholds.json (they change every two years)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

THRESHOLDS_FILE = Path(__file__).with_name("data") / "thresholds.json"
WORKS_CPV_DIVISION = "45"  # CPV division 45: construction work


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

    def for_contract(self, works: bool, central: bool) -> int:
        """The threshold for works, or for supplies/services of a central or decentral authority."""
        if works:
            return self.works
        return self.supplies_services_central if central else self.supplies_services_decentral


@dataclass(frozen=True)
class NationalAdvice:
    """The Gids Proportionaliteit's indicative upper values for private (onderhandse) procedures."""

    source: str
    enkelvoudig_max: int | None
    meervoudig_max: int | None


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(THRESHOLDS_FILE.read_text(encoding="utf-8"))


def eu_periods() -> list[EuThresholds]:
    """All known periods, oldest first."""
    return [
        EuThresholds(date.fromisoformat(p["valid_from"]), date.fromisoformat(p["valid_to"]), p["source"], p["works"],
                     p["supplies_services_central"], p["supplies_services_decentral"], p["social_services"])
        for p in _data()["eu"]
    ]


def eu_thresholds(on: date | None = None) -> tuple[EuThresholds, bool]:
    """The thresholds valid on a date, and whether the date lies in a known period (else: the latest known)."""
    on = on or date.today()
    periods = eu_periods()
    for p in periods:
        if p.valid_from <= on <= p.valid_to:
            return p, True
    return periods[-1], False


def national_advice(works: bool) -> NationalAdvice:
    """The indicative national values for works or for supplies and services."""
    data = _data()["national_advice"]
    part = data["works" if works else "supplies_services"]
    return NationalAdvice(data["source"], part["enkelvoudig_max"], part["meervoudig_max"])


def is_works(cpv_codes: list[str], package: str = "") -> bool:
    """True when the tender is for works: its main (first) CPV code is in division 45, else a construction package."""
    if cpv_codes:
        return cpv_codes[0].strip().startswith(WORKS_CPV_DIVISION)
    return package in ("gebouwen", "gww")
