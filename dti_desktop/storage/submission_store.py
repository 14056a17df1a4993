"""What this unit sent: one row per exported revision; the latest, unless reopened, locks the period."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.errors import PeriodLocked
from ..domain.text import clean
from ..domain.validation import MAX_TEXT
from .clock import now_iso
from .errors import ConflictError

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


@dataclass(frozen=True)
class Submission:
    id: int
    period: str
    revision: int
    created_at: str
    officer: str
    file_name: str
    package_sha256: str
    reopened_at: str | None
    reopen_reason: str | None

    @property
    def locked(self) -> bool:
        return self.reopened_at is None


def latest_submission(db: sqlite_utils.Database, unit_id: int, plan_id: int, period: str) -> Submission | None:
    rows = list(db.query(
        "SELECT * FROM submission WHERE unit_id = ? AND plan_id = ? AND period = ? ORDER BY revision DESC LIMIT 1",
        [unit_id, plan_id, period]))
    if not rows:
        return None
    r = rows[0]
    return Submission(r["id"], r["period"], r["revision"], r["created_at"], r["officer"], r["file_name"],
                      r["package_sha256"], r["reopened_at"], r["reopen_reason"])


def record_submission(db: sqlite_utils.Database, unit_id: int, plan_id: int, period: str, revision: int,
                      created_at: str, officer: str, file_name: str, package_sha256: str) -> None:
    with db.atomic():
        db.table("submission").insert({
            "unit_id": unit_id, "plan_id": plan_id, "period": period, "revision": revision,
            "created_at": created_at, "officer": officer, "file_name": file_name, "package_sha256": package_sha256})


def reopen(db: sqlite_utils.Database, unit_id: int, plan_id: int, period: str, reason: str, who: str) -> Submission:
    """Unlock a submitted period; the reason is kept with the submission."""
    reason = clean(reason)
    if not reason:
        raise ConflictError("Cần ghi lý do mở lại kỳ báo cáo đã gửi.")
    if len(reason) > MAX_TEXT:  # it travels in the next package, which the office would refuse
        raise ConflictError(f"Lý do mở lại dài {len(reason)} ký tự, vượt giới hạn {MAX_TEXT} ký tự; hãy ghi ngắn gọn.")
    with db.atomic():
        latest = latest_submission(db, unit_id, plan_id, period)
        if latest is None or not latest.locked:
            raise ConflictError(f"Kỳ {period} chưa gửi hoặc đã được mở lại; không cần mở lại.")
        db.execute("UPDATE submission SET reopened_at = ?, reopened_by = ?, reopen_reason = ? WHERE id = ?",
                   [now_iso(), clean(who), reason, latest.id])
    return latest_submission(db, unit_id, plan_id, period)


class LockedError(ConflictError, PeriodLocked):
    """The period was submitted: its entries are locked until reopened."""


def check_unlocked(db: sqlite_utils.Database, assignment_id: int, period: str) -> None:
    """Raise LockedError when the assignment's unit has submitted this period and not reopened it."""
    row = db.execute("SELECT a.unit_id, t.plan_id FROM assignment a JOIN target t ON t.id = a.target_id "
                     "WHERE a.id = ?", [assignment_id]).fetchone()
    if row is None:
        return
    latest = latest_submission(db, row[0], row[1], period)
    if latest is not None and latest.locked:
        month = f"{period[5:7]}/{period[:4]}"
        raise LockedError(f"Kỳ báo cáo tháng {month} đã gửi (lần r{latest.revision}) nên kết quả đã khóa. "
                          "Muốn sửa, hãy “Mở lại” kỳ báo cáo và ghi lý do; lần gửi sau sẽ là "
                          f"r{latest.revision + 1}.")


def plan_of(db: sqlite_utils.Database, submission_id: int) -> int:
    """The plan a sent month reported on."""
    return db.execute("SELECT plan_id FROM submission WHERE id = ?", [submission_id]).fetchone()[0]


def sent_revisions(db: sqlite_utils.Database, unit_id: int, plan_id: int, period: str) -> list[tuple[int, int, str]]:
    """(id, revision, package SHA-256) of each time the unit sent the month, oldest first."""
    return db.execute("SELECT id, revision, package_sha256 FROM submission WHERE unit_id = ? AND plan_id = ? AND "
                      "period = ? ORDER BY revision", [unit_id, plan_id, period]).fetchall()
