"""Every malformed workbook is refused with a Vietnamese message naming where, and changes nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dti_desktop.io.workbook_errors import WorkbookError
from dti_desktop.services.catalogues import current_catalogue, export_to_workbook, import_workbook
from tests.conftest import dump


@pytest.fixture
def good(tmp_path, seeded_db) -> Path:
    """The 2025 annex workbook: rows 5 PL1, 6 group I, 7 target 1, 8 group II, 9 target 2 …"""
    export_to_workbook(seeded_db, tmp_path / "good.xlsx", 2025)
    return tmp_path / "good.xlsx"


def _edit(path: Path, out: Path, change) -> Path:
    wb = load_workbook(path)
    change(wb)
    wb.save(out)
    return out


def _refused(db, path: Path) -> str:
    before = dump(db)
    with pytest.raises(WorkbookError) as caught:
        import_workbook(db, path)
    assert dump(db) == before, "a refused workbook must change nothing"
    return caught.value.summary()


def test_good_workbook_is_accepted(seeded_db, good):
    catalogue, result = import_workbook(seeded_db, good)
    assert catalogue == current_catalogue(seeded_db, 2025) and not result.changed


@pytest.mark.reliability("Tệp Excel danh mục: thiếu cột nội dung chỉ tiêu", "Từ chối, nói cần cột nào; CSDL không đổi")
def test_missing_text_column(seeded_db, good, tmp_path):
    bad = _edit(good, tmp_path / "b.xlsx", lambda wb: wb["Phụ lục"].delete_cols(2))
    text = _refused(seeded_db, bad)
    assert "không tìm thấy bảng phụ lục chỉ tiêu" in text and "cột “Mục tiêu”" in text


def test_missing_lead_column_is_read_without_agencies(seeded_db, good, tmp_path):
    """A clerk's annex may leave a column out; what is there is read, the rest stays empty."""
    ok = _edit(good, tmp_path / "b.xlsx", lambda wb: wb["Phụ lục"].delete_cols(3))
    catalogue, _ = import_workbook(seeded_db, ok)
    assert all(t.lead == "" for t in catalogue.targets())
    assert [t.text for t in catalogue.targets()] == [t.text for t in current_catalogue(seeded_db, 2025).targets()]


def test_agency_merged_down_over_two_targets_is_each_one_s(seeded_db, good, tmp_path):
    """Clerks merge one agency cell over the targets it leads: each of them is led by it."""
    ok = _edit(good, tmp_path / "b.xlsx", lambda wb: wb["Phụ lục"].merge_cells("C9:C10"))
    lead = load_workbook(good)["Phụ lục"]["C9"].value
    catalogue, _ = import_workbook(seeded_db, ok)
    codes = dict(zip(catalogue.codes(), catalogue.targets()))
    assert codes["2"].lead == lead and codes["3"].lead == lead


@pytest.mark.reliability("Tệp Excel danh mục: nội dung chỉ tiêu trống", "Từ chối, nêu dòng và cột; CSDL không đổi")
def test_empty_target_text(seeded_db, good, tmp_path):
    def blank(wb):
        wb["Phụ lục"]["B9"] = None
    text = _refused(seeded_db, _edit(good, tmp_path / "b.xlsx", blank))
    assert "dòng 9, cột B (Mục tiêu): nội dung chỉ tiêu (Mục tiêu) trống" in text


@pytest.mark.reliability("Tệp Excel danh mục: TT trùng", "Từ chối, nêu hai dòng trùng; CSDL không đổi")
def test_duplicate_tt_in_a_group(seeded_db, good, tmp_path):
    def dup(wb):
        wb["Phụ lục"]["A10"] = "2"
    text = _refused(seeded_db, _edit(good, tmp_path / "b.xlsx", dup))
    assert "dòng 10, cột A (TT)" in text and "trùng với dòng 9" in text


