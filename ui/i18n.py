"""Languages: Qt's translation system for the interface, the core's own labels for domain words.

Source strings in ui/ are Dutch (the default language); ui/translations/tender_assistant_en.ts holds the English
translations and is compiled to the .qm file loaded here (pyside6-lrelease; the .qm is checked in as well).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QAbstractSpinBox

from criteria_library.infra.errors import UserError

TRANSLATIONS_DIR = Path(__file__).with_name("translations")
_current = "nl"
_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's name, which update_ts looks for
    """Qt's marker with its real type (PySide6's stub says it returns object): marks text for the .ts under
    context and returns it unchanged; it is translated where it is shown."""
    return text


def lang() -> str:
    """The interface language in use: 'nl' or 'en'."""
    return _current


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"tender_assistant_{language}.qm"


def install(app: QCoreApplication, language: str) -> bool:
    """Load the interface language; Dutch needs no translator. Returns True when the language is active."""
    global _current
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language != "en":
        _current = "nl"
        _install_qt_base(app, "nl")
        return True
    translator = QTranslator(app)
    if not translator.load(str(qm_path("en"))):
        _current = "nl"
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    _install_qt_base(app, "en")
    _current = "en"
    return True


def number_field(spin: QAbstractSpinBox) -> None:
    """A number field (an amount in euros, a percentage) written as the documents and every other number on screen
    write them (infra.text: € 450.000, 5,0%), in the English interface too; before, '€ 900,000' stood beside
    'equal share (€ 450.000)'."""
    spin.setLocale(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))


def _install_qt_base(app: QCoreApplication, language: str) -> None:
    """Qt's own strings (buttons in standard dialogs) in the same language, when Qt ships them."""
    QLocale.setDefault(QLocale(QLocale.Language.Dutch if language == "nl" else QLocale.Language.English,
                               QLocale.Country.Netherlands if language == "nl" else QLocale.Country.UnitedKingdom))
    if language == "en":
        return
    base = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if base.load(f"qtbase_{language}", folder):
        app.installTranslator(base)
        _installed.append(base)
    # installed last, so asked first: the few strings Qt's own Dutch file lacks
    gaps = _QtBaseGaps(app)
    app.installTranslator(gaps)
    _installed.append(gaps)


class _QtBaseGaps(QTranslator):
    """Dutch for the strings of Qt's standard dialogs that qtbase_nl.qm does not translate (Qt 6 renamed them:
    the file dialog showed 'Look in:' and 'Files of type:' next to 'Bestandsnaam')."""

    _DUTCH = {
        ("QFileDialog", "&Look in:"): "&Zoeken in:",
        ("QFileDialog", "Files of &type:"): "Bestands&type:",
        ("QAbstractFileIconProvider", "Folder"): "Map",
        ("QAbstractFileIconProvider", "Drive"): "Station",
    }

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None, not "": Qt asks the next translator only for a null string
        return self._DUTCH.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def error_text(exc: UserError) -> str:
    """A user error's message in the interface language, with its place."""
    return exc.text(lang())


def label(obj: object) -> str:
    """The label of a Kind, Level or Status in the interface language."""
    return getattr(obj, "label_en" if _current == "en" else "label_nl")
