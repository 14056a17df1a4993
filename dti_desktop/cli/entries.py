"""`entry set|show`: a target's month result (services.entries); `entry copy-month` is in cli/month_round.py."""

from __future__ import annotations

from pathlib import Path

from .month_round import ENTRY_COMMANDS, add_entry_parsers
from .month_round import WRITING as ROUND_WRITING
from .month_round import run as run_round
from .common import open_db, store
from .parser import area

WRITING = frozenset({("entry", "set")}) | ROUND_WRITING
_REMARKS = (("notes", "evidence_notes"), ("difficulties", "difficulties"), ("causes", "causes"),
            ("proposals", "proposals"))  # option -> field of the entry


def add_parsers(areas, common) -> None:
    """The `entry` area."""
    ent = area(areas, "entry", "kết quả tháng của đơn vị")
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
    add_entry_parsers(ent, common)  # entry copy-month: the whole month copied forward


def run(args) -> int:
    """One command of the area."""
    from ..domain.periods import Period
    from ..services import entries

    db = open_db(args)
    if args.command in ENTRY_COMMANDS:
        return run_round(db, args)
    period = Period.parse(args.period)
    if args.command == "show":
        return _print_entry(entries.view(db, period, args.code), period)
    remarks = {field: getattr(args, option) for option, field in _REMARKS if getattr(args, option) is not None}
    row, saved = entries.record(db, store(args), period, args.code, args.value, args.status, remarks, args.file)
    print(f"Đã lưu kết quả chỉ tiêu {row.code} {period.label.lower()}: {saved.status.label}, {saved.assessment.label}.")
    return 0


def _print_entry(view, period) -> int:
    row, entry = view.row, view.row.entry
    print(f"{row.code}. {row.target.text}")
    print(f"Mục tiêu: {row.goal_label}")
    if entry is None:
        print(f"{period.label}: chưa có kết quả.")
        return 0
    print(f"{period.label}: {entry.status.label}; kết quả: {row.latest_value() or '-'}; "
          f"đánh giá: {entry.assessment.label}")
    for h in view.history:
        print(f"  {h.when}  {h.who}: {h.what}: “{h.old}” → “{h.new}”")
    return 0
