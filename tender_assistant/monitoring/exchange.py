"""The exchange file `tender-assistant.monitoring` (version 2): an organisation's records for the regisseur.

Each record carries its uid and its criteria's attributes as they were registered, so the regisseur can count
many organisations' files without their libraries, and importing a file twice (or a newer one) never counts a
contract twice. Version 2 adds per record the notice and lot (null when unknown), the participants and share of a
joint contract and each criterion's reference at its source; and per file the counting rule it was made with and
the coverage per organisation and year. The regisseur's register recounts every record with its own rule: it never
adds up other organisations' percentages. Version 1 files still import.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeGuard

from criteria_library.infra import strict_json
from criteria_library.infra.files import atomic_write, require_regular
from criteria_library.infra.problems import Problem
from criteria_library.infra.text import shown

from .importer import ImportProblems
from .records import NATURES, ContractRecord, organisation_key, record_from_dict, record_to_dict
from .register_store import RegisterError, RegisterStore
from .rule import CountingRule, summarise

FORMAT = "tender-assistant.monitoring"
VERSION = 2
MAX_EXCHANGE_BYTES = 200 * 1024 * 1024  # a region's register of 100,000 contracts is about 60 MB


def export_register(register: RegisterStore, out: Path | str, organisation: str | None = None) -> int:
    """Write the register's records (of one organisation when given) as an exchange file; returns the count."""
    out = Path(out)
    if out.suffix.lower() != ".json":
        raise RegisterError(f"Het exportbestand moet eindigen op .json, niet {out.name}.",
                            en=f"The export file must end in .json, not {out.name}.")
    records = register.records(organisation)
    rule = register.rule()
    data = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "organisations": sorted({r.organisation for r in records}),
        "rule": rule.to_dict(),
        "coverage": coverage_by_organisation(records, rule),
        "records": [record_to_dict(r) for r in records],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    atomic_write(out, lambda tmp: tmp.write_text(text, encoding="utf-8"), error=RegisterError)
    return len(records)


def coverage_by_organisation(records: list[ContractRecord], rule: CountingRule) -> dict[str, dict[str, Any]]:
    """Per organisation and award year: the value in scope, the value whose criteria are known, and their share."""
    years = sorted({r.award_date.year for r in records if r.award_date})
    result: dict[str, dict[str, Any]] = {}
    for year in years:
        for name, totals in summarise(records, rule, year).organisations.items():
            result.setdefault(name, {})[str(year)] = {
                "in_scope_eur": round(totals.in_scope_eur, 2), "known_eur": round(totals.known_eur, 2),
                "coverage": totals.known_eur / totals.in_scope_eur if totals.in_scope_eur else None}
    return dict(sorted(result.items(), key=lambda kv: kv[0].casefold()))


@dataclass
class ExchangeFile:
    """What an exchange file holds: its records, its version, the counting rule it was made with (None in v1) and
    the organisations whose records it says it holds (its header; every record belongs to one of them)."""

    records: list[ContractRecord]
    version: int
    rule: CountingRule | None = None
    organisations: list[str] | None = None


def read_exchange(path: Path) -> list[ContractRecord]:
    """Read and check an exchange file's records; ImportProblems lists every problem with its JSON place."""
    return read_exchange_file(path).records


def rule_difference(theirs: CountingRule, ours: CountingRule) -> list[tuple[str, str]]:
    """(Dutch, English) per setting in which another file's rule differs from ours; empty when they are the same."""
    names = {"min_weight": ("minimale weging", "minimum weight"), "value_method": ("waardebasis", "value basis"),
             "excluded_packages": ("uitgesloten pakketten", "excluded packages"),
             "count_fictive_discount": ("fictieve korting telt", "fictive discount counts"),
             "borderline_margin": ("grensmarge", "borderline margin"), "targets": ("doelen", "targets")}
    a, b = theirs.to_dict(), ours.to_dict()
    return [(f"{nl}: {a[key]} in plaats van {b[key]}", f"{en}: {a[key]} instead of {b[key]}")
            for key, (nl, en) in names.items() if a.get(key) != b.get(key)]


