"""Long work off the GUI thread: when its dialog shows, and closing the window while it runs."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QProgressDialog, QTableView, QWidget

from dti_desktop.domain.settings import Settings
from dti_desktop.domain.units import UnitKind
from dti_desktop.services import first_run
from dti_desktop.ui import tasks
from dti_desktop.ui.main_window import MainWindow
from tests.helpers import close_window


def _visible_dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


@pytest.fixture
def window(qtbot, seeded_db, db_path):
    first_run.complete_first_run(seeded_db, first_run.FirstRunChoice(
        Settings(unit_name="UBND phường Mạo Khê", district="thành phố Đông Triều"), UnitKind.PHUONG))
    w = MainWindow(seeded_db, db_path)
    w.show()
    qtbot.waitExposed(w)
    yield w
    close_window(qtbot, w)


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _blocked_task(parent, **kwargs):
    release, results = threading.Event(), []
    task = tasks.run_task(parent, "Đang làm việc dài…", lambda: release.wait(10) and "xong", results.append,
                          results.append, **kwargs)
    return task, release, results


def test_long_work_shows_its_dialog_after_the_short_delay_not_qt_s_four_seconds(parent, qtbot):
    task, release, results = _blocked_task(parent)
    qtbot.waitUntil(lambda: bool(_visible_dialogs()), timeout=1500)  # Qt's default would be 4 s
    assert _visible_dialogs()[0].labelText() == "Đang làm việc dài…"
    with qtbot.waitSignal(task.ended, timeout=5000):
        release.set()
    assert results == ["xong"] and not _visible_dialogs() and not task.active


def test_short_work_shows_no_dialog(parent, qtbot):
    with qtbot.waitSignal(tasks.run_task(parent, "Ngắn", lambda: 1, lambda r: None, lambda e: None).done,
                          timeout=5000) as done:
        pass
    assert done.args == [1]
    qtbot.wait(tasks.SHOW_AFTER_MS + 200)
    assert not _visible_dialogs()


class _Shows(QObject):
    """Every progress dialog shown, even for a moment."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Show and isinstance(watched, QProgressDialog):
            self.seen.append(watched.labelText())
        return False


def test_work_that_ends_within_half_a_second_flashes_no_dialog(parent, qtbot):
    """Each showing and hiding of the window-modal dialog repaints the whole window: not for a moment's work."""
    shows = _Shows()
    QApplication.instance().installEventFilter(shows)
    try:
        task, release, results = _blocked_task(parent)
        QTimer.singleShot(500, release.set)
        with qtbot.waitSignal(task.ended, timeout=5000):
            pass
        qtbot.wait(50)
    finally:
        QApplication.instance().removeEventFilter(shows)
    assert results == ["xong"] and shows.seen == []


class _Targets(QAbstractTableModel):
    """A table whose cells note whether the repaint asking for them runs inside tasks' lock-holding filter."""

    def __init__(self) -> None:
        super().__init__()
        self.inside: list[bool] = []

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else 20

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else 3

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        frame = sys._getframe()
        while frame is not None and not isinstance(frame.f_locals.get("self"), tasks.RepaintsHoldingTheLock):
            frame = frame.f_back
        self.inside.append(frame is not None)
        return f"Chỉ tiêu {index.row() + 1}"


def test_while_work_runs_the_window_repaints_holding_the_interpreters_lock(qtbot):
    """A repaint run by Qt's loop called into Python once per cell, each time waiting for the worker's lock (the
    window repaints whole when the dialog shows): made from the filter, it holds the lock throughout."""
    window = QMainWindow()
    qtbot.addWidget(window)
    model, view = _Targets(), QTableView()
    view.setModel(model)
    window.setCentralWidget(view)
    window.show()
    qtbot.waitUntil(lambda: bool(model.inside), timeout=5000)  # its first paint
    task, release, _ = _blocked_task(view, background=True)  # the dialog would cover the table
    model.inside.clear()
    view.viewport().update()
    qtbot.waitUntil(lambda: bool(model.inside), timeout=5000)
    assert all(model.inside)
    with qtbot.waitSignal(task.ended, timeout=5000):
        release.set()
    model.inside.clear()
    view.viewport().update()
    qtbot.waitUntil(lambda: bool(model.inside), timeout=5000)
    assert not any(model.inside)  # no work: the filter is gone from the window


def test_background_work_blocks_nothing(parent, qtbot):
    task, release, results = _blocked_task(parent, background=True)
    qtbot.wait(tasks.SHOW_AFTER_MS + 300)
    assert not _visible_dialogs() and QApplication.activeModalWidget() is None and tasks.running(parent) == [task]
    with qtbot.waitSignal(task.ended, timeout=5000):
        release.set()
    assert results == ["xong"] and tasks.running(parent) == []


def test_closing_the_window_waits_for_the_backup_then_closes(window, qtbot, monkeypatch):
    from dti_desktop.services import backups

    release, made = threading.Event(), []
    real = backups.start_backup

    def slow_backup(path):
        release.wait(10)
        made.append(real(path))
        return made[-1]

    monkeypatch.setattr(backups, "start_backup", slow_backup)
    window.backup_in_background()
    assert "Đang sao lưu tự động…" in [label.text() for label in window.statusBar().findChildren(QLabel)]
    window.close()
    qtbot.wait(50)
    assert window.isVisible()  # the process would otherwise exit in the middle of the copy
    dialogs = _visible_dialogs()
    assert len(dialogs) == 1 and dialogs[0].labelText().endswith(tasks.CLOSING_NOTE)
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    assert made and made[0] is not None and made[0].folder.is_dir()  # the backup ended whole
    assert not _visible_dialogs()
    assert "Đang sao lưu tự động…" not in [label.text() for label in window.statusBar().findChildren(QLabel)]


def test_a_quit_that_bypasses_the_close_lets_the_work_end_before_the_window_goes(tmp_path):
    """Deleting a QThread that still runs aborts the whole process (the test run itself, in-process)."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    marker = tmp_path / "xong.txt"
    script = f"""
import sys, time
sys.path.insert(0, {str(ROOT)!r})
from PySide6.QtWidgets import QApplication, QMainWindow
from dti_desktop.ui import tasks
from dti_desktop.ui.app import shut_down

class Db:
    def close(self):
        print("db closed", flush=True)

app = QApplication([])
window = QMainWindow()
window.show()
def work():
    time.sleep(0.5)
    open({str(marker)!r}, "w").write("whole")
tasks.run_task(window, "Đang sao lưu tự động…", work, print, print, background=True)
shut_down(app, window, Db())
print("shut down", flush=True)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[-2:] == ["db closed", "shut down"] and marker.read_text() == "whole"


def test_the_backup_after_an_export_that_fails_is_a_warning_in_the_status_bar(window, qtbot, monkeypatch):
    """The window keeps services/backups.backup_after_export's policy: the package is written; a failed backup is
    said, not told as a failed export."""
    from dti_desktop.services import backups
    from dti_desktop.storage.errors import StorageError

    def full(path):
        raise StorageError("ổ đĩa đã đầy")

    monkeypatch.setattr(backups, "start_backup", full)
    window.backup_in_background(after_export=True)
    qtbot.waitUntil(lambda: "chưa sao lưu được" in window.statusBar().currentMessage(), timeout=10000)
    assert window.statusBar().currentMessage() == "Gói đã ghi nhưng chưa sao lưu được: ổ đĩa đã đầy"
