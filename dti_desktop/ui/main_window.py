"""The focal officer's workspace: the month's targets, the entry form, history, overview."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.periods import Period
from ..domain.workspace import TargetStatusRow, default_period
from ..paths import evidence_dir
from ..services import catalogues, month_round, workspace
from . import (
    backup_actions,
    catalogue_actions,
    entry_actions,
    plan_banner,
    print_actions,
    send_actions,
    settings_actions,
    targets_panel,
    window_menus,
)
from .models.history_table_model import HistoryTableModel
from .models.workspace_table_model import WorkspaceTableModel
from .plain import html
from .turns import Turns

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


class MainWindow(QMainWindow):
    """One window; every data access goes through dti_desktop.services. This class holds the plan and month shown
    and the tabs; each area lives in its own module, as functions taking the window (targets_panel, entry_actions,
    plan_banner, window_menus, send_actions, print_actions, report_actions, backup_actions, catalogue_actions,
    settings_actions) or a small class bound to it (month_round, answer_actions). The names below keep the
    window's own API (tests and the other modules call window.save_entry(), …).

    Its start comes in parts: the frame, the plan and month above, the toolbar and the month's targets first; the
    entry form's fields, then the menus' items, after. Staged (the program's start), each later part has a turn of
    the event loop of its own (ui/turns.py), so the window shows and repaints between them; else all are made before
    the constructor returns. `ready` and `built` say when the last is in place; what needs the whole window before
    that makes the rest at once (complete_start) or waits for it (when_ready)."""

    built = Signal()  # the window is complete: the last part of its start is in place (ready)

    # -- the areas' actions, as the window's methods (each function takes the window first) --------------------
    leave_entry = entry_actions.leave_entry
    save_entry = entry_actions.save_entry
    copy_previous = entry_actions.copy_previous
    open_attachment = entry_actions.open_attachment
    remove_attachment = entry_actions.remove_attachment
    select_assignment = targets_panel.select_assignment
    open_this_years_plan = plan_banner.open_this_years_plan
    export_package = send_actions.export_package
    reopen_period = send_actions.reopen_period
    preview_report = print_actions.preview_report
    suggested_pdf_name = print_actions.suggested_pdf_name
    save_report_pdf = print_actions.save_report_pdf
    backup_in_background = backup_actions.backup_in_background
    backup_now = backup_actions.backup_now
    restore_backup = backup_actions.restore_backup
    import_catalogue = catalogue_actions.import_catalogue
    export_catalogue = catalogue_actions.export_catalogue
    edit_settings = settings_actions.edit_settings
    apply_settings = settings_actions.apply_settings
    open_data_folder = settings_actions.open_data_folder
    about_text = settings_actions.about_text
    show_about = settings_actions.show_about
    show_own_key = settings_actions.show_own_key

    def __init__(self, db: sqlite_utils.Database, db_path: Path, today: date | None = None,
                 read_only: bool = False, parent=None, staged: bool = False) -> None:
        super().__init__(parent)
        self.db, self.db_path = db, Path(db_path)
        self.read_only = read_only
        self._close_pending = False  # closing waits for running work (closeEvent)
        self.store = evidence_dir(self.db_path)
        self.today = today or date.today()
        self.ctx = workspace.context(db, read_only=read_only, today=self.today)
        # the month last used in this plan (the window opened on 12/2025 whatever the officer had left it on)
        self.period = month_round.start_period(db, self.ctx, self.today) or default_period(self.today,
                                                                                            self.ctx.plan.plan.year)
        self._period_of_year: dict[int, Period] = {}  # the month last chosen in each plan year (switching back)
        self.current: TargetStatusRow | None = None
        self.lock = None
        self._overview_stale = True
        self.ready = False
        self.setWindowTitle("DTI Desktop — Theo dõi chỉ tiêu chuyển đổi số" + (" — CHỈ XEM" if read_only else ""))
        self.model = WorkspaceTableModel(self)
        self.history_model = HistoryTableModel(self)
        self._build()
        window_menus.build(self)
        self.show_office_tools(workspace.office_tools_shown(db, self.ctx))
        self._fill_plans()
        self._fill_periods()
        self.reload_rows()
        self._start = Turns((lambda: targets_panel.make_form(self), self._fill_menus), self)
        self._start.finished.connect(self._started)
        if staged:
            self._start.start()
        else:
            self._start.finish()

    # -- the start's later parts -----------------------------------------------------
    def _fill_menus(self) -> None:
        window_menus.fill(self)
        if self.read_only:  # in the same turn: none of the menus' shortcuts writes, even for a moment
            self._make_read_only()

    def _started(self) -> None:
        self.ready = True
        self.built.emit()

    def complete_start(self) -> None:
        """The start's parts not yet made, made now: an action that needs the whole window waits no longer."""
        self._start.finish()

    def when_ready(self, slot) -> None:
        """`slot` once the window is complete: in the next turn if it is, else after its start's last part."""
        if self.ready:
            QTimer.singleShot(0, slot)
        else:
            self.built.connect(slot)

    def _make_read_only(self) -> None:
        """Everything that writes is switched off; the title (from the start) and the banner say why."""
        for action in (self.save_action, self.import_action, self.export_package_action, self.reopen_action,
                       self.settings_action, self.restore_action, self.new_year_action):
            action.setEnabled(False)
        self.form.set_editable(False)

    @property
    def district(self):
        """The consolidating office's workspace, made on first use."""
        if self._district is None:
            from .district_tab import DistrictTab

            self._district = DistrictTab(self.db, self.db_path, self.store, self.today)
            self.district_page.layout().addWidget(self._district)
            self._district.set_read_only(self.read_only)
            from .report_actions import edit_texts

            self._district.texts_wanted.connect(lambda: edit_texts(self, "district"))
            self._district.period_wanted.connect(self._go_to_month)
        return self._district

    def _go_to_month(self, period: Period) -> None:
        """The month the office just imported, when the plan shown has it: its summary follows that month."""
        index = self.period_combo.findData(period.key)
        if index >= 0:
            self.period_combo.setCurrentIndex(index)

    @property
    def annex_editor(self):
        """The "Danh mục chỉ tiêu" tab, where an office drafts an annex; made on first use."""
        if self._annex_editor is None:
            from .annex_editor import AnnexEditor

            self._annex_editor = AnnexEditor(self.db, lambda: self.ctx.settings.who, self.today)
            self._annex_editor.set_read_only(self.read_only)
            self._annex_editor.plan_created.connect(self._plan_created)
            self._annex_editor.catalogue_changed.connect(self._catalogue_edited)
            self._annex_editor.export_requested.connect(self.export_catalogue)
            self.annex_page.layout().addWidget(self._annex_editor)
        return self._annex_editor

    def bring_forward(self) -> None:
        """Another start asked for this window."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # -- construction -------------------------------------------------------------
    def _build(self) -> None:
        self.unit_label = QLabel()
        self.unit_label.setTextFormat(Qt.TextFormat.RichText)  # HTML made here, the names in it escaped
        self.plan_combo = QComboBox()
        self.plan_combo.currentIndexChanged.connect(self._plan_chosen)
        self.period_combo = QComboBox()
        self.period_combo.currentIndexChanged.connect(self._period_chosen)
        top = QHBoxLayout()
        top.addWidget(self.unit_label)
        top.addStretch(1)
        top.addWidget(QLabel("Kế hoạch:"))
        top.addWidget(self.plan_combo)
        top.addWidget(QLabel("Kỳ báo cáo:"))
        top.addWidget(self.period_combo)
        plan_banner.build(self)
        from .notice import Notice

        self.notice = Notice()  # what an action just did ("Đã chép …" with "Hoàn tác"), where the officer looks
        self.tabs = QTabWidget()
        self.tabs.addTab(targets_panel.build(self), "Chỉ tiêu")
        from .overview import OverviewWidget

        self.overview = OverviewWidget()
        self.tabs.addTab(self.overview, "Tổng quan")
        self._district = None  # built when its tab is first opened (start-up time)
        self.district_page = QWidget()
        QVBoxLayout(self.district_page).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.district_page, "Tổng hợp (cơ quan tổng hợp)")
        self._annex_editor = None  # built when its tab is first opened
        self.annex_page = QWidget()
        QVBoxLayout(self.annex_page).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.annex_page, "Danh mục chỉ tiêu")
        self.tabs.currentChanged.connect(self._tab_changed)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.banner_box)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        # Made with the frame: made by the first message (the automatic backup's, once the window is complete), it
        # pushed the targets and the form up by its height a moment after they first showed
        self.statusBar()

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    # -- plans, periods, rows -----------------------------------------------------
    def _fill_plans(self) -> None:
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        self._plans = catalogues.plans(self.db)
        for summary in self._plans:
            self.plan_combo.addItem(f"{summary.plan.number} — năm {summary.plan.year}", summary.id)
        self.plan_combo.setCurrentIndex(max(0, self.plan_combo.findData(self.ctx.plan.id)))
        self.plan_combo.blockSignals(False)
        self.unit_label.setText(f"<b>{html(self.ctx.unit.name)}</b>"
                                + (f" — {html(self.ctx.unit.district)}" if self.ctx.unit.district else ""))

    def _fill_periods(self) -> None:
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for month in range(1, 13):
            period = Period(self.ctx.plan.plan.year, month)
            self.period_combo.addItem(period.label, period.key)
        self.period_combo.setCurrentIndex(self.period_combo.findData(self.period.key))
        self.period_combo.blockSignals(False)

    def reload_rows(self, keep: int | None = None) -> None:
        """Re-read the month's rows; reselect the assignment `keep` (or the first row)."""
        rows = workspace.rows(self.db, self.ctx, self.period)
        self.model.set_rows(rows)  # a reset: measured faster here than dataChanged plus re-sorting
        targets_panel.fill_group_filter(self, rows)
        plan_banner.update_banner(self, rows)
        self._overview_stale = True
        if self.tabs.currentWidget() is self.overview:
            self._refresh_overview()
        elif self.tabs.currentWidget() is self.district_page and self._district is not None:
            self._district.refresh(self.period, self.ctx)  # the office's view follows the month chosen above it
        if keep is None and self.model.rowCount():  # the first row shown: a filter may hide the first of all
            keep = self.model.row_at(0).assignment_id
        self.select_assignment(keep)

    def _period_chosen(self) -> None:
        key = self.period_combo.currentData()
        if key is None or key == self.period.key:
            return
        if not self.leave_entry():
            self.period_combo.blockSignals(True)
            self.period_combo.setCurrentIndex(self.period_combo.findData(self.period.key))
            self.period_combo.blockSignals(False)
            return
        self.period = Period.parse(key)
        self._remember_period()
        keep = self.current.assignment_id if self.current else None
        self.current = None
        self.reload_rows(keep)  # stay on the same target in the new month

    def _plan_chosen(self) -> None:
        plan_id = self.plan_combo.currentData()
        if plan_id is None or plan_id == self.ctx.plan.id:
            return
        if not self.leave_entry():
            self.plan_combo.blockSignals(True)
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(self.ctx.plan.id))
            self.plan_combo.blockSignals(False)
            return
        if not self.read_only:
            catalogues.set_current_plan(self.db, plan_id)
        self.ctx = workspace.context(self.db, plan_id=plan_id, read_only=self.read_only)
        self.period = self.period_for_plan_year(self.ctx.plan.plan.year)
        self.current = None
        self._fill_periods()
        self.reload_rows()
        self._remember_period()
        if self._annex_editor is not None and self.tabs.currentWidget() is self.annex_page:
            self._annex_editor.show_plan(self.ctx.plan.id)

    def _remember_period(self) -> None:
        """The month chosen, where the next start opens (in this plan)."""
        if not self.read_only:
            month_round.remember_period(self.db, self.ctx.plan.id, self.period)

    def period_for_plan_year(self, year: int) -> Period:
        """The month to show in a plan of `year`: the one the officer was on in that year (2025 → 2024 → 2025
        comes back to the month left, not to today's), else the default for that year."""
        self._period_of_year[self.period.year] = self.period
        return (self._period_of_year.get(year) or month_round.start_period(self.db, self.ctx, self.today)
                or default_period(self.today, year))  # else the month last used in that plan, at an earlier start

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self.leave_entry():
            event.ignore()
            return
        # Work still running (an export, a restore, the automatic backup) ends first: the process would otherwise
        # exit in its middle. ui.tasks is loaded with the first task; not loaded, nothing runs.
        tasks = sys.modules.get(f"{__package__}.tasks")
        if tasks is not None and tasks.running(self):
            event.ignore()
            if not self._close_pending:
                self._close_pending = True
                tasks.finish_then(self, self._close_when_idle)
            return
        event.accept()

    def _close_when_idle(self) -> None:
        self._close_pending = False
        self.close()

    # -- overview --------------------------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.overview and self._overview_stale:
            self._refresh_overview()
        if self.tabs.widget(index) is self.district_page:
            self.district.refresh(self.period, self.ctx)
        if self.tabs.widget(index) is self.annex_page:
            if not self.leave_entry():  # the annex's changes reload the targets under the form
                self.tabs.setCurrentIndex(0)
                return
            self.annex_editor.show_plan(self.ctx.plan.id)

    # -- the annex editor ------------------------------------------------------------------
    def show_annex_editor(self) -> None:
        self.tabs.setTabVisible(self.tabs.indexOf(self.annex_page), True)  # asked for: shown, even to a unit
        self.tabs.setCurrentWidget(self.annex_page)

    def show_office_tools(self, shown: bool) -> None:
        """The consolidating office's tab, annex editor, drafting actions and consolidated report: a commune or ward
        sees only what a unit does, unless turned on in Settings."""
        self.office_tools = shown
        for page in (self.district_page, self.annex_page):
            self.tabs.setTabVisible(self.tabs.indexOf(page), shown)
        for action in self.office_actions:  # none yet at the start: the menus' items come a turn later
            action.setVisible(shown)

    def new_year_catalogue(self) -> None:
        """A new year's annex copied from the plan shown (the editor asks its details)."""
        self.show_annex_editor()
        if self.tabs.currentWidget() is self.annex_page:
            self.annex_editor.copy_plan()

    def _plan_created(self, plan_id: int) -> None:
        """A new year's plan was copied: the window goes on with it."""
        if not self.read_only:
            catalogues.set_current_plan(self.db, plan_id)
        self.ctx = workspace.context(self.db, plan_id=plan_id, read_only=self.read_only)
        self.period = self.period_for_plan_year(self.ctx.plan.plan.year)
        self.current = None
        self._fill_plans()
        self._fill_periods()
        self.reload_rows()

    def _catalogue_edited(self, plan_id: int) -> None:
        """The annex changed: the plan's label, and the targets if it is the plan in use."""
        self._fill_plans()
        if plan_id == self.ctx.plan.id:
            year = self.ctx.plan.plan.year
            self.ctx = workspace.context(self.db, plan_id=plan_id, read_only=self.read_only)
            if self.ctx.plan.plan.year != year:  # its year corrected: the months are the new year's
                self.period = self.period_for_plan_year(self.ctx.plan.plan.year)
                self._fill_periods()
            keep = self.current.assignment_id if self.current else None
            self.current = None
            self.reload_rows(keep)

    def _refresh_overview(self) -> None:
        self.overview.show_data(self.model.rows(), workspace.monthly(self.db, self.ctx),
                                self.ctx.plan.plan.year, self.period.label, self.period.month)
        self._overview_stale = False

    # -- catalogue, settings, about ----------------------------------------------------