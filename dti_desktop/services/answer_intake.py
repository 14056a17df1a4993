"""A unit takes in the office's answer to what it sent: accepted, or returned (the month reopens with the reason).

The answer is taken only when it is signed by the office this unit pinned (at a signed catalogue's import, or from the
office's enrolment file: a unit that pinned none is told to do that first, never asked to trust a key it sees for
the first time), names this unit, and answers the very package it sent (the month, the revision, the SHA-256), the
latest it sent, with no newer answer taken already. Anything else is refused, saying why, and nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.answer import ACCEPTED, RETURNED, Answer
from ..domain.dates import display_date, display_moment
from ..domain.periods import Period
from ..domain.text import name_key, same_area
from ..domain.validation import MAX_TEXT
from ..storage import answer_store, key_store, submission_store
from ..storage.clock import now_iso
from ..storage.errors import ConflictError, known_errors
from .answer_state import MonthAnswer, history_lines, month_answer  # noqa: F401 (the window reads them there)

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

    from .workspace import WorkspaceContext


class AnswerRefused(ConflictError):
    """An answer file this unit does not take; str(e) says why. Nothing was changed."""


@dataclass(frozen=True)
class Intake:
    """An answer taken in: what to tell the officer, and the month it is about."""

    message: str
    period: Period
    state: str
    revision: int


def import_answer(db: sqlite_utils.Database, path: Path) -> Intake:
    """Check and record the answer in `path`; a returned month is reopened with the office's reason."""
    from ..io.answer_file import AnswerFileError, read_answer_file
    from . import workspace

    path = Path(path)
    try:
        answer, sha = read_answer_file(path)
    except AnswerFileError as error:
        raise AnswerRefused(f"{error} Không thay đổi gì.") from None
    ctx = workspace.context(db)
    with known_errors(db), db.atomic():
        _check_unit(ctx, answer, path.name)
        _check_office(db, ctx, answer, path.name)
        sent = _check_sent(db, ctx, answer, sha, path.name)
        answer_store.record_received(db, sent.id, answer, now_iso(), ctx.settings.who, path.name, sha)
        period = Period.parse(answer.period)
        if answer.state == RETURNED and sent.locked:
            reason = f"{answer.office} trả lại lần gửi r{answer.revision}: {answer.note}"
            submission_store.reopen(db, ctx.unit.id, sent_plan(db, sent.id), answer.period, reason[:MAX_TEXT],
                                    ctx.settings.who)
    if answer.state == ACCEPTED:
        text = (f"{period.label} (lần gửi r{answer.revision}) đã được {answer.office} tiếp nhận ngày "
                f"{display_date(answer.answered_at)}.")
    else:
        codes = ", ".join(c for c, _ in answer.comments)
        text = (f"{answer.office} trả lại {period.label.lower()} (lần gửi r{answer.revision}) ngày "
                f"{display_date(answer.answered_at)}. Lý do: {answer.note}"
                + (f"\nChỉ tiêu cần sửa: {codes} (nhận xét hiện cạnh từng chỉ tiêu)." if codes else "")
                + f"\nTháng đã được mở lại; lần gửi sau là r{answer.revision + 1}.")
    return Intake(text, period, answer.state, answer.revision)


def sent_plan(db, submission_id: int) -> int:
    return submission_store.plan_of(db, submission_id)


def _check_unit(ctx: WorkspaceContext, answer: Answer, name: str) -> None:
    if name_key(answer.unit) != name_key(ctx.unit.name) or not same_area(answer.unit_area, ctx.unit.district):
        raise AnswerRefused(f"{name} là tệp trả lời cho đơn vị “{answer.unit}” ({answer.unit_area}), không phải "
                            f"“{ctx.unit.name}”; hãy chuyển tệp cho đúng đơn vị. Không thay đổi gì.")


