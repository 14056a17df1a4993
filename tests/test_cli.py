"""The command line as an officer runs it: exit codes, one-line errors, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT


def run(*args, db=None, env_dir=None):
    env = dict(os.environ)
    if env_dir:
        env["DTI_DATA_DIR"] = str(env_dir)
    cmd = [sys.executable, str(ROOT / "main.py"), *args]
    if db:
        cmd += ["--db", str(db)]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)


@pytest.fixture
def cli_db(tmp_path):
    return tmp_path / "cli" / "dti.sqlite3"


def test_catalogue_list_2025_shows_27_targets_with_goals(cli_db):
    result = run("catalogue", "list", "--year", "2025", db=cli_db)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "36/KH-UBND" in out and "27 chỉ tiêu" in out
    assert "Mục tiêu: 10%; 10%; 47-50%; 30%" in out
    assert "Mục tiêu: 1000 điểm" in out
    assert "PL2.5" in out


def test_catalogue_list_json(cli_db):
    result = run("catalogue", "list", "--year", "2024", "--json", db=cli_db)
    data = json.loads(result.stdout)
    assert data["plan"]["number"] == "88/KH-UBND"
    assert len(data["codes"]) == 34 and data["codes"][0] == "I.1"


def test_default_db_in_data_dir(tmp_path):
    result = run("catalogue", "plans", env_dir=tmp_path / "userdata")
    assert result.returncode == 0
    assert (tmp_path / "userdata" / "dti.sqlite3").exists()
    assert result.stdout.count("Kế hoạch số") == 3


def test_export_import_round_trip(cli_db, tmp_path):
    out = tmp_path / "danh mục 2025.xlsx"
    assert run("catalogue", "export", str(out), "--year", "2025", db=cli_db).returncode == 0
    other = tmp_path / "other" / "dti.sqlite3"
    result = run("catalogue", "import", str(out), db=other)
    assert result.returncode == 0 and "không có gì thay đổi" in result.stdout


def test_bad_workbook_exit_code_and_message_without_traceback(cli_db, tmp_path):
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"")
    result = run("catalogue", "import", str(bad), db=cli_db)
    assert result.returncode == 1
    assert "hong.xlsx: tệp rỗng (0 byte)" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_year(cli_db):
    result = run("catalogue", "list", "--year", "2019", db=cli_db)
    assert result.returncode == 1
    assert result.stderr.strip() == "Lỗi: Không có danh mục chỉ tiêu năm 2019 (có các năm: 2023, 2024, 2025)."


def test_usage_error_exit_2(cli_db):
    result = run("catalogue", "frobnicate", db=None)
    assert result.returncode == 2 and "Lỗi cú pháp lệnh" in result.stderr


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("DTI Desktop ")


def test_unit_add_assigns_targets(cli_db):
    result = run("unit", "add", "UBND phường Mạo Khê", "--kind", "phuong", "--own", db=cli_db)
    assert result.returncode == 0 and "được giao 27 chỉ tiêu" in result.stdout
    assert "(đơn vị của tôi)" in run("unit", "list", db=cli_db).stdout


def test_an_agency_added_as_own_unit_signs_as_its_head(cli_db):
    """`unit add --own` fills the signer's title as the first-run dialog does: an agency's report is not signed
    "CHỦ TỊCH"."""
    from datetime import date

    from dti_desktop.services import reports, workspace
    from dti_desktop.storage.database import open_database

    result = run("unit", "add", "Phòng Văn hóa và Thông tin", "--kind", "co_quan", "--district",
                 "thành phố Đông Triều", "--own", db=cli_db)
    assert result.returncode == 0, result.stderr
    db = open_database(cli_db)
    try:
        ctx = workspace.context(db)
        assert ctx.settings.signatory_title == "TRƯỞNG PHÒNG"
        assert reports.frame_for(ctx, "x", date(2025, 3, 14)).sign_title == "TRƯỞNG PHÒNG"
    finally:
        db.close()


def test_help_and_syntax_errors_are_in_vietnamese(cli_db):
    shown = run("--help").stdout
    assert shown.startswith("Cách dùng: main.py") and "Tùy chọn:" in shown and "hiện hướng dẫn này rồi thoát" in shown
    assert "usage" not in shown and "options:" not in shown
    bad = run("catalogue", "list", "--year", "abc", db=cli_db)
    assert bad.returncode == 2 and "tham số --year: giá trị “abc” không hợp lệ" in bad.stderr
    assert "invalid" not in bad.stderr and "usage" not in bad.stderr
    assert "thiếu lệnh" in run("catalogue", db=None).stderr
    assert "lệnh: không có “bogus”; chọn một trong: 'list'" in run("catalogue", "bogus").stderr


def test_export_to_a_folder_names_the_folder_in_vietnamese(cli_db, tmp_path):
    result = run("catalogue", "export", str(tmp_path), db=cli_db)
    assert result.returncode == 1 and f"{tmp_path}: đây là một thư mục" in result.stderr
    assert ".tmp" not in result.stderr and "Traceback" not in result.stderr


def test_entry_set_records_every_remark(cli_db):
    """Causes (nguyên nhân) too: the command line could not record them."""
    run("unit", "add", "UBND phường Mạo Khê", "--kind", "phuong", "--own", db=cli_db)
    saved = run("entry", "set", "--period", "2025-03", "--code", "6", "--value", "45/50 hồ sơ", "--notes", "Văn bản số 12",
                "--difficulties", "Thiếu nhân lực", "--causes", "Cán bộ kiêm nhiệm", "--proposals", "Bổ sung biên chế",
                db=cli_db)
    assert saved.returncode == 0, saved.stderr
    from dti_desktop.storage.database import open_database

    db = open_database(cli_db)
    row = db.execute("SELECT evidence_notes, difficulties, causes, proposals FROM progress_entry").fetchone()
    db.close()
    assert row == ("Văn bản số 12", "Thiếu nhân lực", "Cán bộ kiêm nhiệm", "Bổ sung biên chế")


def test_package_verify_shows_dates_as_officers_write_them_and_the_reason_for_sending_again(cli_db, tmp_path):
    run("unit", "add", "UBND phường Mạo Khê", "--kind", "phuong", "--own", "--district", "TP Đông Triều", db=cli_db)
    assert run("entry", "set", "--period", "2025-03", "--code", "9", "--value", "", "--value", "97",
               db=cli_db).returncode == 0
    assert run("package", "export", "--period", "2025-03", "--out", str(tmp_path / "usb"), db=cli_db).returncode == 0
    assert run("package", "reopen", "--period", "2025-03", "--reason", "Bổ sung minh chứng", db=cli_db).returncode == 0
    assert run("package", "export", "--period", "2025-03", "--out", str(tmp_path / "usb"), db=cli_db).returncode == 0
    r2 = next((tmp_path / "usb").glob("*_r2.dtipkg"))
    shown = run("package", "verify", str(r2))
    assert shown.returncode == 0, shown.stderr
    import re

    assert re.search(r"Tạo lúc: \d\d/\d\d/\d{4} \d\d:\d\d — ", shown.stdout)
    assert "Lý do gửi lại: Bổ sung minh chứng" in shown.stdout
    assert re.search(r"\n +9  \S.* -; 97\n", shown.stdout)  # the empty first figure keeps its place


def test_every_help_names_its_arguments_in_vietnamese(cli_db, tmp_path):
    import re

    commands = [("catalogue", "list"), ("catalogue", "export"), ("catalogue", "import"), ("unit", "add"),
                ("entry", "set"), ("entry", "show"), ("report", "pdf"), ("backup", "restore"), ("package", "export"),
                ("package", "verify"), ("package", "reopen"), ("district", "import"), ("district", "board"),
                ("district", "export")]
    for area, command in commands:
        shown = run(area, command, "--help").stdout
        english = re.findall(r"\b(FILE|PATHS|NAME|DB|CODE|PERIOD|YEAR|OUT|NUMBER|REASON|NOTES|DIFFICULTIES|CAUSES"
                             r"|PROPOSALS|KIND|DISTRICT|STATUS|VALUE)\b", shown)
        assert english == [], (area, command, english)
    folder = run("package", "verify", str(tmp_path))
    assert folder.returncode != 0 and "đây là một thư mục" in folder.stderr + folder.stdout


def test_a_second_own_unit_is_refused_not_started_over(cli_db):
    """`unit add --own` on data already set up reset every setting and hid the results under a new unit."""
    run("unit", "add", "UBND phường Mạo Khê", "--kind", "phuong", "--own", db=cli_db)
    run("entry", "set", "--period", "2025-03", "--code", "6", "--value", "92", db=cli_db)
    again = run("unit", "add", "UBND phường Mạo Khê mới", "--kind", "phuong", "--own", db=cli_db)
    assert again.returncode == 1 and "đã thiết lập cho “UBND phường Mạo Khê”" in again.stderr
    shown = run("entry", "show", "--period", "2025-03", "--code", "6", db=cli_db)
    assert "Tháng 03/2025: Chưa triển khai; kết quả: 92%" in shown.stdout


def test_entries_go_to_the_plan_of_their_year(cli_db):
    """`entry set --period 2019-03` was saved against the 2025 plan; 2024 is its own plan."""
    run("unit", "add", "UBND phường Mạo Khê", "--kind", "phuong", "--own", db=cli_db)
    refused = run("entry", "set", "--period", "2019-03", "--code", "6", "--value", "92", db=cli_db)
    assert refused.returncode == 1 and "Chưa có kế hoạch năm 2019" in refused.stderr
    saved = run("entry", "set", "--period", "2024-03", "--code", "I.2", "--value", "70", db=cli_db)  # 2024's codes
    assert saved.returncode == 0, saved.stderr
    assert "kết quả: 70%" in run("entry", "show", "--period", "2024-03", "--code", "I.2", db=cli_db).stdout
    assert "chưa có kết quả" in run("entry", "show", "--period", "2025-03", "--code", "6", db=cli_db).stdout


def test_a_package_written_is_a_success_even_when_the_backup_after_it_fails(cli_db, tmp_path, monkeypatch, capsys):
    """The package was written and the month locked, then "Lỗi" and exit code 1: a retry said it was sent."""
    from dti_desktop.cli import main
    from dti_desktop.services import backups
    from dti_desktop.storage.errors import StorageError

    assert main(["unit", "add", "UBND phường Mạo Khê", "--kind", "phuong", "--own", "--db", str(cli_db)]) == 0
    assert main(["entry", "set", "--period", "2025-03", "--code", "6", "--value", "92", "--db", str(cli_db)]) == 0

    def full(path, *args, **kwargs):
        raise StorageError("ổ đĩa đã đầy; hãy giải phóng dung lượng rồi thử lại")

    monkeypatch.setattr(backups, "create_backup", full)
    assert main(["package", "export", "--period", "2025-03", "--out", str(tmp_path / "usb"), "--db", str(cli_db)]) == 0
    out = capsys.readouterr()
    assert "Đã ghi gói" in out.out and out.err.startswith("Cảnh báo: gói đã ghi nhưng chưa sao lưu được: ổ đĩa đã đầy")


def test_a_command_that_writes_waits_for_no_window(cli_db):
    """While a window held the data folder, `entry set` and `backup restore` wrote under it: the window went on
    with the data it had shown, and saved over the command's."""
    from dti_desktop.ui.instance import InstanceGuard

    run("unit", "add", "UBND phường Mạo Khê", "--kind", "phuong", "--own", db=cli_db)
    window = InstanceGuard(cli_db.parent)  # as the window holds it
    assert window.acquire()
    try:
        refused = run("entry", "set", "--period", "2025-03", "--code", "6", "--value", "92", db=cli_db)
        assert refused.returncode == 1 and "đang được mở trong cửa sổ DTI Desktop" in refused.stderr
        assert "chưa có kết quả" in run("entry", "show", "--period", "2025-03", "--code", "6", db=cli_db).stdout
    finally:
        window.release()
    assert run("entry", "set", "--period", "2025-03", "--code", "6", "--value", "92", db=cli_db).returncode == 0
