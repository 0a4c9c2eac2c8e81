"""Zip bombs: what a zip member would cost to parse, judged before a parser sees it.

A 200 KB Word template can unpack to 200 MB of `<a/>` elements, which lxml holds as tens of millions of nodes
(6.6 GB); a 25 MB workbook of random numbers packs only 5:1 and still costs openpyxl a minute per six million cells.
What a parser spends grows with the number of elements, so we count element starts while streaming the member
through zlib, in chunks, and stop as soon as a bound is passed. Used for XLSX packs and for Word templates.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .text import dutch_number, shown

CHUNK = 1024 * 1024
# Any element start: '<' and a name (not '</', '<?' or '<!').
ELEMENT_START = re.compile(rb"<[A-Za-z_]")
# The longest match a pattern here may need past its '<' (a namespace prefix of up to 30 characters and the name).
_TAIL = 64


def element_pattern(name: bytes) -> re.Pattern[bytes]:
    """The start tag of an element with this local name, with or without a namespace prefix."""
    return re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?" + re.escape(name) + rb"[\s/>]")


def count_matches(archive: zipfile.ZipFile, info: zipfile.ZipInfo, pattern: re.Pattern[bytes], stop_after: int) -> int:
    """How often pattern (which starts with '<') occurs in the member's unpacked bytes; stops once the count passes
    stop_after. Raises what zipfile and zlib raise for a damaged member (zipfile.BadZipFile, zlib.error, ...)."""
    count = 0
    tail = b""
    with archive.open(info) as fh:
        while chunk := fh.read(CHUNK):
            data = tail + chunk
            cut = data.rfind(b"<")
            if cut < 0:
                cut = len(data)
            count += len(pattern.findall(data, 0, cut))
            if count > stop_after:
                return count
            tail = data[cut:cut + _TAIL]
    return count + len(pattern.findall(tail))


def has_doctype(data: bytes) -> bool:
    """True when the bytes declare a DOCTYPE or an entity, in UTF-8 or in either UTF-16 byte order."""
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        for word in ("<!DOCTYPE", "<!ENTITY"):
            if word.encode(encoding) in data:
                return True
    return False


def declares_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """True when the member declares a DOCTYPE or an entity before its first element, the only place XML allows
    one (external entities read local files, nested ones multiply text). Reads only that prolog of a UTF-8 part;
    a part with no UTF-8 element start (UTF-16, or no XML) is read whole."""
    seen = b""
    with archive.open(info) as fh:
        while chunk := fh.read(64 * 1024):
            seen = seen[-_TAIL:] + chunk
            first = ELEMENT_START.search(seen)
            if has_doctype(seen if first is None else seen[:first.start()]):
                return True
            if first is not None:
                return False
    return False


# ---------------------------------------------------------------------- Excel workbooks
# Every .xlsx we read (packs, bids, registers, supplier data sheets) is checked here before openpyxl opens it. The
# starter library's criteria sheet packs about 5:1, a 20,000-criterion export is 39 MB unpacked at 8:1 and holds
# 420,000 cells. Parsing costs grow with cells and shared strings, not bytes: 6.3 million cells of random numbers
# (25 MB, 5:1) took openpyxl 75 s, 3 million shared strings (21 MB) 44 s.
MAX_XLSX_UNPACKED = 200 * 1024 * 1024
MAX_XLSX_RATIO = 100  # deflate reaches about 1000:1 on repeated XML; real sheets stay below 20:1
MAX_XLSX_MEMBERS = 1000
MAX_XLSX_CELLS = 600_000
MAX_XLSX_STRINGS = 600_000
_XLSX_CELL = element_pattern(b"c")
_XLSX_STRING = element_pattern(b"si")
_DAMAGED = (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError)


@dataclass(frozen=True)
class WorkbookProblem:
    """Why a workbook is not opened, in Dutch and English; too_big when splitting the file would help."""

    nl: str
    en: str
    too_big: bool = True


def workbook_problem(path: Path) -> WorkbookProblem | None:
    """Why an .xlsx must not be given to openpyxl (not a zip, too many parts, too large unpacked, a part that
    unpacks suspiciously far, too many cells or shared strings), or None. zipfile never unpacks more than a
    member's declared size (it stops and reports a bad CRC), so the declared sizes are real bounds."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_XLSX_MEMBERS:
                return WorkbookProblem(f"het werkboek bestaat uit te veel delen ({len(members)}, hoogstens "
                                       f"{MAX_XLSX_MEMBERS}); is het wel het goede bestand?",
                                       f"the workbook has too many parts ({len(members)}, at most "
                                       f"{MAX_XLSX_MEMBERS}); is it the right file?", too_big=False)
            total = sum(m.file_size for m in members)
            if total > MAX_XLSX_UNPACKED:
                mb, limit = total // 2**20, MAX_XLSX_UNPACKED // 2**20
                return WorkbookProblem(f"het werkboek is uitgepakt te groot ({mb} MB, hoogstens {limit} MB)",
                                       f"the workbook is too large unpacked ({mb} MB, at most {limit} MB)")
            for m in members:
                if m.file_size > 2**20 and m.file_size > MAX_XLSX_RATIO * max(m.compress_size, 1):
                    return WorkbookProblem(f"onderdeel {shown(m.filename)} pakt verdacht sterk uit ({m.compress_size} "
                                           f"naar {m.file_size} bytes); het bestand is beschadigd of kwaadaardig",
                                           f"part {shown(m.filename)} unpacks suspiciously far ({m.compress_size} to "
                                           f"{m.file_size} bytes); the file is damaged or malicious", too_big=False)
            for m in members:  # before any count: a DOCTYPE anywhere is refused, whatever else the file holds
                if declares_doctype(archive, m):
                    return WorkbookProblem(f"onderdeel {shown(m.filename)} bevat een DOCTYPE of entiteiten; een "
                                           "Excel-werkboek heeft die niet en ze worden om veiligheidsredenen niet "
                                           "gelezen", f"part {shown(m.filename)} contains a DOCTYPE or entities; an "
                                           "Excel workbook has none and they are not read, for safety", too_big=False)
            return _count_problem(archive, members)
    except zipfile.BadZipFile:
        return WorkbookProblem("het bestand is geen leesbaar Excel-werkboek (.xlsx)",
                               "the file is not a readable Excel workbook (.xlsx)", too_big=False)
    except _DAMAGED:
        return WorkbookProblem("het Excel-werkboek is beschadigd en kan niet worden gelezen",
                               "the Excel workbook is damaged and cannot be read", too_big=False)


def _count_problem(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> WorkbookProblem | None:
    cells = strings = 0
    for m in members:
        name = m.filename.lower()
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            cells += count_matches(archive, m, _XLSX_CELL, MAX_XLSX_CELLS - cells)
        elif name.endswith("sharedstrings.xml"):
            strings += count_matches(archive, m, _XLSX_STRING, MAX_XLSX_STRINGS - strings)
        if cells > MAX_XLSX_CELLS:
            return WorkbookProblem(f"het werkboek heeft te veel cellen (meer dan {dutch_number(MAX_XLSX_CELLS)})",
                                   f"the workbook has too many cells (more than {MAX_XLSX_CELLS:,})")
        if strings > MAX_XLSX_STRINGS:
            return WorkbookProblem("het werkboek heeft te veel verschillende teksten (meer dan "
                                   f"{dutch_number(MAX_XLSX_STRINGS)})", "the workbook has too many distinct texts "
                                   f"(more than {MAX_XLSX_STRINGS:,})")
    return None
