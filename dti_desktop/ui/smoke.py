"""Start-up benchmarks and the bundle's smoke tests (DTI_QUIT_AFTER_SHOW): the program starts as an officer's
would, then checks one thing and quits; no one is there to answer a dialog, so none waits.

Modes: any value quits once the window is shown and complete (the last part of its staged start in place, so that a
start's time is the whole window's); "tong-quan" first draws the overview's charts (matplotlib, numpy and Qt's
backend in a frozen bundle); "kenh" checks the single-instance channel as a later start would use it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV = "DTI_QUIT_AFTER_SHOW"
NO_CHARTS, NOT_RAISED = 3, 4  # exit codes of the failed checks
STOPPED_AT_DIALOG = 5  # an error box would have waited for someone


def mode() -> str:
    """The smoke test asked for; "" for an officer's start."""
    return os.environ.get(ENV, "")


def answer_dialogs_on_stderr() -> None:
    """Errors and questions are said on stderr and stop the program (exit 5); information is said and goes on."""
    from . import messages

    def stop(parent, title, text):
        sys.stderr.write(f"{title}: {text}\n")
        raise SystemExit(STOPPED_AT_DIALOG)

    messages.error = stop
    messages.info = lambda parent, title, text: sys.stderr.write(f"{title}: {text}\n")
    messages.ask_second_instance = lambda parent, folder: stop(parent, "Thư mục dữ liệu đang được dùng", str(folder))


def check_after_show(kind: str, app, window, guard, folder: Path) -> int | None:
    """The mode's check once the window is shown: its exit code when it decides the run, else None (the program
    runs its loop, which quits once the window is complete)."""
    if kind == "tong-quan":
        window.tabs.setCurrentWidget(window.overview)
        if window.overview.canvas is None:
            return NO_CHARTS
        window.overview.canvas.draw()
    if kind == "kenh":
        return _check_channel(app, guard, folder)
    window.when_ready(app.quit)  # its start's later parts run in the loop: it quits after the last
    return None


def _check_channel(app, guard, folder: Path) -> int:
    """A later start asks this one to come forward, as a frozen program's would; 0 when the request arrived."""
    from PySide6.QtCore import QTimer

    from .instance import InstanceGuard

    raised: list = []
    guard.listen(lambda: (raised.append(True), app.quit()))
    QTimer.singleShot(0, lambda: InstanceGuard(folder).ask_first_to_raise())
    QTimer.singleShot(10_000, app.quit)
    app.exec()
    return 0 if raised else NOT_RAISED
