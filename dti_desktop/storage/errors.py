"""Named storage errors. Known ones (environment) carry a Vietnamese message for the user."""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import Iterator


class StorageError(Exception):
    """A known, explainable storage problem: show str(e) to the user."""


class SchemaTooNewError(StorageError):
    """The database was written by a newer version of the program."""


class NotFoundError(StorageError):
    """A record the caller named does not exist."""


class ConflictError(StorageError):
    """The change would break data already recorded (e.g. remove a target with results)."""


def explain(error: sqlite3.Error, path: object) -> StorageError:
    """Turn an sqlite3 environment error into a StorageError with a Vietnamese message."""
    return StorageError(f"Cơ sở dữ liệu {path} {sqlite_reason(error)}.")


def sqlite_reason(error: sqlite3.Error) -> str:
    """What an sqlite3 environment error means, in Vietnamese ("database or disk is full" reached officers as
    it was)."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        msg = "đang bị một chương trình khác khóa; hãy đóng chương trình đó rồi thử lại"
    elif "readonly" in text or "read-only" in text:
        msg = "chỉ cho phép đọc; không thể ghi"
    elif "full" in text:
        msg = "ổ đĩa đã đầy; hãy giải phóng dung lượng rồi thử lại"
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        msg = "bị hỏng hoặc không phải cơ sở dữ liệu của DTI Desktop; hãy khôi phục từ bản sao lưu"
    elif "unable to open" in text:
        msg = "không mở được (thư mục không tồn tại hoặc không có quyền)"
    elif "disk i/o" in text:
        msg = "lỗi đọc ghi ổ đĩa (ổ đĩa đầy, bị rút ra hoặc hỏng?)"
    else:
        msg = f"gặp lỗi: {error}"
    return msg


_ERRNO_TEXT = {
    errno.ENOSPC: "ổ đĩa đã đầy; hãy giải phóng dung lượng rồi thử lại",
    errno.EROFS: "thư mục chỉ cho phép đọc; hãy chọn nơi khác",
    errno.EACCES: "không có quyền ghi vào đây; hãy chọn nơi khác",
    errno.EPERM: "không có quyền thực hiện; hãy chọn nơi khác",
    errno.ENOENT: "không tìm thấy tệp hoặc thư mục",
    errno.EDQUOT: "đã hết hạn mức dung lượng",
    errno.EISDIR: "đây là một thư mục; hãy ghi thêm tên tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
}


def describe_os_error(error: OSError) -> str:
    """A Vietnamese sentence for a file-system error, naming the file."""
    text = _ERRNO_TEXT.get(error.errno, error.strerror or str(error))
    where = error.filename or ""
    return f"{where}: {text}" if where else text[0].upper() + text[1:]


@contextlib.contextmanager
def known_errors(db) -> Iterator[None]:
    """Turn sqlite3 environment errors (disk full, read-only, locked, corrupt) into StorageError."""
    try:
        yield
    except sqlite3.OperationalError as error:
        raise explain(error, _db_file(db)) from error
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.IntegrityError):
            raise
        raise explain(error, _db_file(db)) from error


def _db_file(db) -> str:
    try:
        return db.execute("PRAGMA database_list").fetchone()[2] or "(bộ nhớ)"
    except sqlite3.Error:
        return "(không rõ)"
