"""The checklist before a month is sent: what is missing or contradicts itself, and the deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .periods import Period
from .progress import Status
from .validation import status_problem
from .workspace import TargetStatusRow

SHOWN_CODES = 12  # codes named in one line; the rest as "…"


@dataclass(frozen=True)
class CheckLine:
    """One point of the checklist: met or not, what it says, the targets it names (to go to them)."""

    ok: bool
    text: str
    codes: tuple[str, ...] = ()
    blocking: bool = False  # a point the officer is asked about before sending (targets without a result)


@dataclass(frozen=True)
class MonthCheck:
    """A month's targets looked over before sending."""

    period: Period
    total: int
    empty: tuple[str, ...]
    contradictions: tuple[tuple[str, str], ...]  # (code, why)
    done_without_evidence: tuple[str, ...]
    override_without_reason: tuple[str, ...]
    due: date
    days_left: int
    year_over: bool = False  # a month of a year gone by: no deadline left to keep (the banner says so too)
    returned: str = ""  # the office returned the month: its words, listed first
    returned_codes: tuple[tuple[str, str], ...] = ()  # (code, the office's comment) of the targets to fix

    @property
    def problems(self) -> int:
        """How many targets have something to look at (a target counts once per point)."""
        return (len(self.empty) + len(self.contradictions) + len(self.done_without_evidence)
                + len(self.override_without_reason))

    @property
    def complete(self) -> bool:
        return not self.empty

    def lines(self) -> list[CheckLine]:
        """The checklist in the order an officer reads it: results, their status, evidence, overrides, deadline."""
        filled = self.total - len(self.empty)
        returned = [CheckLine(False, self.returned + "".join(f"\n    – chỉ tiêu {code}: {text}"
                                                             for code, text in self.returned_codes),
                              tuple(code for code, _ in self.returned_codes))] if self.returned else []
        return returned + [
            CheckLine(not self.empty, f"{filled}/{self.total} chỉ tiêu đã có kết quả" + (
                "." if not self.empty else f"; {len(self.empty)} chỉ tiêu chưa có kết quả: {_codes(self.empty)}"),
                self.empty, blocking=bool(self.empty)),
            CheckLine(not self.contradictions, "Tình trạng và kết quả khớp nhau." if not self.contradictions else
                      f"{len(self.contradictions)} chỉ tiêu có tình trạng mâu thuẫn với kết quả: "
                      + "; ".join(f"{code} ({why.rstrip('.')})" for code, why in self.contradictions[:SHOWN_CODES])
                      + (" …" if len(self.contradictions) > SHOWN_CODES else "."),
                      tuple(code for code, _ in self.contradictions)),
            CheckLine(not self.done_without_evidence, "Chỉ tiêu “Hoàn thành” đều có minh chứng."
                      if not self.done_without_evidence else
                      f"{len(self.done_without_evidence)} chỉ tiêu “Hoàn thành” chưa có minh chứng (ghi chú hoặc "
                      f"tệp): {_codes(self.done_without_evidence)}", self.done_without_evidence),
            CheckLine(not self.override_without_reason, "Đánh giá tự điều chỉnh đều có lý do."
                      if not self.override_without_reason else
                      f"{len(self.override_without_reason)} chỉ tiêu tự điều chỉnh đánh giá mà chưa ghi lý do: "
                      f"{_codes(self.override_without_reason)}", self.override_without_reason),
            CheckLine(self.days_left >= 0 or self.year_over, f"Hạn gửi báo cáo {self.period.label.lower()}: "
                      f"{self.due.strftime('%d/%m/%Y')} ("
                      + (f"năm {self.period.year} đã qua" if self.year_over else _when(self.days_left)) + ")."),
        ]

    def text(self) -> str:
        """The checklist as lines of text (the command line, the window's summary)."""
        return "\n".join(f"[{'x' if line.ok else ' '}] {line.text}" for line in self.lines())


def _codes(codes: tuple[str, ...]) -> str:
    return ", ".join(codes[:SHOWN_CODES]) + (" …" if len(codes) > SHOWN_CODES else ".")


def _when(days_left: int) -> str:
    if days_left > 0:
        return f"còn {days_left} ngày"
    return "hạn chót là hôm nay" if days_left == 0 else f"đã quá hạn {-days_left} ngày"


def check_month(rows: list[TargetStatusRow], period: Period, report_day: int, today: date) -> MonthCheck:
    """What a month's rows leave to do before sending."""
    contradictions, without_evidence, without_reason = [], [], []
    for row in rows:
        entry = row.entry
        if entry is None:
            continue
        if (why := status_problem(entry.status, entry.assessment, entry.values)) is not None:
            contradictions.append((row.code, why))
        if entry.status is Status.HOAN_THANH and not entry.evidence_notes.strip() and not row.evidence_count:
            without_evidence.append(row.code)
        if not entry.assessment_auto and not entry.override_reason.strip():
            without_reason.append(row.code)
    due = period.due_date(report_day)
    return MonthCheck(period, len(rows), tuple(r.code for r in rows if r.entry is None), tuple(contradictions),
                      tuple(without_evidence), tuple(without_reason), due, (due - today).days, period.year < today.year)
