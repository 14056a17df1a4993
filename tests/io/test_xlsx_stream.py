"""The streaming workbook writer: what it writes, openpyxl reads back exactly, styled and set up for A4."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook

from dti_desktop.io import xlsx_stream as stream
from dti_desktop.io.xlsx_stream import SheetLayout, column_letter, write_workbook

TRICKY = ["=1+1", "+84 912", "-", "@SUM(A1)", "a < b & c > d", '"quoted" \'single\'', "  lề trái", "dòng 1\ndòng 2",
          "Chữ ký số đạt 50%", "tab\there", "bell\x07gone"]


def test_column_letters():
    assert [column_letter(i) for i in (1, 26, 27, 52, 53, 702, 703)] == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]


def test_values_come_back_as_text_exactly(tmp_path):
    rows = [(["TT", "Nội dung"], stream.HEADER, 30), *[([str(i), t], stream.BODY_TOP, None) for i, t in
                                                       enumerate(TRICKY, start=1)]]
    out = write_workbook(tmp_path / "a.xlsx", [(SheetLayout("Thử", [5, 40]), iter(rows))])
    ws = load_workbook(out)["Thử"]
    got = [[c.value for c in row] for row in ws.iter_rows()]
    expected = [t.replace("\x07", "") for t in TRICKY]
    assert [r[1] for r in got[1:]] == expected
    assert all(c.data_type == "s" for row in ws.iter_rows() for c in row if c.value is not None)


def test_numbers_are_numeric_cells_and_strings_stay_text(tmp_path):
    """An int or float is a number with its style's format (the office sums and sorts them); a string that looks
    like a number or a formula is still text, and 0 is a number, not an empty cell."""
    row = ["1", 4, 0, 11.111, "=1+1", "75", None, ""]
    styles = (stream.BODY_CENTER, stream.NUMBER, stream.NUMBER, stream.DECIMAL, stream.BODY_TOP, stream.BODY_TOP,
              stream.BODY_TOP, stream.BODY_TOP)
    out = write_workbook(tmp_path / "n.xlsx", [(SheetLayout("S", [5] * 8), iter([(row, styles, None)]))])
    ws = load_workbook(out)["S"]
    cells = list(ws.iter_rows())[0]
    assert [c.value for c in cells] == ["1", 4, 0, 11.111, "=1+1", "75", None, None]
    assert [c.data_type for c in cells[:6]] == ["s", "n", "n", "n", "s", "s"]
    assert type(cells[1].value) is int and type(cells[3].value) is float
    assert (cells[1].number_format, cells[3].number_format) == ("0", "0.0")
    assert cells[1].border.left.style == "thin" and cells[3].border.bottom.style == "thin"
    assert cells[6].border.left.style == "thin"  # empty cells keep their borders


def test_consolidated_counts_and_share_are_numbers(tmp_path):
    """Số đơn vị được giao / báo cáo / đạt and Tỷ lệ đạt were text ("4", "11,1"): Excel flagged them and the
    office could neither sum nor sort them."""
    from dti_desktop.domain.report import ReportHeading, TargetAcrossUnits
    from dti_desktop.io.xlsx_report import write_consolidated
    from tests.helpers import report_line

    units = ["UBND xã A", "UBND xã B", "UBND xã C"]
    lines = ((units[0], report_line("=1+1")), (units[1], report_line("=1+1", assessment="khong_dat")),
             (units[2], report_line("=1+1", assessment="khong_dat")))
    target = TargetAcrossUnits("=1+1", "Chỉ tiêu =1+1", "100%", lines)
    out = write_consolidated(tmp_path / "t.xlsx", ReportHeading("Phòng VH&TT", "TỔNG HỢP", ""), [target], units,
                             [[u] for u in units], ["Đơn vị"])
    ws = load_workbook(out)["Tổng hợp"]
    row = [c for c in ws[6]]
    assert [c.value for c in row[:7]] == ["=1+1", "Chỉ tiêu =1+1", "100%", 3, 3, 1, 33.3]
    assert [c.data_type for c in row[:7]] == ["s", "s", "s", "n", "n", "n", "n"]
    assert [c.number_format for c in row[3:7]] == ["0", "0", "0", "0.0"]
    assert all(type(c.value) is int for c in row[3:6]) and type(row[6].value) is float


def test_styles_layout_and_page_setup(tmp_path):
    widths = [5] + [14] * 29  # 30 columns: letters past Z
    header = [f"Cột {i}" for i in range(30)]
    body = ["1"] + [f"giá trị {i}" for i in range(29)]
    rows = [(["UBND TỈNH"], stream.TITLE_BOLD, None), (["TIÊU ĐỀ"], stream.TITLE, None),
            (["(phụ đề)"], stream.SUBTITLE, None), ([], stream.PLAIN, None), (header, stream.HEADER, 31),
            (body, (stream.BODY_CENTER,) + (stream.BODY_TOP,) * 29, 45)]
    out = write_workbook(tmp_path / "b.xlsx", [
        (SheetLayout("Tổng hợp", widths, freeze="C6", header_row=5, fit_width=False), iter(rows)),
        (SheetLayout("Tình hình gửi", [26, 11], freeze="B6", header_row=5), iter([(["a", "b"], stream.BODY_TOP, None)])),
    ])
    wb = load_workbook(out)
    assert wb.sheetnames == ["Tổng hợp", "Tình hình gửi"]
    ws = wb["Tổng hợp"]
    assert ws["A1"].value == "UBND TỈNH" and ws["A1"].font.b and ws["A2"].font.sz == 13 and ws["A3"].font.i
    h = ws["AD5"]
    assert h.value == "Cột 29" and h.font.b and h.font.name == "Times New Roman"
    assert h.fill.fgColor.rgb == "FFD9D9D9" and h.border.left.style == "thin" and h.alignment.wrap_text
    assert h.alignment.horizontal == "center"
    first, other = ws["A6"], ws["AD6"]
    assert first.alignment.horizontal == "center" and other.alignment.vertical == "top" and other.alignment.wrap_text
    assert other.border.bottom.style == "thin" and other.value == "giá trị 28" and not other.font.b
    assert ws.column_dimensions["A"].width == 5 and ws.column_dimensions["AD"].width == 14
    assert ws.row_dimensions[5].height == 31 and ws.row_dimensions[6].height == 45
    assert ws.freeze_panes == "C6"
    assert ws.print_title_rows == "$5:$5"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.page_margins.left == pytest.approx(30 / 25.4, abs=1e-3)
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    second = wb["Tình hình gửi"]
    assert second.freeze_panes == "B6" and second.print_title_rows == "$5:$5"
    assert second.sheet_properties.pageSetUpPr.fitToPage and second.page_setup.fitToWidth == 1


def test_repeated_texts_are_stored_once(tmp_path):
    rows = ([["Chưa báo cáo"] * 10, stream.BODY_TOP, None] for _ in range(100))
    out = write_workbook(tmp_path / "c.xlsx", [(SheetLayout("S", [10] * 10), rows)])
    with zipfile.ZipFile(out) as z:
        assert z.read("xl/sharedStrings.xml").count("Chưa báo cáo".encode()) == 1
    assert sum(1 for row in load_workbook(out)["S"].iter_rows() for c in row if c.value) == 1000


def test_failure_midway_leaves_the_previous_file(tmp_path):
    out = tmp_path / "d.xlsx"
    out.write_bytes(b"previous")

    def rows():
        yield ["a"], stream.BODY_TOP, None
        raise RuntimeError("hỏng giữa chừng")

    with pytest.raises(RuntimeError):
        write_workbook(out, [(SheetLayout("S", [10]), rows())])
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["d.xlsx"]


def test_empty_cells_keep_their_borders_and_fill(tmp_path):
    rows = [(["I", "Nhóm", ""], stream.PART_TOP, 17), (["1", "", ""], stream.BODY_TOP, None)]
    out = write_workbook(tmp_path / "e.xlsx", [(SheetLayout("S", [5, 20, 20], merges=("A3:C3",)), iter(rows))])
    ws = load_workbook(out)["S"]
    assert ws["C1"].value is None and ws["C1"].fill.fgColor.rgb == "FFEDEDED" and ws["C1"].border.top.style == "thin"
    assert ws["B2"].value is None and ws["B2"].border.left.style == "thin"
    assert [str(r) for r in ws.merged_cells.ranges] == ["A3:C3"]


def test_row_heights_follow_word_wrapping():
    """Rows are sized by words as the spreadsheet wraps them, not by characters alone."""
    from dti_desktop.io.xlsx_stream import estimate_lines

    assert estimate_lines("Đánh giá đạt/chưa đạt", 11) == 3  # 21 characters, but "đạt/chưa" cannot share a line
    assert estimate_lines("Kết quả", 14) == 1
    assert estimate_lines("a" * 30, 11) == 3  # a word longer than the line breaks anywhere
    assert estimate_lines("dòng 1\ndòng 2", 40) == 2


def test_row_height_stops_at_excels_limit(tmp_path):
    """5 000 characters of evidence would need ~2 900 pt; Excel allows 409 pt a row and calls a taller one damaged."""
    evidence = "Biên bản kiểm tra hệ thống " * 185  # ~5 000 characters
    widths = [5, 24]
    assert stream.row_height(["1", evidence], widths) == 409
    assert stream.row_height(["1", "Ngắn"], widths) == 17  # short rows keep their fitted height
    rows = iter([(["1", evidence], stream.BODY_TOP, stream.row_height(["1", evidence], widths))])
    ws = load_workbook(write_workbook(tmp_path / "h.xlsx", [(SheetLayout("S", widths), rows)]))["S"]
    assert ws.row_dimensions[1].height == 409 and ws["B1"].value == evidence


def test_a_remark_taller_than_a_row_goes_on_in_rows_below_and_is_shown_whole(tmp_path):
    """Seed 002's "Nguyên nhân" (1 835 characters) needs ~2 000 pt in its column: capped at 409 pt, four fifths of
    it were neither on screen nor on paper in the workbook the package carries."""
    from dti_desktop.domain.progress import Status
    from dti_desktop.domain.report import ReportHeading, ReportLine
    from dti_desktop.io.xlsx_report import UNIT_COLUMNS, write_unit_report
    from dti_desktop.services.catalogues import plans
    from dti_desktop.storage.catalogue_store import load_catalogue
    from tests.unit_db import UnitDb

    unit = UnitDb(tmp_path / "unit", "UBND phường Mạo Khê")
    causes = " ".join(f"Nguyên nhân thứ {i}: cán bộ kiêm nhiệm, người dân chưa quen dịch vụ công trực tuyến." for i in range(22))
    entry = unit.record("6", {0: "80"}, Status.DANG_TRIEN_KHAI, causes=causes)
    target = next(t for t in load_catalogue(unit.db, plans(unit.db)[0].id).targets() if t.text.startswith("Tối thiểu 80%"))
    unit.db.close()
    from dti_desktop.domain.package import PackageEntry

    package_entry = PackageEntry("6", entry.status, entry.assessment, True, "", entry.values, "", "", causes, "", "", "")
    out = write_unit_report(tmp_path / "bao-cao.xlsx", ReportHeading("UBND PHƯỜNG MẠO KHÊ", "BÁO CÁO", ""),
                            [ReportLine("6", "II", "Chính quyền số", target, package_entry)])
    ws = load_workbook(out)["Báo cáo"]
    column = next(i for i, (name, _) in enumerate(UNIT_COLUMNS, 1) if name == "Nguyên nhân")
    rows = [r for r in range(6, ws.max_row + 1) if ws.cell(r, column).value]
    assert len(rows) >= 3 and all(ws.cell(r, 1).value == stream.CONTINUED for r in rows[1:])
    assert " ".join(ws.cell(r, column).value for r in rows) == causes  # every word, in order
    assert all(ws.row_dimensions[r].height <= stream.MAX_ROW_POINTS for r in rows)
    lines = [stream.estimate_lines(ws.cell(r, column).value, UNIT_COLUMNS[column - 1][1]) for r in rows]
    assert max(lines) * stream.LINE_POINTS + 3 <= stream.MAX_ROW_POINTS  # each piece fits its row


def test_text_longer_than_excel_allows_is_cut_with_a_mark(tmp_path):
    long = "minh chứng " * 4000  # 44 000 characters: Excel would refuse to open the file
    out = write_workbook(tmp_path / "f.xlsx", [(SheetLayout("S", [40]), iter([([long], stream.BODY_TOP, None)]))])
    value = load_workbook(out)["S"]["A1"].value
    assert len(value) == stream.MAX_CELL_CHARS and value.endswith("…") and value.startswith("minh chứng")


def test_parts_in_the_order_excel_writes_them(tmp_path):
    out = write_workbook(tmp_path / "g.xlsx", [(SheetLayout("S", [10]), iter([(["a"], stream.BODY_TOP, None)]))])
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
    assert names[0] == "[Content_Types].xml" and names[-1] == "xl/sharedStrings.xml"
    assert "xl/worksheets/sheet1.xml" in names and "xl/styles.xml" in names


def test_same_cells_give_the_same_bytes_whenever_written(tmp_path, monkeypatch):
    """A package's hash must depend on its content only; the benchmark data generator relies on it."""
    def make(name: str, clock: float) -> bytes:
        monkeypatch.setattr(zipfile.time, "time", lambda: clock)
        rows = [(["TT", "Nội dung"], stream.HEADER, 30), (["1", "Chữ ký số"], stream.BODY_TOP, None)]
        return write_workbook(tmp_path / name, [(SheetLayout("S", [5, 40]), iter(rows))]).read_bytes()

    assert make("a.xlsx", 1_700_000_000) == make("b.xlsx", 1_800_000_000)


