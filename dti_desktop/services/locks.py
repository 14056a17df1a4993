"""Whether a month was sent (and so locked): asked at every period switch, kept apart from
the package writer so showing the window does not load zip, JSON and report modules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.dates import display_moment
from ..domain.periods import Period
from ..storage import submission_store

if TYPE_CHECKING:
    import sqlite_utils

    from .workspace import WorkspaceContext


def lock_state(db: sqlite_utils.Database, ctx: WorkspaceContext, period: Period):
    """The latest submission of the period (locked unless reopened), or None."""
    return submission_store.latest_submission(db, ctx.unit.id, ctx.plan.id, period.key)


def describe_lock(submission) -> str:
    """A line for the banner: "Đã gửi r1 lúc 14/03/2025 09:12 (tệp …)"."""
    when = display_moment(submission.created_at)
    if submission.locked:
        return f"Đã gửi lần r{submission.revision} lúc {when} ({submission.file_name}); kết quả tháng này đã khóa."
    reopened = display_moment(submission.reopened_at)
    return (f"Đã gửi lần r{submission.revision} lúc {when}; mở lại lúc {reopened} "
            f"(lý do: {submission.reopen_reason}); lần gửi sau là r{submission.revision + 1}.")