@pytest.mark.reliability("Tệp Excel danh mục: mục tiêu không đọc được", "Từ chối, nêu ô mục tiêu; CSDL không đổi")
def test_unparseable_goal(seeded_db, good, tmp_path):
    def goal(wb):
        wb["Phụ lục"]["H9"] = "1O0%"
    text = _refused(seeded_db, _edit(good, tmp_path / "b.xlsx", goal))
    assert "dòng 9, cột H (Mục tiêu của địa phương): mục tiêu không đọc được" in text


@pytest.mark.reliability("Tệp Excel danh mục: ô có công thức", "Từ chối, công thức không được tính; CSDL không đổi")
def test_formula_cell_never_evaluated(seeded_db, good, tmp_path):
    def formula(wb):
        wb["Phụ lục"]["G9"] = "=1+1"
    text = _refused(seeded_db, _edit(good, tmp_path / "b.xlsx", formula))
    assert "dòng 9, cột G" in text and "công thức" in text


def test_without_info_sheet_the_plan_comes_from_the_title_rows(seeded_db, good, tmp_path):
    ok = _edit(good, tmp_path / "b.xlsx", lambda wb: wb.remove(wb["Thông tin"]))
    catalogue, result = import_workbook(seeded_db, ok)
    stored = current_catalogue(seeded_db, 2025)
    assert (catalogue.plan.number, catalogue.plan.date, catalogue.plan.issuer, catalogue.plan.year) == (
        stored.plan.number, stored.plan.date, stored.plan.issuer, stored.plan.year)
    assert catalogue.targets() == stored.targets()


@pytest.mark.reliability("Tệp Excel danh mục: không ghi số, ngày kế hoạch", "Từ chối, nêu từng thông tin còn thiếu; CSDL không đổi")
def test_plan_fields_missing_everywhere(seeded_db, good, tmp_path):
    def strip(wb):
        wb.remove(wb["Thông tin"])
        ws = wb["Phụ lục"]
        for merged in list(ws.merged_cells.ranges):
            ws.unmerge_cells(str(merged))
        for r in range(1, 4):
            for c in range(1, ws.max_column + 1):
                ws.cell(r, c).value = None
    text = _refused(seeded_db, _edit(good, tmp_path / "b.xlsx", strip))
    assert "thiếu số kế hoạch" in text and "thiếu ngày ban hành" in text and "thiếu năm" not in text.split("thiếu số")[0]


@pytest.mark.reliability("Tệp Excel danh mục: không có dòng tiêu đề", "Từ chối với thông báo; CSDL không đổi")
def test_no_header_row(seeded_db, good, tmp_path):
    def rename(wb):
        wb["Phụ lục"]["B4"] = "Ghi nhớ"
    assert "không tìm thấy bảng phụ lục chỉ tiêu" in _refused(seeded_db, _edit(good, tmp_path / "b.xlsx", rename))


@pytest.mark.reliability("Tệp Excel danh mục: không phải xlsx", "Từ chối “không phải tệp Excel .xlsx”; CSDL không đổi")
def test_not_an_xlsx(seeded_db, tmp_path):
    bad = tmp_path / "bang-chi-tieu.xlsx"
    bad.write_text("TT;Mục tiêu\n1;abc\n", encoding="utf-8")
    assert "không phải tệp Excel .xlsx" in _refused(seeded_db, bad)


@pytest.mark.reliability("Tệp Excel danh mục: tệp 0 byte", "Từ chối “tệp rỗng”; CSDL không đổi")
def test_zero_byte_file(seeded_db, tmp_path):
    bad = tmp_path / "rong.xlsx"
    bad.write_bytes(b"")
    assert "tệp rỗng (0 byte)" in _refused(seeded_db, bad)


@pytest.mark.reliability("Tệp Excel danh mục: tệp bị cắt cụt", "Từ chối “tệp bị hỏng”; CSDL không đổi")
def test_truncated_file(seeded_db, good, tmp_path):
    bad = tmp_path / "cut.xlsx"
    data = good.read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    text = _refused(seeded_db, bad)
    assert "cut.xlsx" in text and ("hỏng" in text or "không phải tệp Excel" in text)


