"""Read published eForms contract award notices into register records: one per lot result with a winner, per buyer.

The fields are read with the XPaths of the official eForms SDK (tender_assistant/data/eforms-notice-fields.json,
made by scripts/eforms_fields from the SDK; its version is in the file and in docs/monitoring.md), never with
hand-written paths. A notice is untrusted input: it is read from at most MAX_NOTICE_BYTES, a DOCTYPE (and with it
every entity trick: external entities, billion laughs) is refused before anything is parsed, the parser never
resolves entities, loads a DTD or touches the network, and a notice of an SDK version this reader does not know is
refused instead of guessed at.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

from criteria_library.infra.errors import UserError
from criteria_library.infra.files import read_regular
from criteria_library.infra.problems import Problem
from criteria_library.infra.zip_bounds import has_doctype

from .records import EQUAL_SHARE, ContractRecord
from .register_store import RegisterError

MAX_NOTICE_BYTES = 20 * 1024 * 1024  # TED's largest award notices are a few MB
AWARD_ROOT = "{urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2}ContractAwardNotice"
NOTICE_ROOTS = {
    "{urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2}ContractNotice":
        ("een aankondiging van een opdracht", "a contract notice"),
    "{urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2}PriorInformationNotice":
        ("een vooraankondiging", "a prior information notice"),
}
# The prefixes the SDK's XPaths use, bound to the UBL 2.3 and eForms extension namespaces.
NAMESPACES = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
}
# Result notice subtypes (notice-subtype code list): award notices of the general, sectoral and defence directives
# and concessions, standard and light regimes, and the voluntary (national) award notice E4.
RESULT_SUBTYPES = {"29", "30", "31", "32", "33", "34", "35", "E4"}
SDK_MAJOR = 1
SDK_RE = re.compile(r"^eforms-sdk-(\d+)\.(\d+)(?:\.\d+)?$")
NATURE = {"works": "W", "supplies": "L", "services": "D"}
NO_FRAMEWORK = {"", "none"}
WINNER_CHOSEN = "selec-w"
CIRCULAR = "circ-econ"
# eForms procedure codes (BT-105) the app has its own name for; others are kept as the code.
PROCEDURES = {"open": "europees-openbaar", "restricted": "europees-niet-openbaar",
              "neg-w-call": "mededinging-onderhandeling"}
MONTHS = {"DAY": 1 / 30.4375, "WEEK": 7 / 30.4375, "MONTH": 1, "YEAR": 12}


class NoticeError(RegisterError):
    """A notice that cannot be read into the register; nothing of it is imported."""

    def __init__(self, name: str, nl: str, en: str) -> None:
        self.name, self.reason, self.reason_en = name, nl, en
        super().__init__(f"{name}: {nl}; er is niets geïmporteerd.", en=f"{name}: {en}; nothing was imported.")


@dataclass
class SkippedLot:
    """A lot result of a notice that became no record, and why (Dutch, English)."""

    lot_id: str
    why: str
    why_en: str


@dataclass
class NoticeRead:
    """What one notice gave: its records and the lot results it left out."""

    notice_id: str
    records: list[ContractRecord] = field(default_factory=list)
    skipped: list[SkippedLot] = field(default_factory=list)


@cache
def sdk_data() -> dict[str, Any]:
    """The shipped subset of the eForms SDK: fields with their node and XPath, and the few code lists used."""
    text = resources.files("tender_assistant").joinpath("data/eforms-notice-fields.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def sdk_version() -> str:
    """The eForms SDK version the reader's fields come from, e.g. 'eforms-sdk-1.15.1'."""
    return str(sdk_data()["sdkVersion"])


def _known_minor() -> int:
    match = SDK_RE.match(sdk_version())
    assert match is not None
    return int(match.group(2))


@cache
def _xpath(expression: str) -> etree.XPath:
    return etree.XPath(expression, namespaces=NAMESPACES, smart_strings=False)


def _node_xpath(node_id: str) -> etree.XPath:
    return _xpath(sdk_data()["nodes"][node_id])


def values(context: Any, field_id: str) -> list[str]:
    """Every value of an SDK field below a context element (the field's node), stripped, empty ones left out."""
    found = _xpath(sdk_data()["fields"][field_id]["xpath"])(context)
    texts = (item if isinstance(item, str) else (item.text or "") for item in found)
    return [t.strip() for t in texts if t and t.strip()]


def value(context: Any, field_id: str) -> str:
    """The first value of an SDK field below a context element, '' when absent."""
    found = values(context, field_id)
    return found[0] if found else ""


