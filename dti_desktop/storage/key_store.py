"""Public keys pinned in the database: units' keys at the office, the consolidating office's at a unit.

Each change is also written to key_history (append-only). The installation's own key is a file
(io/key_file.py), never a row: it must survive the database being restored or replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .clock import now_iso

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


def data_folder_of(db: sqlite_utils.Database) -> Path:
    """The folder of the database file: the installation's key lies beside it (io/key_file.py)."""
    from .errors import StorageError

    row = next((r for r in db.execute("PRAGMA database_list").fetchall() if r[1] == "main"), None)
    if row is None or not row[2]:
        raise StorageError("Cơ sở dữ liệu không nằm trong thư mục nào (trong bộ nhớ): không có khóa ký.")
    return Path(row[2]).parent


@dataclass(frozen=True)
class PinnedKey:
    """A public key pinned for a unit (at the office) or for the consolidating office (at a unit)."""

    name: str
    public_key: str
    pinned_at: str
    how: str
    unit_id: int | None = None


@dataclass(frozen=True)
class KeyEvent:
    """One line of key_history."""

    at: str
    who: str
    party: str
    name: str
    action: str
    old_key: str | None
    new_key: str | None
    reason: str
    source: str


def unit_key(db: sqlite_utils.Database, unit_id: int) -> PinnedKey | None:
    row = db.execute("SELECT k.public_key, k.pinned_at, k.how, u.name FROM unit_key k JOIN unit u ON u.id = k.unit_id "
                     "WHERE k.unit_id = ?", [unit_id]).fetchone()
    return PinnedKey(row[3], row[0], row[1], row[2], unit_id) if row else None


def pinned_key(db: sqlite_utils.Database, unit_id: int) -> str | None:
    """Only the public key pinned for a unit (the import asks for it for every package)."""
    row = db.execute("SELECT public_key FROM unit_key WHERE unit_id = ?", [unit_id]).fetchone()
    return row[0] if row else None


def units_with_key(db: sqlite_utils.Database, public_key: str) -> list[PinnedKey]:
    rows = db.execute("SELECT k.unit_id, k.public_key, k.pinned_at, k.how, u.name FROM unit_key k "
                      "JOIN unit u ON u.id = k.unit_id WHERE k.public_key = ?", [public_key]).fetchall()
    return [PinnedKey(r[4], r[1], r[2], r[3], r[0]) for r in rows]


def all_unit_keys(db: sqlite_utils.Database) -> dict[int, PinnedKey]:
    rows = db.execute("SELECT k.unit_id, k.public_key, k.pinned_at, k.how, u.name FROM unit_key k "
                      "JOIN unit u ON u.id = k.unit_id").fetchall()
    return {r[0]: PinnedKey(r[4], r[1], r[2], r[3], r[0]) for r in rows}


def pin_unit(db: sqlite_utils.Database, unit_id: int, name: str, public_key: str | None, how: str, action: str,
             who: str = "", reason: str = "", source: str = "", first: bool = False) -> None:
    """Pin (or, with None, unpin) a unit's key and record it; the caller holds the transaction. `first`: the
    caller knows no key is pinned yet (one query less for each of an import's 200 packages)."""
    old = None if first else pinned_key(db, unit_id)
    if public_key is None:
        db.execute("DELETE FROM unit_key WHERE unit_id = ?", [unit_id])
    else:
        db.execute("INSERT OR REPLACE INTO unit_key (unit_id, public_key, pinned_at, how) VALUES (?, ?, ?, ?)",
                   [unit_id, public_key, now_iso(), how])
    _record(db, "don_vi", unit_id, name, action, old, public_key, who, reason, source)


def office_key(db: sqlite_utils.Database, name_folded: str) -> PinnedKey | None:
    row = db.execute("SELECT name, public_key, pinned_at, how FROM office_key WHERE name_folded = ?",
                     [name_folded]).fetchone()
    return PinnedKey(*row) if row else None


def office_keys(db: sqlite_utils.Database) -> list[PinnedKey]:
    return [PinnedKey(*r) for r in db.execute("SELECT name, public_key, pinned_at, how FROM office_key ORDER BY name")]


def pin_office(db: sqlite_utils.Database, name_folded: str, name: str, public_key: str, how: str, action: str,
               who: str = "", reason: str = "", source: str = "") -> None:
    old = office_key(db, name_folded)
    db.execute("INSERT OR REPLACE INTO office_key (name_folded, name, public_key, pinned_at, how) VALUES (?, ?, ?, ?, ?)",
               [name_folded, name, public_key, now_iso(), how])
    _record(db, "co_quan", None, name, action, old.public_key if old else None, public_key, who, reason, source)


def _record(db, party, unit_id, name, action, old_key, new_key, who, reason, source) -> None:
    db.execute("INSERT INTO key_history (at, who, party, unit_id, name, action, old_key, new_key, reason, source) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [now_iso(), who, party, unit_id, name, action, old_key, new_key, reason, source])


def history(db: sqlite_utils.Database, unit_id: int | None = None) -> list[KeyEvent]:
    """Every key event, newest first (of one unit when `unit_id` is given)."""
    where, args = ("WHERE unit_id = ?", [unit_id]) if unit_id is not None else ("", [])
    rows = db.execute(f"SELECT at, who, party, name, action, old_key, new_key, reason, source FROM key_history "
                      f"{where} ORDER BY id DESC", args).fetchall()
    return [KeyEvent(*r) for r in rows]
