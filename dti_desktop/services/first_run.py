"""The first run: who the officer is, which unit, which plan; all saved together or not at all.

Its own module: a database already set up never needs it, so the window's start does not load it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.settings import Settings
from ..domain.units import Unit, UnitKind
from ..storage.settings_store import save_settings
from ..storage.unit_store import add_unit, own_unit, set_own
from . import catalogues
from .workspace import WorkspaceContext, context

if TYPE_CHECKING:
    import sqlite_utils


@dataclass(frozen=True)
class FirstRunChoice:
    """What the first-run dialog gives back."""

    settings: Settings
    unit_kind: UnitKind = UnitKind.XA
    existing_unit_id: int | None = None
    plan_id: int | None = None
    catalogue_file: Path | None = None



def complete_first_run(db: sqlite_utils.Database, choice: FirstRunChoice) -> WorkspaceContext:
    """Create or mark the own unit, store settings, choose the catalogue: all or nothing."""
    settings = choice.settings
    with db.atomic():
        plan_id = choice.plan_id
        if choice.catalogue_file is not None:
            catalogue, saved = catalogues.import_workbook(db, choice.catalogue_file)
            plan_id = saved.plan_id
            # the dialog could not know the file's reporting day: the plan's, unless another was chosen
            if catalogue.plan.report_day and settings.report_day == Settings().report_day:
                settings = replace(settings, report_day=catalogue.plan.report_day)
            if not settings.district.strip():  # nor the area: the plan's locality
                settings = replace(settings, district=catalogue.plan.locality)
        if plan_id is not None:
            catalogues.set_current_plan(db, plan_id)
        if choice.existing_unit_id is not None:
            set_own(db, choice.existing_unit_id)
        else:
            add_unit(db, Unit(settings.unit_name, choice.unit_kind, settings.district, True))
        unit = own_unit(db)
        save_settings(db, replace(settings, unit_name=unit.name, district=unit.district))
    return context(db)
