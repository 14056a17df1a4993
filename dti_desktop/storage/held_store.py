"""Packages held for the office to decide: sent by a unit it does not know, kept out of the consolidation.

The package file waits in the data folder (held_path) until the office accepts it (then it is imported as any
package, with the day it was first received) or refuses it (then the file goes; the record stays).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

ACCEPT, REFUSE = "nhan", "tu_choi"
DECISION_LABELS = {None: "Chờ duyệt", ACCEPT: "Đã nhận", REFUSE: "Đã từ chối"}


@dataclass(frozen=True)
class HeldPackage:
    """What a held package says about itself, and the office's decision once made."""

    id: int
    package_sha256: str
    file_name: str
    unit: str
    unit_kind: str
    district: str
    period: str
    revision: int
    created_at: str
    received_at: str
    reason: str
    decision: str | None = None
    decided_at: str | None = None
    decided_by: str = ""
    decision_note: str = ""

    @property
    def status(self) -> str:
        return DECISION_LABELS[self.decision]


def held_dir(store: Path) -> Path:
    """The folder of held packages' files: beside the evidence store (and in every backup)."""
    return Path(store).parent / "held"


def held_path(store: Path, sha: str) -> Path:
    """Where a held package's file waits, named by its SHA-256."""
    return held_dir(store) / f"{sha}.dtipkg"


def _held(r: dict) -> HeldPackage:
    return HeldPackage(**{k: r[k] for k in HeldPackage.__dataclass_fields__})


def hold(db: sqlite_utils.Database, sha: str, file_name: str, manifest, received_at: str, reason: str) -> int:
    """Record a held package; caller holds the transaction."""
    return db.execute(
        "INSERT INTO held_package (package_sha256, file_name, unit, unit_kind, district, period, revision, created_at, "
        "received_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [sha, file_name, manifest.unit, manifest.unit_kind, manifest.district, manifest.period, manifest.revision,
         manifest.created_at, received_at, reason]).lastrowid


def by_sha(db: sqlite_utils.Database, sha: str) -> HeldPackage | None:
    rows = list(db.query("SELECT * FROM held_package WHERE package_sha256 = ?", [sha]))
    return _held(rows[0]) if rows else None


def get(db: sqlite_utils.Database, held_id: int) -> HeldPackage | None:
    rows = list(db.query("SELECT * FROM held_package WHERE id = ?", [held_id]))
    return _held(rows[0]) if rows else None


def held(db: sqlite_utils.Database, decided: bool = False) -> list[HeldPackage]:
    """Packages waiting for the office, oldest first; with `decided`, those decided too."""
    where = "" if decided else " WHERE decision IS NULL"
    return [_held(r) for r in db.query(f"SELECT * FROM held_package{where} ORDER BY received_at, id")]


def decide(db: sqlite_utils.Database, held_id: int, decision: str, who: str, note: str, at: str) -> None:
    """Record the office's decision (once: the trigger refuses a second)."""
    db.execute("UPDATE held_package SET decision = ?, decided_at = ?, decided_by = ?, decision_note = ? WHERE id = ?",
               [decision, at, who, note, held_id])
