"""Small helpers shared by tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "resources" / "catalogues"


def embedded_json(name: str) -> dict:
    return json.loads((CATALOGUES / name).read_text(encoding="utf-8"))


def all_goal_strings() -> list[str]:
    """Every goal cell (province and local) of every shipped catalogue, deduplicated."""
    goals = set()
    for path in sorted(CATALOGUES.glob("*.json")):
        for part in json.loads(path.read_text(encoding="utf-8"))["parts"]:
            for group in part["groups"]:
                for target in group["targets"]:
                    goals.update((target["province_goal"], target["local_goal"]))
    return sorted(goals)


def in_fresh_process(code: str) -> list[str]:
    """Runs Python `code` in a new interpreter (nothing imported yet: for tests of what gets imported),
    from the source tree with Qt offscreen; returns its output lines, failing with its error if it fails."""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.splitlines()


def report_line(code: str, goal: str = "100%", status: str = "hoan_thanh", assessment: str = "dat",
                values: dict | None = None, auto: bool = True, reason: str = ""):
    """A ReportLine with a unit's entry (values: measure position -> MeasureValue), for report-workbook tests."""
    from dti_desktop.domain.catalogue import Target
    from dti_desktop.domain.package import PackageEntry
    from dti_desktop.domain.progress import Assessment, Status
    from dti_desktop.domain.report import ReportLine

    entry = PackageEntry(code=code, status=Status(status), assessment=Assessment(assessment), assessment_auto=auto,
                         override_reason=reason, values=values or {}, evidence_notes="", difficulties="", causes="",
                         proposals="", officer="Cán bộ", updated_at="2025-03-14T09:00:00")
    return ReportLine(code, "I", "Nhóm", Target(code, f"Chỉ tiêu {code}", local_goal=goal), entry)


def wait_for_tasks(qtbot, window, timeout: int = 30000) -> None:
    """Until the window's long work has ended, by each task's `ended` signal; a task's handlers may start another
    (the backup after an export), which is then awaited too."""
    tasks = sys.modules.get("dti_desktop.ui.tasks")
    while tasks is not None and (running := tasks.running(window)):
        # a running task has not emitted `ended` yet: it does so in the GUI thread, which is here
        with qtbot.waitSignals([task.ended for task in running], timeout=timeout):
            pass


def close_window(qtbot, window) -> None:
    """Close a test's window once its long work has ended, as the program does (ui.app.shut_down): deleted with
    a task's QThread still running (the backup an export starts), the whole test run aborted."""
    wait_for_tasks(qtbot, window)
    window.close()
    window.deleteLater()
