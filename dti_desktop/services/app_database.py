"""The program's own database: opened, migrated, seeded on first start."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ..storage.catalogue_store import has_plans
from ..storage.database import open_database
from ..domain.errors import KnownError
from ..storage.errors import SchemaTooNewError, StorageError, explain
from .catalogues import seed_embedded
from .name_repair import repair_stored_names
from .workspace import reassess_under_current_rules

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


def open_app_database(path: Path) -> sqlite_utils.Database:
    """Open the database at `path`; a new one gets the embedded catalogues. Automatic assessments made under
    older rules are made again, once (workspace.reassess_under_current_rules)."""
    path = Path(path)
    db = open_database(path)
    try:
        if not has_plans(db):
            seed_embedded(db)
        reassess_under_current_rules(db)
        repair_stored_names(db)  # names an older version stored with invisible or look-alike characters
    except sqlite3.DatabaseError as error:  # damage inside a table shows only here: said as such, not a traceback
        db.close()
        raise explain(error, path) from None
    return db


def open_for_window(path: Path, read_only: bool = False, folder_read_only: bool = False) -> sqlite_utils.Database:
    """The window's database: opened as open_app_database does; a read-only view (another copy writes, or the
    folder refuses writing) opened as it is, neither migrated nor seeded."""
    if read_only:
        from ..storage.database import connect

        return connect(path, read_only=True, folder_read_only=folder_read_only)
    return open_app_database(path)


def opening_problem(error: BaseException, path: Path) -> KnownError | None:
    """What to tell of an error met while the data opened (or the window first read it), in Vietnamese; None for
    any other error, which is a bug."""
    if isinstance(error, StorageError):
        return error
    if isinstance(error, sqlite3.Error):  # also a read-only view of data an older version left
        return explain(error, path)
    return None


def backup_may_help(error: BaseException, path: Path) -> bool:
    """A backup is worth offering: the file itself is damaged (not data of a newer version, a lock, a full disk)."""
    from .backups import is_whole

    return not isinstance(error, SchemaTooNewError) and not is_whole(path)
