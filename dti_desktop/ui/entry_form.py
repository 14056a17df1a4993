"""The month's entry for one target: status, one input per measure, assessment, evidence, remarks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain.attachments import Attachment
from ..domain.goals import Measure, measure_caption
from ..domain.progress import Assessment, MeasureValue, ProgressEntry, Status, assess
from ..domain.text import nfc
from ..domain.validation import (
    FieldError,
    agreed_status,
    override_error,
    proposed_status,
    status_problem,
    text_errors,
)
from . import plain
from .entry_widgets import (
    ERROR_STYLE,
    AttachmentList,
    Carried,
    ElidedLabel,
    MeasureInput,
    error_label,
    size_text,
    text_box,
)

NOTE_STYLE = "color: #495057;"
DONE_STYLE = "color: #0f5132; font-weight: bold;"
NO_RESULT = "Chưa có kết quả"  # the status box of a target without a result says what the table says
FILE_ROLE = Qt.ItemDataRole.UserRole + 1
SIDE_LABEL_CHARS = 28  # a longer goal (in words) goes above its field


def _see_through_viewport() -> QWidget:
    """The scroll area's viewport, made here unfilled: the page's own background shows, as under the head above it.
    Made here, not asked of the scroll area: PySide6 answered the first viewport() by loading every widget class to
    find its type (7 ms at start)."""
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")  # Qt's own name for it, as styles look for
    viewport.setAutoFillBackground(False)
    return viewport


class EntryForm(QWidget):
    """Edits a ProgressEntry; it never saves: the window calls the service on save_requested."""

    dirty_changed = Signal(bool)
    save_requested = Signal()
    copy_previous_requested = Signal()
    next_empty_requested = Signal()
    add_files_requested = Signal()
    open_requested = Signal(object)
    remove_requested = Signal(object)

    def __init__(self, parent=None, fields: bool = True) -> None:
        super().__init__(parent)
        self._entry = ProgressEntry(0, "")
        self._measures: tuple[Measure, ...] = ()
        self._inputs: list[MeasureInput] = []
        self._pending: list[Path] = []
        self._carried: list[Carried] = []  # last month's files a copy brings, attached by reference on save
        self._attachments: list[Attachment] = []
        self._clean_state: tuple = ()
        self._loading = False
        self._editable = True
        self._base_status: Status | None = None  # as loaded; None: the target has no result
        self._status_by_hand = False  # the officer chose the status: the result no longer sets it
        self._fix: Status | None = None  # the status "Đổi thành …" sets
        self.has_fields = False
        if fields:
            self.make_fields()

    # -- construction ---------------------------------------------------------
    def make_fields(self) -> None:
        """The fields and their layout, once. The window's start makes them a turn after it shows the month's
        targets (fields=False); until then the form is an empty page: nothing in it to edit, nothing unsaved."""
        if self.has_fields:
            return
        self._build()  # Ctrl+S is the window's "Lưu kết quả" action: a second binding here made it ambiguous
        self.has_fields = True
        if not self._editable:  # chosen before the fields were there
            self.set_editable(False)

    def _build(self) -> None:
        self.title = ElidedLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.office_comment = QLabel()  # the office returned the month: its comment on this target
        self.office_comment.setTextFormat(Qt.TextFormat.PlainText)  # the office's words, never HTML
        self.office_comment.setWordWrap(True)
        self.office_comment.setStyleSheet("background: #f8d7da; padding: 4px; border-radius: 3px;")
        self.office_comment.hide()
        self.status = QComboBox()
        self.status.addItem(NO_RESULT, None)  # shown, never chosen: a result has a status
        self.status.model().item(0).setEnabled(False)
        for status in Status:
            self.status.addItem(status.label, status.value)
        self.status_note = QLabel()  # the status the result calls for, or how they contradict each other
        self.status_note.setWordWrap(True)
        self.status_note.hide()
        self.status_fix = QPushButton()
        self.status_fix.hide()
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
        self.override_error = error_label()
        self.evidence_notes = text_box("Văn bản, số liệu, đường dẫn minh chứng …")
        self.evidence_error = error_label()
        self.files = AttachmentList()
        self.add_file = QPushButton("Thêm tệp…")
        self.open_file = QPushButton("Mở")
        self.remove_file = QPushButton("Xóa")
        self.difficulties = text_box("Khó khăn, vướng mắc")
        self.causes = text_box("Nguyên nhân")
        self.proposals = text_box("Đề xuất, kiến nghị")
        self.save_button = QPushButton("Lưu (Ctrl+S)")
        self.copy_button = QPushButton("Chép từ tháng trước")
        self.next_button = QPushButton("Tiếp: chưa có kết quả (F8)")
        self.next_button.setToolTip("Sang chỉ tiêu tiếp theo chưa có kết quả tháng này (phím F8)")
        self.revert_button = QPushButton("Hoàn tác")
        self.done_label = QLabel()  # "Đã lưu …", where the officer is looking (the status bar was the only place)
        self.done_label.setWordWrap(True)
        self.done_label.setStyleSheet(DONE_STYLE)
        self.done_label.hide()
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
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.status_fix)
        head = QFormLayout()  # the name, the status and the result fields: always in view
        head.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        head.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        head.addRow("Tình trạng", status_row)
        head.addRow("", self.status_note)
        head.addRow(self.measure_box)
        head.addRow("Đánh giá", self.auto_label)
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
        # the rest scrolls between the head and the buttons: on a small screen Save and Copy fell below the fold
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(form)
        body.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setViewport(_see_through_viewport())
        self.scroll.setWidget(self.body)
        # Two lines of the fields at least, not Qt's 68 px: with the status bar (there from the start) the window's
        # smallest height was 589 px, over the 582 a 1366x768 screen at 125 % leaves it
        self.scroll.setMinimumHeight(44)
        self.body.setAutoFillBackground(False)
        moves = QHBoxLayout()
        moves.addWidget(self.copy_button)
        moves.addWidget(self.next_button)
        moves.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.office_comment)
        layout.addLayout(head)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(moves)
        layout.addWidget(self.done_label)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        for signal in (self.override_value.currentIndexChanged,
                       self.override_reason.textChanged, self.evidence_notes.textChanged,
                       self.difficulties.textChanged, self.causes.textChanged, self.proposals.textChanged):
            signal.connect(self._changed)
        self.override.toggled.connect(self._override_toggled)
        self.override_reason.textChanged.connect(self._recheck_override)
        self.save_button.clicked.connect(self.save_requested.emit)
        self.copy_button.clicked.connect(self.copy_previous_requested.emit)
        self.next_button.clicked.connect(self.next_empty_requested.emit)
        self.status.currentIndexChanged.connect(self._status_chosen)  # the form's own changes block signals
        self.status_fix.clicked.connect(self._apply_status_fix)
        self.revert_button.clicked.connect(self.revert)
        self.add_file.clicked.connect(self.add_files_requested.emit)
        self.files.files_dropped.connect(self.add_files)
        self.files.itemDoubleClicked.connect(lambda *_: self._emit_for_selected(self.open_requested))
        self.open_file.clicked.connect(lambda: self._emit_for_selected(self.open_requested))
        self.remove_file.clicked.connect(self._remove_selected)

    # -- loading and reading ----------------------------------------------------------
    def load(self, entry: ProgressEntry, measures: tuple[Measure, ...], attachments: list[Attachment],
             no_result: bool | None = None) -> None:
        """Show an entry; the form is clean afterwards. `no_result` (default: an entry never stored) shows the status
        as the table does, "Chưa có kết quả", until something is entered."""
        self._loading = True
        self._base_status = None if (entry.id is None if no_result is None else no_result) else entry.status
        self._status_by_hand = False
        same_measures = measures == self._measures and len(self._inputs) == len(measures)
        self._entry, self._measures = entry, measures
        self._pending, self._carried, self._attachments = [], [], list(attachments)
        if same_measures:  # same target, another month: keep the widgets (no relayout)
            for pos, widget in enumerate(self._inputs):
                widget.set_value(entry.values.get(pos, MeasureValue()))
        else:
            self._rebuild_measures(entry)
        self.status.setCurrentIndex(self.status.findData(self._base_status.value if self._base_status else None))
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
        self.scroll.verticalScrollBar().setValue(0)  # another target starts at the top, not where the last was left
        self.dirty_changed.emit(False)

    def load_draft(self, entry: ProgressEntry, carried: list[Attachment] = ()) -> None:
        """Fill the fields from a draft (copy from last month) with its files (`carried`, listed until saved) and
        leave the form dirty; "Hoàn tác" still goes back to what is stored."""
        stored, clean_state, attachments, pending = self._entry, self._clean_state, self._attachments, self._pending
        self.load(replace(entry, id=stored.id), self._measures, attachments, no_result=False)
        self._entry = stored
        self._pending = pending
        held = {a.sha256 for a in attachments}
        self._carried = [Carried(a) for a in carried if a.sha256 not in held]
        self._fill_files()
        self._clean_state = clean_state
        self._status_by_hand = True  # last month's status, as chosen then; a result that calls for another says so
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
            item = QListWidgetItem(f"{att.original_name} ({size_text(att.size)})")
            item.setData(FILE_ROLE, att)
            self.files.addItem(item)
        for path in self._pending:
            item = QListWidgetItem(f"{path.name} — chưa lưu")
            item.setData(FILE_ROLE, path)
            self.files.addItem(item)
        for carried in self._carried:
            item = QListWidgetItem(f"{carried.attachment.original_name} — chép từ tháng trước, chưa lưu")
            item.setData(FILE_ROLE, carried)
            self.files.addItem(item)

    def draft(self) -> ProgressEntry:
        """The entry as the fields now say (unparseable inputs left out; validate() reports them)."""
        values = {pos: w.read()[0] for pos, w in enumerate(self._inputs)}
        values = {pos: v for pos, v in values.items() if not v.empty}
        manual = self.override.isChecked()
        status = self.status_value() or Status.CHUA_TRIEN_KHAI
        assessment = (Assessment(self.override_value.currentData()) if manual
                      else assess(self._measures, values, status))
        return replace(
            self._entry, status=status, values=values, assessment=assessment,
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
        draft = self.draft()
        too_long = text_errors(draft)
        if too_long:  # shown under the notes (the evidence line is free: this blocks saving anyway)
            self.evidence_error.setText(" ".join(e.message for e in too_long))
            self.evidence_error.setVisible(True)
        contradiction = None
        if not errors and (why := status_problem(draft.status, draft.assessment, draft.values)) is not None:
            contradiction = FieldError("status", why)  # shown beside the status, with the status that fits
        return errors + ([problem] if problem else []) + too_long + ([contradiction] if contradiction else [])

    def show_evidence_warning(self, message: str | None) -> None:
        self.evidence_error.setText(message or "")
        self.evidence_error.setVisible(bool(message))

    def pending_files(self) -> list[Path]:
        return list(self._pending)

    def attachment_count(self) -> int:
        return len(self._attachments) + len(self._pending) + len(self._carried)

    def carried_files(self) -> tuple[Attachment, ...]:
        """Last month's files a copy brought, to attach again by reference when saved."""
        return tuple(c.attachment for c in self._carried)

    def is_dirty(self) -> bool:
        return self.has_fields and self._state() != self._clean_state

    def revert(self) -> None:
        self.load(self._entry, self._measures, self._attachments)

    def set_editable(self, editable: bool) -> None:
        """A month sent (locked) or a read-only copy: nothing can change, but everything can still be read, the
        long texts scrolled and copied, and the evidence files opened (a disabled form hid them all)."""
        self._editable = editable
        if not self.has_fields:  # applied when they are made
            return
        for box in (self.evidence_notes, self.difficulties, self.causes, self.proposals):
            box.setReadOnly(not editable)
        self.override_reason.setReadOnly(not editable)
        for widget in (self.status, self.status_fix, self.override, self.add_file, self.remove_file, self.save_button,
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
                self.causes.toPlainText(), self.proposals.toPlainText(), tuple(self._pending),
                tuple(c.attachment.sha256 for c in self._carried))

    def set_attachments(self, attachments: list[Attachment]) -> None:
        """After a stored file was removed: refresh the list, keep every other edit."""
        self._attachments = list(attachments)
        self._fill_files()

    def _changed(self) -> None:
        if self._loading:
            return
        read = [w.read() for w in self._inputs]
        bad = any(error for _, error in read)
        values = {p: value for p, (value, _) in enumerate(read) if not value.empty}
        if not bad and not self._status_by_hand and self._editable:
            self._set_status(self._auto_status(values))
        status = self.status_value() or Status.CHUA_TRIEN_KHAI
        if bad:  # "Đạt" beside a rate of 1.000 %, which saving then refused
            self.auto_label.setText("Tự động: chưa đánh giá được (có kết quả chưa hợp lệ)")
        else:
            auto = assess(self._measures, values, status)
            self.auto_label.setText(f"Tự động: {auto.label}")
        self._show_status_note(values, bad)
        dirty = self.is_dirty()
        if dirty:
            self.done_label.hide()  # "Đã lưu" no longer true
        self.dirty_changed.emit(dirty)

    # -- the status and the result agree --------------------------------------------------
    def status_value(self) -> Status | None:
        """The status shown; None while a target without a result shows "Chưa có kết quả"."""
        data = self.status.currentData()
        return Status(data) if data else None

    def _set_status(self, status: Status | None) -> None:
        index = self.status.findData(status.value if status else None)
        if index != self.status.currentIndex():
            self.status.blockSignals(True)
            self.status.setCurrentIndex(index)
            self.status.blockSignals(False)

    def _auto_status(self, values: dict[int, MeasureValue]) -> Status | None:
        """Until the officer picks one: the status the result calls for ("Đang triển khai" for a figure on a target
        not started, "Hoàn thành" at the goal), "Chưa triển khai" for a target given anything else, or as loaded."""
        now, loaded = self._state(), self._clean_state
        if not loaded:  # nothing loaded yet
            return self._base_status
        if now[1] != loaded[1] and (proposal := proposed_status(self._measures, values, self._base_status)):
            return proposal  # the figures as loaded propose nothing: a stored status stays as it was saved
        if self._base_status is None and now[1:] != loaded[1:]:
            return Status.CHUA_TRIEN_KHAI  # something was entered: it is a result now
        return self._base_status

    def _status_chosen(self, _index: int) -> None:
        if not self._loading:
            self._status_by_hand = True
        self._changed()

    def _show_status_note(self, values: dict[int, MeasureValue], bad: bool) -> None:
        """Beside the status: the contradiction (red) and the status that fits, or the status the result proposes
        to an officer who chose another."""
        status = self.status_value()
        fix, text, style = None, "", NOTE_STYLE
        if status is not None and not bad:
            manual = self.override.isChecked()
            assessment = Assessment(self.override_value.currentData()) if manual else assess(self._measures, values,
                                                                                            status)
            if (why := status_problem(status, assessment, values)) is not None:
                fix, text, style = agreed_status(status, assessment, values), why, ERROR_STYLE
            elif self._status_by_hand and (fix := proposed_status(self._measures, values, status)) is not None:
                text = f"Kết quả gợi ý tình trạng “{fix.label}”."
            elif not self._status_by_hand and status is not self._base_status and self._base_status is not None:
                text = "Tình trạng đổi theo kết quả vừa nhập (chọn lại được)."
        self.status_note.setText(text)
        self.status_note.setStyleSheet(style)
        self.status_note.setVisible(bool(text))
        self.status_fix.setText(f"Đổi thành “{fix.label}”" if fix else "")
        self.status_fix.setVisible(fix is not None and self._editable)
        self._fix = fix

    def _apply_status_fix(self) -> None:
        if self._fix is not None:
            self._set_status(self._fix)
            self._status_by_hand = True
            self._changed()

    def set_office_comment(self, text: str) -> None:
        """The office's comment on this target when it returned the month ("" hides it)."""
        self.office_comment.setText(f"Nhận xét của cơ quan tổng hợp: {text}" if text else "")
        self.office_comment.setVisible(bool(text))

    def show_done(self, text: str) -> None:
        """"Đã lưu …" or "Đã chép …" under the form, beside the Save button, until the next change."""
        self.done_label.setText(text)
        self.done_label.setVisible(bool(text))

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
        if isinstance(chosen, Carried) and signal is self.open_requested:
            signal.emit(chosen.attachment)  # last month's file, in the store
        elif isinstance(chosen, Attachment) or (signal is self.open_requested and isinstance(chosen, Path)):
            signal.emit(chosen)  # a file not yet saved opens from where it was chosen

    def _remove_selected(self) -> None:
        chosen = self._selected()
        if isinstance(chosen, (Path, Carried)):
            (self._pending if isinstance(chosen, Path) else self._carried).remove(chosen)
            self._fill_files()
            self._changed()
        elif isinstance(chosen, Attachment):
            self.remove_requested.emit(chosen)
