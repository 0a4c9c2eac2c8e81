"""The names of a criterion's fields as the user sees them (editor, history, import diff)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def field_label(name: str) -> str:
    """The label of a criterion or package field in the interface language."""
    t = QCoreApplication.translate
    labels = {
        "package": t("Fields", "Inkooppakket"), "kind": t("Fields", "Soort"), "level": t("Fields", "Ambitieniveau"),
        "r_strategy": t("Fields", "R-strategie"), "title": t("Fields", "Titel"),
        "rationale": t("Fields", "Toelichting"), "clause": t("Fields", "Voorbeeldtekst"),
        "placeholders": t("Fields", "Invulvelden"), "verification": t("Fields", "Bewijsmiddel"),
        "source": t("Fields", "Bron"), "weight_min": t("Fields", "Minimumgewicht"),
        "weight_max": t("Fields", "Maximumgewicht"), "scoring": t("Fields", "Beoordelingswijze"),
        "id": t("Fields", "Code"), "status": t("Fields", "Status"), "version": t("Fields", "Versie"),
        "name_nl": t("Fields", "Naam (NL)"), "name_en": t("Fields", "Naam (EN)"), "prefix": t("Fields", "Voorvoegsel"),
        "cpv": t("Fields", "CPV-codes"), "synonyms": t("Fields", "Synoniemen"),
        "description": t("Fields", "Omschrijving"), "slug": t("Fields", "Slug"),
    }
    return labels.get(name, name)
