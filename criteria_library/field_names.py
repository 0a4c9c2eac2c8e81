"""The names of packages' and criteria's fields as a user reads them, in Dutch and English.

One home for: the labels (also the Dutch column headers of Excel packs), reading a column header back to its field
(the Dutch label or the English field name of older packs, any case), and the place of a problem as a user reads it
("criterium 2 (MEU-M-01), veld 'Ambitieniveau'" rather than "$.criteria[1].level"). The JSON keys of a pack are a
contract and keep their English names; only what people read changes.
"""

from __future__ import annotations

import re
from enum import Enum

from .infra.text import shown
from .models import KIND_LABELS, LEVEL_LABELS, R_STRATEGIES, STATUS_LABELS

# field -> (Dutch, English); the order is the order of an exported pack's columns
CRITERION_LABELS: dict[str, tuple[str, str]] = {
    "id": ("Code", "Id"),
    "package": ("Inkooppakket", "Procurement package"),
    "kind": ("Soort", "Kind"),
    "level": ("Ambitieniveau", "Ambition level"),
    "r_strategy": ("R-strategie", "R-strategy"),
    "title": ("Titel", "Title"),
    "rationale": ("Toelichting", "Rationale"),
    "clause": ("Voorbeeldtekst", "Example clause"),
    "verification": ("Bewijsmiddel", "Verification"),
    "source": ("Bron", "Source"),
    "status": ("Status", "Status"),
    "version": ("Versie", "Version"),
    "placeholders": ("Invulvelden", "Placeholders"),
    "weight_min": ("Minimumgewicht", "Minimum weight"),
    "weight_max": ("Maximumgewicht", "Maximum weight"),
    "scoring": ("Beoordelingswijze", "Scoring method"),
    "scoring_text": ("Toelichting beoordeling", "Scoring explanation"),
    "marktstandaard": ("Marktstandaard", "Market standard"),
    "requires": ("Vereiste criteria", "Required criteria"),
    "source_type": ("Soort bron", "Source type"),
    "created_at": ("Aangemaakt op", "Created on"),
    "updated_at": ("Gewijzigd op", "Changed on"),
    "updated_by": ("Gewijzigd door", "Changed by"),
}
PACKAGE_LABELS: dict[str, tuple[str, str]] = {
    "slug": ("Slug", "Slug"),
    "name_nl": ("Naam (NL)", "Name (NL)"),
    "name_en": ("Naam (EN)", "Name (EN)"),
    "prefix": ("Voorvoegsel", "Prefix"),
    "cpv": ("CPV-codes", "CPV codes"),
    "synonyms": ("Synoniemen", "Synonyms"),
    "description": ("Omschrijving", "Description"),
}
# The parts of a structured scoring or a placeholder's details, as they appear after the field's own label
_PART_LABELS: dict[str, tuple[str, str]] = {
    "type": ("soort beoordeling", "scoring type"),
    "scale_max": ("hoogste score", "maximum score"),
    "levels": ("niveau", "level"),
    "points": ("punten", "points"),
    "description": ("omschrijving", "description"),
    "direction": ("richting", "direction"),
    "floor": ("ondergrens", "floor"),
    "per_unit_pct": ("korting per eenheid", "discount per unit"),
    "cap_pct": ("maximale korting", "maximum discount"),
    "per_unit_eur": ("waarderingsfactor (euro per eenheid)", "valuation factor (euro per unit)"),
    "cap_eur": ("maximale korting in euro", "maximum discount in euro"),
    "reference": ("plafond (referentiewaarde)", "ceiling (reference value)"),
    "values_from": ("waarden uit invulvelden", "values from placeholders"),
    "unit": ("eenheid", "unit"),
    "floor_from": ("ondergrens uit", "floor from"),
    "criterion": ("criterium", "criterion"),
    "placeholder": ("invulveld", "placeholder"),
    "example_low": ("laag voorbeeldaanbod", "low example offer"),
    "example_high": ("hoog voorbeeldaanbod", "high example offer"),
    "default": ("standaardwaarde", "default value"),
    "label": ("naam", "label"),
    "min": ("minimum", "minimum"),
    "max": ("maximum", "maximum"),
}
XLSX_PACKAGE_SHEET = "Pakketten"
XLSX_CRITERIA_SHEET = "Criteria"

_INDEXED = re.compile(r"^(.*)\[(\d+)\]$")


