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
    assert shown.startswith("Cách dùng: ./dti") and "Tùy chọn:" in shown and "hiện hướng dẫn này rồi thoát" in shown
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
                ("settings", "show"), ("settings", "set"),
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
    assert "Tháng 03/2025: Hoàn thành; kết quả: 92%" in shown.stdout  # 92 % of a 90 % goal, no --status given


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


# -- what the first-run and Settings dialogs do -------------------------------------


def test_unit_list_on_an_empty_database_says_there_is_no_unit_yet(cli_db):
    shown = run("unit", "list", db=cli_db)
    assert shown.returncode == 0
    assert shown.stdout == ("Chưa có đơn vị nào. Thiết lập đơn vị của bạn: ./dti unit add \"TÊN ĐƠN VỊ\" --own "
                            "(xem ./dti unit add --help).\n")


@pytest.mark.parametrize("name, kind", [("UBND phường Mạo Khê", "Phường"), ("UBND xã Yên Đức", "Xã"),
                                        ("Phòng Văn hóa và Thông tin", "Cơ quan, đơn vị"),
                                        ("UBND đặc khu Vân Đồn", "Đặc khu"), ("UBND thị xã Quảng Yên",
                                                                             "Cấp huyện/thành phố")])
def test_the_unit_kind_is_proposed_from_the_name(cli_db, name, kind):
    added = run("unit", "add", name, "--own", db=cli_db)
    assert added.returncode == 0, added.stderr
    assert f"— {kind.lower()} (theo tên; đổi bằng --kind)" in added.stdout and f"Loại đơn vị: {kind}\n" in added.stdout


def test_a_name_that_does_not_say_its_kind_asks_for_it(cli_db):
    refused = run("unit", "add", "Ban Chỉ đạo", "--kind", "co_quan", "--own", db=cli_db)
    assert refused.returncode == 0  # given: taken
    unknown = run("unit", "add", "Quảng Ninh", db=cli_db)
    assert unknown.returncode == 1 and "không cho biết loại đơn vị; hãy ghi thêm --kind" in unknown.stderr


def test_every_setting_of_the_dialogs_is_set_from_the_command_line(cli_db):
    added = run("unit", "add", "UBND phường Mạo Khê", "--own", "--district", "thành phố Đông Triều",
                "--officer", "Nguyễn Văn An", "--officer-position", "Công chức", "--signer", "Trần Thị Bình",
                "--signer-title", "KT. CHỦ TỊCH", "--signer-title", "PHÓ CHỦ TỊCH", "--issuer-code", "bc-ubnd",
                "--office", "Phòng Văn hóa và Thông tin", "--place", "Mạo Khê", "--report-day", "20",
                "--recipient", "- UBND thành phố (b/c);", "--recipient", "- Lưu: VT.", db=cli_db)
    assert added.returncode == 0, added.stderr
    from dti_desktop.domain.settings import Settings
    from dti_desktop.storage.database import open_database
    from dti_desktop.storage.settings_store import load_settings

    expected = Settings(district="thành phố Đông Triều", unit_name="UBND phường Mạo Khê", officer_name="Nguyễn Văn An",
                        officer_position="Công chức", signatory_name="Trần Thị Bình",
                        signatory_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", report_day=20,
                        consolidating_office="Phòng Văn hóa và Thông tin", place_name="Mạo Khê",
                        recipients="- UBND thành phố (b/c);\n- Lưu: VT.", issuer_code="UBND")
    db = open_database(cli_db)
    try:
        assert load_settings(db) == expected
    finally:
        db.close()
    changed = run("settings", "set", "--place", "Phường Mạo Khê", "--recipient", "- Lưu: VT.", db=cli_db)
    assert changed.returncode == 0, changed.stderr
    shown = run("settings", "show", db=cli_db).stdout
    assert "Địa danh: Phường Mạo Khê\n" in shown and "Nơi nhận: - Lưu: VT.\n" in shown
    assert "Người ký báo cáo: Trần Thị Bình\n" in shown and "Ký hiệu cơ quan: UBND\n" in shown  # kept


def test_the_defaults_are_those_the_first_run_dialog_fills_in(cli_db):
    """The area and the reporting day from the plan (88/KH-UBND says 20), the signer's title from the kind."""
    added = run("unit", "add", "Phòng Văn hóa và Thông tin", "--own", "--year", "2024", db=cli_db)
    assert added.returncode == 0, added.stderr
    assert "được giao" in added.stdout and "88/KH-UBND" in added.stdout
    assert "Ngày báo cáo hằng tháng: 20\n" in added.stdout and "Chức danh người ký: TRƯỞNG PHÒNG\n" in added.stdout
    assert "Thuộc địa bàn: thị xã Đông Triều\n" in added.stdout  # the plan of 2024 names the town so


