"""The trainer's scenario cards: title, short text and an "Openen" button per card (Demo > Scenario's)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tender_assistant.scenarios import SCENARIOS, Scenario

from . import i18n
from .screen_fit import fit_to_screen


def _tr(text: str) -> str:
    return QCoreApplication.translate("ScenarioDialog", text)


class ScenarioDialog(QDialog):
    """Lists the scenario cards; pressing a card's "Openen" sets `chosen` to its key and closes the dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Scenario's voor trainers"))
        self.chosen: str | None = None
        self.open_buttons: dict[str, QPushButton] = {}
        intro = QLabel(_tr("Elke kaart opent een voorbereide aanbesteding uit de demo-omgeving op de juiste pagina. "
                           "Wat een cursist verandert, zet 'Demo terugzetten' weer terug."), self)
        intro.setWordWrap(True)
        cards = QWidget(self)
        column = QVBoxLayout(cards)
        lang = i18n.lang()
        for s in SCENARIOS:
            column.addWidget(self._card(s, lang, cards))
        column.addStretch(1)
        scroll = QScrollArea(self)  # long cards still fit a 1280x720 projector
        scroll.setWidgetResizable(True)
        scroll.setWidget(cards)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 660, 600)  # larger in presentation mode, never past the screen

    def _card(self, s: Scenario, lang: str, parent: QWidget) -> QFrame:
        card = QFrame(parent)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(card)
        title = QLabel(f"<b>{s.title_in(lang)}</b>", card)
        text = QLabel(s.text_in(lang), card)
        text.setWordWrap(True)
        button = QPushButton(_tr("Openen"), card)
        button.setAccessibleName(f"{_tr('Openen')}: {s.title_in(lang)}")
        button.clicked.connect(lambda _c=False, key=s.key: self.choose(key))
        self.open_buttons[s.key] = button
        box.addWidget(title)
        box.addWidget(text)
        box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        return card

    def choose(self, key: str) -> None:
        """Pick a card and close the dialog."""
        self.chosen = key
        self.accept()
