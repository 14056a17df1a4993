"""The entry form's parts: the target's name cut to a few lines, one measure's input, the evidence list, and the
small helpers they share (ui/entry_form.py lays them out)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.attachments import Attachment
from ..domain.goals import Measure, MeasureKind
from ..domain.numbers import format_number, percent_text
from ..domain.progress import MeasureValue
from ..domain.validation import read_measure_input
from . import plain

ERROR_STYLE = "color: #b02a37;"
TITLE_LINES = 3  # the target's name in the form's head: at most this many lines (the whole text in its tooltip)


def error_label() -> QLabel:
    label = plain.label()  # a message may quote the goal as the annex wrote it
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def text_box(placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(62)
    return box


class ElidedLabel(QLabel):
    """The target's name, cut to TITLE_LINES lines so that the result fields under it stay in view; text() and the
    tooltip give it whole."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        self._full = text
        self._fit()

    def text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = self.contentsRect().width()
        shown = self._full
        if width > 40:  # laid out: about TITLE_LINES lines of it (wrapping wastes some of each line)
            shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, int(width * TITLE_LINES * 0.9))
        self.setToolTip(self._full if shown != self._full else "")
        if QLabel.text(self) != shown:
            super().setText(shown)


class MeasureInput(QWidget):
    """One measure: the goal, an input ("85,5" or "45/50"), the computed percent, an error."""

    changed = Signal()

    def __init__(self, measure: Measure, parent=None) -> None:
        super().__init__(parent)
        self.measure = measure
        self.edit = QLineEdit()
        placeholder = {MeasureKind.PERCENT: "số % hoặc tử số/mẫu số, ví dụ 45/50",
                       MeasureKind.RANGE: "số % hoặc tử số/mẫu số",
                       MeasureKind.COUNT: f"số {measure.unit}".strip(),
                       MeasureKind.TEXT: "kết quả (ghi bằng chữ)"}[measure.kind]
        self.edit.setPlaceholderText(placeholder)
        if not measure.applies:  # the target's text sets this figure for the other level of government
            self.edit.setPlaceholderText("Không áp dụng cho đơn vị này (mục tiêu của cấp khác)")
            self.edit.setToolTip("Chỉ tiêu đặt mục tiêu này cho cấp khác (xã, phường hoặc huyện, thành phố); "
                                 "đơn vị không cần ghi, và mục tiêu này không tính vào đánh giá đạt/chưa đạt.")
        self.computed = QLabel()
        self.error = error_label()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.computed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.edit.textChanged.connect(self._update)

    def set_value(self, value: MeasureValue) -> None:
        self.edit.setText(value.typed())
        # a figure for the other level stays greyed out, unless an older version let a value in: then it can
        # be cleared (saving refuses it until it is)
        self.edit.setEnabled(self.measure.applies or not value.empty)
        self._update()

    def read(self) -> tuple[MeasureValue, str | None]:
        return read_measure_input(self.measure, self.edit.text())

    def _update(self) -> None:
        value, _ = self.read()
        # cut, never rounded up: 26999/30000 is 89,99 %, not "90%" beside a 90 % goal it missed
        # a share only where the goal is one: "800/1000" of "1.000 điểm" is 800 points done, not "= 80%"
        share = value.percent is not None and self.measure.kind is not MeasureKind.COUNT
        self.computed.setText(f"= {percent_text(value.percent)}%" if share else "")
        self.show_error(None)
        self.changed.emit()

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


class AttachmentList(QListWidget):
    """Evidence files; local files dropped on it are added."""

    files_dropped = Signal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setFixedHeight(80)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        files = [p for p in paths if p.is_file()]
        if files:
            self.files_dropped.emit(files)
            event.acceptProposedAction()


@dataclass(frozen=True)
class Carried:
    """A file of last month's entry brought by "Chép từ tháng trước", not yet attached."""

    attachment: Attachment


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{format_number(size / 1024, 1)} KB"
    return f"{format_number(size / 1024 / 1024, 1)} MB"
