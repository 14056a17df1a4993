"""The office's month as its tab shows it, read in one go: the year's board, the month's lines and each unit's answer
state. At a country's scale (3,321 units) this takes about a second, so the tab reads it on a worker's connection;
the roster and the units are read once for all three."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..domain.periods import Period
from ..storage.unit_store import count_units
from . import answers
from .district_board import Board, MonthRow, board

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


@dataclass(frozen=True)
class OfficeMonth:
    """What the office's tab shows of a month (the consolidation of targets is read apart: services.district_matrix)."""

    period: Period
    board: Board
    month_rows: list[MonthRow]
    answer_rows: list[answers.AnswerRow]
    accepted_only: bool


def read(db: sqlite_utils.Database, plan_id: int, period: Period, report_day: int, today: date) -> OfficeMonth:
    """The board of the plan's year, the month's line of every unit on it and the month's answer states."""
    year_board = board(db, plan_id, report_day, today)
    rows = year_board.month(period)  # none for a month of another year than the board's
    return OfficeMonth(period, year_board, rows, answers.month_rows(db, plan_id, period, units=year_board.units),
                       answers.accepted_only(db))


def units_known(db: sqlite_utils.Database) -> int:
    """How many units (and names) the office knows: decides whether the month is read in a worker."""
    return count_units(db)
