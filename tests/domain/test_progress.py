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
    ("45 / 50 hồ sơ", MeasureValue(numerator=45, denominator=50)),
    ("đã ban hành", MeasureValue(text="đã ban hành")),
    ("", MeasureValue()),
])
def test_parse_value(text, expected):
    assert parse_value(text) == expected


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
