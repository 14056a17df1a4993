"""`unit key show|export|handover|import|list` and `unit repin`: signing keys from the command line, as in the window
(Công cụ → Khóa ký của đơn vị, and Tổng hợp → Khóa các đơn vị); services.trust does the work."""

from __future__ import annotations

import argparse
from pathlib import Path

COMMANDS = ("key", "repin")
WRITING = frozenset({("unit", "key"), ("unit", "repin")})


def add_parsers(unit, common: argparse.ArgumentParser) -> None:
    """The subcommands, under `unit`."""
    key = unit.add_parser("key", help="khóa ký của máy này và khóa đã ghi nhận của các đơn vị, cơ quan tổng hợp")
    keys = key.add_subparsers(dest="key_command", required=True, parser_class=type(key))
    keys.add_parser("show", parents=[common], help="mã nhận dạng khóa của máy này (đọc cho cơ quan tổng hợp đối chiếu)")
    p = keys.add_parser("export", parents=[common],
                        help="xuất tệp đăng ký khóa (.dtikhoa) gửi cơ quan tổng hợp, trước gói báo cáo đầu tiên")
    p.add_argument("file", type=Path, metavar="TỆP.dtikhoa", help="tệp sẽ ghi")
    p = keys.add_parser("handover", parents=[common],
                        help="trên máy cũ: bàn giao sang máy mới (ký tệp đăng ký khóa của máy mới bằng khóa máy cũ)")
    p.add_argument("enrolment", type=Path, metavar="TỆP_MÁY_MỚI.dtikhoa", help="tệp đăng ký khóa xuất trên máy mới")
    p.add_argument("--out", type=Path, required=True, metavar="TỆP.dtikhoa", help="tệp bàn giao sẽ ghi")
    p = keys.add_parser("import", parents=[common],
                        help="nhận tệp đăng ký hoặc bàn giao khóa của một đơn vị (cơ quan tổng hợp); với --office: khóa "
                             "của cơ quan tổng hợp (đơn vị)")
    p.add_argument("file", type=Path, metavar="TỆP.dtikhoa", help="tệp đăng ký hoặc bàn giao khóa")
    p.add_argument("--office", action="store_true", help="đây là khóa của cơ quan tổng hợp mà đơn vị này gửi báo cáo")
    keys.add_parser("list", parents=[common], help="khóa đã ghi nhận của các đơn vị và lịch sử ghi nhận, ghim lại")
    p = unit.add_parser("repin", parents=[common],
                        help="ghim lại khóa của một đơn vị (máy cũ hỏng, không có tệp bàn giao): cần lý do, được ghi lại")
    p.add_argument("name", metavar="TÊN", help="tên đơn vị")
    p.add_argument("--reason", required=True, metavar="LÝ_DO",
                   help="lý do, ví dụ \"máy cũ hỏng ổ cứng; đã gọi điện đối chiếu mã nhận dạng\"")
    p.add_argument("--from", dest="source", type=Path, default=None, metavar="TỆP",
                   help="gói báo cáo (.dtipkg) hoặc tệp đăng ký (.dtikhoa) mang khóa mới; không ghi: bỏ khóa đã ghi "
                        "nhận, gói có chữ ký tiếp theo của đơn vị được ghi nhận")


def run(db, args) -> int:
    """One of COMMANDS; errors (StorageError, ValueError) are told by the caller."""
    from ..services import trust

    if args.command == "repin":
        print(trust.repin(db, trust.find_unit(db, args.name), args.reason, args.source))
        return 0
    command = args.key_command
    if command == "show":
        print(f"Mã nhận dạng khóa của máy này: {trust.own_fingerprint(db)}")
        for office, fp, how in trust.office_keys(db):
            print(f"Khóa đã ghi nhận của {office}: {fp} ({how})")
    elif command == "export":
        path, fp = trust.export_enrolment(db, args.file)
        print(f"Đã ghi tệp đăng ký khóa {path} (mã nhận dạng {fp}). Gửi tệp này cho cơ quan tổng hợp và đọc mã nhận "
              "dạng qua điện thoại để đối chiếu.")
    elif command == "handover":
        path, fp = trust.export_handover(db, args.enrolment, args.out)
        print(f"Đã ghi tệp bàn giao {path}: khóa của máy này chuyển cho máy mới (mã nhận dạng {fp}). Gửi tệp này cho "
              "cơ quan tổng hợp.")
    elif command == "import":
        print(trust.import_office_key(db, args.file) if args.office else trust.import_key_file(db, args.file))
    else:
        for row in trust.unit_keys(db):
            pinned = f"{row.fingerprint} ({row.how}, {row.pinned_at})" if row.how else row.fingerprint
            print(f"{row.unit}: {pinned}")
        lines = trust.history_lines(db)
        if lines:
            print("\nLịch sử:")
        for line in lines:
            print(f"  {line}")
    return 0
