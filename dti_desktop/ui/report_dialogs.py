"""Dialogs of a report's own content: the register of documents issued, and the officer's texts for a period.

Data in, a result out; they save nothing (the window saves what result() returns through the services)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.issued_docs import KIND_NAMES, DocumentError, IssuedDocument, checked, count_text
from ..domain.report_texts import ReportTexts, group_key

BY_NUMBER = "(theo số, ký hiệu)"


@dataclass
class RegisterChanges:
    """What the officer did in the register dialog, for the window to save: new documents, documents edited (with
    their id), ids removed."""

    added: list[IssuedDocument] = field(default_factory=list)
    edited: list[IssuedDocument] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.edited or self.removed)


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet("color: #b00020")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class DocumentRegisterDialog(QDialog):
    """Sổ văn bản đã ban hành: the documents of a year, one added, changed or removed at a time."""

    def __init__(self, documents: list[IssuedDocument], year: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Sổ văn bản đã ban hành năm {year}")
        self._docs = list(documents)
        self._changes = RegisterChanges()
        self._editing: int | None = None  # row being edited
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Số, ký hiệu", "Ngày ban hành", "Loại", "Trích yếu"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._selected)
        self.count = QLabel()
        self.number = QLineEdit()
        self.number.setPlaceholderText("ví dụ 36/KH-UBND")
        self.issued_on = QDateEdit(QDate(year, 1, 1) if year != date.today().year else QDate.currentDate())
        self.issued_on.setDisplayFormat("dd/MM/yyyy")
        self.issued_on.setCalendarPopup(True)
        self.kind = QComboBox()
        self.kind.addItems([BY_NUMBER, *KIND_NAMES])
        self.abstract = QLineEdit()
        self.abstract.setPlaceholderText("ví dụ: về chuyển đổi số năm 2025")
        self.error = _error_label()
        form = QFormLayout()
        form.addRow("Số, ký hiệu:", self.number)
        form.addRow("Ngày ban hành:", self.issued_on)
        form.addRow("Loại văn bản:", self.kind)
        form.addRow("Trích yếu:", self.abstract)
        self.add_button = QPushButton("Thêm vào sổ")
        self.add_button.clicked.connect(self.add_or_save)
        self.remove_button = QPushButton("Bỏ khỏi sổ")
        self.remove_button.clicked.connect(self.remove_selected)
        self.new_button = QPushButton("Văn bản mới")
        self.new_button.clicked.connect(self._clear)
        row = QHBoxLayout()
        for b in (self.add_button, self.new_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Lưu sổ")
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Văn bản đơn vị đã ban hành để chỉ đạo, triển khai chuyển đổi số: được liệt kê và đếm "
                                "theo loại ở mục “Công tác lãnh đạo, chỉ đạo” của báo cáo kỳ có văn bản."))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(row)
        layout.addWidget(box)
        self.resize(900, 560)
        self._fill()
        self._clear()

    def _fill(self) -> None:
        self._docs.sort(key=lambda d: (d.issued_on, d.number))
        self.table.setRowCount(len(self._docs))
        for r, d in enumerate(self._docs):
            for c, text in enumerate((d.number, f"{d.issued_on:%d/%m/%Y}", d.kind, d.abstract)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.count.setText(f"Tổng số: {len(self._docs)} văn bản" + (f" ({count_text(self._docs)})" if self._docs else ""))

    def _clear(self) -> None:
        self._editing = None
        self.table.clearSelection()
        self.number.clear()
        self.abstract.clear()
        self.kind.setCurrentIndex(0)
        self.error.clear()
        self.add_button.setText("Thêm vào sổ")
        self.remove_button.setEnabled(False)

    def _selected(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return
        self._editing = rows.pop()
        d = self._docs[self._editing]
        self.number.setText(d.number)
        self.issued_on.setDate(QDate(d.issued_on.year, d.issued_on.month, d.issued_on.day))
        self.kind.setCurrentText(d.kind)
        self.abstract.setText(d.abstract)
        self.add_button.setText("Lưu sửa đổi")
        self.remove_button.setEnabled(True)
        self.error.clear()

    def _typed(self, doc_id: int | None) -> IssuedDocument:
        q = self.issued_on.date()
        kind = "" if self.kind.currentText() == BY_NUMBER else self.kind.currentText()
        return checked(self.number.text(), date(q.year(), q.month(), q.day()), kind, self.abstract.text(), doc_id)

    def add_or_save(self) -> bool:
        """Add the typed document (or save the one selected); its problem shown beside the fields."""
        old = self._docs[self._editing] if self._editing is not None else None
        try:
            doc = self._typed(old.id if old else None)
        except DocumentError as error:
            self.error.setText(str(error))
            return False
        if any(d is not old and (d.number, d.issued_on) == (doc.number, doc.issued_on) for d in self._docs):
            self.error.setText(f"Văn bản số {doc.number} ngày {doc.issued_on:%d/%m/%Y} đã có trong sổ.")
            return False
        if old is None:
            self._docs.append(doc)
            self._changes.added.append(doc)
        else:
            self._docs[self._editing] = doc
            if old.id is None:  # added in this dialog: still an addition
                self._changes.added[self._changes.added.index(old)] = doc
            else:
                self._changes.edited = [d for d in self._changes.edited if d.id != doc.id] + [doc]
        self._fill()
        self._clear()
        return True

    def remove_selected(self) -> None:
        if self._editing is None:
            return
        doc = self._docs.pop(self._editing)
        if doc.id is None:
            self._changes.added.remove(doc)
        else:
            self._changes.edited = [d for d in self._changes.edited if d.id != doc.id]
            self._changes.removed.append(doc.id)
        self._fill()
        self._clear()

    def accept(self) -> None:
        """A document typed but not yet added is added first (its problem keeps the dialog open)."""
        if self.number.text().strip() and self._editing is None and not self.add_or_save():
            return
        super().accept()

    def result_changes(self) -> RegisterChanges:
        return self._changes


class ReportTextsDialog(QDialog):
    """What the officer writes into one report: assessment, the next period's tasks per group, the proposals."""

    INTRO = ("Phần để trống không đưa vào báo cáo; khi để trống, tồn tại, nguyên nhân và đề xuất lấy từ kết quả các "
             "chỉ tiêu trong kỳ.")
    TASKS_HINT = "Để trống cả phần này: báo cáo nêu các chỉ tiêu chưa hoàn thành của từng nhóm."
    LEADERSHIP = True  # the unit's report opens with Công tác lãnh đạo, chỉ đạo

    def __init__(self, title: str, texts: ReportTexts, groups: list[str], note: str = "", addressee: str = "",
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._result: ReportTexts | None = None
        self._start = texts
        self._groups = groups
        self.edits: dict[str, QPlainTextEdit] = {}
        tabs = QTabWidget()
        tabs.addTab(self._page([("uu_diem", "1. Ưu điểm"), ("ton_tai", "2. Tồn tại, hạn chế"),
                                ("nguyen_nhan", "3. Nguyên nhân")], texts), "Đánh giá chung")
        self.task_edits: dict[str, QPlainTextEdit] = {}
        tabs.addTab(self._tasks_page(texts), "Nhiệm vụ kỳ tới")
        self.addressee = QLineEdit(texts.de_xuat_gui)
        self.addressee.setPlaceholderText(addressee or "cơ quan nhận kiến nghị")
        proposals = self._page([("de_xuat", "Mỗi dòng một đề xuất, kiến nghị (được đánh số 1, 2, 3…; dòng không mở đầu "
                                             "bằng “Đề nghị…” được gửi tới cơ quan dưới đây)")], texts)
        proposals.layout().addWidget(QLabel("Gửi tới:"))
        proposals.layout().addWidget(self.addressee)
        tabs.addTab(proposals, "Đề xuất, kiến nghị")
        if self.LEADERSHIP:
            tabs.addTab(self._page([("lanh_dao", "Thêm vào mục “Công tác lãnh đạo, chỉ đạo” (sau danh sách văn bản "
                                                 "trong sổ)")], texts), "Lãnh đạo, chỉ đạo")
        self.tabs = tabs
        intro = QLabel(self.INTRO + (f"\n{note}" if note else ""))
        intro.setWordWrap(True)
        self.error = _error_label()
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Lưu")
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(box)
        self.resize(860, 600)

    def _page(self, fields: list[tuple[str, str]], texts: ReportTexts) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        for name, label in fields:
            caption = QLabel(label)
            caption.setWordWrap(True)
            edit = QPlainTextEdit(getattr(texts, name))
            self.edits[name] = edit
            layout.addWidget(caption)
            layout.addWidget(edit, 1)
        return page

    def _tasks_page(self, texts: ReportTexts) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        general = QPlainTextEdit(texts.nhiem_vu)
        self.edits["nhiem_vu"] = general
        layout.addWidget(QLabel("Nhiệm vụ, giải pháp chung:"))
        layout.addWidget(general, 1)
        for title in self._groups:
            edit = QPlainTextEdit(texts.tasks.get(group_key(title), ""))
            edit.setMaximumHeight(70)
            self.task_edits[title] = edit
            caption = QLabel(f"{title}:")
            caption.setWordWrap(True)
            layout.addWidget(caption)
            layout.addWidget(edit)
        hint = QLabel(self.TASKS_HINT)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        return page

    def accept(self) -> None:
        # a text the dialog does not show (the office's has no leadership tab) is kept as it was
        texts = replace(self._start, **{name: edit.toPlainText() for name, edit in self.edits.items()},
                        tasks={group_key(t): e.toPlainText() for t, e in self.task_edits.items()})
        try:
            self._result = replace(texts, de_xuat_gui=self.addressee.text()).tidy()
        except ValueError as error:
            self.error.setText(str(error))
            return
        super().accept()

    def result_texts(self) -> ReportTexts | None:
        return self._result


class OfficeReportTextsDialog(ReportTextsDialog):
    """The consolidating office's own words in its report of the units: its assessment, its tasks for next month,
    its proposals to the body above it. What the units wrote is gathered by the report itself."""

    INTRO = ("Nội dung của chính cơ quan tổng hợp trong báo cáo tổng hợp các đơn vị. Phần để trống không đưa vào báo "
             "cáo; khó khăn, vướng mắc và đề xuất của các đơn vị vẫn được tổng hợp ở mục riêng.")
    TASKS_HINT = "Để trống cả phần này: báo cáo không có mục nhiệm vụ, giải pháp."
    LEADERSHIP = False
