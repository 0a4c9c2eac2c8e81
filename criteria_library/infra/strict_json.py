"""JSON as our files hold it: no numbers of thousands of digits, no nesting deeper than Python follows. One reader
for packs, tender files and JSON cells, so each refuses the same things with the same words. NaN and Infinity are
read as floats and refused by the field that holds them, with its place."""

from __future__ import annotations

import json
from typing import Any


class JsonTextError(ValueError):
    """Why a text is not JSON we accept, in Dutch and English, with its line and column when known."""

    def __init__(self, nl: str, en: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(nl)
        self.nl, self.en, self.line, self.column = nl, en, line, column

    def place(self, lang: str = "nl") -> str:
        """'regel 3, kolom 15' (or 'line 3, column 15'); empty when the place is unknown."""
        if self.line is None:
            return ""
        return f"line {self.line}, column {self.column}" if lang == "en" else f"regel {self.line}, kolom {self.column}"


def loads(text: str) -> Any:
    """Parse JSON text; JsonTextError says what is wrong (and where, for a syntax error)."""
    return _parse(text)


def _parse(text: str, **options: Any) -> Any:
    try:
        return json.loads(text, **options)
    except JsonTextError:
        raise
    except json.JSONDecodeError as exc:
        raise JsonTextError(f"ongeldige JSON: {exc.msg}", f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise JsonTextError("het bestand is te diep genest (lijsten of objecten in elkaar)",
                            "the file is nested too deeply (lists or objects inside each other)") from None
    except ValueError:  # int() refuses more than 4,300 digits
        raise JsonTextError("het bestand bevat een getal met te veel cijfers (meer dan 4300)",
                            "the file holds a number with too many digits (more than 4300)") from None


def _no_constant(name: str) -> Any:
    raise JsonTextError(f"'{name}' is geen getal dat JSON kent", f"'{name}' is not a number JSON knows")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise JsonTextError(f"de sleutel '{key[:60]}' staat er twee keer in", f"the key '{key[:60]}' appears twice")
        found[key] = value
    return found


def loads_exact(text: str) -> Any:
    """Like loads, and NaN, Infinity or a key given twice are refused too: for files whose values are used as they
    stand, with no field check after them (the release index, the trust list)."""
    return _parse(text, parse_constant=_no_constant, object_pairs_hook=_unique_keys)
