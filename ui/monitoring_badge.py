"""'Telt dit als circulair?': a live badge for the wizard's criteria and weights pages.

Self-contained: a page creates it, adds it to its layout and calls refresh(tender, library, rule) when the choice or
a weight changes. The rule is the organisation's, read once by the wizard from its register; else the region's.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from tender_assistant.checks import resolve_criteria
from tender_assistant.library import Library
from tender_assistant.monitoring.rule import CountingRule
from tender_assistant.monitoring.tender_count import count_tender
from tender_assistant.tender import Tender

from . import i18n

STYLES = {
    "counts": "background:#e8f5e9; color:#1b5e20; border:1px solid #a5d6a7;",
    "not": "background:#fff4e5; color:#8a5a00; border:1px solid #ffcc80;",
    "none": "background:#f2f2f2; color:#555; border:1px solid #ccc;",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Monitoring", text)


class CircularBadge(QLabel):
    """Counts or not under the organisation's rule, at which level, why, and the smallest change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("circular_badge")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleName(_tr("Telt dit als circulair?"))
        self.state = "none"

    def refresh(self, tender: Tender, library: Library, rule: CountingRule | None = None) -> None:
        """Recount for the tender as it stands now, under rule (default: the region's)."""
        criteria, _unknown = resolve_criteria(tender, library)
        title = html.escape(_tr("Telt dit als circulair?"))
        if not criteria:
            self._show("none", f"<b>{title}</b> {html.escape(_tr('Kies eerst criteria.'))}")
            return
        result = count_tender(tender, criteria, rule)
        sign = "✔" if result.counts else "▲"
        self._show("counts" if result.counts else "not",
                   f"<b>{title}</b> {sign} {html.escape(result.summary(i18n.lang()))}")

    def _show(self, state: str, text: str) -> None:
        self.state = state
        self.setText(text)
        self.setStyleSheet(f"QLabel#circular_badge {{ {STYLES[state]} padding:6px; border-radius:4px; }}")