def read_exchange_file(path: Path) -> ExchangeFile:
    """Read and check an exchange file; ImportProblems lists every problem with its JSON place."""
    # a FIFO or a device would hang or never end; a missing file is said to be missing
    require_regular(path, MAX_EXCHANGE_BYTES, ("monitoringbestand", "monitoring file"), error=RegisterError)
    try:
        data = strict_json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise RegisterError(f"{path.name} kan niet worden gelezen: {exc.strerror}.",
                            en=f"{path.name} cannot be read: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise RegisterError(f"{path.name} is geen UTF-8-tekst.", en=f"{path.name} is not UTF-8 text.") from None
    except strict_json.JsonTextError as exc:
        place_nl, place_en = (f" ({exc.place()})", f" ({exc.place('en')})") if exc.line else ("", "")
        raise RegisterError(f"{path.name} is geen geldig JSON-bestand{place_nl}: {exc.nl}.",
                            en=f"{path.name} is not a valid JSON file{place_en}: {exc.en}.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RegisterError(f"{path.name} is geen monitoringbestand (format moet \"{FORMAT}\" zijn).",
                            en=f"{path.name} is not a monitoring file (format must be \"{FORMAT}\").")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise RegisterError(f"{path.name}: version ontbreekt of is geen geheel getal.",
                            en=f"{path.name}: version is missing or not a whole number.")
    if version > VERSION:
        raise RegisterError(f"{path.name} is versie {version}; dit programma kent versie {VERSION}. Werk de app bij.",
                            en=f"{path.name} is version {version}; this program knows version {VERSION}. Update.")
    items = data.get("records")
    if not isinstance(items, list):
        raise RegisterError(f"{path.name}: records moet een lijst zijn.", en=f"{path.name}: records must be a list.")
    problems: list[Problem] = []
    records = []
    for i, item in enumerate(items):
        before = len(problems)
        _check_record(f"records[{i}]", item, problems)
        if len(problems) == before:
            records.append(record_from_dict(item))
    rule = None
    if version >= 2:
        raw_rule = data.get("rule")
        try:
            rule = CountingRule.from_dict(raw_rule) if isinstance(raw_rule, dict) else None
        except (TypeError, ValueError, AttributeError):
            rule = None
        if rule is None:
            problems.append(Problem("rule", "ontbreekt of is geen geldige telregel",
                                    "is missing or not a valid counting rule"))
    organisations = _organisations(data.get("organisations"), items, problems)
    if problems:
        raise ImportProblems(path.name, problems)
    return ExchangeFile(records, version, rule, organisations)


def _organisations(header: Any, items: list[Any], problems: list[Problem]) -> list[str]:
    """The file's `organisations` header; a record of an organisation it does not name is a problem: a file never
    decides by a record's own field whose record it changes (every export since version 1 writes the header)."""
    if not isinstance(header, list) or not all(isinstance(name, str) and name.strip() for name in header):
        problems.append(Problem("organisations", "ontbreekt of is geen lijst met namen van organisaties",
                                "is missing or not a list of organisation names"))
        return []
    named = {organisation_key(name) for name in header}
    listed = ", ".join(shown(name) for name in header)
    for i, item in enumerate(items):
        name = item.get("organisation") if isinstance(item, dict) else None
        if isinstance(name, str) and name.strip() and organisation_key(name) not in named:
            problems.append(Problem(f"records[{i}].organisation",
                                    f"\"{shown(name)}\" staat niet bij de organisaties van dit bestand "
                                    f"({listed or 'geen'}); een bestand levert alleen registraties van zijn eigen "
                                    "organisaties",
                                    f"\"{shown(name)}\" is not among this file's organisations "
                                    f"({listed or 'none'}); "
                                    "a file only brings records of its own organisations"))
    return list(header)


def _is_number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_record(where: str, item: Any, problems: list[Problem]) -> None:
    """Every value record_from_dict stores is checked here: another organisation's file never reaches the register
    with a NaN weight, a date that is a number or a list where a text belongs."""
    def bad(key: str, nl: str, en: str) -> None:
        problems.append(Problem(f"{where}.{key}" if key else where, nl, en))

    if not isinstance(item, dict):
        bad("", "moet een object zijn", "must be an object")
        return
    for key in ("uid", "organisation", "title"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            bad(key, "ontbreekt of is leeg", "is missing or empty")
    for key in ("package", "procedure", "source", "override_reason"):
        if item.get(key) is not None and not isinstance(item[key], str):
            bad(key, "moet een tekst zijn", "must be a text")
    value = item.get("value_eur")
    if not _is_number(value) or not 0 <= value <= 1e12:
        bad("value_eur", "moet een bedrag tussen 0 en 1.000 miljard zijn", "must be an amount between 0 and 1e12")
    if not isinstance(item.get("physical"), bool):
        bad("physical", "moet true of false zijn", "must be true or false")
    if not isinstance(item.get("criteria_known", True), bool):
        bad("criteria_known", "moet true of false zijn", "must be true or false")
    nature = item.get("nature", "L")
    if not isinstance(nature, str) or nature not in NATURES:
        bad("nature", "moet W, L of D zijn", "must be W, L or D")
    for key in ("notice_id", "lot_id"):
        if item.get(key) is not None and not isinstance(item[key], str):
            bad(key, "moet een tekst of null zijn", "must be a text or null")
    participants = item.get("participants", [])
    if participants is not None and (not isinstance(participants, list)
                                     or not all(isinstance(p, str) for p in participants)):
        bad("participants", "moet een lijst van namen (teksten) zijn", "must be a list of names (texts)")
    share = item.get("share")
    if share is not None and (not _is_number(share) or not 0 < share <= 1):
        bad("share", "moet een deel groter dan 0 en ten hoogste 1 zijn", "must be a fraction above 0, at most 1")
    for key in ("framework", "declared_circular"):
        if item.get(key) is not None and not isinstance(item[key], bool):
            bad(key, "moet true of false zijn", "must be true or false")
    for key in ("winner", "share_basis"):
        if item.get(key) is not None and not isinstance(item[key], str):
            bad(key, "moet een tekst zijn", "must be a text")
    cpv = item.get("cpv", [])
    if cpv is not None and (not isinstance(cpv, list) or not all(isinstance(c, str) for c in cpv)):
        bad("cpv", "moet een lijst van CPV-codes (teksten) zijn", "must be a list of CPV codes (texts)")
    if item.get("override") is not None and not isinstance(item["override"], bool):
        bad("override", "moet true, false of null zijn", "must be true, false or null")
    elif item.get("override") is not None and not str(item.get("override_reason") or "").strip():
        bad("override_reason", "is verplicht bij een oordeel", "is required with an override")
    for key in ("award_date", "start_date", "end_date"):
        raw = item.get(key)
        if raw is None:
            continue
        try:
            if not isinstance(raw, str):
                raise ValueError(raw)
            date.fromisoformat(raw)
        except ValueError:
            bad(key, f"\"{shown(raw)}\" is geen datum (JJJJ-MM-DD)", f"\"{shown(raw)}\" is not a date (YYYY-MM-DD)")
    criteria = item.get("criteria", [])
    if criteria is None:
        return
    if not isinstance(criteria, list):
        bad("criteria", "moet een lijst zijn", "must be a list")
        return
    for j, c in enumerate(criteria):
        if not isinstance(c, dict) or not isinstance(c.get("id"), str):
            bad(f"criteria[{j}]", "moet een object met een id zijn", "must be an object with an id")
            continue
        weight = c.get("weight")
        if weight is not None and (not _is_number(weight) or not 0 <= weight <= 100):
            bad(f"criteria[{j}].weight", "moet een getal van 0 tot en met 100 zijn", "must be a number from 0 to 100")
        level = c.get("level")
        if level is not None and (isinstance(level, bool) or level not in (1, 2, 3)):
            bad(f"criteria[{j}].level", "moet 1, 2 of 3 zijn", "must be 1, 2 or 3")
        version = c.get("version")
        if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
            bad(f"criteria[{j}].version", "moet een geheel getal zijn", "must be a whole number")
        for key in ("kind", "r_strategy", "scoring_type", "source", "reference"):
            if c.get(key) is not None and not isinstance(c[key], str):
                bad(f"criteria[{j}].{key}", "moet een tekst zijn", "must be a text")
        if c.get("marktstandaard") is not None and not isinstance(c["marktstandaard"], bool):
            bad(f"criteria[{j}].marktstandaard", "moet true of false zijn", "must be true or false")
        kinds = c.get("source_type")
        if kinds is not None and (not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds)):
            bad(f"criteria[{j}].source_type", "moet een lijst met teksten zijn", "must be a list of texts")