def test_settings_refused_say_why_and_change_nothing(cli_db):
    run("unit", "add", "UBND phường Mạo Khê", "--own", db=cli_db)
    before = run("settings", "show", db=cli_db).stdout
    bad_day = run("settings", "set", "--report-day", "31", "--place", "Mạo Khê", db=cli_db)
    assert bad_day.returncode == 1 and "Ngày báo cáo hằng tháng phải từ 1 đến 28 (nhận 31)." in bad_day.stderr
    nothing = run("settings", "set", db=cli_db)
    assert nothing.returncode == 1 and "Chưa ghi mục nào để sửa" in nothing.stderr
    not_own = run("unit", "add", "UBND xã Yên Đức", "--officer", "Ai đó", db=cli_db)
    assert not_own.returncode == 1 and "chỉ dành cho đơn vị của bạn (--own)" in not_own.stderr
    assert run("settings", "show", db=cli_db).stdout == before


def test_settings_rename_the_unit_and_its_results_stay(cli_db):
    run("unit", "add", "UBND phường Mạo Khê", "--own", db=cli_db)
    run("entry", "set", "--period", "2025-03", "--code", "6", "--value", "92", db=cli_db)
    renamed = run("settings", "set", "--unit-name", "UBND phường Mạo Khê mới", db=cli_db)
    assert renamed.returncode == 0, renamed.stderr
    assert "UBND phường Mạo Khê mới — Phường" in run("unit", "list", db=cli_db).stdout
    assert "kết quả: 92%" in run("entry", "show", "--period", "2025-03", "--code", "6", db=cli_db).stdout


def test_a_locked_month_names_the_command_that_reopens_it(cli_db, tmp_path):
    run("unit", "add", "UBND phường Mạo Khê", "--own", db=cli_db)
    run("entry", "set", "--period", "2025-03", "--code", "6", "--value", "92", db=cli_db)
    assert run("package", "export", "--period", "2025-03", "--out", str(tmp_path / "usb"), db=cli_db).returncode == 0
    locked = run("entry", "set", "--period", "2025-03", "--code", "6", "--value", "93", db=cli_db)
    assert locked.returncode == 1
    assert locked.stderr.endswith("Mở lại bằng lệnh: ./dti package reopen --period 2025-03 --reason \"LÝ DO MỞ LẠI\"\n")
    again = run("package", "export", "--period", "2025-03", "--out", str(tmp_path / "usb"), db=cli_db)
    assert again.returncode == 1 and "./dti package reopen --period 2025-03" in again.stderr


def test_a_report_of_a_past_period_is_dated_by_its_deadline_unless_a_date_is_given(cli_db, tmp_path):
    run("unit", "add", "UBND phường Mạo Khê", "--own", "--report-day", "20", db=cli_db)
    month = run("report", "pdf", "--period", "2025-03", "--out", str(tmp_path / "a.pdf"), db=cli_db)
    assert month.returncode == 0 and month.stdout.endswith("báo cáo ngày 20/03/2025.\n"), month.stderr
    quarter = run("report", "pdf", "--period", "2025-05", "--kind", "quarter", "--out", str(tmp_path / "q.pdf"),
                  db=cli_db)
    assert quarter.stdout.endswith("báo cáo ngày 15/06/2025.\n"), quarter.stderr
    given = run("report", "pdf", "--period", "2025-03", "--out", str(tmp_path / "b.pdf"), "--date", "14/03/2025",
                db=cli_db)
    assert given.stdout.endswith("báo cáo ngày 14/03/2025.\n"), given.stderr
    bad = run("report", "pdf", "--period", "2025-03", "--out", str(tmp_path / "c.pdf"), "--date", "2025-03-14",
              db=cli_db)
    assert bad.returncode == 2 and "tham số --date: ngày “2025-03-14” không đúng dạng dd/mm/yyyy" in bad.stderr


def test_a_command_needs_no_display_even_where_one_is_set(cli_db, tmp_path):
    """`report pdf` took the X11 platform whenever DISPLAY was set: with that display gone, or its libraries
    missing, Qt aborted in English. A command draws offscreen."""
    run("unit", "add", "UBND phường Mạo Khê", "--own", db=cli_db)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["DISPLAY"] = ":987"
    made = subprocess.run([sys.executable, str(ROOT / "main.py"), "report", "pdf", "--period", "2025-03", "--out",
                           str(tmp_path / "a.pdf"), "--db", str(cli_db)], env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)
    assert made.returncode == 0, made.stderr
    assert made.stderr == ""


def test_the_command_line_runs_as_a_module_too(cli_db):
    """`python -m dti_desktop.cli` is the same command line as `./dti` (main.py)."""
    result = subprocess.run([sys.executable, "-m", "dti_desktop.cli", "unit", "list", "--db", str(cli_db)], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("Chưa có đơn vị nào."), result.stderr
