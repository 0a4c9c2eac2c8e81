"""The open wizard notices another program (a command-line import, a colleague's window) changing or retiring a
criterion the tender uses, as the criterion editor does: the criteria, review and export pages say so and offer to
load the new text; an export never writes the chosen (older) text without the buyer having been told."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from criteria_library.infra.errors import UserError
from criteria_library.models import Status

from .base import _tr

if TYPE_CHECKING:
    from ..tender_wizard import TenderWizard

# How often the open wizard looks whether the library moved: a PRAGMA per tick, the tender's criteria read only when
# it did (the editor looks as often).
CHECK_MS = 2000


@dataclass(frozen=True)
class LibraryChange:
    """A criterion of the tender that the library changed or retired while the wizard was open."""

    cid: str
    title: str
    chosen: int | None  # the version the tender uses (what the documents print)
    now: int  # the library's version
    retired: bool


class LibraryWatch(QObject):
    """Looks every CHECK_MS (and when asked) whether the library changed a criterion the tender uses; `changed` is
    emitted when the list of such changes the buyer has not yet dealt with moves."""

    changed = Signal()

    def __init__(self, wizard: TenderWizard) -> None:
        super().__init__(wizard)
        self.wizard = wizard
        self.loaded_instead = False  # the last export question was answered with 'Nieuwe tekst laden'
        self.changes: list[LibraryChange] = []
        self._marker = self._read_marker()
        # what the tender was already behind on when the wizard opened is not "meanwhile": the clauses page offers
        # those updates and the review lists them
        self._dealt_with = {c.cid: (c.now, c.retired) for c in self._behind()}
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def _read_marker(self) -> object:
        try:
            return self.wizard.store.change_marker()
        except Exception:  # noqa: BLE001 - a library gone or locked for a moment: look again at the next tick
            return None

    def _behind(self) -> list[LibraryChange]:
        """The tender's criteria whose library version is newer than the chosen one, or that were retired."""
        tender = self.wizard.tender
        try:
            current = self.wizard.store.criteria_by_ids(tender.criterion_ids())
        except UserError:
            return []
        out = []
        for entry in tender.criteria:
            c = current.get(entry.id)
            if c is None:
                continue
            retired = c.status == Status.RETIRED
            if retired or (entry.version is not None and c.version > entry.version):
                out.append(LibraryChange(c.id, c.title, entry.version, c.version, retired))
        return out

    def check(self) -> None:
        """Look now (a tick, or the wizard window becoming active again)."""
        marker = self._read_marker()
        if marker is None or marker == self._marker:
            return
        self._marker = marker
        self.refresh()

    def refresh(self) -> None:
        """The changes from the library as it is now (after a reload or a keep: what is left)."""
        changes = [c for c in self._behind() if self._dealt_with.get(c.cid) != (c.now, c.retired)]
        if changes != self.changes:
            self.changes = changes
            self.changed.emit()

    def keep(self) -> None:
        """The buyer keeps the chosen versions knowingly: these changes are no longer news."""
        self._dealt_with.update({c.cid: (c.now, c.retired) for c in self.changes})
        self.refresh()

    def reload(self) -> list[str]:
        """Take the library's newest text for every changed (not retired) criterion, keeping the buyer's own clause
        edits where they fit; returns the ids whose own text conflicted and was kept."""
        from tender_assistant.drift import update_criterion

        tender = self.wizard.tender
        kept = []
        for change in self.changes:
            entry = tender.entry(change.cid)
            if entry is None or change.retired:
                continue
            try:
                outcome = update_criterion(entry, self.wizard.store)
            except UserError:
                continue
            tender.criteria[tender.criteria.index(entry)] = outcome.criterion
            if outcome.kept_buyer_text:
                kept.append(change.cid)
        self.wizard.mark_dirty()
        self.refresh()
        return kept

    def describe(self) -> str:
        """One line per change, as the banner and the export's question say it."""
        lines = []
        for c in self.changes:
            if c.retired:
                lines.append(_tr("%1 %2: ingetrokken in de bibliotheek; de documenten gebruiken nog de gekozen "
                                 "tekst (versie %3). Kies zo nodig een ander criterium.")
                             .replace("%1", c.cid).replace("%2", c.title).replace("%3", str(c.chosen or c.now)))
            else:
                lines.append(_tr("%1 %2: in de bibliotheek gewijzigd naar versie %3; de documenten gebruiken nog "
                                 "versie %4.").replace("%1", c.cid).replace("%2", c.title)
                             .replace("%3", str(c.now)).replace("%4", str(c.chosen or "?")))
        return "\n".join(lines)

    def can_reload(self) -> bool:
        """True when some change has a new text to load (a retired criterion has none)."""
        return any(not c.retired for c in self.changes)

    def confirm_export(self, parent: QWidget) -> bool:
        """Before an export: say what changed meanwhile and let the buyer load the new text or export the chosen
        one knowingly; False when the buyer cancels (or loads, so the pages show the new text first)."""
        self.loaded_instead = False  # True when the buyer chose to load the new text (nothing exported yet)
        if not self.changes:
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, _tr("Intussen gewijzigd in de bibliotheek"), _tr(
            "Een ander programma heeft criteria van deze aanbesteding gewijzigd sinds u ze koos:\n\n%1\n\n"
            "Exporteren schrijft de gekozen tekst.").replace("%1", self.describe()), parent=parent)
        load = None
        if self.can_reload():
            load = box.addButton(_tr("Nieuwe tekst &laden"), QMessageBox.ButtonRole.DestructiveRole)
        export = box.addButton(_tr("Met de &gekozen tekst exporteren"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(load or export)
        box.exec()
        self.loaded_instead = load is not None and box.clickedButton() is load
        if self.loaded_instead:
            self.reload()
            return False
        if box.clickedButton() is export:
            self.keep()
            return True
        return False


class LibraryChangeBanner(QFrame):
    """The line a page shows while the library has changed criteria of the tender: what, and two buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color:#8a4b00; font-weight:bold")
        self.label.setAccessibleName(_tr("Intussen gewijzigd in de bibliotheek"))
        layout.addWidget(self.label)
        row = QHBoxLayout()
        self.reload_button = QPushButton(_tr("Nieuwe tekst &laden"), self)
        self.reload_button.setToolTip(_tr("Neemt de nieuwe versie over; uw eigen aanpassingen van de tekst blijven "
                                          "staan waar ze passen"))
        self.keep_button = QPushButton(_tr("&Gekozen versie houden"), self)
        self.keep_button.setToolTip(_tr("De documenten houden de tekst die u koos; deze melding verdwijnt"))
        row.addWidget(self.reload_button)
        row.addWidget(self.keep_button)
        row.addStretch(1)
        layout.addLayout(row)
        self._watch: LibraryWatch | None = None
        self.show_changes()
        self.reload_button.clicked.connect(self._reload)
        self.keep_button.clicked.connect(self._keep)

    def attach(self, watch: LibraryWatch) -> None:
        """Follow this wizard's watch (once)."""
        if self._watch is watch:
            return
        self._watch = watch
        watch.changed.connect(self.show_changes)
        self.show_changes()

    def show_changes(self) -> None:
        """Show the current changes, or hide when there are none."""
        watch = self._watch
        shown = watch is not None and bool(watch.changes)
        # QWizard gives a new page's focus to the first control in its focus chain, hidden or not: a hidden banner
        # first on the page took it, and Tab never came back there
        for button in (self.reload_button, self.keep_button):
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if shown else Qt.FocusPolicy.NoFocus)
        if watch is None or not shown:
            self.setVisible(False)
            return
        self.label.setText(_tr("Intussen gewijzigd in de bibliotheek:") + "\n" + watch.describe())
        self.reload_button.setVisible(watch.can_reload())
        self.setVisible(True)

    def _reload(self) -> None:
        if self._watch is None:
            return
        kept = self._watch.reload()
        if kept:
            QMessageBox.information(self, _tr("Bijgewerkt"), _tr(
                "Uw eigen tekst van %1 botst met de wijziging in de bibliotheek en is bewaard; vergelijk hem met de "
                "bibliotheektekst bij Teksten en invulvelden.").replace("%1", ", ".join(kept)))

    def _keep(self) -> None:
        if self._watch is not None:
            self._watch.keep()
