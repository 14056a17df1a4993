"""What the officer sets once (first run) and may change in Settings."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import BadInput
from .text import clean, fold
from .units import UnitKind

# The consolidating office's rules. A unit's assessment set by hand (with its reason) counts as Đạt only when the
# office's recomputation agrees (a unit may lower its count, never raise it), or as the office recomputed it, or as
# the unit set it; a package from a unit the office does not know is held for it to decide, or taken in at once (the
# unit added, the import saying so).
OVERRIDE_LOWER, OVERRIDE_RECOMPUTED, OVERRIDE_UNIT = "thap_hon", "tinh_lai", "theo_don_vi"
OVERRIDE_RULES = {OVERRIDE_LOWER: "Đạt khi cả đơn vị và kết quả tính lại cùng đạt",
                  OVERRIDE_RECOMPUTED: "Tính theo kết quả cơ quan tổng hợp tính lại",
                  OVERRIDE_UNIT: "Tính theo đánh giá đơn vị tự điều chỉnh (có lý do)"}
HOLD_NEW_UNITS, ADD_NEW_UNITS = "giu_lai", "nhan_ngay"
NEW_UNIT_RULES = {HOLD_NEW_UNITS: "Giữ lại chờ cơ quan tổng hợp duyệt",
                  ADD_NEW_UNITS: "Nhận ngay và thêm vào danh sách đơn vị"}


@dataclass(frozen=True)
class Settings:
    """Unit, people and reporting rules; place names and offices are data, never constants."""

    district: str = ""               # the locality the unit belongs to (huyện/thành phố, or tỉnh after 7/2025)
    unit_name: str = ""              # own unit, e.g. "UBND phường Mạo Khê"
    officer_name: str = ""           # cán bộ đầu mối: recorded in history
    officer_position: str = ""
    signatory_name: str = ""         # for printouts
    signatory_title: str = "CHỦ TỊCH"
    report_day: int = 15             # monthly report due on this day of the month
    consolidating_office: str = ""   # cơ quan tổng hợp (was Phòng VH&TT of the district)
    place_name: str = ""             # for the date line: "Mạo Khê, ngày … tháng … năm …"
    recipients: str = ""             # "Nơi nhận", one per line
    issuer_code: str = ""            # the issuer's abbreviation after "BC-" in "Số: …/BC-VHTT" (NĐ 30)
    unit_overrides: str = OVERRIDE_LOWER  # how the office counts an assessment a unit set by hand
    new_units: str = HOLD_NEW_UNITS  # a package from a unit the office does not know: held, or taken in at once

    @property
    def who(self) -> str:
        """The name history records for changes made in this program."""
        return self.officer_name or "Cán bộ đầu mối"


SETTING_KEYS = tuple(Settings.__dataclass_fields__)


def default_signatory_title(kind: UnitKind, unit_name: str) -> str:
    """The signer's title a unit's reports get unless the officer types another: a People's Committee's report is
    signed by its chairman ("CHỦ TỊCH"); an agency's by its head (a district agency's report came out signed
    "CHỦ TỊCH"): "TRƯỞNG PHÒNG" for a "Phòng …", else "THỦ TRƯỞNG CƠ QUAN"."""
    if kind in (UnitKind.CO_QUAN, UnitKind.KHAC):  # a People's Committee is a commune-level or district unit
        return "TRƯỞNG PHÒNG" if fold(unit_name).startswith("phong ") else "THỦ TRƯỞNG CƠ QUAN"
    return Settings.signatory_title


REPORT_DAYS = range(1, 29)  # a day every month has
MAX_TITLE = 200


def tidy(settings: Settings, kind: UnitKind) -> Settings:
    """Settings as the Settings form keeps them: text cleaned (NFC, single spaces), the signer's title line by line
    (its kind's default when left empty), recipients one a line, the agency code in capitals without "BC-".
    ValueError (Vietnamese) for a report day no month has."""
    if settings.report_day not in REPORT_DAYS:
        raise BadInput(f"Ngày báo cáo hằng tháng phải từ 1 đến 28 (nhận {settings.report_day}).")
    for value, rules, what in ((settings.unit_overrides, OVERRIDE_RULES, "Cách tính đánh giá đơn vị tự điều chỉnh"),
                               (settings.new_units, NEW_UNIT_RULES, "Gói của đơn vị chưa có trong danh sách")):
        if value not in rules:
            raise BadInput(f"{what}: “{value}” không hợp lệ; chọn {' hoặc '.join(rules)}.")
    title = "\n".join(line for line in map(clean, settings.signatory_title.splitlines()) if line)[:MAX_TITLE]
    recipients = "\n".join(line for line in map(clean, settings.recipients.splitlines()) if line)
    return Settings(
        district=clean(settings.district), unit_name=clean(settings.unit_name),
        officer_name=clean(settings.officer_name), officer_position=clean(settings.officer_position),
        signatory_name=clean(settings.signatory_name),
        signatory_title=title or default_signatory_title(kind, settings.unit_name), report_day=settings.report_day,
        consolidating_office=clean(settings.consolidating_office), place_name=clean(settings.place_name),
        recipients=recipients, issuer_code=clean(settings.issuer_code).upper().removeprefix("BC-"),
        unit_overrides=settings.unit_overrides, new_units=settings.new_units)
