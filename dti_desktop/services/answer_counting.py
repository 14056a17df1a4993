"""Which of a unit's packages the consolidation counts: the current one, or (the office's setting, issue 23) the
newest one it accepted. Its own module: the board reads it, and the answers read the board."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.answer_states import ACCEPTED
from ..storage import answer_store, received_store
from ..storage.errors import known_errors
from ..storage.settings_store import get_setting, set_setting

if TYPE_CHECKING:
    import sqlite_utils

ACCEPTED_ONLY = "answers_accepted_only"  # setting: the consolidation counts accepted packages only ("1")


def accepted_only(db: sqlite_utils.Database) -> bool:
    """The office's setting: only accepted packages count in the consolidation (off by default)."""
    return get_setting(db, ACCEPTED_ONLY, "0") == "1"


def set_accepted_only(db: sqlite_utils.Database, on: bool) -> None:
    with known_errors(db):
        set_setting(db, ACCEPTED_ONLY, "1" if on else "0")


def counted_package(db: sqlite_utils.Database, unit_id: int, plan_id: int, period: str, only_accepted: bool):
    """The package of a unit's month the consolidation counts: the current one; with the setting on, the newest one
    whose latest answer accepts it (None when none was accepted)."""
    if not only_accepted:
        return received_store.current(db, unit_id, plan_id, period)
    package_id = answer_store.newest_accepted_package_id(db, unit_id, plan_id, period, ACCEPTED)
    return received_store.get(db, package_id) if package_id is not None else None
