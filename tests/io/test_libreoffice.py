"""LibreOffice opens the exported annex workbook (skipped only where soffice is absent)."""

from __future__ import annotations

import csv
import shutil
import subprocess

import pytest

from dti_desktop.io.catalogue_json import read_catalogue
from dti_desktop.io.xlsx_catalogue_export import export_catalogue
from tests.helpers import CATALOGUES

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def first_sheet_as_csv(xlsx, tmp_path) -> list[list[str]]:
    """The workbook's first sheet as LibreOffice reads it (converted headless to UTF-8 CSV)."""
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(xlsx)],
        capture_output=True, text=True, timeout=180,
    )
    out = tmp_path / (xlsx.stem + ".csv")
    assert out.exists(), result.stdout + result.stderr
    return list(csv.reader(out.read_text(encoding="utf-8").splitlines()))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) không có trên máy này")
def test_libreoffice_converts_exported_catalogue_to_csv(tmp_path):
    catalogue = read_catalogue(CATALOGUES / "dong-trieu-2025.json")
    xlsx = export_catalogue(catalogue, tmp_path / "danh-muc.xlsx")
    rows = first_sheet_as_csv(xlsx, tmp_path)
    header = rows[3]
    assert header[:3] == ["TT", "Mục tiêu", "Cơ quan chủ trì"]
    texts = [r[1] for r in rows if len(r) > 1]
    assert catalogue.targets()[16].text in texts  # "Tỷ lệ dân số trưởng thành được cấp chữ ký số đạt 50%"
    tts = [r[0] for r in rows[4:]]
    assert tts.count("1") == 2 and "22" in tts and "PL2" in tts


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) không có trên máy này")
def test_libreoffice_reads_the_streamed_consolidated_workbook(tmp_path):
    """The consolidated report is written by xlsx_stream, not openpyxl: LibreOffice must read it the same."""
    from dti_desktop.io import xlsx_stream as stream
    from dti_desktop.io.xlsx_stream import SheetLayout, write_workbook

    rows = [(["SỞ VĂN HÓA"], stream.TITLE_BOLD, None), ([], stream.PLAIN, None),
            (["TT", "Chỉ tiêu", "UBND phường Mạo Khê"], stream.HEADER, 31),
            (["1", "=1+1", "92,5 (Hoàn thành)"], (stream.BODY_CENTER, stream.BODY_TOP, stream.BODY_TOP), 17),
            (["2", "a < b & c", "Chưa báo cáo"], stream.BODY_TOP, None)]
    xlsx = write_workbook(tmp_path / "tong-hop.xlsx", [(SheetLayout("Tổng hợp", [5, 36, 14], freeze="C4",
                                                                    header_row=3), iter(rows))])
    got = first_sheet_as_csv(xlsx, tmp_path)
    assert got[0][0] == "SỞ VĂN HÓA"
    assert got[2] == ["TT", "Chỉ tiêu", "UBND phường Mạo Khê"]
    assert got[3] == ["1", "=1+1", "92,5 (Hoàn thành)"]  # text, not a formula LibreOffice would compute
    assert got[4] == ["2", "a < b & c", "Chưa báo cáo"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) không có trên máy này")
def test_libreoffice_reads_numbers_as_numbers_in_their_format(tmp_path):
    """The consolidated counts and shares are numeric cells: LibreOffice shows 11.111 in the "0.0" format as
    11,1 (11.1 in an English locale), which a text cell would not; text that looks like a formula stays text."""
    from dti_desktop.io import xlsx_stream as stream
    from dti_desktop.io.xlsx_stream import SheetLayout, write_workbook

    rows = [(["TT", "Giao", "Đạt", "Tỷ lệ đạt (%)", "Ghi chú"], stream.HEADER, 31),
            (["1", 9, 0, 11.111, "=1+1"], (stream.BODY_CENTER, stream.NUMBER, stream.NUMBER, stream.DECIMAL,
                                           stream.BODY_TOP), None)]
    xlsx = write_workbook(tmp_path / "so.xlsx", [(SheetLayout("Tổng hợp", [5, 9, 9, 9, 14]), iter(rows))])
    got = first_sheet_as_csv(xlsx, tmp_path)
    assert got[1][:3] == ["1", "9", "0"] and got[1][4] == "=1+1"
    assert got[1][3] in ("11,1", "11.1")  # shown in the cell's one-decimal format: a number, not the text "11.111"


@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) hoặc pdftotext không có trên máy này")
def test_libreoffice_prints_the_summary_of_20_units_on_the_page_width_with_page_numbers(tmp_path):
    """Printed, "Tổng hợp" of 20 units has every unit's column on its first page (it ran over pages across,
    the last units on pages of their own) and "Trang 1/…" at its foot."""
    from dti_desktop.domain.report import ReportHeading, TargetAcrossUnits
    from dti_desktop.io.xlsx_report import write_consolidated
    from tests.helpers import report_line

    units = [f"ĐV{i:02d}" for i in range(20)]  # one word each: a name wrapped in its cell reads apart in the text
    targets = [TargetAcrossUnits(str(n), f"Chỉ tiêu thứ {n} về chuyển đổi số", "100%",
                                 tuple((u, report_line(str(n))) for u in units)) for n in range(1, 4)]
    xlsx = write_consolidated(tmp_path / "tong-hop.xlsx", ReportHeading("Phòng VH&TT", "TỔNG HỢP", "(phụ đề)"),
                              targets, units, [[u] for u in units], ["Đơn vị"])
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(xlsx)], capture_output=True, timeout=180, check=True)
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "tong-hop.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    flat = " ".join(first.split())
    assert all(u in flat.split() for u in units) and "Chỉ tiêu thứ 3" in flat
    assert "Trang 1/" in flat
