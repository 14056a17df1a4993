"""The checklist before a month is sent: each point met or not, the targets it names (double-click: go there), and,
when sending, the question an incomplete month needs: how many targets are empty, send anyway or not."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from ..domain.month_check import MonthCheck

SEND, GO_TO = "send", "go_to"
OK_COLOUR, TODO_COLOUR = "#d1e7dd", "#fff3cd"
CODES_ROLE = Qt.ItemDataRole.UserRole + 1


class ChecklistDialog(QDialog):
    """Data in (a MonthCheck, whether it comes before sending), a choice out: choice() is SEND, GO_TO (code() names
    the target) or None."""

    def __init__(self, check: MonthCheck, sending: bool, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Kiểm tra trước khi gửi báo cáo {check.period.label.lower()}")
        self._choice: str | None = None
        self._code = ""
        self.heading = QLabel(_heading(check, sending))
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.lines = QListWidget()
        self.lines.setWordWrap(True)
        self.lines.setSpacing(2)
        for line in check.lines():
            item = QListWidgetItem(("✓ " if line.ok else "⚠ ") + line.text)
            item.setBackground(QBrush(QColor(OK_COLOUR if line.ok else TODO_COLOUR)))
            item.setData(CODES_ROLE, line.codes)
            if line.codes:
                item.setToolTip("Nháy đúp để đến chỉ tiêu " + line.codes[0])
            self.lines.addItem(item)
        self.lines.itemDoubleClicked.connect(self._go_to)
        hint = QLabel("Nháy đúp một dòng để đến chỉ tiêu đầu tiên nó nêu.")
        hint.setStyleSheet("color: #495057;")
        self.buttons = QDialogButtonBox()
        self.send_button = None
        if sending:
            text = (f"Vẫn gửi ({len(check.empty)} chỉ tiêu chưa có kết quả)" if check.empty else "Gửi báo cáo")
            self.send_button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
            later = self.buttons.addButton("Để sau", QDialogButtonBox.ButtonRole.RejectRole)
            (later if check.empty else self.send_button).setDefault(True)  # Enter never sends an incomplete month
        else:
            self.buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.lines, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.resize(620, 360)

    def send(self) -> None:
        self._choice = SEND
        self.accept()

    def _go_to(self, item: QListWidgetItem) -> None:
        codes = item.data(CODES_ROLE)
        if codes:
            self._choice, self._code = GO_TO, codes[0]
            self.accept()

    def choice(self) -> str | None:
        return self._choice

    def code(self) -> str:
        return self._code


def _heading(check: MonthCheck, sending: bool) -> str:
    if not sending:
        return f"{check.period.label}: {check.total - len(check.empty)}/{check.total} chỉ tiêu đã có kết quả."
    lock = "Gửi gói sẽ khóa tháng này (muốn sửa phải “Mở lại” và ghi lý do)."
    if not check.empty:
        return f"{check.period.label}: cả {check.total} chỉ tiêu đã có kết quả. {lock}"
    return (f"{check.period.label} còn {len(check.empty)}/{check.total} chỉ tiêu chưa có kết quả. {lock} "
            "Vẫn gửi?")
