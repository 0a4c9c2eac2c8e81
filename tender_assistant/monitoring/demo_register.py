"""A believable register for trainers (two organisations, three years) and synthetic registers for benchmarks.

Deterministic (seeded), built from the library's own criteria so every record can be explained in a session.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from criteria_library.models import Criterion, Kind
from tender_assistant.library import Library

from .importer import applied_from_library
from .records import ContractRecord

DEMO_ORGANISATIONS = ("Gemeente Voorbeeldstad", "Gemeente Havendam")
DEMO_YEARS = (2023, 2024, 2025)

# package -> (contract titles, nature, typical value range in EUR, term in months)
CONTRACTS: dict[str, tuple[tuple[str, ...], str, tuple[int, int], int]] = {
    "meubilair": (("Kantoormeubilair stadskantoor", "Inrichting flexwerkplekken", "Bureaustoelen en zit-sta-bureaus",
                   "Meubilair vergaderzalen"), "L", (80_000, 900_000), 48),
    "bedrijfskleding": (("Bedrijfskleding buitendienst", "Dienstkleding handhaving", "Veiligheidsschoenen"), "L",
                        (60_000, 600_000), 36),
    "ict-hardware": (("Laptops en beeldschermen", "Smartphones medewerkers", "Werkplekapparatuur scholen"), "L",
                     (150_000, 1_800_000), 48),
    "gww": (("Herinrichting Dorpsstraat", "Groot onderhoud kademuren", "Vervanging riolering Noord",
             "Fietspad Havenweg"), "W", (400_000, 6_000_000), 24),
    "gebouwen": (("Renovatie sporthal", "Nieuwbouw brede school", "Verduurzaming stadhuis"), "W",
                 (900_000, 9_000_000), 30),
    "verkeersborden": (("Verkeersborden en bewegwijzering", "Vervanging straatnaamborden"), "L", (40_000, 350_000), 48),
    "catering": (("Catering stadskantoor", "Koffievoorziening"), "D", (120_000, 900_000), 48),
    "openbare-verlichting": (("LED-armaturen openbare verlichting", "Onderhoud verkeersregelinstallaties"), "L",
                             (200_000, 2_000_000), 60),
    "schoonmaak": (("Schoonmaak gemeentelijke gebouwen",), "D", (300_000, 1_500_000), 48),
    "papier-drukwerk": (("Drukwerk en kopieerpapier",), "L", (30_000, 200_000), 24),
    "voertuigen": (("Elektrische bedrijfsauto's", "Veegmachines"), "L", (150_000, 1_200_000), 60),
}
NON_PHYSICAL = (("Inhuur projectleiders", "D"), ("Juridisch advies", "D"), ("Accountantsdiensten", "D"),
                ("Verzekeringen", "D"))


@dataclass
class _Pool:
    by_kind: dict[str, list[Criterion]]


def _pools(library: Library) -> dict[str, _Pool]:
    """The library's current criteria per package and kind."""
    pools: dict[str, _Pool] = {}
    for c in library.criteria(include_retired=False):
        pools.setdefault(c.package, _Pool({})).by_kind.setdefault(c.kind, []).append(c)
    return pools


def _record(rnd: random.Random, org: str, year: int, package: str) -> ContractRecord:
    titles, nature, (low, high), months = CONTRACTS[package]
    award = date(year, 1, 1) + timedelta(days=rnd.randrange(0, 360))
    start = award + timedelta(days=rnd.randrange(30, 120))
    end = start + timedelta(days=int(months * 30.4) - 1)
    value = round(rnd.uniform(low, high), -3)
    return ContractRecord(organisation=org, title=f"{rnd.choice(titles)} {year}", package=package, nature=nature,
                          procedure="europees-openbaar" if value > 221_000 else "meervoudig-onderhands",
                          award_date=award, start_date=start, end_date=end, value_eur=value, physical=True,
                          source=rnd.choice(("app", "import", "import", "handmatig")))


def _awards(pool: _Pool) -> list[Criterion]:
    return [c for c in pool.by_kind.get(str(Kind.AWARD), []) if c.carries_weight]


