"""The unit's monthly round: the whole month copied forward from the month before (and undone in one action), the
checklist before sending, and the plan and month the window reopens on."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from ..domain.month_check import MonthCheck
from ..domain.month_check import check_month as check_rows
from ..domain.periods import Period
from ..domain.text import clean
from ..domain.validation import agreed_status
from ..storage import (
    attachment_store,
    copy_round_store,
    progress_store,
    submission_store,
)
from ..storage.errors import ConflictError, known_errors
from ..storage.settings_store import get_setting, set_setting
from . import workspace

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

    from ..domain.workspace import TargetStatusRow
    from .workspace import WorkspaceContext

SHOWN = 12  # codes named in a summary


@dataclass(frozen=True)
class CopyResult:
    """What "Chép cả tháng trước" did: targets copied, left alone (a result already), and without one to copy."""

    period: Period
    source: Period
    copied: tuple[str, ...]
    kept: tuple[str, ...]
    missing: tuple[str, ...]
    files: int
    adjusted: tuple[str, ...] = ()  # the status copied contradicted its result: the one the result calls for

    def summary(self) -> str:
        src = self.source.label.lower()
        if not self.copied:
            head = f"Không có chỉ tiêu nào để chép từ {src}"
            if self.kept and not self.missing:
                return f"{head}: cả {len(self.kept)} chỉ tiêu đã có kết quả {self.period.label.lower()}."
            return f"{head}." + (f" {src.capitalize()} chưa có kết quả nào cho các chỉ tiêu còn trống."
                                 if self.missing else "")
        parts = [f"Đã chép {len(self.copied)} chỉ tiêu từ {src} sang {self.period.label.lower()}"
                 f" (kèm {self.files} tệp minh chứng)."]
        if self.kept:
            parts.append(f"Giữ nguyên {len(self.kept)} chỉ tiêu đã có kết quả tháng này: {_codes(self.kept)}")
        if self.missing:
            parts.append(f"{src.capitalize()} chưa có kết quả của {len(self.missing)} chỉ tiêu: {_codes(self.missing)}")
        if self.adjusted:
            parts.append(f"Đổi tình trạng cho khớp với kết quả: {_codes(self.adjusted)}")
        return " ".join(parts)


@dataclass(frozen=True)
class UndoResult:
    """An undone copy: targets back to no result, and those changed since the copy (left as they are)."""

    period: Period
    source: Period
    cleared: tuple[str, ...]
    kept: tuple[str, ...]

    def summary(self) -> str:
        text = (f"Đã hoàn tác việc chép từ {self.source.label.lower()}: {len(self.cleared)} chỉ tiêu trở lại "
                "chưa có kết quả (lịch sử vẫn giữ).")
        if self.kept:
            text += f" Giữ nguyên {len(self.kept)} chỉ tiêu đã sửa sau khi chép: {_codes(self.kept)}"
        return text


def _codes(codes: tuple[str, ...]) -> str:
    return ", ".join(codes[:SHOWN]) + (" …" if len(codes) > SHOWN else ".")


def source_of(period: Period) -> Period:
    """The month copied from: the one before, in the same plan year."""
    if period.month == 1:
        raise ConflictError(f"{period.label} là tháng đầu của kế hoạch năm {period.year}: không có tháng trước "
                            "cùng kế hoạch để chép.")
    return period.previous()


def copy_month(db: sqlite_utils.Database, ctx: WorkspaceContext, period: Period, who: str) -> CopyResult:
    """Every target without a result this month takes last month's result (values, status, notes, difficulties,
    causes, proposals and evidence files, which are referenced, not copied again); a target with a result this
    month is left alone. One transaction; every entry gets its history; the whole copy can be undone at once."""
    source = source_of(period)
    _check_unlocked(db, ctx, period)
    rows = workspace.rows(db, ctx, period)
    before = {r.assignment_id: r.entry for r in workspace.rows(db, ctx, source)}
    kept = tuple(r.code for r in rows if r.entry is not None)
    todo = [(r, before[r.assignment_id]) for r in rows if r.entry is None and before.get(r.assignment_id)]
    missing = tuple(r.code for r in rows if r.entry is None and not before.get(r.assignment_id))
    copied, adjusted, made, files = [], [], [], 0
    with known_errors(db), db.atomic():
        round_id = copy_round_store.start_round(db, ctx.unit.id, ctx.plan.id, period.key, source.key, who) \
            if todo else None
        for row, previous in todo:
            saved, n, changed = _copy_entry(db, row, previous, period, source, who)
            copied.append(row.code)
            made.append(saved.id)
            files += n
            if changed:
                adjusted.append(row.code)
        if round_id is not None:
            copy_round_store.finish_round(db, round_id, made)
    return CopyResult(period, source, tuple(copied), kept, missing, files, tuple(adjusted))


def _copy_entry(db, row: TargetStatusRow, previous, period: Period, source: Period, who: str):
    """One target's copy: (entry saved, files attached, status changed to agree with the result)."""
    status = agreed_status(previous.status, previous.assessment, previous.values)
    entry = replace(previous, period=period.key, id=None, updated_at="", officer=who, status=status)
    entry = workspace.with_assessment(entry, row.measures)
    saved = progress_store.save_entry(db, entry, who)
    db.table("history").insert({"entry_id": saved.id, "changed_at": saved.updated_at, "changed_by": clean(who),
                                "field": "copied", "old_value": None, "new_value": f"Chép từ {source.label.lower()}"})
    attachments = attachment_store.list_attachments(db, previous.id)
    for a in attachments:  # the same stored file, by its hash: nothing copied on disk
        attachment_store.record_attachment(db, saved.id, a.sha256, a.original_name, a.size, who)
    return saved, len(attachments), status is not previous.status