def test_wide_sheets_repeat_their_first_columns_on_every_page(tmp_path):
    """A consolidated sheet of many units prints over several pages across: each must still say which target
    its cells are for."""
    header = ["TT", "Chỉ tiêu"] + [f"UBND xã {i}" for i in range(20)]
    layout = SheetLayout("Tổng hợp", [5, 30] + [12] * 20, header_row=1, title_columns="A:B", fit_width=False)
    ws = load_workbook(write_workbook(tmp_path / "w.xlsx", [(layout, iter([(header, stream.HEADER, None)]))]))["Tổng hợp"]
    assert (ws.print_title_cols, ws.print_title_rows) == ("$A:$B", "$1:$1")


def test_consolidated_sheet_of_many_units_repeats_target_columns(tmp_path):
    """Past FIT_WIDTH_UNITS a page's width would print too small to read: pages go on to the right, each with the
    target columns."""
    from dti_desktop.domain.report import ReportHeading
    from dti_desktop.io.xlsx_report import FIT_WIDTH_UNITS, write_consolidated

    units = [f"UBND xã Số {i}" for i in range(FIT_WIDTH_UNITS + 1)]
    out = write_consolidated(tmp_path / "t.xlsx", ReportHeading("Phòng VH&TT", "TỔNG HỢP", ""), [], units,
                             [[u] for u in units], ["Đơn vị"])
    ws = load_workbook(out)["Tổng hợp"]
    assert ws.print_title_cols == "$A:$B" and ws.print_title_rows == "$5:$5"
    assert not ws.sheet_properties.pageSetUpPr.fitToPage


