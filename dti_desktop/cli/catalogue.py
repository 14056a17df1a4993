"""`catalogue list|plans|export|import`: the plans' annexes of targets (services.catalogues, services.annex_intake);
drafting an annex (`catalogue copy|add|edit|remove|history`) is in cli/annex.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..domain.annex import Catalogue
from .annex import COMMANDS as ANNEX_COMMANDS
from .annex import WRITING as ANNEX_WRITING
from .annex import add_parsers as add_annex_parsers
from .annex import run as run_annex
from .common import EXIT_ERROR, open_db
from .parser import area

WRITING = frozenset({("catalogue", "import")}) | ANNEX_WRITING


def add_parsers(areas, common) -> None:
    """The `catalogue` area."""
    cat = area(areas, "catalogue", "danh mục chỉ tiêu")
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
    add_annex_parsers(cat, common)  # catalogue copy|add|edit|remove|history: drafting an annex


def run(args) -> int:
    """One command of the area."""
    from ..services import catalogues

    db = open_db(args)
    if args.command in ANNEX_COMMANDS:
        return run_annex(db, args)
    if args.command == "list":
        catalogue = catalogues.current_catalogue(db, args.year)
        if args.json:
            print(json.dumps(catalogues.catalogue_json(catalogue), ensure_ascii=False, indent=2))
        else:
            _print_catalogue(catalogue)
    elif args.command == "plans":
        for summary in catalogues.plans(db):
            print(f"{summary.plan.year}  {summary.plan.label} — {summary.target_count} chỉ tiêu")
    elif args.command == "export":
        catalogue = catalogues.export_to_workbook(db, args.file, args.year)
        print(f"Đã xuất {len(catalogue.targets())} chỉ tiêu ({catalogue.plan.number}) ra {args.file}")
    else:
        return _import_annex(db, args)
    return 0


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


def _import_annex(db, args) -> int:
    """Print what was found and every doubt; saved unless --dry-run, a plan field missing or a change refused."""
    from ..domain.annex_reading import PlanInput
    from ..services.annex_import import import_annex

    done = import_annex(db, args.file, PlanInput(args.number, args.date, args.issuer, args.year), args.skip_row,
                        args.dry_run)
    for line in done.lines:
        print(line)
    if done.refusal:
        sys.stderr.write(done.refusal + "\n")
        return EXIT_ERROR
    if done.saved is not None:
        _print_import(done.catalogue, done.saved)
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
