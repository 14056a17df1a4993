"""Background work's own connection to the database: an SQLite connection belongs to the thread that opened it,
so work run off the window's thread opens one, uses it and closes it. One helper, so the window never opens the
database itself (ui imports no storage)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

T = TypeVar("T")


def with_own_connection(db_path: Path, work: Callable[[sqlite_utils.Database], T]) -> T:
    """`work` run with a connection of this thread's own, closed afterwards whatever happens."""
    from ..storage.database import open_database

    own = open_database(db_path)
    try:
        return work(own)
    finally:
        own.close()
