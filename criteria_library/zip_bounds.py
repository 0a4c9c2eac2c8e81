"""Counting what a zip member holds before a parser sees it: the bound on zip bombs that sizes alone do not give.

A 200 KB Word template can unpack to 200 MB of `<a/>` elements, which lxml holds as tens of millions of nodes
(6.6 GB); a 25 MB workbook of random numbers packs only 5:1 and still costs openpyxl a minute per six million cells.
What a parser spends grows with the number of elements, so we count element starts while streaming the member
through zlib, in chunks, and stop as soon as a bound is passed. Used for XLSX packs and for Word templates.
"""

from __future__ import annotations

import re
import zipfile

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
