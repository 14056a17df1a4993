"""What the officer's first actions need, loaded off the GUI thread once the window is up.

A first send or print imported the report and package modules in the window's thread (25 ms of the 52 ms the window
stalled when "Gửi báo cáo" was pressed: the PDF writer's Qt classes, the report's HTML), and the first click on
"Tổng quan" imported matplotlib (~0,8 s). Imported here, in a thread, while the officer reads the table: Python hands
the window's thread the interpreter every 0,5 ms (app.SWITCH_INTERVAL_S), so the window keeps answering (longest
gap measured 17 ms). Nothing is created, only modules loaded; an import error shows when the action needing it runs.
"""

from __future__ import annotations

import gc
import threading

from ..paths import prepare_matplotlib

AFTER_MS = 500  # after the window's first paint: run_gui (and benchmarks/freeze.py, as the program does)


def preload_in_background() -> threading.Thread:
    """The printing and package modules first (small, needed by the month's first send), then the charts'."""
    prepare_matplotlib()  # in this thread: it says where matplotlib keeps its cache, before anything imports it

    def load() -> None:
        try:
            from ..services import packages, reports  # noqa: F401
        except Exception:  # noqa: BLE001  (reported by the action that needs them, in the GUI thread)
            pass
        try:
            import matplotlib.backends.backend_qtagg  # noqa: F401
            import matplotlib.figure  # noqa: F401
        except Exception:  # noqa: BLE001  (reported by the overview tab itself)
            pass
        # What was just loaded lives as long as the program: out of the collector's sight, as the start's objects
        # are (app.resume_collections). Walked by every full collection, matplotlib's and numpy's objects made the
        # window stall 40-60 ms at random later (exporting the consolidated workbook: 13-17 ms with this, 57-66 without).
        gc.freeze()

    thread = threading.Thread(target=load, name="nap-truoc", daemon=True)
    thread.start()
    return thread
