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


@pytest.mark.reliability("Tệp Excel danh mục: thiếu cột", "Từ chối, nêu trang tính, dòng, cột; CSDL không đổi")
def test_missing_column(seeded_db, good, tmp_path):
    bad = _edit(good, tmp_path / "b.xlsx", lambda wb: wb["Phụ lục"].delete_cols(3))
    text = _refused(seeded_db, bad)
    assert "trang tính “Phụ lục”, dòng 4" in text and "thiếu cột “Cơ quan chủ trì”" in text


@pytest.mark.reliability("Tệp Excel danh mục: ô gộp bất thường", "Từ chối, nêu ô gộp và dòng; CSDL không đổi")
def test_merged_cells_in_odd_place(seeded_db, good, tmp_path):
    bad = _edit(good, tmp_path / "b.xlsx", lambda wb: wb["Phụ lục"].merge_cells("C9:C10"))
    text = _refused(seeded_db, bad)
    assert "ô gộp C9:C10" in text and "dòng 9, cột C" in text


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


@pytest.mark.reliability("Tệp Excel danh mục: thiếu trang Thông tin", "Từ chối với thông báo; CSDL không đổi")
def test_missing_info_sheet(seeded_db, good, tmp_path):
    bad = _edit(good, tmp_path / "b.xlsx", lambda wb: wb.remove(wb["Thông tin"]))
    assert "thiếu trang tính “Thông tin”" in _refused(seeded_db, bad)


@pytest.mark.reliability("Tệp Excel danh mục: ngày kế hoạch sai", "Từ chối, nêu ô; CSDL không đổi")
def test_bad_plan_date(seeded_db, good, tmp_path):
    def date(wb):
        wb["Thông tin"]["B3"] = "31/02/2025"
    text = _refused(seeded_db, _edit(good, tmp_path / "b.xlsx", date))
    assert "trang tính “Thông tin”, dòng 3, cột B" in text and "31/02/2025" in text


@pytest.mark.reliability("Tệp Excel danh mục: không có dòng tiêu đề", "Từ chối với thông báo; CSDL không đổi")
def test_no_header_row(seeded_db, good, tmp_path):
    def rename(wb):
        wb["Phụ lục"]["B4"] = "Nội dung"
    assert "không tìm thấy dòng tiêu đề" in _refused(seeded_db, _edit(good, tmp_path / "b.xlsx", rename))


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


@pytest.mark.reliability("Tệp Excel danh mục: trang “Thông tin” là trang biểu đồ", "Từ chối với lý do tiếng Việt; CSDL không đổi")
def test_info_sheet_that_is_a_chart(seeded_db, good, tmp_path):
    def chart_instead(wb):
        from openpyxl.chart import BarChart

        del wb["Thông tin"]
        wb.create_chartsheet("Thông tin").add_chart(BarChart())

    text = _refused(seeded_db, _edit(good, tmp_path / "b.xlsx", chart_instead))
    assert "trang “Thông tin” không phải bảng tính" in text


@pytest.mark.reliability("Tệp Excel danh mục: tiêu đề phần không khai ở trang “Thông tin”", "Từ chối, nêu dòng; không nhập thành chỉ tiêu; CSDL không đổi")
def test_undeclared_part_heading_is_not_taken_for_a_target(seeded_db, good, tmp_path):
    """Without its "Phần" row on the info sheet, a part heading (TT "PL1", a title) became a bogus target."""
    def undeclare(wb):
        info = wb["Thông tin"]
        for r in range(info.max_row, 0, -1):
            if info.cell(r, 1).value == "Phần":
                info.delete_rows(r)
        for merged in list(wb["Phụ lục"].merged_cells.ranges):
            wb["Phụ lục"].unmerge_cells(str(merged))

    text = _refused(seeded_db, _edit(good, tmp_path / "b.xlsx", undeclare))
    assert "dòng “PL1” chỉ có số thứ tự và nội dung" in text and "dòng 5" in text
