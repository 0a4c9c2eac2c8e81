"""The drafting wizard's pages. Each page reads the wizard's Tender when shown and writes every change back at once,
so going back, saving half-way or closing never loses what was typed. All domain work is the core's:
matching.match_packages / suggest_criteria / propose_weights, clauses.fill_clause, checks.check_tender,
docx_plan.build_plan and docx_export.export_tender.
"""

from __future__ import annotations

import html
import re
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from criteria_library import cpv
from criteria_library.errors import UserError
from criteria_library.models import KIND_ORDER, Criterion, Kind, Level, Status
from tender_assistant import checks, matching
from tender_assistant.clauses import Source, clause_text, fill_clause
from tender_assistant.docx_plan import Heading, PageBreak, Paragraph, Table, Toc, build_plan
from tender_assistant.tender import PROCEDURES, TENDER_PLACEHOLDERS, TenderCriterion

from . import i18n
from .criterion_details import clause_html
from .criterion_editor import PlaceholderHighlighter
from .dialog_buttons import accept_cancel_buttons
from .path_field import path_row

if TYPE_CHECKING:
    from .tender_wizard import TenderWizard


class PageId(IntEnum):
    BASICS = 0
    PACKAGE = 1
    AMBITION = 2
    CRITERIA = 3
    CLAUSES = 4
    WEIGHTS = 5
    REVIEW = 6
    EXPORT = 7


