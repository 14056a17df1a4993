"""How the window reaches the database through services: its workers' own connections (services/worker_db.py),
and the data opened at start, with what to tell when it cannot be (services/app_database.py)."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from dti_desktop.domain.errors import KnownError
from dti_desktop.services import app_database
from dti_desktop.services.worker_db import with_own_connection
from dti_desktop.storage.errors import SchemaTooNewError


def test_worker_db_gives_the_thread_its_own_connection_and_closes_it(seeded_db, db_path):
    seen = []

    def work():
        seen.append(with_own_connection(db_path, lambda own: (own, own.execute("SELECT count(*) FROM plan")
                                                              .fetchone()[0])))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    own, plans = seen[0]
    assert own is not seeded_db and plans >= 1
    with pytest.raises(sqlite3.ProgrammingError):  # closed once the work returned
        own.execute("SELECT 1")


def test_worker_db_closes_the_connection_when_the_work_fails(seeded_db, db_path):
    kept = []

    def fail(own):
        kept.append(own)
        raise KeyError("missing_key")

    with pytest.raises(KeyError):
        with_own_connection(db_path, fail)
    with pytest.raises(sqlite3.ProgrammingError):
        kept[0].execute("SELECT 1")


def test_app_database_read_only_view_does_not_write(seeded_db, db_path):
    view = app_database.open_for_window(db_path, read_only=True)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            view.execute("CREATE TABLE t (x)")
    finally:
        view.close()


def test_app_database_opening_problem_is_told_and_a_bug_is_not(db_path):
    locked = sqlite3.OperationalError("database is locked")
    told = app_database.opening_problem(locked, db_path)
    assert isinstance(told, KnownError) and str(db_path) in told.text() and "khóa" in told.text()
    newer = SchemaTooNewError("Dữ liệu của phiên bản mới hơn.")
    assert app_database.opening_problem(newer, db_path) is newer
    assert app_database.opening_problem(KeyError("missing_key"), db_path) is None  # a bug goes on up


def test_app_database_offers_a_backup_only_for_a_damaged_file(seeded_db, db_path):
    assert not app_database.backup_may_help(SchemaTooNewError("mới hơn"), db_path)
    assert not app_database.backup_may_help(sqlite3.OperationalError("database is locked"), db_path)  # it is whole
    seeded_db.close()
    db_path.write_bytes(b"not a database at all" * 100)
    assert app_database.backup_may_help(sqlite3.DatabaseError("file is not a database"), db_path)
