"""What the officer's main screen shows: one row per assigned target for a month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .catalogue import GroupKind, Target
from .goals import Goal, Measure, goal_text_of, measures_for
from .periods import Period
from .progress import Assessment, ProgressEntry, Status, given_positions, measure_results
from .text import fold


@dataclass(frozen=True)
class TargetStatusRow:
    """An assigned target and its entry for the chosen month (None: nothing recorded yet)."""

    target_id: int
    assignment_id: int
    code: str
    position: int
    group_no: str
    group_kind: GroupKind
    group_title: str
    role: str
    target: Target
    entry: ProgressEntry | None = None
    evidence_count: int = 0
    goal_level: bool | None = None  # the unit's level, for figures set per level (UnitKind.goal_level)

    @property
    def goal(self) -> Goal:
        return self.target.goal

    @property
    def goal_label(self) -> str:
        """The goal this unit is held to, as the table shows it ("trên 80%"; a ward's "95%" of "100%; 95%")."""
        given = given_positions(self.entry.values) if self.entry else frozenset()
        return goal_text_of(self.measures, self.target.goal_text, given)

    @property
    def measures(self) -> tuple[Measure, ...]:
        """The goal's measures as this unit is judged on them (a figure for the other level does not apply)."""
        return measures_for(self.goal, self.target.text, self.goal_level)

    @property
    def status(self) -> Status | None:
        return self.entry.status if self.entry else None

    @property
    def assessment(self) -> Assessment:
        return self.entry.assessment if self.entry else Assessment.NONE

    @property
    def group_label(self) -> str:
        if self.group_title:
            return f"{self.group_no} {self.group_kind.label}".strip()
        return "Mục tiêu riêng"

    @property
    def search_key(self) -> str:
        """Folded text the search matches; made on the first search, not at every load (start-up time)."""
        return _search_key(self.code, self.target)

    def latest_value(self, short: bool = False) -> str:
        """The entry's results, "; "-joined in measure order (short: fractions as percentages)."""
        if not self.entry:
            return ""
        return measure_results(self.entry.values, self.measures, short)


@lru_cache(maxsize=8192)
def _search_key(code: str, target: Target) -> str:
    """Cached: targets rarely change but rows reload often."""
    return fold(" ".join((code, target.text, target.lead, target.coordinating, target.local_goal)))


@dataclass(frozen=True)
class DeadlineInfo:
    """The banner: when the month's report is due and which targets have no entry yet."""

    due: date
    days_left: int
    missing_codes: tuple[str, ...]
    other_dues: tuple[tuple[date, str], ...] = ()  # this month's quarterly or yearly report: (due, "quý I"/"năm")

    def text(self) -> str:
        today = self.due - timedelta(days=self.days_left)
        dues = sorted([*self.other_dues, (self.due, "tháng")])
        head = "; ".join(f"báo cáo {kind} hạn {due.strftime('%d/%m/%Y')} ({_when((due - today).days)})"
                         for due, kind in dues)
        head = head[0].upper() + head[1:] + "."
        if not self.missing_codes:
            return f"{head} Tất cả chỉ tiêu đã có kết quả."
        shown = ", ".join(self.missing_codes[:12]) + (" …" if len(self.missing_codes) > 12 else "")
        return f"{head} {len(self.missing_codes)} chỉ tiêu chưa có kết quả: {shown}{'' if shown.endswith('…') else '.'}"


def _when(days_left: int) -> str:
    if days_left > 0:
        return f"còn {days_left} ngày"
    return "hạn chót là hôm nay" if days_left == 0 else f"đã quá hạn {-days_left} ngày"


def deadline_info(period: Period, report_day: int, today: date, rows: list[TargetStatusRow]) -> DeadlineInfo:
    """The monthly deadline (its colour in the banner), with the quarterly or yearly one due the same month."""
    due = period.due_date(report_day)
    others = tuple(d for d in period.report_dues(report_day) if d[1] != "tháng")
    missing = tuple(r.code for r in rows if r.entry is None)
    return DeadlineInfo(due, (due - today).days, missing, others)


def default_period(today: date, plan_year: int) -> Period:
    """This month when it is in the plan's year; else the plan year's last (or first) month."""
    if today.year == plan_year:
        return Period.of(today)
    return Period(plan_year, 12) if today.year > plan_year else Period(plan_year, 1)
