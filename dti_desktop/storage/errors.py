"""Named storage errors. Known ones (environment) carry a Vietnamese message for the user."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from ..domain.errors import KnownError, describe_os_error  # noqa: F401  (describe_os_error: the storage API)


class StorageError(KnownError):
    """A known, explainable storage problem: show str(e) to the user."""


class SchemaTooNewError(StorageError):
    """The database was written by a newer version of the program."""


class NotFoundError(StorageError):
    """A record the caller named does not exist."""


class ConflictError(StorageError):
    """The change would break data already recorded (e.g. remove a target with results)."""


_LOCKED = "đang bị một chương trình khác khóa; hãy đóng chương trình đó rồi thử lại"
_CORRUPT = "bị hỏng hoặc không phải cơ sở dữ liệu của DTI Desktop; hãy khôi phục từ bản sao lưu"
# SQLite's primary result codes (the low byte of sqlite_errorcode) that the machine causes, not the program:
# anything else ("no such column", a constraint the code should have checked) is a bug.
KNOWN_CODES = {
    5: _LOCKED,  # SQLITE_BUSY
    6: _LOCKED,  # SQLITE_LOCKED
    8: "chỉ cho phép đọc; không thể ghi",  # SQLITE_READONLY
    10: "lỗi đọc ghi ổ đĩa (ổ đĩa đầy, bị rút ra hoặc hỏng?)",  # SQLITE_IOERR
    11: _CORRUPT,  # SQLITE_CORRUPT
    13: "ổ đĩa đã đầy; hãy giải phóng dung lượng rồi thử lại",  # SQLITE_FULL
    14: "không mở được (thư mục không tồn tại hoặc không có quyền)",  # SQLITE_CANTOPEN
    26: _CORRUPT,  # SQLITE_NOTADB
}


def known_reason(error: BaseException) -> str | None:
    """What an SQLite error caused by the machine means, in Vietnamese; None for any other error (a bug)."""
    if not isinstance(error, sqlite3.Error):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:  # raised by Python's sqlite3 module itself, or by a wrapper: its words
        code = next((c for words, c in _CODE_WORDS if words in str(error).lower()), 0)
    return KNOWN_CODES.get(code & 0xFF)


_CODE_WORDS = (("locked", 6), ("busy", 5), ("readonly", 8), ("read-only", 8), ("full", 13), ("not a database", 26),
               ("malformed", 11), ("unable to open", 14), ("disk i/o", 10))


def explain(error: sqlite3.Error, path: object) -> StorageError:
    """Turn an sqlite3 error met opening a database into a StorageError with a Vietnamese message."""
    return StorageError(f"Cơ sở dữ liệu {path} {sqlite_reason(error)}.")


def sqlite_reason(error: sqlite3.Error) -> str:
    """What an sqlite3 error means, in Vietnamese ("database or disk is full" reached officers as it was)."""
    return known_reason(error) or f"gặp lỗi: {error}"


@contextlib.contextmanager
def known_errors(db) -> Iterator[None]:
    """Turn sqlite3 errors the machine causes (locked, read-only, disk full, corrupt: KNOWN_CODES) into StorageError;
    other sqlite3 errors are bugs and pass unchanged."""
    try:
        yield
    except sqlite3.Error as error:
        if known_reason(error) is None:  # a bug: it goes on up, to be logged with its traceback
            raise
        raise explain(error, _db_file(db)) from error


def _db_file(db) -> str:
    try:
        return db.execute("PRAGMA database_list").fetchone()[2] or "(bộ nhớ)"
    except sqlite3.Error:
        return "(không rõ)"
