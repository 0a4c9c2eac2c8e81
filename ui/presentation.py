"""Presentation mode for a projector: large type, high contrast, thick focus and selection colours."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView, QListView, QSplitter, QTreeView

PRESENTATION_POINT_SIZE = 17
INDICATOR_PX = 22  # check boxes as large as the type; Qt keeps them at 13 px otherwise
PRESENTATION_STYLE = """
QWidget { color: #000000; font-size: %dpt; }
QMainWindow, QDialog, QWizard, QWidget#central { background: #ffffff; }
QTableView, QListView, QTreeView, QTextBrowser, QPlainTextEdit, QTextEdit, QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox {
    background: #ffffff; color: #000000; border: 2px solid #000000;
    selection-background-color: #003d99; selection-color: #ffffff;
}
QHeaderView::section { background: #000000; color: #ffffff; font-weight: bold; padding: 4px; border: 0; }
QPushButton, QToolButton { border: 2px solid #000000; padding: 4px 10px; background: #f2f2f2; }
QPushButton:focus, QLineEdit:focus, QComboBox:focus, QTableView:focus, QListView:focus, QTreeView:focus,
QPlainTextEdit:focus, QTextEdit:focus, QSpinBox:focus, QDoubleSpinBox:focus { border: 3px solid #d4006a; }
QLabel#banner { background: #ffd100; color: #000000; border: 2px solid #000000; }
QMenuBar, QMenu, QToolBar, QStatusBar { background: #ffffff; color: #000000; }
QWidget:disabled { color: #6e6e6e; }
QLineEdit:disabled, QComboBox:disabled, QSpinBox:disabled, QDoubleSpinBox:disabled, QPushButton:disabled {
    background: #e4e4e4; border-color: #9a9a9a;
}
QCheckBox::indicator, QRadioButton::indicator { width: %dpx; height: %dpx; }
QMenu::item:selected, QMenuBar::item:selected { background: #003d99; color: #ffffff; }
"""

_normal_font: QFont | None = None
_active = False


class _FileDialogFitter(QObject):
    """Fits every file dialog to the screen as it opens: Qt's own dialog stays 690x451 with the large type, its
    columns cut to 'Groc' and 'Datum g' (they are opened by static functions in many places: one filter for all)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and isinstance(watched, QFileDialog):
            fit_file_dialog(watched)
        return False


def fit_file_dialog(dialog: QFileDialog) -> None:
    """Grow a file dialog with the type (within the screen) and let its columns take their contents' width."""
    from .screen_fit import fit_to_screen

    fit_to_screen(dialog, 760, 480)
    sidebar = dialog.findChild(QListView, "sidebar")  # the places ('Computer', the home folder): read 'C...'
    splitter = dialog.findChild(QSplitter, "splitter")
    if sidebar is not None and splitter is not None and splitter.count() == 2:
        model = sidebar.model()
        names = [str(model.data(model.index(row, 0)) or "") for row in range(model.rowCount())] if model else []
        need = max((sidebar.fontMetrics().horizontalAdvance(n) for n in names), default=0) + 60
        total = sum(splitter.sizes())
        splitter.setSizes([min(need, total // 3), total - min(need, total // 3)])
    for view in dialog.findChildren(QTreeView):
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


_fitter: _FileDialogFitter | None = None


def active() -> bool:
    """Whether presentation mode is on."""
    return _active


def scale() -> float:
    """How much larger than normal the type is now (1.0 outside presentation mode)."""
    if not _active or _normal_font is None:
        return 1.0
    normal = _normal_font.pointSizeF() if _normal_font.pointSizeF() > 0 else 9.0
    return max(1.0, PRESENTATION_POINT_SIZE / normal)


def high_contrast_palette() -> QPalette:
    """Black on white with a dark blue selection: readable on a washed-out projector, also where no style sheet
    rule reaches (tooltips, disabled text, links)."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#ffffff", QPalette.ColorRole.WindowText: "#000000",
        QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#eeeeee",
        QPalette.ColorRole.Text: "#000000", QPalette.ColorRole.Button: "#f2f2f2",
        QPalette.ColorRole.ButtonText: "#000000", QPalette.ColorRole.Highlight: "#003d99",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#ffffe0",
        QPalette.ColorRole.ToolTipText: "#000000", QPalette.ColorRole.Link: "#0000cc",
        QPalette.ColorRole.PlaceholderText: "#444444",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#555555"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#555555"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#555555"))
    return palette


def apply(app: QApplication, on: bool) -> None:
    """Switch presentation mode on or off for the whole application."""
    global _normal_font, _active, _fitter
    _active = on
    if _normal_font is None:
        _normal_font = QFont(app.font())
    if on:
        font = QFont(_normal_font)
        font.setPointSize(PRESENTATION_POINT_SIZE)
        app.setFont(font)
        # the size also goes in the style sheet: widgets polished before the switch (item views, list entries)
        # keep their resolved font otherwise, and the first F11 would enlarge only the toolbar
        app.setStyleSheet(PRESENTATION_STYLE % (PRESENTATION_POINT_SIZE, INDICATOR_PX, INDICATOR_PX))
        app.setPalette(high_contrast_palette())
        if _fitter is None:
            _fitter = _FileDialogFitter(app)
            app.installEventFilter(_fitter)
    else:
        app.setFont(_normal_font)
        app.setStyleSheet("")
        app.setPalette(app.style().standardPalette())
        _remove_fitter(app)


def _remove_fitter(app: QApplication) -> None:
    """Outside presentation mode file dialogs keep their own size (and show events skip the filter)."""
    global _fitter
    if _fitter is not None:
        app.removeEventFilter(_fitter)
        _fitter.deleteLater()
        _fitter = None
