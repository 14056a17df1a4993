"""Unexpected errors in the window: written to a log in the data folder and told to the officer in Vietnamese.

Without this, an exception in a Qt slot only reaches stderr, which a windowed program on Windows does not
have: the officer's click would seem to do nothing. Saved data is never at stake here (every write is a
transaction), but the officer must know the action failed and have a file to send to whoever supports them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from ..services.errors import LOG_NAME, MAX_LOG_BYTES, UNEXPECTED_TITLE, known_text, record_bug  # noqa: F401
from ..services.errors import write_entry  # noqa: F401  (tests replace it here)

folder: Path | None = None  # the data folder whose log the window writes (install)


def unexpected(error: BaseException) -> str:
    """Log a bug met in the window (or its background work) under the data folder; returns what to tell."""
    return record_bug(error, folder, lambda *args: write_entry(*args))


def install(data_folder: Path, tell: Callable[[str, str], None]) -> None:
    """From now on, an exception nobody caught is told through `tell(title, text)`: a known one (a raw SQLite
    error the machine caused, e.g. a locked database) as it is, a bug logged under `data_folder` as unexpected."""
    global folder
    folder = Path(data_folder)
    showing = []

    def hook(kind, error, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(tb)
        known = known_text(error)
        title, text = ("Không thực hiện được", known) if known is not None else (UNEXPECTED_TITLE, unexpected(error))
        if showing:  # an error while telling of an error: logged only
            return
        showing.append(True)
        try:
            tell(title, text)
        finally:
            showing.clear()

    sys.excepthook = hook