def dutch_text(context: Any, field_id: str) -> str:
    """A multilingual text field in Dutch when the notice gives it in Dutch (NLD), else in its first language."""
    found = _xpath(sdk_data()["fields"][field_id]["xpath"])(context)
    texts = [(str(e.get("languageID") or "").upper(), (e.text or "").strip()) for e in found
             if not isinstance(e, str) and (e.text or "").strip()]
    return next((t for lang, t in texts if lang == "NLD"), texts[0][1] if texts else "")


def label(code_list: str, code: str, lang: str = "nl") -> str:
    """A code's label from a shipped eForms code list, the code itself when the list does not have it."""
    entry = sdk_data()["codelists"][code_list].get(code)
    return entry[lang] if entry and entry.get(lang) else code


# ------------------------------------------------------------------------------------------------ parsing safely
def _fail(name: str, nl: str, en: str) -> NoticeError:
    return NoticeError(name, nl, en)


def read_bytes(path: Path) -> bytes:
    """A notice's bytes, refused when it is no regular file or too large (checked before and while reading)."""
    try:
        return read_regular(path, MAX_NOTICE_BYTES, ("eForms-aankondiging", "eForms notice"))
    except UserError as exc:
        raise NoticeError(path.name, exc.message.removesuffix("."), exc.message_en.removesuffix(".")) from None


def parse_notice(data: bytes, name: str) -> Any:
    """The notice's root element; NoticeError for archives, DOCTYPEs, broken XML and unknown document types."""
    if data[:4] == b"PK\x03\x04" or data[:2] == b"\x1f\x8b":
        raise _fail(name, "is een ingepakt bestand (zip of gzip), geen XML-aankondiging; pak het eerst uit",
                    "is a packed file (zip or gzip), not an XML notice; unpack it first")
    if has_doctype(data):
        raise _fail(name, "bevat een DOCTYPE of entiteiten; een eForms-aankondiging heeft die niet en ze worden "
                    "om veiligheidsredenen niet gelezen", "contains a DOCTYPE or entities; an eForms notice has none "
                    "and they are not read, for safety")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = f" (regel {exc.lineno})" if exc.lineno else ""
        line_en = f" (line {exc.lineno})" if exc.lineno else ""
        raise _fail(name, f"is geen geldige XML{line}: {exc.msg}", f"is not valid XML{line_en}: {exc.msg}") from None
    if root.getroottree().docinfo.doctype:  # belt and braces: the byte check above should have caught it
        raise _fail(name, "bevat een DOCTYPE", "contains a DOCTYPE")
    if root.tag in NOTICE_ROOTS:
        kind_nl, kind_en = NOTICE_ROOTS[root.tag]
        subtype = value(root, "OPP-070-notice")
        raise _fail(name, f"is {kind_nl} ({_subtype_text(subtype, 'nl')}), geen aankondiging van een gegunde "
                    "opdracht: er staat nog geen winnaar of gunningswaarde in",
                    f"is {kind_en} ({_subtype_text(subtype, 'en')}), not a contract award notice: it names no "
                    "winner or awarded value yet")
    if root.tag != AWARD_ROOT:
        ns, _, local = str(root.tag).rpartition("}")
        if local == "ContractAwardNotice":
            raise _fail(name, f"heeft een onbekende namespace ({ns.lstrip('{')}); dit is geen eForms-aankondiging",
                        f"has an unknown namespace ({ns.lstrip('{')}); this is not an eForms notice")
        raise _fail(name, f"is geen eForms-aankondiging (het hoofdelement is {local or root.tag})",
                    f"is not an eForms notice (its root element is {local or root.tag})")
    return root


def _subtype_text(subtype: str, lang: str) -> str:
    if not subtype:
        return "subtype onbekend" if lang == "nl" else "subtype unknown"
    return f"{'soort' if lang == 'nl' else 'subtype'} {subtype}: {label('notice-subtype', subtype, lang)}"


def _check_version(root: Any, name: str) -> None:
    customization = root.findtext("cbc:CustomizationID", namespaces=NAMESPACES) or ""
    match = SDK_RE.match(customization.strip())
    known = sdk_version()
    if not customization.strip():
        raise _fail(name, "noemt geen eForms-versie (cbc:CustomizationID); is het wel een eForms-aankondiging?",
                    "names no eForms version (cbc:CustomizationID); is it an eForms notice?")
    if not match or int(match.group(1)) != SDK_MAJOR or int(match.group(2)) > _known_minor():
        raise _fail(name, f"is gemaakt met eForms-versie {customization.strip()}; dit programma leest "
                    f"aankondigingen van {SDK_MAJOR}.0 tot en met {known} (werk de app bij als die nieuwer is)",
                    f"was made with eForms version {customization.strip()}; this program reads notices from "
                    f"{SDK_MAJOR}.0 up to {known} (update the app if it is newer)")


