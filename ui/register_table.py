"""The Monitoring window's register table: each contract of the register, and whether it counts under the rule."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from tender_assistant.monitoring.records import EQUAL_SHARE, ContractRecord
from tender_assistant.monitoring.report import euro, pct
from tender_assistant.monitoring.rule import evaluate, in_scope

from .i18n import QT_TRANSLATE_NOOP


def _tr(text: str) -> str:
    return QCoreApplication.translate("Monitoring", text)


SOURCE_LABELS = {"app": QT_TRANSLATE_NOOP("Monitoring", "app"), "import": QT_TRANSLATE_NOOP("Monitoring", "import"),
                 "handmatig": QT_TRANSLATE_NOOP("Monitoring", "handmatig"),
                 "aankondiging": QT_TRANSLATE_NOOP("Monitoring", "aankondiging")}


class RecordTableModel(QAbstractTableModel):
    """The register's records, with whether each counts under the rule."""

    HEADERS = (
        QT_TRANSLATE_NOOP("Monitoring", "Organisatie"), QT_TRANSLATE_NOOP("Monitoring", "Titel"),
        QT_TRANSLATE_NOOP("Monitoring", "Perceel"),
        QT_TRANSLATE_NOOP("Monitoring", "Pakket"), QT_TRANSLATE_NOOP("Monitoring", "Gunningsdatum"),
        QT_TRANSLATE_NOOP("Monitoring", "Waarde (€)"), QT_TRANSLATE_NOOP("Monitoring", "Aandeel"),
        QT_TRANSLATE_NOOP("Monitoring", "Fysiek"),
        QT_TRANSLATE_NOOP("Monitoring", "Circulair"), QT_TRANSLATE_NOOP("Monitoring", "Niveau"),
        QT_TRANSLATE_NOOP("Monitoring", "Bron"),
    )
    TITLE, LOT, PACKAGE, VALUE, SHARE, CIRCULAR = 1, 2, 3, 5, 6, 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records: list[ContractRecord] = []
        self.counts: list[tuple[bool, int | None]] = []
        self.scope: list[bool] = []
        self.package_names: dict[str, str] = {}

    def set_records(self, records: list[ContractRecord], rule: Any, package_names: dict[str, str] | None = None) -> None:
        """Show these records under the rule; package_names (slug: name) names the Pakket column."""
        self.beginResetModel()
        self.package_names = package_names or {}
        self.records = records
        self.counts = [(v.counts, v.level) for v in (evaluate(r, rule) for r in records)]
        self.scope = [in_scope(r, rule) for r in records]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.records[index.row()]
        counts, level = self.counts[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (r.organisation, r.title, r.lot_id, self.package_names.get(r.package, r.package), r.award_date.isoformat() if r.award_date else "",
                      euro(r.value_eur), _share(r), _tr("ja") if r.physical else _tr("nee"),
                      ((_tr("ja") if counts else _tr("verklaard") if r.declared_circular else _tr("nee"))
                       + (" *" if r.override is not None else ""))
                      if self.scope[index.row()] else _tr("buiten telling"),
                      str(level or ""), _tr(SOURCE_LABELS.get(r.source, r.source)))
            return values[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.VALUE, self.SHARE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.CIRCULAR:
            from PySide6.QtGui import QColor

            return QColor("#777" if not self.scope[index.row()] else "#1b5e20" if counts else "#8a5a00")
        if role == Qt.ItemDataRole.ToolTipRole and col == self.SHARE and r.share is not None:
            return (_tr("Gelijk deel: voor deze deelnemer is geen aandeel opgegeven") if r.share_basis == EQUAL_SHARE
                    else _tr("Aandeel zoals opgegeven (de volumetabel van de aanbesteding)"))
        if role == Qt.ItemDataRole.ToolTipRole and col == self.PACKAGE and r.package:
            return self.package_names.get(r.package, r.package)  # the column may be narrower than the name
        if role == Qt.ItemDataRole.ToolTipRole and col == self.TITLE and r.notice_id:
            return (_tr("Aankondiging %1, perceel %2; winnaar: %3").replace("%1", r.notice_id)
                    .replace("%2", r.lot_id or "-").replace("%3", r.winner or "-"))
        if role == Qt.ItemDataRole.ToolTipRole and col == self.CIRCULAR and r.declared_circular and not counts:
            return _tr("Circulair verklaard in de aankondiging (eForms BT-774), niet met criteria geverifieerd")
        if role == Qt.ItemDataRole.ToolTipRole and col == self.CIRCULAR and r.override is not None:
            return _tr("Oordeel van de organisatie: %1").replace("%1", r.override_reason)
        return None


def _share(r: ContractRecord) -> str:
    """This organisation's part of a joint contract ('29,2%', 'gelijk deel 20,0%'); empty when not joint."""
    if r.share is None:
        return ""
    return _tr("gelijk deel %1").replace("%1", pct(r.share)) if r.share_basis == EQUAL_SHARE else pct(r.share)
