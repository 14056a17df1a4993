"""Catalogue use cases: seed the embedded catalogues, list, export, import."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import catalogues_dir
from ..storage.catalogue_store import PlanSummary, SaveResult, list_plans, load_catalogue, plan_exists
from ..storage.errors import NotFoundError
from ..storage.clock import now_iso
from ..storage.settings_store import CURRENT_PLAN, CURRENT_PLAN_CHOSEN_AT, get_setting, set_setting
from .catalogue_save import save_catalogue

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


def choose_plan(db: sqlite_utils.Database, year: int | None = None, today: date | None = None) -> PlanSummary:
    """The plan of `year`; else the one to work on `today` (start_plan): this year's, or the officer's choice."""
    plans = list_plans(db)
    if not plans:
        raise NotFoundError("Chưa có danh mục chỉ tiêu nào. Hãy nhập tệp danh mục (catalogue import).")
    if year is not None:
        matching = [p for p in plans if p.plan.year == year]
        if not matching:
            years = ", ".join(str(y) for y in sorted({p.plan.year for p in plans}))
            raise NotFoundError(f"Không có danh mục chỉ tiêu năm {year} (có các năm: {years}).")
        return matching[0]
    return start_plan(plans, get_setting(db, CURRENT_PLAN), get_setting(db, CURRENT_PLAN_CHOSEN_AT),
                      today or date.today())


def start_plan(plans: list[PlanSummary], chosen_id: str | None, chosen_at: str | None, today: date) -> PlanSummary:
    """The plan a window opens on: the one the officer chose, while that choice still holds; else this year's plan;
    else the newest (`plans` newest first).

    A choice holds when it is of this year's plan, or when it was made this year after every plan of this year
    arrived (an officer looking back at last year on purpose). A choice made last year, or before this year's plan
    was imported, lapses: the window went on opening on last year's plan, its December called overdue."""
    this_year = [p for p in plans if p.plan.year == today.year]
    chosen = next((p for p in plans if str(p.id) == chosen_id), None)
    if chosen is not None and (chosen.plan.year == today.year or _chosen_since(chosen_at, this_year, today)):
        return chosen
    return this_year[0] if this_year else plans[0]


def _chosen_since(chosen_at: str | None, this_year: list[PlanSummary], today: date) -> bool:
    """The choice was made this year, after each of this year's plans was stored."""
    made = _moment(chosen_at)
    if made is None or made.date() < date(today.year, 1, 1):
        return False
    return all((arrived := _moment(p.imported_at)) is None or made >= arrived for p in this_year)


def _moment(iso: str | None) -> datetime | None:
    try:
        moment = datetime.fromisoformat(iso) if iso else None
    except ValueError:
        return None
    return moment.astimezone() if moment is not None else None  # naive and aware compared alike


def current_catalogue(db: sqlite_utils.Database, year: int | None = None) -> Catalogue:
    """The catalogue of `year`, or of the plan a window would open on today."""
    return load_catalogue(db, choose_plan(db, year).id)


def export_to_workbook(db: sqlite_utils.Database, path: Path, year: int | None = None) -> Catalogue:
    """Write the chosen catalogue to an annex workbook; returns what was written."""
    from ..io.xlsx_catalogue_export import export_catalogue  # openpyxl only when needed (start-up time)

    catalogue = current_catalogue(db, year)
    from .trust import file_signer_fields, sign_file

    signer = file_signer_fields(db)  # the office's key signs it: units check "<tệp>.chuky" (docs/security.md)
    export_catalogue(catalogue, path)
    sign_file(path, signer)
    return catalogue


def write_signed_workbook(catalogue: Catalogue, path: Path, signer) -> Path:
    """`catalogue` written to an annex workbook and signed with `signer` (trust.file_signer_fields, read on the
    thread that owns the database): the window writes it on another thread."""
    from ..io.xlsx_catalogue_export import export_catalogue
    from .trust import sign_file

    return sign_file(export_catalogue(catalogue, Path(path)), signer)


def import_workbook(db: sqlite_utils.Database, path: Path) -> tuple[Catalogue, SaveResult]:
    """Read any annex file (refusing bad ones with every problem named) then save all-or-nothing, with no review
    (the first-run dialog); the window and the command line review first (services.annex_intake)."""
    from . import trust
    from .annex_intake import import_file

    check = trust.check_file(db, path)
    imported = import_file(db, path)
    trust.remember_file_signer(db, check, Path(path).name)  # the office's key, pinned at set-up
    return imported


def plans(db: sqlite_utils.Database) -> list[PlanSummary]:
    """Every stored plan, newest first."""
    return list_plans(db)


def catalogue_json(catalogue: Catalogue) -> dict:
    """The catalogue as the exported JSON holds it, with the codes officers use (`catalogue list --json`)."""
    from ..io.catalogue_json import catalogue_to_dict

    data = catalogue_to_dict(catalogue)
    data["codes"] = catalogue.codes()
    return data


def catalogue_of(db: sqlite_utils.Database, plan_id: int) -> Catalogue:
    return load_catalogue(db, plan_id)


def set_current_plan(db: sqlite_utils.Database, plan_id: int) -> None:
    """Remember the plan the officer works on, and when it was chosen (start_plan)."""
    if not plan_exists(db, plan_id):
        raise NotFoundError(f"Không tìm thấy kế hoạch có mã {plan_id}.")
    with db.atomic():
        set_setting(db, CURRENT_PLAN, str(plan_id))
        set_setting(db, CURRENT_PLAN_CHOSEN_AT, now_iso())
