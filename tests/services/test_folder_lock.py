"""The command line's lock on the data folder, without Qt, and the window's QLockFile exclude each other."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys

import pytest

from dti_desktop.services.folder_lock import FolderBusy, FolderLock, hold_folder
from tests.helpers import ROOT


def test_folder_lock_second_refused_until_first_releases(tmp_path):
    first, second = FolderLock(tmp_path), FolderLock(tmp_path)
    assert first.acquire() and not second.acquire() and second.write_error() is None
    first.release()
    assert not (tmp_path / "dti.lock").exists() and second.acquire()
    second.release()


def test_folder_lock_stale_file_from_a_crash_is_taken_over(tmp_path):
    (tmp_path / "dti.lock").write_text(f"{2 ** 22 + 12345}\nmain.py\n{socket.gethostname()}\n")
    lock = FolderLock(tmp_path)
    assert lock.acquire()
    assert (tmp_path / "dti.lock").read_text().split("\n")[0] == str(os.getpid())
    lock.release()


def test_folder_lock_and_the_window_s_qlockfile_exclude_each_other(qtbot, tmp_path):
    from dti_desktop.ui.instance import InstanceGuard

    command = FolderLock(tmp_path)
    assert command.acquire()
    window = InstanceGuard(tmp_path)
    assert not window.acquire() and not window.folder_read_only()  # held, not refused
    command.release()
    assert window.acquire()
    assert not FolderLock(tmp_path).acquire()
    window.release()


def test_hold_folder_says_a_window_holds_it(qtbot, tmp_path):
    from dti_desktop.ui.instance import InstanceGuard

    window = InstanceGuard(tmp_path)
    assert window.acquire()
    try:
        with pytest.raises(FolderBusy, match="đang được mở trong cửa sổ DTI Desktop"):
            hold_folder(tmp_path)
    finally:
        window.release()


def test_hold_folder_full_disk_leaves_no_lock_file(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("dti_desktop.services.folder_lock._hold", full)  # the file is made, then its use fails
    with pytest.raises(FolderBusy, match="ổ đĩa đã đầy"):
        hold_folder(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_cli_writing_command_loads_no_qt(tmp_path):
    """The command line's folder lock loaded Qt (ui/instance.py) for every command that writes."""
    code = ("import sys\nfrom dti_desktop import cli\n"
            f"code = cli.main(['unit', 'add', 'UBND phường Mạo Khê', '--kind', 'phuong', '--own', '--db', {str(tmp_path / 'dti.sqlite3')!r}])\n"
            "print(code, 'PySide6' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                            timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "0 False", result.stderr
