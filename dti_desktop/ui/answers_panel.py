"""The office's tab "Trả lời các đơn vị": each unit's answer state for the month, a filter for the packages waiting
for an answer, "Trả lời…" (accept, or return with comments), "Ghi tệp trả lời cho cả lô" (one folder, one file per
unit, written off the GUI thread), the setting "consolidate accepted packages only", and a unit's answer history."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.periods import Period
from ..services import answers
from ..services.errors import KNOWN
from . import messages
from .column_fit import fit_columns
from .messages import error_text
from .models.answer_models import AnswerStateModel
from .models.district_models import RAW_ROLE
from .tasks import run_task

if TYPE_CHECKING:
    import sqlite_utils

TITLE = "Trả lời các đơn vị"


class AnswersPanel(QWidget):
    """Bound to the office's database; every data access through services.answers."""

    changed = Signal()  # an answer recorded or the setting changed: the consolidation is read again

    def __init__(self, db: sqlite_utils.Database, db_path: Path, parent=None) -> None:
        super().__init__(parent)
        self.db, self.db_path = db, Path(db_path)
        self.plan_id: int | None = None
        self.period: Period | None = None
        self.rows: list[answers.AnswerRow] = []
        self.model = AnswerStateModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setResizeContentsPrecision(60)  # widths from the first rows (3,321 units)
        self.view.selectionModel().currentRowChanged.connect(self._show_history)
        self.view.doubleClicked.connect(lambda _: self.answer_selected())
        self.waiting_only = QCheckBox("Chỉ gói chờ tôi trả lời")
        self.waiting_only.toggled.connect(lambda _: self._fill())
        self.accepted_only = QCheckBox("Tổng hợp chỉ tính gói đã tiếp nhận")
        self.accepted_only.setToolTip("Bật: bảng và báo cáo tổng hợp chỉ tính gói cơ quan đã tiếp nhận; tắt (mặc "
                                      "định): tính mọi gói đã nhận")
        self.accepted_only.toggled.connect(self._set_accepted_only)
        self.answer_button = QPushButton("Trả lời…")
        self.answer_button.setToolTip("Tiếp nhận gói của đơn vị đã chọn, hoặc trả lại kèm lý do và nhận xét từng chỉ tiêu")
        self.answer_button.clicked.connect(self.answer_selected)
        self.batch_button = QPushButton("Ghi tệp trả lời cho cả lô…")
        self.batch_button.setToolTip("Tiếp nhận mọi gói của tháng chưa được trả lời và ghi tệp trả lời của mọi đơn vị "
                                     "đã gửi vào một thư mục (mỗi đơn vị một tệp)")
        self.batch_button.clicked.connect(self.write_batch)
        self.history = QPlainTextEdit()
        self.history.setReadOnly(True)  # plain text: the units' and the office's words as written
        self.history.setPlaceholderText("Chọn một đơn vị để xem các lần gửi và các câu trả lời của tháng.")
        top = QHBoxLayout()
        for widget in (self.waiting_only, self.accepted_only):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.answer_button)
        top.addWidget(self.batch_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.history)
        split.setStretchFactor(0, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._read_only = False

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for widget in (self.answer_button, self.batch_button, self.accepted_only):
            widget.setEnabled(not read_only)

    def refresh(self, plan_id: int, period: Period) -> None:
        """Read the month here (the office's tab reads it with its board, off the GUI thread: show_rows)."""
        self.show_rows(plan_id, period, answers.month_rows(self.db, plan_id, period), answers.accepted_only(self.db))

    def show_rows(self, plan_id: int, period: Period, rows: list[answers.AnswerRow], accepted_only: bool) -> None:
        """The month's answer states, read by the caller."""
        self.plan_id, self.period = plan_id, period
        self.rows = rows
        self.accepted_only.blockSignals(True)
        self.accepted_only.setChecked(accepted_only)
        self.accepted_only.blockSignals(False)
        self._fill()

    def waiting_count(self) -> int:
        return sum(r.waiting for r in self.rows)

    def _fill(self) -> None:
        shown = [r for r in self.rows if r.waiting] if self.waiting_only.isChecked() else self.rows
        self.model.set_rows(shown)
        fit_columns(self.view)  # now when on screen, else when the tab is shown
        self.history.clear()

    def _show_history(self, current, _previous) -> None:
        row = current.data(RAW_ROLE) if current.isValid() else None
        self.history.setPlainText("\n".join(row.history) if row and row.history else "")

    def _set_accepted_only(self, on: bool) -> None:
        try:
            answers.set_accepted_only(self.db, on)
        except KNOWN as error:
            messages.error(self, "Không lưu được cài đặt", error_text(error))
            return
        self.changed.emit()

    # -- answering -------------------------------------------------------------------------------
    def answer_selected(self) -> bool:
        """The dialog for the chosen unit's current package; the file written where the officer chooses."""
        index = self.view.currentIndex()
        row = index.data(RAW_ROLE) if index.isValid() else None
        if self._read_only or row is None or row.package_id is None:
            messages.info(self, "Trả lời", "Hãy chọn một đơn vị đã gửi gói của tháng này.")
            return False
        from .answer_dialogs import AnswerDialog

        dialog = AnswerDialog(row.unit, self.period.label, row.revision, answers.targets(self.db, self.plan_id), self)
        if not messages.run_dialog(dialog):
            return False
        folder = messages.choose_folder(self, "Chọn nơi ghi tệp trả lời (ví dụ USB của đơn vị)")
        if not folder:
            return False
        choice = dialog.result_choice()
        try:
            written = answers.answer_package(self.db, row.package_id, choice.state, choice.note, choice.comments,
                                             Path(folder))
        except (*KNOWN, OSError) as error:
            messages.error(self, "Không ghi được tệp trả lời", error_text(error))
            return False
        messages.info(self, "Đã ghi tệp trả lời", f"Đã ghi {written.path}.\nHãy chuyển tệp cho {row.unit}.")
        self._answered()
        return True

    def write_batch(self) -> None:
        if self._read_only or self.period is None:
            return
        waiting, sent = self.waiting_count(), sum(1 for r in self.rows if r.package_id)
        if not sent:
            messages.info(self, "Ghi tệp trả lời cho cả lô", f"Chưa nhận gói nào của {self.period.label.lower()}.")
            return
        if not messages.confirm(self, "Ghi tệp trả lời cho cả lô",
                                f"Tiếp nhận {waiting} gói chưa được trả lời và ghi tệp trả lời của {sent} đơn vị đã gửi "
                                f"{self.period.label.lower()} vào một thư mục (mỗi đơn vị một tệp)?", "Ghi"):
            return
        folder = messages.choose_folder(self, "Chọn thư mục ghi các tệp trả lời")
        if not folder:
            return
        db_path, period = self.db_path, self.period

        self.batch_button.setEnabled(False)
        self.task = run_task(self, "Đang ghi các tệp trả lời…",
                             lambda: answers.accept_all_in(db_path, period, Path(folder)), self._batch_written,
                             lambda error: (self.batch_button.setEnabled(True),
                                            messages.error(self, "Không ghi được tệp trả lời", error_text(error))))

    def _batch_written(self, result) -> None:
        accepted, again = result
        self.batch_button.setEnabled(not self._read_only)
        folder = (accepted or again)[0].path.parent if accepted or again else ""
        messages.info(self, "Đã ghi tệp trả lời", f"Đã tiếp nhận {len(accepted)} gói và ghi {len(accepted) + len(again)} "
                                                   f"tệp trả lời vào {folder}.")
        self._answered()

    def _answered(self) -> None:
        """The month read again: by the office's tab (it listens to `changed`, and reads the board with it), or
        here when no one listens."""
        if not self.isSignalConnected(self.metaObject().method(self.metaObject().indexOfSignal("changed()"))):
            self.refresh(self.plan_id, self.period)
        self.changed.emit()
