"""History of one entry: when, who, what, old → new."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt

from ..plain import tip
from .list_model import ListTableModel

if TYPE_CHECKING:  # the history's module loads when the tab first shows
    from ...services.history import HistoryItem


class HistoryTableModel(ListTableModel):
    COL_WHEN, COL_WHO, COL_WHAT, COL_OLD, COL_NEW = range(5)
    HEADERS = ("Thời gian", "Người sửa", "Nội dung", "Giá trị cũ", "Giá trị mới")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        item: HistoryItem = self._rows[index.row()]
        text = (item.when, item.who, item.what, item.old, item.new)[index.column()]
        return text if role == Qt.ItemDataRole.DisplayRole else tip(text)
