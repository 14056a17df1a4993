"""Setting up without the window: the own unit and its settings as the first-run and Settings dialogs make them.

The command line gives only what the officer typed; what the dialogs fill in by themselves is filled in here the
same way: the kind from the unit's name, the area and the reporting day from the plan, the signer's title from the
kind.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..domain.errors import BadInput
from ..domain.settings import Settings, tidy
from ..domain.text import name_key
from ..domain.units import UnitKind, kind_from_name
from ..storage.unit_store import list_units
from . import catalogues, workspace
from .first_run import FirstRunChoice

if TYPE_CHECKING:
    import sqlite_utils

KIND_CHOICES = ", ".join(f"{k.value} ({k.label.lower()})" for k in UnitKind)


def unit_kind(name: str, kind: UnitKind | None) -> UnitKind:
    """The kind given, else the one the name says ("UBND phường …" is a ward); ValueError when neither says."""
    found = kind or kind_from_name(name)
    if found is None:
        raise BadInput(f"Tên “{name}” không cho biết loại đơn vị; hãy ghi thêm --kind, một trong: {KIND_CHOICES}.")
    return found


def first_run_choice(db: sqlite_utils.Database, unit_name: str, kind: UnitKind | None, given: dict,
                     year: int | None = None) -> FirstRunChoice:
    """The first-run dialog's answer for a unit named `unit_name` with the settings `given` (field → value): the
    plan of `year` (else the one the window would open on), its area and reporting day unless given, the signer's
    title of the unit's kind unless given; a unit already known under that name (an office's data) is marked as
    the own one, keeping its kind."""
    known = next((u for u in list_units(db) if name_key(u.name) == name_key(unit_name)), None)
    kind = known.kind if known is not None and kind is None else unit_kind(unit_name, kind)
    plan = catalogues.choose_plan(db, year)
    settings = Settings(unit_name=unit_name, district=plan.plan.locality,
                        report_day=plan.plan.report_day or Settings().report_day, signatory_title="")
    settings = tidy(replace(settings, **given), kind)
    return FirstRunChoice(settings, kind, existing_unit_id=known.id if known else None, plan_id=plan.id)


def change_settings(db: sqlite_utils.Database, given: dict) -> workspace.WorkspaceContext:
    """Settings with the fields `given` changed, the others kept, saved as the Settings dialog saves them (a renamed
    unit is renamed in place, its results kept)."""
    ctx = workspace.context(db, read_only=True)
    return workspace.update_settings(db, tidy(replace(ctx.settings, **given), ctx.unit.kind))
