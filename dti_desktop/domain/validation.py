"""Checks on an entry before it is saved: errors block saving, warnings ask."""

from __future__ import annotations

from dataclasses import dataclass

from .bounds import figure_problem
from .goals import Measure, MeasureKind
from .numbers import format_number
from .progress import Assessment, MeasureValue, Status, assess, parse_value


@dataclass(frozen=True)
class FieldError:
    """A message shown next to one field; `field` is "value:N", "override_reason", …"""

    field: str
    message: str


def read_measure_input(measure: Measure, text: str) -> tuple[MeasureValue, str | None]:
    """Parse what the officer typed for a measure; returns the value and an error message."""
    try:
        value = parse_value(text)
    except ValueError as error:
        return MeasureValue(), str(error)
    if value.empty:
        return value, None
    if problem := figure_problem(value.value, value.numerator, value.denominator):  # the office refuses more
        return MeasureValue(), problem
    if not measure.applies:  # a figure the target sets for the other level of government
        return value, (f"Mục tiêu {measure.label()} dành cho cấp khác, không áp dụng cho đơn vị; "
                       "hãy để trống ô này.")
    if measure.kind is MeasureKind.TEXT:
        return value, None
    if measure.kind is MeasureKind.COUNT and text.strip().endswith("%"):  # "95%" against "1000 điểm"
        return MeasureValue(), f"Mục tiêu là số lượng ({measure.raw}); hãy nhập số lượng đạt được, không nhập tỷ lệ %."
    if value.value is None and value.numerator is None:  # "45/50 hồ sơ", "1000 điểm" are numbers
        if any(c.isalpha() for c in value.text) and not any(c.isdigit() for c in value.text):
            return value, None  # a result in words, as reports write some ("Đang thu thập thông tin"): not judged
        return MeasureValue(), "Cần nhập một số (ví dụ 85,5), tử số/mẫu số (ví dụ 45/50), hoặc ghi kết quả bằng chữ."
    if value.numerator is not None and value.numerator > value.denominator:
        return value, (f"Tử số ({format_number(value.numerator)}) không được lớn hơn "
                       f"mẫu số ({format_number(value.denominator)}).")
    number = value.effective
    if measure.kind in (MeasureKind.PERCENT, MeasureKind.RANGE) and not 0 <= number <= 100:
        return value, "Tỷ lệ phải nằm trong khoảng 0–100%."
    if measure.kind is MeasureKind.COUNT and number < 0:
        return value, "Số lượng không được âm."
    return value, None


def override_error(assessment_auto: bool, reason: str) -> FieldError | None:
    if not assessment_auto and not reason.strip():
        return FieldError("override_reason", "Cần ghi lý do khi tự điều chỉnh đánh giá.")
    return None


def evidence_warning(status: Status, evidence_notes: str, attachment_count: int) -> str | None:
    """A "hoàn thành" with no evidence is allowed, but only after the officer confirms."""
    if status is Status.HOAN_THANH and not evidence_notes.strip() and attachment_count == 0:
        return "Chỉ tiêu được đánh dấu “Hoàn thành” nhưng chưa có minh chứng (ghi chú hoặc tệp)."
    return None


MAX_TEXT = 20_000  # characters in one note: the unit is stopped here, and a package carrying more is refused
TEXT_FIELDS = {"override_reason": "Lý do điều chỉnh", "evidence_notes": "Minh chứng",
               "difficulties": "Khó khăn, vướng mắc", "causes": "Nguyên nhân", "proposals": "Đề xuất, kiến nghị"}


def text_errors(entry) -> list[FieldError]:
    """Notes too long to travel: checked when saving, not first at the office after the month is locked."""
    return [FieldError(name, f"“{label}” dài {format_number(len(getattr(entry, name)))} ký tự, vượt "
                             f"{format_number(MAX_TEXT)} ký tự một gói báo cáo mang được; hãy rút gọn hoặc đính kèm "
                             "thành tệp.")
            for name, label in TEXT_FIELDS.items() if len(getattr(entry, name)) > MAX_TEXT]


# -- status and result agree ------------------------------------------------------------------------------
NOT_STARTED_WITH_RESULT = "Đã có kết quả nhưng tình trạng là “Chưa triển khai”."
NOT_STARTED_BUT_MET = "Kết quả đạt mục tiêu nhưng tình trạng là “Chưa triển khai”."


def has_progress(values: dict[int, MeasureValue]) -> bool:
    """A figure above zero: something was done (a "0" or "0/50" is a target not started, a result in words says
    nothing either way)."""
    return any((v.numerator or 0) > 0 or (v.value or 0) > 0 for v in values.values())


def status_problem(status: Status, assessment: Assessment, values: dict[int, MeasureValue]) -> str | None:
    """Why the status contradicts the result ("48/50, Đạt" saved "Chưa triển khai" printed "Chưa triển khai;
    Đạt"), or None when they agree."""
    if status is not Status.CHUA_TRIEN_KHAI:
        return None
    if assessment is Assessment.DAT:
        return NOT_STARTED_BUT_MET
    return NOT_STARTED_WITH_RESULT if has_progress(values) else None


def proposed_status(measures: tuple[Measure, ...], values: dict[int, MeasureValue],
                    status: Status | None) -> Status | None:
    """The status the result calls for when it is not `status` (None: nothing to propose): a result at the goal
    proposes "Hoàn thành", a figure above zero on a target not started (or without a result) "Đang triển khai".
    Never a step back: a figure lowered under the goal leaves a "Hoàn thành" to the officer."""
    if assess(measures, values) is Assessment.DAT and status is not Status.HOAN_THANH:
        return Status.HOAN_THANH  # judged on the figures alone: a target without one is judged by its status
    if has_progress(values) and status in (None, Status.CHUA_TRIEN_KHAI):
        return Status.DANG_TRIEN_KHAI
    return None


def agreed_status(status: Status, assessment: Assessment, values: dict[int, MeasureValue]) -> Status:
    """The status a printout gives: the stored one, unless it contradicts the result (data saved before the two
    were checked, or a package from an older version): then the one the result calls for."""
    if status_problem(status, assessment, values) is None:
        return status
    return Status.HOAN_THANH if assessment is Assessment.DAT else Status.DANG_TRIEN_KHAI
