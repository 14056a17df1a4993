"""Results per measure and the automatic đạt / không đạt."""

from __future__ import annotations

import pytest

from dti_desktop.domain.goals import parse_goal
from dti_desktop.domain.periods import Period
from dti_desktop.domain.progress import Assessment, MeasureValue, assess, parse_value


@pytest.mark.parametrize("text, expected", [
    ("85,5", MeasureValue(value=85.5)),
    ("90%", MeasureValue(value=90)),
    ("45/50", MeasureValue(numerator=45, denominator=50)),
    ("45 / 50 hồ sơ", MeasureValue(numerator=45, denominator=50, text="hồ sơ")),  # the unit is kept
    ("1.000 điểm", MeasureValue(value=1000, text="điểm")),
    ("3 trạm 5G", MeasureValue(text="3 trạm 5G")),  # words with digits: text as typed
    ("đã ban hành", MeasureValue(text="đã ban hành")),
    ("", MeasureValue()),
])
def test_parse_value(text, expected):
    assert parse_value(text) == expected


def test_a_unit_typed_after_a_number_is_printed_and_read_back():
    for typed, shown in (("45/50 hồ sơ", "45/50 hồ sơ (90%)"), ("106/262 TTHC", "106/262 TTHC (40,46%)"),
                         ("1000 điểm", "1.000 điểm"), ("85,126", "85,13")):
        value = parse_value(typed)
        assert value.display() == shown and parse_value(value.typed()) == value


def test_parse_value_zero_denominator_refused():
    with pytest.raises(ValueError, match="Mẫu số"):
        parse_value("3/0")


def test_fraction_percent_and_display():
    v = parse_value("45/50")
    assert v.percent == 90 and v.effective == 90
    assert v.display() == "45/50 (90%)"


def test_assess_all_measures_met_or_not():
    measures = parse_goal("100%; 95%").measures
    assert assess(measures, {0: MeasureValue(value=100), 1: MeasureValue(value=96)}) is Assessment.DAT
    assert assess(measures, {0: MeasureValue(value=100), 1: MeasureValue(value=94)}) is Assessment.KHONG_DAT
    assert assess(measures, {0: MeasureValue(value=100)}) is Assessment.NONE
    assert assess(parse_goal("-").measures, {}) is Assessment.NONE


def test_period_parse_quarter_and_due_dates():
    p = Period.parse("2025-03")
    assert (p.quarter, p.label, p.key) == (1, "Tháng 03/2025", "2025-03")
    assert p.due_date(20).isoformat() == "2025-03-20"
    assert Period.parse("2025-01").previous().key == "2024-12"
    assert Period.parse("2025-05").quarter_due_date().isoformat() == "2025-06-15"
    with pytest.raises(ValueError, match="YYYY-MM"):
        Period.parse("03/2025")
    with pytest.raises(ValueError):
        Period.parse("2025-13")
