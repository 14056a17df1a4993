"""The officer's table model: filters, sorting and the selection that follows the rows."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView

from dti_desktop.domain.periods import Period
from dti_desktop.ui.models.workspace_table_model import NO_ENTRY, RAW_ROLE, WorkspaceTableModel

T = WorkspaceTableModel


def _rows(unit):
    from dti_desktop.services import workspace

    return workspace.rows(unit.db, workspace.context(unit.db), Period(2025, 3))


def _codes(model) -> list[str]:
    return [model.index(r, T.COL_TT).data() for r in range(model.rowCount())]


def test_plan_order_then_any_column_either_way(mao_khe):
    model = WorkspaceTableModel()
    model.set_rows(_rows(mao_khe))
    assert model.rowCount() == model.total() == 27
    plan_order = _codes(model)
    assert plan_order[:11] == [str(i) for i in range(1, 12)]  # TT in the plan's order, not "10" < "2"
    model.sort(T.COL_TT, Qt.SortOrder.DescendingOrder)
    assert _codes(model) == plan_order[::-1]
    model.sort(T.COL_STATUS, Qt.SortOrder.AscendingOrder)
    statuses = [model.index(r, T.COL_STATUS).data() for r in range(model.rowCount())]
    assert statuses == sorted(statuses)
    assert model.index(0, T.COL_STATUS).data() == "Chưa có kết quả"
    assert "Hoàn thành" in statuses[-3:]


def test_filters_combine_and_search_ignores_accents(mao_khe):
    model = WorkspaceTableModel()
    model.set_rows(_rows(mao_khe))
    model.set_search("chu ky so")
    assert _codes(model) == ["17"]
    model.set_search("")
    model.set_status("hoan_thanh")
    assert _codes(model) == ["6"]
    model.set_status(NO_ENTRY)
    assert model.rowCount() == 25 and "6" not in _codes(model) and "9" not in _codes(model)
    model.set_status(None)
    group = model.index(0, T.COL_TT).data(RAW_ROLE).group_label
    model.set_group(group)
    assert model.rowCount() < 27 and all(model.row_at(r).group_label == group for r in range(model.rowCount()))


def test_selection_follows_its_row_and_goes_when_filtered_out(qtbot, mao_khe):
    model = WorkspaceTableModel()
    model.set_rows(_rows(mao_khe))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    r9 = _codes(model).index("9")
    view.selectionModel().setCurrentIndex(model.index(r9, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    model.sort(T.COL_TT, Qt.SortOrder.DescendingOrder)
    assert view.currentIndex().data(RAW_ROLE).code == "9" and view.currentIndex().row() == 26 - r9
    model.set_search("chu ky so")  # 9 is filtered out
    assert not view.currentIndex().isValid()


def test_a_saved_row_moves_out_of_a_filter_it_no_longer_matches(mao_khe):
    from dataclasses import replace

    from dti_desktop.domain.progress import Status

    model = WorkspaceTableModel()
    rows = _rows(mao_khe)
    model.set_rows(rows)
    model.set_status(NO_ENTRY)
    before = model.rowCount()
    row17 = next(r for r in rows if r.code == "17")
    entry = replace(_entry(row17), status=Status.DANG_TRIEN_KHAI)
    model.replace_row(replace(row17, entry=entry))
    assert model.rowCount() == before - 1 and "17" not in _codes(model)
    assert model.total() == 27


def _entry(row):
    from dti_desktop.services import workspace

    return workspace.blank_entry(row, Period(2025, 3))
