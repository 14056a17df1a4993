"""The freeze table (issue 22): how long the window's event loop stops answering during each action.

  python benchmarks/freeze.py [--data DIR] [--actions a,b,...]

A 10 ms QTimer (the probe) runs in the GUI thread through each action, driven in this process through the real
MainWindow (offscreen), with its dialogs answered. Every gap between two of its ticks is a time the window could not
repaint nor take a click: the longest gap and the 99th percentile are reported per action. Goal: no gap above
100 ms, the 99th percentile at most 50 ms. Province-scale data (benchmarks/make_data.py).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROBE_MS = 10
MAX_GAP_MS, P99_MS = 100, 50
EVIDENCE_MB = 49  # under the 50 MB limit of one file


class GapProbe:
    """Ticks every PROBE_MS in the GUI thread; `gaps()` are the intervals between ticks, in ms."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.stamps: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(lambda: self.stamps.append(time.perf_counter()))

    def start(self) -> None:
        self.stamps = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        self.stamps.append(time.perf_counter())  # a freeze up to the end counts too
        return self.gaps()

    def gaps(self) -> list[float]:
        return [(b - a) * 1000 for a, b in zip(self.stamps, self.stamps[1:])]


def summary(gaps: list[float]) -> dict:
    """Longest gap and 99th percentile (nearest rank), in ms."""
    ordered = sorted(gaps)
    rank = max(0, math.ceil(0.99 * len(ordered)) - 1)  # the ceil(0,99 n)-th smallest
    longest, p99 = ordered[-1], ordered[rank]
    return {"longest_ms": round(longest, 1), "p99_ms": round(p99, 1), "ticks": len(gaps),
            "met": longest <= MAX_GAP_MS and p99 <= P99_MS}


def spin(ms: float) -> None:
    """Run the event loop for `ms` (the probe ticks meanwhile)."""
    wait_until(lambda: False, ms / 1000, fail=False)


def wait_until(condition: Callable[[], bool], timeout: float = 600, fail: bool = True) -> None:
    """Run the event loop until `condition()` (checked every 5 ms, a cheap check) or the timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    began = time.monotonic()
    poll = QTimer()
    poll.setInterval(5)

    def check() -> None:
        if condition() or time.monotonic() - began > timeout:
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    if fail and not condition():
        raise TimeoutError("action did not end")


def measure(action: Callable[[], object], done: Callable[[], bool]) -> dict:
    """The probe's gaps from 50 ms before `action` (started from the event loop) until `done()` and 50 ms after."""
    probe = GapProbe()
    probe.start()
    spin(50)
    began = time.perf_counter()
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, action)
    wait_until(done)
    elapsed = time.perf_counter() - began
    spin(50)
    result = summary(probe.stop())
    result["seconds"] = round(elapsed, 3)
    return result


class Answers:
    """The window's dialogs answered as an officer would (ui/messages.py is their one seam)."""

    def __init__(self, folder: Path) -> None:
        from dti_desktop.ui import messages

        self.messages = messages
        self.folder = folder
        self.infos: list[str] = []
        self.errors: list[str] = []
        self.saved_as: Path = folder / "out.bin"
        self.backup: str | None = None
        self._saved = {}
        answers = {
            "info": lambda parent, title, text: self.infos.append(text),
            "error": lambda parent, title, text: self.errors.append(f"{title}: {text}"),
            "confirm": lambda *a, **k: True,
            "ask_unsaved": lambda parent: messages.SAVE,
            "choose_folder": lambda *a, **k: str(folder),
            "save_file": lambda *a, **k: str(self.saved_as),
            "choose_backup": lambda parent, found: self.backup or found[0].name,
            "run_dialog": self._dialog,
        }
        for name, fn in answers.items():
            self._saved[name] = getattr(messages, name)
            setattr(messages, name, fn)

    @staticmethod
    def _dialog(dialog) -> bool:
        from dti_desktop.ui.checklist_dialog import ChecklistDialog

        if isinstance(dialog, ChecklistDialog):
            dialog.send()
            return True
        raise AssertionError(f"unexpected dialog {dialog.windowTitle()}")

    def restore(self) -> None:
        for name, fn in self._saved.items():
            setattr(self.messages, name, fn)

    def told(self, before: int) -> Callable[[], bool]:
        """Done when a message was told after the `before`-th (an info or an error: an error ends the action too)."""
        return lambda: len(self.infos) + len(self.errors) > before

    def count(self) -> int:
        return len(self.infos) + len(self.errors)


def _idle(window) -> Callable[[], bool]:
    from dti_desktop.ui import tasks

    return lambda: not tasks.running(window)


