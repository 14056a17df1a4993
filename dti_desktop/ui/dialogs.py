"""First-run and Settings dialogs: data in, a result out; they save nothing themselves."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain.catalogue import PlanSummary
from ..domain.settings import Settings
from ..domain.units import Unit, UnitKind
from ..services.first_run import FirstRunChoice
from . import messages
from .settings_form import SettingsForm


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class FirstRunDialog(QDialog):
    """Who you are, which unit, and which catalogue to work from."""

    def __init__(self, units: list[Unit], plans: list[PlanSummary], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thiết lập ban đầu — DTI Desktop")
        self._units, self._plans = units, plans
        self._result: FirstRunChoice | None = None
        intro = QLabel("Chào mừng! Hãy cho biết đơn vị của bạn và danh mục chỉ tiêu sẽ theo dõi. "
                       "Mọi thông tin có thể sửa lại trong Cài đặt.")
        intro.setWordWrap(True)
        self.form = SettingsForm([u.name for u in units])
        self.form.unit_name.currentTextChanged.connect(self._unit_named)
        self.embedded = QRadioButton("Danh mục có sẵn:")
        self.from_file = QRadioButton("Nhập từ tệp phụ lục của kế hoạch (Excel, Word, PDF, hoặc tệp cơ quan tổng hợp gửi):")
        group = QButtonGroup(self)
        group.addButton(self.embedded)
        group.addButton(self.from_file)
        self.embedded.setChecked(True)
        self._filled: dict[str, object] = {}  # what _plan_changed filled in (not typed by the officer)
        self.from_file.toggled.connect(self._source_changed)
        self.plan_combo = QComboBox()
        for p in plans:
            self.plan_combo.addItem(f"Năm {p.plan.year} — {p.plan.number} — {p.plan.locality} ({p.target_count} chỉ tiêu)", p.id)
        self.plan_combo.currentIndexChanged.connect(self._plan_changed)
        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText("Chọn tệp phụ lục (.xlsx, .xls, .ods, .docx, .pdf) …")
        browse = QPushButton("Chọn tệp…")
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        for w in (intro, self.form, self.embedded, self.plan_combo, self.from_file):
            inner.addWidget(w)
        inner.addLayout(file_row)
        layout = QVBoxLayout(self)
        layout.addWidget(_scrolling(body), 1)
        layout.addWidget(_buttons(self, "Bắt đầu"))
        self._plan_changed()

    def _unit_named(self, name: str) -> None:
        """A unit already known keeps its kind: the kind shown (and the signer's title that follows it) is its own;
        a new one's kind is proposed from its name ("UBND phường …" is a ward), as `unit add` does, until the
        officer picks one."""
        from ..domain.units import kind_from_name

        known = next((u for u in self._units if u.name == name), None)
        kind = known.kind if known is not None else kind_from_name(name)
        if kind is not None and (known is not None or self._filled.get("kind", self.form.unit_kind.currentData())
                                 == self.form.unit_kind.currentData()):
            self.form.unit_kind.setCurrentIndex(self.form.unit_kind.findData(kind.value))
            self._filled["kind"] = kind.value

    def _plan_changed(self) -> None:
        """The reporting day and the area default from the chosen plan (15 or 20; its locality), while the
        built-in plan is the one chosen; a day or an area the officer typed stays."""
        if self.from_file.isChecked():  # the workbook brings its own
            return
        plan = next((p for p in self._plans if p.id == self.plan_combo.currentData()), None)
        untouched_day = self.form.report_day.value() in (self._filled.get("day"), Settings().report_day)
        if plan and plan.plan.report_day and untouched_day:
            self.form.report_day.setValue(plan.plan.report_day)
            self._filled["day"] = plan.plan.report_day
        elif self.form.report_day.value() == self._filled.pop("day", None):  # a plan without one: the default
            self.form.report_day.setValue(Settings().report_day)
        if plan and (not self.form.district.text() or self.form.district.text() == self._filled.get("area")):
            self.form.district.setText(plan.plan.locality)
            self._filled["area"] = plan.plan.locality

    def _source_changed(self, from_file: bool) -> None:
        """A workbook brings its own plan: what the built-in plan filled in goes (a 2026 province plan was saved
        under "thành phố Đông Triều" and its packages refused), and the workbook's day and locality are taken
        when the officer typed none. What the officer typed stays."""
        if from_file:
            if self.form.district.text() == self._filled.get("area"):
                self.form.district.clear()
            if self.form.report_day.value() == self._filled.get("day"):
                self.form.report_day.setValue(Settings().report_day)
            self._filled.clear()
        else:
            self._plan_changed()

    def _browse(self) -> None:
        path = messages.open_file(self, "Chọn tệp phụ lục chỉ tiêu", messages.ANNEX_FILTER)
        if path:
            self.file_edit.setText(path)
            self.from_file.setChecked(True)

    def accept(self) -> None:
        if not self.form.validate():
            return
        if self.from_file.isChecked() and not self.file_edit.text().strip():
            self.form.error.setText("Hãy chọn tệp Excel danh mục, hoặc dùng danh mục có sẵn.")
            return
        settings = self.form.settings()
        existing = next((u.id for u in self._units if u.name == settings.unit_name), None)
        self._result = FirstRunChoice(
            settings=settings, unit_kind=self.form.kind(), existing_unit_id=existing,
            plan_id=self.plan_combo.currentData() if self.embedded.isChecked() else None,
            catalogue_file=Path(self.file_edit.text().strip()) if self.from_file.isChecked() else None)
        super().accept()

    def choice(self) -> FirstRunChoice | None:
        return self._result


def _scrolling(body: QWidget) -> QScrollArea:
    """The fields scroll, the buttons below them stay: on a 1366x768 screen at 125 % (582 px above the
    taskbar) the first-run dialog is taller than the screen, and its "Bắt đầu" button fell off it."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(body)
    screen = QGuiApplication.primaryScreen()
    room = screen.availableGeometry().height() - 160 if screen else 600  # title bar, margins, buttons
    area.setMinimumWidth(body.sizeHint().width() + area.verticalScrollBar().sizeHint().width())
    area.setMinimumHeight(min(body.sizeHint().height(), max(room, 200)))
    return area


class SettingsDialog(QDialog):
    """Edit the Settings; result() gives the new Settings."""

    def __init__(self, settings: Settings, kind: UnitKind, parent=None, office_tools: bool | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cài đặt")
        self._base = settings
        self._result: Settings | None = None
        self.form = SettingsForm()
        self.form.set_settings(settings, kind)
        self.form.unit_kind.setEnabled(False)
        # a unit sees only what a unit does; the office's tools when it consolidates too (office_tools: as now)
        self.office_tools = QCheckBox("Hiện công cụ của cơ quan tổng hợp (tab Tổng hợp, Danh mục chỉ tiêu, "
                                      "báo cáo tổng hợp các đơn vị)")
        self.office_tools.setChecked(bool(office_tools))
        self.office_tools.setVisible(office_tools is not None)
        layout = QVBoxLayout(self)
        layout.addWidget(_scrolling(self.form), 1)
        layout.addWidget(self.office_tools)
        layout.addWidget(_buttons(self, "Lưu"))

    def accept(self) -> None:
        if not self.form.validate():
            return
        self._result = self.form.settings(self._base)
        super().accept()

    def settings(self) -> Settings | None:
        return self._result


class MergeUnitsDialog(QDialog):
    """Two names of one unit: which name goes, which stays; merged() gives (from_id, into_id)."""

    def __init__(self, units: list[Unit], suggested: tuple[int, int] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Gộp hai tên của một đơn vị")
        self._result: tuple[int, int] | None = None
        note = QLabel("Dùng khi một đơn vị được biết dưới hai tên: đơn vị sửa tên trong Cài đặt, hoặc xã, phường đổi "
                      "tên. Các gói báo cáo đã nhận theo tên bỏ được tính cho tên giữ (giữ nguyên, không mất gói nào); "
                      "trong mỗi tháng, lần gửi mới nhất được dùng. Hãy giữ tên mà đơn vị đang dùng để gửi báo cáo.")
        note.setWordWrap(True)
        self.old, self.keep = QComboBox(), QComboBox()
        for unit in units:
            text = f"{unit.name} ({unit.district})" if unit.district else unit.name
            self.old.addItem(text, unit.id)
            self.keep.addItem(text, unit.id)
        if suggested:
            self.old.setCurrentIndex(max(0, self.old.findData(suggested[0])))
            self.keep.setCurrentIndex(max(0, self.keep.findData(suggested[1])))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b02a37;")
        self.error.hide()
        rows = QVBoxLayout(self)
        rows.addWidget(note)
        for caption, combo in (("Tên bỏ (tên cũ):", self.old), ("Tên giữ (tên đơn vị đang dùng):", self.keep)):
            rows.addWidget(QLabel(caption))
            rows.addWidget(combo)
        rows.addWidget(self.error)
        rows.addWidget(_buttons(self, "Gộp"))

    def accept(self) -> None:
        if self.old.currentData() is None or self.old.currentData() == self.keep.currentData():
            self.error.setText("Hãy chọn hai tên khác nhau.")
            self.error.show()
            self.adjustSize()  # room for the message: left as it was, the dialog cut the explanation above
            return
        self._result = (self.old.currentData(), self.keep.currentData())
        super().accept()

    def merged(self) -> tuple[int, int] | None:
        return self._result
