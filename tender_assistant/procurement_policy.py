"""The organisation's own inkoopbeleid: the upper values for private procedures for supplies and services.

The Gids Proportionaliteit gives guide values for works only; for supplies and services each organisation sets its
own in its inkoopbeleid. They are kept as a setting of the organisation's library, so the wizard, `tender check` and
`export` give the same advice on every laptop that uses that library.
"""

from __future__ import annotations

import json

from criteria_library.infra.errors import UserError
from criteria_library.infra.text import dutch_number

from .thresholds import NationalAdvice, default_policy

SETTING_KEY = "inkoopbeleid"
MAX_AMOUNT = 100_000_000  # EUR; anything above is a typing error, not a policy


def load_policy(library: object) -> NationalAdvice | None:
    """The organisation's inkoopbeleid stored in the library, or None (the stated default applies)."""
    read = getattr(library, "setting", None)
    if read is None:
        return None
    try:
        raw = read(SETTING_KEY)
        data = json.loads(raw) if raw else None
        if not isinstance(data, dict):
            return None
        return _advice(data.get("enkelvoudig_max"), data.get("meervoudig_max"), str(data.get("source") or ""))
    except (ValueError, TypeError, UserError):
        return None  # an unreadable setting falls back to the stated default rather than blocking the check


def save_policy(store: object, enkelvoudig_max: int | None, meervoudig_max: int | None, source: str) -> None:
    """Store the organisation's values (EUR, excl. btw; None: no upper value of that kind) in the library."""
    advice = _advice(enkelvoudig_max, meervoudig_max, source)
    value = json.dumps({"enkelvoudig_max": advice.enkelvoudig_max, "meervoudig_max": advice.meervoudig_max,
                        "source": advice.source}, ensure_ascii=False)
    store.set_setting(SETTING_KEY, value, "inkoopbeleid ingesteld")  # type: ignore[attr-defined]


def clear_policy(store: object) -> None:
    """Go back to the stated default values."""
    store.set_setting(SETTING_KEY, None, "inkoopbeleid teruggezet naar de standaardwaarden")  # type: ignore[attr-defined]


def current_policy(library: object) -> NationalAdvice:
    """The values that apply now: the organisation's own, else the stated default."""
    return load_policy(library) or default_policy()


def _advice(enkelvoudig: object, meervoudig: object, source: str) -> NationalAdvice:
    values: list[int | None] = []
    for name, value in (("enkelvoudig", enkelvoudig), ("meervoudig", meervoudig)):
        if value is None:
            values.append(None)
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_AMOUNT:
            raise UserError(f"het inkoopbeleid: de grens voor {name} onderhands moet een bedrag tussen 1 en "
                            f"{dutch_number(MAX_AMOUNT)} euro zijn",
                            en=f"procurement policy: the upper value for {name} onderhands must be an amount between 1 "
                               f"and {MAX_AMOUNT:,} euro")
        values.append(value)
    if values[0] is not None and values[1] is not None and values[0] > values[1]:
        raise UserError("het inkoopbeleid: de grens voor enkelvoudig onderhands ligt boven die voor meervoudig "
                        "onderhands", en="procurement policy: the upper value for enkelvoudig onderhands is above the "
                                         "one for meervoudig onderhands")
    source = " ".join(source.split())[:200] or "inkoopbeleid van de organisatie"
    return NationalAdvice(source, values[0], values[1], from_policy=True)
