"""The office's roster edits carried out for the roster window (ui/roster_dialog.py) through services.roster: each
edit in its own transaction, the outcome told in Vietnamese, the window shown the year again."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..services import roster
from ..services.errors import KNOWN
from . import messages
from .messages import error_text
from .roster_dialog import ADD, IMPORT, MERGE, RENAME, RETIRE, RosterDialog, RosterEdit

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


def carry_out(db: sqlite_utils.Database, edit: RosterEdit, who: str) -> str:
    """Do one edit; returns what was done (a known error, services/errors.py, for the caller to tell)."""
    if edit.action == ADD:
        return roster.add(db, edit.year, edit.names[0], who)
    if edit.action == RENAME:
        return roster.rename(db, edit.year, edit.names[0], edit.new_name, who)
    if edit.action == RETIRE:
        return "\n".join(roster.retire(db, edit.year, name, who, edit.reason) for name in edit.names)
    if edit.action == MERGE:
        return roster.merge(db, edit.year, list(edit.names), edit.new_name, who)
    if edit.action == IMPORT:
        return roster.import_list(db, edit.year, Path(edit.path), who, replace=edit.replace).summary()
    raise ValueError(f"Không rõ thao tác {edit.action}.")


def years(db: sqlite_utils.Database, year: int) -> list[int]:
    """The years to offer: those of the plans, and the one shown."""
    return sorted({r[0] for r in db.execute("SELECT DISTINCT year FROM plan")} | {year})


def open_roster(parent, db: sqlite_utils.Database, year: int, who: str, read_only: bool = False) -> bool:
    """The roster window on `year`; True when the office changed something (the board then follows)."""
    dialog = RosterDialog(roster.roster(db, year), roster.history(db, year), years(db, year), parent)
    changed = []
    if read_only:
        for button in dialog.buttons.values():
            button.setEnabled(False)

    def show(y: int) -> None:
        dialog.set_roster(roster.roster(db, y), roster.history(db, y))

    def edit(e: RosterEdit) -> None:
        try:
            done = carry_out(db, e, who)
        except KNOWN as error:  # a name refused, a unit not found, a bad workbook: told, nothing changed
            messages.error(dialog, "Không sửa được danh sách", error_text(error))
            return
        changed.append(e)
        show(e.year)
        messages.info(dialog, "Danh sách đơn vị", done)

    dialog.year_changed.connect(show)
    dialog.edit_requested.connect(edit)
    messages.run_dialog(dialog)
    return bool(changed)
