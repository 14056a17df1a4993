"""DTI Desktop: `python main.py` starts the program; `python main.py --help` lists commands."""

import sys

if __name__ == "__main__":
    if len(sys.argv) == 1:  # the window: skip the command-line modules (start-up time)
        from dti_desktop.ui.app import run_gui

        sys.exit(run_gui())
    from dti_desktop.cli import main

    sys.exit(main())
