"""A unit's own database for package tests: first run done, helpers to record and export."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from dti_desktop.domain.periods import Period
from dti_desktop.domain.progress import Status
from dti_desktop.domain.settings import Settings
from dti_desktop.domain.units import UnitKind
from dti_desktop.services import first_run, packages, workspace
from dti_desktop.services.app_database import open_app_database

MARCH = Period(2025, 3)
AREA = "thành phố Đông Triều"


class UnitDb:
    """A unit's own database, with helpers to record results."""

    def __init__(self, folder: Path, name: str):
        self.path = folder / "dti.sqlite3"
        self.store = folder / "evidence"
        self.db = open_app_database(self.path)
        self.ctx = first_run.complete_first_run(self.db, first_run.FirstRunChoice(
            Settings(unit_name=name, district=AREA, officer_name=f"Cán bộ {name[-6:]}"), UnitKind.PHUONG))

    def record(self, code: str, values: dict[int, str], status=Status.DANG_TRIEN_KHAI, files=(), notes="", period=MARCH,
               **fields):
        """`fields`: any other field of the entry (difficulties, causes, an overridden assessment, …)."""
        from dti_desktop.domain.progress import parse_value

        row = next(r for r in workspace.rows(self.db, self.ctx, period) if r.code == code)
        entry = row.entry or workspace.blank_entry(row, period)
        entry = replace(entry, status=status, evidence_notes=notes,
                        values={p: parse_value(v) for p, v in values.items()}, **fields)
        return workspace.save(self.db, self.store, entry, row.measures, list(files), self.ctx.settings.who)

    def export(self, out: Path, period=MARCH):
        return packages.export_package(self.db, self.store, period, out)