def label(name: str, lang: str = "nl") -> str:
    """The label of a criterion or package field; the name itself when it has none."""
    pair = CRITERION_LABELS.get(name) or PACKAGE_LABELS.get(name)
    if pair is None:
        return name
    return pair[1] if lang == "en" else pair[0]


def header_fields(labels: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Column header (trimmed, lower case) -> field: the Dutch and English labels and the field names themselves."""
    out: dict[str, str] = {}
    for name, (nl, en) in labels.items():
        for text in (name, nl, en):
            out[text.strip().casefold()] = name
    return out


def field_text(field: str, header: str | None = None, lang: str = "nl") -> str:
    """A field and the part of it that is wrong: "'Beoordelingswijze' (niveau 1, punten)".

    `field` is a validation problem's field ("level", "scoring.levels[0].points", "placeholders.jaren.min"); `header`
    is the column as the file names it (Excel), used instead of the label.
    """
    head, _, rest = field.partition(".")
    shown_name = header if header is not None else label(head, lang)
    parts: list[str] = []
    if head == "placeholders" and rest:
        name, _, key = rest.rpartition(".") if "." in rest else (rest, "", "")
        parts.append(f"{'placeholder' if lang == 'en' else 'invulveld'} '{name}'")
        if key:
            parts.append(_part(key, lang))
    elif rest:
        parts.extend(_part(p, lang) for p in rest.split("."))
    return f"'{shown_name}'" + (f" ({', '.join(parts)})" if parts else "")


def _part(token: str, lang: str) -> str:
    match = _INDEXED.match(token)
    name, index = (match.group(1), int(match.group(2))) if match else (token, None)
    pair = _PART_LABELS.get(name)
    text = (pair[1] if lang == "en" else pair[0]) if pair else name
    return f"{text} {index + 1}" if index is not None else text


def record_place(kind: str, number: int, key: object = None, lang: str = "nl") -> str:
    """A package or criterion in a JSON pack, counted from 1: "criterium 2 (MEU-M-01)"."""
    words = {("criteria", "nl"): "criterium", ("criteria", "en"): "criterion",
             ("packages", "nl"): "pakket", ("packages", "en"): "package"}
    text = f"{words[kind, 'en' if lang == 'en' else 'nl']} {number}"
    if isinstance(key, str) and key.strip() and "\n" not in key:
        text += f" ({shown(key, 40)})"
    return text


def row_place(sheet: str, row: int, lang: str = "nl") -> str:
    """A row of an Excel pack's sheet: "blad Criteria, rij 5"."""
    return f"sheet {sheet}, row {row}" if lang == "en" else f"blad {sheet}, rij {row}"


def with_field(place: str, field: str, *, column: bool = False, header: str | None = None, lang: str = "nl") -> str:
    """A place and one of its fields: "criterium 2 (MEU-M-01), veld 'Ambitieniveau'"; nothing added without a field."""
    if not field:
        return place
    word = ("column" if column else "field") if lang == "en" else ("kolom" if column else "veld")
    return f"{place}, {word} {field_text(field, header, lang)}"


def value_text(name: str, value: object, lang: str = "nl") -> str:
    """A field's value as a user reads it: a status, kind, level or R-strategy by its label, yes/no, '-' for none.

    Anything else as its text; name = value lines for placeholders.
    """
    en = lang == "en"
    labels: dict[str, dict[str, tuple[str, str]]] = {
        "status": {s.value: pair for s, pair in STATUS_LABELS.items()},
        "kind": {k.value: pair for k, pair in KIND_LABELS.items()},
        "level": {str(int(lv)): (f"{int(lv)} {pair[0]}", f"{int(lv)} {pair[1]}") for lv, pair in LEVEL_LABELS.items()},
        "r_strategy": {code: (f"{code} {nl}", f"{code} {en_name}") for code, (nl, en_name) in R_STRATEGIES.items()},
    }
    if value is None:
        return "-"
    if isinstance(value, bool):
        return ("yes" if value else "no") if en else ("ja" if value else "nee")
    if name in labels:
        key = str(value.value) if isinstance(value, Enum) else str(value)
        pair = labels[name].get(key)
        if pair is not None:
            return pair[1] if en else pair[0]
    if isinstance(value, dict):
        return "\n".join(f"{k} = {v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "-"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)
