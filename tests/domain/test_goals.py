"""The goal parser on every goal string of the seeds, and on the shapes the brief names."""

from __future__ import annotations

import pytest

from dti_desktop.domain.goals import MeasureKind, parse_goal
from tests.helpers import all_goal_strings

SEED_GOALS = all_goal_strings()


def test_seed_goals_are_many():
    assert len(SEED_GOALS) > 30


@pytest.mark.parametrize("raw", SEED_GOALS)
def test_goal_seed_string_keeps_raw_and_has_no_problem(raw):
    goal = parse_goal(raw)
    assert goal.raw == raw
    assert goal.problems == ()
    pieces = [p.strip() for p in raw.split(";") if p.strip() not in ("", "-")]
    assert [m.raw for m in goal.measures] == pieces


@pytest.mark.parametrize("raw, kinds, lows", [
    ("100%; 95%", ["percent", "percent"], [100, 95]),
    ("47-50%", ["range"], [47]),
    ("10%; 10%; 47-50%; 30%", ["percent", "percent", "range", "percent"], [10, 10, 47, 30]),
    ("1000 điểm", ["count"], [1000]),
    ("03 doanh nghiệp", ["count"], [3]),
    ("02 xã, phường", ["count"], [2]),
    ("100%;100%", ["percent", "percent"], [100, 100]),
    ("Phấn đấu 07 xã phường 33,33%", ["percent"], [33.33]),
    ("Kết nối 100%", ["percent"], [100]),
    ("Hoàn thành", ["text"], [None]),
    ("80&", ["text"], [None]),
    ("-", [], []),
    ("", [], []),
])
def test_goal_shapes(raw, kinds, lows):
    goal = parse_goal(raw)
    assert [m.kind.value for m in goal.measures] == kinds
    assert [m.low for m in goal.measures] == lows


def test_goal_range_keeps_both_ends():
    (m,) = parse_goal("47-50%").measures
    assert (m.low, m.high, m.unit) == (47, 50, "%")
    assert m.label() == "47-50%"


def test_goal_count_unit_and_thousands_dot():
    (m,) = parse_goal("1.000 điểm").measures
    assert (m.kind, m.low, m.unit) == (MeasureKind.COUNT, 1000, "điểm")


@pytest.mark.parametrize("raw, op", [("trên 80%", ">"), ("Tối thiểu 50%", ">="),
                                     ("dưới 3%", "<"), ("80%", ">=")])
def test_goal_comparator_words(raw, op):
    (m,) = parse_goal(raw).measures
    assert m.op == op


def test_goal_is_met_follows_comparator():
    below = parse_goal("dưới 3%").measures[0]
    assert below.is_met(2.5) is True and below.is_met(3) is False
    at_least = parse_goal("80%").measures[0]
    assert at_least.is_met(80) is True and at_least.is_met(79.9) is False
    assert at_least.is_met(None) is None
    assert parse_goal("Hoàn thành").measures[0].is_met(100) is None


@pytest.mark.parametrize("raw, fragment", [
    ("150%", "vượt quá 100%"),
    ("60-40%", "cận dưới lớn hơn cận trên"),
    ("50%%", "dấu %"),
    ("1O0%", "dấu %"),
    ("% hộ gia đình", "dấu %"),
])
def test_goal_malformed_is_reported_not_dropped(raw, fragment):
    goal = parse_goal(raw)
    assert any(fragment in p for p in goal.problems)
    assert goal.raw == raw and goal.measures  # kept, as text or number


def test_goal_nfd_input_is_normalised():
    import unicodedata

    nfd = unicodedata.normalize("NFD", "1000 điểm")
    assert parse_goal(nfd).measures[0].unit == "điểm"


@pytest.mark.parametrize("text, op, value", [
    ("Trên địa bàn thành phố 100% hộ gia đình có kết nối", ">=", 100),  # a place, not "more than 100%"
    ("Dưới sự chỉ đạo của tỉnh, 100% xã có điểm phục vụ", ">=", 100),
    ("< 5%", "<", 5), ("≤ 3%", "<=", 3), ("≥ 80%", ">=", 80),
    ("Trên 99%", ">", 99), ("Tối thiểu: 90%", ">=", 90),
])
def test_comparator_words_compare_only_before_a_number(text, op, value):
    from dti_desktop.domain.goals import parse_piece

    measure, problem = parse_piece(text)
    assert (measure.op, measure.low, problem) == (op, value, None)
    assert measure.is_met(100) == (op in (">=", ">") and (op == ">=" or value < 100))
