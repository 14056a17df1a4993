"""Long work off the GUI thread, with a busy indicator; results come back as signals."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Worker(QObject):
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[], object]) -> None:
        super().__init__()
        self._fn = fn

    def run(self) -> None:
        try:
            self.finished.emit(self._fn())
        except Exception as error:  # handed to the GUI thread, which decides what to show
            self.failed.emit(error)


class Task(QObject):
    """Runs `fn` in a QThread; `done(result)` or `failed(exception)` fire in the GUI thread.

    `fn` must not touch the GUI, nor a database connection opened in another thread.
    """

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QWidget, label: str, fn: Callable[[], object]) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._worker = _Worker(fn)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._worker.failed.connect(self._fail, Qt.ConnectionType.QueuedConnection)
        self._progress = QProgressDialog(label, "", 0, 0, parent)
        self._progress.setWindowTitle("Đang xử lý")
        self._progress.setCancelButton(None)
        self._progress.setMinimumDuration(400)
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)

    def start(self) -> "Task":
        self._thread.start()
        return self

    def _stop(self) -> None:
        self._progress.reset()
        self._thread.quit()
        self._thread.wait()

    def _finish(self, result: object) -> None:
        self._stop()
        self.done.emit(result)

    def _fail(self, error: object) -> None:
        self._stop()
        self.failed.emit(error)


def run_task(parent: QWidget, label: str, fn: Callable[[], object],
             on_done: Callable[[object], None], on_failed: Callable[[object], None]) -> Task:
    task = Task(parent, label, fn)
    task.done.connect(on_done)
    task.failed.connect(on_failed)
    return task.start()
