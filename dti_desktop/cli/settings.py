"""The command line's settings: `settings show|set`, and the same options on `unit add --own` (the first run).

Every field of the first-run and Settings dialogs has its option; what the officer leaves out is filled in as the
dialogs fill it (dti_desktop.services.setup).
"""

from __future__ import annotations

from ..domain.errors import BadInput
from ..domain.settings import NEW_UNIT_RULES, OVERRIDE_RULES
from .common import launcher, open_db
from .parser import area

WRITING = frozenset({("settings", "set")})

# option → (Settings field, metavar, help); the options that may be given again add a line each
OPTIONS = (
    ("--officer", "officer_name", "TÊN", "cán bộ đầu mối (ghi vào lịch sử sửa)"),
    ("--officer-position", "officer_position", "CHỨC_VỤ", "chức vụ của cán bộ đầu mối"),
    ("--signer", "signatory_name", "TÊN", "người ký báo cáo"),
    ("--signer-title", "signatory_title", "DÒNG",
     "chức danh người ký (mặc định theo loại đơn vị: CHỦ TỊCH, TRƯỞNG PHÒNG…); ký thay thì ghi hai lần: "
     "--signer-title \"KT. CHỦ TỊCH\" --signer-title \"PHÓ CHỦ TỊCH\""),
    ("--report-day", "report_day", "NGÀY", "ngày báo cáo hằng tháng, 1–28 (mặc định: theo kế hoạch, hoặc 15)"),
    ("--office", "consolidating_office", "CƠ_QUAN", "cơ quan tổng hợp, ví dụ \"Phòng Văn hóa và Thông tin\""),
    ("--place", "place_name", "ĐỊA_DANH", "địa danh ở dòng ngày tháng của báo cáo, ví dụ \"Mạo Khê\""),
    ("--issuer-code", "issuer_code", "KÝ_HIỆU",
     "ký hiệu cơ quan trong số văn bản, ví dụ VHTT → “Số: …/BC-VHTT” (để trống: BC-UBND cho Ủy ban nhân dân)"),
    ("--recipient", "recipients", "DÒNG", "một dòng “Nơi nhận”, ví dụ \"- UBND thành phố (b/c);\"; lặp lại cho mỗi dòng"),
    ("--overrides", "unit_overrides", "CÁCH",
     "cơ quan tổng hợp tính đánh giá đơn vị tự điều chỉnh: thap_hon (Đạt khi cả đơn vị và kết quả tính lại cùng "
     "đạt, mặc định), tinh_lai (theo kết quả tính lại) hoặc theo_don_vi (theo đánh giá đơn vị, có lý do)"),
    ("--new-units", "new_units", "CÁCH",
     "gói của đơn vị chưa có trong danh sách: giu_lai (giữ chờ duyệt, mặc định) hoặc nhan_ngay (nhận và thêm đơn vị)"),
)
LINES = ("signatory_title", "recipients")  # given line by line
RULES = {"unit_overrides": OVERRIDE_RULES, "new_units": NEW_UNIT_RULES}
LABELS = (("unit_name", "Đơn vị của bạn"), ("kind", "Loại đơn vị"), ("district", "Thuộc địa bàn"),
          ("officer_name", "Cán bộ đầu mối"), ("officer_position", "Chức vụ"), ("signatory_name", "Người ký báo cáo"),
          ("signatory_title", "Chức danh người ký"), ("report_day", "Ngày báo cáo hằng tháng"),
          ("consolidating_office", "Cơ quan tổng hợp"), ("place_name", "Địa danh"), ("issuer_code", "Ký hiệu cơ quan"),
          ("recipients", "Nơi nhận"), ("unit_overrides", "Đánh giá đơn vị tự điều chỉnh"),
          ("new_units", "Gói của đơn vị chưa có trong danh sách"))


def add_options(parser, renaming: bool = False) -> None:
    """The Settings fields as options; `renaming`: the unit's name and area too (Settings may change them)."""
    if renaming:
        parser.add_argument("--unit-name", dest="unit_name", metavar="TÊN", help="tên đơn vị (kết quả được giữ)")
        parser.add_argument("--district", metavar="ĐỊA_BÀN", help="địa bàn, ví dụ \"thành phố Đông Triều\"")
    for option, field, metavar, text in OPTIONS:
        if field in LINES:
            parser.add_argument(option, dest=field, action="append", metavar=metavar, help=text)
        else:
            parser.add_argument(option, dest=field, type=int if field == "report_day" else str, metavar=metavar,
                                help=text)


def given(args, fields: tuple[str, ...] = ()) -> dict:
    """The Settings fields the officer gave (an option left out keeps what is there), lines joined."""
    names = fields + tuple(field for _, field, _, _ in OPTIONS)
    values = {name: getattr(args, name, None) for name in names}
    return {name: "\n".join(value) if name in LINES else value for name, value in values.items() if value is not None}


def print_settings(ctx) -> None:
    s = ctx.settings
    for field, label in LABELS:
        value = ctx.unit.kind.label if field == "kind" else getattr(s, field)
        if field in RULES:  # the rule in words, then the value to give `settings set`
            value = f"{RULES[field][value]} ({value})"
        lines = str(value).splitlines() or ["-"]
        print(f"{label}: {lines[0]}")
        for line in lines[1:]:
            print(" " * (len(label) + 2) + line)


def add_parsers(areas, common) -> None:
    """The `settings` area."""
    sub = area(areas, "settings", "cài đặt (như Công cụ → Cài đặt)")
    sub.add_parser("show", parents=[common], help="xem cài đặt")
    p = sub.add_parser("set", parents=[common], help="sửa cài đặt: chỉ những mục được ghi, các mục khác giữ nguyên")
    add_options(p, renaming=True)


def run(args) -> int:
    """`settings show|set`."""
    from ..services import setup, workspace

    db = open_db(args)
    if args.command == "show":
        print_settings(workspace.context(db, read_only=True))
        return 0
    changes = given(args, ("unit_name", "district"))
    if not changes:
        raise BadInput(f"Chưa ghi mục nào để sửa (xem: {launcher()} settings set --help).")
    ctx = setup.change_settings(db, changes)
    print("Đã lưu cài đặt.")
    print_settings(ctx)
    return 0
