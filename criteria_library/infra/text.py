"""Text as people type it: compared without case and accents; characters we refuse; values shown in messages;
numbers and amounts written the Dutch way."""

from __future__ import annotations

import math
import re
import unicodedata

# Characters that cannot stand in a Word (XML) document or an Excel cell, or that a terminal acts on: control
# characters other than tab, new line and carriage return, DEL and the C1 controls, lone surrogates (which cannot be
# stored as UTF-8 at all) and the two non-characters U+FFFE/U+FFFF. The one filter for packs, tenders and the editor.
BAD_CHARS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
SURROGATE_RE = re.compile("[\ud800-\udfff]")
# What a message must not pass to a terminal as is: every control and format character, line and paragraph
# separators (U+2028/2029 start a new line in some terminals and editors) and lone surrogates.
_UNPRINTABLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def fold(text: str) -> str:
    """Lower case without accents, for matching what people type."""
    if text.isascii():  # most titles: no accents to strip, and casefold is lower (a third of a search's time)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def bad_char_problem(value: str) -> tuple[str, str] | None:
    """(Dutch, English) description of the first character that cannot be stored or put in a document, or None."""
    m = BAD_CHARS_RE.search(value)
    if m is None:
        return None
    code = f"U+{ord(m.group()):04X}"
    pos = m.start() + 1
    if SURROGATE_RE.match(m.group()):
        return (f"bevat een ongeldig Unicode-teken ({code}, teken {pos}: een losse surrogaathelft); verwijder het",
                f"contains an invalid Unicode character ({code}, character {pos}: a lone surrogate); remove it")
    return (f"bevat een onzichtbaar stuurteken ({code}, teken {pos}) dat niet in een document kan; verwijder het",
            f"contains an invisible control character ({code}, character {pos}) that cannot go into a document; "
            "remove it")


def escape_unprintable(text: str) -> str:
    """The text with control, format and line-separator characters written as \\x1b or \\u2028, so that a
    message printed on a terminal can neither move the cursor nor start a forged line."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if unicodedata.category(ch) in _UNPRINTABLE_CATEGORIES:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


def terminal_safe(text: str) -> str:
    """Several lines of text with every line escaped as escape_unprintable does: for reports that quote a pack's or
    a release's content (a title holding U+2028 would start a forged line in some terminals)."""
    return "\n".join(escape_unprintable(line) for line in text.split("\n"))


def shown(value: object, width: int = 60) -> str:
    """A value as a message may quote it: short, escaped, and never a number of thousands of digits."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int):
        # str() of an int with more than 4,300 digits raises ValueError; say how long it is instead
        text = str(value) if value.bit_length() <= 200 else f"een getal van ongeveer {int(value.bit_length() * 0.30103)} cijfers"
    elif isinstance(value, float):
        text = repr(value)
    elif isinstance(value, str):
        text = value
    elif value is None:
        text = "null"
    elif isinstance(value, list):
        text = "(een lijst)"
    elif isinstance(value, dict):
        text = "(een object)"
    else:
        text = f"({type(value).__name__})"
    text = escape_unprintable(text)
    return text if len(text) <= width else text[: width - 1] + "…"


# Dutch and English inflection endings, longest first where they overlap.
STEM_SUFFIXES = ("'s", "en", "es", "s", "e")


def stem(word: str) -> str:
    """A crude Dutch/English stem of a folded word, for matching and search prefixes: verkeersborden ~ verkeersbord,
    bruggen ~ brug, chairs ~ chair, paal ~ pal (as in palen)."""
    for suffix in STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            # Dutch doubles a consonant before -en: bruggen -> brug, matrassen -> matras.
            if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiouy":
                word = word[:-1]
            return word
    # a long vowel is written double in a closed syllable and single in an open one: paal/palen, staal/stalen
    if len(word) >= 4 and word[-1] not in "aeiouy" and word[-2] == word[-3] and word[-2] in "aeou":
        return word[:-2] + word[-1]
    return word


# ---------------------------------------------------------------------- Dutch numbers and amounts
# 150.000 or 1.250.000,50: dots between groups of three digits are Dutch thousands separators, not a decimal point.
DUTCH_GROUPED_RE = re.compile(r"-?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
PLAIN_NUMBER_RE = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)")


def parse_number(text: str, *, currency: bool = False) -> float | None:
    """A number as people type it: Dutch (2,5 / 150.000 / 1.234,5) or plain (7.5), spaces allowed, with currency=True
    also '€ 95.000' and 'EUR'; None when it is not one (no exponents, NaN or infinity)."""
    cleaned = text.strip()
    if currency:
        cleaned = cleaned.replace("€", "").replace("EUR", "")
    cleaned = cleaned.replace("\u00a0", "").replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")  # 1.234,5: the comma is the decimal sign
    elif DUTCH_GROUPED_RE.fullmatch(cleaned):
        cleaned = cleaned.replace(".", "")  # 150.000: thousands
    if not PLAIN_NUMBER_RE.fullmatch(cleaned):
        return None
    value = float(cleaned)
    return value if math.isfinite(value) else None


def _grouped(digits: str) -> str:
    head = len(digits) % 3 or 3
    return ".".join([digits[:head], *(digits[i:i + 3] for i in range(head, len(digits), 3))])


def dutch_number(value: float, decimals: int = 2, *, fixed: bool = False, group_from: int = 1000) -> str:
    """A number as Dutch text: a decimal comma, dots between thousands once the whole part reaches group_from, at
    most `decimals` decimals and no trailing zeros unless fixed: 12,5 / 1.250.000 / 0,864 / 38,80 (fixed). The one
    number formatter for documents, messages and the interface."""
    if isinstance(value, int) and not isinstance(value, bool):
        digits, frac = str(abs(value)), "0" * decimals if fixed else ""
    else:
        digits, _, frac = f"{abs(value):.{decimals}f}".partition(".")
        if not fixed:
            frac = frac.rstrip("0")
    negative = value < 0 and (digits + frac).strip("0") != ""  # never '-0'
    if len(digits) >= len(str(group_from)) and int(digits) >= group_from:
        digits = _grouped(digits)
    return ("-" if negative else "") + digits + ("," + frac if frac else "")


def euro(value: float, cents: bool | None = False) -> str:
    """An amount in euros: € 1.250.000, -€ 5, or with cents: € 97.200,50; cents=None shows cents only when the
    amount has them (€ 97.200 but € 97.200,50)."""
    if cents is None:
        cents = not float(round(value, 2)).is_integer()
    text = dutch_number(value, 2 if cents else 0, fixed=cents)
    return "-€ " + text[1:] if text.startswith("-") else "€ " + text


def points(value: float) -> str:
    """Points or a total score, always with two decimals: 38,88 / 40,00."""
    return dutch_number(value, 2, fixed=True)
