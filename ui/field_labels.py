"""The names of a criterion's fields as the user sees them (editor, history, import diff).

The labels live in criteria_library.field_names (pack messages and Excel headers use them too); this picks the
interface language.
"""

from __future__ import annotations

from criteria_library.field_names import label

from . import i18n


def field_label(name: str) -> str:
    """The label of a criterion or package field in the interface language."""
    return label(name, i18n.lang())
