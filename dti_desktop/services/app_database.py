"""The program's own database: opened, migrated, seeded on first start."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ..storage.catalogue_store import has_plans
from ..storage.database import open_database
from ..storage.errors import explain
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
