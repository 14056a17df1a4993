"""Key/value settings kept in the database (own unit, current plan, officer …)."""

from __future__ import annotations

import sqlite_utils

CURRENT_PLAN = "current_plan_id"


def get_setting(db: sqlite_utils.Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(db: sqlite_utils.Database, key: str, value: str) -> None:
    with db.atomic():
        db.execute("INSERT INTO setting (key, value) VALUES (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])
