"""One writer per data folder; a stale lock from a crash is taken over; a later start can raise the first."""

from __future__ import annotations

import pytest

import os
import socket

from dti_desktop.ui.instance import InstanceGuard


def test_second_guard_refused_until_first_releases(qtbot, tmp_path):
    first, second = InstanceGuard(tmp_path), InstanceGuard(tmp_path)
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def test_stale_lock_from_a_crash_is_recovered(qtbot, tmp_path):
    dead_pid = 2 ** 22 + 12345
    while True:
        try:
            os.kill(dead_pid, 0)
            dead_pid += 1
        except ProcessLookupError:
            break
    (tmp_path / "dti.lock").write_text(f"{dead_pid}\nmain.py\n{socket.gethostname()}\n")
    guard = InstanceGuard(tmp_path)
    assert guard.acquire()
    guard.release()


def test_later_start_brings_first_window_forward(qtbot, tmp_path):
    raised = []
    first = InstanceGuard(tmp_path)
    assert first.acquire()
    first.listen(lambda: raised.append(True))
    with qtbot.waitSignal(first.raise_requested, timeout=5000):
        assert InstanceGuard(tmp_path).ask_first_to_raise()
    assert raised == [True]  # its handler, queued before the test's, has run
    first.release()


def test_read_only_window_writes_nothing(qtbot, mao_khe, monkeypatch):
    from datetime import date

    from dti_desktop.storage.database import connect
    from dti_desktop.ui.main_window import MainWindow
    from tests.conftest import dump

    before = dump(mao_khe.db)
    db = connect(mao_khe.path, read_only=True)
    window = MainWindow(db, mao_khe.path, today=date(2025, 3, 10), read_only=True)
    qtbot.addWidget(window)
    assert window.windowTitle().endswith("— CHỈ XEM")
    assert not window.form.is_editable() and not window.save_action.isEnabled()
    assert window.form.evidence_notes.isReadOnly() and not window.form.status.isEnabled()
    assert window.form.open_file.isEnabled() and window.form.files.isEnabled()  # evidence can still be read
    assert not window.settings_action.isEnabled() and not window.restore_action.isEnabled()
    assert window.model.rowCount() == 27
    window.period_combo.setCurrentIndex(window.period_combo.findData("2025-04"))
    assert window.save_entry() is True  # nothing selected for writing: no-op
    # switching months re-evaluates what is locked; nothing that writes may come back on
    assert not any(a.isEnabled() for a in (window.save_action, window.export_package_action, window.reopen_action))
    window.export_package()
    window.reopen_period()
    # a plan never opened for writing has no targets assigned: said so, not "Tất cả chỉ tiêu đã có kết quả"
    window.plan_combo.setCurrentIndex(next(i for i in range(window.plan_combo.count())
                                           if "2024" in window.plan_combo.itemText(i)))
    assert window.model.rowCount() == 0
    assert window.banner.text().startswith("Đơn vị chưa được giao chỉ tiêu nào của kế hoạch này.")
    assert dump(mao_khe.db) == before


def test_read_only_window_cannot_reopen_a_sent_month(qtbot, mao_khe, tmp_path, monkeypatch):
    from datetime import date

    from dti_desktop.storage.database import connect
    from dti_desktop.ui import messages
    from dti_desktop.ui.main_window import MainWindow
    from tests.conftest import dump

    mao_khe.export(tmp_path / "usb")  # March is sent and locked
    before = dump(mao_khe.db)
    for name in ("ask_text", "choose_folder", "error", "info"):
        monkeypatch.setattr(messages, name, lambda *a, name=name: pytest.fail(f"unexpected dialog {name}"))
    window = MainWindow(connect(mao_khe.path, read_only=True), mao_khe.path, today=date(2025, 3, 10), read_only=True)
    qtbot.addWidget(window)
    window.period_combo.setCurrentIndex(window.period_combo.findData("2025-04"))
    window.period_combo.setCurrentIndex(window.period_combo.findData("2025-03"))
    assert window.banner.text().startswith("Đã gửi lần r1")
    assert not window.reopen_action.isEnabled() and not window.save_action.isEnabled()
    window.reopen_action.trigger()
    assert dump(mao_khe.db) == before


def test_channel_ignores_hostile_peers_and_still_raises(qtbot, tmp_path):
    """A local peer that sends too much, garbage or nothing is dropped; a real request still gets through."""
    from multiprocessing.connection import Client

    raised = []
    first = InstanceGuard(tmp_path)
    assert first.acquire()
    assert first.listen(lambda: raised.append(True))
    address, family = first.address()
    with Client(address, family) as peer:
        peer.send_bytes(b"raise" + b"x" * 10_000)  # longer than any message: refused unread
    with Client(address, family) as peer:
        peer.send_bytes(b"\x80\x04\x95 not a pickle")  # bytes are never unpickled
    with Client(address, family):
        pass  # connects and says nothing
    qtbot.wait(100)
    assert raised == []
    assert InstanceGuard(tmp_path).ask_first_to_raise()
    qtbot.waitUntil(lambda: raised == [True], timeout=5000)
    first.release()


def test_closed_channel_answers_no_more(qtbot, tmp_path):
    first = InstanceGuard(tmp_path)
    assert first.acquire()
    assert first.listen(lambda: None)
    first.release()
    assert not first._thread and not InstanceGuard(tmp_path).ask_first_to_raise()
    again = InstanceGuard(tmp_path)  # the name is free again for the next start
    assert again.acquire() and again.listen(lambda: None)
    again.release()


def test_the_program_uses_no_network_library():
    """Offline always: no module of the program imports QtNetwork, socket servers or HTTP clients."""
    import re

    from tests.helpers import ROOT

    pattern = re.compile(r"^\s*(from|import)\s+(PySide6\.QtNetwork|urllib|http|ssl|socketserver|requests)\b", re.M)
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "dti_desktop").rglob("*.py")
                 if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
