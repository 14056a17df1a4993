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


_DATA_FOLDER: Path | None = None  # the folder of the database in use, once the window or a command knows it
_PREPARED: Path | None = None  # the data folder matplotlib was pointed into


def use_data_folder(folder: Path) -> None:
    """The folder of the database in use (the window's, a command's --db), said once at start: the caches of the
    libraries the program uses are kept in it, never in the user's home. On Linux every XDG cache (fontconfig's,
    Mesa's) goes to its "cache" folder now, before Qt reads its fonts; matplotlib's when it is first needed
    (prepare_matplotlib)."""
    global _DATA_FOLDER
    _DATA_FOLDER = Path(folder)
    if sys.platform.startswith("linux"):
        os.environ["XDG_CACHE_HOME"] = str(_DATA_FOLDER / "cache")


def prepare_matplotlib() -> None:
    """Keep matplotlib's settings and font cache inside the data folder (use_data_folder, else the per-user one);
    called before matplotlib is first imported.

    Without it, a report from the command line or the window wrote ~/.config/matplotlib and ~/.cache/matplotlib.
    In the installed program, PyInstaller's start-up hook points matplotlib at a new temporary folder at every
    start, so the cache of every font on the machine (hundreds under C:\\Windows\\Fonts) was rebuilt each time
    the charts loaded: seconds on an old laptop, in the background thread that then holds the interpreter. The
    folder is per installation (the cache names the bundle's own font files by path).
    """
    global _PREPARED
    base = _DATA_FOLDER or data_dir()
    if "matplotlib" in sys.modules or _PREPARED == base:  # its folders are read once, when it is imported
        return
    import hashlib

    folder = base / "matplotlib" / hashlib.sha256(str(install_root()).encode()).hexdigest()[:12]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only data folder: a temporary folder removed at exit, never the user's home
        import atexit
        import shutil
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="dti-matplotlib-"))
        atexit.register(shutil.rmtree, folder, True)
    os.environ["MPLCONFIGDIR"] = str(folder)
    _PREPARED = base
