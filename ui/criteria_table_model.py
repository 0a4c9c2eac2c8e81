"""Qt models over the store: the package list with counts and the criteria table.

The table holds only criterion ids; rows are fetched from the store in pages when a view asks for them, so a
library of 20,000 criteria costs one id query, not 20,000 objects. Filtering and search are new queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from criteria_library.models import Criterion, Kind, Status, r_strategy_label
from criteria_library.store import LibraryStore

from . import i18n

PAGE = 200
ALL_PACKAGES = ""
IdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("CriteriaTableModel", text)


class PackageListModel(QAbstractListModel):
    """'All packages' followed by every package with its number of criteria."""

    def __init__(self, store: LibraryStore, parent: Any = None, *, counts: bool = True) -> None:
        super().__init__(parent)
        self.store = store
        self._rows: list[tuple[str, str, int | None]] = []  # slug, name, count (None: not counted yet)
        self.reload(counts=counts)

    def reload(self, counts: bool = True) -> None:
        """Read the packages; counts=False leaves the counts for load_counts (a scan of every criterion)."""
        self.beginResetModel()
        numbers = self.store.package_counts() if counts else {}
        packages = self.store.packages()
        lang = i18n.lang()
        rows: list[tuple[str, str, int | None]] = [(p.slug, p.name(lang), numbers.get(p.slug, 0) if counts else None)
                                                   for p in packages]
        if lang == "en":
            rows.sort(key=lambda r: r[1].casefold())
        total = sum(numbers.values()) if counts else None
        self._rows = [(ALL_PACKAGES, _tr("Alle inkooppakketten"), total), *rows]
        self.endResetModel()

    def load_counts(self) -> None:
        """Fill in the number of criteria per package (after the window has first been shown)."""
        numbers = self.store.package_counts()
        self._rows = [(slug, name, sum(numbers.values()) if slug == ALL_PACKAGES else numbers.get(slug, 0))
                      for slug, name, _ in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def counted(self) -> bool:
        return all(count is not None for _, _, count in self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        slug, name, count = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return name if count is None else f"{name} ({count})"
        if role == Qt.ItemDataRole.ToolTipRole:
            if count is None:
                return name
            return _tr("%1: %2 criteria (zonder ingetrokken)").replace("%1", name).replace("%2", str(count))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return name if count is None else f"{name}, {count} criteria"
        if role == IdRole:
            return slug
        if role == Qt.ItemDataRole.FontRole and slug == ALL_PACKAGES:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def slug_at(self, row: int) -> str:
        return self._rows[row][0] if 0 <= row < len(self._rows) else ALL_PACKAGES

    def row_of(self, slug: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r[0] == slug), 0)


class CriteriaTableModel(QAbstractTableModel):
    """Criteria as rows (id, title, kind, level, R-strategy, status, version), fetched from the store on demand."""

    COLUMNS = ("id", "title", "kind", "level", "r_strategy", "status", "version")

    def __init__(self, store: LibraryStore, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self._ids: list[str] = []
        self._cache: dict[str, Criterion] = {}
        self._scores: dict[str, float] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --------------------------------------------------------------- content
    def set_ids(self, ids: Sequence[str], known: dict[str, Criterion] | None = None) -> None:
        """Show these criteria, in this order (a new query's result); known criteria skip the fetch."""
        self.beginResetModel()
        self._ids = list(ids)
        self._cache = dict(known or {})
        self.endResetModel()
        if self._sort is not None:
            self.sort(*self._sort)

    def refresh(self, cid: str | None = None) -> None:
        """Forget cached rows (one, or all) so the view shows what the store holds now."""
        if cid is None:
            self._cache.clear()
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.COLUMNS) - 1))
            return
        self._cache.pop(cid, None)
        row = self.row_of(cid)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def ids(self) -> list[str]:
        return list(self._ids)

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, cid: str) -> int:
        try:
            return self._ids.index(cid)
        except ValueError:
            return -1

    def criterion_at(self, row: int) -> Criterion | None:
        cid = self.id_at(row)
        if cid is None:
            return None
        found = self._cache.get(cid)
        if found is None:
            start = max(0, row - PAGE // 4)
            page = [i for i in self._ids[start : start + PAGE] if i not in self._cache]
            self._cache.update(self.store.criteria_by_ids(page))
            found = self._cache.get(cid)
        return found

    # ------------------------------------------------------------ Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return {
                "id": _tr("Code"), "title": _tr("Titel"), "kind": _tr("Soort"), "level": _tr("Niveau"),
                "r_strategy": _tr("R-strategie"), "status": _tr("Status"), "version": _tr("Versie"),
            }[self.COLUMNS[section]]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        column = self.COLUMNS[index.column()] if 0 <= index.column() < len(self.COLUMNS) else None
        if column is None:
            return None
        if role == IdRole:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                        SortRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        c = self.criterion_at(index.row())
        if c is None:
            return None
        pending = self.store.draft_statuses().get(c.id) if column == "status" else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if pending == Status.IN_REVIEW:
                return QBrush(QColor("#8a4b00"))  # what waits for a reviewer stands out
            return QBrush(QColor("#767676")) if c.status == Status.RETIRED else None
        if role == SortRole:
            return sort_key(c, column)
        if pending is not None:
            return pending_status_text(c.status, pending)
        return display_value(c, column, tooltip=role == Qt.ItemDataRole.ToolTipRole)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column; needs every row once (fetched in chunks), which only a click on a header asks for."""
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sort = (column, order)
        missing = [i for i in self._ids if i not in self._cache]
        if missing:
            self._cache.update(self.store.criteria_by_ids(missing))
        name = self.COLUMNS[column]
        self.layoutAboutToBeChanged.emit()
        old_ids = list(self._ids)
        persistent = self.persistentIndexList()
        self._ids.sort(key=lambda cid: sort_key(self._cache[cid], name) if cid in self._cache else "",
                       reverse=order == Qt.SortOrder.DescendingOrder)
        new = {cid: row for row, cid in enumerate(self._ids)}
        for idx in persistent:
            cid = old_ids[idx.row()] if idx.row() < len(old_ids) else None
            if cid is not None:
                self.changePersistentIndex(idx, self.index(new[cid], idx.column()))
        self.layoutChanged.emit()

    def clear_sort(self) -> None:
        self._sort = None


def sort_key(c: Criterion, column: str) -> Any:
    if column == "kind":
        return list(Kind).index(c.kind), c.id
    if column == "status":
        return list(Status).index(c.status), c.id
    if column in ("level", "version"):
        return getattr(c, column), c.id
    if column == "r_strategy":
        return int(c.r_strategy[1:]) if c.r_strategy[1:].isdigit() else 99, c.id
    return str(getattr(c, column)).casefold()


def pending_status_text(status: Status, pending: Status) -> str:
    """The status of a criterion with a pending new version, e.g. 'Gepubliceerd, nieuwe versie: In review'."""
    return _tr("%1, nieuwe versie: %2").replace("%1", i18n.label(status)).replace("%2", i18n.label(pending))


def display_value(c: Criterion, column: str, tooltip: bool = False) -> str:
    if column == "kind":
        return i18n.label(c.kind)
    if column == "level":
        return f"{c.level} {i18n.label(c.level)}"
    if column == "status":
        return i18n.label(c.status)
    if column == "r_strategy":
        return r_strategy_label(c.r_strategy, i18n.lang())
    if column == "title" and tooltip:
        return c.title
    return str(getattr(c, column))
