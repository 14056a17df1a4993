"""Issue 18: the office trusts nothing a package says. Figures and dates bounded where they enter, each package of
a batch on its own, revisions in order, on time by the office's clock, assessments recomputed, unknown units held,
received packages withdrawn."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from dti_desktop.domain.package import PackageFormatError, read_data
from dti_desktop.domain.periods import Period
from dti_desktop.domain.progress import Assessment, MeasureValue, Status
from dti_desktop.io.package_reader import verify_package
from dti_desktop.services import district, packages, workspace
from dti_desktop.storage import received_store
from tests.conftest import dump
from tests.io.test_package_refusals import edit_manifest, members, rebuild, refused, snapshot
from tests.unit_db import AREA, MARCH, UnitDb

UNIT_NOW = "2025-03-15T09:00:00+07:00"  # the units' clock: every package of these tests is made then
OFFICE_NOW = datetime.fromisoformat("2025-03-18T10:00:00+07:00")  # the office's clock for most tests: before the 20th


@pytest.fixture(autouse=True)
def _units_clock(monkeypatch):
    monkeypatch.setattr(packages, "now_iso", lambda: UNIT_NOW)


def _files(store: Path) -> list[str]:
    return sorted(p.name for p in store.rglob("*") if p.is_file())


def _review():
    """The office's decisions (imported where used: the tests of the findings run, and fail, on the code before)."""
    from dti_desktop.services import district_review

    return district_review


def _hold_unknown_units(db) -> None:
    from dti_desktop.domain.settings import HOLD_NEW_UNITS

    _set(db, new_units=HOLD_NEW_UNITS)


def _set(db, **settings) -> None:
    ctx = workspace.context(db)
    workspace.update_settings(db, replace(ctx.settings, **settings))


def _package(tmp_path: Path, name: str, values: dict, *, evidence: bytes | None = None, **fields) -> Path:
    unit = UnitDb(tmp_path / name.split()[-1], name)
    files = []
    if evidence is not None:
        files = [tmp_path / f"{name.split()[-1]}.pdf"]
        files[0].write_bytes(evidence)
    unit.record("6", values, files=files, **fields)
    path = unit.export(tmp_path / "usb").path
    unit.db.close()
    return path


def _with_value(path: Path, out: Path, code: str, **value) -> Path:
    """The package with one figure of target `code` changed (the manifest's hashes made to match)."""
    content = members(path)
    data = json.loads(content["data.json"])
    entry = next(e for e in data["entries"] if e["code"] == code)
    entry["values"][0].update(value)
    content["data.json"] = json.dumps(data).encode()
    return rebuild(path, out, content)


@pytest.fixture
def kim_son_pkg(tmp_path) -> Path:
    return _package(tmp_path, "UBND phường Kim Sơn", {0: "81"}, evidence=b"%PDF kim son")


