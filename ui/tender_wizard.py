"""The drafting wizard: from a description to a Word document, saved as .tender.json at any step."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QMessageBox, QWidget, QWizard

from criteria_library.infra.errors import UserError
from criteria_library.store import LibraryStore
from tender_assistant.documents.document_set import export_set
from tender_assistant.documents.export import export_tender
from tender_assistant.documents.pdf import docx_to_pdf, pdf_after_word
from tender_assistant.monitoring.register_file import rule_for_library
from tender_assistant.monitoring.rule import CountingRule
from tender_assistant.tender import Tender, save_tender

from .error_dialogs import show_user_error
from .operation import Operation
from .screen_fit import fit_to_screen, roomy_size
from .settings import AppSettings
from .wizard.base import PageId, place_lot, place_target
from .wizard.basics import BasicsPage
from .wizard.criteria import ClausesPage, CriteriaPage
from .wizard.export import ExportPage, slugify
from .wizard.library_watch import LibraryWatch
from .wizard.package import AmbitionPage, PackagePage
from .wizard.procedure import ProcedurePage
from .wizard.review import ReviewPage
from .wizard.weights import WeightsPage


class TenderWizard(QWizard):
    """One tender being drafted; a top-level window so the library stays usable beside it."""

    closed = Signal()
    saved_to = Signal(str)

    def __init__(self, store: LibraryStore, settings: AppSettings, path: Path | None = None,
                 tender: Tender | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.store = store
        self.settings = settings
        self.path = path
        self.tender = tender or Tender()
        self.dirty = False
        self.current_lot: str | None = None  # the lot the criteria and weights pages work on (None: all lots)
        # a loaded tender keeps its chosen criteria; the criteria page suggests again only after a change
        self.suggested_for: tuple[str, int, str] | None = (
            (self.tender.package, self.tender.ambition_level, self.tender.description)
            if tender is not None and tender.criteria else None)
        self._counting_rule: CountingRule | None = None
        # another program changing a chosen criterion meanwhile: the criteria, review and export pages say so
        self.library_watch = LibraryWatch(self)
        self.library_watch.changed.connect(self._library_changed)
        self.setObjectName("TenderWizard")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton2, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("&Opslaan"))
        self.setButtonText(QWizard.WizardButton.CustomButton2, self.tr("Opslaan &als..."))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Vo&rige"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Volgende >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Klaar"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("&Sluiten"))
        self.customButtonClicked.connect(self._custom_button)
        self.pages: dict[PageId, Any] = {
            PageId.BASICS: BasicsPage(), PageId.PACKAGE: PackagePage(), PageId.AMBITION: AmbitionPage(),
            PageId.CRITERIA: CriteriaPage(), PageId.CLAUSES: ClausesPage(), PageId.WEIGHTS: WeightsPage(),
            PageId.PROCEDURE: ProcedurePage(), PageId.REVIEW: ReviewPage(), PageId.EXPORT: ExportPage(),
        }
        for page_id, page in self.pages.items():
            self.setPage(int(page_id), page)
            for combo in page.findChildren(QComboBox):
                # a combo is as wide as its longest entry by default ('Mededingingsprocedure met onderhandeling'):
                # at presentation size that pushed pages past a 1280x720 screen; the open list still shows all
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(12)
                QApplication.sendEvent(combo, QEvent(QEvent.Type.StyleChange))  # drops its cached minimum width
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence.StandardKey.HelpContents, self, self.show_help)
        fit_to_screen(self, *(settings.window_size("wizard") or roomy_size(self, 1100, 760)))
        self._update_title()
        self._prime_matcher()

    def _library_changed(self) -> None:
        """Show the pages that print criteria texts again, from the tender and the library as they are now."""
        page = self.currentPage()
        if page is not None and hasattr(page, "library_changed"):
            page.library_changed()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.library_watch.check()  # back from the terminal where the import ran: look at once

    def counting_rule(self) -> CountingRule:
        """The organisation's counting rule, read once from the register that belongs to the library."""
        if self._counting_rule is None:
            self._counting_rule = rule_for_library(self.store.path)
        return self._counting_rule

    def _prime_matcher(self) -> None:
        """Build the package matcher on a pool thread with its own connection, so page 2 does not stall the UI."""
        from tender_assistant import matching

        store, path, generation = self.store, self.store.path, self.store.generation

        def task(_progress: Any) -> Any:
            reader = LibraryStore.open(path, read_only=True)
            try:
                return matching.build_matcher(reader)
            finally:
                reader.close()

        Operation(self, task, progress_dialog=False).success(
            lambda matcher: matching.prime_matcher(store, matcher, generation)).run()

    # ------------------------------------------------------------------ state
    def mark_dirty(self) -> None:
        if not self.dirty:
            self.dirty = True
        self._update_title()

    def _update_title(self) -> None:
        """The tender's title and the file it is saved in (after 'Opslaan als' the new one), '*' when unsaved."""
        name = self.tender.title.strip() or self.tr("Nieuwe aanbesteding")
        where = f" ({self.path.name})" if self.path is not None else ""
        self.setWindowTitle(f"{name}{where}[*] - Tender Assistant")
        self.setWindowModified(self.dirty)

    def go_to(self, page_id: PageId) -> None:
        """Walk forward to a page (each page on the way is initialised from the tender, as Next would)."""
        self.restart()
        while self.currentId() != int(page_id) and self.currentId() != -1:
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break

    def show_help(self) -> None:
        """F1: the manual at the step the user is on."""
        from .help_dialog import show_help

        self.help_dialog = show_help(self, f"page-{max(self.currentId(), 0)}")

    def show_place(self, where: str) -> None:
        """Go to the page and field that a finding's place names ('price_weight', 'criteria[MEU-G-01].weight',
        'values.garantie_jaren', ...), so the user can fix it there."""
        lot, _inner = place_lot(where)
        if lot is not None:
            self.current_lot = lot  # the criteria and weights pages open on the lot the finding names
        page_id, focus = place_target(where)
        self.go_to(page_id)
        page = self.pages[page_id]
        if self.currentId() == int(page_id) and hasattr(page, "focus_place"):
            page.focus_place(focus)

    # ----------------------------------------------------------------- saving
    def _custom_button(self, which: int) -> None:
        # customButtonClicked sends a plain int; int(enum) raises TypeError in the PySide6 versions we support
        if which == QWizard.WizardButton.CustomButton1.value:
            self.save()
        elif which == QWizard.WizardButton.CustomButton2.value:
            self.save_as()

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        folder = self.path.parent if self.path else Path(self.settings.last_folder)
        suggested = folder / (slugify(self.tender.title) + ".tender.json")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Aanbesteding opslaan"), str(suggested),
                                              self.tr("Aanbesteding (*.tender.json)"))
        if not name:
            return False
        path = Path(name)
        if not path.name.lower().endswith(".json"):  # 'Stoelen.JSON' is a JSON file too
            path = path.with_name(path.name + ".tender.json")
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        if not self.tender.title.strip():
            QMessageBox.information(self, self.tr("Opslaan"), self.tr("Geef de aanbesteding eerst een titel."))
            return False
        try:
            save_tender(self.tender, path)
        except UserError as exc:
            show_user_error(self, exc, self.tr("Niet opgeslagen"))
            return False
        self.path = path
        self.dirty = False
        self._update_title()
        self.saved_to.emit(str(path))
        return True

    # ----------------------------------------------------------------- export
    def export_document(self, out: Path, template: Path | None, on_done: Callable[[Path], None], *,
                        concept: bool = False, as_set: bool = False,
                        notes: list[str] | None = None, pdf: bool = False) -> Operation[Path]:
        """Write the Word document (or, as_set, the document set into the folder out) in a worker.

        on_done(document) gets the document (the set's leidraad); a failure or a cancel is shown in a dialog.
        notes receives what the template lost; pdf also writes a PDF beside each Word document.
        """
        store_path = self.store.path
        tender = self.tender

        def task(progress: Any) -> Path:
            reader = LibraryStore.open(store_path, read_only=True)
            try:
                if as_set:  # the set's PDFs are part of the set, made before it replaces an earlier one
                    written = export_set(tender, reader, out, template, concept=concept, progress=progress,
                                         notes=notes, to_pdf=docx_to_pdf if pdf else None)
                    return written[0]
                document = export_tender(tender, reader, out, template=template, concept=concept,
                                         progress=progress, notes=notes)
                if pdf:
                    pdf_after_word(document, document.with_suffix(".pdf"))
                return document
            finally:
                reader.close()

        def cancelled() -> None:
            QMessageBox.information(self, self.tr("Exporteren"), self.tr("Afgebroken; er is geen document gemaakt."))

        return Operation(self, task, label=self.tr("Word-document maken..."), cancellable=True,
                         failure_title=self.tr("Exporteren niet gelukt"), minimum_duration_ms=300,
                         ).success(on_done).cancelled(cancelled).run()

    # ---------------------------------------------------------------- closing
    def reject(self) -> None:
        if self.maybe_save():
            super().reject()

    def done(self, result: int) -> None:
        if result == int(QWizard.DialogCode.Accepted) and not self.maybe_save():
            return
        if not self.isMaximized():  # the next tender opens as large as this one was left
            self.settings.save_window_size("wizard", self.width(), self.height())
        super().done(result)
        self.closed.emit()

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes; False when the user cancels."""
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self, self.tr("Wijzigingen opslaan?"),
            self.tr("De aanbesteding '%1' heeft wijzigingen die nog niet zijn opgeslagen. Opslaan?").replace(
                "%1", self.tender.title or self.tr("Nieuwe aanbesteding")),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        self.dirty = False
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        super().closeEvent(event)  # QDialog: reject() -> done() -> closed
