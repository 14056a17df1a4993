"""The officer's table: assigned targets with the chosen month's status and result."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.progress import Assessment, Status
from ...domain.text import fold
from ...domain.workspace import TargetStatusRow
from ..plain import tip

RAW_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_DISPLAY, _BACKGROUND, _TOOLTIP, _FOREGROUND, _ALIGNMENT = (
    int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole,
                     Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole))
_SERVED = frozenset((_DISPLAY, _BACKGROUND, _TOOLTIP, _FOREGROUND, _ALIGNMENT, RAW_ROLE))
NO_ENTRY = "none"

STATUS_COLOURS = {
    None: "#e9ecef",
    Status.CHUA_TRIEN_KHAI: "#f8d7da",
    Status.DANG_TRIEN_KHAI: "#fff3cd",
    Status.HOAN_THANH: "#d1e7dd",
}
ASSESSMENT_COLOURS = {Assessment.DAT: "#d1e7dd", Assessment.KHONG_DAT: "#f8d7da"}


_ROOT = QModelIndex()
_COLUMNS = 9


def status_text(status: Status | None) -> str:
    return status.label if status else "Chưa có kết quả"


class WorkspaceTableModel(QAbstractTableModel):
    """TT, Nhóm, Mục tiêu, Mục tiêu giao, Kết quả, Tình trạng, Đánh giá, Minh chứng, Cập nhật.

    Filters (status, group, accent-free search) and sorting are done here rather than in a
    QSortFilterProxyModel: the proxy's extra round trip for every cell painted doubled the
    cost of repainting the table (17 against 9 ms), the bulk of switching the month.
    """

    (COL_TT, COL_GROUP, COL_TEXT, COL_GOAL, COL_VALUE, COL_STATUS, COL_ASSESSMENT,
     COL_EVIDENCE, COL_UPDATED) = range(9)
    HEADERS = ("TT", "Nhóm", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Tình trạng", "Đánh giá",
               "Tệp", "Cập nhật")
    HEADER_TIPS = {COL_GROUP: "Nhóm chỉ tiêu", COL_EVIDENCE: "Số tệp minh chứng",
                   COL_UPDATED: "Ngày cập nhật kết quả"}
    # Rows of one group share a tint, so the table reads grouped (I, II, III …) in TT order.
    GROUP_TINTS = ("#ffffff", "#f1f5fb")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[TargetStatusRow] = []
        self._all_cells: list[tuple] = []  # per row: (texts, tooltips, backgrounds, group), once per reset
        self._view: list[int] = []  # the shown rows: indices into _all, filtered and sorted
        self._needle: list[str] = []
        self._status: str | None = None  # a Status value, NO_ENTRY, or None for all
        self._group: str | None = None
        self._sort = (self.COL_TT, Qt.SortOrder.AscendingOrder)
        self._first: set[str] = set()  # target codes shown first, whatever the order (a returned month's)

    # -- content ---------------------------------------------------------------------
    def set_rows(self, rows: list[TargetStatusRow]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        groups = {label: i for i, label in enumerate(dict.fromkeys(r.group_label for r in rows))}
        self._all_cells = [self._row_cells(r, groups[r.group_label]) for r in self._all]
        self._view = self._shown()
        self.endResetModel()

    def rows(self) -> list[TargetStatusRow]:
        """Every row of the month, shown or filtered out."""
        return list(self._all)

    def row_at(self, row: int) -> TargetStatusRow:
        """The row shown at `row`."""
        return self._all[self._view[row]]

    def total(self) -> int:
        return len(self._all)

    def replace_row(self, new: TargetStatusRow) -> None:
        """Swap one row (after a save) without resetting the view; filters and order are re-applied."""
        for i, row in enumerate(self._all):
            if row.assignment_id == new.assignment_id:
                self._all[i] = new
                self._all_cells[i] = self._row_cells(new, self._all_cells[i][3])
                if self._shown() != self._view:
                    self._relayout()
                elif i in self._view:
                    r = self._view.index(i)
                    self.dataChanged.emit(self.index(r, 0), self.index(r, _COLUMNS - 1))
                return

    # -- filtering and sorting --------------------------------------------------------
    def set_search(self, text: str) -> None:
        self._needle = fold(text).split()
        self._relayout()

    def set_status(self, status: str | None) -> None:
        if status != self._status:
            self._status = status
            self._relayout()

    def set_group(self, group: str | None) -> None:
        if group != self._group:  # unchanged after a month switch: no second filtering pass
            self._group = group
            self._relayout()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self._relayout()

    def set_first(self, codes: set[str]) -> None:
        """These targets come first (those the office returned with a comment), each part in the chosen order."""
        if codes != self._first:
            self._first = set(codes)
            self._relayout()

    def _accepts(self, row: TargetStatusRow) -> bool:
        if self._status is not None and (row.status.value if row.status else NO_ENTRY) != self._status:
            return False
        if self._group is not None and row.group_label != self._group:
            return False
        return all(word in row.search_key for word in self._needle)

    def _shown(self) -> list[int]:
        column, order = self._sort
        shown = [i for i, row in enumerate(self._all) if self._accepts(row)]
        if column == self.COL_TT:
            key = lambda i: self._all[i].position  # noqa: E731  (the plan's order, not "10" < "9")
        elif column in (self.COL_VALUE, self.COL_EVIDENCE, self.COL_UPDATED):
            key = lambda i: (_sort_value(self._all[i], column, self), self._all[i].position)  # noqa: E731
        else:
            key = lambda i: (self._all_cells[i][0][column], self._all[i].position)  # noqa: E731
        ordered = sorted(shown, key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        if not self._first:
            return ordered
        return sorted(ordered, key=lambda i: self._all[i].code not in self._first)  # stable: each part keeps its order

    def _relayout(self) -> None:
        """New filter or order: rows move, the selection and current row follow them (or go)."""
        self.layoutAboutToBeChanged.emit()
        before = self._view
        self._view = self._shown()
        where = {source: r for r, source in enumerate(self._view)}
        old = self.persistentIndexList()
        new = []
        for index in old:
            r = where.get(before[index.row()]) if 0 <= index.row() < len(before) else None
            new.append(QModelIndex() if r is None else self.index(r, index.column()))
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    # -- QAbstractTableModel ---------------------------------------------------------
    def rowCount(self, parent: QModelIndex = _ROOT) -> int:  # noqa: N802  (called thousands of times a paint)
        return len(self._view) if parent is _ROOT or not parent.isValid() else 0

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:  # noqa: N802
        return _COLUMNS if parent is _ROOT or not parent.isValid() else 0

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS.get(section, self.HEADERS[section])
        return None

    def index(self, row: int, column: int, parent: QModelIndex = _ROOT) -> QModelIndex:
        """One call instead of Qt's hasIndex(), which asks rowCount and columnCount for every cell painted."""
        if 0 <= row < len(self._view) and 0 <= column < _COLUMNS and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        # Roles compared as plain ints, the ones never served first out: a paint asks ~7 roles per cell.
        if role not in _SERVED or not index.isValid():
            return None
        source, col = self._view[index.row()], index.column()
        if role == _DISPLAY:
            return self._all_cells[source][0][col]
        if role == _BACKGROUND:
            return self._all_cells[source][2][col]
        if role == RAW_ROLE:
            return self._all[source]
        if role == _TOOLTIP:
            return self._all_cells[source][1][col]
        if role == _FOREGROUND:
            return _DARK if col in (self.COL_STATUS, self.COL_ASSESSMENT) else None
        return _CENTER if col in (self.COL_TT, self.COL_EVIDENCE) else None  # _ALIGNMENT

    def _row_cells(self, row: TargetStatusRow, group: int) -> tuple:
        """Everything a paint asks for, computed once: painting then costs a tuple lookup per cell."""
        texts = tuple(self._text(row, col) for col in range(len(self.HEADERS)))
        tips = list(texts)
        tips[self.COL_TEXT] = row.target.text
        tips[self.COL_GROUP] = row.group_label
        tips[self.COL_VALUE] = row.latest_value()
        tint = _brush(self.GROUP_TINTS[group % 2])
        backgrounds = [tint] * len(self.HEADERS)
        backgrounds[self.COL_STATUS] = _brush(STATUS_COLOURS[row.status])
        if row.assessment in ASSESSMENT_COLOURS:
            backgrounds[self.COL_ASSESSMENT] = _brush(ASSESSMENT_COLOURS[row.assessment])
        return texts, tuple(map(tip, tips)), tuple(backgrounds), group  # a catalogue's words, never HTML

    def _text(self, row: TargetStatusRow, col: int) -> str:
        t, entry = row.target, row.entry
        if col == self.COL_TT:
            return row.code
        if col == self.COL_GROUP:
            return row.group_no or "—"
        if col == self.COL_TEXT:
            return t.text
        if col == self.COL_GOAL:
            return row.goal_label
        if col == self.COL_VALUE:
            return row.latest_value(short=True)
        if col == self.COL_STATUS:
            return status_text(row.status)
        if col == self.COL_ASSESSMENT:
            return row.assessment.label if entry and row.assessment is not Assessment.NONE else ""
        if col == self.COL_EVIDENCE:
            return str(row.evidence_count) if row.evidence_count else ""
        if entry and entry.updated_at:
            return datetime.fromisoformat(entry.updated_at).strftime("%d/%m/%Y")
        return ""


def _sort_value(row: TargetStatusRow, column: int, model: WorkspaceTableModel) -> tuple:
    """What a column sorts by where its text would mislead: dates (dd/MM/yyyy), numbers ("100" < "31,5"),
    evidence counts ("10" < "9"). Rows without a value come first when ascending."""
    entry = row.entry
    if column == model.COL_EVIDENCE:
        return (row.evidence_count,)
    if column == model.COL_UPDATED:
        return (entry.updated_at if entry else "",)
    values = [entry.values[p].effective for p in sorted(entry.values)] if entry else []
    numbers = tuple(v for v in values if v is not None)
    return (bool(numbers), numbers)


_BRUSHES: dict[str, QBrush] = {}
_DARK = QBrush(QColor("#212529"))
_CENTER = int(Qt.AlignmentFlag.AlignCenter)


def _brush(colour: str) -> QBrush:
    if colour not in _BRUSHES:
        _BRUSHES[colour] = QBrush(QColor(colour))
    return _BRUSHES[colour]