def test_consolidated_workbook_of_20_units_prints_fitted_and_numbered(tmp_path):
    """Tổng hợp of an office with 20 units fits the page width (A4 landscape, as many pages down as it takes, the
    header row on each); every sheet has "Trang &P/&N" at its foot."""
    from dti_desktop.domain.report import ReportHeading
    from dti_desktop.io.xlsx_report import write_consolidated

    units = [f"UBND xã Số {i}" for i in range(20)]
    out = write_consolidated(tmp_path / "t.xlsx", ReportHeading("Phòng VH&TT", "TỔNG HỢP", ""), [], units,
                             [[u] for u in units], ["Đơn vị"])
    wb = load_workbook(out)
    ws = wb["Tổng hợp"]
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$5:$5" and ws.print_title_cols is None
    assert wb.sheetnames == ["Tổng hợp", "Chi tiết", "Tình hình gửi"]
    for sheet in wb:
        assert sheet.oddFooter.center.text == "Trang &P/&N", sheet.title
        assert sheet.oddFooter.center.font == "Times New Roman,Regular" and sheet.oddFooter.center.size == 11


def test_a_sheet_may_print_without_page_numbers(tmp_path):
    ws = load_workbook(write_workbook(tmp_path / "f.xlsx", [(SheetLayout("S", [5], footer=""), iter([]))]))["S"]
    assert not ws.oddFooter.center.text


