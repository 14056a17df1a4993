"""Changes made to a catalogue in the program: when, who, which item, what, old → new."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from ...domain.annex_edit import CatalogueChange, describe_action, describe_item, shown_value
from ...domain.dates import display_moment
from ..plain import tip
from .list_model import ListTableModel

RAW_ROLE = Qt.ItemDataRole.UserRole + 1


class CatalogueHistoryModel(ListTableModel):
    """Rows are domain.annex_edit.CatalogueChange, newest first."""

    COL_WHEN, COL_WHO, COL_ITEM, COL_WHAT, COL_OLD, COL_NEW = range(6)
    HEADERS = ("Thời gian", "Người sửa", "Mục", "Thay đổi", "Giá trị cũ", "Giá trị mới")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        change: CatalogueChange = self._rows[index.row()]
        if role == RAW_ROLE:
            return change
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        text = (display_moment(change.changed_at), change.changed_by, describe_item(change), describe_action(change),
                shown_value(change, change.old_value), shown_value(change, change.new_value))[index.column()]
        return text if role == Qt.ItemDataRole.DisplayRole else tip(text)  # an annex's words, never HTML
