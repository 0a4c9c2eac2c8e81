"""Bestand > Recente aanbestedingen: the tenders opened last (in the demo its example tenders first), filled each
time the menu opens so a file removed meanwhile is not offered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

from .settings import AppSettings


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the window's context: one place in the .ts


def fill_recent_menu(menu: QMenu, settings: AppSettings, demo_workspace: Path | None,
                     open_tender: Callable[[Path], Any]) -> None:
    """Put the recent tenders in menu, each opening with open_tender(path), and 'Lijst wissen' under them."""
    menu.clear()
    files = [p for p in settings.recent_files() if p.exists()]
    if demo_workspace is not None:  # the demo's own settings: its examples first, then what was opened
        from tender_assistant.demo import demo_tenders

        examples = demo_tenders(demo_workspace)
        files = examples + [f for f in files if f not in examples]
    if not files:
        empty = menu.addAction(_tr("(geen recente aanbestedingen)"))
        empty.setEnabled(False)
        return
    names = [p.name for p in files]
    for i, path in enumerate(files, start=1):
        # two files of the same name (every tender folder has its 'stoelen.tender.json') tell apart by their folder
        shown = f"{path.name}  ({path.parent.name or path.parent})" if names.count(path.name) > 1 else path.name
        action = menu.addAction(f"&{i} {shown.replace('&', '&&')}")
        action.setToolTip(str(path))
        action.triggered.connect(lambda _c=False, p=path: open_tender(p))
    menu.addSeparator()
    menu.addAction(_tr("Lijst wissen"), settings.clear_recent_files)
