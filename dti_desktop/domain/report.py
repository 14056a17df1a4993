"""Lines of a results report: a target with its entry, for workbooks and printouts."""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import Target
from .package import PackageEntry


@dataclass(frozen=True)
class ReportLine:
    """One target of the annex and what a unit reported on it (None: nothing)."""

    code: str
    group_no: str
    group_title: str
    target: Target
    entry: PackageEntry | None = None

    @property
    def goal_text(self) -> str:
        return self.target.local_goal or self.target.province_goal or "-"

    def result_text(self) -> str:
        if self.entry is None:
            return ""
        return "; ".join(v.display() for _, v in sorted(self.entry.values.items()))

    def status_text(self) -> str:
        return self.entry.status.label if self.entry else "Chưa báo cáo"

    def assessment_text(self) -> str:
        if self.entry is None or not self.entry.assessment.value:
            return ""
        return self.entry.assessment.label

    def evidence_text(self) -> str:
        if self.entry is None:
            return ""
        files = [f"Tệp: {e.name}" for e in self.entry.evidence]
        return "\n".join([self.entry.evidence_notes, *files]).strip()


@dataclass(frozen=True)
class ReportHeading:
    """Who reports what: printed above the table."""

    unit: str
    title: str
    subtitle: str


@dataclass(frozen=True)
class TargetAcrossUnits:
    """One target in the consolidated view: each unit's line, and the share that reached the goal."""

    code: str
    target_text: str
    goal: str
    lines: tuple[tuple[str, ReportLine], ...]  # (unit name, line)

    @property
    def reporting(self) -> int:
        return sum(1 for _, line in self.lines if line.entry is not None)

    @property
    def reached(self) -> int:
        return sum(1 for _, line in self.lines if line.entry is not None and line.entry.assessment.value == "dat")

    @property
    def share(self) -> float:
        return 100 * self.reached / len(self.lines) if self.lines else 0.0


SHARE_BANDS = ((0, 20, "Dưới 20%"), (20, 40, "Từ 20% đến dưới 40%"), (40, 60, "Từ 40% đến dưới 60%"),
               (60, 80, "Từ 60% đến dưới 80%"), (80, 100, "Từ 80% đến dưới 100%"), (100, 101, "100%"))


def share_bands(shares: list[float]) -> tuple[list[str], list[int]]:
    """How many units fall in each band of the share of targets reached (percent), for a chart that
    stays readable however many units report: a bar a unit no longer fits a printed page."""
    counts = [sum(1 for s in shares if low <= s < high) for low, high, _ in SHARE_BANDS]
    return [label for _, _, label in SHARE_BANDS], counts
