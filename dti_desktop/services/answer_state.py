"""What the unit's window shows of the office's answers: the month's latest answer (the banner, the targets to fix
first, the comment beside the form) and each target's answer history. Apart from answer_intake, which checks and
records an answer file: this is read at every start and every change of month, and needs none of the file's readers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.answer_states import ACCEPTED
from ..domain.dates import display_date
from ..domain.periods import Period
from ..storage import answer_store, submission_store

if TYPE_CHECKING:
    import sqlite_utils

    from .workspace import WorkspaceContext


@dataclass(frozen=True)
class MonthAnswer:
    """The latest answer to the month's latest revision: the banner's words, the comments by target code."""

    state: str
    revision: int
    text: str
    comments: dict[str, str]

    @property
    def short(self) -> str:
        """For the banner, whose reopening already quotes a return's reason: the targets to fix, or the acceptance."""
        if self.state == ACCEPTED:
            return self.text
        return f"Chỉ tiêu cần sửa (xếp lên đầu bảng): {', '.join(self.comments)}." if self.comments else ""


def month_answer(db: sqlite_utils.Database, ctx: WorkspaceContext, period: Period) -> MonthAnswer | None:
    latest = submission_store.latest_submission(db, ctx.unit.id, ctx.plan.id, period.key)
    if latest is None:
        return None
    answers = [a for a in answer_store.received_for_month(db, ctx.unit.id, ctx.plan.id, period.key)
               if a.revision == latest.revision]
    if not answers:
        return None
    a = answers[-1]
    if a.state == ACCEPTED:
        return MonthAnswer(a.state, a.revision, f"Đã được tiếp nhận ngày {display_date(a.answered_at)} (lần gửi "
                                                f"r{a.revision}, {a.office}).", {})
    codes = ", ".join(c for c, _ in a.comments)
    text = (f"{a.office} trả lại lần gửi r{a.revision} ngày {display_date(a.answered_at)}: {a.note}"
            + (f" Chỉ tiêu cần sửa (xếp lên đầu bảng): {codes}." if codes else ""))
    return MonthAnswer(a.state, a.revision, text, dict(a.comments))


def history_lines(db: sqlite_utils.Database, unit_id: int, plan_id: int, period: str, code: str) -> list[tuple]:
    """(ISO moment, what, comment) of every answer received for the month, this target's comment beside it."""
    lines = []
    for a in answer_store.received_for_month(db, unit_id, plan_id, period):
        what = (f"{a.office}: tiếp nhận lần gửi r{a.revision}" if a.state == ACCEPTED
                else f"{a.office}: trả lại lần gửi r{a.revision} ({a.note})")
        lines.append((a.answered_at, what, dict(a.comments).get(code, "")))
    return lines
