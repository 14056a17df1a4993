"""`report pdf|docx`: the printed reports (services.reports), of the kinds in domain/report_kinds.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..domain.report_kinds import KEYS
from .common import day, open_db, store
from .parser import area

WRITING: frozenset = frozenset()  # a report reads the data and writes its file only


def add_parsers(areas, common) -> None:
    """The `report` area."""
    rep = area(areas, "report", "in báo cáo ra PDF hoặc Word")
    for fmt, what in (("pdf", "tệp PDF"), ("docx", "tệp Word (.docx) để hoàn thiện và ký")):
        p = rep.add_parser(fmt, parents=[common], help=f"báo cáo theo thể thức NĐ 30/2020 ra {what}")
        p.add_argument("--period", required=True, metavar="YYYY-MM", help="tháng (quý, năm: tháng bất kỳ trong kỳ)")
        p.add_argument("--kind", choices=KEYS, default="month")
        p.add_argument("--out", type=Path, required=True, metavar=f"TỆP.{fmt}", help=f"{what} sẽ ghi")
        p.add_argument("--number", default="", metavar="SỐ", help="số văn bản, ví dụ 12 (để trống để điền tay)")
        p.add_argument("--date", type=day, default=None, metavar="dd/mm/yyyy",
                       help="ngày của báo cáo (mặc định: hôm nay; kỳ đã qua hạn: ngày hạn báo cáo của kỳ)")


def run(args) -> int:
    """`report pdf|docx`: dated today, or the period's deadline when it has passed (services.reports)."""
    from ..domain.periods import Period
    from ..services import reports

    db = open_db(args)
    period = Period.parse(args.period)
    when = args.date or reports.report_date(db, args.kind, period, date.today())
    if args.command == "docx":
        reports.write_docx(db, store(args), args.kind, period, args.out, today=when, number=args.number)
        print(f"Đã ghi {args.out} (Word), báo cáo ngày {when:%d/%m/%Y}.")
        return 0
    pages = reports.write_pdf(db, store(args), args.kind, period, args.out, today=when, number=args.number)
    print(f"Đã ghi {args.out} ({pages} trang A4), báo cáo ngày {when:%d/%m/%Y}.")
    return 0
