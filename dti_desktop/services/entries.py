"""A target's month result named by its code and given as text, as the command line's `entry set|show` give it:
the row found in the plan of that month's year, the figures read and checked, the status the figures call for."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import BadInput
from ..domain.periods import Period
from ..domain.progress import ProgressEntry, Status
from ..domain.validation import proposed_status, read_measure_input
from . import workspace

if TYPE_CHECKING:
    import sqlite_utils

    from ..domain.workspace import TargetStatusRow

REMARKS = ("evidence_notes", "difficulties", "causes", "proposals")  # the free texts of an entry


@dataclass(frozen=True)
class EntryView:
    """One target's month, with the history of its entry (empty without one)."""

    row: TargetStatusRow
    history: list


def find_row(db: sqlite_utils.Database, period: Period, code: str, read_only: bool = False):
    """(the workspace of that month's plan, the unit's row of target `code`); BadInput when not assigned."""
    ctx = workspace.context_for(db, period, read_only=read_only)  # the plan of that year
    row = next((r for r in workspace.rows(db, ctx, period) if r.code == code), None)
    if row is None:
        raise BadInput(f"Đơn vị không được giao chỉ tiêu “{code}” trong kế hoạch {ctx.plan.plan.number}.")
    return ctx, row


def view(db: sqlite_utils.Database, period: Period, code: str) -> EntryView:
    """`entry show`: the row and its history, read only."""
    from .history import history

    _, row = find_row(db, period, code, read_only=True)
    return EntryView(row, history(db, row.entry.id, row.measures) if row.entry else [])


def record(db: sqlite_utils.Database, store: Path, period: Period, code: str, values: list[str],
           status: str | None, remarks: dict[str, str], files: list[Path]) -> tuple[TargetStatusRow, ProgressEntry]:
    """`entry set`: each text read as the measure of its position ("" keeps none), the remarks given replaced,
    saved with its history; without `status`, the status the figures call for (48/50 at a 95 % goal is "Hoàn
    thành"), as the window proposes it. BadInput for a figure that does not read."""
    ctx, row = find_row(db, period, code)
    measures = row.measures
    if len(values) > len(measures):
        raise BadInput(f"Chỉ tiêu {row.code} có {len(measures)} thước đo nhưng nhận {len(values)} giá trị.")
    read = dict(row.entry.values if row.entry else {})
    for pos, text in enumerate(values):
        value, problem = read_measure_input(measures[pos], text)
        if problem:
            raise BadInput(f"Giá trị thứ {pos + 1} (“{text}”, mục tiêu {measures[pos].label()}): {problem}")
        read[pos] = value
    entry = replace(row.entry or workspace.blank_entry(row, period), values=read)
    proposed = proposed_status(measures, read, row.status) if values and not status else None
    entry = replace(entry, status=Status(status) if status else proposed or entry.status,
                    **{k: v for k, v in remarks.items() if k in REMARKS})
    return row, workspace.save(db, store, entry, measures, list(files), ctx.settings.who)
