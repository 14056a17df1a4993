"""DTI Desktop: `python main.py` starts the program; `python main.py --help` lists commands."""

import sys

from dti_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
