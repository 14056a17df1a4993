"""The focal officer's use cases: first run, the month's targets, saving entries with evidence."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import BadInput
from ..domain.goals import Measure
from ..fileutil import atomic_path
from ..domain.periods import Period
from ..domain.progress import ProgressEntry, assess
from ..domain.settings import Settings
from ..domain.validation import agreed_status, status_problem, text_errors
from ..domain.units import Unit
from ..domain.workspace import TargetStatusRow
from ..storage import attachment_store, progress_store, submission_store, workspace_store
from ..storage.catalogue_store import PlanSummary
from ..storage.errors import ConflictError, NotFoundError, known_errors
from ..storage.settings_store import get_setting, load_settings, save_settings, set_setting
from ..storage.unit_store import assign_plan, has_assignments, list_units, own_unit, rename_own
from . import catalogues

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils
    from .evidence_intake import StoredFile


@dataclass(frozen=True)
class WorkspaceContext:
    """Whose targets, from which plan, under which settings."""

    unit: Unit
    plan: PlanSummary
    settings: Settings


def needs_first_run(db: sqlite_utils.Database) -> bool:
    return own_unit(db) is None


def known_units(db: sqlite_utils.Database) -> list[Unit]:
    return list_units(db)


def update_settings(db: sqlite_utils.Database, settings: Settings) -> WorkspaceContext:
    """Save Settings; a renamed own unit is renamed in place (its results stay)."""
    with db.atomic():
        unit = own_unit(db)
        if unit and (settings.unit_name, settings.district) != (unit.name, unit.district):
            from ..domain.names import describe, name_problem

            for what, text in (("Tên đơn vị", settings.unit_name), ("Địa bàn", settings.district)):
                if (problem := name_problem(text)) is not None:  # the office's own name too: no look-alike
                    raise ConflictError(describe(what, text, problem))
            rename_own(db, unit.id, settings.unit_name, settings.district)
        save_settings(db, settings)
    return context(db)


def context(db: sqlite_utils.Database, plan_id: int | None = None, read_only: bool = False,
            today: date | None = None) -> WorkspaceContext:
    """The own unit and the given plan, or the one to work on `today` (catalogues.start_plan); assignments are made
    the first time a plan is used."""
    unit = own_unit(db)
    if unit is None:
        raise NotFoundError("Chưa thiết lập đơn vị. Hãy mở chương trình và hoàn tất bước khởi đầu, hoặc dùng lệnh "
                            "unit add \"TÊN ĐƠN VỊ\" --kind xa --district \"ĐỊA BÀN\" --own.")
    if plan_id is None:
        plan = catalogues.choose_plan(db, today=today)
    else:
        plan = next(p for p in catalogues.plans(db) if p.id == plan_id)
    if not read_only and not has_assignments(db, unit.id, plan.id):
        assign_plan(db, unit.id, plan.id)
    return WorkspaceContext(unit, plan, load_settings(db))


def context_for(db: sqlite_utils.Database, period: Period, read_only: bool = False) -> WorkspaceContext:
    """The unit with the plan of the period's year, not the plan in use: a report or a result of March 2024 asked
    for while the 2025 plan is in use (the command line) went against the 2025 plan and its targets. ValueError
    when no plan is of that year."""
    ctx = context(db, read_only=read_only)
    if ctx.plan.plan.year == period.year:
        return ctx
    plan = next((p for p in catalogues.plans(db) if p.plan.year == period.year), None)
    if plan is None:
        raise BadInput(f"Chưa có kế hoạch năm {period.year} cho {period.label.lower()}.")
    return context(db, plan_id=plan.id, read_only=read_only)


OFFICE_TOOLS = "office_tools"  # "1" or "0" once chosen in Settings; absent: by the unit's kind


def office_tools_shown(db: sqlite_utils.Database, ctx: WorkspaceContext) -> bool:
    """Whether the window shows the consolidating office's tab, annex editor and consolidated report: a commune,
    ward, town or special zone sees only what a unit does (a ward saw the office's tab and reports) unless turned on
    in Settings; an office or agency, which may consolidate, sees them unless turned off."""
    chosen = get_setting(db, OFFICE_TOOLS)
    return chosen == "1" if chosen in ("1", "0") else not ctx.unit.kind.commune_level


def set_office_tools(db: sqlite_utils.Database, shown: bool) -> None:
    set_setting(db, OFFICE_TOOLS, "1" if shown else "0")


def report_day(ctx: WorkspaceContext) -> int:
    """The settings' day, which the first run fills from the plan (15 or 20)."""
    return ctx.settings.report_day or ctx.plan.plan.report_day or 15


def rows(db: sqlite_utils.Database, ctx: WorkspaceContext, period: Period) -> list[TargetStatusRow]:
    return workspace_store.assigned_rows(db, ctx.unit.id, ctx.plan.id, period.key, ctx.unit.kind.goal_level)


def blank_entry(row: TargetStatusRow, period: Period) -> ProgressEntry:
    return ProgressEntry(assignment_id=row.assignment_id, period=period.key)


def copy_previous(db: sqlite_utils.Database, row: TargetStatusRow, period: Period) -> ProgressEntry | None:
    """The previous month's entry as a draft for this month (not saved), or None; a status that contradicted its
    result comes as the one the result calls for. Its files: previous_attachments()."""
    previous = progress_store.load_entry(db, row.assignment_id, period.previous().key)
    if previous is None:
        return None
    status = agreed_status(previous.status, previous.assessment, previous.values)
    return replace(previous, period=period.key, id=None, updated_at="", status=status)


def previous_attachments(db: sqlite_utils.Database, row: TargetStatusRow,
                         period: Period) -> list[attachment_store.Attachment]:
    """The evidence files of the previous month's entry, which a copy attaches again by reference (save(carried=))."""
    previous = progress_store.load_entry(db, row.assignment_id, period.previous().key)
    return attachment_store.list_attachments(db, previous.id) if previous is not None else []


def with_assessment(entry: ProgressEntry, measures: tuple[Measure, ...]) -> ProgressEntry:
    """Fill the automatic đạt / không đạt unless the officer overrode it."""
    if not entry.assessment_auto:
        return entry
    return replace(entry, assessment=assess(measures, entry.values, entry.status), override_reason="")


def save(db: sqlite_utils.Database, store: Path, entry: ProgressEntry, measures: tuple[Measure, ...],
         new_files: list[Path], who: str, carried: tuple[attachment_store.Attachment, ...] = (),
         stored: tuple[StoredFile, ...] = ()) -> ProgressEntry:
    """Save an entry and attach new evidence files in one transaction; `carried`: files already in the store
    (last month's, copied with its result) attached again by reference; `stored`: new files the window copied
    into the store beforehand, off its GUI thread (services/evidence_intake.py).

    Files are copied into the store first (content-addressed, so a crash leaves
    at most an unreferenced copy, never a reference to a missing file). A status that contradicts the result
    ("Chưa triển khai" beside 48/50, "Đạt") is refused: the printout said "Chưa triển khai; Đạt".
    """
    submission_store.check_unlocked(db, entry.assignment_id, entry.period)
    if too_long := text_errors(entry):
        raise BadInput(too_long[0].message)
    entry = with_assessment(replace(entry, officer=who), measures)
    if (problem := status_problem(entry.status, entry.assessment, entry.values)) is not None:
        raise BadInput(f"{problem} Hãy chọn “Đang triển khai” hoặc “Hoàn thành”, hoặc xóa kết quả.")
    for f in new_files:
        check_attachment_size(Path(f))
    copies = [(attachment_store.import_file(store, f), Path(f).name) for f in new_files]
    copies += [((a.sha256, a.size), a.original_name) for a in carried]
    copies += [((f.sha256, f.size), f.name) for f in stored]
    with known_errors(db), db.atomic():
        saved = progress_store.save_entry(db, entry, who)
        for (sha, size), name in copies:
            attachment_store.record_attachment(db, saved.id, sha, name, size, who)
    return saved


# The rules automatic assessments are made by; raised whenever they change (2: figures per level of government,
# targets without a figure judged by status, "trên" read from the target's text, one missed figure is enough).
ASSESSMENT_RULES = "2"
RULES_KEY = "assessment_rules"
RULES_WHO = "DTI Desktop (quy tắc đánh giá mới)"


def reassess_under_current_rules(db: sqlite_utils.Database) -> int:
    """Make again, once, the automatic assessments made under older rules; returns how many changed.

    Only the unit's own months not yet sent: a sent month keeps what its package carried (reopening and saving
    judges it again). Without this the form would say one thing and the table, the printouts and the next
    package another until each entry happened to be saved. Each change goes to the history, by the program."""
    if get_setting(db, RULES_KEY) == ASSESSMENT_RULES:
        return 0
    changed = 0
    with known_errors(db), db.atomic():
        unit = own_unit(db)
        for plan_id, period in progress_store.auto_assessed_months(db, unit.id if unit else -1):
            sent = submission_store.latest_submission(db, unit.id, plan_id, period)
            if sent is not None and sent.locked:
                continue
            for row in workspace_store.assigned_rows(db, unit.id, plan_id, period, unit.kind.goal_level):
                if row.entry is not None and row.entry.assessment_auto:
                    judged = with_assessment(row.entry, row.measures)
                    if judged.assessment is not row.entry.assessment:
                        progress_store.save_entry(db, judged, RULES_WHO)
                        changed += 1
        set_setting(db, RULES_KEY, ASSESSMENT_RULES)
    return changed


MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


def check_attachment_size(path: Path) -> None:
    """One evidence file may be at most 50 MB (a package carries at most 200 MB of them)."""
    size = path.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise BadInput(f"Tệp minh chứng “{path.name}” nặng {size / 1024 / 1024:.0f} MB, vượt giới hạn "
                       f"{MAX_ATTACHMENT_BYTES // 1024 // 1024} MB; hãy nén hoặc chia nhỏ.")


def load(db: sqlite_utils.Database, row: TargetStatusRow, period: Period) -> ProgressEntry | None:
    return progress_store.load_entry(db, row.assignment_id, period.key)


def attachments(db: sqlite_utils.Database, entry_id: int | None) -> list[attachment_store.Attachment]:
    return attachment_store.list_attachments(db, entry_id) if entry_id else []


def remove_attachment(db: sqlite_utils.Database, attachment_id: int, who: str) -> None:
    if (month := attachment_store.entry_month(db, attachment_id)) is not None:
        submission_store.check_unlocked(db, *month)
    attachment_store.remove_attachment(db, attachment_id, who)


def viewing_copy(store: Path, attachment: attachment_store.Attachment, folder: Path) -> Path:
    """A copy under its original (sanitised) name, for the system viewer; the store stays untouched."""
    name = attachment_store.safe_name(attachment.original_name)
    target = folder / attachment.sha256[:12] / name
    if not attachment_store.intact(target, attachment.sha256):  # a copy cut short is made again
        with atomic_path(target, durable=False) as tmp:
            shutil.copyfile(attachment_store.stored_path(store, attachment.sha256), tmp)
    return target


def monthly(db: sqlite_utils.Database, ctx: WorkspaceContext) -> dict[str, dict[str, int]]:
    return workspace_store.monthly_counts(db, ctx.unit.id, ctx.plan.id, ctx.plan.plan.year)

