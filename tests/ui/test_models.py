"""The Qt models over the store, checked with QAbstractItemModelTester (kept alive for the whole test, so it checks
every change the test makes; a tester that is not assigned is collected at once and checks nothing)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, qInstallMessageHandler
from PySide6.QtTest import QAbstractItemModelTester

from criteria_library.models import Status

pytestmark = pytest.mark.gui


class CheckedModel:
    """Attach QAbstractItemModelTester to a model for the life of this object; `failures` lists what it found.

    Warning mode (Fatal would abort the whole test run) with Qt's messages collected by our own handler.
    """

    def __init__(self, model) -> None:
        self.messages: list[str] = []
        self._previous = qInstallMessageHandler(lambda _mode, _context, message: self.messages.append(message))
        self.tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)

    @property
    def failures(self) -> list[str]:
        return [m for m in self.messages if "FAIL" in m]

    def close(self) -> None:
        qInstallMessageHandler(self._previous)


@pytest.fixture
def check_model():
    """check_model(model) -> CheckedModel; the message handler is restored after the test."""
    made: list[CheckedModel] = []

    def attach(model) -> CheckedModel:
        made.append(CheckedModel(model))
        return made[-1]

    yield attach
    for checked in reversed(made):
        checked.close()


class _BrokenModel(QAbstractListModel):
    """Says it has rows but hands out invalid data for them, and grows without telling views."""

    def __init__(self) -> None:
        super().__init__()
        self.rows = 3

    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.rows

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return f"rij {index.row()}"  # for every role, also where Qt expects a size, a font or a colour

    def grow_silently(self) -> None:
        self.rows += 2
        self.layoutChanged.emit()  # wrong: new rows need beginInsertRows/endInsertRows

    def index(self, row, column=0, parent=QModelIndex()):  # noqa: B008
        return self.createIndex(row, column) if column == 0 else QModelIndex()  # no bounds check


def test_the_kept_tester_catches_a_broken_model(app, check_model):
    model = _BrokenModel()
    checked = check_model(model)
    model.grow_silently()
    assert checked.failures, "QAbstractItemModelTester found nothing wrong with a broken model"


def test_package_model_passes_the_model_tester(app, fresh_db, check_model):
    from ui.criteria_table_model import PackageListModel

    model = PackageListModel(fresh_db)
    checked = check_model(model)
    assert model.rowCount() == 1 + len(fresh_db.packages())
    assert model.data(model.index(0, 0)).startswith("Alle inkooppakketten")
    counts = fresh_db.package_counts()
    row = model.row_of("meubilair")
    assert model.data(model.index(row, 0)).endswith(f"({counts['meubilair']})")
    model.reload()
    assert model.rowCount() == 1 + len(fresh_db.packages())
    assert checked.failures == []


def test_criteria_model_passes_the_model_tester_and_fetches_lazily(app, fresh_db, check_model):
    from ui.criteria_table_model import CriteriaTableModel

    lazy = CriteriaTableModel(fresh_db)  # no tester on this one: the tester itself asks for data
    lazy.set_ids(fresh_db.criterion_ids())
    assert lazy.rowCount() == len(fresh_db.criterion_ids()) and not lazy._cache  # nothing fetched until asked
    model = CriteriaTableModel(fresh_db)
    checked = check_model(model)
    ids = fresh_db.criterion_ids()
    model.set_ids(ids)
    assert model.rowCount() == len(ids)
    assert model.data(model.index(0, 0)) == ids[0]
    assert model.data(model.index(0, 1)) == fresh_db.criterion(ids[0]).title
    model.sort(1, Qt.SortOrder.AscendingOrder)
    titles = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    model.sort(3, Qt.SortOrder.DescendingOrder)
    levels = [model.criterion_at(r).level for r in range(model.rowCount())]
    assert levels == sorted(levels, reverse=True)
    model.set_ids(ids[:2])
    assert model.rowCount() == 2
    assert checked.failures == []  # every reset, sort and fetch above went through the tester


def test_retired_rows_are_greyed(app, fresh_db):
    from ui.criteria_table_model import CriteriaTableModel

    cid = fresh_db.criterion_ids()[0]
    fresh_db.set_status(cid, Status.RETIRED)
    model = CriteriaTableModel(fresh_db)
    model.set_ids([cid])
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole).color().name() == "#767676"  # grey
    live = [c for c in fresh_db.criterion_ids() if c != cid][0]
    model.set_ids([cid, live])
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is None  # the palette's own colour
    assert model.data(model.index(0, 5)) == "Ingetrokken"


def test_register_model_passes_the_model_tester(app, qtbot, library, tmp_path, check_model):
    """The Monitoring window's record table was never under the tester; it is now, through a reload, a delete with
    undo and a rule change, and it shows values as Dutch amounts."""
    from tender_assistant.monitoring.demo_register import demo_records
    from tender_assistant.monitoring.register_store import RegisterStore
    from ui.monitoring_window import MonitoringWindow

    path = tmp_path / "register.db"
    with RegisterStore.open(path) as register:
        register.add_new(demo_records(library))
    window = MonitoringWindow(library, path)
    qtbot.addWidget(window)
    checked = check_model(window.model)
    window.refresh()
    assert window.model.rowCount() > 0
    window.table.selectRow(0)
    window.act_delete.trigger()
    window.act_undo.trigger()
    window.min_weight.setValue(10)
    value = window.model.data(window.model.index(0, window.model.VALUE))
    assert value.startswith("€ ") and "," not in value
    assert not checked.failures, checked.failures
