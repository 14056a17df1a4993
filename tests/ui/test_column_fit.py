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
    assert hidden.columnWidth(0) == wide
    hidden.setColumnWidth(0, 50)  # the officer narrows it: shown again, it is not fitted again
    tabs.setCurrentIndex(0)
    tabs.setCurrentIndex(1)
    assert hidden.columnWidth(0) == 50


def test_the_app_hands_the_interpreter_back_to_the_window_within_half_a_millisecond(qapp):
    import sys

    from dti_desktop.ui.app import make_app

    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)  # Python's default: each call from Qt into Python waited up to 5 ms
        assert make_app() is qapp and sys.getswitchinterval() <= 0.0005
    finally:
        sys.setswitchinterval(before)
