"""A month's lines: every assigned target with its entry (or None) and the evidence files they cite.

Built once, by this one function, for whoever needs them: the package (its data, its workbook, its PDF) and the
printed reports (report_common.dated_lines).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.package import EvidenceRef, PackageEntry
from ..domain.periods import Period
from ..domain.report import ReportLine
from ..storage import attachment_store, progress_store
from . import workspace

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


@dataclass(frozen=True)
class MonthLines:
    """The month's report lines, in the annex's order, and the stored evidence files by SHA-256."""

    lines: list[ReportLine]
    evidence: dict[str, Path]


def _history_since(db: sqlite_utils.Database, entry_id: int, since: str | None) -> tuple[dict, ...]:
    rows = progress_store.entry_history(db, entry_id)
    return tuple({"changed_at": h["changed_at"], "changed_by": h["changed_by"], "field": h["field"],
                  "old": h["old_value"], "new": h["new_value"]}
                 for h in rows if since is None or h["changed_at"] > since)


def month_lines(db: sqlite_utils.Database, store: Path, ctx: workspace.WorkspaceContext, period: Period,
                since: str | None = None) -> MonthLines:
    """Every assigned target as a report line (entry or None); an entry carries its edits made after `since`."""
    lines, evidence = [], {}
    for row in workspace.rows(db, ctx, period):
        entry = None
        if row.entry is not None:
            atts = attachment_store.list_attachments(db, row.entry.id)
            for a in atts:
                evidence[a.sha256] = attachment_store.stored_path(store, a.sha256)
            e = row.entry
            entry = PackageEntry(
                code=row.code, status=e.status, assessment=e.assessment, assessment_auto=e.assessment_auto,
                override_reason=e.override_reason, values=e.values, evidence_notes=e.evidence_notes,
                difficulties=e.difficulties, causes=e.causes, proposals=e.proposals, officer=e.officer,
                updated_at=e.updated_at, evidence=tuple(EvidenceRef(a.sha256, a.original_name, a.size) for a in atts),
                history=_history_since(db, e.id, since))
        lines.append(ReportLine(row.code, row.group_no, row.group_title, row.target, entry, row.measures))
    return MonthLines(lines, evidence)
