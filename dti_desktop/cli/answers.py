"""Answers from the command line, both directions (services/answers.py, services/answer_intake.py).

The office: `district answer --unit TÊN --period YYYY-MM (--accept | --return --reason … [--comment MÃ=NHẬN_XÉT …])
--out THƯ_MỤC`, `district answer --period YYYY-MM --accept-all --out THƯ_MỤC` (every package of the month not yet
answered, one file per unit in one folder), `district answers --period YYYY-MM [--waiting] [--accepted-only on|off]`.
The unit: `package answer TỆP`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.errors import BadInput

DISTRICT_COMMANDS = ("answer", "answers")
PACKAGE_COMMANDS = ("answer",)
WRITING_DISTRICT = frozenset({("district", "answer"), ("district", "answers")})
WRITING_PACKAGE = frozenset({("package", "answer")})


def add_district_parsers(dist, common: argparse.ArgumentParser) -> None:
    """Under `district`."""
    p = dist.add_parser("answer", parents=[common],
                        help="trả lời gói đã nhận bằng tệp có chữ ký: tiếp nhận, hoặc trả lại kèm lý do và nhận xét "
                             "từng chỉ tiêu")
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="tháng của gói, ví dụ 2025-03")
    p.add_argument("--unit", metavar="TÊN_ĐƠN_VỊ", help="đơn vị đã gửi (không dùng với --accept-all)")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--accept", action="store_true", help="tiếp nhận gói")
    how.add_argument("--return", dest="give_back", action="store_true", help="trả lại gói để đơn vị sửa (cần --reason)")
    how.add_argument("--accept-all", action="store_true",
                     help="tiếp nhận mọi gói của tháng chưa được trả lời (gói đã trả lời thì ghi lại tệp trả lời)")
    p.add_argument("--reason", default="", metavar="LÝ_DO", help="lý do trả lại (đơn vị thấy khi mở lại tháng)")
    p.add_argument("--comment", action="append", default=[], metavar="MÃ=NHẬN_XÉT",
                   help="nhận xét cho một chỉ tiêu, ví dụ 6=\"Đề nghị bổ sung minh chứng\" (lặp lại được)")
    p.add_argument("--out", type=Path, required=True, metavar="THƯ_MỤC", help="thư mục ghi tệp trả lời (ví dụ USB)")
    p = dist.add_parser("answers", parents=[common], help="tình trạng trả lời của các đơn vị trong một tháng")
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="tháng, ví dụ 2025-03")
    p.add_argument("--waiting", action="store_true", help="chỉ các gói đang chờ cơ quan trả lời")
    p.add_argument("--accepted-only", choices=("on", "off"),
                   help="tổng hợp chỉ tính gói đã tiếp nhận (on) hay mọi gói đã nhận (off, mặc định)")


def add_package_parsers(pkg, common: argparse.ArgumentParser) -> None:
    """Under `package`."""
    p = pkg.add_parser("answer", parents=[common],
                       help="nhận tệp trả lời của cơ quan tổng hợp (.dtitraloi): tiếp nhận, hoặc trả lại để sửa")
    p.add_argument("file", type=Path, metavar="TỆP.dtitraloi", help="tệp trả lời nhận từ cơ quan tổng hợp")


def run_district(db, args) -> int:
    from ..domain.periods import Period
    from ..services import answers

    period = Period.parse(args.period)
    if args.command == "answers":
        return _print_states(db, args, period)
    if args.accept_all:
        if args.unit:
            raise BadInput("--accept-all không dùng cùng --unit.")
        accepted, again = answers.accept_all(db, period, args.out)
        for w in accepted + again:
            print(w.text())
        print(f"Đã tiếp nhận {len(accepted)} gói, ghi lại {len(again)} tệp trả lời đã có; thư mục {args.out}.")
        return 0
    if not args.unit:
        raise BadInput("Cần --unit TÊN_ĐƠN_VỊ (hoặc --accept-all).")
    state = answers.ACCEPTED if args.accept else answers.RETURNED
    written = answers.answer_unit(db, args.unit, period, state, args.reason, _comments(args.comment), args.out)
    print(f"Đã ghi {written.path} ({answers.STATE_LABELS[state].lower()} r{written.revision}).")
    return 0


def _comments(items: list[str]) -> dict[str, str]:
    found = {}
    for item in items:
        code, sep, text = item.partition("=")
        if not sep or not code.strip() or not text.strip():
            raise BadInput(f"Nhận xét “{item[:60]}” phải có dạng MÃ=NHẬN_XÉT, ví dụ 6=\"Bổ sung minh chứng\".")
        found[code.strip()] = text.strip()
    return found


def _print_states(db, args, period) -> int:
    from ..services import answers, district

    if args.accepted_only:
        answers.set_accepted_only(db, args.accepted_only == "on")
    rows = answers.month_rows(db, district.plan_id_for(db, period), period)
    print(f"Tình trạng trả lời {period.label.lower()} (tổng hợp "
          f"{'chỉ tính gói đã tiếp nhận' if answers.accepted_only(db) else 'tính mọi gói đã nhận'}):")
    for row in rows:
        if not args.waiting or row.waiting:
            print(f"- {row.unit}: {row.text()}" + (f" — {row.note}" if row.note else ""))
    return 0


def run_package(db, args) -> int:
    from ..services import answer_intake

    print(answer_intake.import_answer(db, args.file).message)
    return 0
