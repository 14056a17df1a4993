"""One writer per data folder: a QLockFile, and a local channel to bring the first window forward.

The channel is a local socket (named pipe / Unix domain socket) between two copies of the
program on the same machine; nothing goes over a network.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject

if TYPE_CHECKING:  # QtNetwork is loaded once the window is up (start-up time)
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE = b"raise\n"


class InstanceGuard(QObject):
    """Holds the data folder's lock; a stale lock left by a crash is taken over."""

    def __init__(self, data_dir: Path, parent=None) -> None:
        super().__init__(parent)
        self.lock_path = Path(data_dir) / "dti.lock"
        self.lock = QLockFile(str(self.lock_path))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self.data_dir = Path(data_dir)
        self.server: QLocalServer | None = None

    @property
    def name(self) -> str:
        """The local channel's name, one per data folder (hashlib only when the channel opens: start-up time)."""
        import hashlib

        return "dti-desktop-" + hashlib.sha256(str(self.data_dir.resolve()).encode()).hexdigest()[:16]

    def acquire(self) -> bool:
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        if self.lock.tryLock(200):
            return True
        if self.lock.error() == QLockFile.LockError.LockFailedError and self.lock.removeStaleLockFile():
            return self.lock.tryLock(200)
        return False

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
        self.lock.unlock()

    def listen(self, on_raise: Callable[[], None]) -> None:
        """Serve "bring the window forward" requests from later starts."""
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(lambda: self._accept(on_raise))
        self.server.listen(self.name)

    def _accept(self, on_raise: Callable[[], None]) -> None:
        while self.server.hasPendingConnections():
            channel = self.server.nextPendingConnection()
            channel.readyRead.connect(lambda c=channel: self._read(c, on_raise))

    @staticmethod
    def _read(channel: QLocalSocket, on_raise: Callable[[], None]) -> None:
        if channel.readAll().data().startswith(RAISE.strip()):
            on_raise()
        channel.disconnectFromServer()

    def ask_first_to_raise(self, timeout_ms: int = 1000) -> bool:
        """Ask the running copy to show its window; False when it does not answer."""
        from PySide6.QtNetwork import QLocalSocket

        channel = QLocalSocket()
        channel.connectToServer(self.name)
        if not channel.waitForConnected(timeout_ms):
            return False
        channel.write(RAISE)
        ok = channel.waitForBytesWritten(timeout_ms)
        channel.disconnectFromServer()
        return ok
