"""The rows an annex file was read into, for the review before saving: kind, place, TT, text, goals, doubt.

Targets and groups carry a check box (keep or skip); rows the reader skipped are shown greyed with their reason;
a row with a doubt is highlighted and says why in its last column.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ...domain.annex_reading import ReadRow, RowKind
from ..plain import tip
from .list_model import ListTableModel

RAW_ROLE = Qt.ItemDataRole.UserRole + 1
_DOUBT = QColor("#fff3cd")
_SKIPPED = QColor("#6c757d")
_HEADING = QColor("#e7f1ff")


class AnnexReviewModel(ListTableModel):
    """ReadRows; `keep_changed` tells the dialog to recompute what saving would do."""

    COL_KEEP, COL_PLACE, COL_KIND, COL_TT, COL_TEXT, COL_LEAD, COL_GOAL, COL_DOUBT = range(8)
    HEADERS = ("Nhập", "Vị trí", "Loại", "TT", "Nội dung", "Cơ quan chủ trì", "Mục tiêu tỉnh / địa phương",
               "Cần xem lại")
    keep_changed = Signal()

    def rows(self) -> list[ReadRow]:
        return list(self._rows)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row: ReadRow = self._rows[index.row()]
        col = index.column()
        if role == RAW_ROLE:
            return row
        if role == Qt.ItemDataRole.CheckStateRole and col == self.COL_KEEP and _checkable(row):
            return Qt.CheckState.Checked if row.keep else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(row, col)
            if role == Qt.ItemDataRole.DisplayRole:
                return text
            if col == self.COL_KEEP:  # tooltips hold the file's words: never HTML
                return tip("Bỏ dấu để không nhập dòng này" if _checkable(row) else row.title)
            return tip(row.place.text() if col == self.COL_PLACE else text)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.doubt:
                return QBrush(_DOUBT)
            if row.kind in (RowKind.PART, RowKind.GROUP):
                return QBrush(_HEADING)
        if role == Qt.ItemDataRole.ForegroundRole and (row.kind is RowKind.SKIPPED or not row.keep):
            return QBrush(_SKIPPED)
        return None

    @staticmethod
    def _text(row: ReadRow, col: int) -> str:
        t = row.target
        if col == AnnexReviewModel.COL_PLACE:  # the sheet or table is named above the list; here its row
            return f"dòng {row.place.row}" if row.place.row else row.place.container
        if col == AnnexReviewModel.COL_KIND:
            return row.kind.label if row.keep or row.kind is RowKind.SKIPPED else f"{row.kind.label} (bỏ qua)"
        if col == AnnexReviewModel.COL_TT:
            return t.tt if t else row.no
        if col == AnnexReviewModel.COL_TEXT:
            if t:
                return t.text
            return row.title if row.kind is not RowKind.SKIPPED else f"{row.title}: {' | '.join(row.cells)}"
        if col == AnnexReviewModel.COL_LEAD:
            return t.lead if t else ""
        if col == AnnexReviewModel.COL_GOAL:
            return f"{t.province_goal or '-'} / {t.local_goal or '-'}" if t else ""
        if col == AnnexReviewModel.COL_DOUBT:
            return row.doubt
        return ""

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.COL_KEEP and _checkable(self._rows[index.row()]):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 (Qt API)
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != self.COL_KEEP:
            return False
        row = self._rows[index.row()]
        if not _checkable(row):
            return False
        keep = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self._rows[index.row()] = replace(row, keep=keep)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        self.keep_changed.emit()
        return True


def _checkable(row: ReadRow) -> bool:
    return row.kind in (RowKind.TARGET, RowKind.GROUP)
