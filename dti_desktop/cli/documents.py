"""`document add|list|edit|remove`: the register of documents the unit issued (section I of its reports)."""

from __future__ import annotations

from ..domain.errors import BadInput
from ..domain.issued_docs import KIND_NAMES
from ..domain.report_kinds import UNIT_SPANS
from .common import day, open_db
from .parser import area

WRITING = frozenset(("document", c) for c in ("add", "edit", "remove"))


def _fields(p, required: bool) -> None:
    p.add_argument("--number", required=required, metavar="SỐ_KÝ_HIỆU", help="số, ký hiệu, ví dụ 36/KH-UBND")
    p.add_argument("--date", type=day, required=required, metavar="dd/mm/yyyy", help="ngày ban hành")
    p.add_argument("--kind", default="", metavar="LOẠI",
                   help="loại văn bản (mặc định: theo ký hiệu; KH là Kế hoạch, QĐ là Quyết định, không có là "
                        f"Công văn): {', '.join(KIND_NAMES)}")
    p.add_argument("--abstract", default="", metavar="TRÍCH_YẾU",
                   help="trích yếu, ví dụ \"về chuyển đổi số năm 2025\"")


def add_parsers(areas, common) -> None:
    """The `document` area."""
    sub = area(areas, "document", "sổ văn bản đơn vị đã ban hành (mục I của báo cáo)")
    p = sub.add_parser("add", parents=[common], help="ghi một văn bản vào sổ")
    _fields(p, required=True)
    p = sub.add_parser("list", parents=[common], help="liệt kê văn bản, đếm theo loại")
    p.add_argument("--year", type=int, metavar="NĂM", help="chỉ văn bản ban hành trong năm này")
    p.add_argument("--period", metavar="YYYY-MM", help="chỉ văn bản trong kỳ báo cáo này (với --kind-of-report)")
    p.add_argument("--report-kind", choices=UNIT_SPANS, default="month",
                   help="kỳ của --period: tháng (mặc định), quý hoặc năm chứa tháng đó")
    p = sub.add_parser("edit", parents=[common], help="sửa một văn bản trong sổ (mục nào không ghi thì giữ)")
    p.add_argument("id", type=int, metavar="MÃ", help="mã văn bản (cột đầu của document list)")
    _fields(p, required=False)
    p = sub.add_parser("remove", parents=[common], help="bỏ một văn bản khỏi sổ")
    p.add_argument("id", type=int, metavar="MÃ", help="mã văn bản (cột đầu của document list)")


def run(args) -> int:
    """One command of the area."""
    from ..domain.issued_docs import count_text
    from ..domain.periods import Period
    from ..services import report_register as register

    db = open_db(args)
    if args.command == "add":
        doc = register.add_document(db, args.number, args.date, args.kind, args.abstract)
        print(f"Đã ghi vào sổ (mã {doc.id}): {doc.line()}.")
        return 0
    if args.command in ("edit", "remove"):
        old = next((d for d in register.documents(db) if d.id == args.id), None)
        if old is None:
            raise BadInput(f"Không có văn bản mã {args.id} trong sổ (xem: document list).")
        if args.command == "remove":
            register.remove_document(db, args.id)
            print(f"Đã bỏ khỏi sổ: {old.line()}.")
            return 0
        doc = register.edit_document(db, args.id, args.number or old.number, args.date or old.issued_on,
                                     args.kind or (old.kind if not args.number else ""),
                                     args.abstract or old.abstract)
        print(f"Đã sửa (mã {doc.id}): {doc.line()}.")
        return 0
    period = Period.parse(args.period) if args.period else None
    docs = register.documents(db, args.report_kind, period, args.year)
    for d in docs:
        print(f"{d.id:>4}  {d.line()}")
    print(f"Tổng số: {len(docs)} văn bản" + (f" ({count_text(docs)})." if docs else "."))
    return 0
