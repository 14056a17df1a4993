"""Key/value settings kept in the database (own unit, current plan, officer …)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..domain.settings import SETTING_KEYS, Settings

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

CURRENT_PLAN = "current_plan_id"
CURRENT_PLAN_CHOSEN_AT = "current_plan_chosen_at"  # when the officer chose it (ISO): a choice made last year lapses


def get_setting(db: sqlite_utils.Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(db: sqlite_utils.Database, key: str, value: str) -> None:
    with db.atomic():
        db.execute("INSERT INTO setting (key, value) VALUES (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])


def load_settings(db: sqlite_utils.Database) -> Settings:
    """The officer's settings; defaults for anything never set."""
    stored = {k: json.loads(v) for k, v in db.execute(
        "SELECT substr(key, 3), value FROM setting WHERE key LIKE 's.%'").fetchall()}
    return Settings(**{k: v for k, v in stored.items() if k in SETTING_KEYS})


def save_settings(db: sqlite_utils.Database, settings: Settings) -> None:
    """All settings in one transaction."""
    with db.atomic():
        for key in SETTING_KEYS:
            set_setting(db, f"s.{key}", json.dumps(getattr(settings, key), ensure_ascii=False))
