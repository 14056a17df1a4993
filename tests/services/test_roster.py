"""Issue 19, the office: the roster of the units it expects, per year, decides "Chưa gửi" and who is held."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from dti_desktop.domain.periods import Period
from dti_desktop.domain.settings import HOLD_NEW_UNITS
from dti_desktop.io.workbook_errors import WorkbookError
from dti_desktop.services import district, district_review, roster, workspace
from dti_desktop.storage import roster_store
from dti_desktop.storage.errors import ConflictError
from tests.conftest import dump
from tests.unit_db import MARCH

NOW = datetime.fromisoformat("2025-03-25T09:00:00+07:00")
PLAN_2025 = "36/KH-UBND"


@pytest.fixture(autouse=True)
def _units_clock(monkeypatch):
    from dti_desktop.services import packages

    monkeypatch.setattr(packages, "now_iso", lambda: "2025-03-15T09:00:00+07:00")


def _hold(db) -> None:
    ctx = workspace.context(db)
    workspace.update_settings(db, replace(ctx.settings, new_units=HOLD_NEW_UNITS))


def _names(r: roster.Roster) -> list[str]:
    return [u.name for u in r.expected()]


def _xlsx(path, rows, title="Danh sách") -> object:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def _plan_id(db, year=2025) -> int:
    return db.execute("SELECT id FROM plan WHERE year = ?", [year]).fetchone()[0]


def test_roster_before_any_edit_is_proposed_and_stores_nothing(office):
    db, _ = office
    before = dump(db)
    r = roster.roster(db, 2025)
    assert not r.started and r.units == [] and dump(db) == before
    roster.add(db, 2025, "UBND xã Bình Khê", "Lan", now=NOW)
    assert _names(roster.roster(db, 2025)) == ["UBND xã Bình Khê"]
    # a new year starts as a copy of the last one (proposed until edited)
    copy = roster.roster(db, 2026)
    assert not copy.started and _names(copy) == ["UBND xã Bình Khê"] and "năm 2025" in copy.source


def test_roster_add_rename_retire_merge_keep_history(office):
    db, _ = office
    for name in ("UBND xã Bình Khê", "UBND xã Tràng Lương", "UBND phường Mạo Khê"):
        roster.add(db, 2025, name, "Lan", now=NOW)
    with pytest.raises(ConflictError, match="đã có trong danh sách năm 2025"):
        roster.add(db, 2025, "ubnd XÃ bình khê", "Lan", now=NOW)
    assert "thành “UBND phường Bình Khê”" in roster.rename(db, 2025, "UBND xã Bình Khê", "UBND phường Bình Khê", "Lan",
                                                           now=NOW)
    renamed = roster.find_unit(db, "UBND xã Bình Khê")  # the old name still finds the unit
    assert renamed.name == "UBND phường Bình Khê" and renamed.kind.value == "phuong"
    roster.retire(db, 2025, "UBND phường Mạo Khê", "Lan", "không còn là đầu mối", now=NOW)
    roster.merge(db, 2025, ["UBND phường Bình Khê", "UBND xã Tràng Lương"], "UBND phường Đông Triều", "Lan", now=NOW)
    r = roster.roster(db, 2025)
    assert _names(r) == ["UBND phường Đông Triều"]
    gone = {u.unit.name: u.retire_reason for u in r.units if not u.active}
    assert gone == {"UBND phường Bình Khê": "gộp vào “UBND phường Đông Triều”",
                    "UBND xã Tràng Lương": "gộp vào “UBND phường Đông Triều”",
                    "UBND phường Mạo Khê": "không còn là đầu mối"}
    actions = [(c.label, c.unit) for c in roster.history(db, 2025)]
    assert actions[0][0] == "Lập danh sách" and ("Đổi tên", "UBND phường Bình Khê") in actions
    assert actions[-1] == ("Gộp", "UBND phường Đông Triều") and all(c.who == "Lan" for c in roster.history(db, 2025))
    with pytest.raises(Exception, match="không được sửa"):  # the history is append-only
        db.execute("UPDATE roster_change SET who = 'X'")
    # 2024 is untouched: a roster changes by year
    assert not roster_store.started(db, 2024)


def test_roster_refuses_a_look_alike_name(office):
    db, _ = office
    before = dump(db)
    with pytest.raises(ValueError, match="U\\+200B"):
        roster.add(db, 2025, "UBND xã Bình\u200b Khê", "Lan", now=NOW)
    assert dump(db) == before


def test_roster_import_finds_the_name_column_and_tolerates_a_clerks_layout(office, tmp_path):
    db, _ = office
    roster.add(db, 2025, "UBND xã An Sinh", "Lan", now=NOW)
    path = _xlsx(tmp_path / "danh-sach.xlsx", [
        ("DANH SÁCH CÁC XÃ, PHƯỜNG NĂM 2025",), (),
        ("TT", "Tên đơn vị", "Ghi chú"),
        ("I", "Các phường", None),
        (1, "UBND phường Mạo Khê", None), (None, None, None),
        (2, "  UBND xã Bình  Khê ", "sáp nhập"),
        (3, "Phường Hoàng Quế", None),
    ])
    result = roster.import_list(db, 2025, path, "Lan", now=NOW)
    assert result.added == ["UBND phường Mạo Khê", "UBND xã Bình Khê", "Phường Hoàng Quế"]
    assert result.missing == ["UBND xã An Sinh"] and "vẫn giữ" in result.summary()
    assert set(_names(roster.roster(db, 2025))) == {"UBND phường Mạo Khê", "UBND xã Bình Khê", "Phường Hoàng Quế",
                                                     "UBND xã An Sinh"}
    again = roster.import_list(db, 2025, path, "Lan", replace=True, now=NOW)
    assert again.already == 3 and again.retired == ["UBND xã An Sinh"]
    assert "UBND xã An Sinh" not in _names(roster.roster(db, 2025))
    assert roster.history(db, 2025)[-1].label == "Nhập từ tệp"


def test_roster_import_of_a_bad_list_names_file_sheet_row_column_and_changes_nothing(office, tmp_path):
    db, _ = office
    before = dump(db)
    path = _xlsx(tmp_path / "sai.xlsx", [("STT", "Tên đơn vị"), (1, "UBND xã Bình Khê"), (2, "UBND xã Кim Sơn"),
                                         (3, "UBND xã Bình Khê"), (4, "Bình Minh")], title="Xã")
    with pytest.raises(WorkbookError) as caught:
        roster.import_list(db, 2025, path, "Lan", now=NOW)
    text = caught.value.summary()
    assert text.startswith("Không nhập được tệp sai.xlsx: 3 lỗi, chưa thay đổi gì.")
    assert "trang tính “Xã”, dòng 3, cột B (Tên đơn vị)" in text and "U+041A" in text
    assert "dòng 4" in text and "trùng với dòng 2" in text
    assert "dòng 5" in text and "không cho biết loại đơn vị" in text
    no_column = _xlsx(tmp_path / "khong-cot.xlsx", [("Số", "Địa chỉ"), (1, "Mạo Khê")])
    with pytest.raises(WorkbookError, match="không thấy cột tên đơn vị"):
        roster.import_list(db, 2025, no_column, "Lan", now=NOW)
    not_excel = tmp_path / "la.xlsx"
    not_excel.write_bytes(b"hello")
    with pytest.raises(WorkbookError, match="la.xlsx"):
        roster.import_list(db, 2025, not_excel, "Lan", now=NOW)
    assert dump(db) == before


def test_board_lists_every_expected_unit_before_any_import(office):
    """Before any import the board showed "0/0": the roster's units are there, "Chưa gửi" once the day passed."""
    db, _ = office
    for name in ("UBND phường Mạo Khê", "UBND phường Kim Sơn", "UBND xã Bình Khê"):
        roster.add(db, 2025, name, "Lan", now=NOW)
    b = district.board(db, _plan_id(db), 20, date(2025, 3, 25))
    rows = b.month(MARCH)
    assert [r.unit.name for r in rows] == ["UBND phường Kim Sơn", "UBND phường Mạo Khê", "UBND xã Bình Khê"]
    assert {r.cell.state for r in rows} == {district.MISSING} and b.sent(MARCH) == (0, 3)
    assert rows[0].due == date(2025, 3, 20) and rows[0].late_text() == "Quá hạn"
    assert {r.cell.state for r in b.month(Period(2025, 4))} == {district.NOT_DUE}
    assert b.month(Period(2024, 3)) == [] and b.sent(Period(2024, 3)) == (0, 0)  # another year's month: not this board


