"""What every wizard page shares: page ids, the tender page base class, findings as HTML."""

from __future__ import annotations

import html
import re
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
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
    PROCEDURE = 6
    REVIEW = 7
    EXPORT = 8


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


# A finding's place -> the page that fixes it and what to focus there (see checks.PLACE_LABELS).
PLACE_PAGES: dict[str, PageId] = {
    "title": PageId.BASICS, "organisation": PageId.BASICS, "description": PageId.BASICS, "cpv": PageId.BASICS,
    "estimated_value_eur": PageId.BASICS, "contract_term_months": PageId.BASICS, "procedure": PageId.BASICS,
    "main_object": PageId.BASICS, "publication_date": PageId.BASICS, "regime": PageId.BASICS, "package": PageId.PACKAGE,
    "ambition_level": PageId.AMBITION, "criteria": PageId.CRITERIA, "price_weight": PageId.WEIGHTS,
    "price_rule": PageId.WEIGHTS, "fixed_budget_eur": PageId.WEIGHTS, "price_band_percent": PageId.WEIGHTS,
    "participants": PageId.BASICS, "mandate": PageId.BASICS, "lots": PageId.BASICS, "lots_reason": PageId.BASICS,
    "max_lots_per_bidder": PageId.BASICS, "max_lots_awarded_per_bidder": PageId.BASICS,
    "lot_award_order": PageId.BASICS,
    "extension_options_months": PageId.BASICS, "framework_agreement": PageId.BASICS,
    "maximum_value_eur": PageId.BASICS, "term_reason": PageId.PROCEDURE,
    "submission_deadline": PageId.PROCEDURE, "questions_deadline": PageId.PROCEDURE,
    "answers_date": PageId.PROCEDURE, "award_decision_date": PageId.PROCEDURE,
    "contract_start_date": PageId.PROCEDURE, "bid_validity_days": PageId.PROCEDURE,
    "prior_information_notice": PageId.PROCEDURE, "electronic_submission": PageId.PROCEDURE,
    "optional_exclusion_grounds": PageId.PROCEDURE, "tie_rule": PageId.PROCEDURE,
    "lowest_price_reason": PageId.PROCEDURE, "purchase_conditions": PageId.PROCEDURE,
    "values.contactpersoon": PageId.PROCEDURE, "values.platform": PageId.PROCEDURE,
    "values.klachtenmeldpunt": PageId.PROCEDURE,
}
_CRITERION_PLACE = re.compile(r"^criteria\[([^\]]+)\](\.weight)?$")
_LOT_PLACE = re.compile(r"^lots\[([^\]]+)\]\.(.+)$")
_LOT_WEIGHT_FIELDS = {"price_weight", "price_rule", "price_band_percent", "fixed_budget_eur"}


def place_lot(where: str) -> tuple[str | None, str]:
    """The lot a finding's place names and the place within it: 'lots[2].criteria[X].weight' -> ('2',
    'criteria[X].weight'); a lot's own fields (title, value, CPV) stay on the basics page: (None, where)."""
    match = _LOT_PLACE.match(where)
    if match is None:
        return None, where
    inner = match.group(2)
    if _CRITERION_PLACE.match(inner) or inner in _LOT_WEIGHT_FIELDS or inner == "criteria":
        return match.group(1), inner
    return None, where


def place_target(where: str) -> tuple[PageId, str]:
    """The page for a finding's place and the key its page focuses: a field name, a criterion id or a value."""
    _lot, where = place_lot(where)
    match = _CRITERION_PLACE.match(where)
    if match:
        return (PageId.WEIGHTS if match.group(2) else PageId.CRITERIA), match.group(1)
    if where.startswith("values.") and where not in PLACE_PAGES:
        return PageId.CLAUSES, where.removeprefix("values.")
    head = where.split("[")[0].split(".")[0]  # 'participants[2].name', 'mandate.date', 'lots[1].title'
    return PLACE_PAGES.get(where, PLACE_PAGES.get(head, PageId.REVIEW)), where


def findings_html(findings: list[checks.Finding], links: bool = False) -> str:
    """Findings as a list, errors first, each with a sign and colour; with links, each one that has a place
    links to it ('finding:N', N its index)."""
    if not findings:
        return f"<p style='color:#1b5e20'>✔ {_tr('Geen fouten of adviezen.')}</p>"
    items = []
    for i, f in enumerate(findings):
        colour, sign = SEVERITY_STYLE[f.severity]
        text = html.escape(f.text(i18n.lang()))
        if links and f.where:
            text = (f"<a href='finding:{i}' style='color:{colour}'>{text}</a>"
                    f" <a href='finding:{i}'>{_tr('(ga naar het veld)')}</a>")
        items.append(f"<p style='margin:2px 0; color:{colour}'>{sign} {text}</p>")
    return "".join(items)


class TenderPage(QWizardPage):
    """Base page: access to the wizard's tender and store; keeps what was typed when the user goes back.

    A page lays out its widgets on `self.content`, which scrolls when the screen is too small for it (a 1280x720
    laptop, 200 % scaling), so the wizard's buttons always stay on the screen."""

    def __init__(self) -> None:
        super().__init__()
        # not 'scroll': that name is QWidget.scroll(), which the attribute hid
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # not a Tab stop of its own: the page's first field gets the focus, and Tab scrolls to the field it reaches
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.content = QWidget(self.scroll_area)
        self.scroll_area.setWidget(self.content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    def wiz(self) -> TenderWizard:
        return self.wizard()  # type: ignore[return-value]

    def cleanupPage(self) -> None:
        """Going back keeps everything (QWizard would otherwise reset registered fields)."""

    def changed(self) -> None:
        self.wiz().mark_dirty()
