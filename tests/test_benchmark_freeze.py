"""The freeze probe of benchmarks/freeze.py (issue 22): what it reports from the gaps it saw, and that it sees a
stall of the GUI thread. Not a timing of the program: the figures come from benchmarks/run.py."""

from __future__ import annotations

import sys
import time

from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import freeze  # noqa: E402


def test_summary_reports_the_longest_gap_and_the_99th_percentile():
    gaps = [10.0] * 198 + [60.0, 250.0]
    result = freeze.summary(gaps)
    assert result["longest_ms"] == 250.0 and result["p99_ms"] == 10.0 and not result["met"]
    result = freeze.summary([10.0] * 97 + [60.0, 70.0, 90.0])
    assert result == {"longest_ms": 90.0, "p99_ms": 70.0, "ticks": 100, "met": False}
    assert freeze.summary([10.0] * 100)["met"]


def test_probe_sees_a_stall_of_the_gui_thread(qapp):
    from PySide6.QtCore import QTimer

    stalled = lambda: time.sleep(0.3)  # noqa: E731  (the GUI thread blocked, as a copy on it blocked it)
    result = freeze.measure(lambda: QTimer.singleShot(30, stalled), lambda: True)
    assert result["longest_ms"] >= 300 and not result["met"]
    calm = freeze.measure(lambda: None, lambda: True)
    assert calm["ticks"] >= 5  # it ticks while the loop runs (no bound on its gaps here: the machine may be busy)
