"""Where things live: shipped resources, migrations, and the per-user data folder."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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
_SESSION_VALUES: dict[str, str | None] = {}  # the session's value of each variable set for this program only


def use_data_folder(folder: Path) -> None:
    """The folder of the database in use (the window's, a command's --db), said once at start: the caches of the
    libraries the program uses are kept in it, never in the user's home. On Linux every XDG cache (fontconfig's,
    Mesa's) goes to its "cache" folder now, before Qt reads its fonts, and fontconfig reads the shipped
    configuration (use_shipped_font_config); matplotlib's cache when it is first needed (prepare_matplotlib)."""
    global _DATA_FOLDER
    _DATA_FOLDER = Path(folder)
    if sys.platform.startswith("linux"):
        _set_for_this_program("XDG_CACHE_HOME", str(_DATA_FOLDER / "cache"))
        use_shipped_font_config()


def font_config_file() -> Path:
    """fontconfig's configuration for this program: the system's, minus the Liberation Serif faces lacking
    Vietnamese (the comment in the file tells why)."""
    return resources_dir() / "fontconfig" / "dti-desktop.conf"


def use_shipped_font_config() -> None:
    """On Linux, point fontconfig at font_config_file(), before Qt first reads fonts (it reads the variable once).

    Debian's fonts-liberation 1.07 is also "Liberation Serif", without Vietnamese: where it is installed, Qt could
    take its Bold instead of the shipped 2.x one, and the "ỷ", "ệ" of a printout's bold headings came from DejaVu
    Serif Bold. A FONTCONFIG_FILE the user set is kept (their own configuration)."""
    if not sys.platform.startswith("linux"):
        return
    ours = str(font_config_file())
    if os.environ.get("FONTCONFIG_FILE", ours) == ours:
        _set_for_this_program("FONTCONFIG_FILE", ours)


def _set_for_this_program(name: str, value: str) -> None:
    _SESSION_VALUES.setdefault(name, os.environ.get(name))
    os.environ[name] = value


@contextmanager
def session_environment() -> Iterator[None]:
    """While another program is started from this one (the viewer of a PDF, the word processor of a .docx), the
    variables set for this program only are as the session had them: that program keeps its own caches and
    fonts (a word processor given this fontconfig file would lose the system's old Liberation Serif)."""
    ours = {name: os.environ.get(name) for name in _SESSION_VALUES}
    _put_environment(_SESSION_VALUES)
    try:
        yield
    finally:
        _put_environment(ours)


def _put_environment(values: dict[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


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
