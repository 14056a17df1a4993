"""Table models of the consolidating office's workspace: import results, board, one target across units."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.dates import display_moment
from ...domain.package import PackageEntry
from ...domain.report import NOT_REPORTED, TargetAcrossUnits
from ...domain.text import clean
from ...services import district
from ...services.district import Board, ImportOutcome
from ..plain import tip
from .list_model import ListTableModel
from .paged_model import PAGE

RAW_ROLE = Qt.ItemDataRole.UserRole + 1
# green, the neutral grey of "nothing to do" (a package imported before is no failure), amber for a package held for
# the office to decide, red
VERDICT_COLOURS = {district.ACCEPTED: "#d1e7dd", district.ALREADY: "#e2e3e5", district.HELD: "#fff3cd",
                   district.REFUSED: "#f8d7da"}
STATE_COLOURS = {district.ON_TIME: "#d1e7dd", district.LATE: "#fff3cd", district.MISSING: "#f8d7da",
                 district.NOT_DUE: "#f8f9fa", district.NOT_EXPECTED: "#e2e3e5"}


class ImportResultModel(ListTableModel):
    """One row per file: accepted or refused, and why."""

    HEADERS = ("Tệp", "Kết quả", "Đơn vị", "Kỳ", "Lần gửi", "Ghi chú")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        o: ImportOutcome = self._rows[index.row()]
        if role == RAW_ROLE:
            return o
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 1:
            return QBrush(QColor(VERDICT_COLOURS[o.verdict]))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            period = f"{o.period[5:]}/{o.period[:4]}" if o.period else ""
            text = (o.file.name, o.verdict, o.unit, period, f"r{o.revision}" if o.revision else "",
                    o.message)[index.column()]
            return text if role == Qt.ItemDataRole.DisplayRole else tip(text)  # a package's words, never HTML
        return None


class BoardModel(QAbstractTableModel):
    """Units × months, coloured by state, with revision and date received; units handed to the view a page at a
    time (fetchMore: a country's 3,321 units)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._board: Board | None = None
        self._shown = 0  # units fetched by the view so far
        self._fetching = False  # no page asked for while one goes in (paged_model.PagedListModel)

    def set_board(self, board: Board) -> None:
        self._fetching = True  # nothing fetched from within the reset's signals: views fetch when they lay out
        try:
            self.beginResetModel()
            self._board = board
            self._shown = min(PAGE, len(board.units))
            self.endResetModel()
        finally:
            self._fetching = False

    @property
    def board(self) -> Board | None:
        return self._board

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self._board is None else self._shown

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802 (Qt API)
        return (not parent.isValid() and not self._fetching and self._board is not None
                and self._shown < len(self._board.units))

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: N802 (Qt API)
        if not self.canFetchMore(parent):
            return
        end = min(len(self._board.units), self._shown + PAGE)
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), self._shown, end - 1)
            self._shown = end
            self.endInsertRows()
        finally:
            self._fetching = False

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self._board is None else 1 + len(self._board.months)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if self._board is None or role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self._board.header()[section]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._board is None or role not in _BOARD_ROLES:
            return None  # before any look-up: fitting widths asks each cell for roles the board has not
        unit = self._board.units[index.row()]
        if index.column() == 0:
            return unit.name if role == Qt.ItemDataRole.DisplayRole else \
                tip(unit.name) if role == Qt.ItemDataRole.ToolTipRole else None
        cell = self._board.cells[(unit.id, self._board.months[index.column() - 1].key)]
        if role == Qt.ItemDataRole.DisplayRole:
            short = {district.ON_TIME: "Đúng hạn", district.LATE: "Muộn", district.MISSING: "Chưa gửi",
                     district.NOT_DUE: "—", district.NOT_EXPECTED: "Không theo dõi"}[cell.state]
            text = f"{short} r{cell.revision}" if cell.revision else short
            return text + " (!)" if cell.flagged else text  # the unit's claimed time far from the receipt
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(cell.text())  # the reopen reason a unit wrote
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STATE_COLOURS[cell.state]))
        return None


_BOARD_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole)


class TargetAcrossUnitsModel(ListTableModel):
    """Every unit's result on one target."""

    HEADERS = ("Đơn vị", "Kết quả", "Tình trạng", "Đánh giá", "Minh chứng", "Khó khăn, nguyên nhân, đề xuất")
    COL_EVIDENCE, COL_REMARKS = 4, 5
    _target: TargetAcrossUnits | None = None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        unit, line = self._rows[index.row()]
        status = line.status_text(NOT_REPORTED) if self._target is None or self._target.expects(unit, line) \
            else "Không giao"
        # one line a row in the table (a second line was cut off), a line a part in the tooltip
        sep = "; " if role == Qt.ItemDataRole.DisplayRole else "\n"
        evidence = sep.join(part for part in line.evidence_text().splitlines() if part.strip())
        text = (unit, line.result_text(), status, line.assessment_with_reason(), evidence,
                sep.join(remarks(line.entry)))[index.column()]
        return text if role == Qt.ItemDataRole.DisplayRole else tip(text)

    def set_target(self, target: TargetAcrossUnits | None) -> None:
        self._target = target
        self.set_rows(list(target.lines) if target else [])


class HeldModel(ListTableModel):
    """Packages held for the office to decide (units it does not know), and those it decided."""

    HEADERS = ("Số", "Tệp", "Đơn vị", "Địa bàn", "Kỳ", "Lần gửi", "Nhận lúc", "Tình trạng", "Lý do")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        h = self._rows[index.row()]
        if role == RAW_ROLE:
            return h
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            why = h.decision_note or h.reason
            text = (str(h.id), h.file_name, h.unit, h.district, f"{h.period[5:]}/{h.period[:4]}", f"r{h.revision}",
                    display_moment(h.received_at), h.status, why)[index.column()]
            return text if role == Qt.ItemDataRole.DisplayRole else tip(text)  # a package's words, never HTML
        return None


REMARK_LABELS = (("difficulties", "Khó khăn"), ("causes", "Nguyên nhân"), ("proposals", "Đề xuất"))


def remarks(entry: PackageEntry | None) -> list[str]:
    """A unit's difficulties, their causes and its proposals, each labelled: the causes were left out, and
    unlabelled parts could not be told apart."""
    if entry is None:
        return []
    return [f"{label}: {text}" for field, label in REMARK_LABELS if (text := clean(getattr(entry, field)))]
