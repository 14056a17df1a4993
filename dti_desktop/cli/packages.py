"""`package export|verify|reopen`: the unit's monthly package (services.packages); `package check` is in
cli/month_round.py, `package answer` in cli/answers.py."""

from __future__ import annotations

import sys
from pathlib import Path

from .answers import PACKAGE_COMMANDS as ANSWER_COMMANDS
from .answers import WRITING_PACKAGE, add_package_parsers, run_package
from .month_round import PACKAGE_COMMANDS as ROUND_COMMANDS
from .month_round import add_package_parsers as add_check_parsers
from .month_round import run as run_round
from .common import db_path, open_db, store
from .parser import area

WRITING = frozenset({("package", "export"), ("package", "reopen")}) | WRITING_PACKAGE


def add_parsers(areas, common) -> None:
    """The `package` area."""
    pkg = area(areas, "package", "gói báo cáo tháng của đơn vị")
    p = pkg.add_parser("export", parents=[common], help="xuất gói báo cáo của một tháng và khóa kỳ đó")
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="tháng gửi, ví dụ 2025-03")
    p.add_argument("--out", type=Path, default=Path("."), metavar="THƯ_MỤC",
                   help="thư mục ghi gói (mặc định: thư mục hiện tại)")
    add_check_parsers(pkg, common)  # package check: the checklist before sending
    add_package_parsers(pkg, common)  # package answer: the office's answer taken in
    p = pkg.add_parser("verify", help="kiểm tra một gói mà không nhập")
    p.add_argument("file", type=Path, metavar="TỆP.dtipkg", help="gói cần kiểm tra")
    p = pkg.add_parser("reopen", parents=[common], help="mở lại kỳ đã gửi để sửa (cần lý do)")
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="tháng đã gửi")
    p.add_argument("--reason", required=True, metavar="LÝ_DO", help="lý do mở lại (gửi kèm lần gửi sau)")


def run(args) -> int:
    """One command of the area."""
    from ..domain.periods import Period
    from ..services import backups, packages

    if args.command == "verify":
        return _print_package(packages.verify_file(args.file), args.file)
    db = open_db(args)
    if args.command in ROUND_COMMANDS:
        return run_round(db, args)
    if args.command in ANSWER_COMMANDS:
        return run_package(db, args)
    period = Period.parse(args.period)
    if args.command == "reopen":
        sub = packages.reopen_period(db, period, args.reason)
        print(f"Đã mở lại {period.label} (lần gửi r{sub.revision}); lần gửi sau sẽ là r{sub.revision + 1}.")
        return 0
    result = packages.export_package(db, store(args), period, args.out)
    print(f"Đã ghi gói {result.path} (lần gửi r{result.revision}: {result.entries} kết quả, "
          f"{result.evidence_files} tệp minh chứng). Kỳ {period.label.lower()} đã khóa.")
    after = backups.backup_after_export(db_path(args))  # a failed backup is a warning, not a failed export
    if after.problem:
        sys.stderr.write(f"Cảnh báo: gói đã ghi nhưng chưa sao lưu được: {after.problem}\n")
    return 0


def _print_package(checked, file: Path) -> int:
    from ..domain.dates import display_moment
    from ..domain.progress import measure_results

    pkg = checked.package
    m = pkg.manifest
    print(f"Gói hợp lệ: {file.name}")
    print("  Chữ ký: " + (f"có, khóa của máy gửi có mã nhận dạng {checked.signer_fingerprint}"
                          if checked.signer_fingerprint else "không có (gói lập bằng phiên bản cũ)"))
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
