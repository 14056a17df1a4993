"""History of one entry: when, who, what, old → new."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ...services.workspace import HistoryItem


class HistoryTableModel(QAbstractTableModel):
    COL_WHEN, COL_WHO, COL_WHAT, COL_OLD, COL_NEW = range(5)
    HEADERS = ("Thời gian", "Người sửa", "Nội dung", "Giá trị cũ", "Giá trị mới")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[HistoryItem] = []

    def set_rows(self, items: list[HistoryItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        item = self._items[index.row()]
        return (item.when, item.who, item.what, item.old, item.new)[index.column()]
