"""Disk full and read-only places: a clear Vietnamese message, nothing lost, the program keeps running.

Real faults where the machine allows (a tiny tmpfs, a read-only mount: needs root, as CI has),
injected ones (OSError at the write layer, SQLite's page limit) everywhere.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest

from dti_desktop.domain.periods import Period
from dti_desktop.services import backups, packages
from dti_desktop.storage.database import open_database
from dti_desktop.storage.errors import StorageError
from tests.conftest import dump


def _can_mount() -> bool:
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe = Path("/tmp/dti-mount-probe")
    probe.mkdir(exist_ok=True)
    ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True).returncode == 0
    if ok:
        subprocess.run(["umount", str(probe)], check=False)
    return ok


CAN_MOUNT = _can_mount()
needs_mount = pytest.mark.skipif(not CAN_MOUNT, reason="mounting a tmpfs needs root (CI runs as root)")


@pytest.fixture
def tiny_disk(tmp_path):
    folder = tmp_path / "tiny"
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], check=True)
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> None:
    # unbuffered: the disk's refusal comes from a write inside the loop, never from the final flush at close
    with open(folder / "filler", "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
        except OSError as error:
            assert error.errno == errno.ENOSPC


@needs_mount
@pytest.mark.reliability("Hết chỗ đĩa thật (tmpfs 1 MB) khi xuất gói báo cáo",
                         "Báo “ổ đĩa đã đầy”; không tệp mang tên thật; kỳ không bị khóa; CSDL không đổi")
def test_real_disk_full_during_export(mao_khe, tiny_disk):
    _fill(tiny_disk)
    before = dump(mao_khe.db)
    with pytest.raises(OSError) as caught:
        packages.export_package(mao_khe.db, mao_khe.store, Period(2025, 3), tiny_disk)
    from dti_desktop.storage.errors import describe_os_error

    assert "đĩa đã đầy" in describe_os_error(caught.value)
    assert [p.name for p in tiny_disk.iterdir()] == ["filler"]
    assert dump(mao_khe.db) == before


@needs_mount
@pytest.mark.reliability("Hết chỗ đĩa thật (tmpfs 1 MB) khi lưu kết quả vào CSDL",
                         "Báo “ổ đĩa đã đầy”; kết quả trước đó còn nguyên; integrity_check ok")
def test_real_disk_full_database(tiny_disk):
    from dti_desktop.domain.progress import Status
    from tests.unit_db import UnitDb

    unit = UnitDb(tiny_disk / "unit", "UBND xã An Sinh")
    unit.record("6", {0: "80"}, Status.DANG_TRIEN_KHAI)
    _fill(tiny_disk)
    with pytest.raises(StorageError, match="ổ đĩa đã đầy"):
        for k in range(200):  # big notes until the disk refuses
            unit.record("6", {0: str(k % 90)}, Status.DANG_TRIEN_KHAI, notes="x" * 19000 + str(k))
    unit.db.close()
    (tiny_disk / "filler").unlink()
    conn = sqlite3.connect(unit.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM progress_entry").fetchone()[0] == 1


@needs_mount
@pytest.mark.reliability("Thư mục chỉ đọc thật (mount ro): mở dữ liệu, xuất gói, sao lưu",
                         "Báo lỗi tiếng Việt (“chỉ cho phép đọc”); không ghi gì")
def test_real_read_only_folder(mao_khe, tiny_disk, tmp_path):
    db_copy = tiny_disk / "data" / "dti.sqlite3"
    db_copy.parent.mkdir()
    backups._copy_database(mao_khe.path, db_copy)
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    with pytest.raises(StorageError, match="chỉ cho phép đọc|không mở được"):
        open_database(db_copy)
    with pytest.raises(OSError) as caught:
        packages.export_package(mao_khe.db, mao_khe.store, Period(2025, 3), tiny_disk)
    from dti_desktop.storage.errors import describe_os_error

    assert "chỉ cho phép đọc" in describe_os_error(caught.value)
    assert packages.lock_state(mao_khe.db, mao_khe.ctx, Period(2025, 3)) is None
    with pytest.raises(StorageError, match="Không sao lưu được"):
        backups.create_backup(db_copy)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EROFS])
@pytest.mark.reliability("Lỗi ghi tệp giả lập (ENOSPC/EACCES/EROFS) khi xuất gói và sao lưu",
                         "Thông báo tiếng Việt; không tệp mang tên thật; không khóa kỳ; CSDL không đổi")
def test_injected_write_errors(mao_khe, tmp_path, monkeypatch, code):
    from dti_desktop import fileutil as atomic

    real_replace = os.replace

    def failing_replace(src, dst):
        if str(dst).endswith((".dtipkg", ".pdf")) or "backups" in str(dst):
            raise OSError(code, os.strerror(code), str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    monkeypatch.setattr(backups.os, "replace", failing_replace)
    before = dump(mao_khe.db)
    with pytest.raises(OSError):
        packages.export_package(mao_khe.db, mao_khe.store, Period(2025, 3), tmp_path / "out")
    assert not list((tmp_path / "out").glob("*.dtipkg"))
    assert dump(mao_khe.db) == before
    with pytest.raises(StorageError, match="Không sao lưu được"):
        backups.create_backup(mao_khe.path)
    assert backups.list_backups(mao_khe.path) == []


@pytest.mark.reliability("CSDL đầy (giới hạn trang SQLite) khi lưu từ cửa sổ",
                         "Hộp thoại “ổ đĩa đã đầy”; kết quả cũ còn nguyên; cửa sổ vẫn chạy, lưu được khi có chỗ")
def test_gui_keeps_running_when_database_full(qtbot, mao_khe, monkeypatch):
    from dti_desktop.ui import messages
    from dti_desktop.ui.main_window import MainWindow

    window = MainWindow(mao_khe.db, mao_khe.path, today=date(2025, 3, 10))
    qtbot.addWidget(window)
    shown = []
    monkeypatch.setattr(messages, "error", lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.DISCARD)
    window.select_assignment(next(r.assignment_id for r in window.model.rows() if r.code == "6"))
    pages = mao_khe.db.execute("PRAGMA page_count").fetchone()[0]
    mao_khe.db.execute(f"PRAGMA max_page_count = {pages}")
    window.form.evidence_notes.setPlainText("Ghi chú rất dài " * 1200)  # under the 20 000 a package carries
    window.form._inputs[0].edit.setText("93")
    before = dump(mao_khe.db)
    assert window.save_entry() is False
    assert shown and shown[0][0] == "Không lưu được" and "ổ đĩa đã đầy" in shown[0][1]
    assert dump(mao_khe.db) == before and window.form.is_dirty()  # nothing lost, the edit is still there
    mao_khe.db.execute("PRAGMA max_page_count = 1073741823")
    assert window.save_entry() is True


@pytest.mark.reliability("Tệp minh chứng quá lớn (> 50 MB)", "Từ chối với thông báo nêu tên tệp và giới hạn; không lưu gì")
def test_attachment_size_limit(mao_khe, tmp_path):
    from dti_desktop.domain.progress import Status

    big = tmp_path / "video.mp4"
    with open(big, "wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    before = dump(mao_khe.db)
    with pytest.raises(ValueError, match="“video.mp4” nặng 51 MB, vượt giới hạn 50 MB"):
        mao_khe.record("6", {0: "95"}, Status.HOAN_THANH, [big])
    assert dump(mao_khe.db) == before


@pytest.mark.reliability("Tên tệp minh chứng có đường dẫn, ký tự điều khiển", "Tên được làm sạch khi lưu và khi mở")
def test_attachment_names_sanitised(mao_khe, tmp_path):
    from dti_desktop.storage.attachment_store import safe_name

    assert safe_name("../../etc/passwd") == "_.._etc_passwd"
    assert safe_name('a\x00b:c*?.pdf') == "a_b_c__.pdf"
    assert safe_name("   ") == "minh-chung"
    assert len(safe_name("x" * 500)) == 200


@needs_mount
@pytest.mark.reliability("Thư mục dữ liệu chỉ đọc (mount ro) khi mở cửa sổ",
                         "Mở chế độ chỉ xem, báo rõ vì sao; không ghi gì, không đổ vỡ")
def test_a_read_only_data_folder_opens_for_viewing(mao_khe, tiny_disk, qtbot):
    """A WAL database needs its -shm file even to be read: in a read-only folder the view-only window crashed,
    after being told another copy held the data."""
    import hashlib

    from dti_desktop.storage.database import connect
    from dti_desktop.ui.instance import InstanceGuard

    import shutil

    folder, crashed = tiny_disk / "data", tiny_disk / "copied-while-open"
    folder.mkdir()
    crashed.mkdir()
    backups._copy_database(mao_khe.path, folder / "dti.sqlite3")
    writer = connect(folder / "dti.sqlite3")  # left in WAL mode, as the program leaves every database
    writer.close()
    # a folder copied while the program ran: the last saved change is still in the -wal, not yet checkpointed
    live = connect(folder / "dti.sqlite3")
    live.execute("PRAGMA wal_autocheckpoint = 0")
    with live.conn:
        live.execute("UPDATE progress_entry SET evidence_notes = 'lưu sau cùng' WHERE id = 1")
    for name in ("dti.sqlite3", "dti.sqlite3-wal"):
        shutil.copy2(folder / name, crashed / name)
    live.close()
    before = hashlib.sha256((folder / "dti.sqlite3").read_bytes()).hexdigest()
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    guard = InstanceGuard(folder)
    assert not guard.acquire() and guard.folder_read_only()  # not "another copy is using it"
    viewer = connect(folder / "dti.sqlite3", read_only=True, folder_read_only=True)
    assert viewer.execute("SELECT count(*) FROM progress_entry").fetchone()[0] == 2
    viewer.close()
    assert hashlib.sha256((folder / "dti.sqlite3").read_bytes()).hexdigest() == before
    copied = connect(crashed / "dti.sqlite3", read_only=True, folder_read_only=True)
    assert copied.execute("SELECT evidence_notes FROM progress_entry WHERE id = 1").fetchone()[0] == "lưu sau cùng"
    copied.close()
