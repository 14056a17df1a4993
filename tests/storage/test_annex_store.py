"""Editing a stored annex: a new year's copy, targets, groups and parts, each change checked, saved whole or not at
all, and kept in the catalogue's history."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from dti_desktop.domain.annex_edit import next_year_plan
from dti_desktop.domain.catalogue import Target
from dti_desktop.io.xlsx_catalogue_export import export_catalogue
from dti_desktop.services.annex_intake import read_catalogue as read_catalogue_workbook
from dti_desktop.services import annex_edit, catalogues
from dti_desktop.storage.catalogue_store import load_catalogue
from dti_desktop.storage.errors import ConflictError
from tests.conftest import dump

WHO = "Trần Văn Nam"
NEW = Target("23", "Tỷ lệ hồ sơ thủ tục hành chính được số hóa kết quả", lead="Văn phòng HĐND và UBND",
             tracking="Phòng Văn hóa và Thông tin", province_goal="100%", local_goal="100%", level="Chỉ tiêu mới",
             deadline="2026-12-31")


@pytest.fixture
def plan_2026(seeded_db) -> int:
    source = catalogues.choose_plan(seeded_db, 2025)
    plan = next_year_plan(source.plan, "12/KH-UBND", "2026-01-10", "UBND xã Đông Triều", 2026)
    return annex_edit.copy_plan(seeded_db, source.id, plan, WHO)


def _read_workbook(path):
    """The annex workbook read as a unit's import reads it."""
    try:
        from dti_desktop.services.annex_intake import read_catalogue
    except ImportError:  # before the annex intake
        from dti_desktop.io.xlsx_catalogue_import import read_catalogue_workbook as read_catalogue
    return read_catalogue(path)


def _item(db, plan_id: int, code: str):
    return next(t for t in annex_edit.editable(db, plan_id).target_items() if t.code == code)


def _group(db, plan_id: int, no: str, part: int = 0):
    return next(g for g in annex_edit.editable(db, plan_id).parts[part].groups if g.no == no)


def test_copy_makes_the_new_years_plan_from_last_years(seeded_db, plan_2026):
    old = load_catalogue(seeded_db, catalogues.choose_plan(seeded_db, 2025).id)
    new = load_catalogue(seeded_db, plan_2026)
    assert (new.plan.number, new.plan.date, new.plan.issuer, new.plan.year) == (
        "12/KH-UBND", "2026-01-10", "UBND xã Đông Triều", 2026)
    assert new.plan.title == "Kế hoạch thực hiện chuyển đổi số thành phố Đông Triều năm 2026"
    assert new.parts[0].title.startswith("PHỤ LỤC 1: CÁC MỤC TIÊU, CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2026")
    assert new.codes() == old.codes() and [t.text for t in new.targets()] == [t.text for t in old.targets()]
    assert [c.action for c in annex_edit.history(seeded_db, plan_2026)] == ["copy"]
    with pytest.raises(ConflictError, match="Đã có kế hoạch số 12/KH-UBND năm 2026"):
        annex_edit.copy_plan(seeded_db, catalogues.choose_plan(seeded_db, 2024).id, new.plan, WHO)


def test_add_edit_move_remove_a_target_keeps_codes_and_history(seeded_db, plan_2026):
    group = _group(seeded_db, plan_2026, "IV")
    target_id = annex_edit.add_target(seeded_db, plan_2026, group.id, len(group.targets), NEW, WHO)
    assert _item(seeded_db, plan_2026, "23").id == target_id
    measures = seeded_db.execute("SELECT kind, low FROM measure WHERE target_id = ?", [target_id]).fetchall()
    assert measures == [("percent", 100.0)]
    annex_edit.update_target(seeded_db, target_id, replace(NEW, local_goal="tối thiểu 95%", coordinating="UBND các xã"),
                             WHO)
    assert seeded_db.execute("SELECT low, op FROM measure WHERE target_id = ?", [target_id]).fetchall() == [(95.0, ">=")]
    assert annex_edit.move_target(seeded_db, target_id, -1, WHO)
    assert [t.code for t in _group(seeded_db, plan_2026, "IV").targets][-2:] == ["23", "22"]
    annex_edit.remove_target(seeded_db, target_id, WHO)
    assert "23" not in load_catalogue(seeded_db, plan_2026).codes()
    changes = annex_edit.history(seeded_db, plan_2026)
    assert [(c.action, c.field, c.code) for c in changes[:5]] == [
        ("remove", "", "23"), ("move", "position", "23"), ("edit", "local_goal", "23"),
        ("edit", "coordinating", "23"), ("add", "", "23")]
    edit = changes[2]
    assert (edit.old_value, edit.new_value, edit.changed_by) == ("100%", "tối thiểu 95%", WHO)


