"""The office's roster window ("Danh sách đơn vị"): the units expected in a year, and the edits the office asks for.

The dialog saves nothing: each button gives a RosterEdit (edit_requested) that its owner carries out through
services.roster and answers with set_roster(); the names it shows are as written (plain text).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.dates import display_moment
from ..services.roster import Roster, RosterUnit
from . import messages
from .models.district_models import RAW_ROLE
from .models.list_model import ListTableModel
from .plain import tip

ADD, RENAME, RETIRE, MERGE, IMPORT = "add", "rename", "retire", "merge", "import"


@dataclass(frozen=True)
class RosterEdit:
    """An edit the office asked for: `names` the units chosen (or typed), `new_name` the name they become."""

    action: str
    year: int
    names: tuple[str, ...] = ()
    new_name: str = ""
    reason: str = ""
    path: str = ""
    replace: bool = False


class RosterModel(ListTableModel):
    """The year's units: name, kind, whether still expected (and, if not, since when and why)."""

    HEADERS = ("Đơn vị", "Loại", "Tình trạng")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r: RosterUnit = self._rows[index.row()]
        if role == RAW_ROLE:
            return r
        if role == Qt.ItemDataRole.ForegroundRole and not r.active:
            from PySide6.QtGui import QBrush, QColor

            return QBrush(QColor("#6c757d"))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            state = "Đang theo dõi" if r.active else (
                f"Thôi theo dõi từ {display_moment(r.retired_at)}" + (f": {r.retire_reason}" if r.retire_reason else ""))
            text = (r.unit.name, r.unit.kind.label, state)[index.column()]
            return text if role == Qt.ItemDataRole.DisplayRole else tip(text)
        return None


