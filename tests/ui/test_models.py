"""The Qt models over the store, checked with QAbstractItemModelTester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from criteria_library.models import Status

pytestmark = pytest.mark.gui


def test_package_model_passes_the_model_tester(app, fresh_db):
    from ui.criteria_table_model import PackageListModel

    model = PackageListModel(fresh_db)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == 1 + len(fresh_db.packages())
    assert model.data(model.index(0, 0)).startswith("Alle inkooppakketten")
    counts = fresh_db.package_counts()
    row = model.row_of("meubilair")
    assert model.data(model.index(row, 0)).endswith(f"({counts['meubilair']})")
    model.reload()


def test_criteria_model_passes_the_model_tester_and_fetches_lazily(app, fresh_db):
    from ui.criteria_table_model import CriteriaTableModel

    model = CriteriaTableModel(fresh_db)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    ids = fresh_db.criterion_ids()
    model.set_ids(ids)
    assert model.rowCount() == len(ids)
    assert not model._cache  # nothing fetched until a view asks
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


def test_retired_rows_are_greyed(app, fresh_db):
    from ui.criteria_table_model import CriteriaTableModel

    cid = fresh_db.criterion_ids()[0]
    fresh_db.set_status(cid, Status.RETIRED)
    model = CriteriaTableModel(fresh_db)
    model.set_ids([cid])
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(0, 5)) == "Ingetrokken"