# ------------------------------------------------------------------------------------------------ values
def _date(text: str) -> date | None:
    """An eForms date ('2019-09-03+02:00', '2000-01-01Z'): the calendar date, its zone dropped."""
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _amount(context: Any, field_id: str) -> tuple[float, str] | None:
    """(amount, currency) of an SDK amount field, None when absent or not a number."""
    text = value(context, field_id)
    if not text:
        return None
    try:
        amount = float(text)
    except ValueError:
        return None
    if amount != amount or amount < 0 or amount > 1e12:
        return None
    return amount, value(context, f"{field_id}-Currency") or "EUR"


def _add_months(start: date, months: float) -> date:
    """The last day of a term of `months` months starting on `start`."""
    whole = int(months)
    year, month = divmod(start.month - 1 + whole, 12)
    day = min(start.day, [31, 29 if (start.year + year) % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                          31][month])
    end = date(start.year + year, month + 1, day)
    end += timedelta(days=round((months - whole) * 30.4375))
    return end - timedelta(days=1)


# ------------------------------------------------------------------------------------------------ reading a notice
def read_notice(path: Path | str) -> NoticeRead:
    """The register records of one contract award notice (nothing is written); NoticeError when it cannot be read."""
    path = Path(path)
    return notice_records(parse_notice(read_bytes(path), path.name), path.name)


def notice_records(root: Any, name: str) -> NoticeRead:
    """One record per lot result with a winner and per buyer, from a parsed award notice."""
    _check_version(root, name)
    subtype = value(root, "OPP-070-notice")
    if subtype and subtype not in RESULT_SUBTYPES:
        raise _fail(name, f"is geen aankondiging van een gegunde opdracht ({_subtype_text(subtype, 'nl')})",
                    f"is not a contract award notice ({_subtype_text(subtype, 'en')})")
    notice_id = value(root, "BT-701-notice")
    if not notice_id:
        raise _fail(name, "mist de aankondigings-ID (BT-701); is het wel een eForms-aankondiging?",
                    "lacks the notice identifier (BT-701); is it an eForms notice?")
    dispatched = _date(value(root, "BT-05(a)-notice"))
    organisations = {value(o, "OPT-200-Organization-Company"): dutch_text(o, "BT-500-Organization-Company")
                     for o in _node_xpath("ND-Organization")(root)}
    buyers = list(dict.fromkeys(organisations.get(ref, "") or ref for p in _node_xpath("ND-ContractingParty")(root)
                                for ref in values(p, "OPT-300-Procedure-Buyer")))
    if not buyers:
        raise _fail(name, "noemt geen aanbestedende dienst (OPT-300)", "names no buyer (OPT-300)")
    lots = {value(lot, "BT-137-Lot"): lot for lot in _node_xpath("ND-Lot")(root)}
    tenders = {value(t, "OPT-321-Tender"): t for t in _node_xpath("ND-LotTender")(root)}
    contracts = {value(c, "OPT-316-Contract"): c for c in _node_xpath("ND-SettledContract")(root)}
    parties = {value(p, "OPT-210-Tenderer"): [organisations.get(o, o) for o in values(p, "OPT-300-Tenderer")]
               for p in _node_xpath("ND-TenderingParty")(root)}
    procedure_code = value(root, "BT-105-Procedure")
    procedure = PROCEDURES.get(procedure_code, procedure_code)
    results = _node_xpath("ND-LotResult")(root)
    read = NoticeRead(notice_id)
    for result in results:
        lot_id = value(result, "BT-13713-LotResult")
        lot = lots.get(lot_id)

        def skip(nl: str, en: str, lot_id: str = lot_id) -> None:
            read.skipped.append(SkippedLot(lot_id, nl, en))

        if value(result, "BT-142-LotResult") != WINNER_CHOSEN:
            status = value(result, "BT-142-LotResult")
            skip(f"geen winnaar ({label('winner-selection-status', status) if status else 'niet vermeld'})",
                 f"no winner ({label('winner-selection-status', status, 'en') if status else 'not stated'})")
            continue
        if lot is None:
            skip("het perceel staat niet in de aankondiging", "the lot is not in the notice")
            continue
        winning = [tenders[t] for t in values(result, "OPT-320-LotResult") if t in tenders]
        winners = list(dict.fromkeys(n for t in winning for p in values(t, "OPT-310-Tender")
                                     for n in parties.get(p, [])))
        framework = (value(lot, "BT-765-Lot") not in NO_FRAMEWORK
                     or any(value(contracts[c], "BT-768-Contract") == "true"
                            for c in values(result, "OPT-315-LotResult") if c in contracts))
        amount = _lot_value(result, lot, winning, framework, len(results) == 1 and root)
        if amount is None:
            skip("geen gunningswaarde in de aankondiging", "no awarded value in the notice")
            continue
        if amount[1] != "EUR":
            skip(f"het bedrag staat in {amount[1]}; dit programma rekent geen valuta om",
                 f"the amount is in {amount[1]}; this program does not convert currencies")
            continue
        settled = [contracts[c] for c in values(result, "OPT-315-LotResult") if c in contracts]
        decided = [d for c in settled if (d := _date(value(c, "BT-1451-Contract")))]
        concluded = [d for c in settled if (d := _date(value(c, "BT-145-Contract")))]
        start, end = _term(lot, concluded[0] if concluded else None)
        nature = NATURE.get(value(lot, "BT-23-Lot") or value(root, "BT-23-Procedure"), "L")
        cpv = list(dict.fromkeys(values(lot, "BT-262-Lot") + values(lot, "BT-263-Lot")))
        title = dutch_text(lot, "BT-21-Lot") or dutch_text(root, "BT-21-Procedure") or lot_id
        share = 1 / len(buyers)
        for buyer in buyers:
            record = ContractRecord(
                organisation=buyer, title=title, cpv=cpv, nature=nature, procedure=procedure,
                award_date=min(decided) if decided else dispatched, start_date=start, end_date=end,
                value_eur=round(amount[0] * share, 2), physical=nature in ("W", "L"), criteria=[],
                criteria_known=False, source="aankondiging", notice_id=notice_id, lot_id=lot_id,
                winner="; ".join(winners), framework=framework,
                declared_circular=CIRCULAR in values(lot, "BT-774-Lot"),
                share=share if len(buyers) > 1 else None, share_basis=EQUAL_SHARE if len(buyers) > 1 else "",
                participants=buyers if len(buyers) > 1 else [])
            record.uid = notice_uid(notice_id, lot_id, buyer)
            read.records.append(record)
    return read


