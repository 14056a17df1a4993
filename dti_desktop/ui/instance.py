"""One writer per data folder: a QLockFile, and a local channel to bring the first window forward.

The channel is a named pipe (Windows) or a Unix domain socket (Linux: in the abstract namespace,
so a crash leaves nothing behind) between two copies of the program on the same machine, made with
the standard library's multiprocessing.connection. Nothing goes over a network and no network
library (QtNetwork and the Kerberos/TLS libraries it links) ships with the program. A peer is never
trusted: only raw bytes are read (never a pickle), at most 64 of them, with a time limit.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Qt, Signal

RAISE = b"raise\n"
_MAX_MESSAGE = 64


class InstanceGuard(QObject):
    """Holds the data folder's lock; a stale lock left by a crash is taken over."""

    raise_requested = Signal()

    def __init__(self, data_dir: Path, parent=None) -> None:
        super().__init__(parent)
        self.lock_path = Path(data_dir) / "dti.lock"
        self.lock = QLockFile(str(self.lock_path))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self.data_dir = Path(data_dir)
        self._listener = None
        self._thread: threading.Thread | None = None
        self._closing = threading.Event()
        self._write_error: OSError | None = None  # why the folder refused the lock file (full disk, read-only)

    @property
    def name(self) -> str:
        """The local channel's name, one per data folder (hashlib only when the channel opens: start-up time)."""
        import hashlib

        return "dti-desktop-" + hashlib.sha256(str(self.data_dir.resolve()).encode()).hexdigest()[:16]

    def address(self) -> tuple[str, str]:
        """(address, family) of the channel for multiprocessing.connection."""
        if sys.platform == "win32":
            return rf"\\.\pipe\{self.name}", "AF_PIPE"
        if sys.platform.startswith("linux"):
            return "\0" + self.name, "AF_UNIX"
        import tempfile  # other Unixes: a socket file, user-only, removed on close

        return os.path.join(tempfile.gettempdir(), self.name + ".sock"), "AF_UNIX"

    def acquire(self) -> bool:
        self._write_error = None
        try:
            self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # a data folder that cannot even be made (a read-only medium)
            self._write_error = error
            return False
        if self.lock.tryLock(200) or (self.lock.error() == QLockFile.LockError.LockFailedError
                                      and self.lock.removeStaleLockFile() and self.lock.tryLock(200)):
            return True
        if self.lock.error() != QLockFile.LockError.LockFailedError:  # not held by another copy: the folder refused
            self._write_error = self._why_not_written()
        return False

    def _why_not_written(self) -> OSError:
        """The system's reason the lock file could not be made: QLockFile only says "UnknownError" for a full disk
        (its write failed) and "PermissionError" for a read-only folder, so a small file is written to hear it."""
        import errno

        probe = self.data_dir / f".dti-ghi-thu-{os.getpid()}"
        try:
            with open(probe, "xb", buffering=0) as handle:
                handle.write(b"DTI Desktop\n" * 64)  # a lock file's size: a full disk refuses this write
        except OSError as error:
            return OSError(error.errno, error.strerror, str(self.data_dir))  # the folder named, not the probe
        finally:
            try:
                probe.unlink()
            except OSError:
                pass
        return OSError(errno.EIO, "không tạo được tệp khóa dti.lock", str(self.data_dir))

    def folder_read_only(self) -> bool:
        """After acquire() failed: the lock could not be made because the folder refuses writing (a read-only
        share or USB stick, a full disk), not because another copy holds it."""
        return self._write_error is not None

    def write_error(self) -> OSError | None:
        """After acquire() failed: the system's error that kept the lock file from being written (ENOSPC for a
        full disk, EROFS or EACCES for a read-only folder); None when another copy holds the lock."""
        return self._write_error

    def release(self) -> None:
        self.close_channel()
        self.lock.unlock()

    def listen(self, on_raise: Callable[[], None]) -> bool:
        """Serve "bring the window forward" requests from later starts (call with the lock held).

        Requests arrive on a background thread and reach `on_raise` on the GUI thread (queued signal).
        False when the channel cannot be opened: the program works on, later starts just cannot raise it.
        """
        from multiprocessing.connection import Listener

        address, family = self.address()
        if family == "AF_UNIX" and not address.startswith("\0") and os.path.exists(address):
            os.unlink(address)  # we hold the lock: a socket file left there is a crashed copy's
        try:
            old_umask = os.umask(0o077) if family == "AF_UNIX" else None
            try:
                self._listener = Listener(address, family)
            finally:
                if old_umask is not None:
                    os.umask(old_umask)
        except OSError:
            return False
        self.raise_requested.connect(on_raise, Qt.ConnectionType.QueuedConnection)
        self._closing.clear()
        self._thread = threading.Thread(target=self._serve, args=(self._listener,), name="dti-instance-channel",
                                        daemon=True)
        self._thread.start()
        return True

    def _serve(self, listener) -> None:
        while not self._closing.is_set():
            try:
                channel = listener.accept()
            except OSError:  # closed, or broken for good: later starts then simply get no answer
                return
            with channel:
                if self._closing.is_set():
                    return
                try:
                    if channel.poll(1.0) and channel.recv_bytes(_MAX_MESSAGE).startswith(RAISE.strip()):
                        self.raise_requested.emit()
                except (OSError, EOFError):  # too long, cut off or silent: ignored
                    pass

    def close_channel(self) -> None:
        """Stops serving: wakes the waiting accept with a connection of our own, then closes."""
        if self._listener is None:
            return
        self._closing.set()
        from multiprocessing.connection import Client

        try:
            Client(*self.address()).close()
        except OSError:
            pass
        if self._thread is not None:
            self._thread.join(timeout=1)
        self._listener.close()
        self._listener, self._thread = None, None

    def ask_first_to_raise(self) -> bool:
        """Ask the running copy to show its window; False when it does not answer."""
        from multiprocessing.connection import Client

        try:
            with Client(*self.address()) as channel:
                channel.send_bytes(RAISE)
            return True
        except OSError:
            return False