def _evidence(folder: Path, count: int, mb: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    files = []
    for k in range(count):
        f = folder / f"minh-chung-{seed}-{k}.pdf"
        f.write_bytes(rng.randbytes(mb * 1024 * 1024))
        files.append(f)
    return files


def _select(window, period: str, row: int = 0) -> None:
    window.period_combo.setCurrentIndex(window.period_combo.findData(period))
    window.select_assignment(window.model.row_at(row).assignment_id)


def unit_actions(data: Path, work: Path, wanted: set[str]) -> dict[str, dict]:
    """Start, attach, save, switch period and plan, send, backup and restore: on the province's database."""
    from dti_desktop.services.app_database import open_app_database
    from dti_desktop.ui.main_window import MainWindow

    folder = work / "province"
    shutil.copytree(data / "province", folder)
    answers = Answers(work)
    results: dict[str, dict] = {}
    db_path = folder / "dti.sqlite3"
    holder: dict = {}
    today = date(2025, 12, 10)

    def start() -> None:  # as the program's start (ui/app.py): staged, shown, complete once `ready`
        from PySide6.QtCore import QCoreApplication

        db = open_app_database(db_path)
        window = MainWindow(db, db_path, today=today, staged=True)
        window.resize(1366, 768)
        window.show()
        # The program shows its window before its event loop runs, which then handles the events posted meanwhile
        # before the window's first paint. Shown here from inside the running loop, the paint came first and those
        # events (Qt's "update later" of every widget) painted the whole window a second time: kept in that order.
        QCoreApplication.sendPostedEvents()
        holder.update(db=db, window=window)
        preload_after_start()

    results["start"] = measure(start, lambda: "window" in holder and holder["window"].ready)
    window = holder["window"]
    # the officer reads the table meanwhile: the modules of the first actions are imported in the background
    results["preload"] = measure(lambda: None, preloaded)
    # attach: 4 files of 49 MB to one result of 11/2025, then save (the copy and the hash into the store)
    if "attach" in wanted:
        _select(window, "2025-11", 0)
        files = _evidence(work, 4, EVIDENCE_MB, 1)
        before = len(window.form.pending_files())

        def attach() -> None:
            window.form.add_files(files)
            holder["saved"] = window.save_entry()

        holder.pop("saved", None)
        results["attach"] = measure(attach, lambda: "saved" in holder and not window.form.pending_files()
                                    and _idle(window)())
        assert before == 0 and holder["saved"] is not False, answers.errors
    if "save" in wanted:
        _select(window, "2025-11", 3)
        notes = window.form.evidence_notes if hasattr(window.form, "evidence_notes") else None

        def save() -> None:
            if notes is not None:
                notes.setPlainText("Văn bản số 12/BC-UBND (sửa)")
            holder["saved2"] = window.save_entry()

        results["save"] = measure(save, lambda: "saved2" in holder)
    if "switch_period" in wanted:
        index = window.period_combo.currentIndex()
        results["switch_period"] = measure(lambda: window.period_combo.setCurrentIndex(index - 1 if index else 1),
                                           lambda: True)
    if "switch_plan" in wanted and window.plan_combo.count() > 1:
        index = window.plan_combo.currentIndex()
        results["switch_plan"] = measure(lambda: window.plan_combo.setCurrentIndex((index + 1) % window.plan_combo.count()),
                                         lambda: True)
        spin(100)
        window.plan_combo.setCurrentIndex(index)
        spin(100)
    if "send" in wanted:
        _send(window, answers, work, results)
    if "backup" in wanted:
        before = answers.count()
        results["backup"] = measure(window.backup_now, lambda: answers.told(before)() and _idle(window)())
        before = answers.count()
        results["restore"] = measure(window.restore_backup, lambda: answers.told(before)() and _idle(window)())
    assert not answers.errors, answers.errors
    _close(window, holder["db"])
    answers.restore()
    return results


def _send(window, answers: Answers, work: Path, results: dict) -> None:
    """A package of 12/2025 carrying 20 MB of evidence (attached beforehand, not timed)."""
    _select(window, "2025-12", 1)
    window.form.add_files(_evidence(work, 1, 20, 2))
    holder = {}
    measure(lambda: holder.update(saved=window.save_entry()), lambda: "saved" in holder and _idle(window)())
    window.period_combo.setCurrentIndex(window.period_combo.findData("2025-12"))
    (work / "usb").mkdir(exist_ok=True)
    answers.messages.choose_folder = lambda *a, **k: str(work / "usb")
    before = answers.count()
    results["send"] = measure(window.export_package_action.trigger,
                              lambda: answers.told(before)() and _idle(window)())


def office_actions(data: Path, work: Path, wanted: set[str]) -> dict[str, dict]:
    """Import the 200 packages, open the office's tab and its board, consolidate, print its report."""
    from dti_desktop.services.app_database import open_app_database
    from dti_desktop.ui.main_window import MainWindow

    folder = work / "office"
    shutil.copytree(data / "office", folder)
    answers = Answers(work)
    db_path = folder / "dti.sqlite3"
    db = open_app_database(db_path)
    window = MainWindow(db, db_path, today=date(2026, 1, 5))
    window.resize(1366, 768)
    window.show()
    preload_after_start()
    window.period_combo.setCurrentIndex(window.period_combo.findData("2025-12"))
    wait_until(preloaded)
    results: dict[str, dict] = {}
    tab = window.district
    done: list = []
    tab.imported.connect(done.append)
    results["import"] = measure(lambda: tab.import_paths([data / "packages"]), lambda: bool(done) and _idle(window)())
    assert all(o.accepted for o in done[0]), [o.message for o in done[0] if not o.accepted][:3]
    window.tabs.setCurrentIndex(0)
    spin(100)

    def open_board() -> None:
        window.tabs.setCurrentWidget(window.district_page)
        tab.inner.setCurrentIndex(1)

    # until the month's board and answers and the consolidation, read in workers, are in their tables
    results["office_tab"] = measure(open_board, lambda: not tab.month_loading and tab.consolidation_loaded
                                    and _idle(window)())
    answers.saved_as = work / "tong-hop.xlsx"
    before = answers.count()
    results["consolidate"] = measure(tab.export_workbook, lambda: answers.told(before)() and _idle(window)())
    answers.saved_as = work / "bao-cao-tong-hop.pdf"
    before = answers.count()
    results["office_report"] = measure(lambda: window.save_report_pdf("district"),
                                       lambda: answers.told(before)() and _idle(window)())
    assert not answers.errors, answers.errors
    _close(window, db)
    answers.restore()
    return results


PRELOADS: list = []  # the background imports started, joined before the process ends (as run_gui does)


def preload_after_start() -> None:
    """As the program does once its window is up (ui/app.py run_gui): the modules of the first send, print and
    overview imported in a thread, AFTER_MS later."""
    from PySide6.QtCore import QTimer

    from dti_desktop.ui.preload import AFTER_MS, preload_in_background

    QTimer.singleShot(AFTER_MS, lambda: PRELOADS.append(preload_in_background()))


def preloaded() -> bool:
    """The background imports started after the window's start have ended."""
    return bool(PRELOADS) and not any(thread.is_alive() for thread in PRELOADS)


def _close(window, db) -> None:
    from dti_desktop.ui import tasks

    wait_until(lambda: not tasks.running(window), 120)
    window.close()
    window.deleteLater()
    spin(50)
    db.close()


LABELS = {
    "start": "Mở cửa sổ (CSDL cấp tỉnh)",
    "preload": "Nạp trước (gửi, in, Tổng quan) sau khi mở",
    "attach": f"Đính kèm 4 tệp × {EVIDENCE_MB} MB rồi lưu",
    "save": "Lưu một kết quả",
    "switch_period": "Đổi kỳ báo cáo",
    "switch_plan": "Đổi kế hoạch",
    "send": "Gửi gói có 20 MB minh chứng",
    "backup": "Tạo bản sao lưu",
    "restore": "Khôi phục bản sao lưu",
    "import": "Nhập 200 gói",
    "office_tab": "Mở tab Tổng hợp và bảng tình hình",
    "consolidate": "Tổng hợp: xuất bảng Excel",
    "office_report": "In báo cáo tổng hợp (PDF)",
}
UNIT = ("start", "preload", "attach", "save", "switch_period", "switch_plan", "send", "backup", "restore")
OFFICE = ("import", "office_tab", "consolidate", "office_report")


def run(data: Path, wanted: set[str] | None = None) -> dict[str, dict]:
    """Every action's gaps, in the order of LABELS."""
    from dti_desktop.ui.app import make_app

    make_app()
    packages = len(list((data / "packages").glob("*.dtipkg")))
    LABELS["import"] = f"Nhập {packages} gói"
    wanted = wanted or set(LABELS)
    work = Path(tempfile.mkdtemp(prefix="dti-freeze-"))
    os.environ["DTI_DATA_DIR"] = str(work / "data")
    try:
        results = unit_actions(data, work, wanted) if wanted & set(UNIT) else {}
        if wanted & set(OFFICE):
            results.update(office_actions(data, work, wanted))
    finally:
        for thread in PRELOADS:  # an import cut off by the interpreter's exit can crash it
            thread.join(timeout=60)
        shutil.rmtree(work, ignore_errors=True)
    return {k: results[k] for k in LABELS if k in results and k in wanted}


def print_table(results: dict[str, dict]) -> None:
    print(f"{'Việc (cửa sổ không được đứng)':44s} {'dài nhất':>9s} {'p99':>7s} {'thời gian':>10s}  "
          f"mục tiêu ≤ {MAX_GAP_MS} ms, p99 ≤ {P99_MS} ms")
    for key, r in results.items():
        seconds = f"{r['seconds']:.2f}".replace(".", ",")
        print(f"{LABELS[key]:44s} {r['longest_ms']:7.0f}ms {r['p99_ms']:5.0f}ms {seconds:>9s}s  "
              f"{'ĐẠT' if r['met'] else 'CHƯA ĐẠT'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=HERE / ".data-full")
    parser.add_argument("--actions", default="")
    args = parser.parse_args()
    wanted = set(filter(None, args.actions.split(","))) or None
    results = run(args.data, wanted)
    print_table(results)
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
