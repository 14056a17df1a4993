"""`python -m dti_desktop.cli LỆNH …`: the command line, as `./dti LỆNH …` runs it."""

import sys

from . import main

sys.exit(main())