def test_the_catalogue_identity_follows_every_edit(seeded_db, plan_2026):
    before = seeded_db.execute("SELECT identity FROM plan WHERE id = ?", [plan_2026]).fetchone()[0]
    item = _item(seeded_db, plan_2026, "5")
    annex_edit.update_target(seeded_db, item.id, replace(item.target, deadline="2026-06-30"), WHO)
    after = seeded_db.execute("SELECT identity FROM plan WHERE id = ?", [plan_2026]).fetchone()[0]
    assert after != before and after == load_catalogue(seeded_db, plan_2026).identity()


def test_an_edited_annex_reads_back_the_same_from_its_workbook(seeded_db, plan_2026, tmp_path):
    group = _group(seeded_db, plan_2026, "IV")
    annex_edit.add_target(seeded_db, plan_2026, group.id, 0, NEW, WHO)
    part_id = annex_edit.add_part(seeded_db, plan_2026, 2, "PL3", "PHỤ LỤC 3: CHỈ TIÊU RIÊNG CỦA XÃ", WHO)
    annex = annex_edit.editable(seeded_db, plan_2026)
    new_group = annex_edit.add_group(seeded_db, plan_2026, part_id, 1, "I", "Về hạ tầng số", WHO)
    annex_edit.add_target(seeded_db, plan_2026, new_group, 0, replace(NEW, tt="1", text="Phủ sóng 5G"), WHO)
    first_group = next(p for p in annex_edit.editable(seeded_db, plan_2026).parts if p.id == part_id).groups[0]
    annex_edit.remove_group(seeded_db, first_group.id, WHO)  # the part's headless group, left empty
    assert annex.parts[2].key == "PL3"
    catalogue = load_catalogue(seeded_db, plan_2026)
    path = export_catalogue(catalogue, tmp_path / "danh-muc-2026.xlsx")
    assert _read_workbook(path) == catalogue
    assert "PL3.1" in catalogue.codes()


def test_a_repeated_tt_is_refused_and_nothing_changes(seeded_db, plan_2026):
    before = dump(seeded_db)
    for no in ("II", "III"):  # the same group, or another of a part numbered straight through
        with pytest.raises(ConflictError, match=r"TT “5” đã có trong phần PL1: .* \(ví dụ 23\)"):
            annex_edit.add_target(seeded_db, plan_2026, _group(seeded_db, plan_2026, no).id, 0, replace(NEW, tt="5"),
                                  WHO)
    assert dump(seeded_db) == before


def test_a_part_numbered_by_group_refuses_a_tt_twice_in_a_group(seeded_db):
    plan_2024 = catalogues.choose_plan(seeded_db, 2024).id
    group = _group(seeded_db, plan_2024, "II")
    with pytest.raises(ConflictError, match=r"TT “1” trùng .*mã II\.1"):
        annex_edit.add_target(seeded_db, plan_2024, group.id, 0, replace(NEW, tt="1"), WHO)
    annex_edit.add_target(seeded_db, plan_2024, group.id, len(group.targets), replace(NEW, tt="12"), WHO)
    assert "II.12" in load_catalogue(seeded_db, plan_2024).codes()


def test_a_target_with_results_cannot_be_removed_renumbered_or_given_another_goal(mao_khe):
    db = mao_khe.db
    plan = mao_khe.ctx.plan.id
    item = _item(db, plan, "6")
    assert item.reported and not _item(db, plan, "7").reported
    before = dump(db)
    with pytest.raises(ConflictError, match="Chỉ tiêu 6 đã có kết quả báo cáo nên không thể xóa"):
        annex_edit.remove_target(db, item.id, WHO)
    with pytest.raises(ConflictError, match=r"đổi mã của chỉ tiêu đã có kết quả báo cáo \(6 → 60\)"):
        annex_edit.update_target(db, item.id, replace(item.target, tt="60"), WHO)
    with pytest.raises(ConflictError, match="không thể đổi mục tiêu"):
        annex_edit.update_target(db, item.id, replace(item.target, local_goal="95%"), WHO)
    with pytest.raises(ConflictError, match="không thay bằng một chỉ tiêu khác"):
        annex_edit.update_target(db, item.id, replace(item.target, text="Số hóa hồ sơ đất đai"), WHO)
    with pytest.raises(ConflictError, match="đã có kết quả báo cáo"):
        annex_edit.update_plan(db, plan, replace(mao_khe.ctx.plan.plan, number="37/KH-UBND"), WHO)
    assert dump(db) == before
    annex_edit.update_target(db, item.id, replace(item.target, text=item.target.text + " (cả cấp xã)",
                                                  deadline="2025-12-31"), WHO)  # a wording corrected: fine
    annex_edit.remove_target(db, _item(db, plan, "7").id, WHO)  # no result: fine
    assert _item(db, plan, "6").target.deadline == "2025-12-31"


