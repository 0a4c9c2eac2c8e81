"""The main window's action table: every action, menu and toolbar entry as data, apart from what they do.

The window (`ui/main_window.py`) holds the behaviour: each spec names the window method (or attribute path) it
calls. Texts are marked with QT_TRANSLATE_NOOP in the window's translation context, so the .ts keeps one context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar

from criteria_library.models import Status

from .i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from .main_window import MainWindow

CONTEXT = "MainWindow"
P = QStyle.StandardPixmap
K = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    """One action: the window attribute it becomes, its text, and the window method it calls."""

    name: str
    text: str
    slot: str
    shortcut: str | QKeySequence.StandardKey | None = None
    tip: str = ""
    icon: QStyle.StandardPixmap | None = None
    checkable: bool = False
    icon_text: str = ""
    arg: Any = None


def _tr(text: str) -> str:
    """Mark a text for translation in the window's context; translated when the action is made."""
    return QT_TRANSLATE_NOOP("MainWindow", text)


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("act_new_tender", _tr("&Nieuwe aanbesteding..."), "new_tender", K.New,
               _tr("Een nieuwe aanbesteding opstellen met de wizard"), P.SP_FileIcon, icon_text=_tr("Nieuw")),
    ActionSpec("act_open_tender", _tr("Aanbesteding &openen..."), "open_tender_dialog", K.Open,
               _tr("Een opgeslagen aanbesteding (.tender.json) openen"), P.SP_DialogOpenButton,
               icon_text=_tr("Openen")),
    ActionSpec("act_save_tender", _tr("Aanbesteding op&slaan"), "save_tender", K.Save,
               _tr("De geopende aanbesteding opslaan"), P.SP_DialogSaveButton, icon_text=_tr("Opslaan")),
    ActionSpec("act_import", _tr("Bibliotheekpakket &importeren..."), "import_pack", "Ctrl+I",
               _tr("Criteria uit een .json- of .xlsx-pakket importeren (eerst proefimport)"), P.SP_ArrowDown,
               icon_text=_tr("Importeren")),
    ActionSpec("act_export", _tr("Bibliotheek &exporteren..."), "export_pack", "Ctrl+E",
               _tr("De bibliotheek of een inkooppakket exporteren naar .json of .xlsx"), P.SP_ArrowUp,
               icon_text=_tr("Exporteren")),
    ActionSpec("act_update", _tr("Bibliotheek &bijwerken uit release..."), "update_library", "Ctrl+U",
               _tr("Een ondertekende release van een vertrouwde uitgever bekijken en overnemen")),
    ActionSpec("act_publishers", _tr("Uitge&vers en sleutels..."), "show_publishers", None,
               _tr("Vertrouwde uitgevers met hun vingerafdruk; sleutelpaar maken, release publiceren")),
    ActionSpec("act_conflicts", _tr("Con&flicten uit releases..."), "show_conflicts", None,
               _tr("Criteria die hier én door de uitgever zijn gewijzigd: vergelijken en kiezen")),
    ActionSpec("act_drift", _tr("&Verouderde criteria in aanbestedingen..."), "show_drift", None,
               _tr("Welke aanbestedingen gebruiken een criterium met een nieuwere versie of dat is ingetrokken")),
    ActionSpec("act_check", _tr("Bibliotheek &controleren"), "check_library", "Ctrl+Shift+K",
               _tr("Database, zoekindex en alle criteria controleren")),
    ActionSpec("act_reindex", _tr("&Zoekindex opnieuw opbouwen"), "rebuild_search_index", "Ctrl+Shift+F5",
               _tr("De zoekindex opnieuw opbouwen als zoeken vreemde resultaten geeft")),
    ActionSpec("act_restore", _tr("Reservekopie &terugzetten..."), "restore_backup", None,
               _tr("Een reservekopie (.db) terugzetten als bibliotheek; de huidige wordt eerst bewaard")),
    ActionSpec("act_monitoring", _tr("&Monitoring..."), "open_monitoring", "Ctrl+Shift+M",
               _tr("Register van contracten en de monitoring: telt de organisatie circulair in?")),
    ActionSpec("act_settings", _tr("&Instellingen..."), "open_settings", "Ctrl+,",
               _tr("Taal en naam voor de geschiedenis instellen")),
    ActionSpec("act_quit", _tr("&Afsluiten"), "close", "Ctrl+Q"),
    ActionSpec("act_new_criterion", _tr("&Nieuw criterium..."), "new_criterion", "Ctrl+Shift+N",
               _tr("Een nieuw criterium toevoegen aan het gekozen pakket"), P.SP_FileDialogNewFolder,
               icon_text=_tr("Criterium")),
    ActionSpec("act_edit", _tr("Criterium &bewerken..."), "edit_criterion", "F2",
               _tr("Het gekozen criterium bewerken"), P.SP_FileDialogContentsView, icon_text=_tr("Bewerken")),
    ActionSpec("act_duplicate", _tr("&Dupliceren"), "duplicate_criterion", "Ctrl+D",
               _tr("Een kopie van het gekozen criterium maken (als concept)")),
    ActionSpec("act_history", _tr("&Geschiedenis..."), "show_history", "Ctrl+H",
               _tr("Eerdere versies bekijken en terugzetten"), P.SP_FileDialogInfoView,
               icon_text=_tr("Geschiedenis")),
    ActionSpec("act_status_review", _tr("Ter &review aanbieden"), "set_status", "Ctrl+Shift+R",
               arg=Status.IN_REVIEW),
    ActionSpec("act_status_publish", _tr("&Publiceren"), "set_status", "Ctrl+Shift+P", arg=Status.PUBLISHED),
    ActionSpec("act_status_concept", _tr("Terug naar &concept"), "set_status", "Ctrl+Shift+C", arg=Status.CONCEPT),
    ActionSpec("act_status_retire", _tr("&Intrekken"), "set_status", "Ctrl+Shift+Del", arg=Status.RETIRED),
    ActionSpec("act_find", _tr("&Zoeken"), "focus_search", K.Find, _tr("Naar het zoekveld")),
    ActionSpec("act_refresh", _tr("&Vernieuwen"), "reload", K.Refresh,
               _tr("De lijst opnieuw uit de bibliotheek lezen"), P.SP_BrowserReload),
    ActionSpec("act_presentation", _tr("&Presentatiemodus"), "set_presentation_mode", "F11",
               _tr("Grote letters en hoog contrast voor de beamer"), checkable=True),
    ActionSpec("act_focus_packages", _tr("Naar de pakketten"), "package_view.setFocus", "Ctrl+1"),
    ActionSpec("act_focus_table", _tr("Naar de criteria"), "table.setFocus", "Ctrl+2"),
    ActionSpec("act_focus_details", _tr("Naar de details"), "details.setFocus", "Ctrl+3"),
    ActionSpec("act_demo", _tr("Demo-omgeving &openen"), "open_demo", "Ctrl+Shift+D",
               _tr("Een eigen kopie van de bibliotheek openen om te demonstreren")),
    ActionSpec("act_demo_reset", _tr("Demo &terugzetten"), "reset_demo", None,
               _tr("De demo-omgeving terugzetten naar de beginstand")),
    ActionSpec("act_demo_close", _tr("Demo &sluiten, terug naar mijn bibliotheek"), "close_demo", None,
               _tr("De demo-omgeving sluiten en uw eigen bibliotheek weer openen, zonder de app te sluiten")),
    ActionSpec("act_scenarios", _tr("&Scenario's voor trainers..."), "show_scenarios", None,
               _tr("Een voorbereide aanbesteding of oefening uit de demo openen op de juiste pagina")),
    ActionSpec("act_help", _tr("&Handleiding"), "show_help", K.HelpContents),
    ActionSpec("act_shortcuts", _tr("&Sneltoetsen"), "show_shortcuts", "Ctrl+/"),
    ActionSpec("act_about", _tr("&Over Tender Assistant"), "show_about"),
)

