"""Table model over a catalogue's targets (one row per target, in print order)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from ...domain.catalogue import Catalogue, Target
from ...domain.text import fold

RAW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class TargetRow:
    """A target with its code and group label, and the folded text the search matches."""

    code: str
    position: int
    group: str
    target: Target
    search_key: str


def rows_of(catalogue: Catalogue) -> list[TargetRow]:
    rows = []
    for i, ((part, group, target), code) in enumerate(zip(catalogue.located_targets(), catalogue.codes())):
        label = f"{group.no} {group.kind.label}".strip() if group.title else (part.key or "")
        key = fold(" ".join((code, target.text, target.lead, target.coordinating, target.local_goal)))
        rows.append(TargetRow(code, i, label, target, key))
    return rows


class TargetTableModel(QAbstractTableModel):
    """TT, Nhóm, Mục tiêu, Cơ quan chủ trì, goals, level."""

    COL_TT, COL_GROUP, COL_TEXT, COL_LEAD, COL_PROVINCE, COL_LOCAL, COL_LEVEL = range(7)
    HEADERS = ("TT", "Nhóm", "Mục tiêu", "Cơ quan chủ trì", "Mục tiêu của tỉnh",
               "Mục tiêu địa phương", "Mức độ")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[TargetRow] = []

    def set_rows(self, rows: list[TargetRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> TargetRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == RAW_ROLE:
            return row
        if role == SORT_ROLE:
            return row.position if col == self.COL_TT else self._text(row, col)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_TT:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, row: TargetRow, col: int) -> str:
        t = row.target
        return (row.code, row.group, t.text, t.lead, t.province_goal, t.local_goal, t.level)[col]


class TargetFilterModel(QSortFilterProxyModel):
    """Accent-insensitive search: "chu ky so" finds "chữ ký số"."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setSortRole(SORT_ROLE)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        if not self._needle:
            return True
        row = self.sourceModel().index(source_row, 0, source_parent).data(RAW_ROLE)
        return all(word in row.search_key for word in self._needle.split())
