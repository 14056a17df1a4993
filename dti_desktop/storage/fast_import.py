"""Importing sqlite-utils without numpy.

sqlite-utils imports numpy, when installed, only to accept numpy values as
column values; this program never stores any. numpy is installed (matplotlib
needs it) and costs about 100 ms to import, a third of the start-up budget on
an old laptop. So it is hidden while sqlite-utils is first imported; anything
importing numpy later (the charts) gets the real one.
"""

from __future__ import annotations

import sys

if "sqlite_utils" not in sys.modules and "numpy" not in sys.modules:
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes "import numpy" raise ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]
else:
    import sqlite_utils  # noqa: F401

__all__ = ["sqlite_utils"]
