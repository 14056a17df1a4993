"""Unexpected errors in the window are logged in the data folder and told in Vietnamese."""

from __future__ import annotations

import sys

import pytest

from dti_desktop.ui import error_log


def _raise_in_a_slot():
    try:
        {}["thiếu"]
    except KeyError:
        return sys.exc_info()


@pytest.fixture(autouse=True)
def _hook_restored(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(error_log, "folder", None)


def test_an_uncaught_error_is_logged_and_told(tmp_path, caplog):
    told = []
    error_log.install(tmp_path, lambda title, text: told.append((title, text)))
    sys.excepthook(*_raise_in_a_slot())
    log = (tmp_path / error_log.LOG_NAME).read_text(encoding="utf-8")
    assert "KeyError: 'thiếu'" in log and "DTI Desktop" in log
    assert told and told[0][0] == "Lỗi ngoài dự kiến"
    assert "Dữ liệu đã lưu trước đó không bị ảnh hưởng" in told[0][1] and str(tmp_path / error_log.LOG_NAME) in told[0][1]
    assert "KeyError: 'thiếu'" in caplog.text  # Python's logging too (stderr, where there is one)


def test_the_log_keeps_the_newest_errors_within_its_size(tmp_path, monkeypatch):
    from dti_desktop.services import errors

    monkeypatch.setattr(errors, "MAX_LOG_BYTES", 2000)
    for _ in range(20):
        error_log.write_entry(tmp_path, *_raise_in_a_slot())
    text = (tmp_path / error_log.LOG_NAME).read_text(encoding="utf-8")
    assert len(text) <= 2000 and text.rstrip().endswith("KeyError: 'thiếu'")


def test_an_error_while_telling_is_not_told_again(tmp_path, monkeypatch):
    calls = []

    def tell(title, text):
        calls.append(title)
        sys.excepthook(*_raise_in_a_slot())  # the message box itself fails

    error_log.install(tmp_path, tell)
    sys.excepthook(*_raise_in_a_slot())
    assert calls == ["Lỗi ngoài dự kiến"]


def test_when_the_log_cannot_be_written_the_message_says_what_happened_instead(tmp_path, monkeypatch):
    """It said the log could not be written, then asked the officer to send that file."""
    told = []

    def refuse(*args):
        raise PermissionError("read-only")

    monkeypatch.setattr(error_log, "write_entry", refuse)
    error_log.install(tmp_path, lambda title, text: told.append(text))
    sys.excepthook(*_raise_in_a_slot())
    assert "Không ghi được tệp nhật ký lỗi" in told[0] and "KeyError: 'thiếu'" in told[0]
    assert "gửi tệp này" not in told[0]


def test_a_locked_database_met_on_the_gui_thread_is_told_as_known(tmp_path):
    """A raw sqlite3 error past a service's wrapper (the catalogue import with the database locked) read
    "Lỗi ngoài dự kiến"; the machine's SQLite errors are known by their code."""
    import sqlite3

    path = tmp_path / "held.sqlite3"
    holder = sqlite3.connect(path)
    holder.execute("CREATE TABLE t (x)")
    holder.commit()
    holder.execute("BEGIN IMMEDIATE")
    try:
        with sqlite3.connect(path, timeout=0.05) as writer:
            writer.execute("INSERT INTO t VALUES (1)")
    except sqlite3.OperationalError:
        caught = sys.exc_info()
    finally:
        holder.rollback()
        holder.close()
    told = []
    error_log.install(tmp_path / "data", lambda title, text: told.append((title, text)))
    sys.excepthook(*caught)
    assert told == [("Không thực hiện được",
                     "Cơ sở dữ liệu đang bị một chương trình khác khóa; hãy đóng chương trình đó rồi thử lại.")]
    assert not (tmp_path / "data" / error_log.LOG_NAME).exists()
