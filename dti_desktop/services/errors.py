"""Where errors are classified: a known error is told as it is, anything else is a bug.

The window (GUI thread and background work) and the command line ask `known_text`; a bug is written with its
traceback to the error log in the data folder (`record_bug`) and told as unexpected, naming the log, so the
officer has a file to send to whoever supports them. Saved data is never at stake: every write is a transaction.
"""

from __future__ import annotations

import logging
import traceback
from datetime import datetime
from pathlib import Path

from ..domain.errors import KnownError, describe_os_error
from ..fileutil import atomic_path
from ..storage.errors import known_reason

LOG_NAME = "nhat-ky-loi.txt"
MAX_LOG_BYTES = 512 * 1024  # the newest errors are kept; an old laptop's disk is not filled
UNEXPECTED_TITLE = "Lỗi ngoài dự kiến"
KNOWN = (KnownError, OSError)  # what callers catch; a raw SQLite error the machine caused is known too (known_text)

log = logging.getLogger("dti_desktop")


class Unexpected(KnownError):
    """A bug already logged: its text tells the officer so and names the log (handed on by background work)."""


def known_text(error: BaseException) -> str | None:
    """What to tell the officer of a known error, in Vietnamese; None when the error is a bug."""
    if isinstance(error, KnownError):
        return error.text()
    if isinstance(error, OSError):
        return describe_os_error(error)
    reason = known_reason(error)  # e.g. the database locked by another program, met outside a store's wrapper
    return None if reason is None else f"Cơ sở dữ liệu {reason}."


def write_entry(folder: Path, kind, error, tb) -> Path:
    """Append the error, with the time and the program's version, to the log; returns the log's path."""
    from .. import __version__

    path = Path(folder) / LOG_NAME
    text = (f"=== {datetime.now():%d/%m/%Y %H:%M:%S} — DTI Desktop {__version__}\n"
            + "".join(traceback.format_exception(kind, error, tb)) + "\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        old = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    except OSError:
        old = ""
    kept = (old + text).encode("utf-8")[-MAX_LOG_BYTES:].decode("utf-8", errors="ignore")
    with atomic_path(path, durable=False) as tmp:  # a crash mid-write keeps the log as it was
        tmp.write_text(kept, encoding="utf-8")
    return path


def unexpected_text(log_path: Path | None, error: BaseException) -> str:
    """The officer's words for a bug: the action failed, saved data is safe, and where the details are."""
    if log_path is not None:
        where = f"Chi tiết đã được ghi vào tệp:\n{log_path}\nHãy gửi tệp này cho người hỗ trợ kỹ thuật."
    else:  # nothing to send: say what happened instead
        where = ("Không ghi được tệp nhật ký lỗi. Hãy báo cho người hỗ trợ kỹ thuật nội dung sau: "
                 f"{type(error).__name__}: {str(error)[:300]}")
    return ("Thao tác vừa rồi không thực hiện được do một lỗi ngoài dự kiến của chương trình. "
            f"Dữ liệu đã lưu trước đó không bị ảnh hưởng.\n\n{where}")


def record_bug(error: BaseException, folder: Path | None, write=None) -> str:
    """Log a bug with its traceback (in `folder`'s error log and Python's logging); returns what to tell.
    `write`: the log writer (ui/error_log passes its own, which tests replace)."""
    log.error("Lỗi ngoài dự kiến", exc_info=(type(error), error, error.__traceback__))
    path = None
    if folder is not None:
        try:
            path = (write or write_entry)(folder, type(error), error, error.__traceback__)
        except OSError:
            path = None
    return unexpected_text(path, error)