def _check_office(db, ctx: WorkspaceContext, answer: Answer, name: str) -> None:
    from .trust import fingerprint

    pinned = key_store.office_keys(db)
    if not pinned:
        raise AnswerRefused(
            f"Chưa ghi nhận khóa của cơ quan tổng hợp nên chưa kiểm được {name} (ký bằng khóa có mã nhận dạng "
            f"{fingerprint(answer.office_key)}). Hãy nhập tệp danh mục có chữ ký của cơ quan (tệp .chuky kèm theo) "
            "hoặc tệp đăng ký khóa của cơ quan (unit key import TỆP --office), gọi điện đối chiếu mã nhận dạng, rồi "
            "nhập lại tệp trả lời. Không thay đổi gì.")
    office = next((k for k in pinned if name_key(k.name) == name_key(answer.office)), None)
    if office is None:
        known = ", ".join(k.name for k in pinned)
        raise AnswerRefused(f"{name} là tệp trả lời của “{answer.office}”, không phải cơ quan tổng hợp đã ghi nhận "
                            f"khóa ({known}). Không thay đổi gì.")
    if office.public_key != answer.office_key:
        raise AnswerRefused(f"{name} ký bằng khóa có mã nhận dạng {fingerprint(answer.office_key)}, khác khóa đã ghi "
                            f"nhận của {office.name} ({fingerprint(office.public_key)}): có thể không phải tệp của cơ "
                            "quan đó; hãy gọi điện hỏi lại. Không thay đổi gì.")


def _check_sent(db, ctx: WorkspaceContext, answer: Answer, sha: str, name: str):
    """The submission the answer is about, when it is the latest this unit sent and the answer is news."""
    from ..storage.catalogue_store import list_plans

    plan = next((p for p in list_plans(db) if (p.plan.number, p.plan.year, name_key(p.plan.issuer))
                 == (answer.plan_number, answer.plan_year, name_key(answer.plan_issuer))), None)
    month = Period.parse(answer.period).label.lower()
    if plan is None:
        raise AnswerRefused(f"{name} trả lời theo kế hoạch {answer.plan_number} năm {answer.plan_year}, mà đơn vị "
                            "không có. Không thay đổi gì.")
    rows = submission_store.sent_revisions(db, ctx.unit.id, plan.id, answer.period)
    mine = next((r for r in rows if r[1] == answer.revision), None)
    if mine is None:
        sent = f"mới gửi đến lần r{rows[-1][1]}" if rows else "chưa gửi"
        raise AnswerRefused(f"{name} trả lời lần gửi r{answer.revision} {month}, nhưng đơn vị {sent} tháng này. "
                            "Không thay đổi gì.")
    if mine[2] != answer.package_sha256:
        raise AnswerRefused(f"{name} trả lời một gói r{answer.revision} {month} khác gói đơn vị đã gửi (mã băm không "
                            "khớp). Không thay đổi gì.")
    if (seen := answer_store.received_by_sha(db, sha)) is not None:
        raise AnswerRefused(f"{name} đã được nhập lúc {display_moment(seen.answered_at)}; không thay đổi gì.")
    if rows[-1][1] > answer.revision:
        raise AnswerRefused(f"{name} trả lời lần gửi r{answer.revision} {month}, nhưng đơn vị đã gửi lần "
                            f"r{rows[-1][1]}: tệp trả lời đã cũ. Không thay đổi gì.")
    newer = [a for a in answer_store.received_for_month(db, ctx.unit.id, plan.id, answer.period)
             if a.ref == mine[0] and a.answered_at >= answer.answered_at]
    if newer:
        raise AnswerRefused(f"Đơn vị đã có câu trả lời mới hơn cho lần gửi r{answer.revision} {month} (ngày "
                            f"{display_date(newer[-1].answered_at)}): {name} đã cũ. Không thay đổi gì.")
    return submission_store.latest_submission(db, ctx.unit.id, plan.id, answer.period)


# -- what the window shows -------------------------------------------------------------------------------------
