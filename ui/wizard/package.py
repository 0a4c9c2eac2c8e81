"""Pages 2 and 3: the matching package and the ambition level."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
)

from criteria_library.models import Level, Status
from tender_assistant import matching

from .. import i18n
from ..i18n import QT_TRANSLATE_NOOP
from .base import TenderPage, _tr


# --------------------------------------------------------------------- 2 package
class PackagePage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Inkooppakket"))
        self.setSubTitle(_tr("De best passende pakketten staan bovenaan, met de woorden en CPV-codes waarop ze "
                             "gevonden zijn. Kies er een, of kies zelf uit alle pakketten."))
        layout = QVBoxLayout(self.content)
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
        layout = QVBoxLayout(self.content)
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