SEVERITY_STYLE = {
    checks.Severity.ERROR: ("#b71c1c", "✖"),
    checks.Severity.ADVICE: ("#8a5a00", "▲"),
    checks.Severity.INFO: ("#1f4e79", "ℹ"),
}
WEIGHT_CODES = {"weights-sum", "price-weight", "no-award", "weight-missing", "weight-zero"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("WizardPages", text)


def findings_html(findings: list[checks.Finding]) -> str:
    """Findings as a list, errors first, each with a sign and colour."""
    if not findings:
        return f"<p style='color:#1b5e20'>✔ {_tr('Geen fouten of adviezen.')}</p>"
    items = []
    for f in findings:
        colour, sign = SEVERITY_STYLE[f.severity]
        items.append(f"<p style='margin:2px 0; color:{colour}'>{sign} {html.escape(f.text(i18n.lang()))}</p>")
    return "".join(items)


class TenderPage(QWizardPage):
    """Base page: access to the wizard's tender and store; keeps what was typed when the user goes back."""

    def wiz(self) -> TenderWizard:
        return self.wizard()  # type: ignore[return-value]

    def cleanupPage(self) -> None:
        """Going back keeps everything (QWizard would otherwise reset registered fields)."""

    def changed(self) -> None:
        self.wiz().mark_dirty()


# ---------------------------------------------------------------------- CPV picker
class CpvPicker(QDialog):
    """Search the shipped CPV list (code or words, Dutch or English) and pick one or more codes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CpvPicker")
        self.setWindowTitle(_tr("CPV-code kiezen"))
        self.catalogue = cpv.catalogue()
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_tr("Zoek op code of omschrijving, bijvoorbeeld 'meubilair' of '3913'"))
        self.search.setAccessibleName(_tr("Zoeken in de CPV-lijst"))
        self.search.textChanged.connect(self._fill)
        layout.addWidget(self.search)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAccessibleName(_tr("CPV-codes"))
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        layout.addWidget(self.list, 1)
        self.count = QLabel(self)
        layout.addWidget(self.count)
        buttons, _ok = accept_cancel_buttons(self, _tr("Toevoegen"), _tr("Annuleren"))
        layout.addWidget(buttons)
        self.resize(720, 520)
        self._fill("")

    def _fill(self, text: str) -> None:
        self.list.clear()
        entries = self.catalogue.search(text, limit=300)
        for e in entries:
            item = QListWidgetItem(f"{e.code}  {e.label(i18n.lang())}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, e.code)
        self.count.setText(_tr("%1 codes getoond").replace("%1", str(len(entries))))
        if entries:
            self.list.setCurrentRow(0)

    def selected_codes(self) -> list[str]:
        return [i.data(Qt.ItemDataRole.UserRole) for i in self.list.selectedItems()]


# ---------------------------------------------------------------------- 1 basics
class BasicsPage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Gegevens van de aanbesteding"))
        self.setSubTitle(_tr("Wat koopt u in, voor wie, hoe lang en via welke procedure? Met de titel en de "
                             "omschrijving zoekt de app straks het passende inkooppakket."))
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName(_tr("Titel"))
        self.title_edit.setPlaceholderText(_tr("bijvoorbeeld: Circulair kantoormeubilair voor het stadhuis"))
        self.registerField("title*", self.title_edit)
        form.addRow(_tr("&Titel:"), self.title_edit)
        self.org_edit = QLineEdit(self)
        self.org_edit.setAccessibleName(_tr("Opdrachtgever"))
        self.org_edit.setPlaceholderText(_tr("bijvoorbeeld: Gemeente Zaanstad"))
        form.addRow(_tr("&Opdrachtgever:"), self.org_edit)
        self.description = QPlainTextEdit(self)
        self.description.setAccessibleName(_tr("Omschrijving"))
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(_tr("Wat wordt er gekocht, hoeveel, en wat is de circulaire ambitie?"))
        self.description.setMinimumHeight(70)
        self.description.setMaximumHeight(140)
        form.addRow(_tr("O&mschrijving:"), self.description)

        cpv_row = QHBoxLayout()
        self.cpv_list = QListWidget(self)
        self.cpv_list.setAccessibleName(_tr("Gekozen CPV-codes"))
        self.cpv_list.setMaximumHeight(68)
        cpv_buttons = QVBoxLayout()
        self.cpv_add = QPushButton(_tr("CPV-code &zoeken..."), self)
        self.cpv_add.clicked.connect(self.pick_cpv)
        self.cpv_remove = QPushButton(_tr("Verwijderen"), self)
        self.cpv_remove.clicked.connect(self.remove_cpv)
        cpv_buttons.addWidget(self.cpv_add)
        cpv_buttons.addWidget(self.cpv_remove)
        cpv_buttons.addStretch(1)
        cpv_row.addWidget(self.cpv_list, 1)
        cpv_row.addLayout(cpv_buttons)
        form.addRow(_tr("CPV-codes:"), cpv_row)

        grid = QGridLayout()
        self.value_spin = QDoubleSpinBox(self)
        self.value_spin.setRange(0, 10_000_000_000)
        self.value_spin.setDecimals(0)
        self.value_spin.setSingleStep(10_000)
        self.value_spin.setPrefix("€ ")
        self.value_spin.setGroupSeparatorShown(True)
        self.value_spin.setSpecialValueText(_tr("onbekend"))
        self.value_spin.setAccessibleName(_tr("Geraamde waarde in euro"))
        self.term_spin = QSpinBox(self)
        self.term_spin.setRange(0, 600)
        self.term_spin.setSuffix(_tr(" maanden"))
        self.term_spin.setSpecialValueText(_tr("onbekend"))
        self.term_spin.setAccessibleName(_tr("Looptijd in maanden"))
        grid.addWidget(self.value_spin, 0, 0)
        grid.addWidget(QLabel(_tr("Looptijd:"), self), 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.term_spin, 0, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        form.addRow(_tr("Geraamde waarde:"), grid)
        proc_row = QHBoxLayout()
        self.procedure = QComboBox(self)
        for key, (nl, en) in PROCEDURES.items():
            self.procedure.addItem(en if i18n.lang() == "en" else nl, key)
        self.procedure.setAccessibleName(_tr("Procedure"))
        self.authority = QComboBox(self)
        self.authority.addItem(_tr("Decentrale overheid (gemeente, provincie)"), "decentraal")
        self.authority.addItem(_tr("Centrale overheid (Rijk)"), "centraal")
        self.authority.setAccessibleName(_tr("Soort overheid"))
        proc_row.addWidget(self.procedure, 1)
        proc_row.addWidget(self.authority, 1)
        form.addRow(_tr("Procedure:"), proc_row)

        self.title_edit.textEdited.connect(self._store)
        self.org_edit.textEdited.connect(self._store)
        self.description.textChanged.connect(self._store)
        self.value_spin.valueChanged.connect(self._store)
        self.term_spin.valueChanged.connect(self._store)
        self.procedure.currentIndexChanged.connect(self._store)
        self.authority.currentIndexChanged.connect(self._store)
        self._loading = False

    def initializePage(self) -> None:
        t = self.wiz().tender
        self._loading = True
        try:
            self.title_edit.setText(t.title)
            self.org_edit.setText(t.organisation)
            if self.description.toPlainText() != t.description:
                self.description.setPlainText(t.description)
            self.value_spin.setValue(t.estimated_value_eur or 0)
            self.term_spin.setValue(t.contract_term_months or 0)
            self.procedure.setCurrentIndex(max(0, self.procedure.findData(t.procedure)))
            self.authority.setCurrentIndex(max(0, self.authority.findData(t.authority)))
            self._fill_cpv()
        finally:
            self._loading = False

    def _fill_cpv(self) -> None:
        self.cpv_list.clear()
        catalogue = cpv.catalogue()
        for code in self.wiz().tender.cpv:
            item = QListWidgetItem(f"{code}  {catalogue.label(code, i18n.lang())}", self.cpv_list)
            item.setData(Qt.ItemDataRole.UserRole, code)
        self.cpv_remove.setEnabled(bool(self.wiz().tender.cpv))

    def _store(self, *_args: Any) -> None:
        if self._loading:
            return
        t = self.wiz().tender
        t.title = self.title_edit.text()
        t.organisation = self.org_edit.text()
        t.description = self.description.toPlainText()
        t.estimated_value_eur = self.value_spin.value() or None
        t.contract_term_months = self.term_spin.value() or None
        t.procedure = self.procedure.currentData()
        t.authority = self.authority.currentData()
        self.changed()

    def pick_cpv(self) -> None:
        picker = CpvPicker(self)
        if picker.exec() == QDialog.DialogCode.Accepted:
            self.add_cpv(picker.selected_codes())

    def add_cpv(self, codes: list[str]) -> None:
        t = self.wiz().tender
        for code in codes:
            full = cpv.catalogue().normalise(code) or code
            if full not in t.cpv:
                t.cpv.append(full)
        self._fill_cpv()
        self.changed()

    def remove_cpv(self) -> None:
        item = self.cpv_list.currentItem()
        if item is None:
            return
        self.wiz().tender.cpv.remove(item.data(Qt.ItemDataRole.UserRole))
        self._fill_cpv()
        self.changed()


# --------------------------------------------------------------------- 2 package
class PackagePage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Inkooppakket"))
        self.setSubTitle(_tr("De best passende pakketten staan bovenaan, met de woorden en CPV-codes waarop ze "
                             "gevonden zijn. Kies er een, of kies zelf uit alle pakketten."))
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_tr("Voorgestelde inkooppakketten"))
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(self._picked)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(_tr("Of kies zelf:"), self))
        self.all_combo = QComboBox(self)
        self.all_combo.setAccessibleName(_tr("Alle inkooppakketten"))
        self.all_combo.activated.connect(self._picked_from_combo)
        row.addWidget(self.all_combo, 1)
        layout.addLayout(row)
        self.chosen = QLabel(self)
        self.chosen.setWordWrap(True)
        layout.addWidget(self.chosen)
        self._filling = False

    def initializePage(self) -> None:
        w = self.wiz()
        t = w.tender
        self._filling = True
        try:
            self.list.clear()
            text = f"{t.title}\n{t.description}"
            self.matches = matching.match_packages(w.store, text, t.cpv, limit=5)
            names = {p.slug: p.name(i18n.lang()) for p in w.store.packages()}
            for m in self.matches:
                why = ", ".join(m.reasons[:6])
                item = QListWidgetItem(f"{names.get(m.package, m.name)}   ({m.score:.0f}%)\n    "
                                       + _tr("gevonden op: %1").replace("%1", why), self.list)
                item.setData(Qt.ItemDataRole.UserRole, m.package)
                item.setToolTip(why)
            if not self.matches:
                item = QListWidgetItem(_tr("Geen pakket gevonden bij deze omschrijving; kies hieronder zelf."), self.list)
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.all_combo.clear()
            self.all_combo.addItem(_tr("(kies een inkooppakket)"), "")
            for slug, name in sorted(names.items(), key=lambda kv: kv[1].casefold()):
                self.all_combo.addItem(name, slug)
            if not t.package and self.matches:
                t.package = self.matches[0].package
                self.changed()
            self._show_choice()
        finally:
            self._filling = False

    def _show_choice(self) -> None:
        t = self.wiz().tender
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == t.package:
                self.list.setCurrentRow(i)
                break
        else:
            self.list.setCurrentRow(-1)
        self.all_combo.setCurrentIndex(max(0, self.all_combo.findData(t.package)))
        name = self.all_combo.currentText() if t.package else ""
        self.chosen.setText(_tr("Gekozen: <b>%1</b>").replace("%1", html.escape(name)) if name else "")
        self.completeChanged.emit()

    def _picked(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None = None) -> None:
        if self._filling or item is None or not item.data(Qt.ItemDataRole.UserRole):
            return
        self.choose(item.data(Qt.ItemDataRole.UserRole))

    def _picked_from_combo(self, _index: int) -> None:
        if self.all_combo.currentData():
            self.choose(self.all_combo.currentData())

    def choose(self, slug: str) -> None:
        t = self.wiz().tender
        if t.package != slug:
            t.package = slug
            self.changed()
        self._filling = True
        try:
            self._show_choice()
        finally:
            self._filling = False

    def isComplete(self) -> bool:
        return bool(self.wiz() and self.wiz().tender.package)


# --------------------------------------------------------------------- 3 ambition
class AmbitionPage(TenderPage):
    TEXTS = {
        1: QT_TRANSLATE_NOOP("WizardPages", "Kerncriteria die eenvoudig te controleren zijn; een goede eerste stap."),
        2: QT_TRANSLATE_NOOP("WizardPages", "Meer en strengere criteria over de hele levenscyclus, zoals hergebruik, "
                                            "reparatie en terugname."),
        3: QT_TRANSLATE_NOOP("WizardPages", "Nieuwe verdienmodellen: product-as-a-service, terugname en "
                                            "herfabricage; voor wie voorop wil lopen."),
    }

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Ambitieniveau"))
        self.setSubTitle(_tr("Hoe ver wilt u gaan? Elk niveau bevat ook de criteria van de niveaus eronder."))
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.buttons: dict[int, QRadioButton] = {}
        self.counts: dict[int, QLabel] = {}
        for level in Level:
            box = QGroupBox(self)
            inner = QVBoxLayout(box)
            radio = QRadioButton(f"{int(level)}  {i18n.label(level)}", box)
            font = radio.font()
            font.setBold(True)
            radio.setFont(font)
            explain = QLabel(_tr(self.TEXTS[int(level)]), box)
            explain.setWordWrap(True)
            count = QLabel(box)
            count.setStyleSheet("color:#555")
            inner.addWidget(radio)
            inner.addWidget(explain)
            inner.addWidget(count)
            layout.addWidget(box)
            self.group.addButton(radio, int(level))
            self.buttons[int(level)] = radio
            self.counts[int(level)] = count
        layout.addStretch(1)
        self.group.idClicked.connect(self._chosen)

    def initializePage(self) -> None:
        w = self.wiz()
        t = w.tender
        self.buttons[t.ambition_level].setChecked(True)
        published = [c for c in w.store.criteria(package=t.package, include_retired=False)
                     if c.status == Status.PUBLISHED] if t.package else []
        for level, label in self.counts.items():
            n = sum(1 for c in published if c.level <= level)
            label.setText(_tr("%1 criteria in dit pakket tot en met dit niveau").replace("%1", str(n)))

    def _chosen(self, level: int) -> None:
        t = self.wiz().tender
        if t.ambition_level != level:
            t.ambition_level = level
            self.changed()


# --------------------------------------------------------------------- 4 criteria
class CriteriaPage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Criteria"))
        self.setSubTitle(_tr("De voorgestelde criteria zijn aangevinkt, per soort in de volgorde van de "
                             "aanbesteding. Klik een criterium aan voor de toelichting."))
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.tree = QTreeWidget(splitter)
        self.tree.setHeaderLabels([_tr("Criterium"), _tr("Niveau")])
        self.tree.setAccessibleName(_tr("Criteria om te kiezen"))
        self.tree.setColumnWidth(0, 470)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(self._show_current)
        self.details = QTextBrowser(splitter)
        self.details.setAccessibleName(_tr("Toelichting bij het criterium"))
        splitter.setSizes([640, 400])
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        self.summary = QLabel(self)
        reset = QPushButton(_tr("&Voorstel herstellen"), self)
        reset.setToolTip(_tr("Weer precies de voorgestelde criteria kiezen"))
        reset.clicked.connect(self.apply_suggestions)
        row.addWidget(self.summary, 1)
        row.addWidget(reset)
        layout.addLayout(row)
        self._filling = False
        self.items: dict[str, QTreeWidgetItem] = {}

    def initializePage(self) -> None:
        w = self.wiz()
        t = w.tender
        if w.suggested_for != (t.package, t.ambition_level):
            self.apply_suggestions(fill=False)
        self.fill()

    def apply_suggestions(self, fill: bool = True) -> None:
        w = self.wiz()
        t = w.tender
        suggestions = matching.suggest_criteria(w.store, t.package, t.ambition_level, t.price_weight)
        old = {c.id: c for c in t.criteria}
        t.criteria = []
        for s in suggestions:
            entry = old.get(s.criterion.id)
            t.criteria.append(TenderCriterion(s.criterion.id, weight=s.weight,
                                              text=entry.text if entry else None, version=s.criterion.version))
        w.suggested_for = (t.package, t.ambition_level)
        self.changed()
        if fill:
            self.fill()

    def fill(self) -> None:
        w = self.wiz()
        t = w.tender
        chosen = set(t.criterion_ids())
        available = [c for c in w.store.criteria(package=t.package, include_retired=False)
                     if c.status == Status.PUBLISHED or c.id in chosen]
        extra = [c for c in w.store.criteria_by_ids(chosen - {c.id for c in available}).values()]
        self.criteria = {c.id: c for c in available + extra}
        self._filling = True
        try:
            self.tree.clear()
            self.items = {}
            for kind in KIND_ORDER:
                of_kind = [c for c in self.criteria.values() if Kind(c.kind) == kind]
                if not of_kind:
                    continue
                top = QTreeWidgetItem(self.tree, [i18n.label(kind)])
                font = top.font(0)
                font.setBold(True)
                top.setFont(0, font)
                top.setFlags(Qt.ItemFlag.ItemIsEnabled)
                for c in of_kind:
                    above = c.level > t.ambition_level
                    item = QTreeWidgetItem(top, [f"{c.id}  {c.title}", f"{c.level} {i18n.label(Level(c.level))}"])
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                                  | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(0, Qt.CheckState.Checked if c.id in chosen else Qt.CheckState.Unchecked)
                    item.setData(0, Qt.ItemDataRole.UserRole, c.id)
                    item.setToolTip(0, c.title)
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
        present = t.entry(cid) is not None
        if on and not present:
            c = self.criteria[cid]
            weight = c.suggested_weight if Kind(c.kind) == Kind.AWARD else None
            order = {k: i for i, k in enumerate(self.items)}
            t.criteria.append(TenderCriterion(cid, weight=weight, version=c.version))
            t.criteria.sort(key=lambda e: order.get(e.id, len(order)))
        elif not on and present:
            t.criteria = [e for e in t.criteria if e.id != cid]
        else:
            return
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
        for e in t.criteria:
            c = self.criteria.get(e.id)
            if c is not None:
                counts[Kind(c.kind)] += 1
        parts = [f"{n} {i18n.label(k).lower()}" for k, n in counts.items()]
        self.summary.setText(_tr("Gekozen: %1").replace("%1", ", ".join(parts)))
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


# ---------------------------------------------------------------------- 5 clauses
class ClausesPage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Teksten en invulvelden"))
        self.setSubTitle(_tr("Vul de invulvelden in (ze gelden voor alle criteria) en pas zo nodig de tekst aan. "
                             "Onderaan ziet u het resultaat: geel is een standaardwaarde, rood moet nog worden "
                             "ingevuld."))
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.list = QListWidget(splitter)
        self.list.setAccessibleName(_tr("Gekozen criteria"))
        self.list.currentRowChanged.connect(self._show)
        right = QWidget(splitter)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.values_box = QGroupBox(_tr("Invulvelden"), right)
        self.values_form = QFormLayout(self.values_box)
        rl.addWidget(self.values_box)
        text_row = QHBoxLayout()
        text_row.addWidget(QLabel(_tr("Tekst in deze aanbesteding:"), right), 1)
        self.restore_button = QPushButton(_tr("&Bibliotheektekst herstellen"), right)
        self.restore_button.clicked.connect(self.restore_text)
        text_row.addWidget(self.restore_button)
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
        self._loading = False
        self.current: Criterion | None = None

    def initializePage(self) -> None:
        w = self.wiz()
        ids = w.tender.criterion_ids()
        self.criteria = w.store.criteria_by_ids(ids)
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
            if self.current is None:
                self.text_edit.clear()
                self.preview.clear()
                return
            t = self.wiz().tender
            text = clause_text(t, self.current)
            self.text_edit.setPlainText(text)
            names = list(dict.fromkeys(re.findall(r"\{\{\s*([a-z0-9_]+)\s*\}\}", text)))
            own = t.tender_values()
            for name in names:
                edit = QLineEdit(self.values_box)
                edit.setAccessibleName(name.replace("_", " "))
                if name in TENDER_PLACEHOLDERS:
                    edit.setText(own.get(name, ""))
                    edit.setReadOnly(True)
                    edit.setToolTip(_tr("Komt uit de gegevens van de aanbesteding (stap 1)"))
                    edit.setPlaceholderText(_tr("vul dit in bij stap 1"))
                else:
                    edit.setText(t.values.get(name, ""))
                    default = self.current.placeholders.get(name, "")
                    edit.setPlaceholderText(_tr("standaard: %1").replace("%1", default) if default else "")
                    edit.textEdited.connect(lambda value, n=name: self.set_value(n, value))
                self.values_form.addRow(name.replace("_", " ") + ":", edit)
                self.value_edits[name] = edit
            self.values_box.setVisible(bool(names))
            self.restore_button.setEnabled(text != self.current.clause)
        finally:
            self._loading = False
        self._update_preview()

    def set_value(self, name: str, value: str) -> None:
        t = self.wiz().tender
        if value.strip():
            t.values[name] = value
        else:
            t.values.pop(name, None)
        self.changed()
        self._update_preview()
        self._mark_missing()

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


# ---------------------------------------------------------------------- 6 weights
class WeightsPage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Weging"))
        self.setSubTitle(_tr("Verdeel 100% over de prijs en de gunningscriteria (beste prijs-kwaliteitverhouding). "
                             "Het totaal en het advies werken direct bij."))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([_tr("Onderdeel"), _tr("Weging")])
        self.table.setAccessibleName(_tr("Wegingen"))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(0, self.table.horizontalHeader().ResizeMode.Stretch)
        self.table.setColumnWidth(1, 130)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.total = QLabel(self)
        self.total.setAccessibleName(_tr("Totaal van de wegingen"))
        font = self.total.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.total.setFont(font)
        spread = QPushButton(_tr("&Verdelen volgens advies"), self)
        spread.setToolTip(_tr("Verdeel wat na de prijs overblijft naar de voorgestelde gewichten"))
        spread.clicked.connect(self.spread)
        row.addWidget(self.total, 1)
        row.addWidget(spread)
        layout.addLayout(row)
        self.advice = QTextBrowser(self)
        self.advice.setAccessibleName(_tr("Advies over de weging"))
        self.advice.setMaximumHeight(120)
        layout.addWidget(self.advice)
        self.spins: dict[str, QSpinBox] = {}
        self._loading = False

    def _spin(self, value: int) -> QSpinBox:
        spin = QSpinBox(self.table)
        spin.setRange(0, 100)
        spin.setSuffix(" %")
        spin.setValue(value)
        return spin

    def initializePage(self) -> None:
        w = self.wiz()
        t = w.tender
        found = w.store.criteria_by_ids(t.criterion_ids())
        self.award = [found[e.id] for e in t.criteria if e.id in found and Kind(found[e.id].kind) == Kind.AWARD]
        self._loading = True
        try:
            self.table.setRowCount(1 + len(self.award))
            self.spins = {}
            self.table.setItem(0, 0, _item(_tr("Prijs")))
            self.price_spin = self._spin(t.price_weight)
            self.price_spin.setAccessibleName(_tr("Weging van de prijs"))
            self.price_spin.valueChanged.connect(self._price_changed)
            self.table.setCellWidget(0, 1, self.price_spin)
            for row, c in enumerate(self.award, start=1):
                entry = t.entry(c.id)
                rng = f" ({_tr('advies')} {c.weight_min}-{c.weight_max}%)" if c.weight_min is not None else ""
                self.table.setItem(row, 0, _item(f"{c.id}  {c.title}{rng}"))
                spin = self._spin(entry.weight if entry and entry.weight is not None else 0)
                spin.setAccessibleName(_tr("Weging van %1").replace("%1", c.id))
                spin.valueChanged.connect(lambda v, cid=c.id: self._weight_changed(cid, v))
                self.table.setCellWidget(row, 1, spin)
                self.spins[c.id] = spin
        finally:
            self._loading = False
        self.update_total()

    def _price_changed(self, value: int) -> None:
        if self._loading:
            return
        self.wiz().tender.price_weight = value
        self.changed()
        self.update_total()

    def _weight_changed(self, cid: str, value: int) -> None:
        if self._loading:
            return
        entry = self.wiz().tender.entry(cid)
        if entry is not None:
            entry.weight = value
        self.changed()
        self.update_total()

    def spread(self) -> None:
        t = self.wiz().tender
        weights = matching.propose_weights(self.award, t.price_weight)
        for cid, value in weights.items():
            entry = t.entry(cid)
            if entry is not None:
                entry.weight = value
        self.changed()
        self.initializePage()

    def total_weight(self) -> int:
        t = self.wiz().tender
        return t.price_weight + sum(e.weight or 0 for e in t.criteria if e.id in self.spins)

    def update_total(self) -> None:
        total = self.total_weight()
        ok = total == 100
        self.total.setText(_tr("Totaal: %1%").replace("%1", str(total)) + ("  ✔" if ok else
                           "  " + _tr("(moet 100% zijn)")))
        self.total.setStyleSheet("color:#1b5e20" if ok else "color:#b71c1c")
        w = self.wiz()
        findings = [f for f in checks.check_tender(w.tender, w.store) if f.code in WEIGHT_CODES]
        self.advice.setHtml(findings_html(findings))


def _item(text: str) -> Any:
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setToolTip(text)
    return item


# ----------------------------------------------------------------------- 7 review
def plan_html(plan: Any) -> str:
    """A document plan as readable HTML: what the Word document will say, without the layout."""
    out: list[str] = []

    def block(b: Any) -> None:
        if isinstance(b, Heading):
            tag = "h2" if b.level == 1 else "h3"
            out.append(f"<{tag}>{html.escape((b.number + ' ') if b.number else '')}{html.escape(b.text)}</{tag}>")
        elif isinstance(b, Paragraph):
            runs = []
            for r in b.runs:
                t = html.escape(r.text).replace("\n", "<br>")
                if r.gap:
                    t = f"<span style='background:#ffd7d5;color:#82071e'>{t}</span>"
                if r.bold:
                    t = f"<b>{t}</b>"
                if r.italic:
                    t = f"<i>{t}</i>"
                runs.append(t)
            size = {"title": "font-size:20pt;font-weight:bold", "subtitle": "font-size:13pt;color:#444",
                    "note": "color:#555", "clause": "margin-left:14px"}.get(str(b.style), "")
            out.append(f"<p style='{size}'>{''.join(runs)}</p>")
        elif isinstance(b, Table):
            rows = []
            if b.show_header:
                rows.append("<tr>" + "".join(f"<th align='left' bgcolor='#e8eef5'>{html.escape(h)}</th>"
                                             for h in b.header) + "</tr>")
            for row in b.rows:
                rows.append("<tr>" + "".join(f"<td>{html.escape(str(v)).replace(chr(10), '<br>')}</td>"
                                             for v in row) + "</tr>")
            out.append(f"<table border='1' cellspacing='0' cellpadding='4' width='100%'>{''.join(rows)}</table>")
        elif isinstance(b, Toc):
            out.append(f"<p style='color:#555'><i>[{_tr('inhoudsopgave: Word vult de paginanummers in')}]</i></p>")
        elif isinstance(b, PageBreak):
            out.append("<hr>")

    for b in [*plan.cover, *plan.body]:
        block(b)
    return "".join(out)


class ReviewPage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Controle en voorbeeld"))
        self.setSubTitle(_tr("Links de tekst van het document zoals het wordt gemaakt, rechts alle fouten en "
                             "adviezen. Met een fout kunt u alleen een concept exporteren."))
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.preview = QTextBrowser(splitter)
        self.preview.setAccessibleName(_tr("Voorbeeld van het document"))
        self.findings = QTextBrowser(splitter)
        self.findings.setAccessibleName(_tr("Fouten en adviezen"))
        splitter.setSizes([600, 320])
        layout.addWidget(splitter, 1)

    def initializePage(self) -> None:
        w = self.wiz()
        self.found = checks.check_tender(w.tender, w.store)
        errors = checks.errors(self.found)
        head = (f"<p><b style='color:#b71c1c'>{_tr('%1 fout(en): alleen een concept is mogelijk.').replace('%1', str(len(errors)))}"
                f"</b></p>" if errors else f"<p><b style='color:#1b5e20'>{_tr('Geen fouten: klaar om te exporteren.')}"
                f"</b></p>")
        self.findings.setHtml(head + findings_html(self.found))
        try:
            plan = build_plan(w.tender, w.store, concept=bool(errors))
            self.preview.setHtml(plan_html(plan))
        except UserError as exc:
            self.preview.setHtml(f"<p style='color:#b71c1c'>{html.escape(i18n.error_text(exc))}</p>")


# ----------------------------------------------------------------------- 8 export
class ExportPage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Exporteren naar Word"))
        self.setSubTitle(_tr("Kies waar het document komt en eventueel de huisstijl van uw organisatie "
                             "(.docx of .dotx)."))
        form = QFormLayout(self)
        out_row, self.out_edit = path_row(self, _tr("Word-bestand"), _tr("Bladeren..."), self._browse_out)
        form.addRow(_tr("Document:"), out_row)
        tpl_row, self.template_edit = path_row(self, _tr("Huisstijlsjabloon"), _tr("Bladeren..."),
                                               self._browse_template)
        self.template_edit.setPlaceholderText(_tr("geen: standaardopmaak"))
        form.addRow(_tr("Huisstijl:"), tpl_row)
        self.concept = QCheckBox(_tr("Als concept (met 'CONCEPT' op elke pagina)"), self)
        form.addRow("", self.concept)
        self.export_button = QPushButton(_tr("&Exporteren"), self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        form.addRow("", self.export_button)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.result)
        after = QHBoxLayout()
        self.open_doc = QPushButton(_tr("Document &openen"), self)
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
        errors = checks.errors(checks.check_tender(w.tender, w.store))
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

    def export(self) -> Path | None:
        w = self.wiz()
        out = Path(self.out_edit.text()).expanduser()
        template = Path(self.template_edit.text()).expanduser() if self.template_edit.text().strip() else None
        self.exported = w.export_document(out, template, concept=self.concept.isChecked())
        if self.exported is not None:
            self.result.setText(_tr("Klaar: %1").replace("%1", str(self.exported)))
            self.result.setStyleSheet("color:#1b5e20")
        self._show_after(self.exported is not None)
        return self.exported

    def _open(self, path: Path | None) -> None:
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def slugify(title: str) -> str:
    """A file name from a title."""
    from criteria_library.text import fold

    words = re.findall(r"[a-z0-9]+", fold(title))
    return "-".join(words)[:60] or "aanbesteding"
