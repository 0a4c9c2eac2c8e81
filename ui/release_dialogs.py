"""Releases in the GUI: update the library from a release (preview first, backup, 'herstel vorige toestand'),
resolve conflicts side by side, and see which tenders use outdated criteria."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from criteria_library import merge
from criteria_library.infra.errors import UserError
from criteria_library.merge import Conflict, UpdatePlan
from criteria_library.publishers import short_fingerprint
from criteria_library.releases import UntrustedPublisherError, read_release
from criteria_library.store import LibraryStore

from . import i18n
from .error_dialogs import show_user_error
from .field_labels import field_label
from .history_dialog import word_diff_html
from .operation import Operation, show_failure
from .path_field import path_row
from .publisher_dialogs import offer_trust


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReleaseDialogs", text)


def _text(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, dict):
        return "\n".join(f"{k} = {v}" for k, v in value.items())
    return str(value)


def diff_rows_html(diff: dict[str, tuple[Any, Any]], left: str, right: str) -> str:
    """A row per changed field: the left value, the right value, and the word-level change between them."""
    rows = [f"<tr><th align='left'>{html.escape(_tr('Veld'))}</th><th align='left'>{html.escape(left)}</th>"
            f"<th align='left'>{html.escape(right)}</th><th align='left'>{html.escape(_tr('Verschil'))}</th></tr>"]
    for name, (a, b) in diff.items():
        rows.append(
            f"<tr><td valign='top'><b>{html.escape(field_label(name))}</b></td>"
            f"<td valign='top'>{html.escape(_text(a)).replace(chr(10), '<br>')}</td>"
            f"<td valign='top'>{html.escape(_text(b)).replace(chr(10), '<br>')}</td>"
            f"<td valign='top'>{word_diff_html(_text(a), _text(b))}</td></tr>")
    return f"<table cellspacing='0' cellpadding='4' border='1' width='100%'>{''.join(rows)}</table>"


def plan_html(plan: UpdatePlan) -> str:
    """The preview of an update: summary, then new / changed / retired / conflicts with field-level diffs."""
    r = plan.release
    out = [f"<h3>{html.escape(_tr('Release %1 van %2').replace('%1', r.version).replace('%2', r.publisher.name))}</h3>",
           f"<p style='color:#555'>{html.escape(short_fingerprint(r.publisher.fingerprint))}, {html.escape(r.date)}</p>"]
    if r.notes:
        out.append(f"<p>{html.escape(r.notes)}</p>")
    out.append(f"<p><b>{html.escape(plan.summary(i18n.lang()))}</b></p>")
    if plan.new:
        items = "".join(f"<li>{html.escape(c.id)} {html.escape(c.title)}</li>" for c in plan.new[:200])
        out.append(f"<h4>{html.escape(_tr('Nieuw'))}</h4><ul>{items}</ul>")
    if plan.changed:
        out.append(f"<h4>{html.escape(_tr('Gewijzigd (hier niet aangepast: de nieuwe versie wordt overgenomen)'))}</h4>")
        for cid, (mine, incoming) in list(plan.changed.items())[:200]:
            out.append(f"<p><b>{html.escape(cid)}</b> {html.escape(incoming.title)}</p>")
            out.append(diff_rows_html(merge.field_diff(mine, incoming), _tr("Nu"), _tr("Nieuw")))
    if plan.retired:
        items = "".join(f"<li>{html.escape(c.id)} {html.escape(c.title)}</li>" for c in plan.retired)
        out.append(f"<h4>{html.escape(_tr('Ingetrokken door de uitgever'))}</h4><ul>{items}</ul>")
    if plan.conflicts:
        heading = _tr("Conflicten: hier én door de uitgever gewijzigd; uw versie blijft, de nieuwe wordt ernaast "
                      "bewaard")
        out.append(f"<h4>{html.escape(heading)}</h4>")
        for cid, conflict in plan.conflicts.items():
            out.append(f"<p><b>{html.escape(cid)}</b> {html.escape(conflict.local.title)}"
                       + (f" ({html.escape(_tr('ingetrokken door de uitgever'))})" if conflict.retired_upstream else "")
                       + "</p>")
            out.append(diff_rows_html(conflict.diff, _tr("Uw versie"), _tr("Nieuwe versie")))
    return "".join(out)


class UpdateDialog(QDialog):
    """Update the library from a release: check and preview, then apply after a backup; or go back."""

    updated = Signal()

    def __init__(self, store: LibraryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.plan: UpdatePlan | None = None
        self.setObjectName("UpdateDialog")
        self.setWindowTitle(_tr("Bibliotheek bijwerken uit een release"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_tr("Map of webadres (http/https) van de release:"), self))
        row, self.source_edit = path_row(self, _tr("Map of adres van de release"), _tr("Bladeren..."), self.browse)
        layout.addLayout(row)
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName(_tr("Voorbeeld van de update"))
        hint = _tr("Kies een release en druk op Controleren. Er verandert niets tot u Bijwerken kiest.")
        self.preview.setHtml(f"<p style='color:#555'>{html.escape(hint)}</p>")
        layout.addWidget(self.preview, 1)
        buttons = QHBoxLayout()
        self.check_button = QPushButton(_tr("&Controleren"), self)
        self.apply_button = QPushButton(_tr("&Bijwerken"), self)
        self.undo_button = QPushButton(_tr("&Herstel vorige toestand"), self)
        self.close_button = QPushButton(_tr("Sluiten"), self)
        for b in (self.check_button, self.apply_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.check_button.clicked.connect(self.check)
        self.apply_button.clicked.connect(self.apply)
        self.undo_button.clicked.connect(self.undo)
        self.close_button.clicked.connect(self.reject)
        self.source_edit.textChanged.connect(self._source_changed)
        self._update_buttons()
        self.resize(900, 640)

    def browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _tr("Map van de release kiezen"), self.source_edit.text())
        if folder:
            self.source_edit.setText(folder)

    def _source_changed(self) -> None:
        self.plan = None
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = not self.store.read_only
        self.check_button.setEnabled(bool(self.source_edit.text().strip()))
        self.apply_button.setEnabled(writable and self.plan is not None)
        self.undo_button.setEnabled(writable and merge.last_update_backup(self.store) is not None)

    def check(self) -> None:
        """Read and verify the release in a worker and show what would change; writes nothing."""
        self.plan = None
        source = self.source_edit.text().strip()
        path = self.store.path

        def task(progress: Any) -> UpdatePlan | None:
            # signature and every hash, before the library is even looked at; a slow server can be cancelled
            release = read_release(source, progress=progress)
            reader = LibraryStore.open(path, read_only=True)  # the worker's own connection
            try:
                return None if merge.already_received(reader, release) else merge.plan_update(reader, release)
            finally:
                reader.close()

        def refused(exc: BaseException) -> None:
            if isinstance(exc, UserError):
                self.preview.setHtml(f"<p style='color:#a00'>{html.escape(i18n.error_text(exc))}</p>")
            self._update_buttons()
            if isinstance(exc, UntrustedPublisherError):
                # trusting the key is done here, after comparing its fingerprint, not with a command
                if offer_trust(self, exc.claimed, exc.fingerprint):
                    self.check()
                return
            show_failure(self, exc, _tr("Release geweigerd"))

        Operation(self, task, label=_tr("Release controleren..."), cancellable=True).success(self._checked).failure(
            refused).cancelled(self._update_buttons).run()

    def _checked(self, plan: UpdatePlan | None) -> None:
        self.plan = plan
        self._update_buttons()
        if plan is None:
            self.preview.setHtml(f"<p>{html.escape(_tr('Deze release is al ontvangen; de bibliotheek is bij.'))}</p>")
            return
        self.preview.setHtml(plan_html(plan))

    def apply(self) -> None:
        """Apply the previewed update in a worker (a backup is made first)."""
        if self.plan is None:
            return
        plan = self.plan
        path = self.store.path

        def task(_progress: Any) -> merge.UpdateResult:
            writer = LibraryStore.open(path)  # the worker's own connection
            try:
                return merge.apply_update(writer, plan)
            finally:
                writer.close()

        # another connection wrote: caches must refresh, whatever the outcome
        Operation(self, task, label=_tr("Bibliotheek bijwerken..."), failure_title=_tr("Niet bijgewerkt")).always(
            self.store.changed).success(self._applied).run()

    def _applied(self, result: merge.UpdateResult) -> None:
        self.plan = None
        self._update_buttons()
        conflicts = len(result.plan.conflicts)
        text = _tr("De bibliotheek is bijgewerkt: %1.").replace("%1", result.plan.summary(i18n.lang()))
        if conflicts:
            text += " " + _tr("Los de conflicten op via Bestand > Conflicten uit releases.")
        self.preview.setHtml(f"<p><b>{html.escape(text)}</b></p><p style='color:#555'>"
                             f"{html.escape(_tr('Reservekopie: %1').replace('%1', str(result.backup)))}</p>")
        self.updated.emit()

    def undo(self) -> None:
        """'Herstel vorige toestand': back to the library as it was before the last update or import (a checked backup)."""
        try:
            preview = merge.undo_preview(self.store)  # what comes back, said before it does
        except UserError as exc:
            show_user_error(self, exc)
            self._update_buttons()
            return
        answer = QMessageBox.question(self, _tr("Herstel vorige toestand"),
                                      _tr("De bibliotheek terugzetten naar %1 (de toestand van vóór de laatste "
                                          "update of import)? Wijzigingen van daarna gaan verloren; de huidige bibliotheek "
                                          "wordt eerst bewaard in de map backups.")
                                      .replace("%1", preview.describe(i18n.lang())))
        if answer != QMessageBox.StandardButton.Yes:
            return
        path = self.store.path

        def task(_progress: Any) -> merge.UndoResult:
            writer = LibraryStore.open(path)  # the worker's own connection
            try:
                return merge.restore_previous_state(writer)
            finally:
                writer.close()

        Operation(self, task, label=_tr("Herstel vorige toestand")).always(self.store.changed).success(
            self._restored).run()

    def _restored(self, result: merge.UndoResult) -> None:
        self.preview.setHtml(f"<p><b>{html.escape(_tr('Vorige toestand hersteld uit %1.').replace('%1', result.preview.backup.name))}"
                             "</b></p>")
        self._update_buttons()
        self.updated.emit()


class ConflictDialog(QDialog):
    """Open conflicts: your version and the publisher's side by side; take the new one over or keep yours."""

    resolved = Signal(str)

    def __init__(self, store: LibraryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.conflicts: list[Conflict] = []
        self.setObjectName("ConflictDialog")
        self.setWindowTitle(_tr("Conflicten uit releases"))
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.list = QListWidget(splitter)
        self.list.setAccessibleName(_tr("Criteria met een conflict"))
        self.diff = QTextBrowser(splitter)
        self.diff.setAccessibleName(_tr("Verschil tussen uw versie en de nieuwe"))
        splitter.setSizes([260, 640])
        layout.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        self.take_button = QPushButton(_tr("&Nieuwe versie overnemen"), self)
        self.keep_button = QPushButton(_tr("&Eigen versie houden"), self)
        close = QPushButton(_tr("Sluiten"), self)
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.keep_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.take_button.clicked.connect(lambda: self.resolve(take_incoming=True))
        self.keep_button.clicked.connect(lambda: self.resolve(take_incoming=False))
        close.clicked.connect(self.accept)
        self.reload()
        self.resize(960, 600)

    def reload(self) -> None:
        self.conflicts = merge.conflicts(self.store)
        self.list.clear()
        for c in self.conflicts:
            QListWidgetItem(f"{c.local.id}  {c.local.title}", self.list)
        if self.conflicts:
            self.list.setCurrentRow(0)
        else:
            self.diff.setHtml(f"<p>{html.escape(_tr('Geen openstaande conflicten.'))}</p>")
        self._show(self.list.currentRow())

    def _show(self, row: int) -> None:
        ok = 0 <= row < len(self.conflicts) and not self.store.read_only
        self.take_button.setEnabled(ok)
        self.keep_button.setEnabled(ok)
        if not 0 <= row < len(self.conflicts):
            return
        c = self.conflicts[row]
        head = f"<h3>{html.escape(c.local.id)} {html.escape(c.local.title)}</h3>"
        if c.retired_upstream:
            head += f"<p><b>{html.escape(_tr('De uitgever heeft dit criterium ingetrokken; u heeft het aangepast.'))}</b></p>"
        self.diff.setHtml(head + diff_rows_html(c.diff, _tr("Uw versie"), _tr("Nieuwe versie")))

    def resolve(self, *, take_incoming: bool) -> bool:
        row = self.list.currentRow()
        if not 0 <= row < len(self.conflicts):
            return False
        cid = self.conflicts[row].local.id
        try:
            merge.resolve_conflict(self.store, cid, take_incoming=take_incoming)
        except UserError as exc:
            show_user_error(self, exc)
            return False
        self.resolved.emit(cid)
        self.reload()
        return True


class DriftDialog(QDialog):
    """Which tenders in a folder use a criterion with a newer version, or one that was retired."""

    def __init__(self, store: LibraryStore, folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("DriftDialog")
        self.setWindowTitle(_tr("Verouderde criteria in aanbestedingen"))
        layout = QVBoxLayout(self)
        row, self.folder_edit = path_row(self, _tr("Map met aanbestedingen"), _tr("Bladeren..."), self.browse)
        layout.addLayout(row)
        self.findings = QTextBrowser(self)  # not 'result': that name is QDialog.result(), which it hid
        self.findings.setAccessibleName(_tr("Aanbestedingen met verouderde criteria"))
        layout.addWidget(self.findings, 1)
        buttons = QHBoxLayout()
        self.scan_button = QPushButton(_tr("&Zoeken"), self)
        close = QPushButton(_tr("Sluiten"), self)
        buttons.addWidget(self.scan_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.scan_button.clicked.connect(self.scan)
        close.clicked.connect(self.accept)
        if folder is not None:
            self.folder_edit.setText(str(folder))
        self.resize(760, 520)

    def browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _tr("Map met aanbestedingen kiezen"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def scan(self) -> int:
        """List the tenders with drift; returns how many."""
        from tender_assistant.drift import drift_report

        try:
            results, unreadable = drift_report([Path(self.folder_edit.text().strip() or ".")], self.store)
        except UserError as exc:
            show_user_error(self, exc)
            return 0
        parts = []
        for r in results:
            items = "".join(f"<li>{html.escape(i.describe())}</li>" for i in r.items)
            parts.append(f"<p><b>{html.escape(r.title or r.path.name)}</b><br>"
                         f"<span style='color:#555'>{html.escape(str(r.path))}</span></p><ul>{items}</ul>")
        for path, error in unreadable:
            parts.append(f"<p style='color:#a00'>{html.escape(str(path))}: {html.escape(error)}</p>")
        if not results:
            parts.insert(0, f"<p>{html.escape(_tr('Geen aanbestedingen met verouderde of ingetrokken criteria.'))}</p>")
        self.findings.setHtml("".join(parts))
        return len(results)
