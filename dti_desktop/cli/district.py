"""`district import|board|export`: the consolidating office's month (services.district); its decisions
(`withdraw`, `held`, `accept`, `refuse`) are in cli/district_review.py, its answers in cli/answers.py."""

from __future__ import annotations

from pathlib import Path

from .answers import DISTRICT_COMMANDS as ANSWER_COMMANDS
from .answers import WRITING_DISTRICT, add_district_parsers, run_district
from .district_review import COMMANDS as REVIEW_COMMANDS
from .district_review import WRITING as REVIEW_WRITING
from .district_review import add_parsers as add_review_parsers
from .district_review import run as run_review
from .common import EXIT_ERROR, open_db, store
from .parser import area

WRITING = frozenset({("district", "import")}) | REVIEW_WRITING | WRITING_DISTRICT


def add_parsers(areas, common) -> None:
    """The `district` area."""
    dist = area(areas, "district", "cơ quan tổng hợp")
    p = dist.add_parser("import", parents=[common], help="nhập gói báo cáo (tệp hoặc thư mục)")
    p.add_argument("paths", nargs="+", type=Path, metavar="TỆP_HOẶC_THƯ_MỤC", help="gói .dtipkg hoặc thư mục chứa gói")
    p = dist.add_parser("board", parents=[common], help="bảng tình hình gửi báo cáo")
    p.add_argument("--year", type=int, metavar="NĂM", help="năm của kế hoạch (mặc định: kế hoạch đang dùng)")
    p = dist.add_parser("export", parents=[common], help="xuất bảng tổng hợp Excel của một tháng")
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="tháng, ví dụ 2025-03")
    p.add_argument("file", type=Path, metavar="TỆP.xlsx", help="tệp Excel sẽ ghi")
    add_review_parsers(dist, common)  # withdraw, held, accept, refuse: the office's decisions
    add_district_parsers(dist, common)  # answer, answers: receipts, acceptance, returns


def run(args) -> int:
    """One command of the area."""
    from ..domain.periods import Period
    from ..services import district, district_board

    db = open_db(args)
    if args.command in REVIEW_COMMANDS:
        return run_review(db, store(args), args)
    if args.command in ANSWER_COMMANDS:
        return run_district(db, args)
    if args.command == "import":
        return _print_outcomes(district.import_packages(db, store(args), args.paths))
    if args.command == "board":
        for row in district_board.year_board(db, args.year):
            print(" | ".join(row))
        return 0
    period = Period.parse(args.period)
    path = district.export_consolidated(db, district.plan_id_for(db, period), period, args.file)
    print(f"Đã ghi bảng tổng hợp {period.label.lower()} ra {path}")
    return 0


def _print_outcomes(outcomes) -> int:
    from ..services.district import import_summary

    for o in outcomes:
        print(f"[{o.verdict.upper()}] {o.file.name}: {o.message}")
        for code, what, old, new in o.changes:
            print(f"         {code} — {what}: “{old}” → “{new}”")
    print(f"Tổng: {import_summary(outcomes)}")
    # a package already imported is skipped, one from an unknown unit held: only a refusal fails the command
    return 0 if all(o.accepted or o.already or o.held for o in outcomes) else EXIT_ERROR
