"""`entry copy-month` and `package check`: the monthly round from the command line."""

from __future__ import annotations

from tests.test_cli import cli_db, run  # noqa: F401  (the fixture)


def test_copy_month_then_check_then_undo(cli_db):  # noqa: F811
    run("unit", "add", "UBND phường Mạo Khê", "--kind", "phuong", "--own", db=cli_db)
    saved = run("entry", "set", "--period", "2025-04", "--code", "9", "--value", "", "--value", "48/50", db=cli_db)
    assert "Hoàn thành, Đạt" in saved.stdout  # no --status: the one the result calls for, not "Chưa triển khai"
    run("entry", "set", "--period", "2025-04", "--code", "6", "--value", "80", "--notes", "Cổng DVC", db=cli_db)
    copied = run("entry", "copy-month", "--period", "2025-05", db=cli_db)
    assert copied.returncode == 0, copied.stderr
    assert copied.stdout.startswith("Đã chép 2 chỉ tiêu từ tháng 04/2025 sang tháng 05/2025 (kèm 0 tệp minh chứng).")
    shown = run("entry", "show", "--period", "2025-05", "--code", "6", db=cli_db).stdout
    assert "Tháng 05/2025: Đang triển khai; kết quả: 80%" in shown and "Chép cả tháng trước" in shown
    check = run("package", "check", "--period", "2025-05", db=cli_db)
    assert check.returncode == 0, check.stderr
    lines = check.stdout.splitlines()
    assert lines[1].startswith("[ ] 2/27 chỉ tiêu đã có kết quả; 25 chỉ tiêu chưa có kết quả: 1, 2, 3")
    assert "[ ] 1 chỉ tiêu “Hoàn thành” chưa có minh chứng (ghi chú hoặc tệp): 9." in lines
    undone = run("entry", "copy-month", "--period", "2025-05", "--undo", db=cli_db)
    assert undone.stdout.startswith("Đã hoàn tác việc chép từ tháng 04/2025: 2 chỉ tiêu trở lại chưa có kết quả")
    assert "Tháng 05/2025: chưa có kết quả." in run("entry", "show", "--period", "2025-05", "--code", "6",
                                                     db=cli_db).stdout
    again = run("entry", "copy-month", "--period", "2025-05", "--undo", db=cli_db)
    assert again.returncode == 1 and "không có lần chép cả tháng nào để hoàn tác" in again.stderr


def test_copy_month_into_january_says_why_not(cli_db):  # noqa: F811
    run("unit", "add", "UBND phường Mạo Khê", "--kind", "phuong", "--own", db=cli_db)
    refused = run("entry", "copy-month", "--period", "2025-01", db=cli_db)
    assert refused.returncode == 1 and "tháng đầu của kế hoạch năm 2025" in refused.stderr
