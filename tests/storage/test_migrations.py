"""Schema versions by PRAGMA user_version; each migration from an empty file."""

from __future__ import annotations

import sqlite3

import pytest

from dti_desktop.storage import migrations
from dti_desktop.storage.database import connect, open_database
from dti_desktop.storage.errors import SchemaTooNewError

EXPECTED_TABLES = {"setting", "unit", "plan", "plan_part", "target_group", "target", "measure",
                   "assignment", "progress_entry", "progress_value", "attachment", "history"}


def _tables(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_migrations_are_numbered_without_gaps():
    found = migrations.available()
    assert [m.version for m in found] == list(range(1, len(found) + 1))


@pytest.mark.parametrize("version", range(1, migrations.latest_version() + 1))
def test_each_migration_from_empty_file(tmp_path, version):
    db = connect(tmp_path / "x.sqlite3")
    assert migrations.migrate(db.conn, target=version) == version
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == version
    assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # and on from there to the latest
    assert migrations.migrate(db.conn) == migrations.latest_version()


def test_open_database_creates_schema_and_pragmas(db):
    assert EXPECTED_TABLES <= _tables(db.conn)
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_open_twice_is_idempotent(db_path):
    open_database(db_path).close()
    again = open_database(db_path)
    assert again.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version()


def test_failed_migration_leaves_previous_version(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "0001_ok.sql").write_text("CREATE TABLE a (x);", encoding="utf-8")
    (folder / "0002_bad.sql").write_text("CREATE TABLE b (y); INSERT INTO nowhere VALUES (1);",
                                         encoding="utf-8")
    db = connect(tmp_path / "x.sqlite3")
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(db.conn, folder)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert _tables(db.conn) == {"a"}


def test_newer_schema_refused_with_message(db_path):
    db = open_database(db_path)
    db.conn.execute("PRAGMA user_version = 999")
    db.close()
    with pytest.raises(SchemaTooNewError, match="mới hơn chương trình"):
        open_database(db_path)


def test_not_a_database_gets_vietnamese_message(tmp_path):
    from dti_desktop.storage.errors import StorageError

    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StorageError, match="bị hỏng"):
        open_database(bad)


def test_unit_keys_keep_accents_after_migration_3(tmp_path):
    """Schema 2 keyed units by their accent-free name; from 3 on, "Hòa An" and "Hòa Ân" can both exist."""
    from dti_desktop.domain.text import fold, name_key

    db = connect(tmp_path / "x.sqlite3")
    migrations.migrate(db.conn, target=2)
    db.conn.execute("INSERT INTO unit (name, name_folded, kind, district) VALUES (?, ?, 'xa', 'thành phố Đông Triều')",
                    ["UBND xã Hòa An", fold("UBND xã Hòa An")])
    db.conn.commit()
    assert migrations.migrate(db.conn) == migrations.latest_version()
    assert db.conn.execute("SELECT name_folded FROM unit").fetchone()[0] == name_key("UBND xã Hòa An")
    db.conn.execute("INSERT INTO unit (name, name_folded, kind, district) VALUES (?, ?, 'xa', 'thành phố Đông Triều')",
                    ["UBND xã Hòa Ân", name_key("UBND xã Hòa Ân")])  # two communes now
    with pytest.raises(sqlite3.IntegrityError):  # the same commune spelled another way is still one
        db.conn.execute("INSERT INTO unit (name, name_folded, kind, district) VALUES (?, ?, 'xa', "
                        "'thành phố Đông Triều')", ["UBND xã Hoà An", name_key("UBND xã Hoà An")])