def test_an_added_target_is_assigned_to_the_units_on_the_plan(mao_khe):
    db, plan = mao_khe.db, mao_khe.ctx.plan.id
    group = _group(db, plan, "II")
    target_id = annex_edit.add_target(db, plan, group.id, len(group.targets),
                                      replace(NEW, lead="UBND các xã, phường"), WHO)
    assert db.execute("SELECT role FROM assignment WHERE target_id = ? AND unit_id = ?",
                      [target_id, mao_khe.ctx.unit.id]).fetchone() == ("lead",)


def test_the_store_edits_the_annex_and_the_service_reassigns_the_units(mao_khe):
    """Re-assigning the units after an edit is a use case (services/annex_edit.py), not the store's: a target for
    the wards the store adds is given to nobody until an edit through the service, which gives it to them."""
    from dti_desktop.storage import annex_store

    db, plan = mao_khe.db, mao_khe.ctx.plan.id
    group = _group(db, plan, "II")
    wards = replace(NEW, lead="UBND các xã, phường")
    target_id = annex_store.add_target(db, plan, group.id, len(group.targets), wards, WHO)

    def role():
        return db.execute("SELECT role FROM assignment WHERE target_id = ? AND unit_id = ?",
                          [target_id, mao_khe.ctx.unit.id]).fetchone()

    assert role() is None
    annex_edit.update_target(db, target_id, replace(wards, note="Thêm theo Kế hoạch 12/KH-UBND"), WHO)
    assert role() == ("lead",)
    annex_edit.update_target(db, target_id, NEW, WHO)  # taken from the wards again, before any result
    assert role() is None


def test_groups_and_parts_are_removed_only_when_empty(seeded_db, plan_2026):
    group = _group(seeded_db, plan_2026, "I")
    with pytest.raises(ConflictError, match="còn 1 chỉ tiêu"):
        annex_edit.remove_group(seeded_db, group.id, WHO)
    with pytest.raises(ConflictError, match="còn 5 chỉ tiêu"):
        annex_edit.remove_part(seeded_db, annex_edit.editable(seeded_db, plan_2026).parts[1].id, WHO)
    annex_edit.update_group(seeded_db, group.id, "I", "Về phát triển dữ liệu số (01 chỉ tiêu)", WHO)
    assert _group(seeded_db, plan_2026, "I").title == "Về phát triển dữ liệu số (01 chỉ tiêu)"
    with pytest.raises(annex_edit.EditProblems, match="số La Mã"):
        annex_edit.update_group(seeded_db, group.id, "1", "Nhóm", WHO)
    with pytest.raises(ConflictError, match="Hai phần cùng ký hiệu “PL2”"):
        annex_edit.add_part(seeded_db, plan_2026, 2, "PL2", "Phụ lục khác", WHO)
    with pytest.raises(ConflictError, match="Ký hiệu phần “II” trùng số của một nhóm"):
        annex_edit.add_part(seeded_db, plan_2026, 2, "II", "Phụ lục khác", WHO)


def test_the_plan_details_are_corrected_while_nobody_reported(seeded_db, plan_2026):
    plan = load_catalogue(seeded_db, plan_2026).plan
    annex_edit.update_plan(seeded_db, plan_2026, replace(plan, number="15/KH-UBND", report_day=20), WHO)
    assert load_catalogue(seeded_db, plan_2026).plan.number == "15/KH-UBND"
    assert {(c.field, c.old_value, c.new_value) for c in annex_edit.history(seeded_db, plan_2026)[:2]} == {
        ("number", "12/KH-UBND", "15/KH-UBND"), ("report_day", "", "20")}
    with pytest.raises(annex_edit.EditProblems, match="ban hành trong năm 2025 hoặc 2026"):
        annex_edit.update_plan(seeded_db, plan_2026, replace(plan, date="2024-12-01"), WHO)


def test_the_catalogue_history_cannot_be_rewritten(seeded_db, plan_2026):
    with pytest.raises(sqlite3.DatabaseError, match="không được sửa"):
        seeded_db.execute("UPDATE catalogue_history SET changed_by = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="không được xóa"):
        seeded_db.execute("DELETE FROM catalogue_history")


def test_a_target_typed_with_problems_is_refused_field_by_field(seeded_db, plan_2026):
    group = _group(seeded_db, plan_2026, "IV")
    with pytest.raises(annex_edit.EditProblems) as refused:
        annex_edit.add_target(seeded_db, plan_2026, group.id, 0,
                              Target("", "x", local_goal="150%", province_goal="9O%"), WHO)
    assert [p.field for p in refused.value.problems] == ["tt", "province_goal", "local_goal"]
