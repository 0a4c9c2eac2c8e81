"""The exchange file `tender-assistant.monitoring` (version 1): an organisation's records for the regisseur.

Each record carries its uid and its criteria's attributes as they were registered, so the regisseur can count
many organisations' files without their libraries, and importing a file twice (or a newer one) never counts a
contract twice.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from criteria_library.infra.files import atomic_write
from criteria_library.infra.problems import Problem

from .importer import ImportProblems
from .records import NATURES, ContractRecord, record_from_dict, record_to_dict
from .register_store import RegisterError, RegisterStore

FORMAT = "tender-assistant.monitoring"
VERSION = 1


def export_register(register: RegisterStore, out: Path | str, organisation: str | None = None) -> int:
    """Write the register's records (of one organisation when given) as an exchange file; returns the count."""
    out = Path(out)
    if out.suffix.lower() != ".json":
        raise RegisterError(f"Het exportbestand moet eindigen op .json, niet {out.name}.",
                            en=f"The export file must end in .json, not {out.name}.")
    records = register.records(organisation)
    data = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "organisations": sorted({r.organisation for r in records}),
        "records": [record_to_dict(r) for r in records],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    atomic_write(out, lambda tmp: tmp.write_text(text, encoding="utf-8"), error=RegisterError)
    return len(records)


def read_exchange(path: Path) -> list[ContractRecord]:
    """Read and check an exchange file; ImportProblems lists every problem with its JSON place."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise RegisterError(f"{path.name} kan niet worden gelezen: {exc.strerror}.",
                            en=f"{path.name} cannot be read: {exc.strerror}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RegisterError(f"{path.name} is geen geldig JSON-bestand ({exc}).",
                            en=f"{path.name} is not a valid JSON file ({exc}).") from None
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
    if problems:
        raise ImportProblems(path.name, problems)
    return records


def _check_record(where: str, item: Any, problems: list[Problem]) -> None:
    def bad(key: str, nl: str, en: str) -> None:
        problems.append(Problem(f"{where}.{key}" if key else where, nl, en))

    if not isinstance(item, dict):
        bad("", "moet een object zijn", "must be an object")
        return
    for key in ("uid", "organisation", "title"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            bad(key, "ontbreekt of is leeg", "is missing or empty")
    value = item.get("value_eur")
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1e12:
        bad("value_eur", "moet een bedrag tussen 0 en 1.000 miljard zijn", "must be an amount between 0 and 1e12")
    if not isinstance(item.get("physical"), bool):
        bad("physical", "moet true of false zijn", "must be true or false")
    if item.get("nature", "L") not in NATURES:
        bad("nature", "moet W, L of D zijn", "must be W, L or D")
    if item.get("override") not in (None, True, False):
        bad("override", "moet true, false of null zijn", "must be true, false or null")
    elif item.get("override") is not None and not str(item.get("override_reason") or "").strip():
        bad("override_reason", "is verplicht bij een oordeel", "is required with an override")
    for key in ("award_date", "start_date", "end_date"):
        if item.get(key) is not None:
            try:
                date.fromisoformat(str(item[key]))
            except ValueError:
                bad(key, f"\"{item[key]}\" is geen datum (JJJJ-MM-DD)", f"\"{item[key]}\" is not a date (YYYY-MM-DD)")
    criteria = item.get("criteria", [])
    if not isinstance(criteria, list):
        bad("criteria", "moet een lijst zijn", "must be a list")
        return
    for j, c in enumerate(criteria):
        if not isinstance(c, dict) or not isinstance(c.get("id"), str):
            bad(f"criteria[{j}]", "moet een object met een id zijn", "must be an object with an id")
            continue
        weight = c.get("weight")
        if weight is not None and (not isinstance(weight, int | float) or isinstance(weight, bool)):
            bad(f"criteria[{j}].weight", "moet een getal zijn", "must be a number")
        level = c.get("level")
        if level is not None and level not in (1, 2, 3):
            bad(f"criteria[{j}].level", "moet 1, 2 of 3 zijn", "must be 1, 2 or 3")
