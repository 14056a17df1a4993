"""Table models of the office's month: the board of one month (sent, received, due) and the consolidation of every
target across units (targets × units, filtered by group and unit, the shares with their denominators)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...services import district
from ...services.district_board import MonthRow
from ...services.district_matrix import (
    CELL_WORDS,
    NO_VERDICT,
    NOT_ASSIGNED,
    NOT_REACHED,
    NOT_SENT,
    REACHED,
    Consolidation,
    share_text,
)
from ..plain import tip
from .district_models import RAW_ROLE, STATE_COLOURS
from .paged_model import PagedListModel

CELL_COLOURS = {REACHED: "#d1e7dd", NOT_REACHED: "#f8d7da", NO_VERDICT: "#fff3cd", NOT_SENT: "#f8f9fa",
                NOT_ASSIGNED: "#e9ecef"}


_LEVELS = ("thị trấn", "đặc khu", "thị xã", "thành phố", "phường", "xã", "huyện")


def short_name(name: str) -> str:
    """A unit's column header on two lines, without "UBND": "phường\nĐông Triều" (a column of hundreds stays narrow;
    the whole name is in the tooltip)."""
    from ...domain.text import fold

    for prefix in ("UBND ", "Ủy ban nhân dân ", "Uỷ ban nhân dân "):
        if fold(name).startswith(fold(prefix)):
            name = name[len(prefix):]
            break
    level = next((w for w in _LEVELS if fold(name).startswith(fold(w) + " ")), None)
    return f"{name[:len(level)]}\n{name[len(level) + 1:]}" if level else name


class MonthBoardModel(PagedListModel):
    """One row per unit of the month: the roster's units first, "Chưa gửi" included; a page at a time."""

    HEADERS = ("Đơn vị", "Tình trạng", "Lần gửi", "Ngày gửi (đơn vị ghi)", "Ngày nhận (máy cơ quan)", "Hạn gửi",
               "Muộn")
    COL_STATE, COL_LATE = 1, 6

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r: MonthRow = self._rows[index.row()]
        if role == RAW_ROLE:
            return r
        if role == Qt.ItemDataRole.BackgroundRole and (index.column() == self.COL_STATE
                                                       or (index.column() == self.COL_LATE and r.late)):
            return QBrush(QColor(STATE_COLOURS[r.cell.state]))
        if role == Qt.ItemDataRole.FontRole and index.column() == self.COL_LATE and r.late:
            bold = QFont()
            bold.setBold(True)
            return bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(f"{r.unit.name}: {r.cell.text()}")  # a reopen reason a unit wrote: never HTML
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return _MONTH_TEXTS[index.column()](r)  # the column asked for only: fitting widths asks for many cells


_MONTH_TEXTS = (
    lambda r: r.unit.name,
    lambda r: district.STATE_LABELS[r.cell.state] + (" (!)" if r.cell.flagged else ""),
    lambda r: f"r{r.cell.revision}" if r.cell.revision else "",
    lambda r: r.sent_on,
    lambda r: r.received_on,
    lambda r: r.due.strftime("%d/%m/%Y"),
    lambda r: r.late_text(),
)


class ConsolidationModel(QAbstractTableModel):
    """Targets × units of a month. Columns: TT, target, share reached (over the units shown), then one per unit
    shown; a last row gives each unit's share over the targets shown. Cells are read from lists made once per
    filter: nothing is computed or queried per cell drawn."""

    COL_CODE, COL_TEXT, COL_SHARE, FIRST_UNIT = 0, 1, 2, 3
    TOTAL = "Tỷ lệ đạt của đơn vị"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._c: Consolidation | None = None
        self._rows: list[int] = []
        self._columns: list[int] = []
        self._target_shares: list[str] = []
        self._unit_shares: list[str] = []

    @property
    def consolidation(self) -> Consolidation | None:
        return self._c

    def set_consolidation(self, c: Consolidation | None, group: str | None = None, unit: int | None = None) -> None:
        """The table, filtered to a group of targets (None: all) and to one unit (its column index; None: all)."""
        self.beginResetModel()
        self._c = c
        if c is None:
            self._rows, self._columns = [], []
        else:
            self._rows = [i for i, g in enumerate(c.groups) if group is None or g == group]
            self._columns = list(range(len(c.units))) if unit is None else [unit]
            self._target_shares = [share_text(*c.target_share(i, self._columns)) for i in self._rows]
            self._unit_shares = [share_text(*c.unit_share(j, self._rows)) for j in self._columns]
        self.endResetModel()

    def target_index(self, row: int) -> int | None:
        """The consolidation's index of the target on `row` (None: the units' share row)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() or self._c is None else len(self._rows) + 1

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self._c is None else self.FIRST_UNIT + len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if self._c is None or orientation != Qt.Orientation.Horizontal or role not in (
                Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if section < self.FIRST_UNIT:
            return ("TT", "Chỉ tiêu", "Đạt / được giao")[section]
        name = self._c.units[self._columns[section - self.FIRST_UNIT]]
        return short_name(name) if role == Qt.ItemDataRole.DisplayRole else tip(name)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._c is None:
            return None
        row, col = index.row(), index.column()
        if row == len(self._rows):
            return self._total(col, role)
        t = self._rows[row]
        if role == RAW_ROLE:
            return t
        if col >= self.FIRST_UNIT:
            return self._cell(t, self._columns[col - self.FIRST_UNIT], role)
        target = self._c.targets[t]
        if role == Qt.ItemDataRole.DisplayRole:
            return (target.code, target.target_text, self._target_shares[row])[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            words = (f"{target.code}. {target.target_text}\nMục tiêu: {target.goal}",
                     f"{target.target_text}\nNhóm: {self._c.groups[t]}",
                     "Số đơn vị đạt / số đơn vị được giao chỉ tiêu (trong các đơn vị đang hiện)")[col]
            return tip(words)
        return None

    def _cell(self, t: int, u: int, role):
        state = self._c.states[t][u]
        if role == Qt.ItemDataRole.DisplayRole:
            return CELL_WORDS[state]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(CELL_COLOURS[state]))
        if role == Qt.ItemDataRole.ToolTipRole:
            target = self._c.targets[t]
            unit, line = target.lines[u]
            return tip(f"{unit}\n{target.code}: {target.state_text(unit, line)}")  # a unit's words: never HTML
        return None

    def _total(self, col: int, role):
        if role == Qt.ItemDataRole.FontRole:
            bold = QFont()
            bold.setBold(True)
            return bold
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if col == self.COL_TEXT:
            return self.TOTAL if role == Qt.ItemDataRole.DisplayRole else \
                "Số chỉ tiêu đạt / số chỉ tiêu được giao của mỗi đơn vị (trong các chỉ tiêu đang hiện)"
        if col >= self.FIRST_UNIT:
            return self._unit_shares[col - self.FIRST_UNIT]
        return "" if role == Qt.ItemDataRole.DisplayRole else None
