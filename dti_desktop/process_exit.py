"""Leaving the window's process: what a normal exit must do, without the interpreter's teardown.

After the window closes, a normal interpreter exit still frees every module, class and widget wrapper one by
one (about 3 ms of the start-to-close time, which the officer waits through at every close). Nothing needs
it: the database is closed, the folder's lock released and every file written by then. What a normal exit
does that does matter is done here, in its order: threads still running are waited for, the exit handlers
run (the log's handlers are flushed; PySide6's handler destroys the QApplication, which hands the clipboard
to the system so that what the officer copied survives the program), the standard streams are flushed.
Below every layer, like fileutil.py; only main.py calls it, for the window, never the command line.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn


def exit_without_teardown(code: int) -> NoReturn:
    """Exit with `code` after what a normal exit does that matters, then skip freeing every object."""
    for thread in threading.enumerate():  # as the interpreter would: non-daemon threads run to their end
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()  # noqa: SLF001 (CPython's own exit handlers, as a normal exit runs them)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # a windowed program on Windows has none
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe or stream: nothing left to say to it
                pass
    os._exit(code)
