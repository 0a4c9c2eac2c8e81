"""Import an organisation's contract list (CSV or XLSX with the Dutch column contract) into the register.

Every row is checked first; a bad row is reported with its row number and nothing is imported. Each contract gets
a uid from its content, so importing the same file twice adds nothing. The register is backed up before anything
is added.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from criteria_library.infra import spreadsheets
from criteria_library.infra.files import require_regular
from criteria_library.infra.problems import Problem, more_text
from criteria_library.infra.spreadsheets import MAX_SHEET_FILE_BYTES, SheetError, cell_number
from criteria_library.infra.text import AMOUNT, NUMBER, NumberError, euro, read_number
from criteria_library.models import CRITERION_ID_RE, Criterion, Kind, Package
from tender_assistant.library import Library

from .notice_match import Match
from .records import (
    NATURES,
    STATED_SHARE,
    AppliedCriterion,
    ContractRecord,
    content_uid,
    keyed_uid,
    notice_key,
    organisation_key,
    stable_uid,
)
from .register_store import RegisterError, RegisterStore, record_to_row

# The import contract: these column names, in any order. Extra columns are ignored.
COLUMNS = ("organisatie", "titel", "pakket", "cpv", "aard", "procedure", "gunningsdatum", "startdatum", "einddatum",
           "waarde_eur", "fysiek", "criteria", "circulair", "reden")
# Optional columns (issue 20/22): the lot, the published notice, the participants of a joint contract ('|' between
# names) and this organisation's share of it in percent.
# contractnummer: the organisation's own number for the contract; with it (or with the notice) a corrected title or
# value updates the record instead of adding a second one.
OPTIONAL_COLUMNS = ("perceel", "aankondiging", "deelnemers", "aandeel", "contractnummer")
REQUIRED_VALUES = ("organisatie", "titel", "aard", "gunningsdatum", "waarde_eur", "fysiek")
YES = {"ja", "j", "yes", "y", "true", "1", "waar"}
NO = {"nee", "n", "no", "false", "0", "onwaar"}
NO_CRITERIA = {"geen", "-"}  # known to have none, unlike an empty cell (unknown)
MAX_EUR = 1e12


class ImportProblems(RegisterError):
    """A contract list with problems; `problems` lists each with its place (row and column)."""

    def __init__(self, name: str, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{name}: {problems[0].line()}{more_text(problems)}; er is niets geïmporteerd",
                         en=f"{name}: {problems[0].line('en')}{more_text(problems, 'en')}; nothing was imported")

    def report(self, lang: str = "nl") -> str:
        """Every problem on its own line, place first."""
        return "\n".join(p.line(lang) for p in self.problems)


@dataclass
class ImportResult:
    """What an import did."""

    added: int
    skipped: int  # already in the register (same contract), or twice in the file
    updated: int = 0
    backup: Path | None = None
    read: int = 0  # contracts read from the files, before duplicates are skipped
    total_eur: float = 0.0  # the sum of the amounts read: a factor of 1,000 shows here before it counts
    notes: list[tuple[str, str]] = field(default_factory=list)  # (Dutch, English) lines: e.g. notice lots left out


# ------------------------------------------------------------------ values
def parse_date(value: Any) -> date:
    """An ISO date (YYYY-MM-DD), or a date cell from a workbook."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def parse_yes_no(text: str) -> bool:
    """ja/nee (and j/n, yes/no, 1/0)."""
    t = text.strip().casefold()
    if t in YES:
        return True
    if t in NO:
        return False
    raise ValueError(text)


def applied_from_library(c: Criterion, weight: float | None) -> AppliedCriterion:
    """Capture a library criterion's attributes as they are now, for a record."""
    return AppliedCriterion(id=c.id, version=c.version, kind=c.kind.value, level=c.level,
                            r_strategy=c.r_strategy or "", weight=weight,
                            scoring_type=c.scoring_type.value if c.scoring_type else "",
                            marktstandaard=c.marktstandaard, source=c.source or "",
                            source_type=list(c.source_type))


