"""The office's decisions from the command line: `district withdraw`, `district held`, `district accept|refuse`.

A received package is withdrawn with a reason (kept in the history, out of the consolidation); a package from a
unit the office does not know waits in `district held` until the office accepts or refuses it.
"""

from __future__ import annotations

from pathlib import Path

COMMANDS = frozenset({"withdraw", "held", "accept", "refuse"})
WRITING = frozenset({("district", "withdraw"), ("district", "accept"), ("district", "refuse")})


def add_parsers(dist, common) -> None:
    """The subcommands, under `district`."""
    p = dist.add_parser("withdraw", parents=[common],
                        help="rút một gói đã nhận khỏi tổng hợp (gói vẫn lưu trong lịch sử; cần lý do)")
    p.add_argument("--unit", required=True, metavar="TÊN_ĐƠN_VỊ", help="đơn vị đã gửi, như bảng tình hình ghi")
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="tháng của gói, ví dụ 2025-03")
    p.add_argument("--revision", type=int, metavar="N", help="lần gửi (mặc định: lần gửi đang được tính)")
    p.add_argument("--reason", required=True, metavar="LÝ_DO", help="lý do rút gói")
    p = dist.add_parser("held", parents=[common], help="các gói chờ duyệt (đơn vị chưa có trong danh sách)")
    p.add_argument("--all", action="store_true", help="cả những gói đã được nhận hoặc từ chối")
    p = dist.add_parser("accept", parents=[common], help="nhận một gói chờ duyệt (thêm đơn vị vào danh sách)")
    p.add_argument("held_id", type=int, metavar="SỐ", help="số của gói trong danh sách district held")
    p = dist.add_parser("refuse", parents=[common], help="từ chối một gói chờ duyệt (cần lý do)")
    p.add_argument("held_id", type=int, metavar="SỐ", help="số của gói trong danh sách district held")
    p.add_argument("--reason", required=True, metavar="LÝ_DO", help="lý do từ chối")


def run(db, store: Path, args) -> int:
    """One of COMMANDS; errors are raised (ValueError, StorageError) for the caller to print."""
    from ..domain.periods import Period
    from ..services import district_review, workspace

    who = workspace.context(db, read_only=True).settings.who
    if args.command == "withdraw":
        period = Period.parse(args.period)
        package = district_review.find_received(db, args.unit, period, args.revision)
        print(district_review.withdraw(db, package.id, args.reason, who))
        return 0
    if args.command == "held":
        return _print_held(district_review.held_packages(db, decided=args.all))
    if args.command == "accept":
        outcome = district_review.accept_held(db, store, args.held_id, who)
        print(f"[{outcome.verdict.upper()}] {outcome.file.name}: {outcome.message}")
        return 0 if outcome.accepted else 1
    print(district_review.refuse_held(db, store, args.held_id, args.reason, who))
    return 0


def _print_held(held) -> int:
    from ..domain.dates import display_moment

    if not held:
        print("Không có gói nào chờ duyệt.")
        return 0
    for h in held:
        decided = f" — {h.status} lúc {display_moment(h.decided_at)}" if h.decision else ""
        note = f" ({h.decision_note})" if h.decision_note else ""
        print(f"{h.id:>4}. {h.file_name}: {h.unit} ({h.district}), tháng {h.period[5:]}/{h.period[:4]}, "
              f"r{h.revision}, nhận {display_moment(h.received_at)}{decided}{note}")
        print(f"      Lý do giữ lại: {h.reason}.")
    return 0
