"""The fields of Settings, shared by the first-run dialog and the Settings dialog."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from ..domain.names import describe, name_problem
from ..domain.settings import NEW_UNIT_RULES, OVERRIDE_RULES, Settings, default_signatory_title
from ..domain.text import clean
from ..domain.units import UnitKind


class SettingsForm(QWidget):
    """Unit, officer, signatory, reporting day, consolidating office, place, recipients."""

    def __init__(self, unit_names: list[str] | None = None, parent=None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.unit_name = QComboBox()
        self.unit_name.setEditable(True)
        self.unit_name.addItems(unit_names or [])
        self.unit_name.setCurrentText("")
        self.unit_name.lineEdit().setPlaceholderText("Ví dụ: UBND phường Mạo Khê")
        self.unit_kind = QComboBox()
        for kind in UnitKind:
            self.unit_kind.addItem(kind.label, kind.value)
        self.district = QLineEdit()
        self.district.setPlaceholderText("Ví dụ: thành phố Đông Triều")
        self.officer_name, self.officer_position = QLineEdit(), QLineEdit()
        self.signatory_name = QLineEdit()
        # Two lines where one signs for another (NĐ 30): "KT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH". Until the officer
        # types one, the title follows the unit's kind and name (an agency's head is not "CHỦ TỊCH").
        self._auto_title = default_signatory_title(self.kind(), "")
        self.signatory_title = QPlainTextEdit(self._auto_title)
        self.signatory_title.setToolTip("Ký thay thì ghi hai dòng, ví dụ:\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
        self.signatory_title.setFixedHeight(self.signatory_title.fontMetrics().lineSpacing() * 2 + 14)
        self.signatory_title.setTabChangesFocus(True)
        self.report_day = QSpinBox()
        self.report_day.setRange(1, 28)
        self.report_day.setValue(15)
        self.consolidating_office = QLineEdit()
        self.consolidating_office.setPlaceholderText("Ví dụ: Phòng Văn hóa và Thông tin")
        self.place_name = QLineEdit()
        self.place_name.setPlaceholderText("Ví dụ: Mạo Khê")
        self.place_name.setToolTip("Địa danh ghi ở dòng ngày tháng của báo cáo: “Mạo Khê, ngày … tháng … năm …”")
        self.issuer_code = QLineEdit()
        self.issuer_code.setPlaceholderText("Ví dụ: UBND, VHTT")
        self.issuer_code.setToolTip("Chữ viết tắt tên cơ quan trong số văn bản: “Số: …/BC-VHTT”. "
                                    "Để trống: BC-UBND cho Ủy ban nhân dân.")
        self.recipients = QPlainTextEdit()
        self.recipients.setPlaceholderText("Mỗi dòng một nơi nhận, ví dụ:\n- UBND thành phố (b/c);\n- Lưu: VT.")
        self.recipients.setFixedHeight(70)
        # the consolidating office's rules for what units send (a unit's own officer leaves them as they are)
        self.unit_overrides, self.new_units = QComboBox(), QComboBox()
        for combo, rules in ((self.unit_overrides, OVERRIDE_RULES), (self.new_units, NEW_UNIT_RULES)):
            for value, text in rules.items():
                combo.addItem(text, value)
        self.unit_overrides.setToolTip("Khi đơn vị tự điều chỉnh đánh giá (có lý do), cơ quan tổng hợp tính chỉ tiêu "
                                       "đạt theo kết quả tự tính lại hay theo đánh giá của đơn vị; cả hai đều được "
                                       "hiện")
        self.new_units.setToolTip("Gói của một đơn vị chưa có trong danh sách đơn vị của cơ quan tổng hợp: giữ lại "
                                  "chờ duyệt (Tổng hợp → Gói chờ duyệt) hoặc nhận ngay")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b02a37;")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it repeats the name typed
        for label, widget in (
            ("Đơn vị của bạn *", self.unit_name), ("Loại đơn vị", self.unit_kind),
            ("Thuộc địa bàn", self.district), ("Cán bộ đầu mối *", self.officer_name),
            ("Chức vụ", self.officer_position), ("Người ký báo cáo", self.signatory_name),
            ("Chức danh người ký", self.signatory_title), ("Ngày báo cáo hằng tháng", self.report_day),
            ("Cơ quan tổng hợp", self.consolidating_office), ("Địa danh", self.place_name),
            ("Ký hiệu cơ quan", self.issuer_code), ("Nơi nhận", self.recipients),
            ("Tổng hợp: đơn vị tự đánh giá", self.unit_overrides), ("Tổng hợp: đơn vị lạ", self.new_units),
        ):
            form.addRow(label, widget)
        form.addRow(self.error)
        self.unit_kind.currentIndexChanged.connect(self._follow_title)
        self.unit_name.currentTextChanged.connect(self._follow_title)

    def _title_text(self) -> str:
        return "\n".join(line for line in map(clean, self.signatory_title.toPlainText().splitlines()) if line)[:200]

    def _follow_title(self) -> None:
        """A new kind or name brings its default title, unless the officer typed their own (the field no longer
        holds the default last filled in, nor is it empty)."""
        default = default_signatory_title(self.kind(), self.unit_name.currentText())
        if self._title_text() in ("", self._auto_title) and self._title_text() != default:
            self.signatory_title.setPlainText(default)
        self._auto_title = default

    def set_settings(self, s: Settings, kind: UnitKind | None = None) -> None:
        self.unit_name.setCurrentText(s.unit_name)
        if kind is not None:
            self.unit_kind.setCurrentIndex(self.unit_kind.findData(kind.value))
        self.district.setText(s.district)
        self.officer_name.setText(s.officer_name)
        self.officer_position.setText(s.officer_position)
        self.signatory_name.setText(s.signatory_name)
        self.signatory_title.setPlainText(s.signatory_title)
        self._auto_title = default_signatory_title(self.kind(), s.unit_name)  # a stored default still follows
        self.report_day.setValue(s.report_day)
        self.consolidating_office.setText(s.consolidating_office)
        self.place_name.setText(s.place_name)
        self.issuer_code.setText(s.issuer_code)
        self.recipients.setPlainText(s.recipients)
        for combo, value in ((self.unit_overrides, s.unit_overrides), (self.new_units, s.new_units)):
            combo.setCurrentIndex(max(0, combo.findData(value)))

    def settings(self, base: Settings | None = None) -> Settings:
        return replace(
            base or Settings(), unit_name=clean(self.unit_name.currentText()), district=clean(self.district.text()),
            officer_name=clean(self.officer_name.text()), officer_position=clean(self.officer_position.text()),
            signatory_name=clean(self.signatory_name.text()),
            # left empty, the printout would fall back on "CHỦ TỊCH" whatever the unit: its kind's default instead
            signatory_title=self._title_text() or default_signatory_title(self.kind(), self.unit_name.currentText()),
            report_day=self.report_day.value(), consolidating_office=clean(self.consolidating_office.text()),
            place_name=clean(self.place_name.text()), recipients=self.recipients.toPlainText().strip(),
            issuer_code=clean(self.issuer_code.text()).upper().removeprefix("BC-"),
            unit_overrides=self.unit_overrides.currentData(), new_units=self.new_units.currentData())

    def kind(self) -> UnitKind:
        return UnitKind(self.unit_kind.currentData())

    def validate(self) -> bool:
        """Inline message; True when the required fields are filled."""
        missing = [name for name, widget in (("đơn vị", self.unit_name.currentText()),
                                              ("cán bộ đầu mối", self.officer_name.text()))
                   if not widget.strip()]
        odd = next((describe(what, text, problem) for what, text in (("Tên đơn vị", self.unit_name.currentText()),
                                                                       ("Địa bàn", self.district.text()))
                    if (problem := name_problem(text)) is not None), "")
        self.error.setText(f"Cần nhập {' và '.join(missing)}." if missing else odd)
        return not missing and not odd