def test_rebuilding_the_unit_table_keeps_every_row_and_every_reference(tmp_path):
    """Schema 5 rebuilds `unit` to admit special zones (đặc khu): ids, rows and what refers to them stay whole,
    foreign keys are enforced again afterwards, and a đặc khu can then be stored."""
    from dti_desktop.domain.units import Unit, UnitKind
    from dti_desktop.services.app_database import open_app_database
    from dti_desktop.storage.unit_store import add_unit, list_units

    db = connect(tmp_path / "x.sqlite3")
    migrations.migrate(db.conn, target=4)
    db.conn.execute("INSERT INTO unit (name, name_folded, kind, district, is_own) "
                    "VALUES ('UBND xã An Sinh', 'ubnd xa an sinh', 'xa', 'TP Đông Triều', 1)")
    with pytest.raises(sqlite3.IntegrityError):  # schema 4 refuses the new kind
        db.conn.execute("INSERT INTO unit (name, name_folded, kind) VALUES ('UBND đặc khu Cô Tô', 'x', 'dac_khu')")
    db.conn.commit()
    db.close()
    db = open_app_database(tmp_path / "x.sqlite3")
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert [(u.name, u.kind, u.is_own) for u in list_units(db)] == [("UBND xã An Sinh", UnitKind.XA, True)]
    add_unit(db, Unit("UBND đặc khu Vân Đồn", UnitKind.DAC_KHU, "tỉnh Quảng Ninh"))
    assert {u.kind for u in list_units(db)} == {UnitKind.XA, UnitKind.DAC_KHU}
    with pytest.raises(sqlite3.IntegrityError):  # references are enforced again
        db.conn.execute("INSERT INTO assignment (unit_id, target_id, role) VALUES (999, 999, 'lead')")


def test_the_unit_rebuild_keeps_every_row_of_a_working_unit_and_office(mao_khe, office, tmp_path):
    """Run on databases in use (units, assignments, entries, history, a sent and reopened month, received
    packages): every row is the same after schema 5's rebuild, and references are enforced again."""
    from dti_desktop.services import district, packages
    from dti_desktop.services.app_database import open_app_database
    from tests.unit_db import MARCH

    mao_khe.export(tmp_path / "usb")
    packages.reopen_period(mao_khe.db, MARCH, "Bổ sung")
    mao_khe.export(tmp_path / "usb")
    db, store = office
    assert all(o.accepted for o in district.import_packages(db, store, [tmp_path / "usb"]))
    for database, path in ((mao_khe.db, mao_khe.path), (db, tmp_path / "office" / "dti.sqlite3")):
        rows = sorted(line for line in database.conn.iterdump() if line.startswith("INSERT"))
        assert any('"submission"' in line for line in rows) or any('"received_package"' in line for line in rows)
        database.conn.execute("PRAGMA user_version = 4")  # as schema 4 left it: the rebuild runs again
        database.conn.commit()
        database.close()
        again = open_app_database(path)
        assert again.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version()
        assert sorted(line for line in again.conn.iterdump() if line.startswith("INSERT")) == rows
        assert again.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert again.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        again.close()


def test_schema_7_adds_the_catalogue_history_to_a_database_in_use(tmp_path):
    """A database of schema 6 with its plans opens at 7 with an empty, append-only catalogue history."""
    from dti_desktop.services.app_database import open_app_database

    db = open_app_database(tmp_path / "x.sqlite3")
    plans = db.conn.execute("SELECT count(*) FROM plan").fetchone()[0]
    db.conn.execute("DROP TABLE catalogue_history")
    db.conn.execute("PRAGMA user_version = 6")
    db.conn.commit()
    db.close()
    again = open_app_database(tmp_path / "x.sqlite3")
    assert again.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version() >= 7
    assert again.conn.execute("SELECT count(*) FROM plan").fetchone()[0] == plans == 3
    assert again.conn.execute("SELECT count(*) FROM catalogue_history").fetchone()[0] == 0
    again.conn.execute("INSERT INTO catalogue_history (plan_id, changed_at, changed_by, item, action) "
                       "VALUES (1, '2026-12-04T09:00:00+07:00', 'Cán bộ', 'target', 'add')")
    with pytest.raises(sqlite3.DatabaseError, match="không được xóa"):
        again.conn.execute("DELETE FROM catalogue_history")
    again.close()
