"""Field checks on an entry."""

from __future__ import annotations

import pytest

from dti_desktop.domain.goals import parse_goal
from dti_desktop.domain.progress import Status
from dti_desktop.domain.validation import evidence_warning, override_error, read_measure_input

PERCENT = parse_goal("80%").measures[0]
COUNT = parse_goal("1000 điểm").measures[0]
TEXT = parse_goal("Hoàn thành").measures[0]


@pytest.mark.parametrize("measure, text, message", [
    (PERCENT, "120", "0–100%"),
    (PERCENT, "-5", "Cần nhập một số"),
    (PERCENT, "55/50", "Tử số (55) không được lớn hơn mẫu số (50)"),
    (PERCENT, "9O%", "Cần nhập một số"),  # a number mistyped is no result in words
    (PERCENT, "3/0", "Mẫu số phải lớn hơn 0"),
    (COUNT, "1OOO điểm", "Cần nhập một số"),
    (PERCENT, "%", "Cần nhập một số"),
])
def test_measure_input_refused(measure, text, message):
    _, error = read_measure_input(measure, text)
    assert error and message in error


@pytest.mark.parametrize("measure, text, effective", [
    (PERCENT, "85,5", 85.5), (PERCENT, "45/50", 90), (COUNT, "1.200", 1200), (PERCENT, "", None),
])
def test_measure_input_accepted(measure, text, effective):
    value, error = read_measure_input(measure, text)
    assert error is None and value.effective == effective


def test_text_measure_takes_words():
    value, error = read_measure_input(TEXT, "đã phủ sóng 5G")
    assert error is None and value.text == "đã phủ sóng 5G"


def test_override_needs_reason_and_evidence_warning():
    assert override_error(False, "  ").field == "override_reason"
    assert override_error(False, "có lý do") is None and override_error(True, "") is None
    assert evidence_warning(Status.HOAN_THANH, "", 0)
    assert evidence_warning(Status.HOAN_THANH, "Văn bản số 5", 0) is None
    assert evidence_warning(Status.HOAN_THANH, "", 1) is None
    assert evidence_warning(Status.DANG_TRIEN_KHAI, "", 0) is None


def test_a_number_with_a_unit_is_a_number():
    from dti_desktop.domain.goals import parse_goal
    from dti_desktop.domain.validation import read_measure_input

    percent, count = parse_goal("90%").measures[0], parse_goal("1000 điểm").measures[0]
    assert read_measure_input(percent, "45/50 hồ sơ")[1] is None
    assert read_measure_input(count, "1.200 điểm") == (read_measure_input(count, "1.200 điểm")[0], None)
    assert read_measure_input(percent, "đã triển khai 5O%")[1].startswith("Cần nhập một số")


@pytest.mark.parametrize("text", ["Hoàn thành và tiếp tục duy trì", "Đang thu thập thông tin",
                                  "Đảm bảo thời gian quy định"])
def test_a_result_in_words_as_real_reports_write_it_is_kept_and_not_judged(text):
    """003's annex gives such results for targets with a percentage goal; they must travel as written."""
    from dti_desktop.domain.progress import Assessment, assess

    value, error = read_measure_input(PERCENT, text)
    assert error is None and value.text == text and value.display() == text
    assert assess((PERCENT,), {0: value}) is Assessment.NONE  # the officer assesses it by hand
