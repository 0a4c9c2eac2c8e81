"""Presentation mode: the first F11 enlarges everything, from any window; the wizard grows with the type."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

pytestmark = pytest.mark.gui


def press_f11(widget, qtbot) -> None:
    """F11 as a person presses it: on the window that has the keyboard focus."""
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    QTest.keyClick(widget, Qt.Key.Key_F11)


@pytest.fixture
def presenting(app):
    yield
    from ui import presentation

    presentation.apply(app, False)


def test_the_first_f11_enlarges_the_lists_and_tables_too(make_window, fresh_db, qtbot, presenting):
    window = make_window(fresh_db)
    window.show()
    qtbot.waitExposed(window)
    before = (window.table.font().pointSizeF(), window.package_view.font().pointSizeF())
    press_f11(window, qtbot)
    qtbot.waitUntil(lambda: window.table.font().pointSizeF() > before[0])
    assert window.act_presentation.isChecked()
    assert window.package_view.font().pointSizeF() > before[1]
    qtbot.waitUntil(lambda: window.table.verticalHeader().defaultSectionSize() > window.table.fontMetrics().height())


def test_f11_in_the_wizard_switches_presentation_mode_and_the_wizard_grows(make_window, fresh_db, qtbot,
                                                                           presenting):
    window = make_window(fresh_db)
    window.show()
    wizard = window.new_tender()
    qtbot.waitExposed(wizard)
    area = wizard.screen().availableGeometry()
    size = wizard.size()
    press_f11(wizard, qtbot)
    assert window.act_presentation.isChecked()
    grown = wizard.size()
    assert grown.width() >= size.width() and grown.height() >= size.height()
    assert grown != size or (size.width() >= area.width() or size.height() >= area.height() - 40)
    assert grown.width() <= area.width() and grown.height() <= area.height()
    wizard.dirty = False


def test_the_main_window_fills_the_screen_in_presentation_mode_and_returns_after(make_window, fresh_db, qtbot,
                                                                                presenting):
    """On a projector the room sees the whole screen, not a 1400x860 window with a cut-off title column."""
    window = make_window(fresh_db)
    window.showNormal()
    qtbot.waitExposed(window)
    area = window.screen().availableGeometry()
    window.setGeometry(area.x() + 10, area.y() + 10, area.width() // 2, area.height() // 2)
    before = window.geometry()
    press_f11(window, qtbot)
    qtbot.waitUntil(lambda: window.height() >= area.height() - 80)  # (the offscreen screen is narrower than the
    press_f11(window, qtbot)                                          # window's minimum width, so heights tell)
    qtbot.waitUntil(lambda: window.height() == before.height())
    assert not window.act_presentation.isChecked()


def test_presentation_mode_shows_large_check_boxes_and_disabled_fields_as_disabled(app, qtbot, presenting):
    """On a projector a 13-pixel check box is invisible, and a disabled budget field must not look editable."""
    from PySide6.QtWidgets import QCheckBox, QLineEdit, QStyle, QStyleOptionButton

    from ui import presentation

    presentation.apply(app, True)
    box = QCheckBox("Als concept")
    qtbot.addWidget(box)
    box.show()
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    assert indicator.width() >= presentation.INDICATOR_PX
    enabled, disabled = QLineEdit("€ 350.000"), QLineEdit("€ 350.000")
    disabled.setEnabled(False)
    for edit in (enabled, disabled):
        qtbot.addWidget(edit)
        edit.resize(200, 40)
        edit.show()
    assert enabled.grab().toImage() != disabled.grab().toImage()



def test_settings_fit_1280x720_in_presentation_mode(app, qtbot, fresh_db, tmp_path, presenting):
    """A projector at 1280x720: the Instellingen dialog was 1500 pixels wide (a long check box text cannot wrap)."""
    from ui import presentation
    from ui.settings import AppSettings
    from ui.settings_dialog import SettingsDialog

    presentation.apply(app, True)
    dialog = SettingsDialog(fresh_db, AppSettings(tmp_path))
    qtbot.addWidget(dialog)
    need = dialog.minimumSizeHint()
    assert need.width() <= 1280 and need.height() <= 720 - 40


def test_criteria_table_at_1280x720_in_presentation_mode_keeps_titles_and_headers_readable(make_window, fresh_db,
                                                                                            qtbot, app, presenting):
    from PySide6.QtGui import QFont, QFontMetrics

    from ui import presentation

    window = make_window(fresh_db)
    presentation.apply(app, True)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.splitter.setSizes([270, 650, 360])  # the table's share of a 1280 pixel wide window
    app.processEvents()
    window.criteria_pane.size_columns()
    header = window.table.horizontalHeader()
    bold = QFont(header.font())
    bold.setBold(True)
    fm = QFontMetrics(bold)
    model = window.criteria_model
    for column in range(model.columnCount()):
        if not window.table.isColumnHidden(column):
            name = str(model.headerData(column, Qt.Orientation.Horizontal))
            assert header.sectionSize(column) >= fm.horizontalAdvance(name), f"'{name}' is cut off"
    assert header.sectionSize(1) >= 0.25 * window.table.viewport().width()  # the titles
    assert window.search_edit.width() >= QFontMetrics(window.search_edit.font()).horizontalAdvance("Zoeken")


def _present(window, app, qtbot, width: int, height: int) -> None:
    """The main window at a projector's size in presentation mode, as F11 leaves it (offscreen screens are small,
    so the size is set, not taken from the screen)."""
    window.showNormal()
    qtbot.waitExposed(window)
    window.set_presentation_mode(True)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(width, height)
    for _ in range(3):
        app.processEvents()
    window._widen_package_list()
    app.processEvents()
    window._fit_table_to_font()
    app.processEvents()


def test_presentation_mode_at_1920x1080_shows_whole_package_names_and_kind_level_status_words(
        make_window, library, qtbot, app, presenting):
    """D1: at 1920x1080 the package list lost its counts ('Kantoormeubilair en inrichting (...') and the table read
    'Geschikth...', '2 Ambi...', 'Gepubl...' while the details kept a third of the screen."""
    from criteria_library.models import Kind, Level, Status
    from ui import i18n

    window = make_window(library)
    _present(window, app, qtbot, 1920, 1040)
    view, model = window.package_view, window.packages_model
    line = view.fontMetrics().lineSpacing()
    for row in range(model.rowCount()):
        rect = view.visualRect(model.index(row, 0))
        text = str(model.data(model.index(row, 0)))
        lines = max(1, rect.height() // line)
        assert view.fontMetrics().horizontalAdvance(text) <= (rect.width() - 8) * lines, f"'{text}' is cut off"
    fm = window.table.fontMetrics()
    header = window.table.horizontalHeader()
    for column, words in ((2, [i18n.label(k) for k in Kind]), (3, [f"{int(lv)} {i18n.label(lv)}" for lv in Level]),
                          (5, [i18n.label(s) for s in Status])):
        for word in words:
            assert header.sectionSize(column) >= fm.horizontalAdvance(word) + 8, f"'{word}' is cut off"
    details, table = window.details.width(), window.criteria_pane.width()
    assert details < table / 2  # the table gets the room, not the details


def test_presentation_mode_at_1280x720_keeps_every_toolbar_button_in_sight(make_window, library, qtbot, app,
                                                                           presenting):
    """D1: at 1280x720 Importeren and Exporteren were hidden behind the toolbar's >> button."""
    from PySide6.QtWidgets import QToolButton

    window = make_window(library)
    _present(window, app, qtbot, 1280, 720)
    for action in window.toolbar.actions():
        if action.isSeparator():
            continue
        button = window.toolbar.widgetForAction(action)
        assert button is not None and button.isVisible(), f"'{action.iconText()}' is hidden"
        assert button.geometry().right() <= window.toolbar.width()
    extension = window.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()


