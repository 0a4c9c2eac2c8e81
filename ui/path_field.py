"""A file path field: a line edit with a browse button beside it, as used in export dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget


def path_row(parent: QWidget, accessible_name: str, browse_text: str,
             on_browse: Callable[[], None]) -> tuple[QHBoxLayout, QLineEdit]:
    """A row with a stretching path edit and a browse button; returns the row and the edit."""
    row = QHBoxLayout()
    edit = QLineEdit(parent)
    edit.setAccessibleName(accessible_name)
    browse = QPushButton(browse_text, parent)
    browse.clicked.connect(on_browse)
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return row, edit
