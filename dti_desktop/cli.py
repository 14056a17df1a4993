"""Command line: `./dti catalogue …`, `unit …`, `settings …`, `entry …`, `package …`, `district …`, `report …`,
`backup …` (`./dti --help`; in the bundle, dti-cli).

A thin shell over dti_desktop.services: each command opens the database, calls
one service and turns known errors into a one-line Vietnamese message (exit 1).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from datetime import date, datetime
from pathlib import Path

from . import __version__, cli_settings
from . import cli_annex as annex_commands
from . import cli_answers as answer_commands
from . import cli_district as district_commands
from . import cli_keys as key_commands
from . import cli_round as round_commands
from . import cli_roster as roster_commands
from . import cli_documents as document_commands
from .cli_settings import launcher
from .domain.annex import Catalogue
from .domain.units import Unit, UnitKind
from .io.catalogue_json import catalogue_to_dict
from .io.package_reader import PackageError
from .io.workbook_errors import WorkbookError
from .paths import default_db_path, use_data_folder
from .domain.errors import BadInput, KnownError, describe_os_error
from .storage.submission_store import LockedError

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_BUG = 3


# argparse's own words (Python 3.11), in Vietnamese: its help and its errors reach the officer too.
_HELP_WORDS = (("usage: ", "Cách dùng: "), ("positional arguments:", "Lệnh và tham số:"), ("options:", "Tùy chọn:"),
               ("show this help message and exit", "hiện hướng dẫn này rồi thoát"),
               ("show program's version number and exit", "hiện phiên bản rồi thoát"))
_ERROR_PATTERNS = (
    (re.compile(r"^argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)$"),
     "tham số {0}: không có “{1}”; chọn một trong: {2}"),
    (re.compile(r"^argument (\S+): invalid (\w+) value: '(.*)'$"), "tham số {0}: giá trị “{2}” không hợp lệ"),
    (re.compile(r"^argument (\S+): expected one argument$"), "tham số {0} cần một giá trị"),
    (re.compile(r"^argument (\S+): not allowed with argument (\S+)$"), "không dùng {0} cùng với {1}"),
    (re.compile(r"^the following arguments are required: command$"), "thiếu lệnh (xem danh sách lệnh bằng -h)"),
    (re.compile(r"^the following arguments are required: (.*)$"), "thiếu tham số bắt buộc: {0}"),
    (re.compile(r"^unrecognized arguments: (.*)$"), "không hiểu tham số: {0}"),
    (re.compile(r"^argument (\S+): (.*)$"), "tham số {0}: {1}"),  # a value our own type refused, said by it
)


def _vietnamese(message: str) -> str:
    for pattern, text in _ERROR_PATTERNS:
        if m := pattern.match(message):
            text = text.format(*m.groups())
            # the argument naming a command is called by its name, not by its internal one or its choices
            return re.sub(r"^tham số (?:command|area|\{[^}]*\}): ", "lệnh: ", text)
    return message


class _Parser(argparse.ArgumentParser):
    """argparse with Vietnamese help and errors, and no traceback."""

    def format_usage(self) -> str:
        return self._words(super().format_usage())

    def format_help(self) -> str:
        return self._words(super().format_help())

    @staticmethod
    def _words(text: str) -> str:
        for english, vietnamese in _HELP_WORDS:
            text = text.replace(english, vietnamese)
        return text

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"Lỗi cú pháp lệnh: {_vietnamese(message)}\n")
        raise SystemExit(EXIT_USAGE)


def _db_option() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=None, metavar="TỆP_CSDL",
                        help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu của người dùng); đặt sau tên lệnh")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _db_option()
    parser = _Parser(prog=launcher(), description="DTI Desktop — theo dõi chỉ tiêu chuyển đổi số.")
    parser.add_argument("--version", action="version", version=f"DTI Desktop {__version__}",
                        help="hiện phiên bản rồi thoát")
    areas = parser.add_subparsers(dest="area", parser_class=_Parser, metavar="{catalogue,unit,roster,settings,entry,package,district,report,document,backup}")
    cat = areas.add_parser("catalogue", help="danh mục chỉ tiêu").add_subparsers(
        dest="command", required=True, parser_class=_Parser)
    p = cat.add_parser("list", parents=[common], help="liệt kê chỉ tiêu của kế hoạch")
    p.add_argument("--year", type=int, metavar="NĂM", help="năm của kế hoạch")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    cat.add_parser("plans", parents=[common], help="liệt kê các kế hoạch đã có")
    p = cat.add_parser("export", parents=[common], help="xuất danh mục ra tệp Excel")
    p.add_argument("file", type=Path, metavar="TỆP.xlsx", help="tệp Excel sẽ ghi")
    p.add_argument("--year", type=int, metavar="NĂM", help="năm của kế hoạch (mặc định: kế hoạch đang dùng)")
    p = cat.add_parser("import", parents=[common],
                       help="nhập phụ lục chỉ tiêu của kế hoạch từ tệp Excel (.xlsx, .xlsm, .xls), .ods hoặc Word (.docx)")
    p.add_argument("file", type=Path, metavar="TỆP",
                   help="tệp phụ lục: bảng chép từ kế hoạch, tệp Word của kế hoạch, hoặc tệp danh mục đã xuất")
    p.add_argument("--number", default="", metavar="SỐ", help="số kế hoạch, ví dụ 36/KH-UBND (khi tệp không ghi)")
    p.add_argument("--date", default="", metavar="dd/mm/yyyy", help="ngày ban hành kế hoạch (khi tệp không ghi)")
    p.add_argument("--issuer", default="", metavar="CƠ_QUAN", help="cơ quan ban hành, ví dụ \"UBND xã Yên Tử\"")
    p.add_argument("--year", default="", metavar="NĂM", help="năm của kế hoạch (khi tệp không ghi)")
    p.add_argument("--dry-run", action="store_true", help="chỉ đọc và in những gì tìm thấy, không ghi gì")
    p.add_argument("--skip-row", action="append", default=[], metavar="DÒNG",
                   help="bỏ một dòng đọc là chỉ tiêu hoặc nhóm (số dòng như bản tóm tắt in ra); lặp lại được")
    annex_commands.add_parsers(cat, common)  # catalogue copy|add|edit|remove|history: drafting an annex
    unit = areas.add_parser("unit", help="đơn vị").add_subparsers(dest="command", required=True,
                                                                   parser_class=_Parser)
    unit.add_parser("list", parents=[common], help="liệt kê đơn vị")
    p = unit.add_parser("merge", parents=[common],
                        help="gộp hai tên của cùng một đơn vị (tên đã sửa, xã đổi tên): gói đã nhận theo tên cũ được tính cho tên giữ")
    p.add_argument("old", metavar="TÊN_BỎ", help="tên cũ, thôi dùng (gói đã nhận theo tên này vẫn giữ nguyên)")
    p.add_argument("keep", metavar="TÊN_GIỮ", help="tên đơn vị đang dùng, được giữ")
    p = unit.add_parser("unmerge", parents=[common], help="tách một tên đã gộp (gộp nhầm hai đơn vị khác nhau)")
    p.add_argument("name", metavar="TÊN", help="tên đã gộp vào đơn vị khác")
    key_commands.add_parsers(unit, common)  # unit key show|export|handover|import|list, unit repin
    p = unit.add_parser("add", parents=[common],
                        help="thêm đơn vị và phân công chỉ tiêu; --own: thiết lập đơn vị của bạn (như lần đầu mở "
                             "chương trình), kèm các mục của Cài đặt")
    p.add_argument("name", metavar="TÊN", help="tên đơn vị, ví dụ \"UBND phường Mạo Khê\"")
    p.add_argument("--kind", choices=[k.value for k in UnitKind], default=None,
                   help="loại đơn vị (mặc định: theo tên, “UBND phường …” là phường): "
                        + ", ".join(f"{k.value} ({k.label})" for k in UnitKind))
    p.add_argument("--district", default=None, metavar="ĐỊA_BÀN",
                   help="địa bàn, ví dụ \"thành phố Đông Triều\" (--own: mặc định theo kế hoạch)")
    p.add_argument("--own", action="store_true", help="đây là đơn vị của bạn (thiết lập lần đầu)")
    p.add_argument("--year", type=int, metavar="NĂM", help="năm của kế hoạch theo dõi (mặc định: năm nay, "
                                                          "hoặc kế hoạch mới nhất)")
    cli_settings.add_options(p)
    cli_settings.settings_commands(areas, common, _Parser)
    rep = areas.add_parser("report", help="in báo cáo ra PDF hoặc Word").add_subparsers(
        dest="command", required=True, parser_class=_Parser)
    for fmt, what in (("pdf", "tệp PDF"), ("docx", "tệp Word (.docx) để hoàn thiện và ký")):
        p = rep.add_parser(fmt, parents=[common], help=f"báo cáo theo thể thức NĐ 30/2020 ra {what}")
        p.add_argument("--period", required=True, metavar="YYYY-MM", help="tháng (quý, năm: tháng bất kỳ trong kỳ)")
        p.add_argument("--kind", choices=["month", "quarter", "year", "summary", "district"], default="month")
        p.add_argument("--out", type=Path, required=True, metavar=f"TỆP.{fmt}", help=f"{what} sẽ ghi")
        p.add_argument("--number", default="", metavar="SỐ", help="số văn bản, ví dụ 12 (để trống để điền tay)")
        p.add_argument("--date", type=_day, default=None, metavar="dd/mm/yyyy",
                       help="ngày của báo cáo (mặc định: hôm nay; kỳ đã qua hạn: ngày hạn báo cáo của kỳ)")
    document_commands.add_parsers(areas, common, _Parser)
    _entry_commands(areas, common)
    _backup_commands(areas, common)
    _package_commands(areas, common)
    _district_commands(areas, common)
    roster_commands.add_parsers(areas, common, _Parser)
    return parser


def _day(text: str) -> date:
    """dd/mm/yyyy, as officers write dates."""
    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày “{text}” không đúng dạng dd/mm/yyyy (ví dụ 14/03/2025)") from None


def _entry_commands(areas, common) -> None:
    ent = areas.add_parser("entry", help="kết quả tháng của đơn vị").add_subparsers(
        dest="command", required=True, parser_class=_Parser)
    p = ent.add_parser("set", parents=[common], help="ghi kết quả một chỉ tiêu (có lịch sử)")
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="tháng, ví dụ 2025-03")
    p.add_argument("--code", required=True, metavar="MÃ", help="TT/mã chỉ tiêu, ví dụ 9 hoặc PL2.1")
    p.add_argument("--status", choices=["chua_trien_khai", "dang_trien_khai", "hoan_thanh"], help="tình trạng")
    p.add_argument("--value", action="append", default=[], metavar="KẾT_QUẢ",
                   help="kết quả, mỗi --value một thước đo theo thứ tự của mục tiêu (85,5 hoặc 45/50); "
                        "thước đo không ghi hoặc không áp dụng cho đơn vị: --value \"\"")
    p.add_argument("--notes", metavar="VĂN_BẢN", help="minh chứng")
    p.add_argument("--difficulties", metavar="VĂN_BẢN", help="khó khăn, vướng mắc")
    p.add_argument("--causes", metavar="VĂN_BẢN", help="nguyên nhân")
    p.add_argument("--proposals", metavar="VĂN_BẢN", help="đề xuất, kiến nghị")
    p.add_argument("--file", action="append", default=[], type=Path, metavar="TỆP", help="tệp minh chứng")
    p = ent.add_parser("show", parents=[common], help="xem kết quả và lịch sử một chỉ tiêu")
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="tháng, ví dụ 2025-03")
    p.add_argument("--code", required=True, metavar="MÃ", help="TT/mã chỉ tiêu")
    round_commands.add_entry_parsers(ent, common)  # entry copy-month: the whole month copied forward


def _backup_commands(areas, common) -> None:
    bak = areas.add_parser("backup", help="sao lưu và khôi phục").add_subparsers(
        dest="command", required=True, parser_class=_Parser)
    bak.add_parser("list", parents=[common], help="các bản sao lưu")
    bak.add_parser("create", parents=[common], help="tạo bản sao lưu ngay")
    p = bak.add_parser("restore", parents=[common], help="khôi phục (trước đó tự sao lưu trạng thái hiện tại)")
    p.add_argument("name", metavar="TÊN", help="tên bản sao lưu (xem backup list)")


def _package_commands(areas, common) -> None:
    pkg = areas.add_parser("package", help="gói báo cáo tháng của đơn vị").add_subparsers(
        dest="command", required=True, parser_class=_Parser)
    p = pkg.add_parser("export", parents=[common], help="xuất gói báo cáo của một tháng và khóa kỳ đó")
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="tháng gửi, ví dụ 2025-03")
    p.add_argument("--out", type=Path, default=Path("."), metavar="THƯ_MỤC",
                   help="thư mục ghi gói (mặc định: thư mục hiện tại)")
    round_commands.add_package_parsers(pkg, common)  # package check: the checklist before sending
    answer_commands.add_package_parsers(pkg, common)  # package answer: the office's answer taken in
    p = pkg.add_parser("verify", help="kiểm tra một gói mà không nhập")
    p.add_argument("file", type=Path, metavar="TỆP.dtipkg", help="gói cần kiểm tra")
    p = pkg.add_parser("reopen", parents=[common], help="mở lại kỳ đã gửi để sửa (cần lý do)")
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="tháng đã gửi")
    p.add_argument("--reason", required=True, metavar="LÝ_DO", help="lý do mở lại (gửi kèm lần gửi sau)")


def _district_commands(areas, common) -> None:
    dist = areas.add_parser("district", help="cơ quan tổng hợp").add_subparsers(
        dest="command", required=True, parser_class=_Parser)
    p = dist.add_parser("import", parents=[common], help="nhập gói báo cáo (tệp hoặc thư mục)")
    p.add_argument("paths", nargs="+", type=Path, metavar="TỆP_HOẶC_THƯ_MỤC", help="gói .dtipkg hoặc thư mục chứa gói")
    p = dist.add_parser("board", parents=[common], help="bảng tình hình gửi báo cáo")
    p.add_argument("--year", type=int, metavar="NĂM", help="năm của kế hoạch (mặc định: kế hoạch đang dùng)")
    p = dist.add_parser("export", parents=[common], help="xuất bảng tổng hợp Excel của một tháng")
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="tháng, ví dụ 2025-03")
    p.add_argument("file", type=Path, metavar="TỆP.xlsx", help="tệp Excel sẽ ghi")
    district_commands.add_parsers(dist, common)  # withdraw, held, accept, refuse: the office's decisions
    answer_commands.add_district_parsers(dist, common)  # answer, answers: receipts, acceptance, returns


def _open(args):
    from .services.app_database import open_app_database

    return open_app_database(args.db or default_db_path())


def _print_catalogue(catalogue: Catalogue) -> None:
    plan = catalogue.plan
    print(f"{plan.label} — {len(catalogue.targets())} chỉ tiêu")
    codes = iter(catalogue.codes())
    for part in catalogue.parts:
        if part.title:
            print(f"\n{part.key} {part.title}".rstrip())
        for group in part.groups:
            if group.title:
                print(f"\n  {group.no} {group.title}")
            for target in group.targets:
                print(f"  {next(codes):>6}  {target.text}")
                extra = f" · Mức độ: {target.level}" if target.level else ""
                print(f"          Mục tiêu: {target.goal_text} (tỉnh: {target.province_goal or '-'}){extra}")


def cmd_catalogue(args) -> int:
    from .services import catalogues

    db = _open(args)
    if args.command == "list":
        catalogue = catalogues.current_catalogue(db, args.year)
        if args.json:
            data = catalogue_to_dict(catalogue)
            data["codes"] = catalogue.codes()
            print(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            _print_catalogue(catalogue)
    elif args.command == "plans":
        from .storage.catalogue_store import list_plans

        for summary in list_plans(db):
            print(f"{summary.plan.year}  {summary.plan.label} — {summary.target_count} chỉ tiêu")
    elif args.command == "export":
        catalogue = catalogues.export_to_workbook(db, args.file, args.year)
        print(f"Đã xuất {len(catalogue.targets())} chỉ tiêu ({catalogue.plan.number}) ra {args.file}")
    elif args.command == "import":
        return _import_annex(db, args)
    elif args.command in annex_commands.COMMANDS:
        return annex_commands.run(db, args)
    return 0


def _import_annex(db, args) -> int:
    """Read, print what was found and every doubt, then save unless --dry-run or a plan field is missing."""
    from .domain.annex_reading import PlanInput
    from .services import annex_intake

    reading = annex_intake.read_file(args.file)
    from .services import trust

    check = trust.check_file(db, args.file)  # the office's signature ("<tệp>.chuky"), told before anything else
    print(check.message)
    skip = {str(s).strip() for s in args.skip_row}
    unknown = skip - {str(r.place.row) for r in reading.rows if r.place.row}
    if unknown:
        raise BadInput(f"--skip-row: không có dòng {', '.join(sorted(unknown))} trong bảng đã đọc.")
    reading = reading.with_rows_kept({i: False for i, r in enumerate(reading.rows) if str(r.place.row) in skip})
    given = PlanInput(args.number, args.date, args.issuer, args.year)
    result = annex_intake.preview(db, reading, given, command_line=True)
    for line in annex_intake.describe(result) + list(result.notes):
        print(line)
    if result.plan is None:
        sys.stderr.write("Chưa nhập: " + "; ".join(result.problems) + ".\n")
        return EXIT_ERROR
    catalogue = reading.catalogue(result.plan)
    for change in result.changes:
        print(f"  {change.kind} chỉ tiêu {change.code}" + (f": {change.what}" if change.what else ""))
    if result.blocked:
        sys.stderr.write("Không nhập được: " + " ".join(result.blocked) + " Chưa thay đổi gì.\n")
        return EXIT_ERROR
    if args.dry_run:
        print(f"Chạy thử (--dry-run): chưa ghi gì. {result.plan.label}: {len(catalogue.targets())} chỉ tiêu.")
        return 0
    from .services.annex_edit import officer

    _print_import(catalogue, annex_intake.save(db, result, officer(db)))
    trust.remember_file_signer(db, check, Path(args.file).name)
    return 0


def _print_import(catalogue: Catalogue, result) -> None:
    n = len(catalogue.targets())
    if result.created:
        print(f"Đã nhập kế hoạch {catalogue.plan.number} năm {catalogue.plan.year}: {n} chỉ tiêu.")
    elif result.rearranged:
        print(f"Đã cập nhật kế hoạch {catalogue.plan.number}: đổi cách xếp nhóm, phần hoặc thông tin kế hoạch "
              f"({n} chỉ tiêu, không chỉ tiêu nào thêm, sửa hay bỏ).")
    elif result.changed:
        print(f"Đã cập nhật kế hoạch {catalogue.plan.number}: thêm {result.added}, "
              f"sửa {result.updated}, bỏ {result.removed} chỉ tiêu.")
    else:
        print(f"Kế hoạch {catalogue.plan.number} đã có, không có gì thay đổi ({n} chỉ tiêu).")


def cmd_unit(args) -> int:
    from .services.catalogues import choose_plan
    from .storage.unit_store import add_unit, assign_plan, list_units

    db = _open(args)
    if args.command in key_commands.COMMANDS:
        return key_commands.run(db, args)
    if args.command == "list":
        from .storage.unit_store import get_unit, merged_names

        if not list_units(db):
            print(f"Chưa có đơn vị nào. Thiết lập đơn vị của bạn: {launcher()} unit add \"TÊN ĐƠN VỊ\" --own "
                  f"(xem {launcher()} unit add --help).")
        for unit in list_units(db):
            mark = " (đơn vị của tôi)" if unit.is_own else ""
            print(f"{unit.name} — {unit.kind.label}{', ' + unit.district if unit.district else ''}{mark}")
        for name_id, into in merged_names(db).items():
            print(f"{get_unit(db, name_id).name} — đã gộp vào “{get_unit(db, into).name}”")
        return 0
    if args.command == "unmerge":
        from .domain.text import name_key
        from .services import district
        from .storage.unit_store import get_unit, merged_names

        found = [i for i in merged_names(db) if name_key(get_unit(db, i).name) == name_key(args.name)]
        if not found:
            raise BadInput(f"Không có tên đã gộp “{args.name}” (xem: unit list).")
        print(district.unmerge_unit(db, found[0]))
        return 0
    if args.command == "merge":
        from .domain.text import name_key
        from .services import district

        def find(name: str) -> int:
            found = [u for u in list_units(db) if name_key(u.name) == name_key(name)]
            if not found:
                raise BadInput(f"Không có đơn vị “{name}” (xem: unit list).")
            if len(found) > 1:
                raise BadInput(f"Có {len(found)} đơn vị tên “{name}” ở các địa bàn khác nhau; hãy gộp trong cửa sổ.")
            return found[0].id

        print(district.merge_units(db, find(args.old), find(args.keep)))
        return 0
    from .services import setup

    kind = UnitKind(args.kind) if args.kind else None
    settings = cli_settings.given(args, ("district",))
    if args.own:
        from .services import first_run
        from .storage.unit_store import own_unit

        if (mine := own_unit(db)) is not None:  # it began again: settings reset, the results under another unit
            raise BadInput(f"Dữ liệu này đã thiết lập cho “{mine.name}”. Muốn đổi tên đơn vị hay cài đặt khác, "
                           f"dùng: {launcher()} settings set (xem {launcher()} settings set --help).")
        ctx = first_run.complete_first_run(db, setup.first_run_choice(db, args.name, kind, settings, args.year))
        unit, plan = ctx.unit, ctx.plan
    else:
        if set(settings) - {"district"}:
            raise BadInput("Các mục của Cài đặt (--officer, --signer…) chỉ dành cho đơn vị của bạn (--own); "
                           f"đã thiết lập rồi thì dùng: {launcher()} settings set.")
        from .storage.unit_store import own_unit

        office = own_unit(db)  # a unit the office adds (to those it expects) is of its area unless told
        district = args.district if args.district is not None else office.district if office else ""
        unit = add_unit(db, Unit(args.name, setup.unit_kind(args.name, kind), district, False))
        plan = choose_plan(db, args.year)
        if office is not None:  # the office's roster of the year expects it (services.roster)
            from .services import roster, workspace

            roster.include(db, plan.plan.year, unit.id, workspace.context(db).settings.who, "unit add")
    count = assign_plan(db, unit.id, plan.id)
    guessed = " (theo tên; đổi bằng --kind)" if kind is None else ""
    print(f"Đã thêm {unit.name} — {unit.kind.label.lower()}{guessed}; được giao {count} chỉ tiêu của kế hoạch "
          f"{plan.plan.number}.")
    if args.own:
        cli_settings.print_settings(ctx)
    return 0


def cmd_package(args) -> int:
    from .domain.periods import Period
    from .services import packages

    if args.command == "verify":
        return _verify(args.file)
    if args.command in round_commands.PACKAGE_COMMANDS:
        return round_commands.run(_open(args), args)
    if args.command in answer_commands.PACKAGE_COMMANDS:
        return answer_commands.run_package(_open(args), args)
    db = _open(args)
    period = Period.parse(args.period)
    if args.command == "export":
        result = packages.export_package(db, _store(args), period, args.out)
        print(f"Đã ghi gói {result.path} (lần gửi r{result.revision}: {result.entries} kết quả, "
              f"{result.evidence_files} tệp minh chứng). Kỳ {period.label.lower()} đã khóa.")
        from .services import backups
        from .storage.errors import StorageError

        try:  # the package is written and the month locked: a failed backup is a warning, not a failed export
            backups.create_backup(args.db or default_db_path())
        except StorageError as error:
            sys.stderr.write(f"Cảnh báo: gói đã ghi nhưng chưa sao lưu được: {error}\n")
    else:
        sub = packages.reopen_period(db, period, args.reason)
        print(f"Đã mở lại {period.label} (lần gửi r{sub.revision}); lần gửi sau sẽ là r{sub.revision + 1}.")
    return 0


def _verify(file: Path) -> int:
    from .domain.dates import display_moment
    from .domain.progress import measure_results
    from .io.package_reader import verify_package

    pkg = verify_package(file)
    if pkg.signature_problem:
        raise PackageError(file, f"chữ ký của gói không hợp lệ ({pkg.signature_problem.rstrip('.')}).")
    m = pkg.manifest
    print(f"Gói hợp lệ: {file.name}")
    from .services.trust import fingerprint

    print("  Chữ ký: " + (f"có, khóa của máy gửi có mã nhận dạng {fingerprint(pkg.signer)}" if pkg.signer
                          else "không có (gói lập bằng phiên bản cũ)"))
    print(f"  Đơn vị: {m.unit} ({m.district})")
    print(f"  Kỳ: {m.period[5:]}/{m.period[:4]} — lần gửi r{m.revision} — cán bộ: {m.officer or '-'}")
    print(f"  Tạo lúc: {display_moment(m.created_at)} — chương trình {m.program_version}")
    if m.reopen_reason:
        print(f"  Lý do gửi lại: {m.reopen_reason}")
    print(f"  Kế hoạch: {m.catalogue.plan_number} năm {m.catalogue.year} ({m.catalogue.issuer})")
    print(f"  Kết quả: {len(pkg.data.entries)} chỉ tiêu; tệp minh chứng: "
          f"{sum(1 for n in m.members if n.startswith('evidence/'))}")
    for entry in pkg.data.entries:
        print(f"    {entry.code:>6}  {entry.status.label:<16} {measure_results(entry.values, 0)}")
    return 0


def cmd_district(args) -> int:
    from datetime import date

    from .domain.periods import Period
    from .services import district, workspace

    db = _open(args)
    if args.command in district_commands.COMMANDS:
        return district_commands.run(db, _store(args), args)
    if args.command in answer_commands.DISTRICT_COMMANDS:
        return answer_commands.run_district(db, args)
    if args.command == "import":
        outcomes = district.import_packages(db, _store(args), args.paths)
        for o in outcomes:
            print(f"[{o.verdict.upper()}] {o.file.name}: {o.message}")
            for code, what, old, new in o.changes:
                print(f"         {code} — {what}: “{old}” → “{new}”")
        print(f"Tổng: {district.import_summary(outcomes)}")
        # a package already imported is skipped, one from an unknown unit held: only a refusal fails the command
        return 0 if all(o.accepted or o.already or o.held for o in outcomes) else EXIT_ERROR
    ctx = workspace.context(db)
    if args.command == "board":
        from .services.catalogues import choose_plan

        plan = choose_plan(db, args.year)
        b = district.board(db, plan.id, workspace.report_day(ctx), date.today())
        for row in [b.header()] + b.rows():
            print(" | ".join(row))
        return 0
    period = Period.parse(args.period)
    path = district.export_consolidated(db, district.plan_id_for(db, period), period, args.file)
    print(f"Đã ghi bảng tổng hợp {period.label.lower()} ra {path}")
    return 0


def cmd_entry(args) -> int:
    from dataclasses import replace

    from .domain.periods import Period
    from .domain.progress import Status
    from .domain.validation import proposed_status, read_measure_input
    from .services import workspace

    if args.command in round_commands.ENTRY_COMMANDS:
        return round_commands.run(_open(args), args)
    db = _open(args)
    period = Period.parse(args.period)
    ctx = workspace.context_for(db, period, read_only=args.command == "show")  # the plan of that year
    row = next((r for r in workspace.rows(db, ctx, period) if r.code == args.code), None)
    if row is None:
        raise BadInput(f"Đơn vị không được giao chỉ tiêu “{args.code}” trong kế hoạch {ctx.plan.plan.number}.")
    if args.command == "show":
        entry = row.entry
        print(f"{row.code}. {row.target.text}")
        print(f"Mục tiêu: {row.goal_label}")
        if entry is None:
            print(f"{period.label}: chưa có kết quả.")
            return 0
        print(f"{period.label}: {entry.status.label}; kết quả: {row.latest_value() or '-'}; "
              f"đánh giá: {entry.assessment.label}")
        from .services.history import history

        for h in history(db, entry.id, row.measures):
            print(f"  {h.when}  {h.who}: {h.what}: “{h.old}” → “{h.new}”")
        return 0
    measures = row.measures
    if len(args.value) > len(measures):
        raise BadInput(f"Chỉ tiêu {row.code} có {len(measures)} thước đo nhưng nhận {len(args.value)} giá trị.")
    values = dict((row.entry.values if row.entry else {}))
    for pos, text in enumerate(args.value):
        value, problem = read_measure_input(measures[pos], text)
        if problem:
            raise BadInput(f"Giá trị thứ {pos + 1} (“{text}”, mục tiêu {measures[pos].label()}): {problem}")
        values[pos] = value
    entry = replace(row.entry or workspace.blank_entry(row, period), values=values)
    changes = {k: getattr(args, k) for k in ("notes", "difficulties", "causes", "proposals")
               if getattr(args, k) is not None}
    # a result given without --status: the status it calls for (48/50 at a 95 % goal is "Hoàn thành"), as the
    # window proposes it
    proposed = proposed_status(measures, values, row.status) if args.value and not args.status else None
    status = Status(args.status) if args.status else proposed or entry.status
    entry = replace(entry, status=status,
                    **({"evidence_notes": changes["notes"]} if "notes" in changes else {}),
                    **{k: v for k, v in changes.items() if k != "notes"})
    saved = workspace.save(db, _store(args), entry, measures, list(args.file), ctx.settings.who)
    print(f"Đã lưu kết quả chỉ tiêu {row.code} {period.label.lower()}: {saved.status.label}, {saved.assessment.label}.")
    return 0


def cmd_document(args) -> int:
    return document_commands.run(_open(args), args)


def cmd_settings(args) -> int:
    return cli_settings.cmd_settings(args, _open(args))


def cmd_backup(args) -> int:
    from .services import backups

    path = args.db or default_db_path()
    if args.command == "list":
        found = backups.list_backups(path)
        for b in found:
            print(f"{b.name}  {b.created:%d/%m/%Y %H:%M}  {b.size / 1024 / 1024:.1f} MB".replace(".", ","))
        if not found:
            print("Chưa có bản sao lưu nào.")
        return 0
    if args.command == "create":
        b = backups.create_backup(path)
        print(f"Đã sao lưu: {b.name} ({b.folder}).")
        return 0
    kept_before = set(Path(path).parent.glob(Path(path).name + ".hong-*"))
    safety, restored = backups.restore_backup(path, args.name)
    kept = sorted(set(Path(path).parent.glob(Path(path).name + ".hong-*")) - kept_before)
    before = (f"Trạng thái trước đó được giữ ở bản {safety.name}." if safety else
              f"Một bản của dữ liệu hỏng được giữ cạnh tệp dữ liệu: {', '.join(k.name for k in kept)}." if kept else
              "Không có dữ liệu cũ nào để giữ lại.")
    print(f"Đã khôi phục từ {restored.name}. {before}")
    return 0


def cmd_report(args) -> int:
    from .domain.periods import Period
    from .services import reports

    db = _open(args)
    period = Period.parse(args.period)
    day = args.date or reports.report_date(db, args.kind, period, date.today())
    if args.command == "docx":
        reports.write_docx(db, _store(args), args.kind, period, args.out, today=day, number=args.number)
        print(f"Đã ghi {args.out} (Word), báo cáo ngày {day:%d/%m/%Y}.")
        return 0
    pages = reports.write_pdf(db, _store(args), args.kind, period, args.out, today=day, number=args.number)
    print(f"Đã ghi {args.out} ({pages} trang A4), báo cáo ngày {day:%d/%m/%Y}.")
    return 0


def _store(args) -> Path:
    from .paths import evidence_dir

    return evidence_dir(args.db or default_db_path())


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    """Run a command; no arguments starts the GUI."""
    argv = sys.argv[1:] if argv is None else argv
    _utf8_streams()
    if not argv:
        from .qt_platform import exit_if_unusable

        exit_if_unusable()
        from .ui.app import run_gui

        return run_gui()
    args = build_parser().parse_args(argv)
    if args.area is None:
        build_parser().print_help()
        return EXIT_USAGE
    # No window: Qt (PDFs, fonts) draws offscreen, also where a display is set (its xcb plugin is not needed)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # the caches of matplotlib and fontconfig in the data folder: `report pdf` wrote ~/.cache and ~/.config
    use_data_folder(Path(getattr(args, "db", None) or default_db_path()).parent)
    handler = {"catalogue": cmd_catalogue, "unit": cmd_unit, "package": cmd_package,
               "district": cmd_district, "report": cmd_report, "settings": cmd_settings,
               "entry": cmd_entry, "backup": cmd_backup, "document": cmd_document,
               "roster": lambda a: roster_commands.run(_open(a), a)}[args.area]
    guard = None
    try:
        if (args.area, args.command) in WRITING_COMMANDS:
            guard = _hold_folder(Path(args.db or default_db_path()))
        return handler(args)
    except BrokenPipeError:  # output piped into `head`
        return 0
    except WorkbookError as error:
        sys.stderr.write(error.summary() + "\n")
    except PackageError as error:
        sys.stderr.write(f"Gói bị từ chối: {error}\n")
    except LockedError as error:
        period = getattr(args, "period", None) or "YYYY-MM"
        sys.stderr.write(f"Lỗi: {error}\nMở lại bằng lệnh: {launcher()} package reopen --period {period} "
                         "--reason \"LÝ DO MỞ LẠI\"\n")
    except ImportError as error:  # Qt's own libraries need one this machine lacks
        from .qt_platform import problem

        reason = problem({"QT_QPA_PLATFORM": "offscreen"})
        if reason is None:
            raise
        sys.stderr.write(reason.replace("cửa sổ DTI Desktop", "Qt (cần cho lệnh này)") + "\n")
    except OSError as error:
        sys.stderr.write(f"Lỗi đọc/ghi tệp: {describe_os_error(error)}\n")
    except KnownError as error:
        sys.stderr.write(f"Lỗi: {error.text()}\n")
    except Exception as error:  # noqa: BLE001 — a bug, unless the machine caused it (a raw SQLite error)
        return _unknown(error, Path(getattr(args, "db", None) or default_db_path()).parent)
    finally:
        if guard is not None:
            guard.release()
    return EXIT_ERROR


def _unknown(error: Exception, data_folder: Path) -> int:
    """A raw SQLite error the machine caused (a locked database) is told as known (EXIT_ERROR); any other error
    is a bug: logged with its traceback in the data folder's error log, told as unexpected (EXIT_BUG)."""
    from .services.errors import UNEXPECTED_TITLE, known_text, record_bug

    if (known := known_text(error)) is not None:
        sys.stderr.write(f"Lỗi: {known}\n")
        return EXIT_ERROR
    sys.stderr.write(f"{UNEXPECTED_TITLE}: {record_bug(error, data_folder)}\n")
    return EXIT_BUG


# Commands that write to the data folder: while a window holds it, they wrote under it (a restore under a window
# still showing the data before, a result the window then saved over).
WRITING_COMMANDS = frozenset({("catalogue", "import"), ("unit", "add"), ("unit", "merge"), ("unit", "unmerge"),
                              ("settings", "set"),
                              ("entry", "set"), ("package", "export"), ("package", "reopen"),
                              ("district", "import"), ("backup", "restore")}) | annex_commands.WRITING \
    | district_commands.WRITING | document_commands.WRITING | key_commands.WRITING | round_commands.WRITING \
    | roster_commands.WRITING | answer_commands.WRITING


def _hold_folder(db_path: Path):
    """The data folder's lock, as the window takes it, without loading Qt (services/folder_lock.py); FolderBusy
    when a window (or another command) holds it or the folder refuses it."""
    from .services.folder_lock import hold_folder

    return hold_folder(db_path.parent)