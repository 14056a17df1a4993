"""Unexpected errors in the window: written to a log in the data folder and told to the officer in Vietnamese.

Without this, an exception in a Qt slot only reaches stderr, which a windowed program on Windows does not
have: the officer's click would seem to do nothing. Saved data is never at stake here (every write is a
transaction), but the officer must know the action failed and have a file to send to whoever supports them.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ..fileutil import atomic_path

LOG_NAME = "nhat-ky-loi.txt"
MAX_LOG_BYTES = 512 * 1024  # the newest errors are kept; an old laptop's disk is not filled


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


def install(folder: Path, tell: Callable[[str, str], None]) -> None:
    """From now on, an exception nobody caught is logged under `folder` and told through `tell(title, text)`."""
    showing = []

    def hook(kind, error, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        try:
            where = (f"Chi tiết đã được ghi vào tệp:\n{write_entry(folder, kind, error, tb)}\n"
                     "Hãy gửi tệp này cho người hỗ trợ kỹ thuật.")
        except OSError:  # nothing to send: say what happened instead
            where = (f"Không ghi được tệp nhật ký lỗi. Hãy báo cho người hỗ trợ kỹ thuật nội dung sau: "
                     f"{kind.__name__}: {str(error)[:300]}")
        sys.__excepthook__(kind, error, tb)  # stderr as well, where there is one
        if showing:  # an error while telling of an error: stderr only
            return
        showing.append(True)
        try:
            tell("Lỗi ngoài dự kiến",
                 "Thao tác vừa rồi không thực hiện được do một lỗi ngoài dự kiến của chương trình. "
                 "Dữ liệu đã lưu trước đó không bị ảnh hưởng.\n\n"
                 f"{where}")
        finally:
            showing.clear()

    sys.excepthook = hook
