"""What every wizard page shares: page ids, the tender page base class, findings as HTML."""

from __future__ import annotations

import html
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFrame,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from tender_assistant import checks

from .. import i18n

if TYPE_CHECKING:
    from ..tender_wizard import TenderWizard


class PageId(IntEnum):
    BASICS = 0
    PACKAGE = 1
    AMBITION = 2
    CRITERIA = 3
    CLAUSES = 4
    WEIGHTS = 5
    REVIEW = 6
    EXPORT = 7


SEVERITY_STYLE = {
    checks.Severity.ERROR: ("#b71c1c", "✖"),
    checks.Severity.ADVICE: ("#8a5a00", "▲"),
    checks.Severity.INFO: ("#1f4e79", "ℹ"),
}
WEIGHT_CODES = {"weights-sum", "price-weight", "no-award", "weight-missing", "weight-zero", "weight-range",
                "korting-no-effect"}


def _tr(text: str) -> str:
    """Translate in the wizard pages' context (shared by all page modules, so the .ts keeps one context)."""
    return QCoreApplication.translate("WizardPages", text)


def findings_html(findings: list[checks.Finding]) -> str:
    """Findings as a list, errors first, each with a sign and colour."""
    if not findings:
        return f"<p style='color:#1b5e20'>✔ {_tr('Geen fouten of adviezen.')}</p>"
    items = []
    for f in findings:
        colour, sign = SEVERITY_STYLE[f.severity]
        items.append(f"<p style='margin:2px 0; color:{colour}'>{sign} {html.escape(f.text(i18n.lang()))}</p>")
    return "".join(items)


class TenderPage(QWizardPage):
    """Base page: access to the wizard's tender and store; keeps what was typed when the user goes back.

    A page lays out its widgets on `self.content`, which scrolls when the screen is too small for it (a 1280x720
    laptop, 200 % scaling), so the wizard's buttons always stay on the screen."""

    def __init__(self) -> None:
        super().__init__()
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.content = QWidget(self.scroll)
        self.scroll.setWidget(self.content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    def wiz(self) -> TenderWizard:
        return self.wizard()  # type: ignore[return-value]

    def cleanupPage(self) -> None:
        """Going back keeps everything (QWizard would otherwise reset registered fields)."""

    def changed(self) -> None:
        self.wiz().mark_dirty()
