"""Pages 4 and 5: the criteria to include and their clauses."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from criteria_library.models import KIND_ORDER, Criterion, Kind, Status
from criteria_library.validation import value_out_of_range
from tender_assistant import checks, matching
from tender_assistant.clauses import (
    Source,
    clause_text,
    fill_clause,
    placeholder_label,
    tender_placeholder_values,
)
from tender_assistant.tender import TENDER_PLACEHOLDERS, TenderCriterion
from tender_assistant.tender_parts import LotCriterion

from .. import i18n
from ..criterion_details import clause_html
from ..criterion_editor import PlaceholderHighlighter
from ..field_marks import ReservedMessage, mark_invalid
from ..history_dialog import word_diff_html
from .base import TenderPage, _tr
from .library_watch import LibraryChangeBanner
from .lot_selector import LotSelector, sync_lots


# --------------------------------------------------------------------- 4 criteria
class CriteriaPage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Criteria"))
        self.setSubTitle(_tr("De voorgestelde criteria zijn aangevinkt, per soort in de volgorde van de "
                             "aanbesteding. Klik een criterium aan voor de toelichting."))
        layout = QVBoxLayout(self.content)
        self.library_banner = LibraryChangeBanner(self)
        layout.addWidget(self.library_banner)
        # with lots: the criteria of one lot (or of all at once), and copying one lot's choice to another
        self.lot_selector = LotSelector(with_all=True, parent=self)
        self.lot_selector.lot_changed.connect(self._lot_changed)
        self.lot_selector.copied.connect(self._lot_copied)
        layout.addWidget(self.lot_selector)
        # a lot may need another package's criteria (laundry service beside workwear): shown next to the own ones
        other_row = QHBoxLayout()
        other_label = QLabel(_tr("Ook criteria uit &pakket:"), self)
        self.other_package = QComboBox(self)
        self.other_package.setAccessibleName(_tr("Ook criteria uit pakket"))
        self.other_package.setToolTip(_tr("Toont ook de criteria van een ander inkooppakket, bijvoorbeeld voor een "
                                          "perceel met een ander onderwerp; vink ze aan voor dat perceel"))
        other_label.setBuddy(self.other_package)
        self.other_package.currentIndexChanged.connect(self._other_package_changed)
        other_row.addWidget(other_label)
        other_row.addWidget(self.other_package, 1)
        layout.addLayout(other_row)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.tree = QTreeWidget(splitter)
        self.tree.setHeaderLabels([_tr("Criterium"), _tr("Niveau"), _tr("Waarom voorgesteld")])
        self.tree.setAccessibleName(_tr("Criteria om te kiezen"))
        # the title column takes the room that is left, so level and reason stay visible at 1280x720 (long
        # reasons and titles are elided; their tooltips carry the full text)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, header.ResizeMode.Interactive)
        self.tree.setColumnWidth(2, self.tree.fontMetrics().horizontalAdvance(_tr("Waarom voorgesteld")) + 40)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(self._show_current)
        self.details = QTextBrowser(splitter)
        self.details.setAccessibleName(_tr("Toelichting bij het criterium"))
        splitter.setSizes([640, 400])
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)  # 'Gekozen: 2 x geschiktheidseis, 10 x minimumeis, ...' fits narrow screens
        reset = QPushButton(_tr("Voorstel &herstellen"), self)
        reset.setToolTip(_tr("Weer precies de voorgestelde criteria kiezen"))
        # not connected directly: clicked(bool) would pass its False as fill, leaving the ticks stale
        reset.clicked.connect(lambda: self.apply_suggestions())
        row.addWidget(self.summary, 1)
        row.addWidget(reset)
        layout.addLayout(row)
        from ..monitoring_badge import CircularBadge

        self.circular_badge = CircularBadge(self)
        layout.addWidget(self.circular_badge)
        self._filling = False
        self.items: dict[str, QTreeWidgetItem] = {}

    def initializePage(self) -> None:
        w = self.wiz()
        if w.suggested_for != matching.suggestion_basis(w.tender):
            # a changed package, ambition or description: suggest again, keeping what the buyer chose and wrote
            self.apply_suggestions(fill=False, keep_work=True)
        self.lot_selector.load(w.tender, w.current_lot)
        self._load_other_packages()
        self.library_banner.attach(w.library_watch)
        self.fill()

    def library_changed(self) -> None:
        """The library changed a chosen criterion, or the buyer loaded its new text: show the texts as they are now."""
        self.fill()

    def _load_other_packages(self) -> None:
        """Every package but the tender's own, by name, after '(geen)'; the choice kept when it is still there."""
        w = self.wiz()
        kept = self.other_package.currentData()
        self._filling = True
        try:
            self.other_package.clear()
            self.other_package.addItem(_tr("(geen)"), "")
            for package in sorted(w.store.packages(), key=lambda p: p.name(i18n.lang()).casefold()):
                if package.slug != w.tender.package:
                    self.other_package.addItem(package.name(i18n.lang()), package.slug)
            self.other_package.setCurrentIndex(max(0, self.other_package.findData(kept)))
        finally:
            self._filling = False

    def _other_package_changed(self) -> None:
        if not self._filling:
            self.fill()

    def _lot_changed(self, lot_id: str | None) -> None:
        self.wiz().current_lot = lot_id
        self.fill()

    def _lot_copied(self) -> None:
        self.changed()
        self.fill()

    def _chosen_here(self) -> list[str]:
        """The criteria ticked in the view: the lot's, or the tender's (all lots)."""
        lot = self.lot_selector.lot()
        return lot.criterion_ids() if lot is not None else self.wiz().tender.criterion_ids()

    def apply_suggestions(self, fill: bool = True, keep_work: bool = False) -> None:
        """Choose the suggested criteria ("Voorstel herstellen": exactly those; keep_work: merged with the buyer's)."""
        w = self.wiz()
        t = w.tender
        before = t.criterion_ids()
        basis = w.suggested_for if keep_work else None
        # a fresh start, or weights the buyer left alone: weights inside the library's advice that add up
        restart = (basis is None or basis[0] != t.package
                   or (not t.lots and matching.weights_as_suggested(t, w.store, basis)))
        t.criteria = matching.suggest_again(t, w.store, basis)
        sync_lots(t, before)
        if restart:
            matching.start_weights(t, w.store)
        w.suggested_for = matching.suggestion_basis(t)
        self.changed()
        if fill:
            self.fill()

    def fill(self) -> None:
        w = self.wiz()
        t = w.tender
        in_tender = set(t.criterion_ids())
        chosen = set(self._chosen_here())
        other = self.other_package.currentData() or ""
        available = [c for package in dict.fromkeys(p for p in (t.package, other) if p)
                     for c in w.store.criteria(package=package, include_retired=False)
                     if c.status == Status.PUBLISHED or c.id in in_tender]
        # the tender's own criteria at the versions it chose (their text is what the export writes)
        chosen_versions = {c.id: c for c in checks.resolve_criteria(t, w.store)[0]}
        self.criteria = {c.id: chosen_versions.get(c.id, c) for c in available}
        self.criteria.update({cid: c for cid, c in chosen_versions.items() if cid not in self.criteria})
        asked = matching.description_matches(w.store, t.package, t.description, list(self.criteria.values()))
        package_names = {p.slug: p.name(i18n.lang()) for p in w.store.packages()}
        self._filling = True
        try:
            self.tree.clear()
            self.items = {}
            for kind in KIND_ORDER:
                of_kind = [c for c in self.criteria.values() if c.kind == kind]
                if not of_kind:
                    continue
                top = QTreeWidgetItem(self.tree, [i18n.label(kind)])
                font = top.font(0)
                font.setBold(True)
                top.setFont(0, font)
                top.setFlags(Qt.ItemFlag.ItemIsEnabled)
                for c in of_kind:
                    above = c.level > t.ambition_level
                    why = matching.Suggestion(c, matched=asked.get(c.id, []), above_level=above).reason(i18n.lang())
                    if c.package != t.package and c.package in package_names:
                        why = _tr("uit pakket %1").replace("%1", package_names[c.package]) + (f"; {why}" if why
                                                                                              else "")
                    item = QTreeWidgetItem(top, [f"{c.id}  {c.title}", f"{c.level} {i18n.label(c.level)}", why])
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                                  | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(0, Qt.CheckState.Checked if c.id in chosen else Qt.CheckState.Unchecked)
                    item.setData(0, Qt.ItemDataRole.UserRole, c.id)
                    item.setToolTip(0, c.title + (f"\n{why}" if why else ""))
                    item.setToolTip(2, why)
                    if above:
                        item.setForeground(1, Qt.GlobalColor.darkGray)
                    self.items[c.id] = item
                top.setExpanded(True)
        finally:
            self._filling = False
        self._update_summary()
        first = next(iter(self.items.values()), None)
        if first is not None:
            self.tree.setCurrentItem(first)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0:
            return
        cid = item.data(0, Qt.ItemDataRole.UserRole)
        if not cid:
            return
        self.set_chosen(cid, item.checkState(0) == Qt.CheckState.Checked)

    def set_chosen(self, cid: str, on: bool) -> None:
        t = self.wiz().tender
        lot = self.lot_selector.lot()
        if lot is not None:
            self._set_chosen_in_lot(cid, on)
            return
        before = t.criterion_ids()
        present = t.entry(cid) is not None
        if on and not present:
            c = self.criteria[cid]
            weight = c.suggested_weight if c.kind == Kind.AWARD else None
            order = {k: i for i, k in enumerate(self.items)}
            t.criteria.append(TenderCriterion(cid, weight=weight, version=c.version))
            t.criteria.sort(key=lambda e: order.get(e.id, len(order)))
        elif not on and present:
            t.criteria = [e for e in t.criteria if e.id != cid]
        else:
            return
        sync_lots(t, before)  # for all lots at once
        self._tick(cid, on)

    def _set_chosen_in_lot(self, cid: str, on: bool) -> None:
        """Tick or untick a criterion for the selected lot only; the tender holds what any lot uses."""
        t = self.wiz().tender
        lot = self.lot_selector.lot()
        assert lot is not None
        if on == (cid in lot.criterion_ids()):
            return
        if on:
            if t.entry(cid) is None:
                c = self.criteria[cid]
                order = {k: i for i, k in enumerate(self.items)}
                t.criteria.append(TenderCriterion(cid, weight=c.suggested_weight if c.kind == Kind.AWARD else None,
                                                  version=c.version))
                t.criteria.sort(key=lambda e: order.get(e.id, len(order)))
            entry = t.entry(cid)
            lot.criteria.append(LotCriterion(cid, entry.weight if entry else None))
            order_ids = {k: i for i, k in enumerate(t.criterion_ids())}
            lot.criteria.sort(key=lambda c: order_ids.get(c.id, len(order_ids)))
        else:
            lot.criteria = [c for c in lot.criteria if c.id != cid]
            if not any(cid in other.criterion_ids() for other in t.lots):
                t.criteria = [e for e in t.criteria if e.id != cid]  # no lot uses it any more
        self._tick(cid, on)

    def _tick(self, cid: str, on: bool) -> None:
        item = self.items.get(cid)
        if item is not None and (item.checkState(0) == Qt.CheckState.Checked) != on:
            self._filling = True
            item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self._filling = False
        self.changed()
        self._update_summary()

    def _update_summary(self) -> None:
        t = self.wiz().tender
        counts = {k: 0 for k in KIND_ORDER}
        for cid in self._chosen_here():
            c = self.criteria.get(cid)
            if c is not None:
                counts[c.kind] += 1
        # "2 × selection criterion" reads right in both languages without plural forms ("2 selection criterion" did not)
        parts = [f"{n} × {i18n.label(k).lower()}" for k, n in counts.items()]
        self.summary.setText(_tr("Gekozen: %1").replace("%1", ", ".join(parts)))
        lot_id = self.lot_selector.lot_id()
        self.circular_badge.refresh(t.for_lot(lot_id) if lot_id else t, self.wiz().store, self.wiz().counting_rule())
        self.completeChanged.emit()

    def _show_current(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        cid = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        c = self.criteria.get(cid) if cid else None
        if c is None:
            self.details.clear()
            return
        above = c.level > self.wiz().tender.ambition_level
        note = (f"<p style='color:#8a5a00'>{_tr('Boven het gekozen ambitieniveau; niet voorgesteld.')}</p>"
                if above else "")
        self.details.setHtml(f"<h3>{html.escape(c.title)}</h3>{note}<p><b>{_tr('Waarom circulair')}</b><br>"
                             f"{html.escape(c.rationale)}</p><p><b>{_tr('Voorbeeldtekst')}</b><br>"
                             f"{clause_html(c.clause)}</p><p><b>{_tr('Bewijsmiddel')}</b><br>"
                             f"{html.escape(c.verification)}</p>")

    def isComplete(self) -> bool:
        return bool(self.wiz() and self.wiz().tender.criteria)

    def focus_place(self, cid: str) -> None:
        """Select the criterion a finding names (or the list, for the criteria as a whole)."""
        item = self.items.get(cid)
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)
        self.tree.setFocus()


