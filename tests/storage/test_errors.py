"""SQLite errors are told apart by their code: the machine's (locked, full, corrupt …) are known, others bugs."""

from __future__ import annotations

import sqlite3

import pytest

from dti_desktop.services.errors import known_text
from dti_desktop.storage.database import connect
from dti_desktop.storage.errors import StorageError, known_errors, known_reason



@pytest.fixture
def sqlite_path(tmp_path):
    return tmp_path / "dti.sqlite3"

def test_known_errors_sql_bug_passes_unchanged(db):
    with pytest.raises(sqlite3.OperationalError, match="no such column"), known_errors(db):
        db.execute("SELECT missing_column FROM plan")


def test_known_errors_integrity_error_passes_unchanged(db):
    with pytest.raises(sqlite3.IntegrityError), known_errors(db):
        db.execute("INSERT INTO target (plan_id) VALUES (999999)")


def test_known_errors_locked_database_becomes_storage_error(sqlite_path):
    holder, writer = connect(sqlite_path), sqlite3.connect(sqlite_path, timeout=0.05)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageError, match="đang bị một chương trình khác khóa") as caught, known_errors(holder):
            writer.execute("INSERT INTO t VALUES (1)")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        writer.close()
    assert caught.value.__cause__.sqlite_errorname == "SQLITE_BUSY"


def test_known_reason_not_a_database(tmp_path):
    path = tmp_path / "x.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        conn.execute("SELECT * FROM sqlite_master")
    conn.close()
    assert known_reason(caught.value).startswith("bị hỏng hoặc không phải cơ sở dữ liệu")


def test_known_reason_cannot_open(tmp_path):
    with pytest.raises(sqlite3.OperationalError) as caught:
        sqlite3.connect(tmp_path / "missing" / "x.sqlite3")
    assert known_text(caught.value) == "Cơ sở dữ liệu không mở được (thư mục không tồn tại hoặc không có quyền)."


@pytest.mark.parametrize("error", [KeyError("missing_key"), sqlite3.ProgrammingError("closed database"),
                                   ValueError("invalid literal for int()")])
def test_known_text_bug_is_none(error):
    assert known_text(error) is None
