"""The history of one criterion: every version, what changed (a word-level diff) and 'restore this version'."""

from __future__ import annotations

import difflib
import html
import re
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from criteria_library.field_names import value_text
from criteria_library.infra.errors import UserError
from criteria_library.models import CONTENT_FIELDS, Criterion, CriterionVersion
from criteria_library.rows import content_diff
from criteria_library.store import LibraryStore

from . import i18n
from .error_dialogs import show_user_error
from .field_labels import field_label

_WORD = re.compile(r"\s+|[^\s]+")


def local_time(stamp: str) -> str:
    """A stored UTC time as the user's local time, 'YYYY-MM-DD HH:MM' (the text as is when it is no time)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp.replace("T", " ")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _as_text(name: str, value: Any) -> str:
    """A field's value as the user reads it: statuses, kinds and levels by their label in the interface language."""
    return value_text(name, value, i18n.lang())


def people_text(v: CriterionVersion) -> str:
    """Who made a version: author, submitter and approver where recorded, else who changed it."""
    t = QCoreApplication.translate
    roles = [(t("HistoryDialog", "auteur"), v.author), (t("HistoryDialog", "aangeboden door"), v.submitter),
             (t("HistoryDialog", "goedgekeurd door"), v.approver)]
    if v.submitter is None and v.approver is None:
        return v.author.label() if v.author is not None else v.changed_by
    return ", ".join(f"{label} {p.label()}" for label, p in roles if p is not None)


def word_diff_html(old: str, new: str) -> str:
    """Old and new text merged, removed words struck through in red, added words underlined in green."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(html.escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<span style='background:#ffd7d5;color:#82071e;text-decoration:line-through'>"
                       f"{html.escape(''.join(a[i1:i2]))}</span>")
        if op in ("insert", "replace"):
            out.append(f"<span style='background:#ccffd8;color:#055d20;text-decoration:underline'>"
                       f"{html.escape(''.join(b[j1:j2]))}</span>")
    return "".join(out).replace("\n", "<br>")


class HistoryDialog(QDialog):
    """Versions newest first; selecting one shows what it changed compared with the version before it."""

    restored = Signal(str)

    def __init__(self, store: LibraryStore, cid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.cid = cid
        self.setObjectName("HistoryDialog")
        self.setWindowTitle(self.tr("Geschiedenis van %1").replace("%1", cid))
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        layout.addWidget(self.heading)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.list = QListWidget(splitter)
        self.list.setAccessibleName(self.tr("Versies"))
        self.list.setMinimumWidth(240)
        # author, submitter and approver make long lines: wrapped, not cut off behind a scroll bar
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.diff = QTextBrowser(splitter)
        self.diff.setAccessibleName(self.tr("Verschillen met de vorige versie"))
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 620])
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(self.tr("Deze versie terugzetten"), QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_button.setEnabled(False)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Sluiten"))
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show_version)
        self.versions: list[CriterionVersion] = []
        self.reload()
        self.resize(960, 600)

    def reload(self) -> None:
        self.versions = self.store.history(self.cid)
        current = self.store.criterion(self.cid)
        pending = self.store.draft(self.cid)
        if pending is not None:  # the new version of a published criterion waiting for approval, on top
            changed = [f for f in content_diff(current, pending) if f != "status"]
            waiting = next((w for w in self.store.waiting() if w.criterion.id == self.cid), None)
            self.versions.insert(0, CriterionVersion(
                self.cid, pending.version, pending, pending.updated_at, pending.updated_by, changed,
                self.tr("nieuwe versie, nog niet goedgekeurd"), author=waiting.author if waiting else None,
                submitter=waiting.submitter if waiting else None))
        self.heading.setText(f"<b>{html.escape(current.title)}</b> ({self.cid}), "
                             + self.tr("huidige versie: %1").replace("%1", str(current.version)))
        self.list.clear()
        for v in self.versions:
            when = local_time(v.changed_at)
            text = self.tr("Versie %1").replace("%1", str(v.version)) + f"  {when}\n{people_text(v)}"
            if v.note:
                text += f" - {v.note}"
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, v.version)
        if self.versions:
            self.list.setCurrentRow(0)

    def _show_version(self, row: int) -> None:
        if not 0 <= row < len(self.versions):
            self.diff.clear()
            self.restore_button.setEnabled(False)
            return
        version = self.versions[row]
        previous = self.versions[row + 1].criterion if row + 1 < len(self.versions) else None
        self.diff.setHtml(self.version_html(version, previous))
        self.restore_button.setEnabled(row > 0 and not self.store.read_only)

    def version_html(self, version: CriterionVersion, previous: Criterion | None) -> str:
        title = self.tr("Versie %1").replace("%1", str(version.version))
        parts = [f"<h3>{html.escape(title)}</h3>",
                 f"<p style='color:#555'>{html.escape(local_time(version.changed_at))}, "
                 f"{html.escape(people_text(version))}"
                 + (f" - {html.escape(version.note)}" if version.note else "") + "</p>"]
        if previous is None:
            parts.append(f"<p>{self.tr('Eerste versie. Inhoud:')}</p>")
            diff = {name: (None, getattr(version.criterion, name)) for name in CONTENT_FIELDS}
        else:
            parts.append(f"<p>{self.tr('Gewijzigd ten opzichte van versie %1:').replace('%1', str(previous.version))}</p>")
            diff = content_diff(previous, version.criterion)
            if not diff:
                parts.append(f"<p><i>{self.tr('Geen inhoudelijke wijzigingen.')}</i></p>")
        for name, (old, new) in diff.items():
            label = html.escape(field_label(name))
            body = (html.escape(_as_text(name, new)).replace("\n", "<br>") if previous is None
                    else word_diff_html(_as_text(name, old), _as_text(name, new)))
            parts.append(f"<p><b>{label}</b><br>{body}</p>")
        return "".join(parts)

    def restore_selected(self) -> None:
        row = self.list.currentRow()
        if not 0 < row < len(self.versions):
            return
        version = self.versions[row].version
        answer = QMessageBox.question(
            self, self.tr("Versie terugzetten"),
            self.tr("De inhoud van versie %1 terugzetten? Alleen de inhoud; de status verandert niet. Bij een "
                    "gepubliceerd criterium wordt het een nieuwe conceptversie die nog goedgekeurd moet worden.")
            .replace("%1", str(version)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.restore(version)

    def restore(self, version: int) -> Criterion | None:
        try:
            restored = self.store.restore_version(self.cid, version)
        except UserError as exc:
            show_user_error(self, exc)
            return None
        self.reload()
        self.restored.emit(self.cid)
        return restored
