"""Text as people type it: compared without case and accents; characters we refuse; values shown in messages;
numbers and amounts written the Dutch way."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable

# Characters that cannot stand in a Word (XML) document or an Excel cell, or that a terminal acts on: control
# characters other than tab, new line and carriage return, DEL and the C1 controls, lone surrogates (which cannot be
# stored as UTF-8 at all) and the two non-characters U+FFFE/U+FFFF. The one filter for packs, tenders and the editor.
BAD_CHARS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Tab, new line, carriage return and the printable ASCII characters: the ASCII that BAD_CHARS_RE lets through
_ASCII_ALLOWED = bytes([9, 10, 13, *range(32, 127)])
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


def has_bad_char(texts: Iterable[str]) -> bool:
    """True when any of these texts holds a character bad_char_problem names: one scan for many values, so a valid
    record costs one look instead of one per field."""
    joined = "".join(texts)
    if joined.isascii():  # known in O(1); the refused ASCII characters are what deleting the allowed ones leaves
        return bool(joined.encode("ascii").translate(None, _ASCII_ALLOWED))
    # every refused character is unprintable, and isprintable() runs some thirty times faster than the regex: the
    # usual text (new lines and tabs aside) needs no regex at all
    if joined.replace("\n", " ").replace("\t", " ").isprintable():
        return False
    return BAD_CHARS_RE.search(joined) is not None


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


def around_change(old: str, new: str, width: int = 80) -> tuple[str, str]:
    """Two versions of a text cut to `width` around where they first differ, with '...' where cut, so a diff line
    shows the change ('48 uur' -> '72 uur') and not two equal openings of a long clause."""
    if len(old) <= width and len(new) <= width:
        return old, new
    same = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        same += 1
    start = max(0, same - width // 4)

    def cut(text: str) -> str:
        part = text[start:start + width - 6]
        return ("..." if start else "") + part + ("..." if start + len(part) < len(text) else "")

    return cut(old), cut(new)


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
# How a number is read (issue 26): Dutch (1.250.000,50) and English (1,250,000.50) spreadsheets both reach the app.
# - Both '.' and ',': the last one is the decimal sign, and the other must group the digits in threes.
# - One sign used several times (1.250.000, 1,250,000): it can only group thousands.
# - One sign once, not before exactly three digits or after a head that cannot start a group (2,5 / 7.5 / 0,125 /
#   1234.567): it can only be the decimal sign.
# - One sign once before exactly three digits (1.000, 250,000): it could be either. What decides is the field:
#   TYPED  values typed into the app: the Dutch convention (1.000 is a thousand, 12,500 is twelve and a half);
#   AMOUNT amounts in euros from a file: a euro has no third decimal, so 1.000 is a thousand; 1,000 is refused (the
#          Dutch reading, one euro, has three decimals, so the writer probably meant a thousand: we ask);
#   NUMBER other numbers from a file (weights, points, offered figures): refused, with how to write it.
# Exponents, underscores, NaN and infinity are never numbers here (float() reads '1_0' as 10 and '1e5' as 100000).
TYPED, AMOUNT, NUMBER = "typed", "amount", "number"
_SIGNED_RE = re.compile(r"([-+]?)((?=[.,]*\d)[\d.,]+)")  # at least one digit
_GROUP_HEAD = r"[1-9]\d{0,2}"
_GROUP_HEAD_RE = re.compile(_GROUP_HEAD)
_GROUPED_RE = {sep: re.compile(_GROUP_HEAD + "(?:" + re.escape(sep) + r"\d{3})+") for sep in ".,"}
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")


class NumberError(ValueError):
    """Why a text is not a number, in Dutch and English, with how to write it."""

    def __init__(self, nl: str, en: str) -> None:
        super().__init__(nl)
        self.nl, self.en = nl, en

    def text(self, lang: str = "nl") -> str:
        """The reason in the given language."""
        return self.en if lang == "en" else self.nl


def _grouped_digits(digits: str, sep: str) -> str | None:
    """'1.250.000' with sep '.' -> '1250000'; None when the groups are not threes after a head of one to three."""
    if _GROUPED_RE[sep].fullmatch(digits):
        return digits.replace(sep, "")
    return None


def _ambiguous(value: str, sign: str, whole: str, fraction: str, kind: str) -> NumberError:
    """A lone separator before three digits where the field cannot tell a thousand from a decimal."""
    sign = sign.lstrip("+")
    whole, plain = sign + whole, sign + whole + fraction
    if kind == AMOUNT:
        return NumberError(f"\"{value}\" is niet eenduidig: schrijf {plain} of {dutch_number(int(plain))} voor "
                           f"{dutch_number(int(plain))} euro, of {whole},{fraction[:2]} voor een bedrag met centen",
                           f"\"{value}\" is ambiguous: write {plain} for {plain} euros, or {whole}.{fraction[:2]} "
                           "for an amount with cents")
    decimals = fraction.rstrip("0") or "0"
    decimals = decimals if len(decimals) < 3 else fraction + "0"
    return NumberError(f"\"{value}\" is niet eenduidig: schrijf {plain} voor {dutch_number(int(plain))}, of "
                       f"{whole},{decimals} voor een kommagetal",
                       f"\"{value}\" is ambiguous: write {plain} for {plain}, or {whole}.{decimals} for a decimal "
                       "number")


def read_number(text: str, *, kind: str = TYPED, currency: bool = False) -> float:
    """A number as people write it, Dutch or English (see the rule above); kind says how a lone separator before
    three digits is read. currency=True (and kind=AMOUNT) also allows '€' and 'EUR'. NumberError says why not."""
    cleaned = text.strip()
    if cleaned.isdigit() and cleaned.isascii():  # most cells: a plain whole number
        return float(cleaned)
    cleaned = cleaned.replace(" ", "") if cleaned.isascii() else cleaned.translate(_SPACES)
    if (currency or kind == AMOUNT) and ("€" in cleaned or "EUR" in cleaned):
        cleaned = cleaned.replace("€", "").replace("EUR", "")
    m = _SIGNED_RE.fullmatch(cleaned)
    if not m:
        raise _not_a_number(text, cleaned, kind)
    sign, body = m.groups()
    if "." in body and "," in body:
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
        whole, _, fraction = body.rpartition(decimal)
        digits = _grouped_digits(whole, "." if decimal == "," else ",")
        if digits is None or not fraction.isdigit():
            raise _not_grouped(text, kind)
        number = f"{digits}.{fraction}"
    elif body.count(".") + body.count(",") > 1:
        digits = _grouped_digits(body, "." if "." in body else ",")
        if digits is None:
            raise _not_grouped(text, kind)
        number = digits
    elif "." in body or "," in body:
        sep = "." if "." in body else ","
        whole, _, fraction = body.partition(sep)
        could_group = len(fraction) == 3 and _GROUP_HEAD_RE.fullmatch(whole) is not None
        if could_group and (kind == TYPED or (kind == AMOUNT and sep == ".")):
            number = whole + fraction if sep == "." else f"{whole}.{fraction}"  # the Dutch convention
        elif could_group:
            raise _ambiguous(shown(text.strip()), sign, whole, fraction, kind)
        else:
            number = f"{whole or '0'}.{fraction or '0'}"
    else:
        number = body
    value = float(sign + number)
    if not math.isfinite(value):
        raise NumberError(f"\"{shown(text.strip())}\" is te groot", f"\"{shown(text.strip())}\" is too large")
    return value


def _examples(kind: str) -> tuple[str, str]:
    return ("1.250.000,50", "1,250,000.50") if kind == AMOUNT else ("12,5", "12.5")


def _not_a_number(text: str, cleaned: str, kind: str) -> NumberError:
    value = shown(text.strip())
    if re.search(r"\de[-+]?\d", cleaned, re.IGNORECASE):
        return NumberError(f"\"{value}\" is geen getal (schrijf het voluit, zonder e)",
                           f"\"{value}\" is not a number (write it in full, without e)")
    nl, en = _examples(kind)
    return NumberError(f"\"{value}\" is geen getal (bijvoorbeeld {nl})", f"\"{value}\" is not a number (for example {en})")


def _not_grouped(text: str, kind: str) -> NumberError:
    value, (nl, en) = shown(text.strip()), _examples(kind)
    return NumberError(f"\"{value}\" is geen getal: duizendtallen staan in groepen van drie cijfers ({nl})",
                       f"\"{value}\" is not a number: thousands are grouped in threes ({en})")


def parse_number(text: str, *, currency: bool = False, kind: str = TYPED) -> float | None:
    """read_number, or None when the text is not a number: for fields that give their own message."""
    try:
        return read_number(text, kind=kind, currency=currency)
    except NumberError:
        return None


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
