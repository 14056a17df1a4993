"""`catalogue copy|add|edit|remove|history`: an office drafts a new year's annex from the command line, as in the
window's "Danh mục chỉ tiêu" tab (services.annex_edit)."""

from __future__ import annotations

import argparse
from dataclasses import replace

from ..domain.errors import BadInput
from ..domain.annex_edit import describe_action, describe_item, next_year_plan, parse_dmy, shown_value

COMMANDS = ("copy", "add", "edit", "remove", "history")
WRITING = frozenset(("catalogue", c) for c in ("copy", "add", "edit", "remove"))
# option -> Target field, for `add` and `edit`
TARGET_OPTIONS = (("tt", "TT", "số thứ tự"), ("text", "NỘI_DUNG", "nội dung chỉ tiêu"),
                  ("lead", "CƠ_QUAN", "cơ quan chủ trì"), ("coordinating", "CƠ_QUAN", "cơ quan phối hợp"),
                  ("tracking", "CƠ_QUAN", "cơ quan theo dõi"), ("province_goal", "MỤC_TIÊU", "mục tiêu của tỉnh"),
                  ("local_goal", "MỤC_TIÊU", "mục tiêu của địa phương, ví dụ \"tối thiểu 95%\""),
                  ("level", "MỨC_ĐỘ", "mức độ, ví dụ \"Chỉ tiêu mới\""), ("deadline", "dd/mm/yyyy", "thời hạn"),
                  ("previous_result", "KẾT_QUẢ", "kết quả năm trước"), ("basis", "CƠ_SỞ", "cơ sở đề xuất"),
                  ("note", "GHI_CHÚ", "ghi chú"))


def add_parsers(cat, common: argparse.ArgumentParser) -> None:
    """The subcommands, under `catalogue`."""
    p = cat.add_parser("copy", parents=[common], help="lập danh mục năm mới từ danh mục của một năm (chép mọi chỉ "
                                                      "tiêu; thời hạn lùi sang năm mới)")
    p.add_argument("--from-year", type=int, required=True, metavar="NĂM", help="năm của danh mục chép từ")
    p.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm của kế hoạch mới")
    p.add_argument("--number", required=True, metavar="SỐ", help="số kế hoạch mới, ví dụ 12/KH-UBND")
    p.add_argument("--date", required=True, metavar="dd/mm/yyyy", help="ngày ban hành kế hoạch mới")
    p.add_argument("--issuer", required=True, metavar="CƠ_QUAN", help="cơ quan ban hành, ví dụ \"UBND xã Yên Tử\"")
    p.add_argument("--locality", default=None, metavar="ĐỊA_BÀN", help="địa bàn (mặc định: theo cơ quan ban hành)")
    p = cat.add_parser("add", parents=[common], help="thêm một chỉ tiêu vào cuối một nhóm")
    p.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm của kế hoạch")
    p.add_argument("--group", default="", metavar="NHÓM", help="số nhóm, ví dụ II (để trống: nhóm cuối của phần)")
    p.add_argument("--part", default="", metavar="PHẦN", help="ký hiệu phần, ví dụ PL2 (mặc định: phần đầu tiên "
                                                             "có nhóm đó)")
    _target_options(p, required=("tt", "text"))
    p = cat.add_parser("edit", parents=[common], help="sửa các cột của một chỉ tiêu (chỉ những cột ghi ra)")
    p.add_argument("code", metavar="MÃ", help="mã chỉ tiêu, ví dụ 7, II.3 hoặc PL2.1 (như catalogue list in ra)")
    p.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm của kế hoạch")
    _target_options(p)
    p = cat.add_parser("remove", parents=[common], help="xóa một chỉ tiêu chưa có kết quả báo cáo")
    p.add_argument("code", metavar="MÃ", help="mã chỉ tiêu")
    p.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm của kế hoạch")
    p = cat.add_parser("history", parents=[common], help="lịch sử sửa danh mục trong chương trình")
    p.add_argument("--year", type=int, metavar="NĂM", help="năm của kế hoạch (mặc định: kế hoạch đang dùng)")


def _target_options(p: argparse.ArgumentParser, required: tuple[str, ...] = ()) -> None:
    for name, metavar, help_text in TARGET_OPTIONS:
        p.add_argument("--" + name.replace("_", "-"), dest=name, default=None, required=name in required,
                       metavar=metavar, help=help_text)


def run(db, args) -> int:
    """One of COMMANDS; errors (StorageError, ValueError) are told by the caller."""
    from ..services import annex_edit, catalogues

    if args.command == "copy":
        source = catalogues.choose_plan(db, args.from_year)
        issued = _date(args.date, "--date")
        plan = next_year_plan(source.plan, args.number, issued, args.issuer, args.year, args.locality)
        plan_id = annex_edit.copy_plan(db, source.id, plan, annex_edit.officer(db))
        count = len(annex_edit.editable(db, plan_id).target_items())
        print(f"Đã lập danh mục năm {plan.year}: {plan.label}, {count} chỉ tiêu chép từ kế hoạch "
              f"{source.plan.number} năm {source.plan.year}.")
        return 0
    plan = catalogues.choose_plan(db, args.year)
    if args.command == "history":
        return _history(annex_edit.history(db, plan.id), plan)
    who = annex_edit.officer(db)
    if args.command == "add":
        group_id = annex_edit.find_group(db, plan.id, args.group, args.part)
        target_id = annex_edit.add_target(db, plan.id, group_id, -1, _typed(args, _blank()), who)
        code = next(t.code for t in annex_edit.editable(db, plan.id).target_items() if t.id == target_id)
        print(f"Đã thêm chỉ tiêu {code} vào kế hoạch {plan.plan.number}.")
    elif args.command == "edit":
        item = annex_edit.find_target(db, plan.id, args.code)
        annex_edit.update_target(db, item.id, _typed(args, item.target), who)
        print(f"Đã sửa chỉ tiêu {args.code} của kế hoạch {plan.plan.number}.")
    elif args.command == "remove":
        annex_edit.remove_target(db, annex_edit.find_target(db, plan.id, args.code).id, who)
        print(f"Đã xóa chỉ tiêu {args.code} khỏi kế hoạch {plan.plan.number}.")
    return 0


def _blank():
    from ..domain.catalogue import Target

    return Target("", "")


def _typed(args, target):
    """The target with the columns given on the command line."""
    values = {name: getattr(args, name) for name, _, _ in TARGET_OPTIONS if getattr(args, name) is not None}
    if "deadline" in values:
        values["deadline"] = _date(values["deadline"], "--deadline")
    return replace(target, **values)


def _date(text: str, option: str) -> str:
    iso = parse_dmy(text)
    if iso is None:
        raise BadInput(f"{option} “{text}” không phải ngày hợp lệ (dd/mm/yyyy).")
    return iso


def _history(changes, plan) -> int:
    from ..domain.dates import display_moment

    print(f"{plan.plan.label}: {len(changes)} thay đổi trong chương trình.")
    for c in changes:
        old, new = shown_value(c, c.old_value), shown_value(c, c.new_value)
        change = f"“{old}” → “{new}”" if old and new else (new or old)
        print(f"{display_moment(c.changed_at)}  {c.changed_by}  {describe_item(c)}: {describe_action(c)}"
              + (f" {change}" if change else ""))
    return 0
