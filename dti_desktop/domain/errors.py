"""The one error model: a known error is told to the officer in Vietnamese; anything else is a bug.

As qutebrowser's misc/sql.py does it: callers catch `KnownError` (and OSError, which the machine raises) and
show `error.text()`; every other exception is a bug, logged with its traceback and told as unexpected
(services/errors.py classifies, ui/error_log.py and cli/__init__.py tell).
"""

from __future__ import annotations

import errno


class KnownError(Exception):
    """A problem the officer can understand and act on (a locked database, a refused file, a wrong month)."""

    def text(self) -> str:
        """What to tell the officer, in Vietnamese."""
        return str(self)

    def line(self) -> str:
        """How the command line tells it on stderr (a refused file may add a line per problem)."""
        return f"Lỗi: {self.text()}"


class BadInput(KnownError, ValueError):
    """Input the officer can correct: a month, a name, a figure, an option. Also a ValueError, so code that
    parses (int(), a Period) and catches ValueError keeps working."""


class PeriodLocked(KnownError):
    """A month already sent: its results are locked until it is reopened (with a reason). Named here so the window
    and the command line can say how to reopen it without reaching into storage (storage's LockedError is one)."""


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
