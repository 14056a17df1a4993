"""Constraints the schema itself enforces, whatever the code above it does."""

from __future__ import annotations

import sqlite3

import pytest

from dti_desktop.domain.units import Unit, UnitKind
from dti_desktop.storage.unit_store import add_unit, assign_plan, assignment_id


def _entry(db, period="2025-03"):
    from dti_desktop.storage.catalogue_store import list_plans

    unit = add_unit(db, Unit("UBND phường Mạo Khê", UnitKind.PHUONG, "thành phố Đông Triều", True))
    plan = next(p for p in list_plans(db) if p.plan.year == 2025)
    assign_plan(db, unit.id, plan.id)
    target_id = db.execute("SELECT id FROM target WHERE plan_id = ? AND code = '9'", [plan.id]).fetchone()[0]
    return assignment_id(db, unit.id, target_id)


@pytest.mark.parametrize("period", ["2025-13", "2025-00", "25-03", "2025/03", "2025-3"])
def test_progress_period_must_be_a_month(seeded_db, period):
    aid = _entry(seeded_db)
    with pytest.raises(sqlite3.IntegrityError):
        seeded_db.execute("INSERT INTO progress_entry (assignment_id, period, updated_at) VALUES (?, ?, 'x')",
                          [aid, period])


def test_history_is_append_only(seeded_db):
    aid = _entry(seeded_db)
    seeded_db.execute("INSERT INTO progress_entry (assignment_id, period, updated_at) VALUES (?, '2025-03', 'x')",
                      [aid])
    seeded_db.execute("INSERT INTO history (entry_id, changed_at, changed_by, field) VALUES (1, 'x', 'a', 'f')")
    with pytest.raises(sqlite3.IntegrityError, match="không được sửa"):
        seeded_db.execute("UPDATE history SET new_value = 'y'")
    with pytest.raises(sqlite3.IntegrityError, match="không được xóa"):
        seeded_db.execute("DELETE FROM history")
    with pytest.raises(sqlite3.IntegrityError, match="đã có lịch sử"):
        seeded_db.execute("DELETE FROM progress_entry")


def test_only_one_own_unit(db):
    add_unit(db, Unit("UBND xã A", UnitKind.XA, "", True))
    add_unit(db, Unit("UBND xã B", UnitKind.XA, "", True))
    own = [r["name"] for r in db.query("SELECT name FROM unit WHERE is_own = 1")]
    assert own == ["UBND xã B"]
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE unit SET is_own = 1")


def test_foreign_keys_enforced(db):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO assignment (unit_id, target_id, role) VALUES (42, 42, 'lead')")


def test_unit_names_compared_accent_insensitively(db):
    from dti_desktop.storage.errors import ConflictError

    add_unit(db, Unit("UBND phường Yên Giang", UnitKind.PHUONG, "thị xã Quảng Yên"))
    with pytest.raises(ConflictError, match="đã có"):
        add_unit(db, Unit("UBND PHƯỜNG YÊN GIANG", UnitKind.PHUONG, "thị xã Quảng Yên"))