# The status submenu's actions, by the status they set (the window enables them by the workflow).
STATUS_ACTIONS: dict[Status, str] = {spec.arg: spec.name for spec in ACTIONS if spec.slot == "set_status"}

SEPARATOR = "-"
RECENT = "@recent"
STATUS_MENU = "@status"

# Menu title -> entries: an action name, SEPARATOR, RECENT (recent tenders) or STATUS_MENU.
MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (_tr("&Bestand"), ("act_new_tender", "act_open_tender", RECENT, "act_save_tender", SEPARATOR, "act_import",
                      "act_export", "act_update", "act_publishers", "act_conflicts", "act_drift", "act_check", "act_reindex",
                      "act_restore", SEPARATOR, "act_monitoring", SEPARATOR, "act_settings", SEPARATOR, "act_quit")),
    (_tr("Be&werken"), ("act_new_criterion", "act_edit", "act_duplicate", "act_history", STATUS_MENU, SEPARATOR,
                       "act_find")),
    (_tr("Beel&d"), ("act_refresh", "act_presentation", SEPARATOR, "act_focus_packages", "act_focus_table",
                    "act_focus_details")),
    (_tr("De&mo"), ("act_demo", "act_scenarios", "act_demo_reset", "act_demo_close")),
    (_tr("&Help"), ("act_help", "act_shortcuts", "act_about")),
)
TOOLBAR: tuple[str, ...] = ("act_new_tender", "act_open_tender", "act_save_tender", SEPARATOR,
                            "act_new_criterion", "act_edit", "act_history", SEPARATOR, "act_import", "act_export")


