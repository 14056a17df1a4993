"""Dialogs of the annex editor: a plan's details, a target, a group or part heading. Data in, a result out; each
checks what is typed inline (the goal read as the program will judge it) and saves nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.annex_edit import (
    LEVEL_CHOICES,
    FieldProblem,
    group_problems,
    parse_dmy,
    part_problems,
    plan_problems,
    target_problems,
)
from ..domain.catalogue import Plan, Target
from ..domain.dates import display_date
from ..domain.goals import parse_goal
from ..domain.text import clean, name_key
from . import plain
from .dialogs import _buttons, _scrolling

ERROR_STYLE = "color: #b02a37;"
NOTE_STYLE = "color: #495057;"


def _error_label() -> QLabel:
    label = plain.label()  # it quotes what the annex or the officer wrote
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class _CheckedForm(QWidget):
    """A form whose fields each have an error line under them."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors: dict[str, QLabel] = {}

    def add(self, name: str, label: str, widget: QWidget, note: QLabel | None = None) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if note is not None:
            column.addWidget(note)
        self.errors[name] = _error_label()
        column.addWidget(self.errors[name])
        self.form.addRow(label, box)

    def show_problems(self, problems: list[FieldProblem]) -> bool:
        """Each problem under its field; True when there was none."""
        shown: dict[str, list[str]] = {}
        for problem in problems:
            shown.setdefault(problem.field if problem.field in self.errors else next(iter(self.errors)), []).append(
                problem.message)
        for name, label in self.errors.items():
            label.setText(" ".join(shown.get(name, [])))
            label.setVisible(name in shown)
        return not problems


