"""The data folder's lock for the command line, without Qt: one writer per data folder.

The window holds the same file, dti.lock, with Qt's QLockFile (ui/instance.py); the two exclude each other
because this lock follows QLockFile's own rules. On Unix the file is made with O_EXCL and held with flock(), as
QLockFile holds it, and a file nobody holds a flock() on was left by a crash (taken over). On Windows the file is
kept open without delete sharing, as QLockFile keeps it: a file that can be deleted was left by a crash. The
contents are QLockFile's: the process id, its program's name, the machine's name.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
from pathlib import Path

from ..domain.errors import KnownError, describe_os_error

LOCK_NAME = "dti.lock"


class FolderBusy(KnownError):
    """The data folder is held by a window (or another command), or refuses the lock file (read-only, full)."""


class FolderLock:
    """dti.lock in `data_dir`; acquire() says whether this process now holds it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.lock_path = self.data_dir / LOCK_NAME
        self._fd: int | None = None
        self._write_error: OSError | None = None

    def acquire(self) -> bool:
        self._write_error = None
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            for _ in range(3):  # a stale file taken away, or one that vanished meanwhile: try again
                if self._create():
                    return True
                if not self._remove_stale():
                    return False
        except OSError as error:  # the folder refuses the file: read-only, full, no permission
            self._write_error = OSError(error.errno, error.strerror, str(self.data_dir))
        return False

    def _create(self) -> bool:
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            return False
        try:
            _hold(fd)
            os.write(fd, _contents())
        except OSError:
            os.close(fd)
            self.lock_path.unlink(missing_ok=True)  # a full disk: no half-written lock left behind
            raise
        self._fd = fd
        return True

    def _remove_stale(self) -> bool:
        """Take away a lock file its holder no longer holds (a crash); False when a live process holds it."""
        if sys.platform == "win32":
            try:
                os.remove(self.lock_path)  # refused while QLockFile (or another command) keeps it open
            except FileNotFoundError:
                return True
            except PermissionError:
                return False
            return True
        try:
            fd = os.open(self.lock_path, os.O_RDONLY)
        except FileNotFoundError:
            return True
        try:
            _hold(fd)
        except BlockingIOError:
            return False
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):
                return False
            raise
        else:
            self.lock_path.unlink(missing_ok=True)
        finally:
            os.close(fd)
        return True

    def write_error(self) -> OSError | None:
        """After acquire() failed: the system's error that kept the lock file from being written (ENOSPC for a
        full disk, EROFS or EACCES for a read-only folder); None when another process holds the lock."""
        return self._write_error

    def release(self) -> None:
        if self._fd is None:
            return
        self.lock_path.unlink(missing_ok=True)  # before the close: no other process judges it stale meanwhile
        os.close(self._fd)
        self._fd = None


def hold_folder(data_dir: Path) -> FolderLock:
    """The data folder's lock for a command that writes; FolderBusy, in Vietnamese, when it cannot be had."""
    lock = FolderLock(data_dir)
    if lock.acquire():
        return lock
    if (error := lock.write_error()) is not None:  # a full disk was once reported as "open in a window"
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise FolderBusy(f"Thư mục dữ liệu {data_dir} chỉ cho phép đọc; lệnh này cần ghi.")
        raise FolderBusy(f"Không ghi được vào thư mục dữ liệu {describe_os_error(error)}.")  # it names the folder
    raise FolderBusy(f"Thư mục dữ liệu {data_dir} đang được mở trong cửa sổ DTI Desktop (hoặc một lệnh khác); "
                     "hãy đóng cửa sổ rồi chạy lại lệnh.")


def _hold(fd: int) -> None:
    """flock() the file, as QLockFile does (Unix); on Windows the open handle itself holds it."""
    if sys.platform != "win32":
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _contents() -> bytes:
    """QLockFile's lines: process id, the program's file name, the machine's name."""
    try:
        program = Path(os.readlink("/proc/self/exe")).name if sys.platform.startswith("linux") else \
            Path(sys.executable).name
    except OSError:
        program = Path(sys.executable).name
    return f"{os.getpid()}\n{program}\n{socket.gethostname()}\n".encode()
