"""The office's answers of one month: each unit not sent, received and waiting, accepted, returned, sent again."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.dates import display_date
from ...services import answers
from ..plain import tip
from .district_models import RAW_ROLE
from .paged_model import PagedListModel

STATE_COLOURS = {answers.NOT_SENT: "#f8f9fa", answers.WAITING: "#fff3cd", answers.RESENT: "#ffe5b4",
                 answers.ACCEPTED: "#d1e7dd", answers.RETURNED: "#f8d7da"}


class AnswerStateModel(PagedListModel):
    """Rows: services.answers.AnswerRow, a page at a time."""

    COL_UNIT, COL_STATE, COL_REVISION, COL_RECEIVED, COL_ANSWERED, COL_NOTE = range(6)
    HEADERS = ("Đơn vị", "Tình trạng trả lời", "Lần gửi", "Cơ quan nhận ngày", "Trả lời ngày", "Lý do trả lại")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row: answers.AnswerRow = self._rows[index.row()]
        if role == RAW_ROLE:
            return row
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == self.COL_STATE:
            return QBrush(QColor(STATE_COLOURS[row.state]))
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        text = _TEXTS[index.column()](row)  # the column asked for only: fitting widths asks for many cells
        return text if role == Qt.ItemDataRole.DisplayRole else tip(text)


_TEXTS = (
    lambda row: row.unit,
    lambda row: answers.STATE_LABELS[row.state],
    lambda row: f"r{row.revision}" if row.revision else "",
    lambda row: display_date(row.received_at),
    lambda row: display_date(row.answered_at),
    lambda row: row.note,
)
