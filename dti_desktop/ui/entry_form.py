"""The month's entry for one target: status, one input per measure, assessment, evidence, remarks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.goals import Measure, MeasureKind, measure_caption
from ..domain.numbers import format_number, percent_text
from ..domain.progress import Assessment, MeasureValue, ProgressEntry, Status, assess
from ..domain.text import nfc
from ..domain.validation import FieldError, override_error, read_measure_input, text_errors
from ..storage.attachment_store import Attachment
from . import plain

ERROR_STYLE = "color: #b02a37;"
FILE_ROLE = Qt.ItemDataRole.UserRole + 1
SIDE_LABEL_CHARS = 28  # a longer goal (in words) goes above its field


def _error_label() -> QLabel:
    label = plain.label()  # a message may quote the goal as the annex wrote it
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _text_box(placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(62)
    return box


class MeasureInput(QWidget):
    """One measure: the goal, an input ("85,5" or "45/50"), the computed percent, an error."""

    changed = Signal()

    def __init__(self, measure: Measure, parent=None) -> None:
        super().__init__(parent)
        self.measure = measure
        self.edit = QLineEdit()
        placeholder = {MeasureKind.PERCENT: "số % hoặc tử số/mẫu số, ví dụ 45/50",
                       MeasureKind.RANGE: "số % hoặc tử số/mẫu số",
                       MeasureKind.COUNT: f"số {measure.unit}".strip(),
                       MeasureKind.TEXT: "kết quả (ghi bằng chữ)"}[measure.kind]
        self.edit.setPlaceholderText(placeholder)
        if not measure.applies:  # the target's text sets this figure for the other level of government
            self.edit.setPlaceholderText("Không áp dụng cho đơn vị này (mục tiêu của cấp khác)")
            self.edit.setToolTip("Chỉ tiêu đặt mục tiêu này cho cấp khác (xã, phường hoặc huyện, thành phố); "
                                 "đơn vị không cần ghi, và mục tiêu này không tính vào đánh giá đạt/chưa đạt.")
        self.computed = QLabel()
        self.error = _error_label()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.computed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.edit.textChanged.connect(self._update)

    def set_value(self, value: MeasureValue) -> None:
        self.edit.setText(value.typed())
        # a figure for the other level stays greyed out, unless an older version let a value in: then it can
        # be cleared (saving refuses it until it is)
        self.edit.setEnabled(self.measure.applies or not value.empty)
        self._update()

    def read(self) -> tuple[MeasureValue, str | None]:
        return read_measure_input(self.measure, self.edit.text())

    def _update(self) -> None:
        value, _ = self.read()
        # cut, never rounded up: 26999/30000 is 89,99 %, not "90%" beside a 90 % goal it missed
        # a share only where the goal is one: "800/1000" of "1.000 điểm" is 800 points done, not "= 80%"
        share = value.percent is not None and self.measure.kind is not MeasureKind.COUNT
        self.computed.setText(f"= {percent_text(value.percent)}%" if share else "")
        self.show_error(None)
        self.changed.emit()

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


class AttachmentList(QListWidget):
    """Evidence files; local files dropped on it are added."""

    files_dropped = Signal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setFixedHeight(80)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        files = [p for p in paths if p.is_file()]
        if files:
            self.files_dropped.emit(files)
            event.acceptProposedAction()


class EntryForm(QWidget):
    """Edits a ProgressEntry; it never saves: the window calls the service on save_requested."""

    dirty_changed = Signal(bool)
    save_requested = Signal()
    copy_previous_requested = Signal()
    add_files_requested = Signal()
    open_requested = Signal(object)
    remove_requested = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entry = ProgressEntry(0, "")
        self._measures: tuple[Measure, ...] = ()
        self._inputs: list[MeasureInput] = []
        self._pending: list[Path] = []
        self._attachments: list[Attachment] = []
        self._clean_state: tuple = ()
        self._loading = False
        self._editable = True
        self._build()  # Ctrl+S is the window's "Lưu kết quả" action: a second binding here made it ambiguous

    # -- construction ---------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: bold;")
        self.status = QComboBox()
        for status in Status:
            self.status.addItem(status.label, status.value)
        self.measure_box = QGroupBox("Kết quả thực hiện")
        self.measure_form = QFormLayout(self.measure_box)
        # a goal in words ("Hoàn thành phủ sóng vùng lõm, …") goes above its field rather than crush it
        self.measure_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.auto_label = QLabel()
        self.override = QCheckBox("Tự điều chỉnh đánh giá")
        self.override_value = QComboBox()
        self.override_value.addItem(Assessment.DAT.label, Assessment.DAT.value)
        self.override_value.addItem(Assessment.KHONG_DAT.label, Assessment.KHONG_DAT.value)
        self.override_reason = QLineEdit()
        self.override_reason.setPlaceholderText("Lý do điều chỉnh")
        self.override_error = _error_label()
        self.evidence_notes = _text_box("Văn bản, số liệu, đường dẫn minh chứng …")
        self.evidence_error = _error_label()
        self.files = AttachmentList()
        self.add_file = QPushButton("Thêm tệp…")
        self.open_file = QPushButton("Mở")
        self.remove_file = QPushButton("Xóa")
        self.difficulties = _text_box("Khó khăn, vướng mắc")
        self.causes = _text_box("Nguyên nhân")
        self.proposals = _text_box("Đề xuất, kiến nghị")
        self.save_button = QPushButton("Lưu (Ctrl+S)")
        self.copy_button = QPushButton("Chép từ tháng trước")
        self.revert_button = QPushButton("Hoàn tác")
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        override_row = QHBoxLayout()
        override_row.addWidget(self.override)
        override_row.addWidget(self.override_value)
        override_row.addStretch(1)
        file_buttons = QHBoxLayout()
        for w in (self.add_file, self.open_file, self.remove_file):
            file_buttons.addWidget(w)
        file_buttons.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # In a narrow pane (a small or scaled screen) labels go above their fields instead of scrolling sideways.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.measure_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Tình trạng", self.status)
        form.addRow(self.measure_box)
        form.addRow("Đánh giá", self.auto_label)
        form.addRow("", override_row)
        form.addRow("", self.override_reason)
        form.addRow("", self.override_error)
        form.addRow("Minh chứng", self.evidence_notes)
        form.addRow("", self.evidence_error)
        form.addRow("Tệp minh chứng", self.files)
        form.addRow("", file_buttons)
        form.addRow("Khó khăn, vướng mắc", self.difficulties)
        form.addRow("Nguyên nhân", self.causes)
        form.addRow("Đề xuất, kiến nghị", self.proposals)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def _connect(self) -> None:
        for signal in (self.status.currentIndexChanged, self.override_value.currentIndexChanged,
                       self.override_reason.textChanged, self.evidence_notes.textChanged,
                       self.difficulties.textChanged, self.causes.textChanged, self.proposals.textChanged):
            signal.connect(self._changed)
        self.override.toggled.connect(self._override_toggled)
        self.override_reason.textChanged.connect(self._recheck_override)
        self.save_button.clicked.connect(self.save_requested.emit)
        self.copy_button.clicked.connect(self.copy_previous_requested.emit)
        self.revert_button.clicked.connect(self.revert)
        self.add_file.clicked.connect(self.add_files_requested.emit)
        self.files.files_dropped.connect(self.add_files)
        self.files.itemDoubleClicked.connect(lambda *_: self._emit_for_selected(self.open_requested))
        self.open_file.clicked.connect(lambda: self._emit_for_selected(self.open_requested))
        self.remove_file.clicked.connect(self._remove_selected)

    # -- loading and reading ----------------------------------------------------------
    def load(self, entry: ProgressEntry, measures: tuple[Measure, ...], attachments: list[Attachment]) -> None:
        """Show an entry; the form is clean afterwards."""
        self._loading = True
        same_measures = measures == self._measures and len(self._inputs) == len(measures)
        self._entry, self._measures = entry, measures
        self._pending, self._attachments = [], list(attachments)
        if same_measures:  # same target, another month: keep the widgets (no relayout)
            for pos, widget in enumerate(self._inputs):
                widget.set_value(entry.values.get(pos, MeasureValue()))
        else:
            self._rebuild_measures(entry)
        self.status.setCurrentIndex(self.status.findData(entry.status.value))
        self.override.setChecked(not entry.assessment_auto)
        # overridden: its own; else what a hand override would say, the opposite of the automatic one (it was
        # whatever the previous target's override had been)
        chosen = entry.assessment if not entry.assessment_auto else \
            Assessment.DAT if entry.assessment != Assessment.DAT else Assessment.KHONG_DAT
        self.override_value.setCurrentIndex(max(0, self.override_value.findData(chosen.value)))
        self.override_reason.setText(entry.override_reason)
        for box, text in ((self.evidence_notes, entry.evidence_notes), (self.difficulties, entry.difficulties),
                          (self.causes, entry.causes), (self.proposals, entry.proposals)):
            box.setPlainText(text)
        self._fill_files()
        self._loading = False
        self._clean_state = self._state()  # before the refresh below, which reports clean, not a passing "dirty"
        self._override_toggled(self.override.isChecked())
        for label in (self.override_error, self.evidence_error):
            label.hide()
        self.dirty_changed.emit(False)

    def load_draft(self, entry: ProgressEntry) -> None:
        """Fill the fields from a draft (copy from last month) and leave the form dirty; "Hoàn tác" still goes
        back to what is stored."""
        stored, clean_state, attachments, pending = self._entry, self._clean_state, self._attachments, self._pending
        self.load(replace(entry, id=stored.id), self._measures, attachments)
        self._entry = stored
        self._pending = pending
        self._fill_files()
        self._clean_state = clean_state
        self._changed()

    def _rebuild_measures(self, entry: ProgressEntry) -> None:
        while self.measure_form.rowCount():
            self.measure_form.removeRow(0)
        self._inputs = []
        if not self._measures:
            note = QLabel("Chỉ tiêu không có số liệu định lượng: ghi kết quả ở phần minh chứng.")
            note.setWordWrap(True)
            self.measure_form.addRow(note)
        for pos, measure in enumerate(self._measures):
            widget = MeasureInput(measure)
            widget.edit.setReadOnly(not self._editable)
            widget.set_value(entry.values.get(pos, MeasureValue()))
            widget.changed.connect(self._changed)
            self._inputs.append(widget)
            caption = measure_caption(self._measures, pos)
            caption = caption[0].upper() + caption[1:]
            if len(caption) <= SIDE_LABEL_CHARS:  # the goal as the annex wrote it: a label of plain text
                self.measure_form.addRow(plain.label(caption), widget)
            else:  # a goal in words above its field, wrapped: beside it, it squeezed the field to a few letters
                label = plain.label(caption)
                label.setWordWrap(True)
                self.measure_form.addRow(label)
                self.measure_form.addRow(widget)

    def _fill_files(self) -> None:
        self.files.clear()
        for att in self._attachments:
            item = QListWidgetItem(f"{att.original_name} ({_size(att.size)})")
            item.setData(FILE_ROLE, att)
            self.files.addItem(item)
        for path in self._pending:
            item = QListWidgetItem(f"{path.name} — chưa lưu")
            item.setData(FILE_ROLE, path)
            self.files.addItem(item)

    def draft(self) -> ProgressEntry:
        """The entry as the fields now say (unparseable inputs left out; validate() reports them)."""
        values = {pos: w.read()[0] for pos, w in enumerate(self._inputs)}
        values = {pos: v for pos, v in values.items() if not v.empty}
        manual = self.override.isChecked()
        assessment = (Assessment(self.override_value.currentData()) if manual
                      else assess(self._measures, values, Status(self.status.currentData())))
        return replace(
            self._entry, status=Status(self.status.currentData()), values=values, assessment=assessment,
            assessment_auto=not manual, override_reason=nfc(self.override_reason.text().strip()) if manual else "",
            evidence_notes=nfc(self.evidence_notes.toPlainText().strip()),
            difficulties=nfc(self.difficulties.toPlainText().strip()), causes=nfc(self.causes.toPlainText().strip()),
            proposals=nfc(self.proposals.toPlainText().strip()))

    def validate(self) -> list[FieldError]:
        """Show every error next to its field; empty list when the entry may be saved."""
        errors = []
        for pos, widget in enumerate(self._inputs):
            _, message = widget.read()
            widget.show_error(message)
            if message:
                errors.append(FieldError(f"value:{pos}", message))
        problem = override_error(not self.override.isChecked(), self.override_reason.text())
        self.override_error.setText(problem.message if problem else "")
        self.override_error.setVisible(bool(problem))
        too_long = text_errors(self.draft())
        if too_long:  # shown under the notes (the evidence line is free: this blocks saving anyway)
            self.evidence_error.setText(" ".join(e.message for e in too_long))
            self.evidence_error.setVisible(True)
        return errors + ([problem] if problem else []) + too_long

    def show_evidence_warning(self, message: str | None) -> None:
        self.evidence_error.setText(message or "")
        self.evidence_error.setVisible(bool(message))

    def pending_files(self) -> list[Path]:
        return list(self._pending)

    def attachment_count(self) -> int:
        return len(self._attachments) + len(self._pending)

    def is_dirty(self) -> bool:
        return self._state() != self._clean_state

    def revert(self) -> None:
        self.load(self._entry, self._measures, self._attachments)

    def set_editable(self, editable: bool) -> None:
        """A month sent (locked) or a read-only copy: nothing can change, but everything can still be read, the
        long texts scrolled and copied, and the evidence files opened (a disabled form hid them all)."""
        self._editable = editable
        for box in (self.evidence_notes, self.difficulties, self.causes, self.proposals):
            box.setReadOnly(not editable)
        self.override_reason.setReadOnly(not editable)
        for widget in (self.status, self.override, self.add_file, self.remove_file, self.save_button,
                       self.copy_button, self.revert_button):
            widget.setEnabled(editable)
        self.files.setAcceptDrops(editable)
        for widget in self._inputs:
            widget.edit.setReadOnly(not editable)
        self._override_toggled(self.override.isChecked())

    def is_editable(self) -> bool:
        return self._editable

    def add_files(self, paths: list[Path]) -> None:
        self._pending.extend(Path(p) for p in paths if Path(p) not in self._pending)
        self._fill_files()
        if self.attachment_count():
            self.evidence_error.hide()  # "no evidence" is no longer true
        self._changed()

    # -- internals ------------------------------------------------------------------
    def _state(self) -> tuple:
        return (self.status.currentData(), tuple(w.edit.text() for w in self._inputs),
                self.override.isChecked(), self.override_value.currentData() if self.override.isChecked() else None,
                self.override_reason.text(), self.evidence_notes.toPlainText(), self.difficulties.toPlainText(),
                self.causes.toPlainText(), self.proposals.toPlainText(), tuple(self._pending))

    def set_attachments(self, attachments: list[Attachment]) -> None:
        """After a stored file was removed: refresh the list, keep every other edit."""
        self._attachments = list(attachments)
        self._fill_files()

    def _changed(self) -> None:
        if self._loading:
            return
        read = [w.read() for w in self._inputs]
        if any(error for _, error in read):  # "Đạt" beside a rate of 1.000 %, which saving then refused
            self.auto_label.setText("Tự động: chưa đánh giá được (có kết quả chưa hợp lệ)")
        else:
            auto = assess(self._measures, {p: value for p, (value, _) in enumerate(read)},
                          Status(self.status.currentData()))
            self.auto_label.setText(f"Tự động: {auto.label}")
        self.dirty_changed.emit(self.is_dirty())

    def _override_toggled(self, on: bool) -> None:
        self.override_value.setEnabled(on and self._editable)
        self.override_reason.setEnabled(on)
        self._recheck_override()
        self._changed()

    def _recheck_override(self) -> None:
        """The "give a reason" error goes as soon as a reason is typed or the override is undone, as a measure's
        error goes while its value is corrected."""
        if self.override_error.text() and override_error(not self.override.isChecked(),
                                                         self.override_reason.text()) is None:
            self.override_error.setText("")
            self.override_error.hide()

    def _selected(self):
        item = self.files.currentItem()
        return item.data(FILE_ROLE) if item else None

    def _emit_for_selected(self, signal) -> None:
        chosen = self._selected()
        if isinstance(chosen, Attachment) or (signal is self.open_requested and isinstance(chosen, Path)):
            signal.emit(chosen)  # a file not yet saved opens from where it was chosen

    def _remove_selected(self) -> None:
        chosen = self._selected()
        if isinstance(chosen, Path):
            self._pending.remove(chosen)
            self._fill_files()
            self._changed()
        elif isinstance(chosen, Attachment):
            self.remove_requested.emit(chosen)


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{format_number(size / 1024, 1)} KB"
    return f"{format_number(size / 1024 / 1024, 1)} MB"