def test_workbooks_show_why_an_assessment_was_overridden(tmp_path):
    """bao-cao.xlsx and the consolidated Chi tiết sheet show the officer's reason beside a manual assessment."""
    from dti_desktop.domain.report import ReportHeading, TargetAcrossUnits
    from dti_desktop.io.xlsx_report import write_consolidated, write_unit_report
    from tests.helpers import report_line

    reason = "Còn 1.100 sim 2G chưa chuyển đổi"
    manual = report_line("7", assessment="khong_dat", auto=False, reason=reason)
    automatic = report_line("8")
    expected = f"Chưa đạt (tự đánh giá: {reason})"
    heading = ReportHeading("UBND xã A", "BÁO CÁO", "")

    unit = load_workbook(write_unit_report(tmp_path / "bao-cao.xlsx", heading, [manual, automatic]))["Báo cáo"]
    header = [c.value for c in unit[5]]
    column = header.index("Đánh giá đạt/chưa đạt")
    assessed = {row[0].value: row[column].value for row in unit.iter_rows(min_row=6) if row[0].value in ("7", "8")}
    assert assessed == {"7": expected, "8": "Đạt"}

    targets = [TargetAcrossUnits(line.code, line.target.text, "100%", (("UBND xã A", line),))
               for line in (manual, automatic)]
    out = write_consolidated(tmp_path / "tong-hop.xlsx", heading, targets, ["UBND xã A"], [["UBND xã A"]], ["Đơn vị"])
    detail = load_workbook(out)["Chi tiết"]
    column = [c.value for c in detail[5]].index("Đánh giá đạt/chưa đạt")
    assessed = {row[0].value: row[column].value for row in detail.iter_rows(min_row=6)}
    assert assessed == {"7": expected, "8": "Đạt"}
