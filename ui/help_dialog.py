"""The Handleiding: pages for buyers, curators and trainers, in the interface language, searchable, and opened with
F1 at the topic of the window or wizard step the user is on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from criteria_library.infra.text import fold

from . import i18n
from .screen_fit import fit_to_screen

HELP_DIR = Path(__file__).with_name("help")
_HEADING = re.compile(r'<h([12]) id="([^"]+)">(.*?)</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpDialog", text)


@dataclass
class Topic:
    """One heading of the manual with the plain text of its section (for searching)."""

    anchor: str
    title: str
    level: int
    text: str


def manual_html(language: str) -> str:
    """The manual in a language (Dutch when there is none in that language)."""
    path = HELP_DIR / f"{language}.html"
    return (path if path.exists() else HELP_DIR / "nl.html").read_text(encoding="utf-8")


def topics(html_text: str) -> list[Topic]:
    """The manual's headings in order, each with its section's text."""
    found = list(_HEADING.finditer(html_text))
    result = []
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(html_text)
        body = _TAGS.sub(" ", html_text[match.end():end])
        title = _TAGS.sub("", match.group(3)).strip()
        result.append(Topic(match.group(2), title, int(match.group(1)), " ".join(f"{title} {body}".split())))
    return result


class HelpDialog(QDialog):
    """The manual beside a list of its topics; typing in the search field keeps the topics that mention it."""

    def __init__(self, topic: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HelpDialog")
        self.setWindowTitle(_tr("Handleiding"))
        self.html = manual_html(i18n.lang())
        self.topics = topics(self.html)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        label = QLabel(_tr("&Zoeken:"), self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_tr("bijvoorbeeld: weging, release, F11"))
        self.search.setAccessibleName(_tr("Zoeken in de handleiding"))
        self.search.setClearButtonEnabled(True)
        label.setBuddy(self.search)
        row.addWidget(label)
        row.addWidget(self.search, 1)
        layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.list = QListWidget(splitter)
        self.list.setAccessibleName(_tr("Onderwerpen"))
        self.browser = QTextBrowser(splitter)
        self.browser.setAccessibleName(_tr("Tekst van de handleiding"))
        self.browser.setHtml(self.html)
        splitter.setSizes([260, 640])
        layout.addWidget(splitter, 1)
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self.find_next)
        self.list.currentItemChanged.connect(self._show)
        self.filter("")
        fit_to_screen(self, 940, 640)
        if topic:
            self.show_topic(topic)

    def filter(self, text: str) -> None:
        """Keep the topics whose section mentions every typed word; show the first match."""
        words = fold(text).split()
        self.list.blockSignals(True)
        self.list.clear()
        for topic in self.topics:
            if all(w in fold(topic.text) for w in words):
                item = QListWidgetItem(("    " if topic.level == 2 else "") + topic.title, self.list)
                item.setData(Qt.ItemDataRole.UserRole, topic.anchor)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(0)
        if words:
            self.browser.moveCursor(self.browser.textCursor().MoveOperation.Start)
            self.find_next()

    def find_next(self) -> bool:
        """Select the next place where the searched words appear (from the top again at the end)."""
        text = self.search.text().strip()
        if not text:
            return False
        if self.browser.find(text):
            return True
        self.browser.moveCursor(self.browser.textCursor().MoveOperation.Start)  # wrap around
        return self.browser.find(text)

    def show_topic(self, anchor: str) -> None:
        """Scroll to a topic and select it in the list."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == anchor:
                self.list.setCurrentRow(row)
                return
        self.browser.scrollToAnchor(anchor)

    def current_topic(self) -> str:
        """The anchor of the selected topic."""
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def _show(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if item is not None:
            self.browser.scrollToAnchor(str(item.data(Qt.ItemDataRole.UserRole)))


def show_help(parent: QWidget | None, topic: str = "") -> HelpDialog:
    """Open the manual at a topic, without blocking the window it was opened from."""
    dialog = HelpDialog(topic, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
