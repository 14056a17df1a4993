"""Models that hand rows to the view a page at a time (ui/models/paged_model.py): a country's 3,321 units are not
laid out at once; Qt's model tester on every page, and a view that fetches the next page as it scrolls."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from dti_desktop.domain.periods import Period
from dti_desktop.domain.units import Unit, UnitKind
from dti_desktop.services.district_board import MISSING, Board, BoardCell
from dti_desktop.ui.models.district_models import BoardModel
from dti_desktop.ui.models.paged_model import PAGE, PagedListModel


class Names(PagedListModel):
    HEADERS = ("Đơn vị",)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        return self._rows[index.row()] if index.isValid() and role == Qt.ItemDataRole.DisplayRole else None


def test_paged_list_model_fetches_a_page_at_a_time(qtmodeltester):
    model = Names()
    names = [f"UBND xã {i}" for i in range(2 * PAGE + 50)]
    model.set_rows(names)
    assert model.rowCount() == PAGE and model.canFetchMore() and model.all_rows() == names
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE and model.index(2 * PAGE - 1, 0).data() == f"UBND xã {2 * PAGE - 1}"
    model.fetch_all()
    assert model.rowCount() == len(names) and not model.canFetchMore()
    qtmodeltester.check(model)
    model.set_rows(names)
    qtmodeltester.check(model)  # the tester fetches too: its inserted rows are checked
    model.set_rows(names[:3])  # a new month: back to its first page
    assert model.rowCount() == 3 and not model.canFetchMore()
    qtmodeltester.check(model)


def _board(count: int) -> Board:
    units = [Unit(f"UBND xã {i:04d}", UnitKind.XA, "Quảng Ninh", False, i) for i in range(1, count + 1)]
    months = [Period(2025, m) for m in range(1, 13)]
    cells = {(u.id, m.key): BoardCell(MISSING) for u in units for m in months}
    return Board(units, months, cells, frozenset(u.id for u in units), 20)


def test_board_model_fetches_units_as_the_view_scrolls(qtmodeltester, qtbot):
    model = BoardModel()
    model.set_board(_board(3 * PAGE + 21))
    assert (model.rowCount(), model.columnCount()) == (PAGE, 13) and model.canFetchMore()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 400)
    view.show()
    for _ in range(5):  # each scroll to the end asks for the next page
        view.scrollToBottom()
        qtbot.wait(20)
    assert model.rowCount() == 3 * PAGE + 21 and not model.canFetchMore()
    assert model.index(3 * PAGE + 20, 0).data() == f"UBND xã {3 * PAGE + 21:04d}"
    assert model.index(3 * PAGE + 20, 1).data() == "Chưa gửi"
    qtmodeltester.check(model)
    model.set_board(_board(2))
    assert model.rowCount() == 2 and not model.canFetchMore()
