"""The Monitoring window: the organisation's register (add, edit, delete with undo; import) and the report.

The register's table model, its undo commands and its dialogs live in register_table, register_commands and
register_dialogs.

All counting happens in tender_assistant.monitoring; this window only shows it. Charts are PNGs drawn by
monitoring.charts (Pillow), imported the first time the report tab is shown.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from criteria_library.infra.errors import UserError
from criteria_library.store import LibraryStore
from tender_assistant.monitoring import register_file
from tender_assistant.monitoring.importer import COLUMNS, ImportResult, headers_of, import_files
from tender_assistant.monitoring.records import ContractRecord
from tender_assistant.monitoring.register_store import RegisterStore
from tender_assistant.monitoring.report import euro, headline, pct, sources_text, target_line
from tender_assistant.monitoring.rule import ANNUALISED, AWARD_YEAR, summarise

from . import i18n, presentation, screen_fit
from .error_dialogs import show_user_error
from .operation import Operation, show_failure
from .register_commands import AddRecord, DeleteRecord, EditRecord
from .register_dialogs import HeaderMappingDialog, RecordDialog, show_problems
from .register_table import RecordTableModel
from .screen_fit import fit_to_screen


def _tr(text: str) -> str:
    return QCoreApplication.translate("Monitoring", text)


def documents_folder() -> Path:
    """The user's documents folder (where save dialogs start), else the home folder."""
    from PySide6.QtCore import QStandardPaths

    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
    return folder if folder.is_dir() else Path.home()


def register_path_for(store: LibraryStore) -> Path:
    """The register that belongs to the open library (the same rule as the command line and the checks)."""
    return register_file.register_path_for(store.path)


def offer_registration(parent: QWidget, tender: Any, store: LibraryStore) -> list[ContractRecord] | None:
    """After a final export: offer to put the tender in the register (award date and value confirmed later): one
    record per lot and per participant of a joint tender. Returns the records added, None when none were."""
    from tender_assistant.checks import resolve_criteria
    from tender_assistant.monitoring.tender_count import records_from_tender

    criteria, _unknown = resolve_criteria(tender, store)
    records = records_from_tender(tender, criteria)
    path = register_path_for(store)
    try:
        if path.exists():  # registered at an earlier export: not asked again (and no register made by asking)
            with RegisterStore.open(path) as register:
                known = register.existing(r.identity() for r in records)
            if not [r for r in records if r.identity() not in known]:
                return None
        answer = QMessageBox.question(parent, _tr("Registreren in het monitoringregister"),
                                      _tr("Deze aanbesteding registreren in het monitoringregister? Gunningsdatum en "
                                          "waarde bevestigt u later in het register."))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        with RegisterStore.open(path) as register:
            known = register.existing(r.identity() for r in records)
            records = [r for r in records if r.identity() not in known]
            if not records:
                return None
            register.add_new(records)
    except UserError as exc:
        show_user_error(parent, exc)
        return None
    where = str(register_path_for(store))
    QMessageBox.information(parent, _tr("Registreren in het monitoringregister"),
                            _tr("Geregistreerd in %1.").replace("%1", where) if len(records) == 1 else
                            _tr("%1 registraties (per perceel en per deelnemer) geregistreerd in %2.")
                            .replace("%1", str(len(records))).replace("%2", where))
    return records


