"""`catalogue copy|add|edit|remove|history` as an office runs them: a new year's annex drafted from the command line."""

from __future__ import annotations

from tests.test_cli import run


def test_an_office_drafts_next_years_annex_from_the_command_line(tmp_path):
    db = tmp_path / "cli" / "dti.sqlite3"
    copied = run("catalogue", "copy", "--from-year", "2025", "--year", "2026", "--number", "12/KH-UBND",
                 "--date", "10/01/2026", "--issuer", "UBND xã Đông Triều", db=db)
    assert copied.returncode == 0, copied.stderr
    assert copied.stdout.startswith("Đã lập danh mục năm 2026: Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND xã "
                                    "Đông Triều, 27 chỉ tiêu chép từ kế hoạch 36/KH-UBND năm 2025.")
    added = run("catalogue", "add", "--year", "2026", "--group", "IV", "--tt", "23", "--text",
                "Tỷ lệ hộ gia đình có địa chỉ số", "--lead", "Công an xã", "--local-goal", "80%",
                "--deadline", "30/11/2026", db=db)
    assert added.returncode == 0 and added.stdout.strip() == "Đã thêm chỉ tiêu 23 vào kế hoạch 12/KH-UBND."
    assert run("catalogue", "edit", "23", "--year", "2026", "--local-goal", "tối thiểu 85%", db=db).returncode == 0
    refused = run("catalogue", "edit", "23", "--year", "2026", "--local-goal", "150%", db=db)
    assert refused.returncode == 1 and refused.stderr.strip() == "Lỗi: Mục tiêu không đọc được: tỷ lệ 150% vượt quá 100%."
    taken = run("catalogue", "add", "--year", "2026", "--group", "II", "--tt", "5", "--text", "x", "--lead", "y",
                db=db)
    assert taken.returncode == 1 and "TT “5” đã có trong phần PL1" in taken.stderr
    assert run("catalogue", "remove", "PL2.5", "--year", "2026", db=db).returncode == 0
    missing = run("catalogue", "remove", "PL2.9", "--year", "2026", db=db)
    assert missing.returncode == 1 and "không có chỉ tiêu mã “PL2.9”" in missing.stderr
    history = run("catalogue", "history", "--year", "2026", db=db).stdout.splitlines()
    assert history[0].endswith(": 4 thay đổi trong chương trình.")
    assert "Chỉ tiêu 23: Sửa mục tiêu của địa phương “80%” → “tối thiểu 85%”" in history[2]
    listed = run("catalogue", "list", "--year", "2026", db=db).stdout
    assert "Tỷ lệ hộ gia đình có địa chỉ số" in listed and "PL2.5" not in listed and "Mục tiêu: tối thiểu 85%" in listed


def test_copying_onto_a_plan_already_there_is_refused(tmp_path):
    db = tmp_path / "cli" / "dti.sqlite3"
    again = run("catalogue", "copy", "--from-year", "2024", "--year", "2025", "--number", "36/KH-UBND",
                "--date", "06/02/2025", "--issuer", "UBND thành phố Đông Triều", db=db)
    assert again.returncode == 1
    assert again.stderr.strip() == "Lỗi: Đã có kế hoạch số 36/KH-UBND năm 2025 của UBND thành phố Đông Triều."
    bad_date = run("catalogue", "copy", "--from-year", "2025", "--year", "2026", "--number", "1/KH-UBND",
                   "--date", "32/01/2026", "--issuer", "UBND xã A", db=db)
    assert bad_date.returncode == 1 and "--date “32/01/2026” không phải ngày hợp lệ" in bad_date.stderr
