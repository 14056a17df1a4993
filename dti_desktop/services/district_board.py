"""The consolidating office's views of what it received: the completeness board (unit × month) and each target
across units, judged by the office itself.

On time is judged by when the office received a month's first package, by its own clock; the time the unit's package
claims is shown beside it, flagged when the two disagree widely. Withdrawn packages count nowhere (the cell says
they were there). Each unit's assessment is made again from its values and the goal, with the unit's rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..domain import bounds
from ..domain.goals import goal_text_of, measures_for
from ..domain.periods import Period
from ..domain.progress import assess
from ..domain.report import ReportLine, TargetAcrossUnits
from ..domain.units import Unit, role_for
from ..storage import received_store
from ..storage.catalogue_store import list_plans, load_catalogue, plan_year
from ..storage.unit_store import list_units, merged_names
from . import roster, workspace

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


# -- completeness board --------------------------------------------------------------
ON_TIME, LATE, MISSING, NOT_DUE = "dung_han", "muon", "chua_gui", "chua_den_han"
NOT_EXPECTED = "khong_theo_doi"  # a unit the year's roster no longer expects (shown for the months it sent)
STATE_LABELS = {ON_TIME: "Đúng hạn", LATE: "Muộn", MISSING: "Chưa gửi", NOT_DUE: "Chưa đến hạn",
                NOT_EXPECTED: "Không theo dõi"}


@dataclass(frozen=True)
class BoardCell:
    """A unit's month: its state, and the current revision with when it was made and received. The state is judged
    by when the office received the month's first revision (`first_received_at`), the unit's claim
    (`first_created_at`) shown beside it."""

    state: str
    revision: int = 0
    created_at: str = ""
    received_at: str = ""
    superseded: int = 0  # older revisions kept in history
    reopen_reason: str = ""  # why the unit sent this month again
    first_received_at: str = ""
    first_created_at: str = ""
    withdrawn: int = 0  # packages of the month the office withdrew (kept in the history)

    @property
    def flagged(self) -> bool:
        """The unit's claimed time and the office's receipt disagree widely (a backdated package, a wrong clock)."""
        return bool(self.revision) and bounds.claim_disagrees(_moment(self.first_created_at),
                                                              _moment(self.first_received_at))

    def claim_text(self) -> str:
        """"đơn vị ghi lập 14/03/2025; lưu ý: nhận sau 11 ngày"."""
        made, got = _moment(self.first_created_at), _moment(self.first_received_at)
        text = f"đơn vị ghi lập {made.strftime('%d/%m/%Y')}"
        if self.flagged:
            text += ("; lưu ý: ngày lập ghi sau lúc nhận" if made > got
                     else f"; lưu ý: nhận sau {(got - made).days} ngày")
        return text

    def text(self) -> str:
        gone = f"đã rút {self.withdrawn} gói" if self.withdrawn else ""
        if not self.revision:
            return STATE_LABELS[self.state] + (f" ({gone})" if gone else "")
        received = _moment(self.received_at).strftime("%d/%m/%Y")
        parts = [f"nhận {received}" + (f", thay {self.superseded} lần trước" if self.superseded else "")]
        if self.superseded:
            parts.append(f"lần gửi đầu nhận {_moment(self.first_received_at).strftime('%d/%m/%Y')}")
        parts += [self.claim_text(), gone, f"lý do gửi lại: {self.reopen_reason}" if self.reopen_reason else ""]
        return f"{STATE_LABELS[self.state]}, lần gửi {self.revision} ({'; '.join(p for p in parts if p)})"  # printed


def _moment(iso: str) -> datetime:
    return bounds.aware(datetime.fromisoformat(iso))


@dataclass(frozen=True)
class MonthRow:
    """A unit's line of one month on the board: sent (the unit's claim), received (the office's clock), due."""

    unit: Unit
    cell: BoardCell
    due: date
    expected: bool = True

    @property
    def sent_on(self) -> str:
        return _moment(self.cell.first_created_at).strftime("%d/%m/%Y") if self.cell.revision else ""

    @property
    def received_on(self) -> str:
        return _moment(self.cell.first_received_at).strftime("%d/%m/%Y") if self.cell.revision else ""

    @property
    def late(self) -> bool:
        return self.cell.state in (LATE, MISSING)

    def late_text(self) -> str:
        """"Muộn 3 ngày", "Quá hạn 5 ngày" (not sent), "" otherwise."""
        if self.cell.state == LATE:
            return f"Muộn {(_moment(self.cell.first_received_at).date() - self.due).days} ngày"
        return "Quá hạn" if self.cell.state == MISSING else ""


@dataclass(frozen=True)
class Board:
    units: list[Unit]
    months: list[Period]
    cells: dict[tuple[int, str], BoardCell]
    expected: frozenset[int] | None = None  # the roster's units (None: all shown)
    report_day: int = 15

    def month(self, period: Period) -> list[MonthRow]:
        """Every unit's line for the month, expected ones first (they are the roster), "Chưa gửi" included; none
        for a month of another year than the board's."""
        if period not in self.months:
            return []
        rows = [MonthRow(u, self.cells[(u.id, period.key)], period.due_date(self.report_day),
                         self.expected is None or u.id in self.expected) for u in self.units]
        return sorted(rows, key=lambda r: not r.expected)

    def sent(self, period: Period) -> tuple[int, int]:
        """(expected units that sent the month, expected units)."""
        rows = [r for r in self.month(period) if r.expected]
        return sum(1 for r in rows if r.cell.revision), len(rows)

    def rows(self) -> list[list[str]]:
        return [[u.name] + [self.cells[(u.id, m.key)].text() for m in self.months] for u in self.units]

    def header(self) -> list[str]:
        return ["Đơn vị"] + [f"{m.month:02d}/{m.year}" for m in self.months]


def reporting_units(db: sqlite_utils.Database, plan_id: int) -> list[Unit]:
    """The units the roster of the plan's year expects (services.roster), and any other unit that sent a package
    for the plan (a unit retired from the roster keeps the months it sent)."""
    return _units(db, plan_id)[0]


def _units(db, plan_id: int) -> tuple[list[Unit], frozenset[int]]:
    expected = roster.expected_ids(db, plan_year(db, plan_id))
    aliases = merged_names(db)
    sent = {aliases.get(u, u) for u in received_store.sending_units(db, [plan_id])}
    return [u for u in list_units(db) if not u.is_own and (u.id in sent or u.id in expected)], expected


def year_board(db: sqlite_utils.Database, year: int | None = None, today: date | None = None) -> list[list[str]]:
    """The board of the year's plan (the plan in use when no year is given) as rows of text, its header first: the
    command line's `district board`."""
    from .catalogues import choose_plan

    b = board(db, choose_plan(db, year).id, workspace.report_day(workspace.context(db)), today or date.today())
    return [b.header()] + b.rows()


def board(db: sqlite_utils.Database, plan_id: int, report_day: int, today: date) -> Board:
    plan = next(p.plan for p in list_plans(db) if p.id == plan_id)
    months = [Period(plan.year, m) for m in range(1, 13)]
    units, expected = _units(db, plan_id)
    aliases = merged_names(db)  # a name merged into another unit: its packages are that unit's
    by_cell: dict[tuple[int, str], list] = {}
    gone: dict[tuple[int, str], int] = {}
    for p in received_store.packages(db, plan_id, withdrawn=True):  # grouped once: the board has units × 12 cells
        key = (aliases.get(p.unit_id, p.unit_id), p.period)
        if p.withdrawn_at:
            gone[key] = gone.get(key, 0) + 1
        else:
            by_cell.setdefault(key, []).append(p)
    cells = {}
    # each month's key and day once, and one empty cell per state shared (cells are frozen): a country's 3,321
    # units make 40,000 cells
    dues = [(month.key, month.due_date(report_day)) for month in months]
    empty = {state: BoardCell(state) for state in (NOT_EXPECTED, MISSING, NOT_DUE)}
    for unit in units:
        for month_key, due in dues:
            key = (unit.id, month_key)
            mine = by_cell.get(key)
            if not mine:
                state = NOT_EXPECTED if unit.id not in expected else MISSING if today > due else NOT_DUE
                cells[key] = BoardCell(state, withdrawn=gone[key]) if key in gone else empty[state]
                continue
            latest, first = max(mine, key=lambda p: p.revision), min(mine, key=lambda p: p.revision)
            # On time when the office received the month's first revision by its day, whatever the package says it
            # was made on (a backdated one read "Đúng hạn"); a correction sent later (r2) does not make a unit that
            # reported on time "Muộn"; the cell still says it was replaced.
            state = ON_TIME if _moment(first.received_at).date() <= due else LATE
            cells[key] = BoardCell(state, latest.revision, latest.created_at, latest.received_at, len(mine) - 1,
                                   latest.reopen_reason, first.received_at, first.created_at, gone.get(key, 0))
    return Board(units, months, cells, expected, report_day)


# -- consolidated view ------------------------------------------------------------------
def consolidated(db: sqlite_utils.Database, plan_id: int, period: Period) -> list[TargetAcrossUnits]:
    """Every target, with each reporting unit's current entry for the month, its assessment made again by the office
    (the unit's own shown beside it where they differ; a hand-set one counted as the office's setting says)."""
    catalogue = load_catalogue(db, plan_id)
    units = reporting_units(db, plan_id)
    overrides = workspace.context(db, read_only=True).settings.unit_overrides
    current = {}
    from .answer_counting import accepted_only, counted_package  # the office may count accepted packages only

    only_accepted = accepted_only(db)
    for unit in units:
        package = counted_package(db, unit.id, plan_id, period.key, only_accepted)
        current[unit.id] = received_store.entries(db, package.id) if package else {}
    result = []
    for (_part, group, target), code in zip(catalogue.located_targets(), catalogue.codes()):
        # results keep every figure's place ("-; 96%"): the office's goal column is shared by units of both levels
        lines = tuple((u.name, _line(code, group, target, u, current[u.id].get(code), overrides)) for u in units)
        unassigned = frozenset(u.name for u in units if role_for(u, target) is None)
        goal = goal_text_of(measures_for(target.goal, target.text, None), target.goal_text)  # "trên 80%"
        result.append(TargetAcrossUnits(code, target.text, goal, lines,
                                        unassigned))
    return result


def _line(code: str, group, target, unit: Unit, entry, overrides: str) -> ReportLine:
    """A unit's line with the office's own assessment: the unit's measures (its level's figures) and its rules."""
    if entry is None:
        return ReportLine(code, group.no, group.title, target)
    measures = measures_for(target.goal, target.text, unit.kind.goal_level)
    return ReportLine(code, group.no, group.title, target, entry,
                      recomputed=assess(measures, entry.values, entry.status), overrides=overrides)