def tr(text: str) -> str:
    """A text of this table in the user's language."""
    return QCoreApplication.translate(CONTEXT, text)


def _slot(window: MainWindow, spec: ActionSpec) -> Callable[..., Any]:
    target: Callable[..., Any] = attrgetter(spec.slot)(window)
    if spec.arg is not None:
        return lambda: target(spec.arg)
    return target


def make_action(window: MainWindow, spec: ActionSpec) -> QAction:
    """One QAction from its spec, with a tooltip that names the shortcut, connected to the window."""
    text = tr(spec.text)
    action = QAction(text, window)
    action.setObjectName(spec.name)
    if spec.shortcut is not None:
        action.setShortcut(QKeySequence(spec.shortcut))
    tip = tr(spec.tip) if spec.tip else text.replace("&", "").rstrip(".")
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(tip + (f" ({shortcut})" if shortcut else ""))
    action.setStatusTip(tip)
    if spec.icon is not None:
        action.setIcon(window.style().standardIcon(spec.icon))
    if spec.icon_text:
        action.setIconText(tr(spec.icon_text))
    slot = _slot(window, spec)
    action.setCheckable(spec.checkable)
    if spec.checkable:
        action.toggled.connect(slot)
    else:
        action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def build_actions(window: MainWindow) -> dict[str, QAction]:
    """Every action of the table, also set as an attribute of the window under its name."""
    actions = {}
    for spec in ACTIONS:
        actions[spec.name] = make_action(window, spec)
        setattr(window, spec.name, actions[spec.name])
    return actions


def build_menus(window: MainWindow, actions: dict[str, QAction]) -> QToolBar:
    """The menu bar and the toolbar from the table; returns the toolbar."""
    bar = window.menuBar()
    for title, entries in MENUS:
        menu = bar.addMenu(tr(title))
        for entry in entries:
            if entry == SEPARATOR:
                menu.addSeparator()
            elif entry == RECENT:
                window.recent_menu = QMenu(tr("&Recente aanbestedingen"), window)
                window.recent_menu.aboutToShow.connect(window._fill_recent_menu)
                menu.addMenu(window.recent_menu)
            elif entry == STATUS_MENU:
                status_menu = menu.addMenu(tr("&Status"))
                status_menu.addActions([actions[name] for name in STATUS_ACTIONS.values()])
            else:
                menu.addAction(actions[entry])
    toolbar = QToolBar(tr("Werkbalk"), window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for entry in TOOLBAR:
        if entry == SEPARATOR:
            toolbar.addSeparator()
        else:
            toolbar.addAction(actions[entry])
    window.addToolBar(toolbar)
    return toolbar


# Texts used above outside the table, marked for the .ts.
_EXTRA = (_tr("&Recente aanbestedingen"), _tr("&Status"), _tr("Werkbalk"))
