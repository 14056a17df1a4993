"""The office's answers list, for a unit known under two names: both names' packages are the kept unit's (grouped
once for the month; a look-up per unit and package took a minute for a country's 3,321 communes)."""

from __future__ import annotations

from dataclasses import replace

from dti_desktop.domain.progress import Status
from dti_desktop.services import answers, district, packages, workspace
from dti_desktop.storage.unit_store import list_units
from tests.unit_db import MARCH, UnitDb


def test_a_merged_names_packages_are_in_the_kept_units_answer_history(office, tmp_path):
    unit = UnitDb(tmp_path / "unit", "UBND phường Mạo Khe")  # r1 sent under a typo, r2 under the corrected name
    unit.record("6", {0: "95"}, Status.HOAN_THANH)
    r1 = unit.export(tmp_path / "usb").path
    unit.ctx = workspace.update_settings(unit.db, replace(unit.ctx.settings, unit_name="UBND phường Mạo Khê"))
    packages.reopen_period(unit.db, MARCH, "Sửa tên đơn vị")
    unit.record("6", {0: "80"}, Status.DANG_TRIEN_KHAI)
    r2 = unit.export(tmp_path / "usb").path
    unit.db.close()
    db, store = office
    assert all(o.accepted for o in district.import_packages(db, store, [r1, r2]))
    ids = {u.name: u.id for u in list_units(db) if not u.is_own}
    district.merge_units(db, ids["UBND phường Mạo Khe"], ids["UBND phường Mạo Khê"])
    rows = answers.month_rows(db, workspace.context(db).plan.id, MARCH)
    assert [r.unit for r in rows] == ["UBND phường Mạo Khê"]
    (row,) = rows
    assert (row.state, row.revision) == (answers.WAITING, 2)
    received = [line for line in row.history if "nhận gói" in line]
    assert [line.split("nhận gói ")[1][:2] for line in received] == ["r1", "r2"]
