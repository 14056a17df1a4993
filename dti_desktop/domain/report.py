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
