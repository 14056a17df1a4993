"""Opening the program's SQLite database with the pragmas every connection needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .errors import StorageError, explain
from .migrations import migrate

BUSY_TIMEOUT_MS = 5000


class Database:
    """The program's database: sqlite-utils' Database, created on first need.

    Reads (query, execute) go straight to the sqlite3 connection, so opening the program
    and showing data never imports sqlite-utils (about 0.1 s on this machine); the first
    call to anything else (atomic, table, …) creates sqlite-utils' Database around the same
    connection and forwards to it.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._utils = None

    def execute(self, sql: str, parameters=None) -> sqlite3.Cursor:
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def query(self, sql: str, params=None):
        """Rows as dicts, like sqlite-utils' Database.query."""
        cursor = self.execute(sql, params)
        keys = [d[0] for d in cursor.description or ()]
        for row in cursor:
            yield dict(zip(keys, row))

    def close(self) -> None:
        self.conn.close()

    def __getattr__(self, name: str):
        if self._utils is None:
            from .fast_import import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn, execute_plugins=False)
        return getattr(self._utils, name)


def read_only_uri(path: Path | str) -> str:
    """A read-only file: URI that names the whole path. '%', '?' and '#' are escaped: left bare, SQLite cut the
    name at them and quietly opened (or made) another, empty file, e.g. in a folder "Báo cáo CĐS #2". A UNC
    path (\\\\server\\share) gets an empty authority."""
    text = Path(path).absolute().as_posix()
    for char, escaped in (("%", "%25"), ("?", "%3F"), ("#", "%23")):
        text = text.replace(char, escaped)
    if text.startswith("//"):
        text = "//" + text
    return f"file:{text}?mode=ro"


def connect(path: Path | str, *, read_only: bool = False, folder_read_only: bool = False) -> Database:
    """Open (not migrate) a database: WAL, FULL sync, foreign keys on, busy timeout.

    sqlite-utils plugins are not loaded: nothing from the environment runs here.
    """
    conn = None
    try:
        if read_only:
            conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            if folder_read_only:
                conn = _readable_in_a_read_only_folder(conn, Path(path))
        else:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only and str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as error:
        if conn is not None:  # left open by the error's traceback, it held a damaged file a restore must move
            conn.close()
        raise explain(error, path) from None
    return Database(conn)


def journal_files(path: Path) -> list[Path]:
    """The files SQLite may keep beside a database: its -wal, -shm and -journal."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _readable_in_a_read_only_folder(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """A database in WAL mode needs its -shm file even to be read, and in a read-only folder (a share, a locked
    USB stick) it cannot be made. No one can write there, so the file is read as it stands; when its -wal still
    holds saved changes (a crash, or the folder copied while the program ran), the two files are read from a
    copy in a temporary folder, so that nothing saved is missing from the view."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as error:
        if "unable to open" not in str(error).lower():  # busy or locked: not this case
            raise
    conn.close()
    wal = journal_files(path)[0]
    if wal.exists() and wal.stat().st_size > 0:
        import shutil
        import tempfile

        copy = Path(tempfile.mkdtemp(prefix="dti-chi-xem-")) / path.name
        shutil.copy2(path, copy)
        shutil.copy2(wal, journal_files(copy)[0])
        return sqlite3.connect(read_only_uri(copy), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    return sqlite3.connect(read_only_uri(path) + "&immutable=1", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def open_database(path: Path | str) -> Database:
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