@pytest.fixture
def screen_1920(monkeypatch):
    """A 1920x1080 projector's usable area (the offscreen screen is 800x600)."""
    from PySide6.QtCore import QRect

    import ui.screen_fit

    monkeypatch.setattr(ui.screen_fit, "available", lambda _widget: QRect(0, 0, 1920, 1040))


def test_simulator_in_presentation_mode_fills_the_screen_and_its_columns_are_whole(app, qtbot, library, presenting,
                                                                                    screen_1920):
    """D2: the simulator stayed a fixed 980x620 in presentation mode: 'schrijv', 'Inschr...', 'Beoordelingspr' and
    the third criterion column cut off."""
    from criteria_library.models import Kind
    from tender_assistant.tender import Tender, TenderCriterion
    from ui import presentation
    from ui.simulator_dialog import SimulatorDialog

    presentation.apply(app, True)
    tender = Tender(title="Kleding", package="bedrijfskleding", price_weight=40,
                    criteria=[TenderCriterion("BKL-G-01", 20), TenderCriterion("BKL-G-02", 20),
                              TenderCriterion("BKL-G-05", 20)])
    award = [c for c in library.criteria_by_ids(tender.criterion_ids()).values() if c.kind == Kind.AWARD]
    dialog = SimulatorDialog(tender, award)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    app.processEvents()
    assert dialog.width() <= 1920 and dialog.height() <= 1040
    assert dialog.width() >= 0.9 * 1920
    for table in (dialog.bids, dialog.ranking):
        header = table.horizontalHeader()
        fm = header.fontMetrics()
        for column in range(table.columnCount()):
            item = table.horizontalHeaderItem(column)
            longest = max(fm.horizontalAdvance(line) for line in item.text().split("\n"))
            assert header.sectionSize(column) >= longest, f"'{item.text()}' is cut off"
        assert header.length() <= table.viewport().width() + 1, "a column is out of sight"


def test_a_file_dialog_in_presentation_mode_fits_the_screen_and_its_columns_are_whole(app, qtbot, tmp_path,
                                                                                      presenting, screen_1920):
    """D10: the save dialog stayed 690x451 with the large type: 'Groc', 'Datum g', dates '6 1...:56'."""
    from PySide6.QtWidgets import QFileDialog, QTreeView

    from ui import presentation

    (tmp_path / "aanbestedingsleidraad.docx").write_bytes(b"x")
    presentation.apply(app, True)
    dialog = QFileDialog(None, "Opslaan als", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert 1400 <= dialog.width() <= 1920 and dialog.height() <= 1040
    tree = next(v for v in dialog.findChildren(QTreeView) if v.isVisible())
    header = tree.header()
    qtbot.waitUntil(lambda: tree.model().rowCount(tree.rootIndex()) > 0)
    app.processEvents()
    for column in range(1, header.count()):
        if not header.isSectionHidden(column):
            name = str(tree.model().headerData(column, header.orientation()))
            assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(name), f"'{name}' is cut"
    dialog.close()
