"""Copying evidence files into the store off the GUI thread, while saving waits for it (the window never freezes).

Saving stays a call that returns whether it saved (leaving a result, closing the window ask it), so the wait is a
local event loop: the window keeps painting; user input is held back for the first SHOW_AFTER_MS (a click then
would re-enter the save), after which a window-modal progress dialog shows, whose Hủy stops between two files.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..services.evidence_intake import StoredFile, store_files
from .tasks import SHOW_AFTER_MS


class _Copier(QObject):
    step = Signal(int, str)
    ended = Signal(object, object)  # (stored files or None when cancelled, error or None)

    def __init__(self, store: Path, paths: list[Path]) -> None:
        super().__init__()
        self.store, self.paths, self.cancel = store, paths, False

    def run(self) -> None:
        try:
            stored = store_files(self.store, self.paths, self.step.emit, lambda: self.cancel)
            self.ended.emit(stored, None)
        except Exception as error:  # raised again in the GUI thread
            self.ended.emit(None, error)


def copy_into_store(parent: QWidget, store: Path, paths: list[Path]) -> list[StoredFile] | None:
    """The files copied into the store; None when the officer cancelled. Raises, in the GUI thread, what the copy
    raised (a known error for the caller to tell; a bug goes on to the log like any other)."""
    thread = QThread()
    copier = _Copier(store, list(paths))
    copier.moveToThread(thread)
    progress = _dialog(parent, len(paths))
    progress.canceled.connect(lambda: setattr(copier, "cancel", True))
    waiter = _Waiter(progress, len(paths))  # lives in this thread: the copier's signals run its slots here
    copier.step.connect(waiter.step)
    copier.ended.connect(waiter.end)
    thread.started.connect(copier.run)
    thread.start()
    QTimer.singleShot(SHOW_AFTER_MS, waiter.show)
    waiter.loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)  # before the dialog: no click re-enters
    if not waiter.outcome:
        waiter.loop.exec()  # the dialog is window-modal: only its Hủy answers
    progress.reset()
    progress.deleteLater()
    thread.quit()
    thread.wait()
    stored, error = waiter.outcome
    if error is not None:
        raise error  # in the GUI thread, as if the copy had run there: the caller tells a known one
    return stored


class _Waiter(QObject):
    """The GUI thread's side: the dialog follows the copy; the local loop ends with it."""

    def __init__(self, progress: QProgressDialog, count: int) -> None:
        super().__init__()
        self.progress, self.count, self.outcome = progress, count, []
        self.loop = QEventLoop()

    def step(self, i: int, name: str) -> None:
        self.progress.setLabelText(f"Đang chép tệp minh chứng {i + 1}/{self.count} vào kho: {name}")
        if self.progress.isVisible():  # a value set on a hidden dialog would show it at once
            self.progress.setValue(i)

    def end(self, stored, error) -> None:
        self.outcome = [stored, error]
        self.loop.quit()

    def show(self) -> None:
        if not self.outcome:  # still copying: the dialog, and input again (to it alone: it is window-modal)
            self.progress.show()
            self.loop.quit()


def _dialog(parent: QWidget, count: int) -> QProgressDialog:
    progress = QProgressDialog("Đang chép tệp minh chứng vào kho…", "Hủy", 0, count, parent)
    progress.setWindowTitle("Đang lưu")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.hide()  # shown by the caller once the copy lasts SHOW_AFTER_MS
    return progress
