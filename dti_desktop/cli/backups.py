"""`backup list|create|restore`: the data folder's backups (services.backups)."""

from __future__ import annotations

from .common import db_path
from .parser import area

WRITING = frozenset({("backup", "restore")})


def add_parsers(areas, common) -> None:
    """The `backup` area."""
    bak = area(areas, "backup", "sao lưu và khôi phục")
    bak.add_parser("list", parents=[common], help="các bản sao lưu")
    bak.add_parser("create", parents=[common], help="tạo bản sao lưu ngay")
    p = bak.add_parser("restore", parents=[common], help="khôi phục (trước đó tự sao lưu trạng thái hiện tại)")
    p.add_argument("name", metavar="TÊN", help="tên bản sao lưu (xem backup list)")


def run(args) -> int:
    """One command of the area (no database opened: a restore is for data that may not open)."""
    from ..services import backups

    path = db_path(args)
    if args.command == "list":
        found = backups.list_backups(path)
        for b in found:
            print(f"{b.name}  {b.created:%d/%m/%Y %H:%M}  {b.size / 1024 / 1024:.1f} MB".replace(".", ","))
        if not found:
            print("Chưa có bản sao lưu nào.")
    elif args.command == "create":
        b = backups.create_backup(path)
        print(f"Đã sao lưu: {b.name} ({b.folder}).")
    else:
        print(backups.restore(path, args.name).text())
    return 0
