"""`catalogue import FILE`: the same reader and summary as the window's review, from the command line."""

from __future__ import annotations

from tests.helpers import ROOT
from tests.test_cli import cli_db, run  # noqa: F401 (fixture)

CORPUS = ROOT / "tests" / "fixtures" / "annexes"


def test_dry_run_prints_what_was_found_and_writes_nothing(cli_db):
    run("catalogue", "plans", db=cli_db)  # the database as a first start leaves it
    before = cli_db.read_bytes() if cli_db.exists() else b""
    result = run("catalogue", "import", str(CORPUS / "mc2023_ke-hoach-75.docx"), "--dry-run", db=cli_db)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "bảng phụ lục ở bảng" in out and "Số kế hoạch: 75/KH-UBND" in out
    assert "cột 2 “Mục tiêu” → Mục tiêu" in out and "không có cột mục tiêu" in out
    assert "31 chỉ tiêu" in out and "Chạy thử (--dry-run): chưa ghi gì" in out
    plans = run("catalogue", "plans", db=cli_db).stdout
    assert plans.count("75/KH-UBND") == 1  # the embedded plan only


def test_missing_plan_fields_are_asked_for_by_option(cli_db):
    result = run("catalogue", "import", str(CORPUS / "dt2024_chi-co-bang.xlsx"), db=cli_db)
    assert result.returncode == 1
    assert "thiếu số kế hoạch" in result.stderr and "--number" in result.stderr and "--issuer" in result.stderr
    assert "Traceback" not in result.stderr
    result = run("catalogue", "import", str(CORPUS / "dt2024_chi-co-bang.xlsx"), "--number", "3/KH-UBND",
                 "--date", "05/01/2026", "--issuer", "UBND xã Yên Tử", "--year", "2026", db=cli_db)
    assert result.returncode == 0, result.stderr
    assert "Đã nhập kế hoạch 3/KH-UBND năm 2026: 34 chỉ tiêu." in result.stdout
    listed = run("catalogue", "list", "--year", "2026", db=cli_db)
    assert "34 chỉ tiêu" in listed.stdout


def test_doubts_are_printed_and_a_row_can_be_skipped(cli_db):
    path = str(CORPUS / "dt2025_pl1-pl2_mot-sheet.xlsx")
    result = run("catalogue", "import", path, "--dry-run", db=cli_db)
    assert "Cần xem lại (1):" in result.stdout and "“80&”" in result.stdout
    line = next(x for x in result.stdout.splitlines() if "“80&”" in x)
    row = line.split("dòng ")[1].split(",")[0]
    skipped = run("catalogue", "import", path, "--dry-run", "--skip-row", row, db=cli_db)
    assert "26 chỉ tiêu" in skipped.stdout and "bỏ chỉ tiêu 16" in skipped.stdout


def test_a_refused_file_names_sheet_row_and_column(cli_db):
    result = run("catalogue", "import", str(CORPUS / "tu-choi_muc-tieu-150.xlsx"), db=cli_db)
    assert result.returncode == 1
    assert "trang tính “Sheet1”, dòng 14, cột G" in result.stderr and "150%" in result.stderr
    assert "chưa thay đổi gì" in result.stderr