class RosterDialog(QDialog):
    """A year's roster with its history; year_changed(year) asks its owner for another year's."""

    edit_requested = Signal(object)  # RosterEdit
    year_changed = Signal(int)

    def __init__(self, roster: Roster, history: list, years: list[int], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Danh sách đơn vị cơ quan tổng hợp chờ báo cáo")
        self.resize(980, 620)
        self.roster = roster
        self.model = RosterModel(self)
        self.year = QComboBox()
        for y in years:
            self.year.addItem(f"Năm {y}", y)
        self.year.currentIndexChanged.connect(lambda: self.year_changed.emit(self.year.currentData()))
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.show_retired = QCheckBox("Hiện cả đơn vị đã thôi theo dõi")
        self.show_retired.toggled.connect(lambda: self.set_roster(self.roster, self._history))
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history = QPlainTextEdit()
        self.history.setReadOnly(True)
        self.history.setPlaceholderText("Chưa sửa lần nào.")
        self.replace_box = QCheckBox("Khi nhập: đơn vị không có trong tệp thôi theo dõi năm này")
        self._history: list = []
        self._build()
        self.set_roster(roster, history)

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Danh sách của:"))
        top.addWidget(self.year)
        top.addWidget(self.state, 1)
        self.buttons = {}
        actions = QHBoxLayout()
        for key, text, tooltip in (
                (ADD, "Thêm đơn vị…", "Thêm một đơn vị vào danh sách của năm"),
                (RENAME, "Đổi tên…", "Đổi tên đơn vị đã chọn (gói gửi theo tên cũ vẫn được tính)"),
                (RETIRE, "Thôi theo dõi…", "Đơn vị đã chọn không còn phải báo cáo từ năm này (vẫn lưu lịch sử)"),
                (MERGE, "Gộp…", "Các đơn vị đã chọn gộp thành một (xã, phường sáp nhập)"),
                (IMPORT, "Nhập từ Excel…", "Nhập danh sách từ tệp .xlsx có cột “Tên đơn vị”")):
            button = QPushButton(text)
            button.setToolTip(tooltip)
            button.clicked.connect(lambda _=False, k=key: self._ask(k))
            self.buttons[key] = button
            actions.addWidget(button)
        actions.addStretch(1)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        actions.addWidget(close)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        history = QVBoxLayout()
        box = QLabel("Lịch sử sửa danh sách của năm:")
        page = QWidget()
        page.setLayout(history)
        history.setContentsMargins(0, 0, 0, 0)
        history.addWidget(box)
        history.addWidget(self.history)
        split.addWidget(page)
        split.setSizes([420, 140])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        row = QHBoxLayout()
        row.addWidget(self.show_retired)
        row.addStretch(1)
        row.addWidget(self.replace_box)
        layout.addLayout(row)
        layout.addWidget(split, 1)
        layout.addLayout(actions)

    def set_roster(self, roster: Roster, history: list) -> None:
        """Show a year's roster (after an edit, or another year chosen)."""
        self.roster, self._history = roster, history
        self.year.blockSignals(True)
        if self.year.findData(roster.year) < 0:
            self.year.addItem(f"Năm {roster.year}", roster.year)
        self.year.setCurrentIndex(self.year.findData(roster.year))
        self.year.blockSignals(False)
        shown = [u for u in roster.units if u.active or self.show_retired.isChecked()]
        self.model.set_rows(shown)
        self.view.resizeColumnToContents(1)
        retired = len(roster.units) - len(roster.expected())
        text = f"{len(roster.expected())} đơn vị đang được chờ báo cáo" + (
            f"; {retired} đơn vị đã thôi theo dõi" if retired else "")
        if not roster.started:
            text += f" (đề xuất: {roster.source}; được lưu khi sửa lần đầu)"
        if not roster.units:
            text = "Chưa có đơn vị nào: thêm từng đơn vị hoặc nhập danh sách từ tệp Excel."
        self.state.setText(text)
        self.history.setPlainText("\n".join(
            f"{display_moment(c.at)} — {c.who or '-'}: {c.text()}"
            for c in history))

    def chosen(self) -> list[RosterUnit]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.index(r, 0).data(RAW_ROLE) for r in rows]

    def _ask(self, action: str) -> None:
        """Ask what the edit needs (a name, a reason, a file), then hand it over; nothing when cancelled."""
        edit = self._edit(action)
        if edit is not None:
            self.edit_requested.emit(edit)

    def _edit(self, action: str) -> RosterEdit | None:
        year, chosen = self.roster.year, [u.unit.name for u in self.chosen()]
        if action == ADD:
            name = messages.ask_text(self, "Thêm đơn vị", "Tên đơn vị (ví dụ “UBND xã Bình Khê”):")
            return RosterEdit(ADD, year, (name,)) if name else None
        if action == IMPORT:
            path = messages.open_file(self, "Chọn tệp danh sách đơn vị (.xlsx)")
            return RosterEdit(IMPORT, year, path=path, replace=self.replace_box.isChecked()) if path else None
        wanted = 2 if action == MERGE else 1
        if len(chosen) < wanted or (action == RENAME and len(chosen) != 1):
            messages.info(self, "Danh sách đơn vị", "Hãy chọn hai đơn vị trở lên để gộp (giữ Ctrl khi bấm)."
                          if action == MERGE else "Hãy chọn một đơn vị trong danh sách.")
            return None
        if action == RENAME:
            name = messages.ask_text(self, "Đổi tên đơn vị", f"Tên mới của “{chosen[0]}”:")
            return RosterEdit(RENAME, year, tuple(chosen), new_name=name) if name else None
        if action == RETIRE:
            reason = messages.ask_text(self, "Thôi theo dõi", f"Lý do {', '.join(chosen)} thôi báo cáo từ năm {year} "
                                                               "(ví dụ “sáp nhập theo NQ 1679”):")
            return RosterEdit(RETIRE, year, tuple(chosen), reason=reason) if reason is not None else None
        name = messages.ask_text(self, "Gộp đơn vị", f"Tên đơn vị sau khi gộp {', '.join(chosen)}:")
        return RosterEdit(MERGE, year, tuple(chosen), new_name=name) if name else None
