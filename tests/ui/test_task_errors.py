"""Errors of background work: a bug is logged with its traceback and told as unexpected, a known one as it is."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QWidget

from dti_desktop.services.errors import LOG_NAME, Unexpected
from dti_desktop.storage.database import connect
from dti_desktop.ui import error_log, messages, tasks


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def log_folder(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setattr(error_log, "folder", folder)
    return folder


def _failure(qtbot, parent, fn) -> BaseException:
    task = tasks.Task(parent, "Đang làm việc…", fn)
    with qtbot.waitSignal(task.failed, timeout=5000) as signal:
        task.start()
    return signal.args[0]



@pytest.fixture
def sqlite_path(tmp_path):
    return tmp_path / "dti.sqlite3"

def test_task_sql_bug_is_logged_and_told_as_unexpected(qtbot, parent, log_folder, sqlite_path):
    connect(sqlite_path).close()

    def export():  # a query naming a column that is not there: the program's mistake, not the machine's
        worker_db = connect(sqlite_path)
        try:
            return worker_db.execute("SELECT missing_column FROM sqlite_master").fetchall()
        finally:
            worker_db.close()

    error = _failure(qtbot, parent, export)
    assert isinstance(error, Unexpected) and isinstance(error.__cause__, sqlite3.OperationalError)
    text = messages.error_text(error)
    assert "lỗi ngoài dự kiến" in text and str(log_folder / LOG_NAME) in text
    log = (log_folder / LOG_NAME).read_text(encoding="utf-8")
    assert "no such column: missing_column" in log and "Traceback" in log and "in export" in log


def test_task_key_error_is_not_shown_as_its_key(qtbot, parent, log_folder):
    """A KeyError during export showed a box reading 'missing_key' and wrote nothing to the error log."""
    error = _failure(qtbot, parent, lambda: {}["missing_key"])
    assert messages.error_text(error) != "'missing_key'" and "lỗi ngoài dự kiến" in messages.error_text(error)
    assert "KeyError: 'missing_key'" in (log_folder / LOG_NAME).read_text(encoding="utf-8")


def test_task_locked_database_is_told_as_known(qtbot, parent, log_folder, sqlite_path):
    holder = connect(sqlite_path)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    holder.execute("INSERT INTO t VALUES (1)")

    def save():
        conn = sqlite3.connect(sqlite_path, timeout=0.05)
        try:
            conn.execute("INSERT INTO t VALUES (2)")
            conn.commit()
        finally:
            conn.close()

    try:
        error = _failure(qtbot, parent, save)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert isinstance(error, sqlite3.OperationalError)  # handed on as it is: not a bug
    assert messages.error_text(error) == ("Cơ sở dữ liệu đang bị một chương trình khác khóa; hãy đóng chương trình "
                                          "đó rồi thử lại.")
    assert not (log_folder / LOG_NAME).exists()


def test_task_known_error_is_handed_on_unchanged(qtbot, parent, log_folder):
    from dti_desktop.domain.errors import BadInput

    error = _failure(qtbot, parent, lambda: (_ for _ in ()).throw(BadInput("Kỳ báo cáo “2025-13” không đúng dạng.")))
    assert isinstance(error, BadInput) and messages.error_text(error) == "Kỳ báo cáo “2025-13” không đúng dạng."
    assert not (log_folder / LOG_NAME).exists()


def test_message_error_is_logged(qtbot, monkeypatch, caplog):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    messages.error(None, "Không lưu được", "Ổ đĩa đã đầy.")
    assert "Không lưu được: Ổ đĩa đã đầy." in caplog.text
