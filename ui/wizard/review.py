"""Page 7: review with a document preview (page 8, the export, is in export.py)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
)

from criteria_library.infra.errors import UserError
from tender_assistant import checks
from tender_assistant.documents.plan import build_plan
from tender_assistant.documents.plan_html import plan_html

from .. import i18n
from .base import TenderPage, _tr, findings_html
from .library_watch import LibraryChangeBanner


# ----------------------------------------------------------------------- 7 review
class ReviewPage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Controle en voorbeeld"))
        self.setSubTitle(_tr("Links de tekst van het document zoals het wordt gemaakt, rechts alle fouten en "
                             "adviezen. Met een fout kunt u alleen een concept exporteren."))
        layout = QVBoxLayout(self.content)
        self.library_banner = LibraryChangeBanner(self)
        layout.addWidget(self.library_banner)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.preview = QTextBrowser(splitter)
        self.preview.setAccessibleName(_tr("Voorbeeld van het document"))
        self.findings = QTextBrowser(splitter)
        self.findings.setAccessibleName(_tr("Fouten en adviezen"))
        self.findings.setOpenLinks(False)  # a finding's link goes to the page and field that fix it
        self.findings.anchorClicked.connect(self._follow)
        splitter.setSizes([600, 320])
        layout.addWidget(splitter, 1)

    def initializePage(self) -> None:
        w = self.wiz()
        self.library_banner.attach(w.library_watch)
        self.found = checks.check_tender(w.tender, w.store, rule=w.counting_rule())
        errors = checks.errors(self.found)
        head = (f"<p><b style='color:#b71c1c'>{_tr('%1 fout(en): alleen een concept is mogelijk.').replace('%1', str(len(errors)))}"
                f"</b></p>" if errors else f"<p><b style='color:#1b5e20'>{_tr('Geen fouten: klaar om te exporteren.')}"
                f"</b></p>")
        self.findings.setHtml(head + findings_html(self.found, links=True))
        try:
            plan = build_plan(w.tender, w.store, concept=bool(errors))
            self.preview.setHtml(plan_html(plan, toc_note=_tr('inhoudsopgave: Word vult de paginanummers in')))
        except UserError as exc:
            self.preview.setHtml(f"<p style='color:#b71c1c'>{html.escape(i18n.error_text(exc))}</p>")

    def library_changed(self) -> None:
        """A chosen criterion changed in the library (or its new text was loaded): check and preview again."""
        self.initializePage()

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == "finding" and url.path().isdigit() and int(url.path()) < len(self.found):
            self.wiz().show_place(self.found[int(url.path())].where)
