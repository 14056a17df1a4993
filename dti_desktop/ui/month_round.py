"""The window's monthly round: the whole month copied forward (and undone), the checklist before sending, the next
target without a result (F8). Its own module: main_window.py holds the rest of the window."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..services import month_round
from ..services.errors import KNOWN
from . import messages
from .messages import error_text

if TYPE_CHECKING:
    from .main_window import MainWindow

KNOWN_ERRORS = KNOWN


class MonthRound(QObject):
    """Actions of the round, bound to the window; every data access through services.month_round."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.copy_action = window._action("Chép &cả tháng trước", self.copy_month)
        self.copy_action.setToolTip("Mọi chỉ tiêu chưa có kết quả tháng này lấy kết quả, tình trạng, ghi chú và tệp "
                                    "minh chứng của tháng trước (chỉ tiêu đã có kết quả được giữ nguyên)")
        self.undo_action = window._action("&Hoàn tác chép cả tháng", self.undo_copy)
        self.check_action = window._action("&Kiểm tra trước khi gửi…", self.show_check)
        self.check_action.setIconText("Kiểm tra trước khi gửi")
        self.next_action = window._action("Chỉ tiêu tiếp theo &chưa có kết quả", self.next_empty, "F8")
        self._noticed = None  # (plan, month) the notice speaks of

    # -- state ---------------------------------------------------------------------------
    def update(self, locked: bool) -> None:
        """After each reload: what can be done in this month; the notice of another month (or plan) goes, its
        "Hoàn tác" once the month is sent."""
        writable = not self.w.read_only and not locked
        undoable = writable and month_round.last_copy(self.w.db, self.w.ctx, self.w.period) is not None
        self.copy_action.setEnabled(writable and self.w.period.month > 1)
        self.undo_action.setEnabled(undoable)
        self.check_action.setEnabled(not locked)
        if self._noticed != (self.w.ctx.plan.id, self.w.period):
            self.w.notice.hide()
        elif not undoable:
            self.w.notice.action.hide()

    def _notice(self, text: str, kind: str, undo: bool = False) -> None:
        self._noticed = (self.w.ctx.plan.id, self.w.period)
        self.w.notice.show_notice(text, kind, "Hoàn tác" if undo else "", self.undo_copy if undo else None)

    def _who(self) -> str:
        return self.w.ctx.settings.who

    # -- copy and undo -------------------------------------------------------------------
    def copy_month(self) -> None:
        """"Chép cả tháng trước": one action, one transaction, its summary in the notice with "Hoàn tác"."""
        w = self.w
        if w.read_only or not w.leave_entry():
            return
        try:
            result = month_round.copy_month(w.db, w.ctx, w.period, self._who())
        except KNOWN_ERRORS as error:
            messages.error(w, "Không chép được", error_text(error))
            return
        self._notice(result.summary(), "ok" if result.copied else "warn", undo=bool(result.copied))
        self._reload()
        w.statusBar().showMessage(result.summary(), 8000)

    def undo_copy(self) -> None:
        w = self.w
        if w.read_only or not w.leave_entry():
            return
        try:
            result = month_round.undo_copy(w.db, w.ctx, w.period, self._who())
        except KNOWN_ERRORS as error:
            messages.error(w, "Không hoàn tác được", error_text(error))
            return
        self._notice(result.summary(), "ok")
        self._reload()
        w.statusBar().showMessage(result.summary(), 8000)

    def _reload(self) -> None:
        w = self.w
        w.current, keep = None, (w.current.assignment_id if w.current else None)
        w.reload_rows(keep)

    # -- the checklist -------------------------------------------------------------------
    def _checklist(self, sending: bool):
        from .checklist_dialog import ChecklistDialog

        check = month_round.check_month(self.w.db, self.w.ctx, self.w.period, self.w.today)
        dialog = ChecklistDialog(check, sending, self.w)
        messages.run_dialog(dialog)
        return dialog

    def show_check(self) -> None:
        if not self.w.leave_entry():  # it checks what is saved
            return
        self._follow(self._checklist(sending=False))

    def confirm_send(self) -> bool:
        """The checklist before sending; True when the officer sends (an incomplete month is asked about, naming
        how many targets are empty)."""
        from .checklist_dialog import SEND

        dialog = self._checklist(sending=True)
        self._follow(dialog)
        return dialog.choice() == SEND

    def _follow(self, dialog) -> None:
        from .checklist_dialog import GO_TO

        if dialog.choice() == GO_TO:
            self.go_to(dialog.code())

    def go_to(self, code: str) -> None:
        """Select a target by its code; filters that hide it are cleared first."""
        w = self.w
        row = next((r for r in w.model.rows() if r.code == code), None)
        if row is None:
            return
        if all(w.model.row_at(i).assignment_id != row.assignment_id for i in range(w.model.rowCount())):
            w.search.clear()
            w.status_filter.setCurrentIndex(0)
            w.group_filter.setCurrentIndex(0)
        w.select_assignment(row.assignment_id)

    # -- moving on -----------------------------------------------------------------------
    def next_empty(self) -> None:
        """F8: the next target in the table's order without a result this month (wrapping round)."""
        w = self.w
        rows = [w.model.row_at(r) for r in range(w.model.rowCount())]
        start = next((i for i, r in enumerate(rows) if w.current and r.assignment_id == w.current.assignment_id), -1)
        ahead = rows[start + 1:] + rows[:start + 1]
        found = next((r for r in ahead if r.entry is None and (w.current is None or
                                                              r.assignment_id != w.current.assignment_id)), None)
        if found is None:
            w.form.show_done(f"Mọi chỉ tiêu đang hiện đã có kết quả {w.period.label.lower()}.")
            return
        w.select_assignment(found.assignment_id)

    def saved(self, code: str) -> None:
        """Said beside the Save button, where the officer is looking (and in the status bar)."""
        text = f"Đã lưu chỉ tiêu {code} lúc {datetime.now():%H:%M}."
        self.w.form.show_done(text + " F8: sang chỉ tiêu tiếp theo chưa có kết quả.")
        self.w.statusBar().showMessage(text, 4000)
