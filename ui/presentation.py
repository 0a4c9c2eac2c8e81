"""Presentation mode for a projector: large type, high contrast, thick focus and selection colours."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

PRESENTATION_POINT_SIZE = 17
PRESENTATION_STYLE = """
QWidget { color: #000000; }
QMainWindow, QDialog, QWizard, QWidget#central { background: #ffffff; }
QTableView, QListView, QTreeView, QTextBrowser, QPlainTextEdit, QTextEdit, QLineEdit, QComboBox, QSpinBox {
    background: #ffffff; color: #000000; border: 2px solid #000000;
    selection-background-color: #003d99; selection-color: #ffffff;
}
QHeaderView::section { background: #000000; color: #ffffff; font-weight: bold; padding: 4px; border: 0; }
QPushButton, QToolButton { border: 2px solid #000000; padding: 4px 10px; background: #f2f2f2; }
QPushButton:focus, QLineEdit:focus, QComboBox:focus, QTableView:focus, QListView:focus { border: 3px solid #d4006a; }
QLabel#banner { background: #ffd100; color: #000000; border: 2px solid #000000; }
QMenuBar, QMenu, QToolBar, QStatusBar { background: #ffffff; color: #000000; }
QMenu::item:selected, QMenuBar::item:selected { background: #003d99; color: #ffffff; }
"""

_normal_font: QFont | None = None


def apply(app: QApplication, on: bool) -> None:
    """Switch presentation mode on or off for the whole application."""
    global _normal_font
    if _normal_font is None:
        _normal_font = QFont(app.font())
    if on:
        font = QFont(_normal_font)
        font.setPointSize(PRESENTATION_POINT_SIZE)
        app.setFont(font)
        app.setStyleSheet(PRESENTATION_STYLE)
    else:
        app.setFont(_normal_font)
        app.setStyleSheet("")
