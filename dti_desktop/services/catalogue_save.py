"""Saving a catalogue, a use case: the store writes the plan, then the units already on it are re-assigned.

Kept apart from services/catalogues.py so that both it and services/annex_intake.py use it without importing
each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..storage import catalogue_store, unit_store
from ..storage.catalogue_store import SaveResult

if TYPE_CHECKING:  # sqlite-utils, and the annex tree, are imported only when needed (start-up time)
    import sqlite_utils

    from ..domain.annex import Catalogue


def save_catalogue(db: sqlite_utils.Database, catalogue: Catalogue) -> SaveResult:
    """Store a catalogue (a new plan, or a stored one brought up to date) in one transaction; when its targets
    changed, the units already on the plan report on what the annex now gives them."""
    with db.atomic():
        result = catalogue_store.save_catalogue(db, catalogue)
        if result.added or result.updated:
            reassign_units(db, result.plan_id)
    return result


def reassign_units(db: sqlite_utils.Database, plan_id: int) -> None:
    """Every unit on the plan gets the targets the annex gives it now, with its role (unit_store.assign_plan)."""
    for unit_id in unit_store.units_on_plan(db, plan_id):
        unit_store.assign_plan(db, unit_id, plan_id)
