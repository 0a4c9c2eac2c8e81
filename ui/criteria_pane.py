"""The middle of the main window: the search field, the kind, level and status filters, the criteria table (with
its column menu) and the count under it. The window connects what they do; this pane only lays them out."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from criteria_library.models import Kind, Level, Status

from . import i18n, presentation
from .criteria_table_model import CriteriaTableModel

TITLE_SHARE_OTHERS = 0.55  # at most this share of the table's width goes to the columns beside the title
TITLE_SHARE_OTHERS_PRESENTING = 0.65  # large type: kind, level and status must stay readable, the title wraps less
HIDDEN_COLUMNS = (4, 6)  # R-strategy and version: in the details pane; the header's menu shows them


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the window's context: one place in the .ts


class CriteriaPane(QWidget):
    """Search, filters and the criteria table; `filters_changed` when a filter is chosen."""

    filters_changed = Signal()

    def __init__(self, criteria_model: CriteriaTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criteria_model = criteria_model
        mid = QVBoxLayout(self)
        mid.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(_tr("Zoeken in criteria (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(_tr("Zoeken in criteria"))
        bar.addWidget(self.search_edit, 3)
        self.kind_combo = self._combo(_tr("Alle soorten"), [(k.value, i18n.label(k)) for k in Kind],
                                      _tr("Filter op soort"))
        self.level_combo = self._combo(_tr("Alle niveaus"), [(int(lv), f"{int(lv)} {i18n.label(lv)}") for lv in Level],
                                       _tr("Filter op ambitieniveau"))
        self.status_combo = self._combo(_tr("Alle statussen"), [(s.value, i18n.label(s)) for s in Status],
                                        _tr("Filter op status"))
        for combo in (self.kind_combo, self.level_combo, self.status_combo):
            # the filters give way to the search field when the type is large (presentation mode, 1280x720)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            bar.addWidget(combo, 1)
        mid.addLayout(bar)
        self.table = QTableView(self)
        self.table.setModel(criteria_model)
        self.table.setAccessibleName(_tr("Criteria"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # the store's order (package, kind, id) until a header is clicked
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column in HIDDEN_COLUMNS:
            self.table.setColumnHidden(column, True)
        self.size_columns()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        mid.addWidget(self.table, 1)
        self.count_label = QLabel(self)
        mid.addWidget(self.count_label)
        QWidget.setTabOrder(self.search_edit, self.kind_combo)
        QWidget.setTabOrder(self.kind_combo, self.level_combo)
        QWidget.setTabOrder(self.level_combo, self.status_combo)
        QWidget.setTabOrder(self.status_combo, self.table)

    def content_widths(self) -> dict[int, int]:
        """Each column's width for its longest value in the current font (the title column not included)."""
        fm = self.table.fontMetrics()
        longest_kind = max((i18n.label(k) for k in Kind), key=fm.horizontalAdvance)
        longest_level = max((f"{int(lv)} {i18n.label(lv)}" for lv in Level), key=fm.horizontalAdvance)
        longest_status = max((i18n.label(s) for s in Status), key=fm.horizontalAdvance)
        samples = {0: "MEU-G-077", 2: longest_kind, 3: longest_level, 4: "R6 Herfabriceren", 5: longest_status,
                   6: _tr("Versie")}
        bold = QFont(self.table.horizontalHeader().font())
        bold.setBold(True)
        header_fm = QFontMetrics(bold)
        widths = {}
        for column, text in samples.items():
            name = str(self.criteria_model.headerData(column, Qt.Orientation.Horizontal))
            widths[column] = max(fm.horizontalAdvance(text) + 24, header_fm.horizontalAdvance(name) + 28)
        return widths

    def needed_width(self, title_chars: int = 30) -> int:
        """The table's width with every shown column at its content and room for title_chars of the title."""
        widths = self.content_widths()
        shown = sum(w for c, w in widths.items() if not self.table.isColumnHidden(c))
        title = self.table.fontMetrics().horizontalAdvance("x" * title_chars)
        return shown + title + self.table.verticalScrollBar().sizeHint().width() + 2 * self.table.frameWidth() + 4

    def size_columns(self) -> None:
        """Column widths from the current font, so presentation mode's large type still fits; when the table is
        too narrow for them in presentation mode (large type on a 1280x720 projector) the other columns give way
        so the titles stay readable."""
        fm = self.table.fontMetrics()
        self.search_edit.setMinimumWidth(fm.horizontalAdvance(_tr("Zoeken in criteria")) + 40)
        widths = self.content_widths()
        shown = [c for c in widths if not self.table.isColumnHidden(c)]
        share = TITLE_SHARE_OTHERS_PRESENTING if presentation.active() else TITLE_SHARE_OTHERS
        room = int(self.table.viewport().width() * share)
        needed = sum(widths[c] for c in shown if c != 0)
        if presentation.active() and needed and room > 0 and widths[0] + needed > room:
            factor = max(0.4, (room - widths[0]) / needed)
            bold = QFont(self.table.horizontalHeader().font())
            bold.setBold(True)
            header_fm = QFontMetrics(bold)
            for c in shown:
                if c != 0:  # values may end in '...' (their tooltip has them whole), the column's name may not
                    name = str(self.criteria_model.headerData(c, Qt.Orientation.Horizontal))
                    widths[c] = max(header_fm.horizontalAdvance(name) + 28, int(widths[c] * factor))
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)

    def _column_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for column in range(1, self.criteria_model.columnCount()):
            name = self.criteria_model.headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(str(name))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self.table.setColumnHidden(c, not on))
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def _combo(self, all_text: str, items: list[tuple[Any, str]], name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(all_text, None)
        for value, text in items:
            combo.addItem(text, value)
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        return combo
