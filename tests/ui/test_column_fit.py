"""Columns fitted only when a table is on screen (ui/column_fit.py): a hidden table is fitted when next shown."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView, QTabWidget

from dti_desktop.ui.column_fit import fit_columns

LONG = "UBND phường Hồng Hải, thành phố Hạ Long, tỉnh Quảng Ninh"


def _view() -> QTableView:
    model = QStandardItemModel(0, 1)
    model.appendRow(QStandardItem(LONG))
    view = QTableView()
    view.setModel(model)
    return view


def test_a_hidden_table_is_fitted_when_shown_and_a_shown_one_at_once(qtbot):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    shown, hidden = _view(), _view()
    tabs.addTab(shown, "Tháng đang chọn")
    tabs.addTab(hidden, "Cả năm")
    tabs.resize(1000, 400)
    tabs.show()
    qtbot.waitExposed(tabs)
    default = hidden.columnWidth(0)
    fit_columns(shown)
    fit_columns(hidden)
    wide = shown.columnWidth(0)
    assert wide > default and hidden.columnWidth(0) == default  # nothing measured off screen
    tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: hidden.columnWidth(0) == wide)
    hidden.setColumnWidth(0, 50)  # the officer narrows it: shown again, it is not fitted again
    tabs.setCurrentIndex(0)
    tabs.setCurrentIndex(1)
    qtbot.wait(20)
    assert hidden.columnWidth(0) == 50


def test_a_stretched_last_column_still_fills_the_table_once_fitted_on_show(qtbot):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    first, hidden = _view(), _view()
    hidden.model().setColumnCount(2)
    hidden.horizontalHeader().setStretchLastSection(True)
    tabs.addTab(first, "Tình hình gửi báo cáo")
    tabs.addTab(hidden, "Trả lời các đơn vị")
    tabs.resize(1000, 400)
    tabs.show()
    qtbot.waitExposed(tabs)
    fit_columns(hidden)
    tabs.setCurrentIndex(1)
    header = hidden.horizontalHeader()
    qtbot.waitUntil(lambda: hidden.columnWidth(0) > 100)  # fitted to the long name
    assert header.sectionSize(0) + header.sectionSize(1) == hidden.viewport().width()


def test_the_app_hands_the_interpreter_back_to_the_window_within_half_a_millisecond(qapp):
    import sys

    from dti_desktop.ui.app import make_app

    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)  # Python's default: each call from Qt into Python waited up to 5 ms
        assert make_app() is qapp and sys.getswitchinterval() <= 0.0005
    finally:
        sys.setswitchinterval(before)
