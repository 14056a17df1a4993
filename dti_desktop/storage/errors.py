"""Named storage errors. Known ones (environment) carry a Vietnamese message for the user."""

from __future__ import annotations

import sqlite3


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
    else:
        msg = f"gặp lỗi: {error}"
    return StorageError(f"Cơ sở dữ liệu {path} {msg}.")