def last_copy(db: sqlite_utils.Database, ctx: WorkspaceContext, period: Period):
    """The month's copy that "Hoàn tác" would undo, or None."""
    return copy_round_store.latest_round(db, ctx.unit.id, ctx.plan.id, period.key)


def undo_copy(db: sqlite_utils.Database, ctx: WorkspaceContext, period: Period, who: str) -> UndoResult:
    """Undo the month's last copy in one transaction: each entry it made goes back to no result (its history
    kept, each change written in it), except those changed since, which are the officer's work."""
    _check_unlocked(db, ctx, period)
    with known_errors(db), db.atomic():
        found = last_copy(db, ctx, period)
        if found is None:
            raise ConflictError(f"{period.label} không có lần chép cả tháng nào để hoàn tác.")
        codes = copy_round_store.copied_codes(db, found.id)
        cleared, kept = [], []
        for entry_id in found.entry_ids:
            entry = next(iter(progress_store.load_entries(db, "e.id = ?", [entry_id])), None)
            if entry is None:
                continue  # already without a result
            if copy_round_store.changed_since(db, entry_id, found.last_history_id):
                kept.append(codes[entry_id])
                continue
            for a in attachment_store.list_attachments(db, entry_id):
                attachment_store.remove_attachment(db, a.id, who)
            progress_store.clear_entry(db, entry, who, f"Hoàn tác chép từ {Period.parse(found.source_period).label.lower()}")
            cleared.append(codes[entry_id])
        copy_round_store.mark_undone(db, found.id, who)
    return UndoResult(period, Period.parse(found.source_period), tuple(cleared), tuple(kept))


def _check_unlocked(db, ctx: WorkspaceContext, period: Period) -> None:
    latest = submission_store.latest_submission(db, ctx.unit.id, ctx.plan.id, period.key)
    if latest is not None and latest.locked:
        raise submission_store.LockedError(
            f"{period.label} đã gửi (lần r{latest.revision}) nên kết quả đã khóa. Muốn sửa, hãy “Mở lại” kỳ báo cáo "
            "và ghi lý do.")


def check_month(db: sqlite_utils.Database, ctx: WorkspaceContext, period: Period, today: date) -> MonthCheck:
    """The checklist before sending: targets without a result, status against result, "Hoàn thành" without
    evidence, overrides without a reason, and the deadline."""
    check = check_rows(workspace.rows(db, ctx, period), period, workspace.report_day(ctx), today)
    from .answer_intake import month_answer

    answer = month_answer(db, ctx, period)
    if answer is None or answer.state != "tra_lai":
        return check
    return replace(check, returned=answer.text, returned_codes=tuple(answer.comments.items()))


# -- where the window reopens ------------------------------------------------------------------------------
LAST_PERIOD = "last_period"  # JSON {plan id: "YYYY-MM"}: the month last used in each plan


def remember_period(db: sqlite_utils.Database, plan_id: int, period: Period) -> None:
    """The month the officer is on, for the next start."""
    chosen = _remembered(db)
    if chosen.get(str(plan_id)) != period.key:
        chosen[str(plan_id)] = period.key
        set_setting(db, LAST_PERIOD, json.dumps(chosen))


def start_period(db: sqlite_utils.Database, ctx: WorkspaceContext, today: date) -> Period | None:
    """The month the window opens on in the plan: the one last used; once it is sent and a later month has begun,
    the month after it (the next round). None when the plan was never used (the default applies)."""
    key = _remembered(db).get(str(ctx.plan.id))
    try:
        period = Period.parse(key) if key else None
    except ValueError:
        return None
    if period is None or period.year != ctx.plan.plan.year:
        return None
    sent = submission_store.latest_submission(db, ctx.unit.id, ctx.plan.id, period.key)
    if sent is not None and sent.locked and period.month < 12 and Period.of(today) > period:
        return Period(period.year, period.month + 1)
    return period


def _remembered(db: sqlite_utils.Database) -> dict[str, str]:
    try:
        found = json.loads(get_setting(db, LAST_PERIOD) or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


LAST_FOLDER = "last_package_folder"


def remember_folder(db: sqlite_utils.Database, folder: str) -> None:
    """Where the month's package was written (a USB stick's folder): the next send opens there."""
    set_setting(db, LAST_FOLDER, str(folder))


def last_folder(db: sqlite_utils.Database, key: str = LAST_FOLDER) -> str:
    """The folder of the last package, while it is still there; "" otherwise. `key`: LAST_IMPORT_FOLDER for the
    folder the office last imported from."""
    from pathlib import Path

    folder = get_setting(db, key) or ""
    return folder if folder and Path(folder).is_dir() else ""


LAST_IMPORT_FOLDER = "last_import_folder"


def remember_import_folder(db: sqlite_utils.Database, folder: str) -> None:
    """Where the office last imported packages from (the USB stick's folder): the next month's import opens there."""
    set_setting(db, LAST_IMPORT_FOLDER, str(folder))
