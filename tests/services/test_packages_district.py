"""Two units export packages, a third database (the consolidating office) imports them."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from dti_desktop.domain.periods import Period
from dti_desktop.domain.progress import Status
from dti_desktop.io.package_reader import verify_package
from dti_desktop.services import district, packages, workspace
from dti_desktop.storage.errors import ConflictError
from dti_desktop.storage.received_store import packages as received
from dti_desktop.storage.submission_store import LockedError
from tests.conftest import dump
from tests.unit_db import MARCH


def test_export_package_contents(mao_khe, tmp_path):
    result = mao_khe.export(tmp_path / "out")
    assert result.path.name == "UBND-phuong-Mao-Khe_2025-03_r1.dtipkg" and result.revision == 1
    assert (result.entries, result.evidence_files) == (2, 1)
    with zipfile.ZipFile(result.path) as z:
        manifest = json.loads(z.read("manifest.json"))
        for name, info in manifest["members"].items():
            assert hashlib.sha256(z.read(name)).hexdigest() == info["sha256"]
        data = json.loads(z.read("data.json"))
        workbook = tmp_path / "bao-cao.xlsx"
        workbook.write_bytes(z.read("bao-cao.xlsx"))
    assert manifest["unit"] == "UBND phường Mạo Khê" and manifest["period"] == "2025-03"
    # the SHA-256 recorded for the submission, computed while writing, is the file's
    sent = packages.lock_state(mao_khe.db, mao_khe.ctx, MARCH)
    assert sent.package_sha256 == hashlib.sha256(result.path.read_bytes()).hexdigest()
    assert manifest["catalogue"]["plan_number"] == "36/KH-UBND"
    entry = next(e for e in data["entries"] if e["code"] == "9")
    assert entry["values"][1]["numerator"] == 45 and entry["history"]
    ws = load_workbook(workbook)["Báo cáo"]
    texts = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert "Kết quả thực hiện" in texts and "Đánh giá đạt/chưa đạt" in texts and "Đề xuất kiến nghị" in texts
    assert "92,5%" in texts  # a bare number beside a percentage goal reads as one
    # the unit's own word for a target without a result, as its PDF and window say it (it said "Chưa báo cáo")
    assert "Chưa có kết quả" in texts and "Chưa báo cáo" not in texts
    assert "Mục tiêu riêng của địa phương" in texts  # PL2.1 … under their own heading, not group IV's
    # laid out for printing: merged title lines, frozen header, header repeated on each A4 landscape page
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:J1", "A2:J2", "A3:J3"}
    assert ws["A1"].value == "UBND PHƯỜNG MẠO KHÊ" and ws["A1"].alignment.horizontal == "center"
    assert ws.freeze_panes == "C6" and ws.print_title_rows == "$5:$5" and ws.page_setup.orientation == "landscape"
    group = next(row for row in ws.iter_rows(min_row=6) if row[0].value == "I")
    assert group[1].font.b and group[1].fill.fgColor.rgb == "FFEDEDED" and group[9].border.right.style == "thin"
    body = next(row for row in ws.iter_rows(min_row=6) if row[0].value == "9")
    assert body[1].alignment.wrap_text and ws.row_dimensions[body[0].row].height >= 17
    assert verify_package(result.path).manifest.revision == 1


def test_export_locks_period_until_reopened(mao_khe, tmp_path):
    mao_khe.export(tmp_path / "out")
    with pytest.raises(LockedError, match="đã gửi"):
        mao_khe.record("6", {0: "95"})
    with pytest.raises(LockedError):
        mao_khe.export(tmp_path / "out")
    mao_khe.record("6", {0: "95"}, period=Period(2025, 4))  # another month is open
    packages.reopen_period(mao_khe.db, MARCH, "Sửa số liệu theo Cổng DVC")
    mao_khe.record("6", {0: "95"}, Status.HOAN_THANH, notes="Số liệu mới")
    second = mao_khe.export(tmp_path / "out")
    assert second.revision == 2 and second.path.name.endswith("_2025-03_r2.dtipkg")


def test_a_reopen_reason_longer_than_a_package_may_carry_is_refused_at_the_unit(mao_khe, tmp_path):
    """The reason travels in the next package; a longer one than the office accepts locked the month and was
    refused there."""
    mao_khe.export(tmp_path / "usb")
    before = dump(mao_khe.db)
    with pytest.raises(ConflictError, match="vượt giới hạn"):
        packages.reopen_period(mao_khe.db, MARCH, "x" * 20_001)
    assert dump(mao_khe.db) == before


def test_reopen_needs_reason(mao_khe, tmp_path):
    from dti_desktop.storage.errors import ConflictError

    mao_khe.export(tmp_path / "out")
    with pytest.raises(ConflictError, match="lý do"):
        packages.reopen_period(mao_khe.db, MARCH, "  ")


@pytest.mark.reliability("Xuất gói: hết chỗ đĩa giữa chừng (ENOSPC giả lập)", "Không có tệp mang tên thật, kỳ không bị khóa")
def test_cut_off_export_leaves_no_package_and_no_lock(mao_khe, tmp_path, monkeypatch):
    from dti_desktop.io import xlsx_report

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsx_report, "write_unit_report", boom)
    with pytest.raises(OSError):
        mao_khe.export(tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []
    assert packages.lock_state(mao_khe.db, mao_khe.ctx, MARCH) is None


@pytest.mark.reliability("Xuất gói: tệp minh chứng trong kho bị hỏng hoặc bị sửa ngoài chương trình",
                         "Từ chối gửi, nêu tên tệp và chỉ tiêu; không có gói, kỳ không bị khóa")
def test_damaged_stored_evidence_is_not_sent(mao_khe, tmp_path):
    from dti_desktop.storage.attachment_store import list_attachments, stored_path
    from dti_desktop.storage.errors import ConflictError

    row = next(r for r in workspace.rows(mao_khe.db, mao_khe.ctx, MARCH) if r.code == "6")
    stored = stored_path(mao_khe.store, list_attachments(mao_khe.db, row.entry.id)[0].sha256)
    stored.chmod(0o644)
    stored.write_bytes(b"%PDF-1.4 noi dung khac")
    with pytest.raises(ConflictError, match="“Biên bản kiểm tra.pdf” của chỉ tiêu 6 .* bị hỏng"):
        mao_khe.export(tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []
    assert packages.lock_state(mao_khe.db, mao_khe.ctx, MARCH) is None


def test_district_imports_two_units_board_and_workbook(mao_khe, kim_son, office, tmp_path):
    db, store = office
    mao_khe.export(tmp_path / "usb")
    kim_son.export(tmp_path / "usb")
    outcomes = district.import_packages(db, store, [tmp_path / "usb"])
    assert [o.accepted for o in outcomes] == [True, True], [o.message for o in outcomes]
    plan_id = workspace.context(db).plan.id
    board = district.board(db, plan_id, 20, date(2025, 4, 30))
    names = [u.name for u in board.units]
    assert names == ["UBND phường Kim Sơn", "UBND phường Mạo Khê"]
    assert board.cells[(board.units[0].id, "2025-02")].state == district.MISSING
    march = board.cells[(board.units[1].id, "2025-03")]
    assert march.revision == 1 and march.state in (district.ON_TIME, district.LATE)
    assert board.cells[(board.units[1].id, "2025-12")].state == district.NOT_DUE
    t6 = next(t for t in district.consolidated(db, plan_id, MARCH) if t.code == "6")
    assert (t6.reporting, t6.reached) == (2, 1) and t6.share == 50
    assert [line.result_text() for _, line in t6.lines] == ["81%", "92,5%"]
    stored = [p for p in store.rglob("*") if p.is_file()]
    assert len(stored) == 1 and stored[0].read_bytes().startswith(b"%PDF-1.4 bien ban")
    out = district.export_consolidated(db, plan_id, MARCH, tmp_path / "tong-hop.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Tổng hợp", "Chi tiết", "Tình hình gửi"]
    summary = [[c.value for c in row] for row in wb["Tổng hợp"].iter_rows(min_row=5)]
    assert summary[0][7:] == ["UBND phường Kim Sơn", "UBND phường Mạo Khê"]
    row6 = next(r for r in summary if r[0] == "6")
    assert row6[3:7] == [2, 2, 1, 50] and row6[7] == "81% (Đang triển khai; Chưa đạt)"
    assert row6[8] == "92,5% (Hoàn thành; Đạt)"


def test_a_unit_that_sent_on_time_stays_on_time_after_a_later_correction(mao_khe, office, tmp_path, monkeypatch):
    """r1 on 15/03 (due 20/03), r2 on 25/03: the board said "Muộn r2" and nothing showed r1 had been on time."""
    from datetime import datetime, timedelta

    db, store = office
    for made in ("2025-03-15T09:00:00+07:00", "2025-03-25T09:00:00+07:00"):
        monkeypatch.setattr(packages, "now_iso", lambda made=made: made)
        if made.startswith("2025-03-25"):
            packages.reopen_period(mao_khe.db, MARCH, "Bổ sung minh chứng")
        received = datetime.fromisoformat(made) + timedelta(hours=2)  # the office's clock, the same day
        assert district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path], now=received)[0].accepted
    board = district.board(db, workspace.context(db).plan.id, 20, date(2025, 4, 1))
    cell = board.cells[(board.units[0].id, "2025-03")]
    assert (cell.state, cell.revision, cell.superseded) == (district.ON_TIME, 2, 1)
    assert cell.text().startswith("Đúng hạn, lần gửi 2") and "thay 1 lần trước" in cell.text()


def test_the_consolidated_workbook_is_headed_by_the_office_not_where_it_sends(mao_khe, office, tmp_path):
    from dataclasses import replace

    db, store = office
    ctx = workspace.context(db)
    workspace.update_settings(db, replace(ctx.settings, consolidating_office="UBND thành phố Đông Triều"))
    district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path])
    out = district.export_consolidated(db, ctx.plan.id, MARCH, tmp_path / "tong-hop.xlsx")
    assert load_workbook(out)["Tổng hợp"]["A1"].value == "PHÒNG VĂN HÓA VÀ THÔNG TIN"


def test_the_consolidated_workbook_names_its_area_once(mao_khe, office, tmp_path):
    """The subtitle said "(Theo Kế hoạch số 36/KH-UBND … của UBND thành phố Đông Triều; thành phố Đông Triều)"."""
    db, store = office
    district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path])
    out = district.export_consolidated(db, workspace.context(db).plan.id, MARCH, tmp_path / "tong-hop.xlsx")
    for sheet in load_workbook(out):
        assert sheet["A3"].value == "(Theo Kế hoạch số 36/KH-UBND ngày 06/02/2025 của UBND thành phố Đông Triều)"
        assert sheet.oddFooter.center.text == "Trang &P/&N"


def test_a_plan_of_another_body_is_followed_by_the_area():
    assert district.consolidated_subtitle("Kế hoạch số 12/KH-UBND ngày 01/02/2025 của UBND tỉnh Quảng Ninh",
                                          "TP. Đông Triều") == \
        "(Theo Kế hoạch số 12/KH-UBND ngày 01/02/2025 của UBND tỉnh Quảng Ninh; các đơn vị trên địa bàn TP. Đông Triều)"
    assert district.consolidated_subtitle("Kế hoạch số 36/KH-UBND của UBND thành phố Đông Triều", "TP. Đông Triều") \
        == "(Theo Kế hoạch số 36/KH-UBND của UBND thành phố Đông Triều)"


@pytest.mark.reliability("Gói báo cáo: nhập lại gói đã nhập", "Bỏ qua, báo “Đã có” (không phải từ chối); CSDL không đổi")
def test_nothing_imported_twice(mao_khe, office, tmp_path):
    """A package imported again is skipped and said to be there already: it was reported "Từ chối", which read as
    a failure; a real refusal in the same batch stays one."""
    db, store = office
    pkg = mao_khe.export(tmp_path / "usb").path
    first = district.import_packages(db, store, [pkg])
    assert first[0].accepted and first[0].verdict == "Nhận"
    assert district.import_summary(first) == "Đã nhận 1 gói, từ chối 0 gói."
    before = dump(db)
    junk = tmp_path / "la.dtipkg"
    junk.write_bytes(b"not a zip")
    again, refused = district.import_packages(db, store, [pkg, junk])
    assert not again.accepted and again.already and "đã được nhập lúc" in again.message
    assert again.verdict == "Đã có, bỏ qua" and (again.unit, again.period, again.revision) == (
        "UBND phường Mạo Khê", "2025-03", 1)
    assert refused.verdict == "Từ chối" and not refused.already
    assert district.import_summary([again, refused]) == "Đã nhận 0 gói, bỏ qua 1 gói đã nhập trước đó, từ chối 1 gói."
    assert district.import_summary([again]) == "Đã nhận 0 gói, bỏ qua 1 gói đã nhập trước đó."
    assert dump(db) == before


def test_the_command_line_reports_a_package_imported_again_as_skipped(mao_khe, office, tmp_path):
    """`district import` says the same as the window, and skipping is no failure (exit code 0)."""
    from tests.test_cli import run

    db, store = office
    pkg = mao_khe.export(tmp_path / "usb").path
    assert district.import_packages(db, store, [pkg])[0].accepted
    result = run("district", "import", str(pkg), db=tmp_path / "office" / "dti.sqlite3")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"[ĐÃ CÓ, BỎ QUA] {pkg.name}: gói này đã được nhập lúc ")
    assert result.stdout.rstrip().endswith("Tổng: Đã nhận 0 gói, bỏ qua 1 gói đã nhập trước đó.")


def test_newer_revision_supersedes_and_shows_changes(mao_khe, office, tmp_path):
    db, store = office
    r1 = mao_khe.export(tmp_path / "usb").path
    packages.reopen_period(mao_khe.db, MARCH, "Bổ sung")
    mao_khe.record("9", {0: "100", 1: "48/50"}, Status.HOAN_THANH, notes="Hệ thống QLVB")
    r2 = mao_khe.export(tmp_path / "usb").path
    assert district.import_packages(db, store, [r1])[0].accepted
    outcome = district.import_packages(db, store, [r2])[0]
    assert outcome.accepted and "thay thế r1" in outcome.message
    changes = {(code, what): (old, new) for code, what, old, new in outcome.changes}
    assert changes[("9", "Kết quả")] == ("100; 45/50 (90%)", "100; 48/50 (96%)")
    assert changes[("9", "Tình trạng")] == ("Đang triển khai", "Hoàn thành")
    history = received(db, workspace.context(db).plan.id)
    assert [(p.revision, p.superseded_by is not None) for p in history] == [(1, True), (2, False)]
    board = district.board(db, workspace.context(db).plan.id, 20, date(2025, 4, 1))
    cell = board.cells[(board.units[0].id, "2025-03")]
    assert cell.revision == 2 and cell.superseded == 1 and "thay 1 lần trước" in cell.text()
    before = dump(db)
    older = district.import_packages(db, store, [r1])[0]
    assert not older.accepted and dump(db) == before


def test_the_reason_for_reopening_travels_with_the_next_revision(mao_khe, office, tmp_path):
    """The reopen dialog says the reason is sent with the next package: the office is told and keeps it."""
    db, store = office
    r1 = mao_khe.export(tmp_path / "usb").path
    packages.reopen_period(mao_khe.db, MARCH, "Bổ sung minh chứng chỉ tiêu 9")
    r2 = mao_khe.export(tmp_path / "usb").path
    assert verify_package(r1).manifest.reopen_reason == ""
    assert verify_package(r2).manifest.reopen_reason == "Bổ sung minh chứng chỉ tiêu 9"
    assert district.import_packages(db, store, [r1])[0].accepted
    outcome = district.import_packages(db, store, [r2])[0]
    assert outcome.accepted and "lý do gửi lại: Bổ sung minh chứng chỉ tiêu 9" in outcome.message
    kept = received(db, workspace.context(db).plan.id)
    assert [(p.revision, p.reopen_reason) for p in kept] == [(1, ""), (2, "Bổ sung minh chứng chỉ tiêu 9")]
    board = district.board(db, workspace.context(db).plan.id, 20, date(2025, 4, 1))  # and it stays to be seen
    assert "lý do gửi lại: Bổ sung minh chứng chỉ tiêu 9" in board.cells[(board.units[0].id, "2025-03")].text()


def test_a_package_from_before_the_reopen_reason_is_still_read():
    from dti_desktop.domain.package import PackageFormatError, read_manifest

    manifest = {"format": "dti-package/1", "program_version": "0.9", "unit": "UBND xã A", "unit_kind": "xa",
                "district": "TP X", "period": "2025-03", "revision": 2, "officer": "H",
                "created_at": "2025-03-18T09:00:00+07:00", "members": {},
                "catalogue": {"plan_number": "1/KH", "year": 2025, "issuer": "UBND", "identity": "a" * 64}}
    assert read_manifest(manifest).reopen_reason == ""
    for bad in (3, "dòng\x00hỏng", "x" * 20_001):
        with pytest.raises(PackageFormatError, match="reopen_reason"):
            read_manifest({**manifest, "reopen_reason": bad})


@pytest.mark.reliability("Gói báo cáo: lần gửi cũ hơn đến sau", "Từ chối “cũ hơn”; bản mới giữ nguyên")
def test_older_revision_after_newer_is_refused(mao_khe, office, tmp_path):
    db, store = office
    r1 = mao_khe.export(tmp_path / "usb").path
    packages.reopen_period(mao_khe.db, MARCH, "Bổ sung")
    r2 = mao_khe.export(tmp_path / "usb").path
    assert district.import_packages(db, store, [r2])[0].accepted
    outcome = district.import_packages(db, store, [r1])[0]
    assert not outcome.accepted and "cũ hơn" in outcome.message


@pytest.mark.parametrize("sent, state", [("2025-03-20T16:30:00+07:00", district.ON_TIME),
                                         ("2025-03-21T08:00:00+07:00", district.LATE)])
def test_board_on_time_or_late_by_reporting_day(mao_khe, office, tmp_path, monkeypatch, sent, state):
    """Judged by when the office received the package (here the unit made it the same hour)."""
    from datetime import datetime

    from dti_desktop.services import packages as module

    db, store = office
    monkeypatch.setattr(module, "now_iso", lambda: sent)
    district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path], now=datetime.fromisoformat(sent))
    board = district.board(db, workspace.context(db).plan.id, 20, date(2025, 4, 1))
    cell = board.cells[(board.units[0].id, "2025-03")]
    assert cell.state == state and cell.created_at == sent
    assert cell.text().startswith({district.ON_TIME: "Đúng hạn, lần gửi 1 (nhận ", district.LATE: "Muộn, lần gửi 1 (nhận "}[state])


def test_refused_older_revision_writes_no_evidence(mao_khe, office, tmp_path):
    from dti_desktop.storage.attachment_store import list_attachments

    db, store = office
    r1 = mao_khe.export(tmp_path / "usb").path  # carries the fixture's evidence file
    packages.reopen_period(mao_khe.db, MARCH, "Thay minh chứng")
    entry_id = mao_khe.db.execute("SELECT entry_id FROM attachment").fetchone()[0]
    for attachment in list_attachments(mao_khe.db, entry_id):
        workspace.remove_attachment(mao_khe.db, attachment.id, "Cán bộ")
    replacement = tmp_path / "moi.pdf"
    replacement.write_bytes(b"%PDF minh chung moi")
    mao_khe.record("6", {0: "93"}, Status.HOAN_THANH, [replacement], "Số liệu mới")
    r2 = mao_khe.export(tmp_path / "usb").path
    assert district.import_packages(db, store, [r2])[0].accepted
    stored = sorted(p.name for p in store.rglob("*") if p.is_file())
    outcome = district.import_packages(db, store, [r1])[0]
    assert not outcome.accepted and "cũ hơn" in outcome.message
    assert sorted(p.name for p in store.rglob("*") if p.is_file()) == stored  # r1's evidence not copied


def test_sending_and_consolidating_need_no_openpyxl(tmp_path):
    """Both report workbooks are streamed (io/xlsx_stream.py): the first export after start does not pay
    for importing openpyxl, which only the catalogue workbooks need."""
    from tests.helpers import in_fresh_process

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tests.unit_db import UnitDb, MARCH, AREA\n"
        "from dti_desktop.services import district, first_run, workspace\n"
        "from dti_desktop.services.app_database import open_app_database\n"
        "from dti_desktop.domain.settings import Settings\n"
        "from dti_desktop.domain.units import UnitKind\n"
        f"tmp = Path({str(tmp_path)!r})\n"
        "unit = UnitDb(tmp / 'unit', 'UBND phường Mạo Khê'); unit.record('6', {0: '92,5'})\n"
        "pkg = unit.export(tmp / 'usb').path\n"
        "db = open_app_database(tmp / 'office' / 'dti.sqlite3')\n"
        "first_run.complete_first_run(db, first_run.FirstRunChoice(Settings(unit_name='Phòng VH', district=AREA, new_units='nhan_ngay'),"
        " UnitKind.CO_QUAN))\n"
        "assert district.import_packages(db, tmp / 'office' / 'ev', [pkg])[0].accepted\n"
        "district.export_consolidated(db, workspace.context(db).plan.id, MARCH, tmp / 'th.xlsx')\n"
        "print('openpyxl' in sys.modules, (tmp / 'th.xlsx').stat().st_size > 0)\n"
    )
    assert in_fresh_process(code)[-1].split() == ["False", "True"]


def test_office_cannot_drop_a_target_units_reported_on(mao_khe, office, tmp_path):
    """Re-importing a corrected annex without a target units sent results for is refused in Vietnamese
    (it used to stop on a raw foreign-key error)."""
    from dataclasses import replace

    from dti_desktop.services import catalogues
    from dti_desktop.storage.catalogue_store import load_catalogue, save_catalogue
    from dti_desktop.storage.errors import ConflictError

    db, store = office
    assert district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path])[0].accepted
    catalogue = load_catalogue(db, catalogues.choose_plan(db).id)
    without_6 = replace(catalogue, parts=tuple(
        replace(p, groups=tuple(replace(g, targets=tuple(t for t in g.targets if t.tt != "6")) for g in p.groups))
        for p in catalogue.parts))
    before = dump(db)
    with pytest.raises(ConflictError, match="Chỉ tiêu 6 đã có kết quả"):
        save_catalogue(db, without_6)
    assert dump(db) == before


def test_units_whose_file_names_coincide_do_not_overwrite_each_other(tmp_path):
    from tests.unit_db import UnitDb

    hoa_an, hoa_an_mu = UnitDb(tmp_path / "a", "UBND xã Hòa An"), UnitDb(tmp_path / "b", "UBND xã Hòa Ân")
    hoa_an.record("6", {0: "90"})
    hoa_an_mu.record("6", {0: "50"})
    first, second = hoa_an.export(tmp_path / "usb").path, hoa_an_mu.export(tmp_path / "usb").path
    assert first.name == "UBND-xa-Hoa-An_2025-03_r1.dtipkg" and second.name == "UBND-xa-Hoa-An_2025-03_r1 (2).dtipkg"
    assert verify_package(first).manifest.unit == "UBND xã Hòa An"
    assert verify_package(second).manifest.unit == "UBND xã Hòa Ân"


@pytest.mark.reliability("Xuất gói: ghi xong gói nhưng không ghi được việc đã gửi (CSDL bận)", "Gói bị xóa, kỳ không bị khóa; xuất lại được")
def test_a_package_whose_sending_was_not_recorded_is_removed(mao_khe, tmp_path, monkeypatch):
    from dti_desktop.storage import submission_store
    from dti_desktop.storage.errors import StorageError

    def busy(*args, **kwargs):
        raise StorageError("Cơ sở dữ liệu đang bị một chương trình khác khóa")

    monkeypatch.setattr(submission_store, "record_submission", busy)
    with pytest.raises(StorageError):
        mao_khe.export(tmp_path / "usb")
    assert list((tmp_path / "usb").iterdir()) == []
    assert packages.lock_state(mao_khe.db, mao_khe.ctx, MARCH) is None
    monkeypatch.undo()
    assert mao_khe.export(tmp_path / "usb").path.name == "UBND-phuong-Mao-Khe_2025-03_r1.dtipkg"


def test_communes_whose_names_differ_only_by_a_tone_stay_two_units(office, tmp_path):
    from tests.unit_db import UnitDb

    db, store = office
    hoa_an, hoa_an_mu = UnitDb(tmp_path / "a", "UBND xã Hòa An"), UnitDb(tmp_path / "b", "UBND xã Hòa Ân")
    hoa_an.record("6", {0: "90"})
    hoa_an_mu.record("6", {0: "50"})
    outcomes = district.import_packages(db, store, [hoa_an.export(tmp_path / "a-usb").path,
                                                    hoa_an_mu.export(tmp_path / "b-usb").path])
    assert [o.accepted for o in outcomes] == [True, True], [o.message for o in outcomes]
    current = {p.unit: p.revision for p in received(db, workspace.context(db).plan.id) if p.superseded_by is None}
    assert current == {"UBND xã Hòa An": 1, "UBND xã Hòa Ân": 1}


def test_a_unit_is_one_unit_however_its_area_is_capitalised_or_its_level_written(mao_khe, office, tmp_path):
    """"TP. Đông Triều" for the office's "thành phố Đông Triều" was refused, after the unit's month had locked."""
    from tests.io.test_package_refusals import edit_manifest, members, rebuild

    db, store = office
    first = mao_khe.export(tmp_path / "usb").path
    packages.reopen_period(mao_khe.db, MARCH, "Sửa số liệu")
    mao_khe.record("6", {0: "95"})
    second = mao_khe.export(tmp_path / "usb").path
    shouted = rebuild(second, tmp_path / "r2.dtipkg", edit_manifest(members(second), district="TP. ĐÔNG TRIỀU"))
    assert all(o.accepted for o in district.import_packages(db, store, [first, shouted]))
    got = received(db, workspace.context(db).plan.id)
    assert len({p.unit_id for p in got}) == 1 and [p.revision for p in got if p.superseded_by is None] == [2]


def test_a_package_in_the_offices_own_name_is_refused(office, tmp_path):
    from tests.unit_db import UnitDb

    db, store = office
    own = workspace.context(db).unit.name
    twin = UnitDb(tmp_path / "twin", own)
    twin.record("6", {0: "90"})
    outcome = district.import_packages(db, store, [twin.export(tmp_path / "usb").path])[0]
    assert not outcome.accepted and "mang tên chính cơ quan tổng hợp" in outcome.message


def test_a_folder_search_finds_packages_named_in_capitals(mao_khe, office, tmp_path):
    db, store = office
    sent = mao_khe.export(tmp_path / "usb").path
    sent.rename(sent.with_name("UBND-PHUONG-MAO-KHE_2025-03_R1.DTIPKG"))  # as some FAT sticks show names
    assert [o.accepted for o in district.import_packages(db, store, [tmp_path / "usb"])] == [True]


def test_a_folder_search_stops_at_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(district, "MAX_FILES", 3)
    for i in range(5):
        (tmp_path / f"{i}.dtipkg").write_bytes(b"x")
    with pytest.raises(ValueError, match="Quá nhiều tệp"):
        district.package_files([tmp_path])


def test_shares_count_only_the_units_given_a_target(mao_khe, office, tmp_path):
    """An agency is not given the communes' targets: it neither lowers their share nor shows "Chưa báo cáo"
    on them, and its own share is of the targets it is given."""
    from tests.unit_db import UnitDb

    db, store = office
    agency = UnitDb(tmp_path / "agency", "Phòng Kinh tế")
    agency.db.execute("UPDATE unit SET kind = 'co_quan' WHERE is_own = 1")
    agency.db.conn.commit()
    mao_khe.record("6", {0: "95"}, notes="Số liệu Cổng DVC")
    assert all(o.accepted for o in district.import_packages(
        db, store, [mao_khe.export(tmp_path / "usb").path, agency.export(tmp_path / "usb2").path]))
    plan_id = workspace.context(db).plan.id
    targets = district.consolidated(db, plan_id, MARCH)
    communes_only = [t for t in targets if "Phòng Kinh tế" in t.unassigned and "UBND phường Mạo Khê" not in t.unassigned]
    assert communes_only, "the annex has targets only the communes report on"
    t = communes_only[0]
    line = dict(t.lines)["Phòng Kinh tế"]
    assert t.expected == 1 and t.state_text("Phòng Kinh tế", line) == "Không giao"
    from dti_desktop.domain.report import unit_shares

    given = {name: of for name, _, of in unit_shares(targets, ["UBND phường Mạo Khê", "Phòng Kinh tế"])}
    assert given["Phòng Kinh tế"] < given["UBND phường Mạo Khê"] == len(targets)


def test_equal_scores_share_a_rank():
    from dti_desktop.domain.report import ranks

    assert ranks([80.0, 80.0, 50.0, 50.0, 10.0]) == [1, 1, 3, 3, 5]


def test_a_package_left_by_a_crash_before_recording_is_replaced_by_the_next_send(mao_khe, tmp_path, monkeypatch):
    """Killed between writing the package and recording the send, the file stays on the stick unrecorded; the
    next send must replace it, not add a second, different r1 the office would refuse (or take instead)."""
    from dti_desktop.storage import submission_store

    real = submission_store.record_submission
    monkeypatch.setattr(submission_store, "record_submission", lambda *a, **k: None)  # the record never made
    first = mao_khe.export(tmp_path / "usb").path  # "recorded" nowhere: as after a power cut
    monkeypatch.setattr(submission_store, "record_submission", real)
    assert packages.lock_state(mao_khe.db, mao_khe.ctx, MARCH) is None
    mao_khe.record("6", {0: "91"})
    second = mao_khe.export(tmp_path / "usb").path
    assert second == first and [p.name for p in (tmp_path / "usb").iterdir()] == [first.name]
    data = json.loads(zipfile.ZipFile(second).read("data.json"))
    assert next(e for e in data["entries"] if e["code"] == "6")["values"][0]["value"] == 91


def test_a_month_not_yet_begun_is_neither_sent_nor_received(mao_khe, office, tmp_path, monkeypatch):
    """A package for December made on 29 November was sent, received and shown "Đúng hạn" for a month no one had
    lived yet."""
    from datetime import date as real_date

    from dti_desktop.services import packages as module

    class November(real_date):
        @classmethod
        def today(cls):
            return real_date(2025, 11, 29)

    monkeypatch.setattr(module, "date", November)
    before = dump(mao_khe.db)
    with pytest.raises(ConflictError, match="Tháng 12/2025 chưa bắt đầu"):
        mao_khe.export(tmp_path / "usb", Period(2025, 12))
    assert dump(mao_khe.db) == before and not (tmp_path / "usb").exists()
    # one made anyway (an older version did not check) is refused by the office, naming the day it was made
    monkeypatch.setattr(module, "_check_period", lambda ctx, period, today: None)
    monkeypatch.setattr(module, "now_iso", lambda: "2025-11-29T10:00:00+07:00")
    early = mao_khe.export(tmp_path / "usb", Period(2025, 12)).path
    db, store = office
    before = dump(db)
    outcome = district.import_packages(db, store, [early])[0]
    assert not outcome.accepted and "được lập ngày 29/11/2025, trước khi tháng đó bắt đầu" in outcome.message
    assert dump(db) == before


def test_a_unit_an_older_office_stored_as_another_kind_takes_its_kind_from_its_next_package(office, tmp_path):
    """An office still on an older version stored a đặc khu as "khác"; once upgraded, the zone's next package
    sets its kind (and with it what the office counts it as)."""
    from dti_desktop.domain.text import name_key
    from dti_desktop.domain.units import UnitKind
    from dti_desktop.storage.unit_store import list_units
    from tests.unit_db import UnitDb

    zone = UnitDb(tmp_path / "van-don", "UBND đặc khu Vân Đồn")
    with zone.db.conn:
        zone.db.execute("UPDATE unit SET kind = 'dac_khu' WHERE is_own = 1")
    zone.ctx = workspace.context(zone.db)
    zone.record("6", {0: "90"})
    db, store = office
    db.execute("INSERT INTO unit (name, name_folded, kind, district, is_own) VALUES (?, ?, 'khac', ?, 0)",
               ["UBND đặc khu Vân Đồn", name_key("UBND đặc khu Vân Đồn"), zone.ctx.unit.district])
    assert district.import_packages(db, store, [zone.export(tmp_path / "usb").path])[0].accepted
    assert [u.kind for u in list_units(db) if u.name == "UBND đặc khu Vân Đồn"] == [UnitKind.DAC_KHU]


def test_the_offices_goal_column_reads_the_targets_text_as_units_are_judged(mao_khe, office, tmp_path):
    """Units are judged on "trên 80%" for target 13; the office's view said "80%"."""
    db, store = office
    mao_khe.record("13", {0: "80"}, Status.HOAN_THANH, notes="Sở Công Thương")
    mao_khe.record("9", {1: "96"}, Status.HOAN_THANH, notes="Hệ thống QLVB")  # the ward's own figure only
    assert district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path])[0].accepted
    plan_id = workspace.context(db).plan.id
    thirteen = next(t for t in district.consolidated(db, plan_id, MARCH) if t.code == "13")
    assert thirteen.goal == "trên 80%"
    nine = next(t for t in district.consolidated(db, plan_id, MARCH) if t.code == "9")
    assert nine.goal == "100%; 95%" and nine.lines[0][1].result_text() == "-; 96%"  # places kept: shared goal
