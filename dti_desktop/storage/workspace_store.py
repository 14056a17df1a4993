"""The queries behind the officer's screen: assigned targets with their month's entries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.catalogue import GroupKind, Target
from ..domain.workspace import TargetStatusRow
from .catalogue_store import TARGET_FIELDS
from .progress_store import load_entries

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

_ROWS_SQL = """
SELECT t.*, t.id AS target_id, a.id AS assignment_id, a.role, g.no AS group_no, g.kind AS group_kind,
       g.title AS group_title, p.position AS part_position, g.position AS group_position
FROM assignment a
JOIN target t ON t.id = a.target_id
JOIN target_group g ON g.id = t.group_id
JOIN plan_part p ON p.id = g.part_id
WHERE a.unit_id = ? AND t.plan_id = ?
ORDER BY p.position, g.position, t.position
"""


def assigned_rows(db: sqlite_utils.Database, unit_id: int, plan_id: int, period: str,
                  goal_level: bool | None = None) -> list[TargetStatusRow]:
    """Every target of the plan assigned to the unit, with the period's entry and evidence count."""
    entries = {e.assignment_id: e for e in load_entries(
        db, "e.period = ? AND e.assignment_id IN (SELECT id FROM assignment WHERE unit_id = ?)",
        [period, unit_id])}
    counts = dict(db.execute(
        "SELECT e.assignment_id, count(*) FROM attachment x JOIN progress_entry e ON e.id = x.entry_id "
        "WHERE x.removed_at IS NULL AND e.period = ? "
        "AND e.assignment_id IN (SELECT id FROM assignment WHERE unit_id = ?) GROUP BY e.assignment_id",
        [period, unit_id]).fetchall())
    rows = []
    for position, r in enumerate(db.query(_ROWS_SQL, [unit_id, plan_id])):
        target = Target(**{k: r[k] for k in TARGET_FIELDS})
        rows.append(TargetStatusRow(
            target_id=r["target_id"], assignment_id=r["assignment_id"], code=r["code"], position=position,
            group_no=r["group_no"], group_kind=GroupKind(r["group_kind"]), group_title=r["group_title"],
            role=r["role"], target=target, entry=entries.get(r["assignment_id"]),
            evidence_count=counts.get(r["assignment_id"], 0), goal_level=goal_level))
    return rows


def monthly_counts(db: sqlite_utils.Database, unit_id: int, plan_id: int, year: int) -> dict[str, dict[str, int]]:
    """period -> {"hoan_thanh": n, "dang_trien_khai": n, "chua_trien_khai": n, "dat": n} for the year."""
    result: dict[str, dict[str, int]] = {}
    for r in db.query(
        "SELECT e.period, e.status, e.assessment, count(*) AS n FROM progress_entry e "
        "JOIN assignment a ON a.id = e.assignment_id JOIN target t ON t.id = a.target_id "
        "WHERE a.unit_id = ? AND t.plan_id = ? AND e.period LIKE ? "
        "AND e.id NOT IN (SELECT entry_id FROM cleared_entry) "
        "GROUP BY e.period, e.status, e.assessment",
        [unit_id, plan_id, f"{year:04d}-%"],
    ):
        month = result.setdefault(r["period"], {})
        month[r["status"]] = month.get(r["status"], 0) + r["n"]
        if r["assessment"] == "dat":
            month["dat"] = month.get("dat", 0) + r["n"]
    return result
