"""Shared fixtures: a fresh database in a temp dir; Qt offscreen before any QApplication."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from dti_desktop.storage.database import open_database  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """No test ever touches the real per-user data folder."""
    monkeypatch.setenv("DTI_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "db" / "dti.sqlite3"


@pytest.fixture
def db(db_path):
    """A migrated, empty database."""
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def seeded_db(db_path):
    """The database as a first start leaves it: migrated, with the embedded catalogues."""
    from dti_desktop.services.app_database import open_app_database

    database = open_app_database(db_path)
    yield database
    database.close()


def dump(database) -> list[str]:
    """Every row of every table, for asserting that nothing changed."""
    return list(database.conn.iterdump())
