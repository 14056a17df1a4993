"""The office's decisions in the "Tổng hợp" tab: packages held for it (accept or refuse) and withdrawing a received one.

Both ask before acting, take a reason where one is kept (refusing, withdrawing), and leave the record in the history.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from ..domain.periods import Period
from ..services import district_review, workspace
from ..services.errors import KNOWN
from . import messages
from .messages import error_text
from .models.district_models import RAW_ROLE, HeldModel
from .plain import label

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


def _who(db) -> str:
    return workspace.context(db, read_only=True).settings.who


class HeldPanel(QWidget):
    """Packages from units the office does not know: listed, accepted (the unit is added) or refused with a reason.

    Signals:
        decided: a package was accepted or refused (the board and the consolidation may have changed).
    """

    decided = Signal()

    def __init__(self, db: sqlite_utils.Database, store: Path, parent=None) -> None:
        super().__init__(parent)
        self.db, self.store = db, store
        self.model = HeldModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.note = label("Gói của đơn vị chưa có trong danh sách đơn vị được giữ lại ở đây, chưa đưa vào tổng hợp. "
                          "“Nhận gói” thêm đơn vị vào danh sách và nhập gói; “Từ chối gói” ghi lại lý do.")
        self.note.setWordWrap(True)
        self.accept_button = QPushButton("Nhận gói (thêm đơn vị)")
        self.refuse_button = QPushButton("Từ chối gói…")
        self.show_all = QCheckBox("Hiện cả các gói đã quyết định")
        self.accept_button.clicked.connect(self.accept_selected)
        self.refuse_button.clicked.connect(self.refuse_selected)
        self.show_all.toggled.connect(self.refresh)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        row = QHBoxLayout()
        row.addWidget(self.accept_button)
        row.addWidget(self.refuse_button)
        row.addStretch(1)
        row.addWidget(self.show_all)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self._read_only = False
        self._enable()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._enable()

    def refresh(self) -> None:
        self.model.set_rows(district_review.held_packages(self.db, decided=self.show_all.isChecked()))
        self.view.resizeColumnsToContents()
        self._enable()

    def pending_count(self) -> int:
        return len(district_review.held_packages(self.db))

    def selected(self):
        index = self.view.currentIndex()
        return index.siblingAtColumn(0).data(RAW_ROLE) if index.isValid() else None

    def _enable(self) -> None:
        held = self.selected()
        waiting = held is not None and held.decision is None and not self._read_only
        self.accept_button.setEnabled(waiting)
        self.refuse_button.setEnabled(waiting)

    def accept_selected(self) -> bool:
        """Accept the package chosen, after the officer confirms; True when it was imported."""
        held = self.selected()
        if held is None or held.decision is not None:
            return False
        if not messages.confirm(self, "Nhận gói chờ duyệt",
                                f"Nhận gói {held.file_name} và thêm “{held.unit}” ({held.district}) vào danh sách "
                                "đơn vị của cơ quan tổng hợp?\nCác gói sau của đơn vị này sẽ được nhận như mọi đơn vị "
                                "khác.",
                                "Nhận gói"):
            return False
        try:
            outcome = district_review.accept_held(self.db, self.store, held.id, _who(self.db))
        except KNOWN as error:
            messages.error(self, "Không nhận được gói", error_text(error))
            return False
        if outcome.accepted:
            messages.info(self, "Đã nhận gói", f"{outcome.file.name}: {outcome.message}")
        else:
            messages.error(self, "Gói vẫn chờ duyệt", f"{outcome.file.name}: {outcome.message}")
        self.refresh()
        self.decided.emit()
        return outcome.accepted

    def refuse_selected(self) -> bool:
        """Refuse the package chosen, with the reason the officer gives; True when refused."""
        held = self.selected()
        if held is None or held.decision is not None:
            return False
        reason = messages.ask_text(self, "Từ chối gói chờ duyệt",
                                   f"Lý do từ chối gói {held.file_name} của “{held.unit}” (được ghi lại):")
        if reason is None:
            return False
        try:
            done = district_review.refuse_held(self.db, self.store, held.id, reason, _who(self.db))
        except KNOWN as error:
            messages.error(self, "Không từ chối được", error_text(error))
            return False
        messages.info(self, "Đã từ chối gói", done)
        self.refresh()
        self.decided.emit()
        return True


def withdraw_cell(parent: QWidget, db: sqlite_utils.Database, unit: str, period: Period, plan_id: int) -> bool:
    """Withdraw the package counted for a unit's month (the board's cell), with the reason the officer gives,
    after confirming. True when withdrawn."""
    try:
        package = district_review.find_received(db, unit, period, plan_id=plan_id)
    except KNOWN as error:
        messages.info(parent, "Rút gói đã nhận", error_text(error))
        return False
    reason = messages.ask_text(parent, "Rút gói đã nhận",
                               f"Rút gói r{package.revision} của “{package.unit}” {period.label.lower()} "
                               f"({package.file_name}) khỏi tổng hợp? Gói vẫn được lưu trong lịch sử"
                               f"{'; lần gửi trước được tính lại' if package.revision > 1 else ''}.\n"
                               "Lý do rút gói (được ghi lại):")
    if reason is None:
        return False
    try:
        done = district_review.withdraw(db, package.id, reason, _who(db))
    except KNOWN as error:
        messages.error(parent, "Không rút được gói", error_text(error))
        return False
    messages.info(parent, "Đã rút gói", done)
    return True

