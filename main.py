"""DTI Desktop: `./dti` (this file, run by the .venv's Python) starts the program; `./dti --help` lists commands."""

import sys

if __name__ == "__main__":
    if len(sys.argv) == 1:  # the window: skip the command-line modules (start-up time)
        import gc

        # No collection while starting: the modules, classes and widgets made now live as long as the program,
        # and walking them again and again took about 5 ms. run_gui() freezes them and collects as usual once
        # the window is shown.
        gc.disable()
        # Plain-Python modules before PySide6: once loaded, its import hook inspects every later import.
        from dti_desktop.domain import dates, report_kinds, validation  # noqa: F401
        from dti_desktop.services import app_database, errors, locks, month_round, workspace  # noqa: F401
        from dti_desktop.qt_platform import exit_if_unusable

        exit_if_unusable()  # a library Qt's window needs is missing, or no display: said in Vietnamese, not by Qt
        from dti_desktop.ui.app import run_gui

        code = run_gui()  # the window is closed, the database closed, background threads joined
        # The interpreter's teardown would free, one by one, every object PySide6 and the program made;
        # nothing left needs that. What an exit must still do (threads, exit handlers, streams) is done.
        gc.freeze()  # no collection walks them either while the exit handlers run
        from dti_desktop.process_exit import exit_without_teardown

        exit_without_teardown(code)
    from dti_desktop.cli import main

    sys.exit(main())