# -- 1. figures the office's arithmetic, printing and Qt can hold ----------------------------------------------------
@pytest.mark.parametrize("value", [
    {"numerator": 1e12, "denominator": 1e-300, "value": None},  # an infinite share
    {"value": 1e13},
    {"value": -5},
    {"value": float("inf")},  # JSON's Infinity, which Python reads
    {"numerator": 5, "denominator": 0.0},
])
@pytest.mark.reliability("Gói báo cáo: số vô hạn, âm, quá lớn, mẫu số 0 hoặc tỷ lệ vô hạn (1e12/1e-300)",
                         "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_a_figure_past_what_the_office_holds_is_refused(office, kim_son_pkg, tmp_path, value):
    """1e12/1e-300 passed the reader's limits; its infinite share then stopped the export, `package verify`, every
    later batch holding that unit's r2, and the window (a segmentation fault)."""
    bad = _with_value(kim_son_pkg, tmp_path / "so.dtipkg", "6", **value)
    message = refused(office, bad, tmp_path)
    assert "giá trị số không hợp lệ" in message or "mẫu số" in message
    data = json.loads(members(bad)["data.json"])
    for strict in (False, True):  # the one-sweep reader and the field-by-field one agree
        with pytest.raises(PackageFormatError):
            read_data(data, strict=strict)


def test_package_verify_refuses_an_infinite_share_instead_of_crashing(kim_son_pkg, tmp_path):
    from tests.test_cli import run

    bad = _with_value(kim_son_pkg, tmp_path / "vo-han.dtipkg", "6", numerator=1e12, denominator=1e-300, value=None)
    result = run("package", "verify", str(bad))
    assert result.returncode == 1 and result.stderr.startswith("Gói bị từ chối: vo-han.dtipkg:"), result.stderr
    assert "Traceback" not in result.stderr


def test_the_unit_cannot_type_a_figure_the_office_would_refuse():
    """Bounded where they enter: the unit is stopped when saving, not its month locked with a package refused."""
    from dti_desktop.domain.goals import parse_goal
    from dti_desktop.domain.validation import read_measure_input

    percent, count = parse_goal("90%").measures[0], parse_goal("1000 điểm").measures[0]
    assert read_measure_input(count, "10000000000000")[1] == "Số quá lớn hoặc không hợp lệ (tối đa 1.000.000.000.000)."
    assert "tỷ lệ tính ra quá lớn" in read_measure_input(percent, "1000000000/0,0000000001")[1]
    assert read_measure_input(count, "999999999999")[1] is None


def _store_as_an_older_version_did(db, path: Path, revision: int, entry_values: dict) -> None:
    """A package with an infinite share, stored without today's bounds (an office database of an earlier version)."""
    pkg = verify_package(path)
    plan_id = workspace.context(db).plan.id
    codes = dict(db.execute("SELECT code, id FROM target WHERE plan_id = ?", [plan_id]).fetchall())
    unit_id = db.execute("SELECT id FROM unit WHERE name = ?", [pkg.manifest.unit]).fetchone()[0]
    entry = replace(pkg.data.entries[0], values=entry_values)
    with db.atomic():
        received_store.store_package(db, unit_id, plan_id, replace(pkg.manifest, revision=revision,
                                                                   reopen_reason="Sửa số liệu" if revision > 1 else ""),
                                     "f" * 64, "cu.dtipkg", [(codes[entry.code], entry)],
                                     received_store.current(db, unit_id, plan_id, "2025-03"))


def test_an_office_holding_an_infinite_share_from_before_keeps_working_and_withdraws_it(office, tmp_path):
    """Stored by an earlier version, the package stopped the export (OverflowError) and aborted any later batch
    holding that unit's r2, other units' packages with it. No command removed it."""
    from dti_desktop.domain.units import Unit, UnitKind
    from dti_desktop.storage.unit_store import add_unit

    db, store = office
    add_unit(db, Unit("UBND phường Kim Sơn", UnitKind.PHUONG, AREA))
    kim = UnitDb(tmp_path / "kim", "UBND phường Kim Sơn")
    kim.record("6", {0: "81"})
    r1 = kim.export(tmp_path / "usb").path
    _store_as_an_older_version_did(db, r1, 1, {0: MeasureValue(None, 1e12, 1e-300)})
    plan_id = workspace.context(db).plan.id
    district.export_consolidated(db, plan_id, MARCH, tmp_path / "th.xlsx")  # no OverflowError
    packages.reopen_period(kim.db, MARCH, "Sửa số liệu")
    kim.record("6", {0: "85"})
    r2 = kim.export(tmp_path / "usb2").path
    kim.db.close()
    mao = _package(tmp_path, "UBND phường Mạo Khê", {0: "92"})
    outcomes = district.import_packages(db, store, [r2, mao], now=OFFICE_NOW)
    assert [o.verdict for o in outcomes] == [district.ACCEPTED, district.ACCEPTED], [o.message for o in outcomes]
    assert ("6", "Kết quả", "1.000.000.000.000/0 (không xác định%)", "85") in outcomes[0].changes
    current = _review().find_received(db, "UBND phường Kim Sơn", MARCH)
    message = _review().withdraw(db, current.id, "Đơn vị báo nhầm, chờ gửi lại", "Cán bộ tổng hợp")
    assert message.startswith("Đã rút gói r2 của UBND phường Kim Sơn tháng 03/2025")
    old = _review().find_received(db, "UBND phường Kim Sơn", MARCH)  # the bad r1 counts again: withdrawn too
    assert old.file_name == "cu.dtipkg"
    _review().withdraw(db, old.id, "Tỷ lệ vô hạn, do phiên bản cũ nhận", "Cán bộ tổng hợp")
    t6 = next(t for t in district.consolidated(db, plan_id, MARCH) if t.code == "6")
    assert dict(t6.lines)["UBND phường Kim Sơn"].entry is None
    district.export_consolidated(db, plan_id, MARCH, tmp_path / "th.xlsx")


def test_the_window_shows_a_target_holding_an_infinite_share_from_before(office, tmp_path, qtbot):
    """Picking the target in "Tổng hợp" crashed the window (segmentation fault)."""
    from dti_desktop.ui.district_tab import DistrictTab

    db, store = office
    kim = UnitDb(tmp_path / "kim", "UBND phường Kim Sơn")
    kim.record("9", {0: "100", 1: "45/50"})
    r1 = kim.export(tmp_path / "usb").path
    kim.db.close()
    assert district.import_packages(db, store, [r1], now=OFFICE_NOW)[0].accepted
    _store_as_an_older_version_did(db, r1, 2, {0: MeasureValue(100.0), 1: MeasureValue(None, 1e12, 1e-300)})
    tab = DistrictTab(db, tmp_path / "office" / "dti.sqlite3", store, date(2025, 4, 25))
    qtbot.addWidget(tab)
    tab.refresh(MARCH)
    qtbot.waitUntil(lambda: tab.consolidation_loaded, timeout=20000)  # every target × unit: read off the GUI thread
    tab.target_combo.setCurrentIndex(next(i for i, t in enumerate(tab.targets) if t.code == "9"))
    cells = [tab.target_model.index(0, c).data() for c in range(4)]
    assert cells[0] == "UBND phường Kim Sơn" and "không xác định" in cells[1]


# -- 2. each package of a batch succeeds or fails alone --------------------------------------------------------------
@pytest.mark.parametrize("created", ["1999-12-31T08:00:00+07:00", "2101-01-01T08:00:00+07:00",
                                     "9999-12-31T08:00:00+07:00"])
@pytest.mark.reliability("Gói báo cáo: ngày lập năm 1999, 2101, 9999 giữa một lô gói",
                         "Chỉ gói đó bị từ chối, nêu tên tệp; các gói khác vẫn được nhận")
def test_a_date_out_of_range_refuses_its_package_not_the_batch(office, kim_son_pkg, tmp_path, created):
    """The error escaped the import: the batch rolled back, the message ("Kỳ báo cáo không hợp lệ: 1999-12") named
    no file, and the good packages' evidence files were left in the store."""
    db, store = office
    mao = _package(tmp_path, "UBND phường Mạo Khê", {0: "92"}, evidence=b"%PDF mao khe")
    bad = rebuild(kim_son_pkg, tmp_path / "usb" / "zz-ngay.dtipkg",
                  edit_manifest(members(kim_son_pkg), created_at=created))
    outcomes = district.import_packages(db, store, [mao, bad], now=OFFICE_NOW)
    assert [o.verdict for o in outcomes] == [district.ACCEPTED, district.REFUSED]
    assert outcomes[1].file == bad and "created_at" in outcomes[1].message
    assert len(_files(store)) == 1  # Mạo Khê's evidence only


@pytest.mark.reliability("Gói báo cáo: lỗi bất ngờ khi nhập một gói của lô (giả lập)",
                         "Chỉ gói đó bị từ chối, nêu tên tệp, không để lại tệp; các gói khác vẫn được nhận")
def test_a_package_that_makes_the_import_fail_is_refused_alone_and_leaves_no_file(office, kim_son_pkg, tmp_path,
                                                                                  monkeypatch):
    db, store = office
    mao = _package(tmp_path, "UBND phường Mạo Khê", {0: "92"}, evidence=b"%PDF mao khe")
    real = district.extract_evidence

    def fails_for_kim_son(pkg, *args):
        real(pkg, *args)  # its evidence is copied, then something no check foresaw goes wrong
        if "Kim Sơn" in pkg.manifest.unit:
            raise RuntimeError("lỗi lập trình giả lập")

    monkeypatch.setattr(district, "extract_evidence", fails_for_kim_son)
    outcomes = district.import_packages(db, store, [kim_son_pkg, mao], now=OFFICE_NOW)
    assert [o.verdict for o in outcomes] == [district.REFUSED, district.ACCEPTED]
    assert outcomes[0].file == kim_son_pkg and "RuntimeError" in outcomes[0].message
    assert len(_files(store)) == 1 and received_store.by_sha(db, verify_package(kim_son_pkg).sha256) is None


@pytest.mark.reliability("Lô gói báo cáo dừng giữa chừng (CSDL đầy, giả lập)",
                         "Cả lô không được ghi; không để lại tệp minh chứng của các gói đã nhận trong lô")
def test_a_batch_stopped_by_the_environment_leaves_no_evidence_behind(office, kim_son_pkg, tmp_path, monkeypatch):
    import sqlite3

    from dti_desktop.storage.errors import StorageError

    db, store = office
    mao = _package(tmp_path, "UBND phường Mạo Khê", {0: "92"}, evidence=b"%PDF mao khe")
    before = dump(db)
    real = received_store.store_package

    def full(db, unit_id, plan_id, manifest, *args):
        if "Kim Sơn" in manifest.unit:
            raise sqlite3.OperationalError("database or disk is full")
        return real(db, unit_id, plan_id, manifest, *args)

    monkeypatch.setattr(received_store, "store_package", full)
    with pytest.raises(StorageError, match="ổ đĩa đã đầy"):
        district.import_packages(db, store, [mao, kim_son_pkg], now=OFFICE_NOW)
    assert dump(db) == before and _files(store) == []


# -- 3. revisions in order, times by the office's clock --------------------------------------------------------------
@pytest.mark.reliability("Gói báo cáo: lần gửi giả “r999” của một đơn vị đã biết",
                         "Từ chối (không nối tiếp lần gửi đã nhận); gói thật r1 vẫn được nhận")
def test_a_forged_r999_does_not_make_the_real_package_older(office, kim_son_pkg, tmp_path):
    """A forged "r999" made every real Kim Sơn package for the month "cũ hơn", for good."""
    db, store = office
    february = _package(tmp_path / "feb", "UBND phường Kim Sơn", {})  # Kim Sơn is known: it sent before
    assert february
    from dti_desktop.domain.units import Unit, UnitKind
    from dti_desktop.storage.unit_store import add_unit

    add_unit(db, Unit("UBND phường Kim Sơn", UnitKind.PHUONG, AREA))
    forged = rebuild(kim_son_pkg, tmp_path / "r999.dtipkg",
                     edit_manifest(members(kim_son_pkg), revision=999, reopen_reason="Sửa"))
    first = district.import_packages(db, store, [forged], now=OFFICE_NOW)[0]
    assert not first.accepted and "không nối tiếp lần gửi đã nhận (chưa có lần gửi nào)" in first.message
    assert "cần nhập lần gửi r1 trước" in first.message
    assert district.import_packages(db, store, [kim_son_pkg], now=OFFICE_NOW)[0].accepted


def test_a_second_revision_needs_its_reason_and_a_stick_may_hold_it_before_the_first(office, mao_khe, tmp_path):
    db, store = office
    r1 = mao_khe.export(tmp_path / "usb").path
    packages.reopen_period(mao_khe.db, MARCH, "Bổ sung minh chứng")
    mao_khe.record("6", {0: "95"}, Status.HOAN_THANH, notes="Số liệu mới")
    r2 = mao_khe.export(tmp_path / "usb").path
    no_reason = rebuild(r2, tmp_path / "r2-khong-ly-do.dtipkg", edit_manifest(members(r2), reopen_reason=""))
    outcomes = district.import_packages(db, store, [r2, r1], now=OFFICE_NOW)  # "…_r10" sorts before "…_r2"
    assert [o.accepted for o in outcomes] == [True, True], [o.message for o in outcomes]
    assert received_store.current(db, *_unit_plan(db, "UBND phường Mạo Khê"), "2025-03").revision == 2
    assert not any(o.follows for o in outcomes)
    with_reason_missing = district.import_packages(db, store, [no_reason], now=OFFICE_NOW)[0]
    assert "r2" in with_reason_missing.message and not with_reason_missing.accepted


def _unit_plan(db, name: str) -> tuple[int, int]:
    unit_id = db.execute("SELECT id FROM unit WHERE name = ?", [name]).fetchone()[0]
    return unit_id, workspace.context(db).plan.id


@pytest.mark.reliability("Gói báo cáo: ngày lập ghi lùi để thành “Đúng hạn”",
                         "Muộn theo ngày cơ quan nhận; ngày đơn vị ghi hiện bên cạnh, có lưu ý")
def test_on_time_is_judged_by_when_the_office_received_it(office, mao_khe, tmp_path, monkeypatch):
    """A backdated created_at turned a late package into "Đúng hạn"."""
    db, store = office
    monkeypatch.setattr(packages, "now_iso", lambda: "2025-03-14T09:00:00+07:00")  # the unit's claim
    r1 = mao_khe.export(tmp_path / "usb").path
    received = datetime.fromisoformat("2025-03-25T15:00:00+07:00")  # the office's clock: after the 20th
    assert district.import_packages(db, store, [r1], now=received)[0].accepted
    board = district.board(db, workspace.context(db).plan.id, 20, date(2025, 4, 1))
    cell = board.cells[(board.units[0].id, "2025-03")]
    assert cell.state == district.LATE and cell.flagged
    assert cell.text() == "Muộn, lần gửi 1 (nhận 25/03/2025; đơn vị ghi lập 14/03/2025; lưu ý: nhận sau 11 ngày)"
    from dti_desktop.services.report_district import district_report

    said = [b.text for b in district_report(db, MARCH, date(2025, 4, 1)).body if hasattr(b, "text")]
    told = "ngày lập gói đơn vị ghi khác xa ngày nhận: UBND phường Mạo Khê (ghi lập 14/03/2025, nhận 25/03/2025)"
    assert any(told in t for t in said), said


@pytest.mark.parametrize("period, created, office_day, expected", [
    ("2025-06", "2025-06-05T08:00:00+07:00", "2025-04-01T08:00:00+07:00",
     "tháng 06/2025 chưa bắt đầu (hôm nay là 01/04/2025 theo đồng hồ của cơ quan tổng hợp)"),
    ("2025-03", "2025-03-28T08:00:00+07:00", "2025-03-25T08:00:00+07:00",
     "gói ghi lập lúc 28/03/2025 08:00, sau lúc cơ quan tổng hợp nhận (25/03/2025 08:00)"),
])
@pytest.mark.reliability("Gói báo cáo: tháng chưa bắt đầu hoặc ngày lập sau lúc nhận (theo đồng hồ cơ quan tổng hợp)",
                         "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_dates_are_checked_against_the_offices_clock(office, kim_son_pkg, tmp_path, period, created, office_day,
                                                     expected):
    """A package for 06/2027 was accepted in 2026: the month-not-begun check used the sender's date."""
    db, store = office
    bad = rebuild(kim_son_pkg, tmp_path / "tuong-lai.dtipkg",
                  edit_manifest(members(kim_son_pkg), period=period, created_at=created))
    before, files = dump(db), snapshot(tmp_path)
    outcome = district.import_packages(db, store, [bad], now=datetime.fromisoformat(office_day))[0]
    assert not outcome.accepted and expected in outcome.message, outcome.message
    assert dump(db) == before and snapshot(tmp_path) == files


# -- 4. the office's own assessment ----------------------------------------------------------------------------------
def test_the_office_recomputes_an_assessment_the_package_states(office, kim_son_pkg, tmp_path):
    """3 % against a 90 % goal marked "Đạt" was counted as reached: the office never recomputed the assessment."""
    from openpyxl import load_workbook

    db, store = office
    content = members(kim_son_pkg)
    data = json.loads(content["data.json"])
    entry = next(e for e in data["entries"] if e["code"] == "6")
    entry["values"][0]["value"], entry["assessment"], entry["status"] = 3, "dat", "hoan_thanh"
    content["data.json"] = json.dumps(data).encode()
    forged = rebuild(kim_son_pkg, tmp_path / "3-phan-tram.dtipkg", content)
    assert district.import_packages(db, store, [forged], now=OFFICE_NOW)[0].accepted
    plan_id = workspace.context(db).plan.id
    t6 = next(t for t in district.consolidated(db, plan_id, MARCH) if t.code == "6")
    (_, line), = t6.lines
    assert (t6.reached, line.counted) == (0, Assessment.KHONG_DAT)
    assert line.assessment_with_reason() == "Chưa đạt (tính lại; đơn vị ghi “Đạt”)"
    assert t6.state_text(*t6.lines[0]) == "3% (Hoàn thành; Chưa đạt – đơn vị ghi Đạt)"
    out = district.export_consolidated(db, plan_id, MARCH, tmp_path / "th.xlsx")
    row6 = next(r for r in load_workbook(out)["Tổng hợp"].iter_rows(min_row=5, values_only=True) if r[0] == "6")
    assert row6[5] == 0 and row6[7] == "3% (Hoàn thành; Chưa đạt – đơn vị ghi Đạt)"
    from dti_desktop.services.report_district import district_report

    said = [b.text for b in district_report(db, MARCH, date(2025, 3, 25)).body if hasattr(b, "text")]
    assert "+ Chỉ tiêu 6, UBND phường Kim Sơn: Chưa đạt (tính lại; đơn vị ghi “Đạt”)" in said


def test_a_units_own_assessment_is_shown_with_its_reason_and_counted_as_the_office_decides(office, tmp_path):
    db, store = office
    path = _package(tmp_path, "UBND phường Kim Sơn", {0: "85"}, status=Status.HOAN_THANH,
                    assessment=Assessment.DAT, assessment_auto=False, override_reason="Cổng DVC tính thiếu hồ sơ")
    assert district.import_packages(db, store, [path], now=OFFICE_NOW)[0].accepted
    plan_id = workspace.context(db).plan.id

    def line():
        t6 = next(t for t in district.consolidated(db, plan_id, MARCH) if t.code == "6")
        return t6.reached, t6.lines[0][1].assessment_with_reason()

    # by default a unit may lower its count, never raise it: Đạt only when the office's recomputation agrees
    assert line() == (0, "Chưa đạt (tính lại; đơn vị tự đánh giá “Đạt”: Cổng DVC tính thiếu hồ sơ)")
    from dti_desktop.cli import main

    office_db = str(tmp_path / "office" / "dti.sqlite3")
    assert main(["settings", "set", "--overrides", "theo_don_vi", "--db", office_db]) == 0
    assert line() == (1, "Đạt (đơn vị tự đánh giá: Cổng DVC tính thiếu hồ sơ; tính lại: Chưa đạt)")
    assert main(["settings", "set", "--overrides", "tuy_y", "--db", office_db]) == 1
    assert workspace.context(db).settings.unit_overrides == "theo_don_vi"


def test_a_unit_lowering_its_own_assessment_is_counted_as_it_says_by_default(office, tmp_path):
    db, store = office
    path = _package(tmp_path, "UBND phường Kim Sơn", {0: "95"}, status=Status.HOAN_THANH,
                    assessment=Assessment.KHONG_DAT, assessment_auto=False, override_reason="Số liệu tháng chưa đủ")
    assert district.import_packages(db, store, [path], now=OFFICE_NOW)[0].accepted
    plan_id = workspace.context(db).plan.id
    t6 = next(t for t in district.consolidated(db, plan_id, MARCH) if t.code == "6")
    line = t6.lines[0][1]
    assert (t6.reached, line.counted, line.recomputed) == (0, Assessment.KHONG_DAT, Assessment.DAT)
    assert line.assessment_with_reason() == "Chưa đạt (đơn vị tự đánh giá: Số liệu tháng chưa đủ; tính lại: Đạt)"
    _set(db, unit_overrides="tinh_lai")
    t6 = next(t for t in district.consolidated(db, plan_id, MARCH) if t.code == "6")
    assert t6.reached == 1 and t6.lines[0][1].assessment_with_reason() == \
        "Đạt (tính lại; đơn vị tự đánh giá “Chưa đạt”: Số liệu tháng chưa đủ)"


# -- 5. the roster: a unit the office does not know is held ----------------------------------------------------------
@pytest.mark.reliability("Gói báo cáo: đơn vị lạ trong địa bàn (chưa có trong danh sách)",
                         "Giữ lại chờ duyệt, không vào tổng hợp; cơ quan nhận hoặc từ chối, có ghi lại")
def test_a_package_from_a_unit_the_office_does_not_know_is_held_until_it_decides(office, kim_son_pkg, tmp_path):
    """Any unit name was accepted for the office's area and added to its board and reports."""
    db, store = office
    _hold_unknown_units(db)
    received = datetime.fromisoformat("2025-03-19T08:00:00+07:00")
    fake = rebuild(kim_son_pkg, tmp_path / "gia.dtipkg", edit_manifest(members(kim_son_pkg), unit="UBND phường Ma"))
    outcomes = district.import_packages(db, store, [kim_son_pkg, fake], now=received)
    assert [o.verdict for o in outcomes] == [district.HELD, district.HELD]
    assert district.import_summary(outcomes) == ("Đã nhận 0 gói, giữ lại 2 gói chờ duyệt (đơn vị chưa có trong danh "
                                                 "sách), từ chối 0 gói.")
    plan_id = workspace.context(db).plan.id
    assert district.board(db, plan_id, 20, date(2025, 4, 1)).units == [] and _files(store) == []
    held = _review().held_packages(db)
    assert [(h.unit, h.revision, h.decision) for h in held] == [("UBND phường Kim Sơn", 1, None),
                                                                ("UBND phường Ma", 1, None)]
    from dti_desktop.storage import held_store

    assert all(held_store.held_path(store, h.package_sha256).is_file() for h in held)
    assert district.import_packages(db, store, [fake], now=received)[0].already  # not held twice
    later = datetime.fromisoformat("2025-03-27T08:00:00+07:00")
    outcome = _review().accept_held(db, store, held[0].id, "Cán bộ tổng hợp", now=later)
    assert outcome.accepted, outcome.message
    board = district.board(db, plan_id, 20, date(2025, 4, 1))
    cell = board.cells[(board.units[0].id, "2025-03")]
    assert [u.name for u in board.units] == ["UBND phường Kim Sơn"] and cell.state == district.ON_TIME  # held 19/03
    assert not held_store.held_path(store, held[0].package_sha256).exists() and len(_files(store)) == 1
    assert "Đã từ chối gói gia.dtipkg" in _review().refuse_held(db, store, held[1].id, "Không có đơn vị này",
                                                                       "Cán bộ tổng hợp", now=later)
    kept = _review().held_packages(db, decided=True)
    assert [(h.status, h.decided_by, h.decision_note) for h in kept] == [
        ("Đã nhận", "Cán bộ tổng hợp", ""), ("Đã từ chối", "Cán bộ tổng hợp", "Không có đơn vị này")]
    assert not (store.parent / "held").exists() or list((store.parent / "held").iterdir()) == []
    again = district.import_packages(db, store, [fake], now=later)[0]
    assert again.already and "đã được đã từ chối" not in again.message and "từ chối" in again.message


def test_the_command_line_lists_accepts_and_refuses_held_packages(office, kim_son_pkg, tmp_path):
    from tests.test_cli import run

    db, store = office
    _hold_unknown_units(db)
    fake = rebuild(kim_son_pkg, tmp_path / "gia.dtipkg", edit_manifest(members(kim_son_pkg), unit="UBND phường Ma"))
    office_db = tmp_path / "office" / "dti.sqlite3"
    imported = run("district", "import", str(kim_son_pkg), str(fake), db=office_db)
    assert imported.returncode == 0, imported.stdout + imported.stderr  # held is no failure
    assert "[CHỜ DUYỆT] UBND-phuong-Kim-Son_2025-03_r1.dtipkg: đơn vị “UBND phường Kim Sơn” chưa có" in imported.stdout
    listed = run("district", "held", db=office_db)
    assert ("   1. UBND-phuong-Kim-Son_2025-03_r1.dtipkg: UBND phường Kim Sơn (thành phố Đông Triều), tháng 03/2025, "
            "r1") in listed.stdout
    accepted = run("district", "accept", "1", db=office_db)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert accepted.stdout.startswith("[NHẬN] UBND-phuong-Kim-Son_2025-03_r1.dtipkg: đã nhận 1 kết quả")
    no_reason = run("district", "refuse", "2", db=office_db)
    assert no_reason.returncode == 2  # --reason is required
    refused_ = run("district", "refuse", "2", "--reason", "Không có đơn vị này", db=office_db)
    assert refused_.returncode == 0 and "Đã từ chối gói gia.dtipkg" in refused_.stdout
    twice = run("district", "refuse", "2", "--reason", "Lại", db=office_db)
    assert twice.returncode == 1 and "đã được quyết định" in twice.stderr
    assert run("district", "held", db=office_db).stdout.strip() == "Không có gói nào chờ duyệt."


# -- 6. withdrawing a received package -------------------------------------------------------------------------------
def test_the_office_withdraws_a_package_kept_in_history_out_of_the_consolidation(office, mao_khe, tmp_path):
    from tests.test_cli import run

    db, store = office
    r1 = mao_khe.export(tmp_path / "usb").path
    packages.reopen_period(mao_khe.db, MARCH, "Bổ sung")
    mao_khe.record("6", {0: "95"}, Status.HOAN_THANH, notes="Số liệu mới")
    r2 = mao_khe.export(tmp_path / "usb").path
    assert all(o.accepted for o in district.import_packages(db, store, [r1, r2], now=OFFICE_NOW))
    office_db = tmp_path / "office" / "dti.sqlite3"
    result = run("district", "withdraw", "--unit", "ubnd phường mạo khê", "--period", "2025-03", "--reason",
                 "Gói gửi nhầm số liệu", db=office_db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Đã rút gói r2 của UBND phường Mạo Khê tháng 03/2025")
    plan_id = workspace.context(db).plan.id
    t6 = next(t for t in district.consolidated(db, plan_id, MARCH) if t.code == "6")
    assert [line.result_text() for _, line in t6.lines] == ["92,5%"]  # r1 counts again
    history = received_store.packages(db, plan_id, withdrawn=True)
    assert [(p.revision, p.withdraw_reason) for p in history] == [(1, ""), (2, "Gói gửi nhầm số liệu")]
    cell = district.board(db, plan_id, 20, date(2025, 4, 1)).cells
    assert "đã rút 1 gói" in next(iter(c for c in cell.values() if c.revision)).text()
    twice = run("district", "withdraw", "--unit", "UBND phường Mạo Khê", "--period", "2025-03", "--revision", "2",
                "--reason", "x", db=office_db)
    assert twice.returncode == 1 and "Không có gói lần gửi r2" in twice.stderr
    again = district.import_packages(db, store, [r2], now=OFFICE_NOW)[0]
    assert again.already and "đã bị rút" in again.message  # the same bytes are not taken back silently
    no_reason = run("district", "withdraw", "--unit", "UBND phường Mạo Khê", "--period", "2025-03", "--reason", " ",
                    db=office_db)
    assert no_reason.returncode == 1 and "Cần ghi lý do rút gói" in no_reason.stderr


# -- 7. storage amplification ----------------------------------------------------------------------------------------
@pytest.mark.reliability("Gói báo cáo: tệp minh chứng không thuộc kết quả nào (khuếch đại lưu trữ)",
                         "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_evidence_no_entry_refers_to_is_refused(office, kim_son_pkg, tmp_path):
    """60 MB from a 441 KB package, just under the bomb ratio, was stored at the office, shown nowhere and never
    removable."""
    import hashlib

    stray = os.urandom(64 * 1024)
    content = {**members(kim_son_pkg), f"evidence/{hashlib.sha256(stray).hexdigest()}": stray}
    bad = rebuild(kim_son_pkg, tmp_path / "thua.dtipkg", content)
    message = refused(office, bad, tmp_path)
    assert "tệp minh chứng" in message and "không thuộc" in message


def test_a_package_sent_under_a_name_merged_into_a_unit_is_withdrawn_by_the_units_name(office, tmp_path):
    from dti_desktop.domain.units import Unit, UnitKind
    from dti_desktop.storage.unit_store import add_unit

    db, store = office
    typo = _package(tmp_path, "UBND phường Mạo Khe", {0: "92"})
    assert district.import_packages(db, store, [typo], now=OFFICE_NOW)[0].accepted
    kept = add_unit(db, Unit("UBND phường Mạo Khê", UnitKind.PHUONG, AREA))
    old = db.execute("SELECT id FROM unit WHERE name = 'UBND phường Mạo Khe'").fetchone()[0]
    district.merge_units(db, old, kept.id)
    package = _review().find_received(db, "ubnd phường mạo khê", MARCH)
    assert package.unit == "UBND phường Mạo Khe"
    _review().withdraw(db, package.id, "Gửi thử", "Cán bộ tổng hợp")
    t6 = next(t for t in district.consolidated(db, workspace.context(db).plan.id, MARCH) if t.code == "6")
    assert [line.entry for _, line in t6.lines] == [None]


@pytest.mark.reliability("Gói chờ duyệt khi sao lưu và khôi phục",
                         "Tệp gói chờ duyệt nằm trong bản sao lưu và được đặt lại khi khôi phục")
def test_a_held_package_is_in_the_backups_and_comes_back_with_a_restore(office, kim_son_pkg, tmp_path):
    """Only its file lets a held package be accepted; backups held the database and the evidence, not that file."""
    from dti_desktop.services import backups
    from dti_desktop.storage import held_store

    db, store = office
    _hold_unknown_units(db)
    received = datetime.fromisoformat("2025-03-19T08:00:00+07:00")
    assert district.import_packages(db, store, [kim_son_pkg], now=received)[0].verdict == district.HELD
    held = _review().held_packages(db)[0]
    waiting = held_store.held_path(store, held.package_sha256)
    db_path = store.parent / "dti.sqlite3"
    backup = backups.create_backup(db_path)
    assert (backup.folder / "held" / waiting.name).read_bytes() == waiting.read_bytes()
    waiting.unlink()  # lost (a cleaning tool, a disk error): the restore brings it back
    backups.restore_backup(db_path, backup.name)
    assert waiting.is_file()
    later = datetime.fromisoformat("2025-03-27T08:00:00+07:00")
    assert _review().accept_held(db, store, held.id, "Cán bộ tổng hợp", now=later).accepted
