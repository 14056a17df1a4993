"""Consolidation of all targets at once: a table of targets × units, each cell the office's own assessment, with the
share reached per target and per unit, each share with its denominator.

Built from district_board.consolidated (one read of each unit's current package, no query per cell); the cells are
plain strings and states, so that a table of hundreds of units stays quick to draw and to filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.numbers import format_number
from ..domain.periods import Period
from ..domain.report import NOT_REPORTED, OWN_TARGETS, TargetAcrossUnits
from ..storage.catalogue_store import load_catalogue
from .district_board import consolidated, reporting_units

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

REACHED, NOT_REACHED, NO_VERDICT, NOT_SENT, NOT_ASSIGNED = "dat", "chua_dat", "chua_danh_gia", "chua_bao_cao", "khong_giao"
CELL_WORDS = {REACHED: "Đạt", NOT_REACHED: "Chưa đạt", NO_VERDICT: "Đã báo cáo", NOT_SENT: NOT_REPORTED,
              NOT_ASSIGNED: "Không giao"}


def share_text(reached: int, expected: int) -> str:
    """"07/15 (46,7%)": the share with its denominator; "—" when nothing is expected."""
    if not expected:
        return "—"
    return f"{reached:02d}/{expected:02d} ({format_number(100 * reached / expected, 1)}%)"


@dataclass(frozen=True)
class Consolidation:
    """Targets (rows) × units (columns) of a month; `states[i][j]` one of the states above."""

    period: Period
    units: list[str]
    targets: list[TargetAcrossUnits]
    groups: list[str]  # each target's group heading ("I. Phát triển hạ tầng số")
    states: list[list[str]]

    def group_names(self) -> list[str]:
        return list(dict.fromkeys(self.groups))

    def target_share(self, row: int, columns: list[int] | None = None) -> tuple[int, int]:
        """(units that reached the target, units it was given to), among `columns` (all when None)."""
        cells = self.states[row] if columns is None else [self.states[row][c] for c in columns]
        return sum(s == REACHED for s in cells), sum(s != NOT_ASSIGNED for s in cells)

    def unit_share(self, column: int, rows: list[int] | None = None) -> tuple[int, int]:
        """(targets the unit reached, targets given to it), among `rows` (all when None)."""
        rows = range(len(self.targets)) if rows is None else rows
        cells = [self.states[r][column] for r in rows]
        return sum(s == REACHED for s in cells), sum(s != NOT_ASSIGNED for s in cells)


def _state(target: TargetAcrossUnits, unit: str, line) -> str:
    if line.entry is None:
        return NOT_SENT if unit not in target.unassigned else NOT_ASSIGNED
    if line.reached:
        return REACHED
    counted = line.counted
    return NOT_REACHED if counted is not None and counted.value else NO_VERDICT


def consolidation(db: sqlite_utils.Database, plan_id: int, period: Period) -> Consolidation:
    """The month's table of every target across the units the board shows (the roster's, and any that sent)."""
    targets = consolidated(db, plan_id, period)
    units = [u.name for u in reporting_units(db, plan_id)]
    catalogue = load_catalogue(db, plan_id)
    groups = [f"{group.no}. {group.title}" if group.no and group.title else group.title or OWN_TARGETS
              for _part, group, _target in catalogue.located_targets()]
    states = [[_state(t, unit, line) for unit, line in t.lines] for t in targets]
    return Consolidation(period, units, targets, groups, states)
