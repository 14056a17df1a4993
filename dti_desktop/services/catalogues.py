"""Catalogue use cases: seed the embedded catalogues, list, export, import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import catalogues_dir
from ..storage.catalogue_store import PlanSummary, SaveResult, list_plans, load_catalogue, save_catalogue
from ..storage.errors import NotFoundError, known_errors
from ..storage.settings_store import CURRENT_PLAN, get_setting, set_setting

if TYPE_CHECKING:  # sqlite-utils, and the annex tree and its JSON, are imported only when needed (start-up time)
    import sqlite_utils

    from ..domain.annex import Catalogue


def seed_embedded(db: sqlite_utils.Database, folder: Path | None = None) -> list[SaveResult]:
    """Store every shipped catalogue (one transaction) and make the newest the current plan."""
    from ..io.catalogue_json import embedded_catalogues

    results = []
    with db.atomic():
        for catalogue in embedded_catalogues(folder or catalogues_dir()):
            results.append(save_catalogue(db, catalogue))
        if results and get_setting(db, CURRENT_PLAN) is None:
            set_setting(db, CURRENT_PLAN, str(results[-1].plan_id))
    return results


def choose_plan(db: sqlite_utils.Database, year: int | None = None) -> PlanSummary:
    """The plan of `year`, or the current plan, or the newest one."""
    plans = list_plans(db)
    if not plans:
        raise NotFoundError("Chưa có danh mục chỉ tiêu nào. Hãy nhập tệp danh mục (catalogue import).")
    if year is not None:
        matching = [p for p in plans if p.plan.year == year]
        if not matching:
            years = ", ".join(str(y) for y in sorted({p.plan.year for p in plans}))
            raise NotFoundError(f"Không có danh mục chỉ tiêu năm {year} (có các năm: {years}).")
        return matching[0]
    current = get_setting(db, CURRENT_PLAN)
    return next((p for p in plans if str(p.id) == current), plans[0])


def current_catalogue(db: sqlite_utils.Database, year: int | None = None) -> Catalogue:
    return load_catalogue(db, choose_plan(db, year).id)


def export_to_workbook(db: sqlite_utils.Database, path: Path, year: int | None = None) -> Catalogue:
    """Write the chosen catalogue to an annex workbook; returns what was written."""
    from ..io.xlsx_catalogue_export import export_catalogue  # openpyxl only when needed (start-up time)

    catalogue = current_catalogue(db, year)
    export_catalogue(catalogue, path)
    return catalogue


def import_workbook(db: sqlite_utils.Database, path: Path) -> tuple[Catalogue, SaveResult]:
    """Read (refusing bad workbooks with every problem named) then save all-or-nothing."""
    from ..io.xlsx_catalogue_import import read_catalogue_workbook

    catalogue = read_catalogue_workbook(path)
    with known_errors(db):
        return catalogue, save_catalogue(db, catalogue)


def plans(db: sqlite_utils.Database) -> list[PlanSummary]:
    """Every stored plan, newest first."""
    return list_plans(db)


def catalogue_of(db: sqlite_utils.Database, plan_id: int) -> Catalogue:
    return load_catalogue(db, plan_id)


def set_current_plan(db: sqlite_utils.Database, plan_id: int) -> None:
    """Remember the plan the officer works on."""
    load_catalogue(db, plan_id)  # raises NotFoundError for an unknown id
    set_setting(db, CURRENT_PLAN, str(plan_id))
