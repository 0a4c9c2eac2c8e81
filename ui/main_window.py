"""The main window: packages on the left, the criteria table in the middle, details on the right."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QItemSelection, QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QFont, QFontMetrics, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from criteria_library.infra.errors import UserError
from criteria_library.models import Status
from criteria_library.store import LibraryStore
from tender_assistant.demo import made_in_demo

from . import i18n, main_actions, presentation
from .criteria_pane import CriteriaPane
from .criteria_table_model import ALL_PACKAGES, CriteriaTableModel, PackageListModel
from .criterion_details import CriterionDetails
from .error_dialogs import show_user_error
from .query_runner import Query, QueryResult, QueryRunner
from .recent_menu import fill_recent_menu
from .screen_fit import available, clamp_to_screen, refit_open_windows
from .settings import AppSettings

if TYPE_CHECKING:
    from .tender_wizard import TenderWizard

TENDER_FILTER = "Aanbesteding (*.tender.json *.json)"


class MainWindow(QMainWindow):
    """The library browser, the home of every action."""

    library_changed = Signal()

    # made from main_actions.ACTIONS by build_actions (tests/ui/test_main_actions.py keeps the two in step)
    act_new_tender: QAction
    act_open_tender: QAction
    act_save_tender: QAction
    act_import: QAction
    act_export: QAction
    act_update: QAction
    act_publishers: QAction
    act_conflicts: QAction
    act_drift: QAction
    act_check: QAction
    act_reindex: QAction
    act_restore: QAction
    act_monitoring: QAction
    act_settings: QAction
    act_quit: QAction
    act_new_criterion: QAction
    act_edit: QAction
    act_duplicate: QAction
    act_history: QAction
    act_status_review: QAction
    act_status_publish: QAction
    act_status_concept: QAction
    act_status_retire: QAction
    act_find: QAction
    act_refresh: QAction
    act_presentation: QAction
    act_focus_packages: QAction
    act_focus_table: QAction
    act_focus_details: QAction
    act_demo: QAction
    act_demo_reset: QAction
    act_demo_close: QAction
    act_scenarios: QAction
    act_help: QAction
    act_shortcuts: QAction
    act_about: QAction
    recent_menu: QMenu  # made by build_menus

    def __init__(self, store: LibraryStore, settings: AppSettings, *, demo_workspace: Path | None = None,
                 open_demo: Callable[[], object] | None = None, reset_demo: Callable[[], object] | None = None,
                 switch_language: Callable[[str], bool] | None = None, background_queries: bool = True,
                 close_demo: Callable[[], object] | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.demo_workspace = demo_workspace
        self._open_demo = open_demo
        self._reset_demo = reset_demo
        self._close_demo = close_demo
        self._switch_language = switch_language
        self._shut = False
        self._geometry_before_presentation: QByteArray | None = None
        self._splitter_before_presentation: QByteArray | None = None
        self.wizards: list[TenderWizard] = []
        self.editors: list[QWidget] = []
        self.setObjectName("MainWindow")
        self._update_title()
        self.setWindowIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView))

        # with background queries the window paints first; counts and the table follow a moment later
        self.packages_model = PackageListModel(store, self, counts=not background_queries)
        self.criteria_model = CriteriaTableModel(store, self)
        self.queries = QueryRunner(store, self, background=background_queries)
        self.queries.ready.connect(self._apply_query)

        self._build_widgets()
        actions = main_actions.build_actions(self)
        self.status_actions: dict[Status, QAction] = {
            status: actions[name] for status, name in main_actions.STATUS_ACTIONS.items()}
        self.act_demo_reset.setEnabled(self.demo_workspace is not None)
        self.act_demo_close.setEnabled(self.demo_workspace is not None and close_demo is not None)
        # F11 works from every window of the app: the wizard and the editors too, not only this one
        self.act_presentation.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.toolbar = main_actions.build_menus(self, actions)
        self._restore_layout()
        self._update_actions()
        # the first control to get the keyboard is the search field, not the demo bar's 'Demo terugzetten' (one
        # Space in front of the room would start a reset)
        self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        if background_queries:
            self.queries.request(self.current_query(), immediate=True)
            QTimer.singleShot(0, self._load_counts)
        else:
            self.queries.run_now(self.current_query())

    # ------------------------------------------------------------------ layout
    def _build_widgets(self) -> None:
        central = QWidget(self)
        central.setObjectName("central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.setSpacing(6)

        if self.demo_workspace is not None:
            demo_bar = QWidget(central)
            row = QHBoxLayout(demo_bar)
            row.setContentsMargins(0, 0, 0, 0)
            # the scenarios are where a trainer starts; the banner once counted 'twee voorbeeldaanbestedingen'
            label = QLabel(self.tr("Demo-omgeving: een eigen kopie van de bibliotheek met voorbeeldaanbestedingen. "
                                   "Voor een training: menu Demo > Scenario's voor trainers. Uw echte bibliotheek "
                                   "wordt niet aangeraakt."), demo_bar)
            label.setObjectName("banner")
            label.setWordWrap(True)
            label.setStyleSheet("QLabel#banner { background:#dff0ff; color:#002b55; padding:6px; }")
            reset = QPushButton(self.tr("Demo terugzetten"), demo_bar)
            reset.setAccessibleName(self.tr("Demo terugzetten naar de beginstand"))
            reset.clicked.connect(self.reset_demo)
            self.demo_reset_button = reset
            back = QPushButton(self.tr("Terug naar mijn bibliotheek"), demo_bar)
            back.setAccessibleName(self.tr("De demo sluiten en uw eigen bibliotheek openen"))
            back.clicked.connect(self.close_demo)
            self.demo_back_button = back
            row.addWidget(label, 1)
            row.addWidget(reset)
            row.addWidget(back)
            outer.addWidget(demo_bar)
            self.demo_banner = label

        self.read_only_banner = QLabel(central)
        self.read_only_banner.setObjectName("banner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet("QLabel#banner { background:#fff3c4; color:#3d2c00; padding:6px; "
                                            "border:1px solid #d9b300; }")
        self.read_only_banner.setAccessibleName(self.tr("Melding alleen-lezen"))
        if self.store.read_only:
            reason = self.store.read_only_reason_en if i18n.lang() == "en" else self.store.read_only_reason
            self.read_only_banner.setText(self.tr("Alleen-lezen: bewerken is uitgeschakeld.") + f" {reason or ''}")
        else:
            self.read_only_banner.hide()
        outer.addWidget(self.read_only_banner)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setChildrenCollapsible(False)

        # left: packages
        self.package_view = QListView(self.splitter)
        self.package_view.setModel(self.packages_model)
        self.package_view.setAccessibleName(self.tr("Inkooppakketten"))
        self.package_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.package_view.setMinimumWidth(180)
        self.package_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.package_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.package_view.setCurrentIndex(self.packages_model.index(0, 0))
        self.package_view.selectionModel().currentChanged.connect(lambda *_: self._filters_changed())

        # middle: filter bar and table
        self.criteria_pane = CriteriaPane(self.criteria_model, self.splitter)
        pane = self.criteria_pane
        self.search_edit, self.table, self.count_label = pane.search_edit, pane.table, pane.count_label
        self.kind_combo, self.level_combo, self.status_combo = pane.kind_combo, pane.level_combo, pane.status_combo
        pane.search_edit.textChanged.connect(self._search_typed)
        pane.filters_changed.connect(self._filters_changed)
        pane.table.selectionModel().selectionChanged.connect(self._selection_changed)
        pane.table.doubleClicked.connect(lambda _index: self.edit_criterion())

        # right: details
        self.details = CriterionDetails(self.splitter)
        self.details.setMinimumWidth(260)

        self.splitter.addWidget(self.package_view)
        self.splitter.addWidget(self.criteria_pane)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([250, 720, 380])
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        QWidget.setTabOrder(self.package_view, self.search_edit)  # the pane orders its own controls
        QWidget.setTabOrder(self.table, self.details)
        self.statusBar().showMessage(self.tr("Bibliotheek: %1").replace("%1", str(self.store.path)))

    def _restore_layout(self) -> None:
        geometry = self.settings.window_geometry("main")
        if geometry is not None and self.restoreGeometry(geometry):
            clamp_to_screen(self)  # saved on a larger screen or a projector: keep every edge reachable
        else:
            screen = available(self)
            self.resize(min(1400, screen.width()), min(860, screen.height()))
            if screen.width() <= 1600:
                self.setWindowState(Qt.WindowState.WindowMaximized)
        state = self.settings.window_state("main")
        if state is not None:
            self.restoreState(state)
        header_state = self.settings.splitter_state("table_header")
        if header_state is not None:
            self.table.horizontalHeader().restoreState(header_state)
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        splitter = self.settings.splitter_state("main")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        if self.settings.presentation_mode:
            self.act_presentation.setChecked(True)

    def _update_title(self) -> None:
        suffix = self.tr(" - demo-omgeving") if self.demo_workspace is not None else ""
        self.setWindowTitle(f"Tender Assistant{suffix}")

    # ----------------------------------------------------------------- queries
    def current_query(self) -> Query:
        slug = self.packages_model.slug_at(self.package_view.currentIndex().row())
        return Query(text=self.search_edit.text(), package=slug or None, kind=self.kind_combo.currentData(),
                     level=self.level_combo.currentData(), status=self.status_combo.currentData())

    def _search_typed(self, _text: str) -> None:
        self.queries.request(self.current_query())

    def _filters_changed(self) -> None:
        self.queries.request(self.current_query(), immediate=True)

    def _apply_query(self, result: QueryResult) -> None:
        selected = self.selected_id()
        if result.query.text.strip():
            self.criteria_model.clear_sort()
            self.table.horizontalHeader().setSortIndicatorShown(False)
        self.criteria_model.set_ids(result.ids, result.known)
        n = len(result.ids)
        # Dutch is the source language: Qt applies no plural rule to it, so one hit needs its own text
        if result.query.text.strip():
            text = (self.tr("1 resultaat voor de zoekterm") if n == 1 else
                    self.tr("%n resultaten voor de zoekterm, beste eerst", "", n))
        else:
            text = self.tr("1 criterium") if n == 1 else self.tr("%n criteria", "", n)
        self.count_label.setText(text)
        if selected:
            self.select_criterion(selected)
        if self.selected_id() is None:
            self.details.show_nothing()
            self._update_actions()

    def _load_counts(self) -> None:
        if not self._shut:
            self.packages_model.load_counts()
            if presentation.active():
                self._widen_package_list()  # the counts make the names longer

    def shutdown(self) -> None:
        """Stop background work before the store is closed (closing the window, switching library)."""
        if self._shut:
            return
        self._shut = True
        self.queries.close()
        self.queries.ready.disconnect(self._apply_query)

    def reload(self, select: str | None = None) -> None:
        """Read packages, counts and the table again (after an edit or an import)."""
        slug = self.packages_model.slug_at(self.package_view.currentIndex().row())
        self.packages_model.reload()
        self.package_view.setCurrentIndex(self.packages_model.index(self.packages_model.row_of(slug), 0))
        self.criteria_model.refresh()
        self.queries.run_now(self.current_query())
        if select:
            self.select_criterion(select)
        self._show_selected()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.criteria_model.id_at(rows[0].row()) if rows else None

    def select_criterion(self, cid: str) -> bool:
        row = self.criteria_model.row_of(cid)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.criteria_model.index(row, 0))
        return True

    def _selection_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        cid = self.selected_id()
        if cid is None:
            self.details.show_nothing()
        else:
            try:
                criterion = self.store.criterion(cid)
                self.details.show_criterion(criterion, self.store.history(cid), self._provenance(cid),
                                            pending=self.store.draft(cid))
            except UserError:
                self.details.show_nothing()
        self._update_actions()

    def _provenance(self, cid: str) -> Any:
        from criteria_library.merge import provenance

        try:
            return provenance(self.store, cid)
        except (UserError, sqlite3.Error):  # a library of an older schema opened read-only has no provenance yet
            return None

    def _update_actions(self) -> None:
        cid = self.selected_id()
        writable = not self.store.read_only
        self.act_new_criterion.setEnabled(writable)
        self.act_import.setEnabled(writable)
        self.act_update.setEnabled(writable)
        self.act_reindex.setEnabled(writable)
        self.act_edit.setEnabled(cid is not None)
        self.act_edit.setText(self.tr("Criterium &bewerken...") if writable else self.tr("Criterium &bekijken..."))
        self.act_edit.setIconText(self.tr("Bewerken") if writable else self.tr("Bekijken"))
        self.act_duplicate.setEnabled(writable and cid is not None)
        self.act_history.setEnabled(cid is not None)
        allowed: tuple[Status, ...] = ()
        if cid is not None and writable:
            with contextlib.suppress(UserError):
                allowed = self.store.allowed_transitions(cid)  # the store's workflow rules, pending versions included
        for status, action in self.status_actions.items():
            action.setEnabled(status in allowed)
        self.act_save_tender.setEnabled(self.active_wizard() is not None)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # ---------------------------------------------------------------- curation
    def _current_package(self) -> str | None:
        slug = self.packages_model.slug_at(self.package_view.currentIndex().row())
        if slug:
            return slug
        cid = self.selected_id()
        if cid:
            criterion = self.criteria_model.criterion_at(self.criteria_model.row_of(cid))
            return criterion.package if criterion else None
        packages = self.store.packages()
        return packages[0].slug if packages else None

    def new_criterion(self) -> None:
        from .criterion_editor import CriterionEditor

        package = self._current_package()
        if package is None:
            QMessageBox.information(self, self.tr("Nieuw criterium"),
                                    self.tr("Er is nog geen inkooppakket; importeer eerst een bibliotheekpakket."))
            return
        self._open_editor(CriterionEditor.for_new(self.store, package, self))

    def edit_criterion(self) -> None:
        from .criterion_editor import CriterionEditor

        cid = self.selected_id()
        if cid is None:
            return
        for editor in self.editors:
            if getattr(editor, "criterion_id", None) == cid:
                editor.raise_()
                editor.activateWindow()
                return
        try:
            editor = CriterionEditor.for_existing(self.store, cid, self)
        except UserError as exc:
            show_user_error(self, exc)
            return
        self._open_editor(editor)

    def _open_editor(self, editor: Any) -> None:
        self.editors.append(editor)
        editor.saved.connect(lambda cid: self.reload(select=cid))
        # what the editor noticed another program change (an approval in a terminal) shows in the table too
        editor.changed_outside.connect(lambda _cid: self.reload(select=self.selected_id()))
        editor.finished.connect(lambda _r, e=editor: self.editors.remove(e) if e in self.editors else None)
        editor.show()

    def duplicate_criterion(self) -> None:
        cid = self.selected_id()
        if cid is None:
            return
        try:
            copy = self.store.duplicate_criterion(cid)
        except UserError as exc:
            show_user_error(self, exc)
            return
        self.reload(select=copy.id)
        self.statusBar().showMessage(self.tr("Kopie gemaakt: %1").replace("%1", copy.id), 5000)
        self.edit_criterion()

    def set_status(self, status: Status) -> None:
        cid = self.selected_id()
        if cid is None:
            return
        why = ""
        if status == Status.RETIRED:
            from .retire_dialog import ask_retire_reason

            why = ask_retire_reason(self, cid) or ""
            if not why:
                return
        if status == Status.CONCEPT:
            from .criterion_editor import confirm_back_to_concept

            if not confirm_back_to_concept(self, cid):
                return
        try:
            self.store.set_status(cid, status, why=why)
        except UserError as exc:
            show_user_error(self, exc)
            return
        self.reload(select=cid)
        self.statusBar().showMessage(self.tr("%1 heeft nu status: %2").replace("%1", cid).replace(
            "%2", i18n.label(status)), 5000)

    def show_history(self) -> None:
        from .history_dialog import HistoryDialog

        cid = self.selected_id()
        if cid is None:
            return
        dialog = HistoryDialog(self.store, cid, self)
        dialog.restored.connect(lambda c: self.reload(select=c))
        dialog.open()

    # ----------------------------------------------------------- import/export
    def import_pack(self) -> None:
        from .exchange_dialogs import import_pack

        import_pack(self, self.store, self.settings, on_done=lambda changed: self.reload() if changed else None)

    def export_pack(self) -> None:
        from .exchange_dialogs import export_pack

        export_pack(self, self.store, self.settings, self._current_package_filter())

    def _current_package_filter(self) -> str | None:
        slug = self.packages_model.slug_at(self.package_view.currentIndex().row())
        return slug if slug != ALL_PACKAGES else None

    def check_library(self) -> None:
        from .exchange_dialogs import check_library

        check_library(self, self.store)

    def rebuild_search_index(self) -> None:
        from .exchange_dialogs import rebuild_search_index

        rebuild_search_index(self, self.store, lambda rebuilt: self.reload() if rebuilt else None)

    def restore_backup(self, backup: Path | None = None) -> bool:
        """Put a .db backup back as the library, after confirmation; the window then shows the restored library."""
        from criteria_library.infra.paths import backups_dir
        from criteria_library.restore import restore_library

        if backup is None:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Reservekopie terugzetten"),
                                                    str(backups_dir(self.store.path)), self.tr("Bibliotheek (*.db)"))
            if not chosen:
                return False
            backup = Path(chosen)
        answer = QMessageBox.question(
            self, self.tr("Reservekopie terugzetten"),
            self.tr("De bibliotheek vervangen door %1? Wijzigingen van na die kopie gaan verloren; de huidige "
                    "bibliotheek wordt eerst bewaard in de map backups.").replace("%1", backup.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)  # destructive: Enter must not replace the library
        if answer != QMessageBox.StandardButton.Yes or not self._confirm_close_documents():
            return False
        self.queries.close()  # the search reader's connection too: the file is swapped underneath
        self.store.close()
        try:
            result = restore_library(self.store.path, backup)
        except UserError as exc:
            self.store.reopen()
            show_user_error(self, exc, self.tr("Niet teruggezet"))
            return False
        self.store.reopen()
        self.reload()
        QMessageBox.information(self, self.tr("Reservekopie terugzetten"),
                                self.tr("Teruggezet: %1 criteria. De vervangen bibliotheek is bewaard als %2.")
                                .replace("%1", str(result.criteria))
                                .replace("%2", str(result.replaced_copy or "-")))
        return True

    # ------------------------------------------------------------------ tenders
    def active_wizard(self) -> TenderWizard | None:
        for wizard in reversed(self.wizards):
            if wizard.isVisible() and wizard.isActiveWindow():
                return wizard
        visible = [w for w in self.wizards if w.isVisible()]
        return visible[-1] if visible else None

    def new_tender(self) -> TenderWizard:
        from .tender_wizard import TenderWizard

        return self._show_wizard(TenderWizard(self.store, self.settings, None))

    def open_tender_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Aanbesteding openen"), self._tender_folder(),
                                              self.tr(TENDER_FILTER))
        if path:
            self.open_tender(Path(path))

    def _tender_folder(self) -> str:
        if self.demo_workspace is not None:
            return str(self.demo_workspace)
        return self.settings.last_folder

    def open_tender(self, path: Path) -> TenderWizard | None:
        from tender_assistant.tender import load_tender

        from .tender_wizard import TenderWizard

        for wizard in self.wizards:
            if wizard.path is not None and wizard.path.resolve() == path.resolve():
                wizard.raise_()
                wizard.activateWindow()
                return wizard
        try:
            tender = load_tender(path)
        except UserError as exc:
            show_user_error(self, exc, self.tr("Aanbesteding openen"))
            return None
        self.settings.add_recent_file(path)
        self.settings.last_folder = str(path.parent)
        return self._show_wizard(TenderWizard(self.store, self.settings, path, tender))

    def _show_wizard(self, wizard: TenderWizard) -> TenderWizard:
        self.wizards.append(wizard)
        wizard.closed.connect(lambda w=wizard: self._wizard_closed(w))
        wizard.saved_to.connect(self._tender_saved)
        wizard.show()
        self._update_actions()
        return wizard

    def _wizard_closed(self, wizard: TenderWizard) -> None:
        if wizard in self.wizards:
            self.wizards.remove(wizard)
        self._update_actions()  # "Opslaan" is off again when no tender is open

    def _tender_saved(self, path: str) -> None:
        self.settings.add_recent_file(Path(path))
        self.settings.last_folder = str(Path(path).parent)

    def save_tender(self) -> None:
        wizard = self.active_wizard()
        if wizard is not None:
            wizard.save()

    def _fill_recent_menu(self) -> None:
        fill_recent_menu(self.recent_menu, self.settings, self.demo_workspace, self.open_tender)

    # -------------------------------------------------------------- settings
    # --------------------------------------------------------------- releases
    def update_library(self) -> None:
        from .release_dialogs import UpdateDialog

        dialog = UpdateDialog(self.store, self)
        dialog.updated.connect(lambda: self.reload())
        dialog.open()

    def show_publishers(self) -> None:
        from .publisher_dialogs import PublishersDialog

        PublishersDialog(self.store, self).open()

    def show_conflicts(self) -> None:
        from .release_dialogs import ConflictDialog

        dialog = ConflictDialog(self.store, self)
        dialog.resolved.connect(lambda cid: self.reload(select=cid))
        dialog.open()

    def show_drift(self) -> None:
        from .release_dialogs import DriftDialog

        DriftDialog(self.store, None, self).open()

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        SettingsDialog(self.store, self.settings, self).exec()

    def set_presentation_mode(self, on: bool) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            presentation.apply(app, on)
        self.settings.presentation_mode = on
        if self.act_presentation.isChecked() != on:
            self.act_presentation.setChecked(on)
        if on and self._splitter_before_presentation is None:
            self._splitter_before_presentation = self.splitter.saveState()
        elif not on and self._splitter_before_presentation is not None:
            # the panes as they were: presentation's wide package list left the normal-size table a scroll bar
            self.splitter.restoreState(self._splitter_before_presentation)
            self._splitter_before_presentation = None
        if on and self._geometry_before_presentation is None and not self.isMaximized():
            # a projector shows the room the whole screen: the window grows with the type (back again when off)
            self._geometry_before_presentation = self.saveGeometry()
            self.setGeometry(available(self))
        elif not on and self._geometry_before_presentation is not None:
            self.restoreGeometry(self._geometry_before_presentation)
            self._geometry_before_presentation = None
            clamp_to_screen(self)
        refit_open_windows()  # the wizard and open dialogs grow (or shrink) with the type
        # widths and row heights follow the new font once the style sheet has repolished the table, and the
        # splitter has its new width once the grown window has been laid out
        QTimer.singleShot(0, self, self._fit_table_to_font)
        # large type: long package names wrap onto a second line instead of losing their counts
        self.package_view.setWordWrap(on)
        # text under the icons: the toolbar is as wide as its words, so Importeren and Exporteren stay on a
        # 1280 pixel projector instead of behind the toolbar's >> button
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon if on
                                        else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details.setMinimumWidth(200 if on else 260)
        if on:
            QTimer.singleShot(0, self, self._widen_package_list)
            focus = QApplication.focusWidget()
            if focus is None or focus in (getattr(self, "demo_reset_button", None), getattr(self, "demo_back_button",
                                                                                             None)):
                self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def take_layout(self, other: MainWindow) -> None:
        """Take over another main window's presentation mode, size, maximized state and panes (the demo rebuilt
        after a reset: the reset also wipes the demo's settings, where presentation mode was remembered)."""
        if other.act_presentation.isChecked() and not self.act_presentation.isChecked():
            self.act_presentation.setChecked(True)
        self.restoreGeometry(other.saveGeometry())
        self.setWindowState(other.windowState())
        self._geometry_before_presentation = other._geometry_before_presentation
        self.splitter.restoreState(other.splitter.saveState())

    def _widen_package_list(self) -> None:
        """Re-balance the panes for the large type: the package list as wide as its longest name (wrapping beyond
        22 % of the window), the table as wide as its kind, level and status words need, the details what is
        left but at least a sixth (a third of a 1920 screen for the details squeezed the table to 'Gunnings...')."""
        width = max(self.splitter.width() - 2 * self.splitter.handleWidth(), 1)
        packages = min(self._package_list_need(), int(width * 0.22))
        rest = width - packages
        details_min = max(int(width * 0.16), self.details.minimumWidth())
        details = max(details_min, min(int(width * 0.22), rest - self.criteria_pane.needed_width()))
        self.splitter.setSizes([packages, rest - details, details])
        QTimer.singleShot(0, self, self._fit_table_to_font)  # the table's width changed: its columns follow

    def _package_list_need(self) -> int:
        """The package list's width for its longest entry, count included, in the current font."""
        fm = self.package_view.fontMetrics()
        texts = [str(self.packages_model.data(self.packages_model.index(row, 0)))
                 for row in range(self.packages_model.rowCount())]
        longest = max((fm.horizontalAdvance(text) for text in texts), default=0)
        bold = QFont(self.package_view.font())
        bold.setBold(True)  # 'Alle inkooppakketten' is bold
        longest = max(longest, QFontMetrics(bold).horizontalAdvance(texts[0]) if texts else 0)
        view = self.package_view
        return longest + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width() + 16

    def _fit_table_to_font(self) -> None:
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.criteria_pane.size_columns()

    def change_language(self, language: str) -> bool:
        """Show the app in another language now (the windows are rebuilt; open tenders stay open as they were)."""
        if self._switch_language is None:
            return False
        return self._switch_language(language)

    def transferable_state(self) -> list[tuple[Any, Path | None, bool, int]]:
        """The open tenders (tender, file, unsaved, page), to reopen them in a rebuilt window."""
        return [(w.tender, w.path, w.dirty, w.currentId()) for w in self.wizards]

    def adopt_tenders(self, state: list[tuple[Any, Path | None, bool, int]]) -> None:
        """Reopen tenders taken over from another window, each on the page where it was."""
        from .tender_wizard import TenderWizard
        from .wizard.base import PageId

        for tender, path, dirty, page in state:
            wizard = self._show_wizard(TenderWizard(self.store, self.settings, path, tender))
            if page >= 0:
                wizard.go_to(PageId(page))
            wizard.dirty = dirty
            wizard._update_title()

    # ------------------------------------------------------------------- demo
    def open_demo(self) -> None:
        if self.demo_workspace is not None:
            QMessageBox.information(self, self.tr("Demo-omgeving"), self.tr("De demo-omgeving is al geopend."))
            return
        if self._open_demo is not None and self._confirm_close_documents():
            self._open_demo()

    def reset_demo(self) -> None:
        if self.demo_workspace is None or self._reset_demo is None:
            return
        made = made_in_demo(self.demo_workspace)
        also = "" if not made else "\n\n" + self.tr(
            "Ook wat u in de demo-omgeving hebt gemaakt, gaat weg: %1. Bewaar het eerst elders als u het nog nodig "
            "hebt.").replace("%1", ", ".join(made[:5]) + (self.tr(" en nog %n", "", len(made) - 5) if len(made) > 5
                                                           else ""))
        answer = QMessageBox.question(self, self.tr("Demo terugzetten"),
                                      self.tr("De demo-omgeving terugzetten naar de beginstand? Alle wijzigingen in "
                                              "de demo gaan verloren; uw echte bibliotheek blijft ongewijzigd.")
                                      + also,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)  # destructive: Enter must not reset
        if answer == QMessageBox.StandardButton.Yes and self._confirm_close_documents():
            self._reset_demo()

    def close_demo(self) -> None:
        """Back from the demo to one's own library, in the same app (open tenders are asked about first)."""
        if self.demo_workspace is None or self._close_demo is None:
            return
        if self._confirm_close_documents():
            self._close_demo()

    def show_scenarios(self) -> None:
        """The trainer's scenario cards; a chosen card opens its tender in the demo (opened first if needed)."""
        from .scenario_dialog import ScenarioDialog

        dialog = ScenarioDialog(self)
        dialog.exec()
        if dialog.chosen is None:  # closed without choosing a card
            return
        if self.demo_workspace is not None:
            self.open_scenario(dialog.chosen)
        elif self._open_demo is not None and self._confirm_close_documents():
            window = self._open_demo()
            if isinstance(window, MainWindow):
                window.open_scenario(dialog.chosen)

    def open_scenario(self, key: str) -> TenderWizard | None:
        """Open a scenario card's tender of the demo workspace at the card's wizard page."""
        from tender_assistant.scenarios import scenario, scenario_path

        from .wizard.base import PageId

        if self.demo_workspace is None:
            return None
        wizard = self.open_tender(scenario_path(key, self.demo_workspace))
        if wizard is not None:
            wizard.go_to(PageId[scenario(key).page.upper()])
        return wizard

    # ------------------------------------------------------------------- help
    def show_help(self, topic: str = "inkoper") -> None:
        from .help_dialog import show_help

        self.help_dialog = show_help(self, topic)

    def show_shortcuts(self) -> None:
        rows = []
        for action in self.actions():
            if not action.shortcut().isEmpty():
                rows.append(f"<tr><td><b>{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}"
                            f"</b></td><td>{action.text().replace('&', '').rstrip('.')}</td></tr>")
        QMessageBox.information(self, self.tr("Sneltoetsen"), f"<table cellpadding='3'>{''.join(rows)}</table>")

    def open_monitoring(self) -> None:
        """The Monitoring window over the register beside the open library (the demo's own in the demo)."""
        from .monitoring_window import MonitoringWindow, register_path_for

        current = getattr(self, "monitoring_window", None)
        if current is not None and current.isVisible() and current.register.path == register_path_for(self.store):
            current.raise_()
            current.activateWindow()
            return
        try:
            self.monitoring_window = MonitoringWindow(self.store, parent=self)
        except UserError as exc:
            show_user_error(self, exc)
            return
        self.monitoring_window.setWindowFlag(Qt.WindowType.Window, True)
        self.monitoring_window.show()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("Over Tender Assistant"), self.tr(
            "<p><b>Tender Assistant</b></p><p>Circulair inkopen voor de overheden in de Metropoolregio Amsterdam: "
            "van criteriabibliotheek tot aanbestedingsdocument, offline.</p>") + f"<p>{self.store.path}</p>")

    def open_url(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # ------------------------------------------------------------------ closing
    def _confirm_close_documents(self) -> bool:
        """Ask about every open editor and tender with unsaved changes; False when the user cancels."""
        for editor in list(self.editors):
            if not editor.close():
                return False
        return all(wizard.close() for wizard in list(self.wizards))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._confirm_close_documents():
            event.ignore()
            return
        self.settings.save_window("main", self._geometry_before_presentation or self.saveGeometry(), self.saveState())
        self.settings.save_splitter("main", self._splitter_before_presentation or self.splitter.saveState())
        if not presentation.active():  # the large type's column widths would cut the next normal session's table
            self.settings.save_splitter("table_header", self.table.horizontalHeader().saveState())
        self.settings.sync()
        self.shutdown()
        event.accept()

    def current_index(self) -> QModelIndex:
        return self.table.currentIndex()

    def icon(self, pixmap: QStyle.StandardPixmap) -> QIcon:
        return self.style().standardIcon(pixmap)
