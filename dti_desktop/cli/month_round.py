"""`entry copy-month` and `package check`: the unit's monthly round from the command line, as the window's "Chép cả
tháng trước" and "Kiểm tra trước khi gửi" (services.month_round)."""

from __future__ import annotations

import argparse
from datetime import date

ENTRY_COMMANDS = ("copy-month",)
PACKAGE_COMMANDS = ("check",)
WRITING = frozenset({("entry", "copy-month")})


def add_entry_parsers(ent, common: argparse.ArgumentParser) -> None:
    """Under `entry`."""
    p = ent.add_parser("copy-month", parents=[common],
                       help="chép cả tháng trước: mọi chỉ tiêu chưa có kết quả tháng này lấy kết quả, tình trạng, "
                            "ghi chú và tệp minh chứng của tháng trước (có lịch sử)")
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="tháng chép vào, ví dụ 2025-05")
    p.add_argument("--undo", action="store_true", help="hoàn tác lần chép cả tháng gần nhất của tháng đó")


def add_package_parsers(pkg, common: argparse.ArgumentParser) -> None:
    """Under `package`."""
    p = pkg.add_parser("check", parents=[common],
                       help="kiểm tra trước khi gửi: chỉ tiêu chưa có kết quả, tình trạng mâu thuẫn với kết quả, "
                            "“Hoàn thành” chưa có minh chứng, điều chỉnh đánh giá thiếu lý do, hạn gửi")
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="tháng sẽ gửi, ví dụ 2025-05")


def run(db, args, today: date | None = None) -> int:
    """One of the commands above; 0 (a checklist with points open is no error: it says what they are)."""
    from ..domain.periods import Period
    from ..services import month_round, workspace

    period = Period.parse(args.period)
    ctx = workspace.context_for(db, period, read_only=args.command == "check")
    if args.command == "check":
        check = month_round.check_month(db, ctx, period, today or date.today())
        print(f"Kiểm tra trước khi gửi {period.label.lower()} ({ctx.unit.name}):")
        print(check.text())
        return 0
    if args.undo:
        print(month_round.undo_copy(db, ctx, period, ctx.settings.who).summary())
    else:
        print(month_round.copy_month(db, ctx, period, ctx.settings.who).summary())
    return 0