def test_board_month_says_sent_received_and_due(office, mao_khe, kim_son, tmp_path):
    db, store = office
    roster.add(db, 2025, "UBND xã Bình Khê", "Lan", now=NOW)
    district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path],
                             now=datetime.fromisoformat("2025-03-18T10:00:00+07:00"))
    district.import_packages(db, store, [kim_son.export(tmp_path / "usb").path], now=NOW)
    rows = {r.unit.name: r for r in district.board(db, _plan_id(db), 20, date(2025, 3, 26)).month(MARCH)}
    assert set(rows) == {"UBND phường Mạo Khê", "UBND phường Kim Sơn", "UBND xã Bình Khê"}
    assert rows["UBND phường Mạo Khê"].cell.state == district.ON_TIME and not rows["UBND phường Mạo Khê"].late
    assert rows["UBND phường Mạo Khê"].received_on == "18/03/2025" and rows["UBND phường Mạo Khê"].sent_on
    assert rows["UBND phường Kim Sơn"].late_text() == "Muộn 5 ngày"
    assert rows["UBND xã Bình Khê"].cell.state == district.MISSING and rows["UBND xã Bình Khê"].sent_on == ""


def test_a_unit_retired_from_the_roster_is_held_then_accepted_back(office, mao_khe, tmp_path):
    db, store = office
    _hold(db)
    roster.add(db, 2025, "UBND phường Mạo Khê", "Lan", now=NOW)
    roster.retire(db, 2025, "UBND phường Mạo Khê", "Lan", "sáp nhập", now=NOW)
    [outcome] = district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path], now=NOW)
    assert outcome.held and "không có trong danh sách đơn vị năm 2025" in outcome.message
    b = district.board(db, _plan_id(db), 20, date(2025, 3, 26))
    assert b.units == [] and b.sent(MARCH) == (0, 0)
    [held] = district_review.held_packages(db)
    assert district_review.accept_held(db, store, held.id, "Lan", now=NOW).accepted
    assert _names(roster.roster(db, 2025)) == ["UBND phường Mạo Khê"]
    assert roster.history(db, 2025)[-1].detail == "nhận gói chờ duyệt"
    assert district.board(db, _plan_id(db), 20, date(2025, 3, 26)).sent(MARCH) == (1, 1)


def test_a_package_sent_under_a_renamed_units_old_name_counts_for_it(office, mao_khe, tmp_path):
    db, store = office
    _hold(db)
    roster.add(db, 2025, "UBND phường Mạo Khê", "Lan", now=NOW)
    roster.rename(db, 2025, "UBND phường Mạo Khê", "UBND phường Mạo Khê mới", "Lan", now=NOW)
    [outcome] = district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path], now=NOW)
    assert outcome.accepted, outcome.message
    rows = district.board(db, _plan_id(db), 20, date(2025, 3, 26)).month(MARCH)
    assert [(r.unit.name, r.cell.revision) for r in rows] == [("UBND phường Mạo Khê mới", 1)]
