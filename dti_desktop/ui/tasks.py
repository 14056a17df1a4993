"""Long work off the GUI thread, with a busy indicator; results come back as signals."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QProgressDialog, QWidget

# Work that ends sooner shows no dialog at all. At 400 ms, a report made in 0,45 s flashed its dialog for 50 ms;
# each showing and hiding of a window-modal dialog repaints the whole window (RepaintsHoldingTheLock).
SHOW_AFTER_MS = 750
CLOSING_NOTE = "Chương trình sẽ tự đóng khi việc này xong."


class _Worker(QObject):
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[], object]) -> None:
        super().__init__()
        self._fn = fn

    def run(self) -> None:
        try:
            self.finished.emit(self._fn())
        except Exception as error:  # handed to the GUI thread, which tells known from bug (told)
            self.failed.emit(error)


class RepaintsHoldingTheLock(QObject):
    """Installed on a window (and its native window) while a worker runs: the window repaints holding the
    interpreter's lock.

    Qt's event loop runs without that lock, and each call a repaint makes into Python (the targets table's data()
    and index(): 1 600 for the window) waited for the worker to let the lock go. The whole window repaints when a
    progress dialog shows and takes the focus (its table drawn inactive): with 1 s of work in Python or in calls
    into Qt behind it, the window stalled 200-800 ms where it repaints in 8. Delivered from this filter, the
    repaint keeps the lock (PySide6 holds it through a call into Qt that does not wait), handed to the worker only
    when its own wait runs out (sys.getswitchinterval): 25-100 ms. No other filter of the window looks at these
    events: a repaint asked for (UpdateRequest), one the system asks of the native window (Expose, Paint)."""

    WIDGET = frozenset({QEvent.Type.UpdateRequest})
    NATIVE = frozenset({QEvent.Type.UpdateRequest, QEvent.Type.Expose, QEvent.Type.Paint})

    def __init__(self, parent: QObject, kinds: frozenset[QEvent.Type]) -> None:
        super().__init__(parent)
        self.kinds = kinds

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.kinds:
            watched.event(event)
            return True
        return False


class Task(QObject):
    """Runs `fn` in a QThread; `done(result)` or `failed(exception)` fire in the GUI thread, then `ended()`.
    `failed` carries a known error as raised, or a bug already logged as `services.errors.Unexpected`.

    A window-modal progress dialog shows when the work lasts over SHOW_AFTER_MS. A `background` task (the
    automatic backup) shows none: the window says it in its status bar and stays usable; its dialog shows only
    when the window waits for it to close (`running`, `finish_then`).
    `fn` must not touch the GUI, nor a database connection opened in another thread.
    """

    done = Signal(object)
    failed = Signal(object)
    ended = Signal()

    def __init__(self, parent: QWidget, label: str, fn: Callable[[], object], background: bool = False) -> None:
        super().__init__(parent)
        self.label, self.background, self.active = label, background, False
        self.awaited = False  # a closing window waits for it (finish_then)
        self._parent = parent
        self._thread = QThread(self)
        self._worker = _Worker(fn)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._worker.failed.connect(self._fail, Qt.ConnectionType.QueuedConnection)
        self._progress: QProgressDialog | None = None if background else self._dialog(label)
        self._window = parent.window()
        self._repaints = RepaintsHoldingTheLock(self, RepaintsHoldingTheLock.WIDGET)
        self._native_repaints = RepaintsHoldingTheLock(self, RepaintsHoldingTheLock.NATIVE)
        self._native: QWindow | None = None

    def _dialog(self, label: str) -> QProgressDialog:
        progress = QProgressDialog(label, "", 0, 0, self._parent)
        progress.setWindowTitle("Đang xử lý")
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(SHOW_AFTER_MS)
        # Qt's own timer, started with the dialog, shows it after 4 s; setMinimumDuration restarts it only once
        # the bar holds its minimum, which a busy bar (0, 0) does not until a value is set.
        progress.setValue(0)
        return progress

    def start(self) -> "Task":
        self.active = True
        self._window.installEventFilter(self._repaints)
        self._native = self._window.windowHandle()  # None until the window is first shown
        if self._native is not None:
            self._native.installEventFilter(self._native_repaints)
        self._thread.start()
        return self

    def show_progress(self, note: str = "") -> None:
        """The dialog now, whatever the time elapsed (the window waits for this work before closing)."""
        if self._progress is None:
            self._progress = self._dialog(self.label)
        if note:
            self._progress.setLabelText(f"{self.label}\n{note}")
        self._progress.show()

    def _stop(self) -> None:
        if self._progress is not None:
            self._progress.reset()
        self._thread.quit()
        self._thread.wait()
        self._window.removeEventFilter(self._repaints)
        if self._native is not None and shiboken6.isValid(self._native):  # a native window may be made anew
            self._native.removeEventFilter(self._native_repaints)
        self.active = False

    def _finish(self, result: object) -> None:
        self._stop()
        self.done.emit(result)
        self.ended.emit()

    def _fail(self, error: BaseException) -> None:
        self._stop()
        self.failed.emit(told(error))
        self.ended.emit()


def told(error: BaseException) -> BaseException:
    """The error as the handlers get it: a known one as it is; a bug logged with its traceback and handed on as
    `Unexpected`, whose text says so and names the log (str() of a KeyError read "'missing_key'", logged nowhere)."""
    from ..services.errors import Unexpected, known_text
    from .error_log import unexpected

    if known_text(error) is not None:
        return error
    bug = Unexpected(unexpected(error))
    bug.__cause__ = error
    return bug


def run_task(parent: QWidget, label: str, fn: Callable[[], object],
             on_done: Callable[[object], None], on_failed: Callable[[object], None],
             background: bool = False) -> Task:
    task = Task(parent, label, fn, background)
    task.done.connect(on_done)
    task.failed.connect(on_failed)
    return task.start()


def running(window: QWidget) -> list[Task]:
    """The window's tasks whose work or result handlers have not ended."""
    return [task for task in window.findChildren(Task) if task.active]


def end_all(window: QWidget) -> None:
    """Let the window's running work end before the window goes: deleting a QThread that still runs aborts the
    process. For quits that bypass the window's close (the close itself waits, with the dialog)."""
    for task in running(window):
        task._thread.quit()  # takes effect once the work returns
        task._thread.wait()


def finish_then(window: QWidget, then: Callable[[], None]) -> None:
    """Show the window's running tasks and call `then` once none is left (a task's handlers may start another:
    the backup after an export)."""
    def check() -> None:
        left = running(window)
        if not left:
            then()
            return
        for task in left:
            task.show_progress(CLOSING_NOTE)
            if not task.awaited:
                task.awaited = True
                task.ended.connect(check)

    check()
