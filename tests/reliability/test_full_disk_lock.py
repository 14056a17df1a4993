"""A completely full disk is said to be full (issue 18): the data folder's lock could not be written, and the
command line said "the folder is open in a window" (QLockFile reports a failed write only as UnknownError)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QLockFile

from dti_desktop import cli
from dti_desktop.ui import instance
from tests.helpers import ROOT
from tests.reliability.test_faults import _fill, needs_mount, tiny_disk  # noqa: F401  (tiny_disk: a fixture)


class _FullDiskLock:
    """QLockFile on a full disk: the lock file is made, its write fails, Qt says only "UnknownError"."""

    LockError = QLockFile.LockError

    def __init__(self, _path: str) -> None:
        pass

    def setStaleLockTime(self, _ms: int) -> None:  # noqa: N802 (Qt API)
        pass

    def tryLock(self, _ms: int) -> bool:  # noqa: N802
        return False

    def error(self):
        return QLockFile.LockError.UnknownError

    def removeStaleLockFile(self) -> bool:  # noqa: N802
        return False

    def unlock(self) -> None:
        pass


@pytest.mark.reliability("Hết chỗ đĩa (ENOSPC giả lập) khi lấy khóa thư mục dữ liệu",
                         "Báo “ổ đĩa đã đầy”, không báo “đang mở trong cửa sổ”; không ghi gì")
def test_a_full_disk_is_not_reported_as_a_window_holding_the_folder(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()

    def full(path, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(instance, "QLockFile", _FullDiskLock)
    monkeypatch.setattr(instance, "open", full, raising=False)  # the guard's probe write
    guard = instance.InstanceGuard(folder)
    assert not guard.acquire() and guard.folder_read_only()
    assert guard.write_error().errno == errno.ENOSPC
    from dti_desktop.services import folder_lock

    def full_disk(self):  # the command line's lock (no Qt): the write of its lock file fails the same way
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.lock_path))

    monkeypatch.setattr(folder_lock.FolderLock, "_create", full_disk)
    with pytest.raises(folder_lock.FolderBusy) as refused:
        cli._hold_folder(folder / "dti.sqlite3")
    assert f"Không ghi được vào thư mục dữ liệu {folder}: ổ đĩa đã đầy" in str(refused.value)
    assert "đang được mở" not in str(refused.value)
    assert list(folder.iterdir()) == []


@needs_mount
@pytest.mark.reliability("Hết chỗ đĩa thật (tmpfs 1 MB) khi lệnh ghi và cửa sổ lấy khóa thư mục dữ liệu",
                         "Lệnh báo “ổ đĩa đã đầy”; cửa sổ mở chỉ để xem và nói ổ đĩa đầy; không tệp thừa")
def test_a_really_full_disk_is_said_to_be_full_by_the_command_line_and_the_window(tiny_disk, mao_khe):  # noqa: F811
    from dti_desktop.services import backups

    folder = tiny_disk / "data"
    folder.mkdir()
    backups._copy_database(mao_khe.path, folder / "dti.sqlite3")
    _fill(tiny_disk)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    added = subprocess.run([sys.executable, str(ROOT / "main.py"), "unit", "add", "UBND xã An Sinh", "--db",
                            str(folder / "dti.sqlite3")], capture_output=True, text=True, encoding="utf-8", env=env,
                           timeout=60)
    assert added.returncode == 1 and "ổ đĩa đã đầy" in added.stderr, added.stderr
    assert "đang được mở" not in added.stderr
    code = f"from pathlib import Path\nfrom dti_desktop.ui import app\nprint(app.run_gui(Path({str(folder / 'dti.sqlite3')!r})))\n"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                           env={**env, "DTI_QUIT_AFTER_SHOW": "1"}, timeout=120, cwd=ROOT)
    assert shown.stdout.strip().endswith("0") and "Ổ đĩa đã đầy" in shown.stderr, shown.stderr
    assert "đang được" not in shown.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["dti.sqlite3"]  # no lock or probe file left