# ---------------------------------------------------------------------- 5 clauses
class ClausesPage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Teksten en invulvelden"))
        self.setSubTitle(_tr("Vul per criterium de invulvelden in (gegevens van de aanbesteding, zoals de "
                             "opdrachtgever, gelden voor alle criteria) en pas zo nodig de tekst aan. Onderaan ziet u "
                             "het resultaat: geel is een standaardwaarde, rood moet nog worden ingevuld."))
        layout = QVBoxLayout(self.content)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.list = QListWidget(splitter)
        self.list.setAccessibleName(_tr("Gekozen criteria"))
        # long titles end in "..." (tooltip has the whole title) instead of a sideways scroll bar
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.currentRowChanged.connect(self._show)
        right = QWidget(splitter)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.values_box = QGroupBox(_tr("Invulvelden"), right)
        self.values_form = QFormLayout(self.values_box)
        rl.addWidget(self.values_box)
        # why a typed value was refused (outside the criterion's range); its room is kept, so nothing moves
        self.value_problem = ReservedMessage(right)
        self.value_problem.setStyleSheet("color:#b71c1c")
        self.value_problem.setAccessibleName(_tr("Waarde geweigerd"))
        self.value_problem.hide()
        rl.addWidget(self.value_problem)
        text_row = QHBoxLayout()
        text_row.addWidget(QLabel(_tr("Tekst in deze aanbesteding:"), right), 1)
        self.restore_button = QPushButton(_tr("&Bibliotheektekst herstellen"), right)
        self.restore_button.clicked.connect(self.restore_text)
        text_row.addWidget(self.restore_button)
        # drift: the library has a newer version of this criterion; take it, keeping the buyer's own edits
        self.latest_button = QPushButton(_tr("Bijwerken naar de &nieuwste versie"), right)
        self.latest_button.clicked.connect(self.update_to_latest)
        text_row.addWidget(self.latest_button)
        self.all_latest_button = QPushButton(_tr("&Alle bijwerken"), right)
        self.all_latest_button.setToolTip(_tr("Alle criteria waarvan de bibliotheek een nieuwere versie heeft"))
        self.all_latest_button.clicked.connect(self.update_all_to_latest)
        text_row.addWidget(self.all_latest_button)
        rl.addLayout(text_row)
        self.text_edit = QPlainTextEdit(right)
        self.text_edit.setAccessibleName(_tr("Tekst van het criterium"))
        self.text_edit.setTabChangesFocus(True)
        self.highlighter = PlaceholderHighlighter(self.text_edit.document())
        self.text_edit.textChanged.connect(self._text_changed)
        rl.addWidget(self.text_edit, 1)
        rl.addWidget(QLabel(_tr("Resultaat:"), right))
        self.preview = QTextBrowser(right)
        self.preview.setAccessibleName(_tr("Resultaat met ingevulde waarden"))
        rl.addWidget(self.preview, 1)
        splitter.setSizes([300, 600])
        layout.addWidget(splitter, 1)
        self.value_edits: dict[str, QLineEdit] = {}
        self._accepted: dict[str, str] = {}  # per value: the value before the current edit began
        self._loading = False
        self.current: Criterion | None = None
        self.criteria: dict[str, Criterion] = {}
        self.latest: dict[str, Criterion] = {}
        self.difference: QDialog | None = None

    def initializePage(self) -> None:
        w = self.wiz()
        ids = w.tender.criterion_ids()
        # the text of the version the buyer chose (what the export writes), and the newest to offer an update
        chosen, _unknown, self.latest = checks.resolve_chosen(w.tender, w.store)
        self.criteria = {c.id: c for c in chosen}
        self.list.clear()
        for cid in ids:
            c = self.criteria.get(cid)
            if c is None:
                continue
            item = QListWidgetItem(f"{cid}  {c.title}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, cid)
            item.setToolTip(c.title)
        self._mark_missing()
        if self.list.count():
            self.list.setCurrentRow(0)

    def library_changed(self) -> None:
        """The buyer loaded a criterion's new text (on another page) while this one is shown: show it."""
        row = self.list.currentRow()
        self.initializePage()
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)

    def _mark_missing(self) -> None:
        t = self.wiz().tender
        for i in range(self.list.count()):
            item = self.list.item(i)
            c = self.criteria.get(item.data(Qt.ItemDataRole.UserRole))
            if c is None:
                continue
            missing = fill_clause(t, c).missing
            item.setForeground(Qt.GlobalColor.darkRed if missing else Qt.GlobalColor.black)
            item.setText(f"{'● ' if missing else ''}{c.id}  {c.title}")

    def _show(self, row: int) -> None:
        item = self.list.item(row) if row >= 0 else None
        self.current = self.criteria.get(item.data(Qt.ItemDataRole.UserRole)) if item else None
        self._loading = True
        try:
            while self.values_form.rowCount():
                self.values_form.removeRow(0)
            self.value_edits = {}
            self._accepted = {}
            if self.current is None:
                self.text_edit.clear()
                self.preview.clear()
                return
            t = self.wiz().tender
            text = clause_text(t, self.current)
            self.text_edit.setPlainText(text)
            names = list(dict.fromkeys(re.findall(r"\{\{\s*([a-z0-9_]+)\s*\}\}", text)))
            own = tender_placeholder_values(t)  # a joint tender: "Opdrachtgever", as the documents say
            for name in names:
                edit = QLineEdit(self.values_box)
                edit.setAccessibleName(placeholder_label(name, [self.current]))
                if name in TENDER_PLACEHOLDERS:
                    edit.setText(own.get(name, ""))
                    edit.setReadOnly(True)
                    edit.setToolTip(_tr("Komt uit de gegevens van de aanbesteding (stap 1)"))
                    edit.setPlaceholderText(_tr("vul dit in bij stap 1"))
                else:
                    edit.setText(t.value_for(self.current.id, name) or "")
                    self._accepted[name] = edit.text()
                    default = self.current.placeholders.get(name, "")
                    edit.setPlaceholderText(_tr("standaard: %1").replace("%1", default) if default else "")
                    edit.textEdited.connect(lambda value, n=name: self.set_value(n, value))
                    edit.editingFinished.connect(lambda n=name: self._value_finished(n))
                meta = self.current.placeholder_meta.get(name)
                label = placeholder_label(name, [self.current])
                if meta is not None and meta.unit:
                    label += f" ({meta.unit})"
                if meta is not None and (meta.min is not None or meta.max is not None):
                    edit.setToolTip(_tr("Toegestaan: %1 tot en met %2").replace("%1", _bound(meta.min))
                                    .replace("%2", _bound(meta.max)))
                self.values_form.addRow(label + ":", edit)
                self.value_edits[name] = edit
            self.values_box.setVisible(bool(names))
            self.restore_button.setEnabled(text != self.current.clause)
            entry = t.entry(self.current.id)
            newest = self.latest.get(self.current.id, self.current)
            self.latest_button.setVisible(self._outdated(self.current.id))
            self.latest_button.setToolTip(_tr("Deze aanbesteding gebruikt versie %1; de bibliotheek heeft versie %2.")
                                          .replace("%1", str(entry.version if entry else "")).replace(
                                              "%2", str(newest.version)))
            self.all_latest_button.setVisible(sum(self._outdated(cid) for cid in self.criteria) > 1)
        finally:
            self._loading = False
        self._update_preview()

    def set_value(self, name: str, value: str) -> None:
        if self.current is None:
            return
        if self._refused(name, value):
            # outside the range: the value from before this edit counts again, not what the keystrokes on the way
            # left behind ('15' on the way to '150'); it comes back in the field when the field is left
            value = self._accepted.get(name, "")
        self._store_value(name, value)
        self.changed()
        self._update_preview()
        self._mark_missing()

    def _store_value(self, name: str, value: str) -> None:
        assert self.current is not None
        t = self.wiz().tender
        if value.strip():
            t.set_value(self.current.id, name, value)
        else:
            t.clear_value(self.current.id, name)

    def _refused(self, name: str, value: str) -> bool:
        """True (and the reason shown) when a value lies outside the placeholder's range."""
        meta = self.current.placeholder_meta.get(name) if self.current is not None else None
        problem = value_out_of_range(value, meta) if meta is not None and value.strip() else None
        edit = self.value_edits.get(name)
        if edit is not None:
            mark_invalid(edit, problem is not None)
        if problem:
            label = placeholder_label(name, [self.current] if self.current is not None else [])
            text = problem[1] if i18n.lang() == "en" else problem[0]
            self.value_problem.setText(_tr("%1: %2; de waarde is niet overgenomen.").replace("%1", label)
                                       .replace("%2", text))
        self.value_problem.setVisible(problem is not None)
        return problem is not None

    def _value_finished(self, name: str) -> None:
        """Leaving a refused field puts back the value that counts."""
        edit = self.value_edits.get(name)
        if edit is None or self.current is None:
            return
        if not self._refused(name, edit.text()):
            self._accepted[name] = edit.text()  # what a later refused value falls back to
            return
        edit.setText(self.wiz().tender.value_for(self.current.id, name) or "")
        edit.setStyleSheet("")

    def _text_changed(self) -> None:
        if self._loading or self.current is None:
            return
        entry = self.wiz().tender.entry(self.current.id)
        if entry is None:
            return
        text = self.text_edit.toPlainText()
        entry.text = None if text.strip() == self.current.clause.strip() else text
        self.restore_button.setEnabled(entry.text is not None)
        self.changed()
        self._update_preview()
        self._mark_missing()

    def _outdated(self, cid: str) -> bool:
        """True when the library has a newer version than the one the tender chose."""
        entry = self.wiz().tender.entry(cid)
        newest = self.latest.get(cid)
        return (entry is not None and entry.version is not None and newest is not None
                and entry.version < newest.version)

    def update_to_latest(self) -> QDialog | None:
        """Show what the newest version changes in this criterion; updating is the buyer's act in that dialog."""
        if self.current is None or not self._outdated(self.current.id):
            return None
        return self._offer_update([self.current.id])

    def update_all_to_latest(self) -> QDialog | None:
        """Show what the newest versions change in every outdated criterion, to update them all at once."""
        return self._offer_update([cid for cid in self.criteria if self._outdated(cid)])

    def _offer_update(self, ids: list[str]) -> QDialog | None:
        if not ids:
            return None
        t = self.wiz().tender
        parts = []
        for cid in ids:
            old, new, entry = self.criteria[cid], self.latest[cid], t.entry(cid)
            heading = _tr("%1: versie %2 -> %3").replace("%1", f"{cid} {new.title}").replace(
                "%2", str(entry.version if entry else "")).replace("%3", str(new.version))
            parts.append(f"<h4>{html.escape(heading)}</h4><p>{word_diff_html(old.clause, new.clause)}</p>")
        self.difference = UpdateDifferenceDialog("".join(parts), len(ids), self)
        self.difference.accepted.connect(lambda: self._update(ids))
        self.difference.open()
        return self.difference

    def _update(self, ids: list[str]) -> None:
        """Take the library's newest versions; the buyer's clause edits stay where they fit."""
        from tender_assistant.drift import update_criterion

        t = self.wiz().tender
        kept = []
        for cid in ids:
            entry = t.entry(cid)
            if entry is None:
                continue
            outcome = update_criterion(entry, self.wiz().store)
            t.criteria[t.criteria.index(entry)] = outcome.criterion
            self.criteria[cid] = self.latest[cid]
            if outcome.kept_buyer_text:
                kept.append(cid)
        self.changed()
        self._mark_missing()
        self._show(self.list.currentRow())
        if kept:
            QMessageBox.information(self, _tr("Bijgewerkt"), _tr(
                "Uw eigen tekst botst met de wijziging in de bibliotheek en is bewaard; vergelijk hem met de "
                "bibliotheektekst (knop Bibliotheektekst herstellen)."))

    def restore_text(self) -> None:
        if self.current is not None:
            self.text_edit.setPlainText(self.current.clause)

    def _update_preview(self) -> None:
        if self.current is None:
            return
        filled = fill_clause(self.wiz().tender, self.current, self.text_edit.toPlainText())
        parts = []
        for text, source in filled.segments:
            escaped = html.escape(text)
            if source == Source.DEFAULT:
                parts.append(f"<span style='background:#fff2a8'>{escaped}</span>")
            elif source == Source.MISSING:
                parts.append(f"<span style='background:#ffd7d5;color:#82071e;font-weight:bold'>{escaped}</span>")
            elif source in (Source.VALUE, Source.TENDER):
                parts.append(f"<span style='background:#ccffd8'>{escaped}</span>")
            else:
                parts.append(escaped)
        self.preview.setHtml("<p>" + "".join(parts).replace("\n", "<br>") + "</p>")

    def focus_place(self, name: str) -> None:
        """Show the first criterion that uses the value a finding names, with the cursor in its field."""
        for row in range(self.list.count()):
            c = self.criteria.get(self.list.item(row).data(Qt.ItemDataRole.UserRole))
            if c is not None and name in c.placeholder_names():
                self.list.setCurrentRow(row)
                break
        edit = self.value_edits.get(name)
        (edit or self.list).setFocus()


class UpdateDifferenceDialog(QDialog):
    """The clause as chosen against the library's newest version, word by word, before the buyer updates."""

    def __init__(self, diff_html: str, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Bijwerken naar de nieuwste versie"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_tr("Wat de nieuwste versie verandert (doorgestreept: vervalt, onderstreept: "
                                    "nieuw). Uw eigen aanpassingen blijven staan waar ze passen."), self))
        self.text = QTextBrowser(self)
        self.text.setAccessibleName(_tr("Verschil met de nieuwste versie"))
        self.text.setHtml(diff_html)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        label = _tr("&Bijwerken") if count == 1 else _tr("&Alle %1 bijwerken").replace("%1", str(count))
        self.update_button = buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)  # fits 1280x720
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_tr("&Annuleren"))
        cancel.setFocus()  # updating is a deliberate act


def _bound(value: float | None) -> str:
    """A range bound as shown: '1', '2,5', or '…' when open."""
    if value is None:
        return "…"
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")
