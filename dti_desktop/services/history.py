"""An entry's history (who changed what, when, old → new), in Vietnamese, for the window and the CLI.

Its own module: the history is read when its tab is opened, not at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.dates import display_moment
from ..domain.goals import Measure, measure_caption
from ..domain.progress import TRACKED_FIELDS, Assessment, Status
from ..storage import progress_store

if TYPE_CHECKING:
    import sqlite_utils


@dataclass(frozen=True)
class HistoryItem:
    """One change, ready to show: when (dd/MM/yyyy HH:mm), who, what, old → new."""

    when: str
    who: str
    what: str
    old: str
    new: str


# History rows that are no field of the entry: a file attached or removed, a whole month copied or its copy undone.
EVENT_NAMES = {"attachment": "Tệp minh chứng", "copied": "Chép cả tháng trước", "cleared": "Hoàn tác chép cả tháng"}


def _value_text(field: str, value: str | None) -> str:
    if value is None:
        return ""
    if field == "status":
        return Status(value).label
    if field == "assessment":
        return Assessment(value).label
    if field == "assessment_auto":
        return "Tự động" if value == "1" else "Cán bộ điều chỉnh"
    return value


def history(db: sqlite_utils.Database, entry_id: int | None, measures: tuple[Measure, ...]) -> list[HistoryItem]:
    """Every change of the entry, newest first, in Vietnamese."""
    if not entry_id:
        return []
    items = []
    answered = _answers(db, entry_id)  # the office's answers to the month, newest first, among the changes
    for h in reversed(progress_store.entry_history(db, entry_id)):
        while answered and answered[0][0] > h["changed_at"]:
            items.append(answered.pop(0)[1])
        field = h["field"]
        if field.startswith("value:"):
            pos = int(field.split(":")[1])
            what = f"Kết quả ({measure_caption(measures, pos)})"
        elif field in EVENT_NAMES:
            what = EVENT_NAMES[field]
        else:
            what = TRACKED_FIELDS.get(field, field)
        when = display_moment(h["changed_at"])
        items.append(HistoryItem(when, h["changed_by"], what, _value_text(field, h["old_value"]),
                                 _value_text(field, h["new_value"])))
    return items + [item for _, item in answered]


def _answers(db, entry_id: int) -> list[tuple[str, HistoryItem]]:
    """(when, item) of every answer the office sent back for the entry's month, newest first: its comment on the
    target in "Giá trị mới"."""
    from .answer_state import history_lines

    row = progress_store.entry_place(db, entry_id)
    if row is None:
        return []
    found = [(at, HistoryItem(display_moment(at), "Cơ quan tổng hợp", what, "", comment))
             for at, what, comment in history_lines(db, *row)]
    return sorted(found, key=lambda pair: pair[0], reverse=True)
