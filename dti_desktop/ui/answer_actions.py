"""The unit's window and the office's answers: a menu item and a drop onto the window take an answer file in; a
returned month's targets come first in the table with the office's comment beside them in the form, and the banner
says what was answered. Its own module: main_window.py holds the rest of the window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..domain.answer_states import RETURNED, SUFFIX
from ..services import answer_state
from ..services.errors import KNOWN
from . import messages
from .messages import error_text

if TYPE_CHECKING:
    from .main_window import MainWindow

ANSWER_FILTER = "Tệp trả lời của cơ quan tổng hợp (*.dtitraloi)"
RETURNED_COLOUR = "#f8d7da"


class AnswerActions(QObject):
    """Bound to the window; every data access through services (answer_state at each reload; answer_intake, with the
    file's readers, loaded when an answer is first taken in: start-up time)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.answer = None  # the month's latest answer (services.answer_state.MonthAnswer)
        self.take_action = window._action("Nhận tệp &trả lời của cơ quan tổng hợp…", self.choose)
        self.take_action.setToolTip("Tệp .dtitraloi cơ quan tổng hợp gửi lại: tiếp nhận, hoặc trả lại để sửa "
                                    "(cũng có thể kéo tệp thả vào cửa sổ)")

    def add_to(self, menu) -> None:
        """The menu item, and answer files taken when dropped onto the window (the menus' turn of the window's
        start: the month's answer itself is read with the targets, it orders them)."""
        from PySide6.QtCore import QEvent

        # its class made here, not as the window first shows (1,4 ms)
        self._drags, self._drop = (QEvent.Type.DragEnter, QEvent.Type.DragMove), QEvent.Type.Drop
        menu.addAction(self.take_action)
        self.w.setAcceptDrops(True)
        self.w.installEventFilter(self)

    # -- taking an answer in -------------------------------------------------------------------
    def choose(self) -> None:
        path = messages.open_file(self.w, "Chọn tệp trả lời của cơ quan tổng hợp", ANSWER_FILTER)
        if path:
            self.take(Path(path))

    def take(self, path: Path) -> bool:
        """Check and record the answer; the window moves to its month. True when taken."""
        if self.w.read_only or not self.w.leave_entry():
            return False
        from ..services import answer_intake

        try:
            intake = answer_intake.import_answer(self.w.db, path)
        except KNOWN as error:
            messages.error(self.w, "Không nhận tệp trả lời", error_text(error))
            return False
        if intake.period.year == self.w.ctx.plan.plan.year and intake.period != self.w.period:
            index = self.w.period_combo.findData(intake.period.key)
            if index >= 0:
                self.w.period_combo.setCurrentIndex(index)  # the month answered, as the officer expects to see it
        self.w.reload_rows(self.w.current.assignment_id if self.w.current else None)
        title = "Cơ quan tổng hợp trả lại báo cáo" if intake.state == RETURNED else "Báo cáo đã được tiếp nhận"
        messages.info(self.w, title, intake.message)
        return True

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """An answer file dragged onto the window is taken in (other files pass on, to the evidence list)."""
        kind = event.type()
        if kind in self._drags and _answer_paths(event):
            event.acceptProposedAction()
            return True
        if kind == self._drop and (paths := _answer_paths(event)):
            event.acceptProposedAction()
            for path in paths:
                self.take(path)
            return True
        return False

    # -- what the window shows -----------------------------------------------------------------
    def refresh(self) -> None:
        """After each reload: the month's answer, the returned targets first in the table."""
        self.answer = answer_state.month_answer(self.w.db, self.w.ctx, self.w.period)
        self.w.model.set_first(set(self.answer.comments) if self.answer else set())

    def banner_text(self) -> str:
        return f" {self.answer.short}" if self.answer and self.answer.short else ""

    def banner_colour(self, colour: str) -> str:
        return RETURNED_COLOUR if self.answer and self.answer.state == RETURNED else colour

    def comment(self, code: str) -> str:
        """The office's comment on a target of the month returned, or ""."""
        return self.answer.comments.get(code, "") if self.answer else ""


def _answer_paths(event) -> list[Path]:
    data = event.mimeData()
    if data is None or not data.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in data.urls() if u.isLocalFile() and u.toLocalFile().lower().endswith(SUFFIX)]
