"""`roster list|add|rename|retire|merge|import|history`: the office's roster from the command line."""

from __future__ import annotations

from openpyxl import Workbook

from tests.test_cli import cli_db, run  # noqa: F401  (the fixture)


def _office(db) -> None:
    made = run("unit", "add", "Phòng Văn hóa và Thông tin", "--own", "--district", "thành phố Đông Triều",
               "--year", "2025", db=db)
    assert made.returncode == 0, made.stderr


def test_roster_commands_edit_the_years_list_with_history(cli_db, tmp_path):  # noqa: F811
    _office(cli_db)
    empty = run("roster", "list", db=cli_db)
    assert empty.returncode == 0 and "Danh sách đơn vị năm 2025: 0 đơn vị (đề xuất" in empty.stdout
    assert "roster import TỆP.xlsx" in empty.stdout
    assert run("unit", "add", "UBND phường Mạo Khê", db=cli_db).returncode == 0  # the office's units are proposed
    added = run("roster", "add", "UBND xã Bình Khê", db=cli_db)
    assert added.returncode == 0 and added.stdout.startswith("Đã thêm “UBND xã Bình Khê” (xã)"), added.stderr
    book = Workbook()
    book.active.append(["TT", "Tên xã, phường"])
    book.active.append([1, "UBND xã Tràng Lương"])
    book.save(tmp_path / "ds.xlsx")
    imported = run("roster", "import", str(tmp_path / "ds.xlsx"), db=cli_db)
    assert imported.returncode == 0 and "thêm 1" in imported.stdout, imported.stderr
    renamed = run("roster", "rename", "UBND xã Bình Khê", "UBND phường Bình Khê", db=cli_db)
    assert "Đã đổi tên" in renamed.stdout, renamed.stderr
    merged = run("roster", "merge", "UBND phường Bình Khê", "UBND xã Tràng Lương", "--into", "UBND phường An Sinh",
                 db=cli_db)
    assert merged.returncode == 0 and "Đã gộp" in merged.stdout, merged.stderr
    retired = run("roster", "retire", "UBND phường Mạo Khê", "--reason", "thử", db=cli_db)
    assert retired.returncode == 0, retired.stderr
    listed = run("roster", "list", db=cli_db).stdout.splitlines()
    assert listed[0] == "Danh sách đơn vị năm 2025: 1 đơn vị" and listed[1].endswith("UBND phường An Sinh — Phường")
    everything = run("roster", "list", "--all", db=cli_db).stdout
    assert "UBND phường Mạo Khê — Phường — thôi theo dõi" in everything and "(thử)" in everything
    history = run("roster", "history", db=cli_db).stdout
    assert "Lập danh sách" in history and "Gộp UBND phường An Sinh" in history
    assert "Danh sách đơn vị năm 2026: 1 đơn vị (đề xuất, chép từ danh sách năm 2025" in run(
        "roster", "list", "--year", "2026", db=cli_db).stdout


def test_roster_refusals_read_in_vietnamese(cli_db, tmp_path):  # noqa: F811
    _office(cli_db)
    missing = run("roster", "retire", "UBND xã Không Có", db=cli_db)
    assert missing.returncode == 1 and "Không có đơn vị “UBND xã Không Có”" in missing.stderr
    book = Workbook()
    book.active.title = "Xã"
    book.active.append(["TT", "Tên đơn vị"])
    book.active.append([1, "UBND xã Bình\u200bKhê"])
    book.save(tmp_path / "sai.xlsx")
    bad = run("roster", "import", str(tmp_path / "sai.xlsx"), db=cli_db)
    assert bad.returncode == 1 and "sai.xlsx: trang tính “Xã”, dòng 2, cột B (Tên đơn vị)" in bad.stderr
    assert "chưa thay đổi gì" in bad.stderr
    assert "0 đơn vị" in run("roster", "list", db=cli_db).stdout


def test_roster_help_names_its_arguments_in_vietnamese(cli_db):  # noqa: F811
    import re

    for command in ("list", "add", "rename", "retire", "merge", "import", "history"):
        shown = run("roster", command, "--help").stdout
        assert shown.startswith("Cách dùng: ./dti roster " + command), shown
        assert re.findall(r"\b(FILE|NAME|NAMES|OLD|NEW|YEAR|KIND|REASON|INTO)\b", shown) == [], (command, shown)
