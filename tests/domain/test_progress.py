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
    for typed, shown in (("45/50 hồ sơ", "45/50 hồ sơ (90%)"), ("106/262 TTHC", "106/262 TTHC (40,45%)"),
                         ("1000 điểm", "1.000 điểm"), ("85,126", "85,126")):  # shares cut, numbers as typed
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


@pytest.mark.parametrize("goal, typed, verdict", [
    ("29%", "29/100", Assessment.DAT),  # 28,999999999999996 in floating point
    ("Tối đa 7%", "7/100", Assessment.DAT),
    ("1,1%", "11/1000", Assessment.DAT),
    ("08 cơ sở dữ liệu", "3/8 cơ sở dữ liệu", Assessment.KHONG_DAT),  # a count: 3 done, not 37,5 %
    ("08 cơ sở dữ liệu", "8/8", Assessment.DAT),
    ("1000 điểm", "1000/1000 điểm", Assessment.DAT),
])
def test_fractions_are_judged_exactly_and_as_counts_against_counts(goal, typed, verdict):
    assert assess(parse_goal(goal).measures, {0: parse_value(typed)}) is verdict


def test_a_share_below_the_goal_is_never_shown_as_reached():
    assert parse_value("8753/8754 hồ sơ").short() == "99,9%"
    assert parse_value("19999/20000").display() == "19.999/20.000 (99,99%)"
    assert parse_value("45/50").display() == "45/50 (90%)"


def test_an_empty_measure_keeps_its_place_in_the_results():
    from dti_desktop.domain.progress import measure_results

    assert measure_results({1: parse_value("95")}, 2) == "-; 95"
    assert measure_results({}, 2) == "" and measure_results({0: parse_value("100")}, 1) == "100"


def test_a_number_too_large_for_a_float_is_text():
    assert parse_value("9" * 400 + " điểm").value is None


def test_the_months_reports_and_their_deadlines():
    """Plan rules (seed 000): monthly on the report day, quarterly on the 15th of the quarter's last month,
    yearly before 10/12."""
    from datetime import date

    from dti_desktop.domain.workspace import deadline_info

    assert Period(2025, 2).report_dues(20) == [(date(2025, 2, 20), "tháng")]
    assert Period(2025, 6).report_dues(20) == [(date(2025, 6, 15), "quý II"), (date(2025, 6, 20), "tháng")]
    assert Period(2025, 12).report_dues(15) == [(date(2025, 12, 9), "năm"), (date(2025, 12, 15), "quý IV"),
                                                (date(2025, 12, 15), "tháng")]
    banner = deadline_info(Period(2025, 12), 20, date(2025, 12, 12), []).text()
    assert banner.startswith("Báo cáo năm hạn 09/12/2025 (đã quá hạn 3 ngày); báo cáo quý IV hạn 15/12/2025 "
                             "(còn 3 ngày); báo cáo tháng hạn 20/12/2025 (còn 8 ngày).")


def test_a_result_below_its_goal_never_prints_as_the_goal():
    """36.254/40.283 is 89,998 %: "(90%)" beside a 90 % goal and "Chưa đạt" read as a contradiction."""
    assert parse_value("36.254/40.283 hồ sơ").display() == "36.254/40.283 hồ sơ (89,99%)"
    assert parse_value("89,996").display() == "89,996"
    assert parse_value("29/100").display() == "29/100 (29%)"  # floating-point noise settled, not cut


def test_a_percentage_typed_against_a_count_goal_is_refused():
    from dti_desktop.domain.validation import read_measure_input

    count = parse_goal("1000 điểm").measures[0]
    assert "không nhập tỷ lệ %" in read_measure_input(count, "95%")[1]
    assert read_measure_input(count, "950 điểm")[1] is None