def _lot_value(result: Any, lot: Any, winning: list[Any], framework: bool,
               single_result_root: Any) -> tuple[float, str] | None:
    """The lot's value: a framework's maximum (else its re-estimate or estimate), else the winning tenders' sum."""
    if framework:
        for context, field_id in ((result, "BT-709-LotResult"), (result, "BT-660-LotResult"), (lot, "BT-271-Lot"),
                                  (lot, "BT-27-Lot")):
            found = _amount(context, field_id)
            if found is not None:
                return found
    amounts = [a for t in winning if (a := _amount(t, "BT-720-Tender")) is not None]
    if amounts:
        currencies = {c for _, c in amounts}
        if len(currencies) > 1:
            return 0.0, "/".join(sorted(currencies))
        return sum(a for a, _ in amounts), amounts[0][1]
    if single_result_root is not False and single_result_root is not None:
        return _amount(single_result_root, "BT-161-NoticeResult")  # the notice's value is this one lot's
    return None


def _term(lot: Any, concluded: date | None) -> tuple[date | None, date | None]:
    """Start and end: the lot's stated dates, else its duration from the start or the contract's conclusion."""
    start = _date(value(lot, "BT-536-Lot"))
    end = _date(value(lot, "BT-537-Lot"))
    duration, unit = value(lot, "BT-36-Lot"), value(lot, "BT-36-Lot-Unit")
    if end is None and duration and unit in MONTHS:
        first = start or concluded
        try:
            months = float(duration) * MONTHS[unit]
        except ValueError:
            return start, None
        if first is not None and 0 < months <= 1200:
            return first, _add_months(first, months)
    return start, end


def notice_uid(notice_id: str, lot_id: str, buyer: str) -> str:
    """The record's identity: the same notice's same lot for the same buyer is one record, however often imported."""
    key = json.dumps([notice_id.strip().casefold(), lot_id.strip().casefold(), buyer.strip().casefold()])
    return "n-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def read_notices(paths: list[Path]) -> tuple[list[ContractRecord], list[tuple[str, SkippedLot]], list[Problem]]:
    """Every notice's records, the lot results left out (with the file's name) and the notices that cannot be read."""
    records: list[ContractRecord] = []
    skipped: list[tuple[str, SkippedLot]] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            read = read_notice(path)
        except NoticeError as exc:
            problems.append(Problem(path.name, exc.reason, exc.reason_en))
            continue
        records.extend(read.records)
        skipped.extend((path.name, s) for s in read.skipped)
    return records, skipped, problems
