"""The month at a glance: targets by status, and the share achieved in each group (overview tab, reports).

Apart from workspace.py because only the overview tab and the summary sheet need it, not the window's start.
"""

from __future__ import annotations

from dataclasses import dataclass

from .progress import Assessment, Status
from .workspace import TargetStatusRow


@dataclass(frozen=True)
class GroupShare:
    """Achievement of one group: targets assessed đạt out of all assigned."""

    label: str
    achieved: int
    total: int

    @property
    def percent(self) -> float:
        return 100 * self.achieved / self.total if self.total else 0.0


def status_counts(rows: list[TargetStatusRow]) -> dict[str, int]:
    """Counts by status label, "Chưa có kết quả" for targets with no entry."""
    counts = {s.label: 0 for s in Status}
    counts["Chưa có kết quả"] = 0
    for row in rows:
        counts[row.status.label if row.status else "Chưa có kết quả"] += 1
    return counts


def group_shares(rows: list[TargetStatusRow]) -> list[GroupShare]:
    labels: dict[str, list[TargetStatusRow]] = {}
    for row in rows:
        labels.setdefault(row.group_label, []).append(row)
    return [GroupShare(label, sum(r.assessment is Assessment.DAT for r in group), len(group))
            for label, group in labels.items()]
