"""Pages 7 and 8: review with a document preview, and Word export."""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
)

from criteria_library.infra.errors import UserError
from tender_assistant import checks
from tender_assistant.documents.document_set import SET_FILES
from tender_assistant.documents.plan import build_plan
from tender_assistant.documents.plan_html import plan_html

from .. import i18n
from ..path_field import path_row
from .base import TenderPage, _tr, findings_html


# ----------------------------------------------------------------------- 7 review
class ReviewPage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Controle en voorbeeld"))
        self.setSubTitle(_tr("Links de tekst van het document zoals het wordt gemaakt, rechts alle fouten en "
                             "adviezen. Met een fout kunt u alleen een concept exporteren."))
        layout = QVBoxLayout(self.content)
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

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == "finding" and url.path().isdigit() and int(url.path()) < len(self.found):
            self.wiz().show_place(self.found[int(url.path())].where)


# ----------------------------------------------------------------------- 8 export
class ExportPage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Exporteren naar Word"))
        self.setSubTitle(_tr("Kies waar het document komt en eventueel de huisstijl van uw organisatie "
                             "(.docx of .dotx)."))
        form = QFormLayout(self.content)
        out_row, self.out_edit = path_row(self, _tr("Word-bestand"), _tr("Bladeren..."), self._browse_out)
        form.addRow(_tr("Document:"), out_row)
        tpl_row, self.template_edit = path_row(self, _tr("Huisstijlsjabloon"), _tr("Bladeren..."),
                                               self._browse_template)
        self.template_edit.setPlaceholderText(_tr("geen: standaardopmaak"))
        form.addRow(_tr("Huisstijl:"), tpl_row)
        self.concept = QCheckBox(_tr("Als concept (met 'CONCEPT' op elke pagina)"), self)
        form.addRow("", self.concept)
        self.as_set = QCheckBox(_tr("De hele documentenset, in de map van het document"), self)
        self.as_set.setToolTip(_tr("Leidraad, programma van eisen, contractbijlage, eisenlijst en borgingsplan"))
        form.addRow("", self.as_set)
        self.export_button = QPushButton(_tr("&Exporteren"), self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        form.addRow("", self.export_button)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.result)
        after = QHBoxLayout()
        self.open_doc = QPushButton(_tr("&Document openen"), self)
        self.open_folder = QPushButton(_tr("&Map openen"), self)
        self.open_doc.clicked.connect(lambda: self._open(self.exported))
        self.open_folder.clicked.connect(lambda: self._open(self.exported.parent if self.exported else None))
        after.addWidget(self.open_doc)
        after.addWidget(self.open_folder)
        after.addStretch(1)
        form.addRow(after)
        self.exported: Path | None = None
        self._show_after(False)

    def _show_after(self, on: bool) -> None:
        self.open_doc.setVisible(on)
        self.open_folder.setVisible(on)

    def initializePage(self) -> None:
        w = self.wiz()
        if not self.out_edit.text():
            folder = w.path.parent if w.path else Path(w.settings.last_folder)
            self.out_edit.setText(str(folder / (slugify(w.tender.title) + ".docx")))
        errors = checks.errors(checks.check_tender(w.tender, w.store, rule=w.counting_rule()))
        self.concept.setChecked(bool(errors))
        self.concept.setEnabled(not errors)
        self.concept.setToolTip(_tr("Er zijn fouten; los ze op voor een definitief document.") if errors else "")

    def _browse_out(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, _tr("Document opslaan als"), self.out_edit.text(),
                                              _tr("Word-document (*.docx)"))
        if name:
            self.out_edit.setText(name if name.lower().endswith(".docx") else name + ".docx")

    def _browse_template(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, _tr("Huisstijlsjabloon kiezen"), self.template_edit.text(),
                                              _tr("Word-sjabloon (*.docx *.dotx)"))
        if name:
            self.template_edit.setText(name)

    def export(self) -> None:
        """Write the document (or the set) in a worker; the page says where once it is written."""
        w = self.wiz()
        out = Path(self.out_edit.text()).expanduser()
        template = Path(self.template_edit.text()).expanduser() if self.template_edit.text().strip() else None
        as_set = self.as_set.isChecked()
        target = out.parent if as_set else out
        existing = [target / n for n in SET_FILES if (target / n).exists()] if as_set else [out] * out.exists()
        if existing and existing != [self.exported] and QMessageBox.question(
                self, _tr("Overschrijven?"), _tr("Deze bestanden bestaan al en worden overschreven:\n%1").replace(
                    "%1", "\n".join(p.name for p in existing))) != QMessageBox.StandardButton.Yes:
            return
        notes: list[str] = []
        concept = self.concept.isChecked()
        self.exported = None
        self._show_after(False)
        w.export_document(target, template,
                          lambda document: self._exported(document, target, as_set, concept, notes),
                          concept=concept, as_set=as_set, notes=notes)

    def _exported(self, document: Path, target: Path, as_set: bool, concept: bool, notes: list[str]) -> None:
        """The document is written: say where (with what the template lost) and offer to register the tender."""
        w = self.wiz()
        self.exported = document
        done = _tr("Klaar: %1").replace("%1", str(target if as_set else document))
        self.result.setText("\n".join([done, *notes]))
        self.result.setStyleSheet("color:#1b5e20")
        self._show_after(True)
        if not concept:
            from ..monitoring_window import offer_registration

            offer_registration(self, w.tender, w.store)

    def _open(self, path: Path | None) -> None:
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def slugify(title: str) -> str:
    """A file name from a title."""
    from criteria_library.infra.text import fold

    words = re.findall(r"[a-z0-9]+", fold(title))
    return "-".join(words)[:60] or "aanbesteding"
