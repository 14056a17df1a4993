"""The office's roster rows: which units a year expects, and the append-only history of its edits.

Callers hold the transaction; a year is "started" once a row of roster_year exists (services.roster proposes the
roster of a year not started, stores nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

ADD, RENAME, RETIRE, MERGE, IMPORT, START = "them", "doi_ten", "thoi", "gop", "nhap", "lap"
ACTION_LABELS = {ADD: "Thêm", RENAME: "Đổi tên", RETIRE: "Thôi theo dõi", MERGE: "Gộp", IMPORT: "Nhập từ tệp",
                 START: "Lập danh sách"}


@dataclass(frozen=True)
class EntryRow:
    """A unit's row in a year's roster (retired rows stay)."""

    unit_id: int
    added_at: str
    retired_at: str | None = None
    retire_reason: str = ""


@dataclass(frozen=True)
class Change:
    """One edit of a year's roster, as the history lists it."""

    year: int
    at: str
    who: str
    action: str
    unit: str
    detail: str

    @property
    def label(self) -> str:
        return ACTION_LABELS[self.action]

    def text(self) -> str:
        """"Đổi tên UBND phường Bình Khê — “UBND xã Bình Khê” → “UBND phường Bình Khê”" (who and when apart)."""
        what = " ".join(p for p in (self.label, self.unit) if p)
        return f"{what} — {self.detail}" if self.detail else what


def started(db: sqlite_utils.Database, year: int) -> bool:
    return db.execute("SELECT 1 FROM roster_year WHERE year = ?", [year]).fetchone() is not None


def started_years(db: sqlite_utils.Database) -> list[int]:
    return [r[0] for r in db.execute("SELECT year FROM roster_year ORDER BY year")]


def start(db: sqlite_utils.Database, year: int, at: str, who: str, source: str) -> None:
    db.execute("INSERT INTO roster_year (year, started_at, started_by, source) VALUES (?, ?, ?, ?)",
               [year, at, who, source])


def entries(db: sqlite_utils.Database, year: int) -> list[EntryRow]:
    return [EntryRow(*r) for r in db.execute(
        "SELECT unit_id, added_at, retired_at, retire_reason FROM roster_entry WHERE year = ? ORDER BY id", [year])]


def include(db: sqlite_utils.Database, year: int, unit_id: int, at: str) -> bool:
    """The unit expected in the year (again, if it had been retired); False when it already was."""
    row = db.execute("SELECT retired_at FROM roster_entry WHERE year = ? AND unit_id = ?", [year, unit_id]).fetchone()
    if row is None:
        db.execute("INSERT INTO roster_entry (year, unit_id, added_at) VALUES (?, ?, ?)", [year, unit_id, at])
        return True
    if row[0] is None:
        return False
    db.execute("UPDATE roster_entry SET retired_at = NULL, retire_reason = '' WHERE year = ? AND unit_id = ?",
               [year, unit_id])
    return True


def retire(db: sqlite_utils.Database, year: int, unit_id: int, at: str, reason: str) -> bool:
    """No longer expected in the year (the row stays); False when it was not expected."""
    return db.execute("UPDATE roster_entry SET retired_at = ?, retire_reason = ? WHERE year = ? AND unit_id = ? "
                      "AND retired_at IS NULL", [at, reason, year, unit_id]).rowcount > 0


def rename_unit(db: sqlite_utils.Database, unit, new: str, kind) -> None:
    """The unit's name (and kind) changed in place; its old name kept as another name of it (merged_into), so a
    package sent under the old name still finds it. Caller holds the transaction."""
    from ..domain.text import name_key

    db.execute("UPDATE unit SET name = ?, name_folded = ?, kind = ? WHERE id = ?",
               [new, name_key(new), kind.value, unit.id])
    if name_key(new) != name_key(unit.name):  # only the accents' spelling changed: one key, nothing to keep
        db.execute("INSERT INTO unit (name, name_folded, kind, district, is_own, merged_into) VALUES (?, ?, ?, ?, 0, ?)",
                   [unit.name, name_key(unit.name), unit.kind.value, unit.district, unit.id])


def record(db: sqlite_utils.Database, year: int, at: str, who: str, action: str, unit: str, detail: str = "") -> None:
    db.execute("INSERT INTO roster_change (year, at, who, action, unit, detail) VALUES (?, ?, ?, ?, ?, ?)",
               [year, at, who, action, unit, detail])


def history(db: sqlite_utils.Database, year: int | None = None) -> list[Change]:
    where, args = ("WHERE year = ? ", [year]) if year is not None else ("", [])
    return [Change(*r) for r in db.execute(
        f"SELECT year, at, who, action, unit, detail FROM roster_change {where}ORDER BY id", args)]


def source(db: sqlite_utils.Database, year: int) -> str:
    """Where the year's stored roster started from ("chép từ danh sách năm 2024" …)."""
    return db.execute("SELECT source FROM roster_year WHERE year = ?", [year]).fetchone()[0]
