"""Where things live: shipped resources, migrations, and the per-user data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import APP_NAME

DB_FILE_NAME = "dti.sqlite3"


def install_root() -> Path:
    """The folder holding resources/ and db/: the source tree, or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return install_root() / "resources"


def migrations_dir() -> Path:
    return install_root() / "db" / "migrations"


def catalogues_dir() -> Path:
    return resources_dir() / "catalogues"


def data_dir() -> Path:
    """Per-user data folder (outside the install folder, so upgrades keep it).

    DTI_DATA_DIR overrides it (tests, portable use).
    """
    override = os.environ.get("DTI_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def evidence_dir(db_path: Path) -> Path:
    """Evidence files are stored beside the database they belong to."""
    return db_path.parent / "evidence"