# ------------------------------------------------------------------ reading files
def read_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(row number as the user sees it, {header: value}) for every non-empty row of a CSV or XLSX file."""
    # missing, a folder, a device or a pipe: each said as it is (a link to /dev/zero "did not exist")
    require_regular(path, MAX_SHEET_FILE_BYTES, ("contractlijst", "contract list"), error=RegisterError)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise RegisterError(f"{path.name}: kies een .csv-, .xlsx-, .json- of .xml-bestand (eForms-aankondiging).",
                            en=f"{path.name}: choose a .csv, .xlsx, .json or .xml file (eForms notice).")
    try:
        rows = spreadsheets.read_rows(path)
    except SheetError as exc:
        raise _sheet_error(path, exc) from None
    if not rows:
        raise RegisterError(f"{path.name} is leeg.", en=f"{path.name} is empty.")
    header = [str(h).strip().casefold() if h is not None else "" for h in rows[0][1]]
    return [(number, {h: ("" if row[i] is None else row[i]) if i < len(row) else "" for i, h in enumerate(header) if h})
            for number, row in rows[1:]]


def _sheet_error(path: Path, exc: SheetError) -> RegisterError:
    where_nl = f"{path.name}, rij {exc.row}" if exc.row else path.name
    where_en = f"{path.name}, row {exc.row}" if exc.row else path.name
    return RegisterError(f"{where_nl}: {exc.nl}.", en=f"{where_en}: {exc.en}.")


def headers_of(path: Path) -> list[str]:
    """The column headers of a contract list (for the mapping dialog)."""
    try:
        return spreadsheets.header_row(path)
    except SheetError as exc:
        raise _sheet_error(path, exc) from None


# ------------------------------------------------------------------ parsing rows
def parse_rows(rows: list[tuple[int, dict[str, Any]]], library: Library, name: str,
               mapping: dict[str, str] | None = None) -> list[ContractRecord]:
    """Check every row and build the records; ImportProblems lists every bad row with its number and column.

    mapping renames the file's headers to the contract's column names (from the GUI's mapping dialog).
    """
    if mapping:
        folded = {k.strip().casefold(): v for k, v in mapping.items() if v}
        rows = [(n, {folded.get(k, k): v for k, v in row.items()}) for n, row in rows]
    present = set(rows[0][1]) if rows else set()
    missing = [c for c in COLUMNS if c not in present]
    if rows and missing:
        nl = (f"de kolom {missing[0]} ontbreekt" if len(missing) == 1
              else f"de kolommen {', '.join(missing)} ontbreken")
        raise ImportProblems(name, [Problem("kop", nl, f"missing column{'s' if len(missing) > 1 else ''}: "
                                            f"{', '.join(missing)}", "header")])
    ids: set[str] = set()
    for _, row in rows:
        ids.update(token.split("=", 1)[0].strip() for token in str(row.get("criteria", "")).split())
    known = library.criteria_by_ids(sorted(i for i in ids if CRITERION_ID_RE.match(i)))
    packages = {p.slug for p in library.packages()}
    problems: list[Problem] = []
    records = []
    first_row: dict[str, int] = {}  # stable uid -> the row that gave it first
    for number, row in rows:
        record = _parse_row(number, row, known, packages, problems)
        if record is not None:
            records.append(record)
            if stable_uid(record.uid):
                _note_repeated_number(number, row, record, first_row, problems)
    if problems:
        raise ImportProblems(name, problems)
    return records


def _parse_row(number: int, row: dict[str, Any], known: dict[str, Criterion], packages: set[str],
               problems: list[Problem]) -> ContractRecord | None:
    before = len(problems)

    def bad(column: str, nl: str, en: str) -> None:
        problems.append(Problem(f"rij {number}, {column}", nl, en, f"row {number}, {column}"))

    texts = {column: _cell_text(value) for column, value in row.items()}  # once per row: 14 lookups follow

    def cell(column: str) -> str:
        return texts.get(column, "")

    for column in REQUIRED_VALUES:
        if not cell(column):
            bad(column, "is leeg", "is empty")
    r = ContractRecord(organisation=cell("organisatie"), title=cell("titel"), source="import")
    package = cell("pakket")
    if package and package not in packages:
        bad("pakket", f"\"{package}\" is geen inkooppakket van de bibliotheek", f"\"{package}\" is not a package")
    r.package = package
    nature = cell("aard").upper()
    if nature and nature not in NATURES:
        bad("aard", f"\"{cell('aard')}\" moet W, L of D zijn", f"\"{cell('aard')}\" must be W, L or D")
    r.nature = nature or "L"
    r.procedure = cell("procedure")
    r.cpv = _cpv_codes(cell("cpv"), bad)
    for column, attr in (("gunningsdatum", "award_date"), ("startdatum", "start_date"), ("einddatum", "end_date")):
        raw = row.get(column, "")
        if str(raw).strip():
            try:
                setattr(r, attr, parse_date(raw))
            except ValueError:
                bad(column, f"\"{raw}\" is geen datum (verwacht JJJJ-MM-DD)", f"\"{raw}\" is not a date (YYYY-MM-DD)")
    if r.start_date and r.end_date and r.end_date < r.start_date:
        bad("einddatum", "ligt vóór de startdatum", "is before the start date")
    try:  # a workbook's number as it is; a text in Dutch or English notation, never a silent factor of 1,000
        r.value_eur = cell_number(row.get("waarde_eur"), kind=AMOUNT) or 0.0
    except NumberError as exc:
        bad("waarde_eur", exc.nl, exc.en)
    if r.value_eur < 0 or r.value_eur > MAX_EUR or r.value_eur != r.value_eur:
        bad("waarde_eur", "moet tussen 0 en 1.000 miljard liggen", "must be between 0 and 1,000 billion")
    for column, attr in (("fysiek", "physical"), ("circulair", "override")):
        if cell(column):
            try:
                setattr(r, attr, parse_yes_no(cell(column)))
            except ValueError:
                bad(column, f"\"{cell(column)}\" moet ja of nee zijn", f"\"{cell(column)}\" must be ja or nee")
    r.override_reason = cell("reden")
    if r.override is not None and not r.override_reason:
        bad("reden", "is verplicht als 'circulair' is ingevuld", "is required when 'circulair' is filled in")
    r.criteria, r.criteria_known = _criteria(cell("criteria"), known, bad)
    r.lot_id, r.notice_id = cell("perceel"), cell("aankondiging")
    r.participants = [name.strip() for name in cell("deelnemers").split("|") if name.strip()]
    if cell("aandeel"):
        try:
            percent = cell_number(row.get("aandeel"), kind=NUMBER)
        except NumberError as exc:
            bad("aandeel", exc.nl, exc.en)
        else:
            if percent is None or not 0 < percent <= 100:
                bad("aandeel", "moet een percentage groter dan 0 en ten hoogste 100 zijn",
                    "must be a percentage above 0, at most 100")
            else:
                r.share, r.share_basis = percent / 100, STATED_SHARE
    if len(problems) != before:
        return None
    if cell("contractnummer"):  # once, here: every later step asks for it
        r.uid = keyed_uid("k", r.organisation, cell("contractnummer"), r.lot_id)
    elif r.notice_id:
        r.uid = keyed_uid("n", r.organisation, r.notice_id, r.lot_id)
    else:
        r.uid = content_uid(r)
    return r


def _note_repeated_number(number: int, row: dict[str, Any], record: ContractRecord, first_row: dict[str, int],
                          problems: list[Problem]) -> None:
    """A contract number (or notice) with its lot given twice in one list is two contracts under one identity: a
    row problem naming both rows, never a second contract dropped as if it "stood there already"."""
    earlier = first_row.setdefault(record.uid, number)
    if earlier == number:
        return
    column = "contractnummer" if _cell_text(row.get("contractnummer", "")) else "aankondiging"
    key = _cell_text(row.get(column, ""))
    lot_nl, lot_en = (f", perceel {record.lot_id}", f", lot {record.lot_id}") if record.lot_id else ("", "")
    problems.append(Problem(f"rij {number}, {column}", f"{key}{lot_nl} staat ook in rij {earlier}",
                            f"{key}{lot_en} is also in row {earlier}", f"row {number}, {column}"))


def _cell_text(value: Any) -> str:
    """A cell as trimmed text: CSV text as is, workbook numbers without '.0', dates in ISO."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value.isoformat() if isinstance(value, date) else str(value).strip()


def _cpv_codes(text: str, bad: Callable[[str, str, str], None]) -> list[str]:
    from tender_assistant.errors import TenderError
    from tender_assistant.tender import parse_cpv

    codes = []
    for token in re.split(r"[\s,;]+", text):
        if token:
            try:
                codes.append(parse_cpv(token))
            except TenderError as exc:
                bad("cpv", exc.message, exc.message_en)
    return codes


def _criteria(text: str, known: dict[str, Criterion],
              bad: Callable[[str, str, str], None]) -> tuple[list[AppliedCriterion], bool]:
    if not text:
        return [], False
    if text.casefold() in NO_CRITERIA:
        return [], True
    result = []
    for token in text.split():
        cid, _, weight_text = token.partition("=")
        c = known.get(cid)
        if c is None:
            bad("criteria", f"{cid} staat niet in de bibliotheek", f"{cid} is not in the library")
            continue
        weight = None
        if weight_text:
            try:
                weight = read_number(weight_text, kind=NUMBER)  # '1_0' is no ten, '12,500' no guess
            except NumberError as exc:
                bad("criteria", f"{token}: de weging {exc.nl}", f"{token}: the weight {exc.en}")
                continue
            if c.kind != Kind.AWARD:
                bad("criteria", f"{token}: alleen een gunningscriterium heeft een weging",
                    f"{token}: only an award criterion has a weight")
                continue
            if not c.carries_weight:
                bad("criteria", f"{token}: een fictieve korting heeft geen weging; laat '={weight_text}' weg",
                    f"{token}: a fictive discount carries no weight; leave out '={weight_text}'")
                continue
            if not 0 <= weight <= 100:
                bad("criteria", f"{token}: de weging moet tussen 0 en 100 liggen",
                    f"{token}: the weight must be between 0 and 100")
                continue
        result.append(applied_from_library(c, weight))
    return result, True


# ------------------------------------------------------------------ importing
def import_records(register: RegisterStore, records: Iterable[ContractRecord], *, replace: bool = False,
                   backup: bool = True, updates: list[ContractRecord] | None = None,
                   deletes: list[int] | None = None, notes: list[tuple[str, str]] | None = None,
                   origins: dict[int, str] | None = None) -> ImportResult:
    """Add the records that are new (by uid), and write back updated ones, after a backup; all or nothing.

    A record updates the stored one with its uid when replace is set (an exchange file) or when its uid comes from a
    contract number or notice (a corrected contract list), and only when both belong to the same organisation:
    another organisation's file never changes a record. Each update and each refusal gets a line in notes; origins
    (id of a record -> its exchange file and the organisations it names) says in that line who changed the record.
    """
    records = list(records)
    notes = notes if notes is not None else []
    for r in records:
        r.uid = r.identity()
    correctable = {id(r) for r in records if replace or stable_uid(r.uid)}
    _adopt_earlier_uids(register, records)
    stored = register.owners(r.uid for r in records)
    seen: set[str] = set()
    new = []
    changed: list[tuple[ContractRecord, list[str]]] = []
    for r in records:
        if r.uid in seen:
            continue
        seen.add(r.uid)
        old = stored.get(r.uid)
        if old is None:
            new.append(r)
        elif organisation_key(old.organisation) != organisation_key(r.organisation):
            notes.append((f"{r.title} ({r.organisation}): dezelfde identiteit als de registratie {old.title} van "
                          f"{old.organisation}; die hoort bij {old.organisation} en is niet gewijzigd",
                          f"{r.title} ({r.organisation}): the same identity as the record {old.title} of "
                          f"{old.organisation}; it belongs to {old.organisation} and was not changed"))
        elif id(r) in correctable:
            r.organisation = old.organisation  # the identity: a correction keeps the name as first registered
            differences = _differences(old, r)
            if differences:
                new.append(r)
                changed.append((r, differences))
    if not replace:
        _note_likely_corrections([r for r in new if not stable_uid(r.uid)], register, notes)
    for r, differences in changed[:MAX_UPDATE_LINES]:
        by = (origins or {}).get(id(r))
        by_nl, by_en = (f"; gewijzigd door {by}", f"; changed by {by}") if by else ("", "")
        notes.append((f"Bijgewerkt: {r.title} ({r.organisation}): {', '.join(differences)}{by_nl}",
                      f"Updated: {r.title} ({r.organisation}): {', '.join(differences)}{by_en}"))
    if len(changed) > MAX_UPDATE_LINES:
        more = len(changed) - MAX_UPDATE_LINES
        notes.append((f"en nog {more} bijgewerkt", f"and {more} more updated"))
    skipped = len(records) - len(new)
    copy = register.backup() if backup and (new or updates or deletes) and register.count() else None
    added, updated = register.add_new(new, replace=True, updates=updates or [], deletes=deletes or [])
    return ImportResult(added=added, skipped=skipped + (len(new) - added - updated), updated=updated, backup=copy,
                        read=len(records), total_eur=sum(r.value_eur for r in records), notes=notes)


MAX_UPDATE_LINES = 20
# The Dutch column names of the contract list (and the exchange file's keys) for the line that says what changed.
FIELD_NAMES = {"title": "titel", "package": "pakket", "nature": "aard", "award_date": "gunningsdatum",
               "start_date": "startdatum", "end_date": "einddatum", "value_eur": "waarde_eur", "physical": "fysiek",
               "override": "circulair", "override_reason": "reden", "notice_id": "aankondiging", "lot_id": "perceel",
               "participants": "deelnemers", "share": "aandeel"}


def _differences(old: ContractRecord, new: ContractRecord) -> list[str]:
    """The columns in which a record differs from the stored one (with the old and new amount for a value)."""
    a, b = record_to_row(old), record_to_row(new)
    out = []
    for key in a:
        if key == "uid" or a[key] == b[key]:
            continue
        if key == "value_eur":
            out.append(f"waarde_eur {euro(a[key], cents=None)} → {euro(b[key], cents=None)}")
        else:
            out.append(FIELD_NAMES.get(key, key))
    return out


def _note_likely_corrections(added: list[ContractRecord], register: RegisterStore,
                             notes: list[tuple[str, str]]) -> None:
    """A line per added row that looks like a corrected earlier row (same organisation, award date and package, and
    the same title or value): without a contract number it is added as another contract, and the user should know."""
    if not added:
        return
    stored: dict[tuple[str, date | None, str], list[ContractRecord]] = {}
    for old in register.records():
        if old.source == "import":
            stored.setdefault((organisation_key(old.organisation), old.award_date, old.package), []).append(old)
    for r in added[:MAX_UPDATE_LINES]:
        for old in stored.get((organisation_key(r.organisation), r.award_date, r.package), []):
            if old.uid != r.uid and (old.title == r.title or round(old.value_eur, 2) == round(r.value_eur, 2)):
                notes.append((f"{r.title} ({r.organisation}) is toegevoegd maar lijkt een correctie van {old.title} "
                              f"({euro(old.value_eur, cents=None)}); telt nu twee keer. Geef de lijst een kolom "
                              "contractnummer om te corrigeren, of verwijder de oude registratie",
                              f"{r.title} ({r.organisation}) was added but looks like a correction of {old.title} "
                              f"({euro(old.value_eur, cents=None)}); it now counts twice. Give the list a column "
                              "contractnummer to correct, or delete the old record"))
                break


def _adopt_earlier_uids(register: RegisterStore, records: list[ContractRecord]) -> None:
    """A row with a contract number or notice that the register holds under an earlier uid keeps that uid: the
    same contract imported before by its notice and lot, or with the same content before the number was given."""
    keyed = [r for r in records if stable_uid(r.uid)]
    if not keyed:
        return
    known = register.existing(r.uid for r in keyed)
    notices = register.notice_keys() if any(r.notice_id for r in keyed) else {}
    by_content = register.existing(content_uid(r) for r in keyed if r.uid not in known)
    for r in keyed:
        if r.uid in known:
            continue
        hit = notices.get(notice_key(r)) if r.notice_id else None
        if hit is not None and hit[1] == "import":
            r.uid = hit[0]
        elif content_uid(r) in by_content:
            r.uid = content_uid(r)


def read_file(path: Path | str, library: Library, mapping: dict[str, str] | None = None) -> list[ContractRecord]:
    """Check a contract list (.csv/.xlsx), an exchange file (.json) or an eForms award notice (.xml) and return its
    records; nothing is written."""
    path = Path(path)
    if path.suffix.lower() == ".xml":
        from .eforms import read_notice

        return read_notice(path).records
    if path.suffix.lower() == ".json":
        from .exchange import read_exchange

        return read_exchange(path)
    return parse_rows(read_rows(path), library, path.name, mapping)


def import_file(path: Path | str, register: RegisterStore, library: Library,
                mapping: dict[str, str] | None = None) -> ImportResult:
    """Import a contract list (.csv/.xlsx) or an exchange file (.json) into the register."""
    return import_files([path], register, library, mapping)


def _read_exchange_noting_rule(path: Path, register: RegisterStore, notes: list[tuple[str, str]],
                               origins: dict[int, str]) -> list[ContractRecord]:
    """An exchange file's records, each with its origin (the file and the organisations it names) in origins; a
    note when it was made with another counting rule than the register's."""
    from .exchange import read_exchange_file, rule_difference

    exchange = read_exchange_file(path)
    if exchange.rule is None:
        notes.append((f"{path.name}: versie {exchange.version}, zonder telregel; het register telt de registraties "
                      "met zijn eigen telregel.", f"{path.name}: version {exchange.version}, without a counting "
                      "rule; the register counts the records with its own rule."))
    elif differences := rule_difference(exchange.rule, register.rule()):
        notes.append((f"{path.name} is gemaakt met een andere telregel ({'; '.join(nl for nl, _ in differences)}); "
                      "het register telt alle registraties opnieuw met zijn eigen telregel.",
                      f"{path.name} was made with another counting rule ({'; '.join(en for _, en in differences)}); "
                      "the register recounts every record with its own rule."))
    origin = f"{path.name} ({', '.join(exchange.organisations or [])})"
    origins.update((id(r), origin) for r in exchange.records)
    return exchange.records


class _CachedLibrary:
    """Asks the library once per criterion id and once for the packages, however many files are read."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.known: dict[str, Criterion] = {}
        self.asked: set[str] = set()
        self._packages: list[Package] | None = None

    def packages(self) -> list[Package]:
        if self._packages is None:
            self._packages = self.library.packages()
        return self._packages

    def criteria_by_ids(self, ids: Iterable[str]) -> dict[str, Criterion]:
        wanted = list(ids)
        missing = [i for i in wanted if i not in self.asked]
        if missing:
            self.known.update(self.library.criteria_by_ids(missing))
            self.asked.update(missing)
        return {i: self.known[i] for i in wanted if i in self.known}


def _refuse_one_identity_twice(records: list[ContractRecord], files: int) -> None:
    """ImportProblems when two of the files read together give one contract (number or notice, with its lot) with
    different contents: the second would be dropped as if it "stood there already". Before anything is written."""
    first: dict[str, ContractRecord] = {}
    problems: list[Problem] = []
    for r in records:
        r.uid = r.identity()
        earlier = first.setdefault(r.uid, r)
        if earlier is not r and stable_uid(r.uid) and _differences(earlier, r):
            problems.append(Problem(f"{r.title} ({r.organisation})",
                                    f"hetzelfde contract (contractnummer of aankondiging, met perceel) als "
                                    f"{earlier.title}, met andere gegevens; importeer de bestanden apart",
                                    f"the same contract (contract number or notice, with lot) as {earlier.title}, with "
                                    "other data; import the files one at a time"))
    if problems:
        raise ImportProblems(f"{files} bestanden", problems)


def read_notice_files(paths: list[Path]) -> tuple[list[ContractRecord], list[tuple[str, str]]]:
    """Every notice's records and a (Dutch, English) line per lot result left out; ImportProblems names every notice
    that cannot be read (then nothing is imported)."""
    from .eforms import read_notices

    records, skipped, problems = read_notices(paths)
    if problems:
        raise ImportProblems(problems[0].where if len(paths) == 1 else f"{len(paths)} aankondigingen",
                             problems if len(paths) > 1 else [Problem("", problems[0].nl, problems[0].en)])
    return records, [(f"{name}, perceel {s.lot_id}: niet geïmporteerd, {s.why}",
                      f"{name}, lot {s.lot_id}: not imported, {s.why_en}") for name, s in skipped]


def new_notice_records(records: list[ContractRecord], register: RegisterStore) -> list[ContractRecord]:
    """The notice records whose notice, lot and organisation the register does not hold yet (under any uid: a
    notice merged into an app record keeps the app's uid)."""
    keys = register.notice_keys()
    return [r for r in records if notice_key(r) not in keys]


def _one_per_notice(exchanged: list[ContractRecord], register: RegisterStore,
                    notes: list[tuple[str, str]]) -> tuple[list[ContractRecord], list[int]]:
    """Exchange records to import, and the row ids of bare notice records they replace: one awarded lot of one
    notice for one buyer is one record, whether it came from the notice itself or from an organisation's record
    that met it. A bare notice record in the file is left out when the register has that lot under another uid."""
    stored = register.notice_keys()
    keep: list[ContractRecord] = []
    replaced: list[int] = []
    for record in exchanged:
        hit = stored.get(notice_key(record)) if record.notice_id else None
        if hit is None or hit[0] == record.uid:
            keep.append(record)
        elif hit[1] == "aankondiging":
            replaced.append(hit[2])
            keep.append(record)
        else:
            notes.append((f"{record.title} ({record.organisation}): de aankondiging {record.notice_id}, perceel "
                          f"{record.lot_id} staat al in het register; niet nog eens geteld",
                          f"{record.title} ({record.organisation}): notice {record.notice_id}, lot {record.lot_id} "
                          "is in the register already; not counted twice"))
    return keep, replaced


def import_files(paths: list[Path | str], register: RegisterStore, library: Library,
                 mapping: dict[str, str] | None = None, accept: Callable[[Match], bool] | None = None) -> ImportResult:
    """Import several files at once: every file is checked first, then one backup and one transaction.

    Exchange files (.json) replace an earlier version of the same record (same uid); contract lists skip it.
    A notice record (.xml) of a tender drafted in the app merges into the app's record when they certainly match;
    accept decides a doubtful match (the window asks), without it a doubt stays apart with a line saying so.
    """
    from .notice_match import resolve

    library = _CachedLibrary(library)  # type: ignore[assignment]
    lists: list[ContractRecord] = []
    exchanged: list[ContractRecord] = []
    notices = [Path(p) for p in paths if Path(p).suffix.lower() == ".xml"]
    notes: list[tuple[str, str]] = []
    merges: list[ContractRecord] = []
    origins: dict[int, str] = {}
    known_notices = 0
    if notices:
        records, notes = read_notice_files(notices)
        fresh = new_notice_records(records, register)
        known_notices = len(records) - len(fresh)
        to_add, merges, doubts = resolve(fresh, register.records() if fresh else [], accept)
        lists.extend(to_add)
        notes += [(f"{m.title} ({m.organisation}) samengevoegd met de aankondiging {m.notice_id}, perceel "
                   f"{m.lot_id}", f"{m.title} ({m.organisation}) merged with notice {m.notice_id}, lot {m.lot_id}")
                  for m in merges]
        notes += [(f"{d.notice.title} ({d.notice.organisation}, perceel {d.notice.lot_id}) lijkt op de registratie "
                   f"{d.app.title} uit de app ({d.why}); niet samengevoegd: beslis in het Monitoring-venster",
                   f"{d.notice.title} ({d.notice.organisation}, lot {d.notice.lot_id}) looks like the app record "
                   f"{d.app.title} ({d.why_en}); not merged: decide in the Monitoring window") for d in doubts]
    for path in paths:
        suffix = Path(path).suffix.lower()
        if suffix == ".json":
            exchanged.extend(_read_exchange_noting_rule(Path(path), register, notes, origins))
        elif suffix != ".xml":
            lists.extend(read_file(path, library, mapping))
    _refuse_one_identity_twice(lists, len(paths))
    _refuse_one_identity_twice(exchanged, len(paths))
    result = import_records(register, lists, updates=merges, notes=notes)
    result.notes = notes
    result.skipped += known_notices
    result.read += known_notices
    if exchanged:
        exchanged, replaced = _one_per_notice(exchanged, register, notes)
        more = import_records(register, exchanged, replace=True, backup=result.backup is None, deletes=replaced,
                              notes=notes, origins=origins)
        result = ImportResult(result.added + more.added, result.skipped + more.skipped,
                              result.updated + more.updated, result.backup or more.backup,
                              result.read + more.read, result.total_eur + more.total_eur, notes)
    return result
