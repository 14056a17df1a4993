"""A job done in parts, one part per turn of the event loop, so that the window repaints and takes clicks between
them (issue 22: the window's start stalled it 85 ms in one block)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal


class Turns(QObject):
    """Runs its parts in order, each in a turn of its own (start), or those left all at once (finish); `finished`
    once the last has run.

    Each part is the timeout of a zero-interval timer started when the one before has ended, so that every timer
    already due (a repaint's, a probe's) comes first. Not QTimer.singleShot(0), a posted event: Qt runs the events
    posted meanwhile before its timers, and two parts ran back to back in one stall; nor a repeating zero timer, whose
    next turn was due since the start of the part before, ahead of the timers that fell due during it."""

    finished = Signal()

    def __init__(self, parts: Iterable[Callable[[], object]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._parts = deque(parts)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)
        self.done = not self._parts

    def start(self) -> None:
        """The parts from the next turn on."""
        if not self.done:
            self._timer.start()

    def finish(self) -> None:
        """The parts left, now: what needs the whole job waits no longer."""
        self._timer.stop()
        try:
            while self._parts:
                self._parts.popleft()()  # taken off first: a part that asks to finish does not run itself again
        finally:
            self._go_on()

    def _next(self) -> None:
        try:
            if self._parts:
                self._parts.popleft()()
        finally:
            self._go_on()

    def _go_on(self) -> None:
        """The next part in the next turn (due from now: after what fell due during this one), or the end; a part
        that failed (reported as any error) does not stop the others."""
        if self._parts:
            self._timer.start()
        else:
            self._end()

    def _end(self) -> None:
        if not self.done:
            self.done = True
            self.finished.emit()