def _make_circular(rnd: random.Random, r: ContractRecord, pool: _Pool) -> None:
    """Requirements or clauses, and an award criterion at a real weight."""
    for kind in (Kind.REQUIREMENT, Kind.CONTRACT):
        options = pool.by_kind.get(str(kind), [])
        if options and rnd.random() < 0.7:
            r.criteria.append(applied_from_library(rnd.choice(options), None))
    if _awards(pool):
        r.criteria.append(applied_from_library(rnd.choice(_awards(pool)), float(rnd.choice((5, 10, 10, 15, 20)))))


def _make_weak(rnd: random.Random, r: ContractRecord, pool: _Pool) -> None:
    """A half-hearted attempt: one circular award criterion below the line."""
    if _awards(pool):
        r.criteria.append(applied_from_library(rnd.choice(_awards(pool)), float(rnd.choice((2, 3, 4)))))


def build_records(library: Library, organisations: tuple[str, ...], years: tuple[int, ...], per_year: int,
                  seed: int = 2025, shares: dict[str, tuple[float, ...]] | None = None) -> list[ContractRecord]:
    """Records for each organisation and year; the circular share by value comes close to `shares`.

    Which contracts are circular is chosen to reach the share (in random order), so the story a trainer tells
    (rising year by year) holds whatever criteria the library has.
    """
    rnd = random.Random(seed)
    pools = _pools(library)
    packages = [p for p in CONTRACTS if p in pools] or list(CONTRACTS)
    weights = [3 if p in ("gww", "gebouwen", "ict-hardware", "meubilair") else 1 for p in packages]
    records = []
    for o_index, org in enumerate(organisations):
        for y_index, year in enumerate(years):
            wanted = (shares or {}).get(org, ())
            share = wanted[y_index] if y_index < len(wanted) else min(0.9, 0.15 + 0.12 * y_index + 0.03 * (o_index % 5))
            batch = []
            for _ in range(per_year):
                if rnd.random() < 0.12:
                    title, nature = rnd.choice(NON_PHYSICAL)
                    award = date(year, 1, 1) + timedelta(days=rnd.randrange(0, 360))
                    records.append(ContractRecord(organisation=org, title=f"{title} {year}", nature=nature,
                                                  award_date=award, value_eur=round(rnd.uniform(50_000, 400_000), -3),
                                                  physical=False, criteria_known=False, source="import"))
                    continue
                batch.append(_record(rnd, org, year, rnd.choices(packages, weights)[0]))
            goal = share * sum(r.value_eur for r in batch)
            circular = 0.0
            for r in sorted(batch, key=lambda _: rnd.random()):
                pool = pools.get(r.package)
                if pool is None or rnd.random() < 0.05:
                    r.criteria_known = False  # nobody recorded what went in
                elif circular + r.value_eur <= goal * 1.1 or circular == 0 and share > 0:
                    _make_circular(rnd, r, pool)
                    circular += r.value_eur
                elif rnd.random() < 0.3:
                    _make_weak(rnd, r, pool)
            records.extend(batch)
    # make titles unique per organisation (two 'Veegmachines 2024' would share a uid)
    seen: dict[tuple[str, str], int] = {}
    for r in records:
        key = (r.organisation, r.title)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            r.title = f"{r.title} ({seen[key]})"
    return records


def demo_records(library: Library) -> list[ContractRecord]:
    """The trainers' register: two organisations over three years, with one override and its reason."""
    shares: dict[str, tuple[float, ...]] = {DEMO_ORGANISATIONS[0]: (0.18, 0.31, 0.46), DEMO_ORGANISATIONS[1]: (0.09, 0.22, 0.41)}
    records = build_records(library, DEMO_ORGANISATIONS, DEMO_YEARS, per_year=16, seed=10, shares=shares)
    for r in records:
        if r.organisation == DEMO_ORGANISATIONS[1] and r.package == "verkeersborden" and r.override is None:
            r.override = True
            r.override_reason = "Borden worden gehuurd met terugname en hergebruik; dat staat in het contract, " \
                                "niet in een criterium uit de bibliotheek."
            break
    return records
