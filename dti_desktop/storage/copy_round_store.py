"""Whole-month copies: which entries one copy made, so that it can be undone in one action."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.text import clean
from .clock import now_iso

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


@dataclass(frozen=True)
class CopyRound:
    """One "Chép cả tháng trước": the month copied into, from which month, by whom, and whether it was undone."""

    id: int
    period: str
    source_period: str
    created_at: str
    created_by: str
    last_history_id: int
    entry_ids: tuple[int, ...]
    undone_at: str | None = None


def start_round(db: sqlite_utils.Database, unit_id: int, plan_id: int, period: str, source: str, who: str) -> int:
    return db.table("copy_round").insert({
        "unit_id": unit_id, "plan_id": plan_id, "period": period, "source_period": source,
        "created_at": now_iso(), "created_by": clean(who)}).last_pk


def finish_round(db: sqlite_utils.Database, round_id: int, entry_ids: list[int]) -> None:
    """The entries the copy made, and the history written so far: an entry changed later was the officer's work."""
    db.table("copy_round_entry").insert_all({"round_id": round_id, "entry_id": e} for e in entry_ids)
    last = db.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0]
    db.execute("UPDATE copy_round SET last_history_id = ? WHERE id = ?", [last, round_id])


def latest_round(db: sqlite_utils.Database, unit_id: int, plan_id: int, period: str) -> CopyRound | None:
    """The month's last copy not undone that copied anything, or None."""
    row = db.execute(
        "SELECT r.id, r.period, r.source_period, r.created_at, r.created_by, r.last_history_id, r.undone_at "
        "FROM copy_round r WHERE r.unit_id = ? AND r.plan_id = ? AND r.period = ? AND r.undone_at IS NULL "
        "AND EXISTS (SELECT 1 FROM copy_round_entry x WHERE x.round_id = r.id) ORDER BY r.id DESC LIMIT 1",
        [unit_id, plan_id, period]).fetchone()
    if row is None:
        return None
    entries = tuple(r[0] for r in db.execute("SELECT entry_id FROM copy_round_entry WHERE round_id = ? ORDER BY entry_id",
                                             [row[0]]))
    return CopyRound(*row[:6], entry_ids=entries, undone_at=row[6])


def changed_since(db: sqlite_utils.Database, entry_id: int, history_id: int) -> bool:
    """The entry has history after `history_id`: changed by hand after the copy."""
    return db.execute("SELECT 1 FROM history WHERE entry_id = ? AND id > ? LIMIT 1",
                      [entry_id, history_id]).fetchone() is not None


def mark_undone(db: sqlite_utils.Database, round_id: int, who: str) -> None:
    db.execute("UPDATE copy_round SET undone_at = ?, undone_by = ? WHERE id = ?", [now_iso(), clean(who), round_id])


def copied_codes(db: sqlite_utils.Database, round_id: int) -> dict[int, str]:
    """entry id -> target code of each entry a whole-month copy wrote."""
    return dict(db.execute(
        "SELECT e.id, t.code FROM progress_entry e JOIN assignment a ON a.id = e.assignment_id "
        "JOIN target t ON t.id = a.target_id WHERE e.id IN (SELECT entry_id FROM copy_round_entry "
        "WHERE round_id = ?)", [round_id]).fetchall())
