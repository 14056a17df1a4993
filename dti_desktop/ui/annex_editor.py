"""The "Danh mục chỉ tiêu" tab: the whole annex of the plan in use, which an office drafts here.

A new year's plan is copied from the one shown; targets, groups and parts are then added, edited, moved and
removed, each change saved at once (services.annex_edit) and kept in the history below; the annex goes out as the
workbook "Xuất danh mục ra Excel" writes. Every data access goes through services.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..domain.annex_edit import GroupItem, PartItem, TargetItem, next_tt, next_year_plan
from ..domain.catalogue import Target
from ..services import annex_edit, catalogues
from ..services.errors import KNOWN
from . import messages
from .annex_dialogs import Heading, HeadingDialog, PlanDialog, TargetDialog
from .messages import error_text
from .models.annex_tree_model import KIND_ROLE, RAW_ROLE, AnnexTreeModel
from .models.catalogue_history_model import CatalogueHistoryModel
from .plain import html

if TYPE_CHECKING:
    import sqlite_utils

KNOWN_ERRORS = KNOWN
_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")
# Widths of the short columns, in average characters (the text column takes the rest).
COLUMN_CHARS = {AnnexTreeModel.COL_LEAD: 20, AnnexTreeModel.COL_COORDINATING: 16,
                AnnexTreeModel.COL_TRACKING: 16, AnnexTreeModel.COL_PROVINCE: 10, AnnexTreeModel.COL_LOCAL: 10,
                AnnexTreeModel.COL_LEVEL: 12, AnnexTreeModel.COL_DEADLINE: 11, AnnexTreeModel.COL_REPORTED: 8}
# On a narrow screen (1366x768 at 125 %: 1093 px) these columns give way, in this order, before the target's text
# gets narrower than MIN_TEXT_CHARS; they are in each target's dialog.
YIELDING = (AnnexTreeModel.COL_COORDINATING, AnnexTreeModel.COL_TRACKING, AnnexTreeModel.COL_LEVEL)
MIN_TEXT_CHARS = 40


class AnnexEditor(QWidget):
    """Signals: plan_created(plan_id) after a copy; catalogue_changed(plan_id) after any other change;
    export_requested() for the window's "Xuất danh mục ra Excel"."""

    plan_created = Signal(int)
    catalogue_changed = Signal(int)
    export_requested = Signal()

    def __init__(self, db: sqlite_utils.Database, who: Callable[[], str], today: date, parent=None) -> None:
        super().__init__(parent)
        self.db, self._who, self.today = db, who, today
        self.plan_id: int | None = None
        self.read_only = False
        self.model = AnnexTreeModel(self)
        self.history_model = CatalogueHistoryModel(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.buttons: dict[str, QPushButton] = {}
        plan_row = self._row((("copy", "Lập danh mục năm mới từ danh mục này…", self.copy_plan),
                              ("plan", "Sửa thông tin kế hoạch…", self.edit_plan),
                              ("export", "Xuất danh mục ra Excel…", self.export_requested.emit)))
        item_row = self._row((("add", "Thêm chỉ tiêu…", self.add_target), ("edit", "Sửa…", self.edit_selected),
                              ("remove", "Xóa", self.remove_selected), ("up", "Lên", lambda: self.move(-1)),
                              ("down", "Xuống", lambda: self.move(1)), ("group", "Thêm nhóm…", self.add_group),
                              ("part", "Thêm phần…", self.add_part)))
        self.tree = self._make_tree()
        self.history_view = QTableView()
        self.history_view.setModel(self.history_model)
        self.history_view.setWordWrap(False)
        self.history_view.verticalHeader().setVisible(False)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self.inner = QTabWidget()
        self.inner.addTab(self.tree, "Phụ lục")
        self.inner.addTab(self.history_view, "Lịch sử sửa danh mục")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(plan_row)
        layout.addLayout(item_row)
        layout.addWidget(self.inner, 1)

    def _row(self, specs) -> QHBoxLayout:
        row = QHBoxLayout()
        for name, text, slot in specs:
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=slot: s())
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _make_tree(self) -> QTreeView:
        tree = QTreeView()
        tree.setModel(self.model)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setSelectionBehavior(QTreeView.SelectionBehavior.SelectRows)
        tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(AnnexTreeModel.COL_TEXT, QHeaderView.ResizeMode.Stretch)
        # Widths from the font (they follow the screen's scaling): each short column as wide as its header or its
        # usual content; the TT column also holds the tree's indentation of a target (three levels deep).
        tree.setIndentation(tree.fontMetrics().averageCharWidth() * 2)
        char, heads = tree.fontMetrics().averageCharWidth(), header.fontMetrics()
        for column, chars in COLUMN_CHARS.items():
            title = AnnexTreeModel.HEADERS[column]
            tree.setColumnWidth(column, max(chars * char, heads.horizontalAdvance(title) + 2 * char) + 12)
        tree.setColumnWidth(AnnexTreeModel.COL_TT, 3 * tree.indentation() + heads.horizontalAdvance("PL2.10") + 16)
        self._widths = {c: tree.columnWidth(c) for c in range(self.model.columnCount())}  # hidden ones read 0
        tree.viewport().installEventFilter(self)
        tree.doubleClicked.connect(lambda _index: self.edit_selected())
        tree.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        return tree

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns(event.size().width())
        return False

    def _fit_columns(self, width: int) -> None:
        """Hide the columns that give way (YIELDING) while the target's text would be too narrow to read."""
        room = width - MIN_TEXT_CHARS * self.tree.fontMetrics().averageCharWidth()
        shown = [c for c in range(self.model.columnCount()) if c != AnnexTreeModel.COL_TEXT]
        for column in (None, *YIELDING):
            if column is not None:
                shown.remove(column)
            if sum(self._widths[c] for c in shown) <= room:
                break
        for column in YIELDING:
            self.tree.setColumnHidden(column, column not in shown)

    # -- showing a plan ------------------------------------------------------------------------
    def show_plan(self, plan_id: int, select: tuple[str, int] | None = None) -> None:
        """Show the plan's annex and history; `select` (kind, id) puts the cursor on that row."""
        self.plan_id = plan_id
        annex = annex_edit.editable(self.db, plan_id)
        self.model.set_annex(annex)
        for p_row, part in enumerate(annex.parts):  # headings read across the row, as in the printed annex
            self.tree.setFirstColumnSpanned(p_row, QModelIndex(), True)
            for g_row in range(len(part.groups)):
                self.tree.setFirstColumnSpanned(g_row, self.model.index(p_row, 0), True)
        self.tree.expandAll()
        self.history_model.set_rows(annex_edit.history(self.db, plan_id))
        self.history_view.resizeColumnsToContents()
        plan, targets = annex.plan, annex.target_items()
        reported = sum(t.reported for t in targets)
        state = (f"{reported} chỉ tiêu đã có kết quả báo cáo (cột “Kết quả”): không xóa được, giữ nguyên TT và mục "
                 "tiêu." if reported else "Chưa đơn vị nào báo cáo theo danh mục này: mọi chỉ tiêu sửa, xóa được.")
        self.heading.setText(f"<b>{html(plan.label)}</b> — năm {plan.year}, {len(targets)} chỉ tiêu. {state} "
                             "Mỗi thay đổi được lưu ngay; xong thì xuất ra Excel gửi các đơn vị.")
        index = self.model.index_of(*select) if select else QModelIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, 0)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.tree.scrollTo(index)
        self._enable()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._enable()

    def _enable(self) -> None:
        kind = self.selected_kind()
        for name, button in self.buttons.items():
            writes = name != "export"
            button.setEnabled(not (writes and self.read_only) and self.plan_id is not None)
        if not self.read_only:
            self.buttons["edit"].setEnabled(kind is not None)
            self.buttons["remove"].setEnabled(kind is not None)
            self.buttons["up"].setEnabled(kind == "target")
            self.buttons["down"].setEnabled(kind == "target")

    def selected(self):
        index = self.tree.currentIndex()
        return index.data(RAW_ROLE) if index.isValid() else None

    def selected_kind(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(KIND_ROLE) if index.isValid() else None

    def _done(self, select: tuple[str, int] | None) -> None:
        self.show_plan(self.plan_id, select)
        self.catalogue_changed.emit(self.plan_id)

    def _run(self, title: str, change: Callable[[], object]) -> tuple[bool, object]:
        """Run a change through the service: (True, what it returned), or (False, None) once the refusal is told
        (nothing was saved: each change is one transaction)."""
        try:
            return True, change()
        except KNOWN_ERRORS as error:
            messages.error(self, title, error_text(error))
            return False, None

    # -- the plan -----------------------------------------------------------------------------------
    def copy_plan(self) -> None:
        """A new year's plan from the one shown: its details asked, then every part, group and target copied."""
        if self.plan_id is None or self.read_only:
            return
        source = self.model.annex().plan
        draft = next_year_plan(source, "", "", source.issuer, source.year + 1)
        dialog = PlanDialog(draft, [p.plan for p in catalogues.plans(self.db)], "Lập danh mục năm mới",
                            f"Danh mục mới chép mọi phần, nhóm và chỉ tiêu của kế hoạch {source.number} năm "
                            f"{source.year}; thời hạn lùi sang năm mới, cột “Kết quả năm trước” để trống. Hãy ghi "
                            "số, ngày, cơ quan ban hành và năm của kế hoạch mới; sau đó sửa, thêm, xóa chỉ tiêu ở "
                            "đây rồi xuất ra Excel gửi các đơn vị.", "Lập danh mục", self)
        if not messages.run_dialog(dialog) or dialog.plan() is None:
            return
        plan = dialog.plan()
        ok, plan_id = self._run("Không lập được danh mục",
                                lambda: annex_edit.copy_plan(self.db, self.plan_id, plan, self._who()))
        if not ok:
            return
        self.plan_created.emit(plan_id)
        self.show_plan(plan_id)
        messages.info(self, "Đã lập danh mục năm mới",
                      f"Đã lập danh mục năm {plan.year} (kế hoạch {plan.number}) với "
                      f"{len(self.model.target_items())} chỉ tiêu chép từ kế hoạch {source.number} năm "
                      f"{source.year}. Hãy sửa, thêm, xóa chỉ tiêu rồi xuất ra Excel gửi các đơn vị.")

    def edit_plan(self) -> None:
        if self.plan_id is None or self.read_only:
            return
        plan = self.model.annex().plan
        others = [p.plan for p in catalogues.plans(self.db) if p.id != self.plan_id]
        dialog = PlanDialog(plan, others, "Sửa thông tin kế hoạch", parent=self)
        if messages.run_dialog(dialog) and (new := dialog.plan()) is not None and self._run(
                "Không sửa được kế hoạch", lambda: annex_edit.update_plan(self.db, self.plan_id, new, self._who()))[0]:
            self._done(None)

    # -- targets ---------------------------------------------------------------------------------
    def _place(self) -> tuple[GroupItem, int] | None:
        """Where a new target goes: after the one selected, at the end of the group (or part) selected, else at the
        end of the annex."""
        annex, item = self.model.annex(), self.selected()
        if annex is None or not annex.groups():
            return None
        if isinstance(item, TargetItem):
            group = annex.group_of(item.id)
            return group, [t.id for t in group.targets].index(item.id) + 1
        if isinstance(item, GroupItem):
            return item, len(item.targets)
        part = item if isinstance(item, PartItem) else annex.parts[-1]
        if not part.groups:
            return None
        return part.groups[-1], len(part.groups[-1].targets)

    def _group_choices(self) -> list[tuple[int, str]]:
        return [(g.id, " — ".join(x for x in (p.key, f"{g.no} {g.title}".strip() or "(không tên)") if x)[:90])
                for p, g in self.model.annex().groups()]

    def _levels(self) -> list[str]:
        return [t.target.level for t in self.model.target_items() if t.target.level]

    def add_target(self) -> None:
        if self.read_only or (place := self._place()) is None:
            return
        group, index = place
        annex = self.model.annex()
        part = annex.part_of(group.id)
        draft, group_id = Target(next_tt([t.target.tt for g in part.groups for t in g.targets]), ""), group.id
        while True:  # refused (a TT taken …): the dialog again with what was typed
            dialog = TargetDialog(draft, self._group_choices(), group_id, levels=self._levels(),
                                  title="Thêm chỉ tiêu", ok_text="Thêm", parent=self)
            if not messages.run_dialog(dialog) or (edit := dialog.edit()) is None:
                return
            at = index if edit.group_id == group.id else len(annex.group(edit.group_id).targets)
            ok, target_id = self._run("Không thêm được chỉ tiêu", lambda: annex_edit.add_target(
                self.db, self.plan_id, edit.group_id, at, edit.target, self._who()))
            if ok:
                self._done(("target", target_id))
                return
            draft, group_id = edit.target, edit.group_id

    def edit_selected(self) -> None:
        if self.read_only:
            return
        item = self.selected()
        if isinstance(item, TargetItem):
            self._edit_target(item)
        elif isinstance(item, GroupItem):
            dialog = HeadingDialog("group", Heading(item.no, item.title), parent=self)
            if messages.run_dialog(dialog) and (h := dialog.heading()) is not None and self._run(
                    "Không sửa được nhóm", lambda: annex_edit.update_group(self.db, item.id, h.key, h.title,
                                                                           self._who()))[0]:
                self._done(("group", item.id))
        elif isinstance(item, PartItem):
            first = self.model.annex().parts[0].id == item.id
            dialog = HeadingDialog("part", Heading(item.key, item.title), first_part=first, parent=self)
            if messages.run_dialog(dialog) and (h := dialog.heading()) is not None and self._run(
                    "Không sửa được phần", lambda: annex_edit.update_part(self.db, item.id, h.key, h.title,
                                                                          self._who()))[0]:
                self._done(("part", item.id))

    def _edit_target(self, item: TargetItem) -> None:
        draft, group_id = item.target, self.model.annex().group_of(item.id).id
        while True:  # refused: the dialog again with what was typed
            dialog = TargetDialog(draft, self._group_choices(), group_id, item.reported, self._levels(),
                                  f"Sửa chỉ tiêu {item.code}", parent=self)
            if not messages.run_dialog(dialog) or (edit := dialog.edit()) is None:
                return
            if self._run("Không sửa được chỉ tiêu", lambda: annex_edit.update_target(
                    self.db, item.id, edit.target, self._who(), edit.group_id))[0]:
                self._done(("target", item.id))
                return
            draft, group_id = edit.target, edit.group_id

    def remove_selected(self) -> None:
        if self.read_only:
            return
        item = self.selected()
        if isinstance(item, TargetItem):
            if item.reported:  # said at once, before any question
                messages.error(self, "Không xóa được chỉ tiêu",
                               f"Chỉ tiêu {item.code} đã có kết quả báo cáo nên không thể xóa khỏi danh mục (kết quả "
                               "đã ghi hoặc đã nhận của các đơn vị phải giữ nguyên).")
                return
            if messages.confirm(self, "Xóa chỉ tiêu", f"Xóa chỉ tiêu {item.code} “{item.target.text[:120]}” khỏi danh "
                                "mục? Việc xóa được ghi vào lịch sử sửa danh mục.", "Xóa"):
                if self._run("Không xóa được chỉ tiêu",
                             lambda: annex_edit.remove_target(self.db, item.id, self._who()))[0]:
                    self._done(None)
        elif isinstance(item, GroupItem):
            if messages.confirm(self, "Xóa nhóm", f"Xóa nhóm “{f'{item.no} {item.title}'.strip()}”?", "Xóa"):
                if self._run("Không xóa được nhóm", lambda: annex_edit.remove_group(self.db, item.id, self._who()))[0]:
                    self._done(None)
        elif isinstance(item, PartItem):
            if messages.confirm(self, "Xóa phần", f"Xóa phần “{item.key or item.title[:60]}”?", "Xóa"):
                if self._run("Không xóa được phần", lambda: annex_edit.remove_part(self.db, item.id, self._who()))[0]:
                    self._done(None)

    def move(self, step: int) -> None:
        item = self.selected()
        if self.read_only or not isinstance(item, TargetItem):
            return
        if self._run("Không chuyển được chỉ tiêu", lambda: annex_edit.move_target(
                self.db, item.id, step, self._who()))[1]:
            self._done(("target", item.id))

    # -- groups and parts ---------------------------------------------------------------------------
    def add_group(self) -> None:
        annex, item = self.model.annex(), self.selected()
        if self.read_only or annex is None:
            return
        if isinstance(item, PartItem):
            part, index = item, len(item.groups)
        else:
            group = annex.group_of(item.id) if isinstance(item, TargetItem) else item
            part = annex.part_of(group.id) if group else annex.parts[-1]
            index = [g.id for g in part.groups].index(group.id) + 1 if group else len(part.groups)
        numbered = [g.no for g in part.groups if g.no in _ROMANS]
        suggested = _ROMANS[min(_ROMANS.index(numbered[-1]) + 1, len(_ROMANS) - 1)] if numbered else "I"
        dialog = HeadingDialog("group", Heading(suggested, ""), title="Thêm nhóm", ok_text="Thêm", parent=self)
        if messages.run_dialog(dialog) and (h := dialog.heading()) is not None:
            ok, group_id = self._run("Không thêm được nhóm", lambda: annex_edit.add_group(
                self.db, self.plan_id, part.id, index, h.key, h.title, self._who()))
            if ok:
                self._done(("group", group_id))

    def add_part(self) -> None:
        annex = self.model.annex()
        if self.read_only or annex is None:
            return
        dialog = HeadingDialog("part", Heading(f"PL{len(annex.parts) + 1}", ""), title="Thêm phần", ok_text="Thêm",
                               parent=self)
        if messages.run_dialog(dialog) and (h := dialog.heading()) is not None:
            ok, part_id = self._run("Không thêm được phần", lambda: annex_edit.add_part(
                self.db, self.plan_id, len(annex.parts), h.key, h.title, self._who()))
            if ok:
                self._done(("part", part_id))
