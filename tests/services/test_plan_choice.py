"""Which plan a window opens on: this year's, else the newest; the officer's choice while it still holds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dti_desktop.domain.catalogue import Plan
from dti_desktop.services import catalogues
from dti_desktop.storage.catalogue_store import PlanSummary, load_catalogue, save_catalogue
from dti_desktop.storage.settings_store import CURRENT_PLAN, CURRENT_PLAN_CHOSEN_AT, set_setting

TODAY = date(2026, 12, 4)


def _summary(plan_id: int, year: int, imported_at: str = "") -> PlanSummary:
    return PlanSummary(plan_id, Plan(f"{plan_id}/KH-UBND", f"{year}-02-01", "UBND xã A", year), 20, "x", imported_at)


PLANS_2025_2024 = [_summary(2, 2025), _summary(1, 2024)]
WITH_2026 = [_summary(3, 2026, "2026-02-10T08:00:00+07:00"), *PLANS_2025_2024]


@pytest.mark.parametrize("chosen, chosen_at, expected", [
    (None, None, 2),                                 # nothing chosen: the newest
    ("1", None, 2),                                  # a choice of unknown date (before this version): the newest
    ("1", "2025-05-01T09:00:00+07:00", 2),           # chosen last year: lapsed
    ("1", "2026-01-05T09:00:00+07:00", 1),           # chosen this year: kept
    ("9", "2026-01-05T09:00:00+07:00", 2),           # a plan no longer stored
])
def test_start_plan_without_a_plan_of_this_year(chosen, chosen_at, expected):
    assert catalogues.start_plan(PLANS_2025_2024, chosen, chosen_at, TODAY).id == expected


@pytest.mark.parametrize("chosen, chosen_at, expected", [
    (None, None, 3),
    ("2", None, 3),                                  # last year's plan, chosen at some unknown time
    ("2", "2025-12-20T09:00:00+07:00", 3),           # chosen last year
    ("2", "2026-01-05T09:00:00+07:00", 3),           # chosen this year, before this year's plan arrived
    ("2", "2026-03-01T09:00:00+07:00", 2),           # chosen after it arrived: on purpose, kept
    ("3", "2025-12-20T09:00:00+07:00", 3),
])
def test_start_plan_with_a_plan_of_this_year(chosen, chosen_at, expected):
    assert catalogues.start_plan(WITH_2026, chosen, chosen_at, TODAY).id == expected


def test_start_plan_prefers_this_year_over_a_newer_one():
    plans = [_summary(4, 2027), *WITH_2026]
    assert catalogues.start_plan(plans, None, None, TODAY).id == 3
    assert catalogues.start_plan(plans, "4", "2026-12-01T09:00:00+07:00", TODAY).id == 4


def _plan_2026(db) -> int:
    plan_2025 = catalogues.choose_plan(db, 2025)
    catalogue = load_catalogue(db, plan_2025.id)
    new = replace(catalogue, plan=replace(catalogue.plan, number="12/KH-UBND", date="2026-01-10", year=2026))
    return save_catalogue(db, new).plan_id


def test_choose_plan_follows_today_and_the_choice(seeded_db):
    plan_2024 = catalogues.choose_plan(seeded_db, 2024).id
    assert catalogues.choose_plan(seeded_db, today=TODAY).plan.year == 2025
    catalogues.set_current_plan(seeded_db, plan_2024)  # chosen now: kept while no plan of this year arrives after
    assert catalogues.choose_plan(seeded_db, today=date.today()).id == plan_2024
    set_setting(seeded_db, CURRENT_PLAN_CHOSEN_AT, "2025-06-01T09:00:00+07:00")
    assert catalogues.choose_plan(seeded_db, today=TODAY).plan.year == 2025
    new = _plan_2026(seeded_db)
    set_setting(seeded_db, CURRENT_PLAN, str(catalogues.choose_plan(seeded_db, 2025).id))
    assert catalogues.choose_plan(seeded_db, today=TODAY).id == new  # last year's choice does not pin 2025


def test_set_current_plan_refuses_an_unknown_plan(seeded_db):
    from dti_desktop.storage.errors import NotFoundError

    with pytest.raises(NotFoundError, match="Không tìm thấy kế hoạch"):
        catalogues.set_current_plan(seeded_db, 999)
