"""The units the data knows: the list, look-ups by name, a unit added with its targets, and the own unit set up.

The command line's `unit …` (and any window) call these; the look-ups say in Vietnamese what was not found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.errors import BadInput
from ..domain.text import name_key
from ..domain.units import Unit, UnitKind
from ..storage import unit_store

if TYPE_CHECKING:
    import sqlite_utils

    from ..storage.catalogue_store import PlanSummary
    from .workspace import WorkspaceContext


@dataclass(frozen=True)
class UnitListing:
    """The units, and each name merged into another as (name given up, name kept)."""

    units: list[Unit]
    merged: list[tuple[str, str]]


@dataclass(frozen=True)
class AddedUnit:
    """A unit added and the plan whose targets it was given (`count` of them); `ctx` for the own unit set up."""

    unit: Unit
    plan: PlanSummary
    count: int
    ctx: WorkspaceContext | None = None


def listing(db: sqlite_utils.Database) -> UnitListing:
    """Every unit, own first, and the names merged into another."""
    merged = [(unit_store.get_unit(db, name_id).name, unit_store.get_unit(db, into).name)
              for name_id, into in unit_store.merged_names(db).items()]
    return UnitListing(unit_store.list_units(db), merged)


def own_unit(db: sqlite_utils.Database) -> Unit | None:
    """The unit this data was set up for, if any."""
    return unit_store.own_unit(db)


def find_by_name(db: sqlite_utils.Database, name: str) -> int:
    """The id of the one unit of that name (as name_key compares: case aside, tones kept); BadInput when none or when
    units of several areas bear it."""
    found = [u for u in unit_store.list_units(db) if name_key(u.name) == name_key(name)]
    if not found:
        raise BadInput(f"Không có đơn vị “{name}” (xem: unit list).")
    if len(found) > 1:
        raise BadInput(f"Có {len(found)} đơn vị tên “{name}” ở các địa bàn khác nhau; hãy gộp trong cửa sổ.")
    return found[0].id


def find_merged_name(db: sqlite_utils.Database, name: str) -> int:
    """The id of a name merged into another unit; BadInput when no merged name reads so."""
    found = [i for i in unit_store.merged_names(db) if name_key(unit_store.get_unit(db, i).name) == name_key(name)]
    if not found:
        raise BadInput(f"Không có tên đã gộp “{name}” (xem: unit list).")
    return found[0]


def merge_by_names(db: sqlite_utils.Database, old: str, keep: str) -> str:
    """`unit merge TÊN_BỎ TÊN_GIỮ`: services.district.merge_units by the names the officer types."""
    from .district import merge_units

    return merge_units(db, find_by_name(db, old), find_by_name(db, keep))


def unmerge_by_name(db: sqlite_utils.Database, name: str) -> str:
    """`unit unmerge TÊN`: services.district.unmerge_unit by the name the officer types."""
    from .district import unmerge_unit

    return unmerge_unit(db, find_merged_name(db, name))


def add_expected(db: sqlite_utils.Database, name: str, kind: UnitKind | None, district: str | None,
                 year: int | None) -> AddedUnit:
    """A unit the office expects reports from: of the office's area unless told, given the targets of the year's
    plan, and on the office's roster of that year (services.roster)."""
    from . import roster, setup, workspace
    from .catalogues import choose_plan

    office = unit_store.own_unit(db)
    area = district if district is not None else office.district if office else ""
    unit = unit_store.add_unit(db, Unit(name, setup.unit_kind(name, kind), area, False))
    plan = choose_plan(db, year)
    if office is not None:
        roster.include(db, plan.plan.year, unit.id, workspace.context(db).settings.who, "unit add")
    return AddedUnit(unit, plan, unit_store.assign_plan(db, unit.id, plan.id))


def set_up_own(db: sqlite_utils.Database, name: str, kind: UnitKind | None, settings: dict, year: int | None,
               launcher: str = "./dti") -> AddedUnit:
    """The first run from the command line (`unit add --own`): refused once the data is set up (settings would be
    reset and the results fall under another unit)."""
    from . import first_run, setup

    if (mine := unit_store.own_unit(db)) is not None:
        raise BadInput(f"Dữ liệu này đã thiết lập cho “{mine.name}”. Muốn đổi tên đơn vị hay cài đặt khác, "
                       f"dùng: {launcher} settings set (xem {launcher} settings set --help).")
    ctx = first_run.complete_first_run(db, setup.first_run_choice(db, name, kind, settings, year))
    return AddedUnit(ctx.unit, ctx.plan, unit_store.assign_plan(db, ctx.unit.id, ctx.plan.id), ctx)
