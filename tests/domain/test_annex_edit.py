"""The rules an annex edited in the program is held to, and a new year's copy."""

from __future__ import annotations

import pytest

from dti_desktop.domain.annex import Catalogue, Group, Part
from dti_desktop.domain.annex_edit import (
    annex_problems,
    copied,
    group_problems,
    next_tt,
    next_year_plan,
    parse_dmy,
    part_problems,
    plan_problems,
    shift_year,
    target_problems,
)
from dti_desktop.domain.catalogue import Plan, Target

PLAN = Plan("36/KH-UBND", "2025-02-06", "UBND thành phố Đông Triều", 2025, "thành phố Đông Triều",
            title="Kế hoạch chuyển đổi số năm 2025")


@pytest.mark.parametrize("typed, iso", [("10/01/2026", "2026-01-10"), ("1/2/2026", "2026-02-01"), ("", ""),
                                        ("31/02/2026", None), ("2026-01-10", None), ("mười", None)])
def test_parse_dmy(typed, iso):
    assert parse_dmy(typed) == iso


def test_shift_year_keeps_the_day_or_the_end_of_february():
    assert shift_year("2025-06-30", 1) == "2026-06-30"
    assert shift_year("2024-02-29", 1) == "2025-02-28"
    assert shift_year("", 1) == ""


def test_target_problems_name_their_fields():
    assert target_problems(Target("1", "Tỷ lệ", lead="UBND xã", local_goal="95%")) == []
    fields = [p.field for p in target_problems(Target("", "Tỷ lệ", province_goal="1O0%", local_goal="60-40%"))]
    assert fields == ["tt", "province_goal", "local_goal"]
    only_text = target_problems(Target("3", "Một dòng chỉ có nội dung"))
    assert [p.field for p in only_text] == ["lead"] and "tiêu đề" in only_text[0].message
    assert [p.field for p in target_problems(Target("3", " ", lead="x"))] == ["text"]


def test_group_part_and_plan_problems():
    assert group_problems("IV", "Về xã hội số") == [] and group_problems("", "Nhóm riêng") == []
    assert [p.field for p in group_problems("4", "")] == ["no", "title"]
    assert part_problems("PL3", "Phụ lục 3") == [] and part_problems("", "Phụ lục", first=True) == []
    assert [p.field for p in part_problems("", "")] == ["key", "title"]
    assert plan_problems(PLAN) == []
    bad = Plan("", "2023-12-01", "", 2025, report_day=30)
    assert [p.field for p in plan_problems(bad)] == ["number", "issuer", "date", "report_day"]


def test_annex_problems_are_what_would_read_back_otherwise():
    target = Target("1", "Tỷ lệ", lead="UBND xã", local_goal="90%")
    fine = Catalogue(PLAN, (Part("PL1", "Phụ lục 1", (Group("I", "Dữ liệu số", (target,)),)),
                            Part("PL2", "Phụ lục 2", (Group("", "", (target,)),))))
    assert annex_problems(fine) == []
    broken = Catalogue(PLAN, (Part("PL1", "Phụ lục 1", (Group("I", "Dữ liệu số", (target, target)),
                                                        Group("", "", ()))),
                              Part("", "Phụ lục 2"), Part("I", "Phụ lục 3")))
    problems = annex_problems(broken)
    assert any("trùng với một chỉ tiêu khác" in p for p in problems)
    assert any("Nhóm thứ 2" in p for p in problems) and any("Phần thứ 2" in p for p in problems)
    assert any("“I” trùng số của một nhóm" in p for p in problems)


def test_copy_moves_deadlines_and_years_and_empties_last_years_results():
    target = Target("1", "Tỷ lệ", lead="UBND xã", local_goal="90%", previous_result="85%", deadline="2025-06-30")
    source = Catalogue(PLAN, (Part("PL1", "PHỤ LỤC 1 NĂM 2025", (Group("I", "Dữ liệu số", (target,)),)),))
    plan = next_year_plan(PLAN, " 12/KH-UBND ", "2026-01-10", "UBND xã Yên Tử", 2026)
    assert (plan.locality, plan.title, plan.number) == ("xã Yên Tử", "Kế hoạch chuyển đổi số năm 2026", "12/KH-UBND")
    assert next_year_plan(PLAN, "1", "2026-01-10", PLAN.issuer, 2026).locality == PLAN.locality
    new = copied(source, plan)
    assert new.parts[0].title == "PHỤ LỤC 1 NĂM 2026"
    assert new.targets()[0].deadline == "2026-06-30" and new.targets()[0].previous_result == ""
    assert new.targets()[0].text == target.text and new.plan == plan


def test_next_tt():
    assert next_tt(["1", "2", "10"]) == "11"
    assert next_tt(["a", "b"]) == "" and next_tt([]) == ""
