"""Import a pack (read and dry-run in a worker, show the diff, then apply), export, and the library check.

All long work runs as a ui.operation.Operation on a separate connection to the library, so the window stays
responsive, no event loop is nested, and the main connection is never used from two threads. Each flow returns at
once; its outcome reaches the caller through a callback.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from criteria_library import pack_export
from criteria_library.pack_import import ImportPlan, ImportResult, apply_import, plan_import
from criteria_library.pack_reading import read_pack
from criteria_library.store import LibraryStore

from . import i18n
from .dialog_buttons import accept_cancel_buttons
from .field_labels import field_label
from .history_dialog import _as_text, word_diff_html
from .operation import Operation, show_failure
from .path_field import path_row as path_row_widget
from .settings import AppSettings
from .worker import Progress

T = TypeVar("T")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Exchange", text)


def _second_connection(store: LibraryStore, *, read_only: bool) -> LibraryStore:
    """A connection of the worker's own to the same library file."""
    return LibraryStore.open(store.path, read_only=read_only or store.read_only)


def _nothing(*_args: Any) -> None:
    """The default callback: nobody waits for the outcome."""


def _run(parent: QWidget | None, task: Callable[[Progress], T], label: str, title: str,
         on_success: Callable[[T], None], on_failed: Callable[[], None], *, cancellable: bool) -> Operation[T]:
    """Start task as an operation of parent; a failure or a cancel is shown under title, then on_failed()."""
    def failed(exc: BaseException) -> None:
        show_failure(parent, exc, title)
        on_failed()

    def cancelled() -> None:
        QMessageBox.information(parent, title, _tr("Afgebroken; er is niets gewijzigd."))
        on_failed()

    return Operation(parent, task, label=label, failure_title=title, cancellable=cancellable).success(
        on_success).failure(failed).cancelled(cancelled).run()