# -- the plan ------------------------------------------------------------------------------------
class PlanDialog(QDialog):
    """A plan's number, date, issuer, locality, year, title and reporting day; plan() gives the Plan."""

    def __init__(self, plan: Plan, taken: list[Plan] = (), title: str = "Thông tin kế hoạch", intro: str = "",
                 ok_text: str = "Lưu", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._base, self._result = plan, None
        self._taken = [(p.number, p.year, name_key(p.issuer)) for p in taken]
        self.number = QLineEdit(plan.number)
        self.number.setPlaceholderText("Ví dụ: 12/KH-UBND")
        self.date = QLineEdit(display_date(plan.date))
        self.date.setPlaceholderText("dd/mm/yyyy, ví dụ 10/01/2026")
        self.issuer = QLineEdit(plan.issuer)
        self.issuer.setPlaceholderText("Ví dụ: UBND xã Yên Tử")
        self.locality = QLineEdit(plan.locality)
        self.locality.setPlaceholderText("Ví dụ: xã Yên Tử")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(plan.year)
        self.plan_title = QLineEdit(plan.title)
        self.report_day = QSpinBox()
        self.report_day.setRange(0, 28)
        self.report_day.setSpecialValueText("Không ghi")
        self.report_day.setValue(plan.report_day or 0)
        self._auto = {"locality": plan.locality, "title": plan.title}  # filled in, not typed: they follow
        self.issuer.textEdited.connect(self._issuer_edited)
        self.year.valueChanged.connect(self._year_changed)
        self.fields = _CheckedForm()
        for name, label, widget in (("number", "Số kế hoạch *", self.number), ("date", "Ngày ban hành *", self.date),
                                    ("issuer", "Cơ quan ban hành *", self.issuer), ("locality", "Địa bàn", self.locality),
                                    ("year", "Năm của kế hoạch *", self.year), ("title", "Tên kế hoạch", self.plan_title),
                                    ("report_day", "Ngày báo cáo hằng tháng", self.report_day)):
            self.fields.add(name, label, widget)
        layout = QVBoxLayout(self)
        if intro:
            note = plain.label(intro)  # it may name the plan copied
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(_scrolling(self.fields), 1)
        layout.addWidget(_buttons(self, ok_text))
        self.resize(max(self.sizeHint().width(), 620), self.sizeHint().height())

    def _issuer_edited(self, text: str) -> None:
        if self.locality.text() == self._auto["locality"]:
            self._auto["locality"] = re.sub(r"^UBND\s+", "", clean(text))
            self.locality.setText(self._auto["locality"])

    def _year_changed(self, year: int) -> None:
        if self.plan_title.text() == self._auto["title"]:
            self._auto["title"] = re.sub(r"\b(19|20)\d\d\b", str(year), self._base.title)
            self.plan_title.setText(self._auto["title"])

    def accept(self) -> None:
        issued = parse_dmy(self.date.text())
        plan = replace(self._base, number=clean(self.number.text()), date=issued or "", issuer=clean(self.issuer.text()),
                       locality=clean(self.locality.text()), year=self.year.value(), title=clean(self.plan_title.text()),
                       report_day=self.report_day.value() or None)
        problems = plan_problems(plan)
        if issued is None:
            problems = [p for p in problems if p.field != "date"] + [
                FieldProblem("date", f"“{self.date.text()}” không phải ngày hợp lệ (dd/mm/yyyy).")]
        if (plan.number, plan.year, name_key(plan.issuer)) in self._taken:
            problems.append(FieldProblem("number", f"Đã có kế hoạch số {plan.number} năm {plan.year} của "
                                                   f"{plan.issuer}."))
        if not self.fields.show_problems(problems):
            return
        self._result = plan
        super().accept()

    def plan(self) -> Plan | None:
        return self._result


# -- a target ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TargetEdit:
    """What the target dialog gives back: the target as typed, and the group it goes in."""

    target: Target
    group_id: int


class TargetDialog(QDialog):
    """Every column of a target; edit() gives a TargetEdit. A target with results keeps its TT and goals."""

    def __init__(self, target: Target, groups: list[tuple[int, str]], group_id: int, reported: bool = False,
                 levels: list[str] = (), title: str = "Chỉ tiêu", ok_text: str = "Lưu", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._base, self._result = target, None
        self.tt = QLineEdit(target.tt)
        self.tt.setMaximumWidth(120)
        self.group = QComboBox()
        for gid, label in groups:
            self.group.addItem(label, gid)
        self.group.setCurrentIndex(max(0, self.group.findData(group_id)))
        self.text = QPlainTextEdit(target.text)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 14)
        self.lead, self.coordinating, self.tracking = (QLineEdit(getattr(target, f))
                                                       for f in ("lead", "coordinating", "tracking"))
        self.previous_result = QLineEdit(target.previous_result)
        self.province_goal, self.local_goal = QLineEdit(target.province_goal), QLineEdit(target.local_goal)
        self.goal_notes = {name: plain.label() for name in ("province_goal", "local_goal")}  # the goal's words
        for name, edit in (("province_goal", self.province_goal), ("local_goal", self.local_goal)):
            edit.setPlaceholderText("Ví dụ: 100%; tối thiểu 95%; 47-50%; 1000 điểm; - (không có con số)")
            self.goal_notes[name].setWordWrap(True)
            self.goal_notes[name].setStyleSheet(NOTE_STYLE)
        self.level = QComboBox()
        self.level.setEditable(True)
        self.level.addItems(list(dict.fromkeys(["", *LEVEL_CHOICES, *levels])))
        self.level.setCurrentText(target.level)
        self.deadline = QLineEdit(display_date(target.deadline))
        self.deadline.setPlaceholderText("dd/mm/yyyy")
        self.deadline.setToolTip("Ngày phải hoàn thành, dd/mm/yyyy; để trống nếu kế hoạch không ghi.")
        self.deadline.setMaximumWidth(220)
        self.basis, self.note = QLineEdit(target.basis), QLineEdit(target.note)
        self.fields = _CheckedForm()
        for name, label, widget in (
                ("tt", "TT *", self.tt), ("group", "Thuộc nhóm", self.group), ("text", "Nội dung chỉ tiêu *", self.text),
                ("lead", "Cơ quan chủ trì", self.lead), ("coordinating", "Cơ quan phối hợp", self.coordinating),
                ("tracking", "Cơ quan theo dõi", self.tracking), ("province_goal", "Mục tiêu của tỉnh", self.province_goal),
                ("local_goal", "Mục tiêu của địa phương", self.local_goal), ("level", "Mức độ", self.level),
                ("deadline", "Thời hạn", self.deadline), ("previous_result", "Kết quả năm trước", self.previous_result),
                ("basis", "Cơ sở đề xuất", self.basis), ("note", "Ghi chú", self.note)):
            self.fields.add(name, label, widget, self.goal_notes.get(name))
        for name, edit in (("province_goal", self.province_goal), ("local_goal", self.local_goal)):
            edit.textChanged.connect(lambda text, n=name: self._goal_read(n, text))
            self._goal_read(name, edit.text())
        layout = QVBoxLayout(self)
        if reported:
            for edit in (self.tt, self.province_goal, self.local_goal):
                edit.setReadOnly(True)
            note = QLabel("Chỉ tiêu này đã có kết quả báo cáo: giữ nguyên TT và mục tiêu (kết quả được ghi theo "
                          "chúng); chỉ sửa câu chữ, cơ quan, mức độ, thời hạn.")
            note.setWordWrap(True)
            note.setStyleSheet(NOTE_STYLE)
            layout.addWidget(note)
        layout.addWidget(_scrolling(self.fields), 1)
        layout.addWidget(_buttons(self, ok_text))
        self.resize(max(self.sizeHint().width(), 760), self.sizeHint().height())

    def _goal_read(self, name: str, text: str) -> None:
        """How the program reads the goal, under it as it is typed: its figures, or (as an error) what cannot be
        read."""
        goal, note, error = parse_goal(text), self.goal_notes[name], self.fields.errors[name]
        error.setText(" ".join(f"Mục tiêu không đọc được: {p}." for p in goal.problems))
        error.setVisible(bool(goal.problems))
        if goal.problems:
            note.setText("")
        elif goal.measures and not goal.qualitative:
            note.setText("Đọc là: " + "; ".join(m.label() for m in goal.measures))
        else:
            note.setText("Không có con số: đạt khi “Hoàn thành”." if clean(text) else "")
        note.setVisible(bool(note.text()))

    def typed(self) -> Target:
        """The target as the fields hold it (the deadline as typed until it is read)."""
        values = {f.name: clean(getattr(self, f.name).text()) for f in fields(Target)
                  if f.name not in ("text", "level", "deadline")}
        return Target(**values, text=clean(self.text.toPlainText()), level=clean(self.level.currentText()),
                      deadline=parse_dmy(self.deadline.text()) or "")

    def accept(self) -> None:
        target = self.typed()
        problems = target_problems(target)
        if parse_dmy(self.deadline.text()) is None:
            problems.append(FieldProblem("deadline", f"“{self.deadline.text()}” không phải ngày hợp lệ (dd/mm/yyyy)."))
        if not self.fields.show_problems(problems):
            return
        self._result = TargetEdit(target, self.group.currentData())
        super().accept()

    def edit(self) -> TargetEdit | None:
        return self._result


# -- a group or part heading ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Heading:
    """A group's number or a part's key, and its title."""

    key: str
    title: str


class HeadingDialog(QDialog):
    """A group ("II", "Về phát triển chính quyền số") or a part ("PL2", "PHỤ LỤC 2: …"); heading() gives it."""

    def __init__(self, kind: str, heading: Heading = Heading("", ""), first_part: bool = False, title: str = "",
                 ok_text: str = "Lưu", parent=None) -> None:
        super().__init__(parent)
        self.kind, self._first, self._result = kind, first_part, None
        self.setWindowTitle(title or ("Nhóm chỉ tiêu" if kind == "group" else "Phần của phụ lục"))
        self.key = QLineEdit(heading.key)
        self.key.setPlaceholderText("Số La Mã: I, II, III …" if kind == "group" else "Ví dụ: PL2 hoặc B")
        self.key.setMaximumWidth(160)
        self.heading_title = QLineEdit(heading.title)
        self.heading_title.setPlaceholderText("Ví dụ: Về phát triển hạ tầng số" if kind == "group"
                                              else "Ví dụ: PHỤ LỤC 2: CÁC CHỈ TIÊU RIÊNG CỦA XÃ")
        self.fields = _CheckedForm()
        key_name = "no" if kind == "group" else "key"
        self.fields.add(key_name, "Số nhóm" if kind == "group" else "Ký hiệu phần", self.key)
        self.fields.add("title", "Tên nhóm *" if kind == "group" else "Tên phần *", self.heading_title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(_buttons(self, ok_text))
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())

    def accept(self) -> None:
        heading = Heading(clean(self.key.text()), clean(self.heading_title.text()))
        problems = (group_problems(heading.key, heading.title) if self.kind == "group"
                    else part_problems(heading.key, heading.title, self._first))
        if not self.fields.show_problems(problems):
            return
        self._result = heading
        super().accept()

    def heading(self) -> Heading | None:
        return self._result
