"""Page 8: export to Word (one document or the whole set), in a folder of the tender's own, optionally with PDFs."""

from __future__ import annotations

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
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
)

from tender_assistant import checks
from tender_assistant.documents.document_set import LEIDRAAD, SET_FILES
from tender_assistant.documents.pdf import soffice
from tender_assistant.set_swap import recover_sets

from ..path_field import path_row
from .base import TenderPage, _tr
from .library_watch import LibraryChangeBanner


class ExportPage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Exporteren naar Word"))
        self.setSubTitle(_tr("Kies waar het document komt en eventueel de huisstijl van uw organisatie "
                             "(.docx of .dotx). Elke aanbesteding krijgt een eigen map."))
        form = QFormLayout(self.content)
        self.library_banner = LibraryChangeBanner(self)
        form.addRow(self.library_banner)
        out_row, self.out_edit = path_row(self, _tr("Word-bestand"), _tr("Bladeren..."), self._browse_out)
        self.out_edit.textChanged.connect(self._show_target)
        self.out_label = QLabel(_tr("Document:"), self)
        self.out_label.setBuddy(self.out_edit)
        form.addRow(self.out_label, out_row)
        tpl_row, self.template_edit = path_row(self, _tr("Huisstijlsjabloon"), _tr("Bladeren..."),
                                               self._browse_template)
        self.template_edit.setPlaceholderText(_tr("geen: standaardopmaak"))
        form.addRow(_tr("Huisstijl:"), tpl_row)
        self.concept = QCheckBox(_tr("Als concept (met 'CONCEPT' op elke pagina)"), self)
        form.addRow("", self.concept)
        self.as_set = QCheckBox(_tr("De hele documentenset, in één map"), self)
        self.as_set.setToolTip(_tr("Leidraad, programma van eisen, contractbijlage, eisenlijst en borgingsplan"))
        self.as_set.toggled.connect(self._set_toggled)
        form.addRow("", self.as_set)
        self.pdf = QCheckBox(_tr("Ook als &PDF"), self)
        self.pdf.setToolTip(_tr("Naast elk Word-document een PDF, gemaakt met LibreOffice"))
        form.addRow("", self.pdf)
        self.pdf_note = QLabel(self)
        self.pdf_note.setWordWrap(True)
        self.pdf_note.setStyleSheet("color:#555")
        form.addRow("", self.pdf_note)
        self.target = QLabel(self)
        self.target.setWordWrap(True)
        self.target.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("", self.target)
        self.export_button = QPushButton(_tr("&Exporteren"), self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        form.addRow("", self.export_button)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.result)
        self.files = QListWidget(self)
        self.files.setAccessibleName(_tr("Geschreven bestanden"))
        self.files.setMaximumHeight(130)
        self.files.itemActivated.connect(lambda item: self._open(item.data(Qt.ItemDataRole.UserRole)))
        form.addRow(self.files)
        after = QHBoxLayout()
        self.open_doc = QPushButton(_tr("Bestan&d openen"), self)
        self.open_folder = QPushButton(_tr("&Map openen"), self)
        self.open_doc.clicked.connect(self._open_current)
        self.open_folder.clicked.connect(lambda: self._open(self.folder))
        after.addWidget(self.open_doc)
        after.addWidget(self.open_folder)
        after.addStretch(1)
        form.addRow(after)
        self.exported: Path | None = None
        self.written: list[Path] = []
        self.folder: Path | None = None
        self._proposed = ""  # the path this page proposed; replaced with a new proposal until the user edits it
        self._show_after(False)

    def _show_after(self, on: bool) -> None:
        for widget in (self.files, self.open_doc, self.open_folder):
            widget.setVisible(on)

    def initializePage(self) -> None:
        w = self.wiz()
        self.library_banner.attach(w.library_watch)
        if not self.out_edit.text() or self.out_edit.text() in (self._proposed, str(Path(self._proposed).parent)):
            self._proposed = str(proposed_folder(w.path, Path(w.settings.last_folder), w.tender.title)
                                 / (slugify(w.tender.title) + ".docx"))
            self.out_edit.setText(str(Path(self._proposed).parent) if self.as_set.isChecked() else self._proposed)
        if not self.template_edit.text() and w.path is not None:
            self.template_edit.setText(w.settings.house_style(w.path))
        target = self._folder()
        if target.is_dir():
            recover_sets(target)  # a set whose export was killed mid-swap is finished before it is shown or replaced
        errors = checks.errors(checks.check_tender(w.tender, w.store, rule=w.counting_rule()))
        self.concept.setChecked(bool(errors))
        self.concept.setEnabled(not errors)
        self.concept.setToolTip(_tr("Er zijn fouten; los ze op voor een definitief document.") if errors else "")
        have_libreoffice = soffice() is not None
        self.pdf.setEnabled(have_libreoffice)
        if not have_libreoffice:
            self.pdf.setChecked(False)
        self.pdf_note.setText("" if have_libreoffice else _tr(
            "Een PDF maken vraagt LibreOffice, en dat is op deze computer niet geïnstalleerd. Installeer "
            "LibreOffice (gratis) om ook PDF's te maken; de Word-documenten kunt u nu al maken."))
        self.pdf_note.setVisible(not have_libreoffice)
        self._show_target()

    def _folder(self) -> Path:
        """The folder the document or the set goes into: for the set the field holds the folder itself (a file name
        typed there, ending in .docx, stands for its folder)."""
        out = Path(self.out_edit.text().strip()).expanduser()
        return out if self.as_set.isChecked() and out.suffix.lower() != ".docx" else out.parent

    def _set_toggled(self, on: bool) -> None:
        """The field becomes a folder field for the set (a file name typed there was silently dropped) and a file
        field again for one document, named as proposed."""
        text = self.out_edit.text().strip()
        self.out_label.setText(_tr("Map:") if on else _tr("Document:"))
        self.out_edit.setAccessibleName(_tr("Map voor de documentenset") if on else _tr("Word-bestand"))
        if text:
            path = Path(text).expanduser()
            if on and path.suffix.lower() == ".docx":
                self.out_edit.setText(str(path.parent))
            elif not on and path.suffix.lower() != ".docx":
                name = Path(self._proposed).name if self._proposed else slugify(self.wiz().tender.title) + ".docx"
                self.out_edit.setText(str(path / name))
        self._show_target()

    def _show_target(self) -> None:
        if not self.out_edit.text().strip():
            self.target.setText("")
            return
        folder = str(self._folder())
        self.target.setText(_tr("De set komt in de map: %1").replace("%1", folder) if self.as_set.isChecked()
                            else _tr("Het document komt in de map: %1").replace("%1", folder))

    def _browse_out(self) -> None:
        if self.as_set.isChecked():
            folder = QFileDialog.getExistingDirectory(self, _tr("Map voor de documentenset"), str(self._folder()))
            if folder:
                self.out_edit.setText(folder)
            return
        name, _ = QFileDialog.getSaveFileName(self, _tr("Document opslaan als"), self.out_edit.text(),
                                              _tr("Word-document (*.docx)"))
        if name:
            self.out_edit.setText(name if name.lower().endswith(".docx") else name + ".docx")

    def _browse_template(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, _tr("Huisstijlsjabloon kiezen"), self.template_edit.text(),
                                              _tr("Word-sjabloon (*.docx *.dotx)"))
        if name:
            self.template_edit.setText(name)

    def planned_files(self) -> list[Path]:
        """The files an export with the current choices writes."""
        out = Path(self.out_edit.text()).expanduser()
        words = [self._folder() / n for n in SET_FILES] if self.as_set.isChecked() else [out]
        pdfs = [p.with_suffix(".pdf") for p in words if p.suffix == ".docx"] if self.pdf.isChecked() else []
        return words + pdfs

    def export(self) -> None:
        """Write the document (or the set) in a worker; the page lists what it wrote once it is written."""
        w = self.wiz()
        w.library_watch.check()  # an import a moment ago, before the next tick
        if not w.library_watch.confirm_export(self):
            if w.library_watch.loaded_instead:  # said, so a buyer does not think the documents were written
                self.result.setText(_tr("De nieuwe tekst is geladen; er is nog niets geëxporteerd. Bekijk de "
                                        "wijziging en druk opnieuw op Exporteren."))
                self.result.setStyleSheet("color:#8a4b00")
            return
        out = Path(self.out_edit.text()).expanduser()
        template = Path(self.template_edit.text()).expanduser() if self.template_edit.text().strip() else None
        as_set, pdf = self.as_set.isChecked(), self.pdf.isChecked()
        planned = self.planned_files()
        existing = [p for p in planned if p.exists()]
        if existing and not set(existing) <= set(self.written) and QMessageBox.question(
                self, _tr("Overschrijven?"), _tr("Deze bestanden bestaan al en worden overschreven:\n%1").replace(
                    "%1", "\n".join(p.name for p in existing)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        folder = self._folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)  # the tender's own folder, proposed on this page
        except OSError as exc:
            QMessageBox.warning(self, _tr("Exporteren niet gelukt"), _tr(
                "De map %1 kon niet worden gemaakt (%2).").replace("%1", str(folder)).replace(
                "%2", exc.strerror or str(exc)))
            return
        notes: list[str] = []
        concept = self.concept.isChecked()
        self.exported = None
        self.written = []
        self._show_after(False)
        self.result.setText("")
        w.export_document(folder if as_set else out, template,
                          lambda document: self._exported(document, planned, concept, notes, template),
                          concept=concept, as_set=as_set, notes=notes, pdf=pdf)

    def _exported(self, document: Path, planned: list[Path], concept: bool, notes: list[str],
                  template: Path | None) -> None:
        """Written: list the files (with buttons to open them) and offer to register the tender."""
        w = self.wiz()
        self.exported = document
        self.written = planned
        self.folder = document.parent
        w.settings.last_folder = str(self.folder.parent)  # the next tender's folder goes beside this one
        if w.path is not None:
            w.settings.set_house_style(w.path, str(template) if template else "")
        done = (_tr("Klaar: %1").replace("%1", str(document)) if len(planned) == 1 else
                _tr("Klaar: %1 bestanden geschreven in %2").replace("%1", str(len(planned))).replace(
                    "%2", str(self.folder)))
        self.result.setText("\n".join([done, *notes]))
        self.result.setStyleSheet("color:#1b5e20")
        self.files.clear()
        for path in planned:
            item = QListWidgetItem(path.name, self.files)
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(str(path))
        self.files.setCurrentRow(0)
        self._show_after(True)
        if not concept:
            from ..monitoring_window import offer_registration

            offer_registration(self, w.tender, w.store)

    def _open_current(self) -> None:
        item = self.files.currentItem()
        self._open(item.data(Qt.ItemDataRole.UserRole) if item is not None else self.exported)

    def _open(self, path: Path | None) -> None:
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def proposed_folder(tender_path: Path | None, last_folder: Path, title: str) -> Path:
    """A folder of the tender's own, named from its title, beside the tender file or in the last used folder."""
    base = tender_path.parent if tender_path is not None else last_folder
    slug = slugify(title)
    if base.name == slug:
        return base  # the tender file is in its own folder already
    if (base / LEIDRAAD).exists():
        base = base.parent  # an earlier tender's set folder: never nest in it, go beside it
    return base / slug


def slugify(title: str) -> str:
    """A file name from a title."""
    from criteria_library.infra.text import fold

    words = re.findall(r"[a-z0-9]+", fold(title))
    return "-".join(words)[:60] or "aanbesteding"
