"""One unit the office knows under two names: told at import, merged on the office's word, never two units' data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dti_desktop.domain.progress import Status
from dti_desktop.services import district, packages, workspace
from dti_desktop.storage.unit_store import list_units
from tests.conftest import dump
from tests.unit_db import MARCH, UnitDb


@pytest.fixture
def renamed(tmp_path):
    """A ward that sent r1 as "Mạo Khe" (a typo), corrected its name in Cài đặt, reopened and sent r2."""
    unit = UnitDb(tmp_path / "unit", "UBND phường Mạo Khe")
    unit.record("6", {0: "95"}, Status.HOAN_THANH)
    r1 = unit.export(tmp_path / "usb").path
    unit.ctx = workspace.update_settings(unit.db, replace(unit.ctx.settings, unit_name="UBND phường Mạo Khê"))
    packages.reopen_period(unit.db, MARCH, "Sửa tên đơn vị")
    unit.record("6", {0: "80"}, Status.DANG_TRIEN_KHAI)
    r2 = unit.export(tmp_path / "usb").path
    yield r1, r2
    unit.db.close()


def _units(db) -> dict[str, int]:
    return {u.name: u.id for u in list_units(db) if not u.is_own}


def test_a_renamed_unit_is_flagged_at_import_and_merged_into_one(office, renamed):
    db, store = office
    r1, r2 = renamed
    first, second = district.import_packages(db, store, [r1, r2])
    assert first.accepted and second.accepted
    assert "lưu ý: đơn vị mới, tên gần giống “UBND phường Mạo Khe” đã có" in second.message
    plan_id = workspace.context(db).plan.id
    t6 = next(t for t in district.consolidated(db, plan_id, MARCH) if t.code == "6")
    assert (t6.expected, t6.reporting, t6.reached) == (2, 2, 1)  # the withdrawn r1 still counted: the defect
    units, suggested = district.merge_candidates(db)
    ids = _units(db)
    assert suggested == (ids["UBND phường Mạo Khe"], ids["UBND phường Mạo Khê"])
    message = district.merge_units(db, *suggested)
    assert message == ("Đã gộp “UBND phường Mạo Khe” vào “UBND phường Mạo Khê” (1 gói báo cáo đã nhận theo tên cũ "
                       "được tính cho tên giữ).")
    assert list(_units(db)) == ["UBND phường Mạo Khê"]
    t6 = next(t for t in district.consolidated(db, plan_id, MARCH) if t.code == "6")
    assert (t6.expected, t6.reporting, t6.reached) == (1, 1, 0)  # r2's 80 %, r1's 95 % withdrawn
    board = district.board(db, plan_id, 20, date(2025, 4, 30))
    cell = board.cells[(board.units[0].id, "2025-03")]
    assert (len(board.units), cell.revision, cell.superseded) == (1, 2, 1)
    again = district.import_packages(db, store, [r1, r2])
    assert [o.already for o in again] == [True, True]  # both still known, under the one unit


def test_two_units_that_each_sent_the_same_revision_are_not_merged(office, mao_khe, kim_son, tmp_path):
    db, store = office
    district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path, kim_son.export(tmp_path / "usb").path])
    ids = _units(db)
    before = dump(db)
    with pytest.raises(ValueError, match="đều đã gửi lần r1 tháng 03/2025: đây là hai đơn vị khác nhau"):
        district.merge_units(db, ids["UBND phường Kim Sơn"], ids["UBND phường Mạo Khê"])
    assert dump(db) == before
    assert district.merge_candidates(db)[1] is None  # nothing alike to offer


def test_the_command_line_merges_by_name(office, renamed, tmp_path):
    from dti_desktop.cli import main

    db, store = office
    district.import_packages(db, store, list(renamed))
    args = ["unit", "merge", "UBND phường Mạo Khe", "ubnd phường mạo khê", "--db", str(tmp_path / "office" / "dti.sqlite3")]
    assert main(args) == 0
    assert list(_units(db)) == ["UBND phường Mạo Khê"]
    assert main(["unit", "merge", "UBND xã Không Có", "UBND phường Mạo Khê", "--db",
                 str(tmp_path / "office" / "dti.sqlite3")]) != 0



def test_a_merge_made_by_mistake_is_undone(office, tmp_path):
    """"Hòa An" and "Hòa Ân" are two communes whose names differ only in a tone: offered as alike, they could be
    merged by mistake (they sent different months), and the real unit's next package was then refused."""
    from dti_desktop.cli import main
    from dti_desktop.domain.periods import Period

    db, store = office
    april = Period(2025, 4)
    an, an_hat = UnitDb(tmp_path / "an", "UBND xã Hòa An"), UnitDb(tmp_path / "an-hat", "UBND xã Hòa Ân")
    an.record("6", {0: "90"})
    an_hat.record("6", {0: "70"}, period=april)
    packages_sent = [an.export(tmp_path / "usb").path, an_hat.export(tmp_path / "usb", period=april).path]
    an.db.close()
    an_hat.db.close()
    district.import_packages(db, store, packages_sent)
    ids = _units(db)
    district.merge_units(db, ids["UBND xã Hòa Ân"], ids["UBND xã Hòa An"])  # the mistake
    office_db = str(tmp_path / "office" / "dti.sqlite3")
    assert main(["unit", "unmerge", "UBND xã Hòa Ân", "--db", office_db]) == 0
    assert sorted(_units(db)) == ["UBND xã Hòa An", "UBND xã Hòa Ân"]
    board = district.board(db, workspace.context(db).plan.id, 20, date(2025, 5, 30))
    sent = {u.name: [m for m in ("2025-03", "2025-04") if board.cells[(u.id, m)].revision] for u in board.units}
    assert sent == {"UBND xã Hòa An": ["2025-03"], "UBND xã Hòa Ân": ["2025-04"]}
    assert main(["unit", "unmerge", "UBND xã Hòa Ân", "--db", office_db]) == 1  # not merged now: nothing to undo
