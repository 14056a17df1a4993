"""`roster list|add|rename|retire|merge|import|history`: the office's list of the units it expects, year by year
(services.roster), as the window's "Danh sách đơn vị…"."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import open_db
from .parser import area

COMMANDS = ("list", "add", "rename", "retire", "merge", "import", "history")
WRITING = frozenset(("roster", c) for c in ("add", "rename", "retire", "merge", "import"))


def add_parsers(areas, common: argparse.ArgumentParser) -> None:
    """The `roster` area and its commands."""
    from ..domain.units import UnitKind

    ros = area(areas, "roster", "danh sách đơn vị cơ quan tổng hợp chờ báo cáo, theo năm")
    year = argparse.ArgumentParser(add_help=False)
    year.add_argument("--year", type=int, metavar="NĂM", help="năm của danh sách (mặc định: năm của kế hoạch đang dùng)")
    p = ros.add_parser("list", parents=[common, year], help="các đơn vị được chờ báo cáo trong năm")
    p.add_argument("--all", action="store_true", help="cả những đơn vị đã thôi theo dõi")
    p = ros.add_parser("add", parents=[common, year], help="thêm một đơn vị vào danh sách của năm")
    p.add_argument("name", metavar="TÊN", help="tên đơn vị, ví dụ \"UBND xã Bình Khê\"")
    p.add_argument("--kind", default=None, choices=[k.value for k in UnitKind],
                   help="loại đơn vị (mặc định: theo tên, “UBND xã …” là xã)")
    p = ros.add_parser("rename", parents=[common, year],
                       help="đổi tên một đơn vị (gói gửi theo tên cũ vẫn được tính cho đơn vị)")
    p.add_argument("old", metavar="TÊN_CŨ")
    p.add_argument("new", metavar="TÊN_MỚI")
    p = ros.add_parser("retire", parents=[common, year], help="cho một đơn vị thôi theo dõi từ năm đó (vẫn lưu lịch sử)")
    p.add_argument("name", metavar="TÊN")
    p.add_argument("--reason", default="", metavar="LÝ_DO", help="lý do, ví dụ \"sáp nhập theo NQ 1679\"")
    p = ros.add_parser("merge", parents=[common, year],
                       help="gộp các đơn vị thành một (xã sáp nhập): các đơn vị gộp thôi theo dõi, đơn vị sau gộp được chờ")
    p.add_argument("names", nargs="+", metavar="TÊN_GỘP", help="các đơn vị được gộp")
    p.add_argument("--into", required=True, metavar="TÊN_SAU_GỘP", help="đơn vị sau khi gộp (chưa có thì được thêm)")
    p = ros.add_parser("import", parents=[common, year],
                       help="nhập danh sách đơn vị từ tệp Excel (.xlsx) có cột “Tên đơn vị”")
    p.add_argument("file", type=Path, metavar="TỆP.xlsx")
    p.add_argument("--replace", action="store_true", help="đơn vị không có trong tệp thôi theo dõi năm đó")
    ros.add_parser("history", parents=[common, year], help="lịch sử sửa danh sách của năm")


def run(args) -> int:
    """One of COMMANDS; errors are raised (ValueError, StorageError, WorkbookError) for the caller to print."""
    from ..domain.units import UnitKind
    from ..services import roster, workspace

    db = open_db(args)
    ctx = workspace.context(db, read_only=args.command in ("list", "history"))
    year = args.year or ctx.plan.plan.year
    who = ctx.settings.who
    if args.command == "list":
        return _print_roster(roster.roster(db, year), args.all)
    if args.command == "history":
        return _print_history(roster.history(db, year), year)
    if args.command == "add":
        print(roster.add(db, year, args.name, who, UnitKind(args.kind) if args.kind else None))
    elif args.command == "rename":
        print(roster.rename(db, year, args.old, args.new, who))
    elif args.command == "retire":
        print(roster.retire(db, year, args.name, who, args.reason))
    elif args.command == "merge":
        print(roster.merge(db, year, args.names, args.into, who))
    else:
        print(roster.import_list(db, year, args.file, who, replace=args.replace).summary())
    return 0


def _print_roster(r, everything: bool) -> int:
    from ..domain.dates import display_moment

    state = "" if r.started else f" (đề xuất, {r.source}; lưu khi sửa lần đầu)"
    print(f"Danh sách đơn vị năm {r.year}: {len(r.expected())} đơn vị{state}")
    if not r.units:
        print("Chưa có đơn vị nào: thêm bằng roster add \"TÊN\" hoặc nhập tệp: roster import TỆP.xlsx")
    for i, item in enumerate(u for u in r.units if everything or u.active):
        gone = "" if item.active else (f" — thôi theo dõi {display_moment(item.retired_at)}"
                                       + (f" ({item.retire_reason})" if item.retire_reason else ""))
        print(f"{i + 1:>4}. {item.unit.name} — {item.unit.kind.label}{gone}")
    return 0


def _print_history(changes, year: int) -> int:
    from ..domain.dates import display_moment

    if not changes:
        print(f"Danh sách năm {year} chưa được sửa lần nào.")
    for c in changes:
        print(f"{display_moment(c.at)} — {c.who or '-'}: {c.text()}")
    return 0
