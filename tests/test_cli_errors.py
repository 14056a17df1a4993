"""The command line tells known errors (exit 1) from bugs (EXIT_BUG, logged with the traceback in the data folder)."""

from __future__ import annotations

import sqlite3

import pytest

from dti_desktop import cli
from dti_desktop.services.errors import LOG_NAME


@pytest.fixture
def cli_db(tmp_path):
    return tmp_path / "cli" / "dti.sqlite3"


def _failing(monkeypatch, fn) -> None:
    monkeypatch.setattr(cli.units, "run", lambda args: fn())


def test_cli_sql_bug_exits_with_exit_bug_and_logs_it(cli_db, monkeypatch, capsys):
    def list_units():  # a column that is not there: the program's mistake, not the machine's
        sqlite3.connect(":memory:").execute("SELECT missing_column FROM sqlite_master")

    _failing(monkeypatch, list_units)
    assert cli.main(["unit", "list", "--db", str(cli_db)]) == cli.EXIT_BUG
    err = capsys.readouterr().err
    assert err.startswith("Lỗi ngoài dự kiến: ") and str(cli_db.parent / LOG_NAME) in err
    assert "Traceback" not in err  # the officer reads one message; the traceback is in the log
    log = (cli_db.parent / LOG_NAME).read_text(encoding="utf-8")
    assert "no such column: missing_column" in log and "in list_units" in log


def test_cli_key_error_is_a_bug_not_its_key(cli_db, monkeypatch, capsys):
    _failing(monkeypatch, lambda: {}["missing_key"])
    assert cli.main(["unit", "list", "--db", str(cli_db)]) == cli.EXIT_BUG
    assert "'missing_key'\n" not in capsys.readouterr().err


def test_cli_locked_database_is_known(cli_db, tmp_path, monkeypatch, capsys):
    path = tmp_path / "held.sqlite3"
    holder = sqlite3.connect(path)
    holder.execute("CREATE TABLE t (x)")
    holder.commit()
    holder.execute("BEGIN IMMEDIATE")

    def write():
        with sqlite3.connect(path, timeout=0.05) as conn:
            conn.execute("INSERT INTO t VALUES (1)")

    _failing(monkeypatch, write)
    try:
        assert cli.main(["unit", "list", "--db", str(cli_db)]) == cli.EXIT_ERROR
    finally:
        holder.rollback()
        holder.close()
    assert capsys.readouterr().err == ("Lỗi: Cơ sở dữ liệu đang bị một chương trình khác khóa; hãy đóng chương trình "
                                       "đó rồi thử lại.\n")
    assert not (cli_db.parent / LOG_NAME).exists()


def test_cli_bad_input_is_known(cli_db, capsys):
    assert cli.main(["unit", "add", "UBND phường Mạo Khê", "--kind", "phuong", "--own", "--db", str(cli_db)]) == 0
    capsys.readouterr()
    code = cli.main(["entry", "set", "--period", "2025-03", "--code", "6", "--value", "92", "--value", "93", "--db", str(cli_db)])
    assert code == cli.EXIT_ERROR
    assert capsys.readouterr().err == "Lỗi: Chỉ tiêu 6 có 1 thước đo nhưng nhận 2 giá trị.\n"
    assert not (cli_db.parent / LOG_NAME).exists()
