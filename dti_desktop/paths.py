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


def prepare_matplotlib() -> None:
    """Give matplotlib a lasting folder for its font cache, before it is first imported.

    In the installed program, PyInstaller's start-up hook points matplotlib at a new temporary folder at every
    start, so the cache of every font on the machine (hundreds under C:\\Windows\\Fonts) was rebuilt each time
    the charts loaded: seconds on an old laptop, in the background thread that then holds the interpreter.
    The folder is per installation (the cache names the bundle's own font files by path).
    """
    if not getattr(sys, "frozen", False):
        return
    import hashlib

    folder = data_dir() / "matplotlib" / hashlib.sha256(str(install_root()).encode()).hexdigest()[:12]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # the temporary folder then serves, as before
    os.environ["MPLCONFIGDIR"] = str(folder)