@pytest.mark.reliability("Tệp Excel danh mục: có mật khẩu", "Từ chối “tệp được đặt mật khẩu”; CSDL không đổi")
def test_password_protected(seeded_db, good, tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    bad = tmp_path / "mat-khau.xlsx"
    with open(good, "rb") as plain, open(bad, "wb") as out:
        OOXMLFile(plain).encrypt("123456", out)
    assert "đặt mật khẩu" in _refused(seeded_db, bad)


@pytest.mark.reliability("Tệp Excel danh mục: hàng nghìn thành phần zip", "Từ chối trước khi mở; CSDL không đổi")
def test_too_many_members(seeded_db, tmp_path):
    bad = tmp_path / "nhieu.xlsx"
    with zipfile.ZipFile(bad, "w") as archive:
        for i in range(6000):
            archive.writestr(f"xl/x{i}.xml", "")
    assert "quá nhiều thành phần" in _refused(seeded_db, bad)


@pytest.mark.reliability("Tệp Excel danh mục: bom nén (210 MB từ < 2 MB)", "Từ chối trước khi giải nén; CSDL không đổi")
def test_inflates_far_beyond_size(seeded_db, tmp_path):
    bad = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("xl/workbook.xml", b"\0" * (210 * 1024 * 1024))
    assert bad.stat().st_size < 2 * 1024 * 1024
    assert "giải nén ra quá lớn" in _refused(seeded_db, bad)


def test_every_problem_listed_at_once(seeded_db, good, tmp_path):
    def several(wb):
        ws = wb["Phụ lục"]
        ws["B9"] = None
        ws["H11"] = "150%"
    text = _refused(seeded_db, _edit(good, tmp_path / "b.xlsx", several))
    assert "2 lỗi" in text and "dòng 9" in text and "dòng 11" in text


@pytest.mark.reliability("Tệp Excel danh mục: một ô ở tận dòng 1.048.576", "Từ chối ngay, nêu trang tính và dòng; CSDL không đổi")
def test_a_cell_far_below_the_table(seeded_db, good, tmp_path):
    """A 12 KB file with one cell in the last row made the reader walk a million empty rows (3 GB, 33 s)."""
    import time

    bad = _edit(good, tmp_path / "b.xlsx", lambda wb: wb["Phụ lục"].cell(1048576, 1, "x"))
    began = time.monotonic()
    text = _refused(seeded_db, bad)
    assert time.monotonic() - began < 10  # refused from the sheet's size, not after reading it
    assert "trang tính “Phụ lục”, dòng 1048576" in text and "quá xa" in text


def test_info_sheet_that_is_a_chart_is_passed_over(seeded_db, good, tmp_path):
    def chart_instead(wb):
        from openpyxl.chart import BarChart

        del wb["Thông tin"]
        wb.create_chartsheet("Thông tin").add_chart(BarChart())

    catalogue, _ = import_workbook(seeded_db, _edit(good, tmp_path / "b.xlsx", chart_instead))
    assert catalogue.targets() == current_catalogue(seeded_db, 2025).targets()


def test_undeclared_part_heading_is_a_part_not_a_target(seeded_db, good, tmp_path):
    """Without its "Phần" row on the info sheet, a part heading (TT "PL1", a title) is still a part."""
    def undeclare(wb):
        info = wb["Thông tin"]
        for r in range(info.max_row, 0, -1):
            if info.cell(r, 1).value == "Phần":
                info.delete_rows(r)
        for merged in list(wb["Phụ lục"].merged_cells.ranges):
            wb["Phụ lục"].unmerge_cells(str(merged))

    catalogue, _ = import_workbook(seeded_db, _edit(good, tmp_path / "b.xlsx", undeclare))
    stored = current_catalogue(seeded_db, 2025)
    assert [p.key for p in catalogue.parts] == ["PL1", "PL2"] and catalogue.codes() == stored.codes()
    assert catalogue.targets() == stored.targets()
