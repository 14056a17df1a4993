"""Opening the program's SQLite database with the pragmas every connection needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .errors import StorageError, explain
from .fast_import import sqlite_utils
from .migrations import migrate

BUSY_TIMEOUT_MS = 5000


def connect(path: Path | str, *, read_only: bool = False) -> sqlite_utils.Database:
    """Open (not migrate) a database: WAL, FULL sync, foreign keys on, busy timeout.

    sqlite-utils plugins are not loaded: nothing from the environment runs here.
    """
    try:
        if read_only:
            conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
        else:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only and str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as error:
        raise explain(error, path) from error
    return sqlite_utils.Database(conn, execute_plugins=False)


def open_database(path: Path | str) -> sqlite_utils.Database:
    """Open and migrate to the latest schema; parent folders are created."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = connect(path)
    try:
        migrate(db.conn)
    except sqlite3.Error as error:
        db.close()
        raise explain(error, path) from error
    except StorageError:
        db.close()
        raise
    return db
