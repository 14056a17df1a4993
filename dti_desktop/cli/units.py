"""`unit list|add|merge|unmerge` (services.units), and the signing keys under `unit key …`, `unit repin`
(cli/keys.py)."""

from __future__ import annotations

from ..domain.errors import BadInput
from ..domain.units import UnitKind
from .keys import COMMANDS as KEY_COMMANDS
from .keys import WRITING as KEY_WRITING
from .keys import add_parsers as add_key_parsers
from .keys import run as run_keys
from .settings import add_options, given, print_settings
from .common import launcher, open_db
from .parser import area

WRITING = frozenset({("unit", "add"), ("unit", "merge"), ("unit", "unmerge")}) | KEY_WRITING


def add_parsers(areas, common) -> None:
    """The `unit` area."""
    unit = area(areas, "unit", "đơn vị")
    unit.add_parser("list", parents=[common], help="liệt kê đơn vị")
    p = unit.add_parser("merge", parents=[common],
                        help="gộp hai tên của cùng một đơn vị (tên đã sửa, xã đổi tên): gói đã nhận theo tên cũ được tính cho tên giữ")
    p.add_argument("old", metavar="TÊN_BỎ", help="tên cũ, thôi dùng (gói đã nhận theo tên này vẫn giữ nguyên)")
    p.add_argument("keep", metavar="TÊN_GIỮ", help="tên đơn vị đang dùng, được giữ")
    p = unit.add_parser("unmerge", parents=[common], help="tách một tên đã gộp (gộp nhầm hai đơn vị khác nhau)")
    p.add_argument("name", metavar="TÊN", help="tên đã gộp vào đơn vị khác")
    add_key_parsers(unit, common)  # unit key show|export|handover|import|list, unit repin
    p = unit.add_parser("add", parents=[common],
                        help="thêm đơn vị và phân công chỉ tiêu; --own: thiết lập đơn vị của bạn (như lần đầu mở "
                             "chương trình), kèm các mục của Cài đặt")
    p.add_argument("name", metavar="TÊN", help="tên đơn vị, ví dụ \"UBND phường Mạo Khê\"")
    p.add_argument("--kind", choices=[k.value for k in UnitKind], default=None,
                   help="loại đơn vị (mặc định: theo tên, “UBND phường …” là phường): "
                        + ", ".join(f"{k.value} ({k.label})" for k in UnitKind))
    p.add_argument("--district", default=None, metavar="ĐỊA_BÀN",
                   help="địa bàn, ví dụ \"thành phố Đông Triều\" (--own: mặc định theo kế hoạch)")
    p.add_argument("--own", action="store_true", help="đây là đơn vị của bạn (thiết lập lần đầu)")
    p.add_argument("--year", type=int, metavar="NĂM", help="năm của kế hoạch theo dõi (mặc định: năm nay, "
                                                          "hoặc kế hoạch mới nhất)")
    add_options(p)


def run(args) -> int:
    """One command of the area."""
    from ..services import units

    db = open_db(args)
    if args.command in KEY_COMMANDS:
        return run_keys(db, args)
    if args.command == "list":
        return _print_units(units.listing(db))
    if args.command == "unmerge":
        print(units.unmerge_by_name(db, args.name))
        return 0
    if args.command == "merge":
        print(units.merge_by_names(db, args.old, args.keep))
        return 0
    kind = UnitKind(args.kind) if args.kind else None
    chosen = given(args, ("district",))
    if args.own:
        added = units.set_up_own(db, args.name, kind, chosen, args.year, launcher())
    elif set(chosen) - {"district"}:
        raise BadInput("Các mục của Cài đặt (--officer, --signer…) chỉ dành cho đơn vị của bạn (--own); "
                       f"đã thiết lập rồi thì dùng: {launcher()} settings set.")
    else:
        added = units.add_expected(db, args.name, kind, args.district, args.year)
    guessed = " (theo tên; đổi bằng --kind)" if kind is None else ""
    print(f"Đã thêm {added.unit.name} — {added.unit.kind.label.lower()}{guessed}; được giao {added.count} chỉ tiêu "
          f"của kế hoạch {added.plan.plan.number}.")
    if added.ctx is not None:
        print_settings(added.ctx)
    return 0


def _print_units(found) -> int:
    if not found.units:
        print(f"Chưa có đơn vị nào. Thiết lập đơn vị của bạn: {launcher()} unit add \"TÊN ĐƠN VỊ\" --own "
              f"(xem {launcher()} unit add --help).")
    for unit in found.units:
        mark = " (đơn vị của tôi)" if unit.is_own else ""
        print(f"{unit.name} — {unit.kind.label}{', ' + unit.district if unit.district else ''}{mark}")
    for name, into in found.merged:
        print(f"{name} — đã gộp vào “{into}”")
    return 0
