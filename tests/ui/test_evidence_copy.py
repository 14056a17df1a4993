"""Evidence copied into the store off the GUI thread while saving waits (ui/evidence_copy.py, issue 22)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from dti_desktop.services import evidence_intake
from dti_desktop.storage import attachment_store
from dti_desktop.ui.evidence_copy import copy_into_store
from dti_desktop.ui.tasks import SHOW_AFTER_MS
from tests.ui.test_main_window import select, window  # noqa: F401 (the officer's window fixture)


def test_copy_into_store_runs_off_the_gui_thread(qtbot, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    f = tmp_path / "Biên bản.pdf"
    f.write_bytes(b"%PDF bien ban" * 1000)
    seen = []
    real = attachment_store.import_file

    def spy(store, source):
        seen.append(threading.current_thread() is threading.main_thread())
        return real(store, source)

    attachment_store.import_file, saved = spy, attachment_store.import_file
    try:
        stored = copy_into_store(parent, tmp_path / "store", [f])
    finally:
        attachment_store.import_file = saved
    assert seen == [False]
    assert [s.name for s in stored] == ["Biên bản.pdf"] and stored[0].size == f.stat().st_size
    assert attachment_store.stored_path(tmp_path / "store", stored[0].sha256).read_bytes() == f.read_bytes()


def test_copy_into_store_cancelled_between_files(qtbot, tmp_path, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    files = [tmp_path / f"mc-{i}.pdf" for i in range(3)]
    for f in files:
        f.write_bytes(b"x")
    release, copied = threading.Event(), []

    def slow(store, source):
        release.wait(10)  # the first file lasts until the officer presses Hủy
        copied.append(source.name)
        return "0" * 64, 1

    monkeypatch.setattr(attachment_store, "import_file", slow)

    def cancel():
        dialogs = [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]
        assert dialogs, "the progress dialog shows once the copy lasts"
        dialogs[0].findChild(QPushButton).click()  # Hủy
        release.set()

    QTimer.singleShot(SHOW_AFTER_MS + 400, cancel)
    assert copy_into_store(parent, tmp_path / "store", files) is None
    assert copied == ["mc-0.pdf"]


def test_copy_into_store_raises_the_known_error(qtbot, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    big = tmp_path / "video.mp4"
    with open(big, "wb") as handle:  # sparse: 51 MB by its size, nothing written
        handle.truncate(51 * 1024 * 1024)
    with pytest.raises(ValueError, match="vượt giới hạn 50 MB"):
        copy_into_store(parent, tmp_path / "store", [big])
    assert not (tmp_path / "store").exists()


def test_store_files_checks_every_size_before_copying(tmp_path):
    small, big = tmp_path / "a.pdf", tmp_path / "b.pdf"
    small.write_bytes(b"a")
    with open(big, "wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    with pytest.raises(ValueError):
        evidence_intake.store_files(tmp_path / "store", [small, big])
    assert not (tmp_path / "store").exists()  # the small one was not copied either
    assert evidence_intake.store_files(tmp_path / "store", [small], cancelled=lambda: True) is None


def test_window_save_cancelled_keeps_the_form(window, qtbot, tmp_path, monkeypatch):  # noqa: F811
    select(window, "8")
    f = tmp_path / "anh.png"
    f.write_bytes(b"\x89PNG")
    window.form.add_files([f])
    window.form._inputs[0].edit.setText("91")
    monkeypatch.setattr("dti_desktop.ui.evidence_copy.copy_into_store", lambda *a: None)  # Hủy pressed
    assert window.save_entry() is False
    assert window.form.is_dirty() and window.form.pending_files() == [f]
    assert window.statusBar().currentMessage() == "Đã hủy: chưa lưu."
    monkeypatch.setattr("dti_desktop.ui.evidence_copy.copy_into_store", copy_into_store)
    assert window.save_entry() is True
    assert window.form.attachment_count() == 1 and not window.form.pending_files()
