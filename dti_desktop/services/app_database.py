"""The program's own database: opened, migrated, seeded on first start."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..storage.database import open_database
from .catalogues import seed_embedded

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


def open_app_database(path: Path) -> sqlite_utils.Database:
    """Open the database at `path`; a new one gets the embedded catalogues."""
    path = Path(path)
    db = open_database(path)
    if not db.execute("SELECT 1 FROM plan LIMIT 1").fetchone():
        seed_embedded(db)
    return db