# ------------------------------------------------------------------------ import
class ImportPreviewDialog(QDialog):
    """The dry run of an import: what would be added and changed (field by field), before the user confirms."""

    def __init__(self, plan: ImportPlan, source: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("ImportPreviewDialog")
        self.setWindowTitle(_tr("Proefimport: %1").replace("%1", source.name))
        layout = QVBoxLayout(self)
        summary = QLabel(f"<b>{html.escape(plan.summary(i18n.lang()))}</b>", self)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        hint = QLabel(_tr("Er is nog niets gewijzigd. Bekijk de wijzigingen en kies Importeren om ze door te voeren; "
                          "er wordt eerst een reservekopie van de bibliotheek gemaakt."), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([_tr("Wijziging"), _tr("Titel")])
        self.tree.setAccessibleName(_tr("Wijzigingen van de import"))
        self.tree.setColumnWidth(0, 260)
        self.tree.currentItemChanged.connect(self._show_item)
        self.detail = QTextBrowser(self)
        self.detail.setAccessibleName(_tr("Details van de wijziging"))
        row = QHBoxLayout()
        row.addWidget(self.tree, 1)
        row.addWidget(self.detail, 1)
        layout.addLayout(row, 1)
        self._fill()
        buttons, self.import_button = accept_cancel_buttons(self, _tr("Importeren"), _tr("Annuleren"))
        self.import_button.setEnabled(plan.has_changes)
        layout.addWidget(buttons)
        self.resize(1000, 620)

    def _fill(self) -> None:
        plan = self.plan
        by_id = {c.id: c for c in plan.pack.criteria}
        groups: list[tuple[str, list[tuple[str, str, Any]]]] = [
            (_tr("Nieuwe pakketten (%1)"), [(slug, "", ("package", slug)) for slug in plan.packages_added]),
            (_tr("Gewijzigde pakketten (%1)"), [(slug, ", ".join(field_label(f) for f in diff), ("package_diff", diff))
                                                for slug, diff in plan.packages_changed.items()]),
            (_tr("Nieuwe criteria (%1)"), [(c.id, c.title, ("added", c)) for c in plan.added]),
            (_tr("Gewijzigde criteria (%1)"), [(cid, by_id[cid].title, ("changed", diff))
                                               for cid, diff in plan.changed.items()]),
            # an import moves no status: a retirement in the pack is named, not counted as unchanged
            (_tr("Ingetrokken in het pakket, hier niet overgenomen (%1)"),
             [(cid, by_id[cid].title, ("not_retired", line.removeprefix(f"! {cid} ")))
              for cid, line in zip(plan.not_retired, plan.retirement_lines(i18n.lang()), strict=True)]),
        ]
        for title, items in groups:
            if not items:
                continue
            top = QTreeWidgetItem(self.tree, [title.replace("%1", str(len(items)))])
            top.setFirstColumnSpanned(True)
            for key, text, payload in items[:2000]:
                child = QTreeWidgetItem(top, [key, text])
                child.setData(0, Qt.ItemDataRole.UserRole, payload)
            if len(items) > 2000:
                QTreeWidgetItem(top, [_tr("... en nog %1").replace("%1", str(len(items) - 2000))])
            top.setExpanded(len(items) <= 50)
        if plan.unchanged:
            QTreeWidgetItem(self.tree, [_tr("Ongewijzigd: %1 criteria").replace("%1", str(len(plan.unchanged)))])
        first = self.tree.topLevelItem(0)
        first_change = first.child(0) if first is not None else None
        if first_change is not None:
            self.tree.setCurrentItem(first_change)

    def _show_item(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        payload = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if item is None or not payload:
            self.detail.clear()
            return
        kind, value = payload
        if kind == "added":
            c = value
            self.detail.setHtml(f"<h3>{html.escape(c.title)}</h3><p>{html.escape(c.id)}</p>"
                                f"<p><b>{field_label('clause')}</b><br>{html.escape(c.clause)}</p>"
                                f"<p><b>{field_label('rationale')}</b><br>{html.escape(c.rationale)}</p>")
        elif kind in ("changed", "package_diff"):
            parts = [f"<h3>{html.escape(item.text(0))}</h3>"]
            for name, (old, new) in value.items():
                parts.append(f"<p><b>{html.escape(field_label(name))}</b><br>"
                             f"{word_diff_html(_as_text(name, old), _as_text(name, new))}</p>")
            self.detail.setHtml("".join(parts))
        elif kind == "not_retired":
            self.detail.setHtml(f"<h3>{html.escape(item.text(0))}</h3><p>{html.escape(value)}</p>")
        else:
            self.detail.setHtml(f"<p>{_tr('Nieuw inkooppakket')}: {html.escape(value)}</p>")


def plan_pack_import(parent: QWidget | None, store: LibraryStore, path: Path,
                     on_planned: Callable[[ImportPlan], None],
                     on_failed: Callable[[], None] = _nothing) -> Operation[ImportPlan]:
    """Read and dry-run a pack in a worker; on_planned(plan) when it is valid, else a dialog and on_failed()."""
    def task(_progress: Any) -> ImportPlan:
        reader = _second_connection(store, read_only=True)
        try:
            return plan_import(reader, read_pack(path))
        finally:
            reader.close()

    return _run(parent, task, _tr("Pakket lezen en vergelijken..."), _tr("Import niet mogelijk"), on_planned,
                on_failed, cancellable=False)


def apply_pack_import(parent: QWidget | None, store: LibraryStore, plan: ImportPlan,
                      on_applied: Callable[[ImportResult], None],
                      on_failed: Callable[[], None] = _nothing) -> Operation[ImportResult]:
    """Apply a planned import in a worker (backup first, all or nothing); on_applied(result) when it is done."""
    def task(progress: Any) -> ImportResult:
        writer = _second_connection(store, read_only=False)
        try:
            return apply_import(writer, plan, progress)
        finally:
            writer.close()

    # another connection wrote: caches keyed on the generation must refresh, whatever the outcome
    return _run(parent, task, _tr("Criteria importeren..."), _tr("Import"), on_applied, on_failed,
                cancellable=True).always(store.changed)


def import_pack(parent: QWidget | None, store: LibraryStore, settings: AppSettings, path: Path | None = None,
                on_done: Callable[[bool], None] = _nothing) -> None:
    """The whole import flow: choose, dry run, preview, apply; on_done(True) once the library changed, on_done(False)
    when it ends without a change."""
    if store.read_only:
        on_done(False)
        return
    if path is None:
        name, _ = QFileDialog.getOpenFileName(parent, _tr("Bibliotheekpakket importeren"), settings.last_folder,
                                              _tr("Bibliotheekpakket (*.json *.xlsx)"))
        if not name:
            on_done(False)
            return
        path = Path(name)
        settings.last_folder = str(path.parent)
    source = path

    def planned(plan: ImportPlan) -> None:
        if not plan.has_changes:
            QMessageBox.information(parent, _tr("Import"), _tr("Dit pakket brengt geen wijzigingen: alles is al "
                                                               "zo in de bibliotheek.") + "\n"
                                    + plan.summary(i18n.lang()))
            on_done(False)
            return
        preview = ImportPreviewDialog(plan, source, parent)
        if preview.exec() != QDialog.DialogCode.Accepted:
            on_done(False)
            return
        apply_pack_import(parent, store, plan, applied, lambda: on_done(False))

    def applied(result: ImportResult) -> None:
        text = _tr("%1 nieuw, %2 gewijzigd, %3 ongewijzigd.").replace("%1", str(result.added)).replace(
            "%2", str(result.changed)).replace("%3", str(result.unchanged))
        if result.backup:
            text += "\n" + _tr("Reservekopie: %1").replace("%1", str(result.backup))
        QMessageBox.information(parent, _tr("Import voltooid"), text)
        on_done(True)

    plan_pack_import(parent, store, source, planned, lambda: on_done(False))


# ------------------------------------------------------------------------ export
class ExportDialog(QDialog):
    """Choose what to export (the library or one package) and where (.json or .xlsx)."""

    def __init__(self, store: LibraryStore, settings: AppSettings, package: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExportDialog")
        self.setWindowTitle(_tr("Bibliotheek exporteren"))
        self.settings = settings
        form = QFormLayout(self)
        self.package_combo = QComboBox(self)
        self.package_combo.addItem(_tr("De hele bibliotheek"), None)
        for p in store.packages():
            self.package_combo.addItem(p.name(i18n.lang()), p.slug)
        if package:
            self.package_combo.setCurrentIndex(max(0, self.package_combo.findData(package)))
        self.package_combo.setAccessibleName(_tr("Wat exporteren"))
        form.addRow(_tr("Wat:"), self.package_combo)
        fmt_row = QHBoxLayout()
        self.json_radio = QRadioButton("JSON", self)
        self.xlsx_radio = QRadioButton(_tr("Excel (XLSX)"), self)
        self.json_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.json_radio)
        group.addButton(self.xlsx_radio)
        fmt_row.addWidget(self.json_radio)
        fmt_row.addWidget(self.xlsx_radio)
        fmt_row.addStretch(1)
        form.addRow(_tr("Formaat:"), fmt_row)
        path_row, self.path_edit = path_row_widget(self, _tr("Doelbestand"), _tr("Bladeren..."), self._browse)
        form.addRow(_tr("Bestand:"), path_row)
        self.json_radio.toggled.connect(lambda _on: self._suggest_path())
        self.package_combo.currentIndexChanged.connect(lambda _i: self._suggest_path())
        buttons, _ok = accept_cancel_buttons(self, _tr("Exporteren"), _tr("Annuleren"))
        form.addRow(buttons)
        self._suggest_path()
        self.resize(640, self.sizeHint().height())

    def _suggest_path(self) -> None:
        slug = self.package_combo.currentData() or "bibliotheek"
        suffix = ".json" if self.json_radio.isChecked() else ".xlsx"
        current = Path(self.path_edit.text()) if self.path_edit.text() else Path(self.settings.last_folder) / "x"
        self.path_edit.setText(str(current.parent / f"{slug}{suffix}"))

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, _tr("Exporteren naar"), self.path_edit.text(),
                                              _tr("Bibliotheekpakket (*.json *.xlsx)"))
        if name:
            self.path_edit.setText(name)
            self.xlsx_radio.setChecked(name.lower().endswith(".xlsx"))
            self.json_radio.setChecked(not name.lower().endswith(".xlsx"))
            self.path_edit.setText(name)

    def target(self) -> tuple[Path, str | None]:
        return Path(self.path_edit.text()).expanduser(), self.package_combo.currentData()


def run_export(parent: QWidget | None, store: LibraryStore, path: Path, package: str | None,
               on_written: Callable[[int], None], on_failed: Callable[[], None] = _nothing) -> Operation[int]:
    """Export in a worker; on_written(number of criteria written) when it is done."""
    def task(progress: Any) -> int:
        reader = _second_connection(store, read_only=True)
        try:
            return pack_export.export_pack(reader, path, package=package, progress=progress)
        finally:
            reader.close()

    return _run(parent, task, _tr("Exporteren naar %1...").replace("%1", path.name), _tr("Exporteren"), on_written,
                on_failed, cancellable=True)


def export_pack(parent: QWidget | None, store: LibraryStore, settings: AppSettings, package: str | None) -> None:
    """Choose what to export and where, then write it in a worker and say how many criteria were written."""
    dialog = ExportDialog(store, settings, package, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    path, chosen = dialog.target()
    settings.last_folder = str(path.parent)

    def written(count: int) -> None:
        QMessageBox.information(parent, _tr("Exporteren"), _tr("%1 criteria geschreven naar %2.")
                                .replace("%1", str(count)).replace("%2", str(path)))

    run_export(parent, store, path, chosen, written)


# ------------------------------------------------------------------------- check
def check_library(parent: QWidget | None, store: LibraryStore, on_done: Callable[[bool], None] = _nothing) -> None:
    """Run the library check in a worker and show its report; on_done(True) when all is well."""
    from criteria_library.integrity import check_library as run_check

    def task(_progress: Any) -> Any:
        reader = _second_connection(store, read_only=True)
        try:
            return run_check(reader)
        finally:
            reader.close()

    def checked(report: Any) -> None:
        if report.ok:
            QMessageBox.information(parent, _tr("Bibliotheek controleren"),
                                    _tr("Alles in orde: %1 criteria gecontroleerd.").replace(
                                        "%1", str(report.checked_criteria)))
            on_done(True)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, _tr("Bibliotheek controleren"),
                          _tr("%1 problemen gevonden.").replace("%1", str(len(report.problems))), parent=parent)
        box.setDetailedText("\n".join(p.line(i18n.lang()) for p in report.problems))
        box.exec()
        on_done(False)

    _run(parent, task, _tr("Bibliotheek controleren..."), _tr("Bibliotheek controleren"), checked,
         lambda: on_done(False), cancellable=False)


def rebuild_search_index(parent: QWidget | None, store: LibraryStore,
                         on_done: Callable[[bool], None] = _nothing) -> None:
    """Rebuild the full-text index in a worker with progress; on_done(True) when it succeeded."""

    def task(progress: Any) -> None:
        writer = _second_connection(store, read_only=False)
        try:
            writer.rebuild_search_index(progress)
        finally:
            writer.close()

    def rebuilt(_none: None) -> None:
        store.changed()  # the window's own connection must drop its cached search vocabulary
        QMessageBox.information(parent, _tr("Zoekindex opnieuw opbouwen"), _tr("De zoekindex is opnieuw opgebouwd."))
        on_done(True)

    _run(parent, task, _tr("Zoekindex opnieuw opbouwen..."), _tr("Zoekindex opnieuw opbouwen"), rebuilt,
         lambda: on_done(False), cancellable=False)
