"""The office's answer to one package: accept, or return with a reason and a comment per target. Data in (the unit,
the month, the revision, the targets), a result out (AnswerChoice); it saves nothing."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..domain.answer import ACCEPTED, RETURNED, problem
from .plain import tip


@dataclass(frozen=True)
class AnswerChoice:
    state: str
    note: str
    comments: dict[str, str]


class AnswerDialog(QDialog):
    """Accept, or return: the reason, and beside each target the office's comment (empty: nothing to fix)."""

    COL_CODE, COL_TEXT, COL_COMMENT = range(3)

    def __init__(self, unit: str, month: str, revision: int, targets: list[tuple[str, str]], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Trả lời gói báo cáo — {unit}")
        heading = QLabel(f"{unit}, {month}, lần gửi r{revision}")
        heading.setTextFormat(Qt.TextFormat.PlainText)  # a unit's name as it sent it
        self.accept_radio = QRadioButton("Tiếp nhận")
        self.return_radio = QRadioButton("Trả lại để đơn vị sửa (đơn vị mở lại tháng, gửi lần sau)")
        self.accept_radio.setChecked(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("Lý do trả lại (bắt buộc khi trả lại)")
        self.reason.setMaximumHeight(70)
        self.targets = QTableWidget(len(targets), 3)
        self.targets.setHorizontalHeaderLabels(["Mã", "Chỉ tiêu", "Nhận xét của cơ quan (để trống: không cần sửa)"])
        for r, (code, text) in enumerate(targets):
            for c, value in ((self.COL_CODE, code), (self.COL_TEXT, text)):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(tip(value))
                self.targets.setItem(r, c, item)
            self.targets.setItem(r, self.COL_COMMENT, QTableWidgetItem(""))
        header = self.targets.horizontalHeader()
        header.setSectionResizeMode(self.COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.COL_COMMENT, QHeaderView.ResizeMode.Stretch)
        self.targets.verticalHeader().setVisible(False)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b02a37;")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox()
        buttons.addButton("Ghi tệp trả lời", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.return_radio.toggled.connect(self._mode)
        layout = QVBoxLayout(self)
        for widget in (heading, self.accept_radio, self.return_radio, self.reason, self.targets, self.error, buttons):
            layout.addWidget(widget)
        self._mode(False)
        self.resize(900, 560)

    def _mode(self, returning: bool) -> None:
        self.reason.setEnabled(returning)
        self.targets.setEnabled(returning)

    def set_comment(self, code: str, text: str) -> None:
        for r in range(self.targets.rowCount()):
            if self.targets.item(r, self.COL_CODE).text() == code:
                self.targets.item(r, self.COL_COMMENT).setText(text)

    def result_choice(self) -> AnswerChoice:
        if self.accept_radio.isChecked():
            return AnswerChoice(ACCEPTED, "", {})
        comments = {self.targets.item(r, self.COL_CODE).text(): self.targets.item(r, self.COL_COMMENT).text().strip()
                    for r in range(self.targets.rowCount())}
        return AnswerChoice(RETURNED, self.reason.toPlainText().strip(), {c: t for c, t in comments.items() if t})

    def accept(self) -> None:
        choice = self.result_choice()
        why = problem(choice.state, choice.note, choice.comments)
        if why:
            self.error.setText(why)  # inline; the dialog stays
            return
        super().accept()