# ---------------------------------------------------------------------- the window
class MonitoringWindow(QMainWindow):
    """Register and report for the organisation (or, for a regisseur, the region)."""

    def __init__(self, library: LibraryStore, register_path: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.register = RegisterStore.open(register_path or register_path_for(library))
        self.setWindowTitle(_tr("Monitoring circulair inkopen"))
        self.setObjectName("monitoring_window")
        self.undo_stack = QUndoStack(self)
        self.tabs = QTabWidget(self)
        self.setCentralWidget(self.tabs)
        self._build_register_tab()
        self._build_report_tab()
        self._build_toolbar()
        self.tabs.currentChanged.connect(lambda i: self.update_report() if i == 1 else None)
        self.refresh()
        # most of the screen, the report's two charts side by side; never wider than the screen, also with the
        # large type of presentation mode (which fills the screen)
        area = screen_fit.available(self)
        fit_to_screen(self, min(1500, int(area.width() * 0.9)), min(950, int(area.height() * 0.9)))

    # ------------------------------------------------------------- building
    def _build_toolbar(self) -> None:
        bar = QToolBar(_tr("Register"), self)
        bar.setObjectName("monitoring_toolbar")
        self.act_add = bar.addAction(_tr("Toevoegen..."), self.add_record)
        self.act_edit = bar.addAction(_tr("Bewerken..."), self.edit_record)
        self.act_delete = bar.addAction(_tr("Verwijderen"), self.delete_record)
        bar.addSeparator()
        self.act_undo = self.undo_stack.createUndoAction(self, _tr("Ongedaan maken"))
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.undo_stack.createRedoAction(self, _tr("Opnieuw"))
        self.act_redo.setShortcut(QKeySequence.StandardKey.Redo)
        bar.addAction(self.act_undo)
        bar.addAction(self.act_redo)
        bar.addSeparator()
        self.act_import = bar.addAction(_tr("Importeren..."), self.import_dialog)
        self.act_export = bar.addAction(_tr("Exporteren voor de regisseur..."), self.export_dialog)
        # every toolbar button also by keyboard (a toolbar takes no Tab focus)
        for action, keys in ((self.act_add, QKeySequence.StandardKey.New), (self.act_edit, QKeySequence("F2")),
                             (self.act_delete, QKeySequence.StandardKey.Delete),
                             (self.act_import, QKeySequence.StandardKey.Open),
                             (self.act_export, QKeySequence("Ctrl+Shift+E"))):
            action.setShortcut(keys)
            action.setToolTip(f"{action.text()} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
        self.addToolBar(bar)

    def _build_register_tab(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.register_info = QLabel(page)
        layout.addWidget(self.register_info)
        self.model = RecordTableModel(self)
        self.table = QTableView(page)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.table.installEventFilter(self)
        self.table.setWordWrap(False)  # a narrow column ends in 'ICT-werkplek...', not in 'ICT-...'
        self.table.doubleClicked.connect(lambda _i: self.edit_record())
        self.table.setAccessibleName(_tr("Register van contracten"))
        layout.addWidget(self.table, 1)
        self.tabs.addTab(page, _tr("Register"))

    def _build_report_tab(self) -> None:
        page = QWidget(self)
        outer = QVBoxLayout(page)
        controls = QHBoxLayout()
        # two rows: in one, the large type of presentation mode made the window wider than a 1920 screen
        buttons_row = QHBoxLayout()
        self.year = QSpinBox(page)
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)  # a register without award dates yet: this year, not 2000
        self.org = QComboBox(page)
        self.org.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.org.setMinimumContentsLength(18)
        self.annualised = QCheckBox(_tr("Verdeeld over de looptijd"), page)
        self.min_weight = QDoubleSpinBox(page)
        self.min_weight.setRange(0, 100)
        self.min_weight.setSuffix(" %")
        self.min_weight.setDecimals(1)
        i18n.number_field(self.min_weight)  # '5,0 %' beside the figures' '43,4%', in English too
        for label, widget in ((_tr("Jaar"), self.year), (_tr("Organisatie"), self.org)):
            controls.addWidget(QLabel(label, page))
            controls.addWidget(widget)
        controls.addWidget(self.annualised)
        controls.addStretch(1)
        buttons_row.addWidget(QLabel(_tr("Minimale weging gunningscriterium"), page))
        buttons_row.addWidget(self.min_weight)
        buttons_row.addStretch(1)
        self.save_xlsx = QPushButton(_tr("Opslaan als Excel..."), page)
        self.save_docx = QPushButton(_tr("Opslaan als Word..."), page)
        self.save_xlsx.clicked.connect(lambda: self.save_report(".xlsx"))
        self.save_docx.clicked.connect(lambda: self.save_report(".docx"))
        buttons_row.addWidget(self.save_xlsx)
        buttons_row.addWidget(self.save_docx)
        outer.addLayout(controls)
        outer.addLayout(buttons_row)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        self.headline = QLabel(body)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.headline.setFont(font)
        self.headline.setObjectName("monitoring_headline")
        layout.addWidget(self.headline)
        charts = QHBoxLayout()
        self.share_chart = QLabel(body)
        self.package_chart = QLabel(body)
        for chart in (self.share_chart, self.package_chart):
            chart.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            chart.setMinimumWidth(1)  # the picture follows the window's width, it may not hold the window wide
            charts.addWidget(chart, 1)
        self.share_chart.setAccessibleName(_tr("Aandeel circulair per jaar tegen het doel"))
        self.package_chart.setAccessibleName(_tr("Circulaire euro's per inkooppakket"))
        layout.addLayout(charts)
        self.figures = QTableWidget(0, 9, body)
        self.figures.setHorizontalHeaderLabels([_tr("Organisatie"), _tr("Binnen telling"), _tr("Circulair"),
                                                _tr("Aandeel €"), _tr("Aandeel #"), _tr("Dekking"), _tr("Tekort"),
                                                _tr("Verklaard"), _tr("Onbekend")])
        for col, tip in ((7, _tr("Circulair verklaard in de aankondiging (eForms BT-774), niet met criteria "
                                  "geverifieerd")),
                         (8, _tr("Waarde waarvan niet bekend is welke criteria erin zaten"))):
            header_item = self.figures.horizontalHeaderItem(col)
            if header_item is not None:
                header_item.setToolTip(tip)
        self.figures.setAccessibleName(_tr("Cijfers per organisatie"))
        self.figures.verticalHeader().hide()
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # every figure whole (the large type of presentation mode cut them to '€ ...'); the names fill what is left
        self.figures.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.figures.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.figures.installEventFilter(self)
        # every row is shown (the height is fixed to them): a vertical scroll bar would only narrow the table
        self.figures.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.figures)
        self.rule_text = QLabel(body)
        self.rule_text.setWordWrap(True)
        self.rule_text.setStyleSheet("color:#555")
        layout.addWidget(self.rule_text)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.tabs.addTab(page, _tr("Rapport"))
        self.year.valueChanged.connect(self.update_report)
        self.org.currentIndexChanged.connect(self.update_report)
        self.annualised.toggled.connect(self.update_report)
        self.min_weight.valueChanged.connect(self.update_report)

    # ------------------------------------------------------------- state
    def rule(self) -> Any:
        rule = self.register.rule()
        return replace(rule, value_method=ANNUALISED if self.annualised.isChecked() else AWARD_YEAR,
                       min_weight=self.min_weight.value())

    def refresh(self) -> None:
        """Reload the records (after any change) and the report if it is showing."""
        records = self.register.records()
        first = not self.model.records and self.min_weight.value() == 0
        if first:
            self.min_weight.blockSignals(True)
            self.min_weight.setValue(self.register.rule().min_weight)
            self.min_weight.blockSignals(False)
        self.model.set_records(records, self.rule(), {p.slug: p.name(i18n.lang()) for p in self.library.packages()})
        self._fit_register_columns()
        self.register_info.setText(_tr("%1 registraties in %2").replace("%1", str(len(records)))
                                   .replace("%2", str(self.register.path)))
        orgs = self.register.organisations()
        current = self.org.currentData()
        self.org.blockSignals(True)
        self.org.clear()
        self.org.addItem(_tr("Alle organisaties (regio)"), "")
        for o in orgs:
            self.org.addItem(o, o)
        self.org.setCurrentIndex(max(0, self.org.findData(current)))
        self.org.blockSignals(False)
        years = self.register.years()
        if years and (first or self.year.value() not in years):
            self.year.blockSignals(True)
            self.year.setValue(years[-1])
            self.year.blockSignals(False)
        if self.tabs.currentIndex() == 1:
            self.update_report()

    def selected(self) -> ContractRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.records[rows[0].row()] if rows else None

    # ------------------------------------------------------------- register actions
    def add_record(self) -> None:
        dialog = RecordDialog(self, self.library)
        if dialog.exec() and dialog.result_record is not None:
            self._push(AddRecord(self, dialog.result_record))

    def edit_record(self) -> None:
        record = self.selected()
        if record is None:
            return
        dialog = RecordDialog(self, self.library, record)
        if dialog.exec() and dialog.result_record is not None:
            self._push(EditRecord(self, record, dialog.result_record))

    def delete_record(self) -> None:
        record = self.selected()
        if record is not None:
            self._push(DeleteRecord(self, record))

    def _push(self, command: QUndoCommand) -> None:
        try:
            self.undo_stack.push(command)
        except UserError as exc:
            show_user_error(self, exc)

    def import_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, _tr("Contractenlijst, monitoringbestand of aankondigingen importeren"), "",
            _tr("Contractenlijsten, monitoringbestanden en eForms-aankondigingen (*.csv *.xlsx *.json *.xml)"))
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_path(self, path: Path) -> None:
        """Import one file (see import_paths)."""
        self.import_paths([path])

    def import_paths(self, paths: list[Path]) -> None:
        """Import files in a worker, all checked first; a contract list with other headers is mapped in a dialog."""
        mapping = None
        path = paths[0]
        try:
            if len(paths) == 1 and path.suffix.lower() in (".csv", ".xlsx"):
                headers = headers_of(path)
                if not set(COLUMNS) <= {h.strip().casefold() for h in headers}:
                    dialog = HeaderMappingDialog(self, headers)
                    if not dialog.exec():
                        return
                    mapping = dialog.mapping()
            accepted = self._ask_about_doubts([p for p in paths if p.suffix.lower() == ".xml"])
        except (UserError, OSError, ValueError) as exc:
            self._import_failed(exc)
            return
        register_path, library_path = self.register.path, self.library.path

        def task(_progress: Any) -> ImportResult:
            # the worker's own connections: the window keeps using its own while the file is read and checked
            with RegisterStore.open(register_path) as register, \
                    LibraryStore.open(library_path, read_only=True) as library:
                return import_files(list(paths), register, library, mapping, accept=lambda m: m.key() in accepted)

        Operation(self, task, label=_tr("Importeren...")).success(self._imported).failure(self._import_failed).run()

    def _ask_about_doubts(self, notices: list[Path]) -> set[tuple[str, str]]:
        """Ask, per notice lot that looks like (but is not certainly) a tender drafted in the app, whether they are
        the same; the (notice, app) keys the user said yes to. The notices are read here once more, before the
        import, because a question belongs in this thread."""
        from tender_assistant.monitoring.importer import new_notice_records, read_notice_files
        from tender_assistant.monitoring.notice_match import find_matches

        apps = [r for r in self.register.records() if r.source == "app"] if notices else []
        if not apps:
            return set()
        records, _notes = read_notice_files(notices)
        accepted: set[tuple[str, str]] = set()
        for match in find_matches(new_notice_records(records, self.register), apps):
            if match.certain:
                continue
            text = (_tr("Is dit dezelfde aanbesteding?") + "\n\n"
                    + _tr("Aankondiging: %1 (%2, perceel %3), %4").replace("%1", match.notice.title)
                    .replace("%2", match.notice.organisation).replace("%3", match.notice.lot_id)
                    .replace("%4", euro(match.notice.value_eur)) + "\n"
                    + _tr("Uit de app: %1, %2").replace("%1", match.app.title).replace("%2", euro(match.app.value_eur))
                    + "\n\n" + _tr("Bij ja worden ze één registratie: de criteria uit de app blijven, waarde, "
                                     "gunningsdatum en winnaar komen uit de aankondiging."))
            answer = QMessageBox.question(self, _tr("Aankondiging samenvoegen?"), text)
            if answer == QMessageBox.StandardButton.Yes:
                accepted.add(match.key())
        return accepted

    def _imported(self, result: ImportResult) -> None:
        self.undo_stack.clear()  # an import is undone from its backup, not step by step
        self.refresh()
        # the total read shows a factor of 1,000 (an amount misread) before anyone counts with it
        QMessageBox.information(self, _tr("Import"), _tr("%1 toegevoegd, %2 bijgewerkt, %3 stond(en) er al.")
                                .replace("%1", str(result.added)).replace("%2", str(result.updated))
                                .replace("%3", str(result.skipped)) + "\n"
                                + _tr("Gelezen: %1 contract(en), samen %2.").replace("%1", str(result.read))
                                .replace("%2", euro(result.total_eur, cents=None)) + self._notes_text(result))

    @staticmethod
    def _notes_text(result: ImportResult, most: int = 8) -> str:
        """The lines about what was left out (a notice's lots without a winner), at most `most` of them."""
        if not result.notes:
            return ""
        lines = [en if i18n.lang() == "en" else nl for nl, en in result.notes]
        more = len(lines) - most
        shown = lines[:most] + ([_tr("... en nog %1").replace("%1", str(more))] if more > 0 else [])
        return "\n\n" + "\n".join(shown)

    def _import_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            show_problems(self, exc, _tr("Import niet gelukt"))
        elif isinstance(exc, OSError | ValueError):
            QMessageBox.warning(self, _tr("Import niet gelukt"), str(exc))
        else:
            show_failure(self, exc, _tr("Import niet gelukt"))

    def export_dialog(self) -> None:
        from tender_assistant.monitoring.exchange import export_register

        path, _ = QFileDialog.getSaveFileName(self, _tr("Register exporteren"), str(documents_folder() / "register.json"),
                                              _tr("Monitoringbestand (*.json)"))
        if path:
            try:
                count = export_register(self.register, Path(path))
            except UserError as exc:
                show_user_error(self, exc)
                return
            QMessageBox.information(self, _tr("Register exporteren"), _tr("Opgeslagen: %1 (%2 registraties)")
                                    .replace("%1", path).replace("%2", str(count)))

    # ------------------------------------------------------------- report
    def current_report(self) -> Any:
        org = self.org.currentData() or None
        report = summarise(self.register.records(), self.rule(), self.year.value(), org)
        report.package_names = {p.slug: p.name(i18n.lang()) for p in self.library.packages()}
        return report, org

    def update_report(self) -> None:
        from tender_assistant.monitoring.charts import package_chart, share_chart
        from tender_assistant.monitoring.report import scope_name, series_for

        report, org = self.current_report()
        records = self.register.records()
        extra = "" if report.target_kind == "afgesproken" else "\n" + target_line(report).capitalize()
        undated = sum(1 for r in records if r.award_date is None and (org is None or r.organisation == org))
        if undated:  # they count in no year until their award date is known: say so, never leave them out silently
            extra += "\n" + _tr("%1 registratie(s) zonder gunningsdatum tellen in geen enkel jaar mee; vul de "
                                 "gunningsdatum in bij de registratie.").replace("%1", str(undated))
        self.headline.setText(headline(report, org) + extra)
        entries = sorted(report.organisations.items(), key=lambda kv: kv[0].casefold())
        if org is None and len(entries) != 1:
            entries.append((_tr("Regio (som)"), report.region))
        self.figures.setRowCount(len(entries))
        for row, (name, totals) in enumerate(entries):
            f = totals.figures(report.target)
            values = [name, euro(f["in_scope_eur"]), euro(f["circular_eur"]), pct(f["share_value"]),
                      pct(f["share_count"]), pct(f["coverage"]), "-" if f["gap_eur"] is None else euro(f["gap_eur"]),
                      pct(f["share_declared"]), pct(f["share_unknown"])]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                else:
                    item.setToolTip(_tr("Registraties: %1").replace("%1", sources_text(f["sources"], i18n.lang())))
                self.figures.setItem(row, col, item)
        self._fit_figures(len(entries))
        self.rule_text.setText(_tr("Telregel") + ":\n" + "\n".join(f"- {t}" for t in report.rule.describe(i18n.lang())))
        # the same pixels at a higher dpi in presentation mode: the charts' print grows with the type, as far as a
        # chart keeps 5.5 inches for its title and legend (a 1280 projector cut the title at a higher dpi)
        pixels = max(300, (self.width() - 80) // 2)
        dpi = max(100, min(int(100 * presentation.scale()), int(pixels / 5.5)))
        width = pixels / dpi
        share_png = share_chart(series_for(report, records, org),
                                _tr("Aandeel circulair per jaar: %1").replace("%1", scope_name(report, org)),
                                width=width, height=width * 0.6, dpi=dpi)
        package_png = package_chart(report.breakdown("package"),
                                    _tr("Circulair per inkooppakket, %1").replace("%1", str(report.year)),
                                    width=width, height=width * 0.6, dpi=dpi)
        for label, png in ((self.share_chart, share_png), (self.package_chart, package_png)):
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            label.setPixmap(pixmap)

    def _fit_figures(self, rows: int) -> None:
        """The organisation column as wide as its names, or wider to fill the table; a scroll bar under the rows
        when the whole table is wider than the window (large type on a small projector)."""
        header = self.figures.horizontalHeader()
        self.figures.resizeColumnToContents(0)
        others = sum(header.sectionSize(c) for c in range(1, self.figures.columnCount()))
        # the table's own width: in its resize event the viewport still has the old one
        room = self.figures.width() - 2 * self.figures.frameWidth() - others
        if room > header.sectionSize(0):
            self.figures.setColumnWidth(0, room)
        scroll = self.figures.horizontalScrollBar().sizeHint().height() if header.length() > room + others else 0
        frame = 2 * self.figures.frameWidth()  # 2 pixels in the normal style, 4 in presentation mode
        self.figures.setFixedHeight(header.height() + frame + 2 + scroll +
                                    sum(self.figures.rowHeight(r) for r in range(rows)))

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            figures = getattr(self, "figures", None)
            if watched is figures and figures is not None and figures.rowCount():
                self._fit_figures(figures.rowCount())  # the names' column follows the table's final width
            elif watched is getattr(self, "table", None):
                self._fit_register_columns()
        return super().eventFilter(watched, event)

    def _fit_register_columns(self) -> None:
        """Package names (long in large type) take at most a fifth of the table, so the titles keep room."""
        self.table.resizeColumnToContents(3)
        cap = int(self.table.viewport().width() * 0.2)
        if self.table.columnWidth(3) > cap > 0:
            self.table.setColumnWidth(3, cap)

    def save_report(self, suffix: str) -> None:
        from tender_assistant.monitoring.report import write_docx, write_xlsx

        report, org = self.current_report()
        name = str(documents_folder() / f"monitoring-{report.year}{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, _tr("Rapport opslaan"), name, f"*{suffix}")
        if not path:
            return
        try:
            writer = write_xlsx if suffix == ".xlsx" else write_docx
            written = writer(report, self.register.records(), Path(path), org)
        except UserError as exc:
            show_user_error(self, exc)
            return
        QMessageBox.information(self, _tr("Rapport opslaan"), _tr("Opgeslagen: %1").replace("%1", str(written)))

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        self.register.close()
        super().closeEvent(event)
