"""Signing keys in the window: this computer's key (Công cụ → Khóa ký của máy này…) and the keys the office pinned
for its units (Tổng hợp → Khóa các đơn vị…). The dialogs show data and return the officer's choice; the window
does the work through services.trust."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

EXPORT, HANDOVER, OFFICE, IMPORT, REPIN = "export", "handover", "office", "import", "repin"


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names come from files: never rendered as HTML
    label.setWordWrap(True)
    return label


class _ChoiceDialog(QDialog):
    """A dialog whose buttons each close it with a choice (`choice()`; None when closed)."""

    def __init__(self, title: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._choice: str | None = None
        self.layout_ = QVBoxLayout(self)
        self.buttons = QHBoxLayout()

    def add_choice(self, text: str, choice: str) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: self.choose(choice))
        self.buttons.addWidget(button)
        return button

    def finish(self) -> None:
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close.rejected.connect(self.reject)
        self.buttons.addStretch(1)
        self.buttons.addWidget(close)
        self.layout_.addLayout(self.buttons)

    def choose(self, choice: str) -> None:
        self._choice = choice
        self.accept()

    def choice(self) -> str | None:
        return self._choice


class OwnKeyDialog(_ChoiceDialog):
    """This computer's key: its fingerprint to read out by phone, the office keys pinned here, what to do."""

    def __init__(self, fingerprint: str, office_keys: list[tuple[str, str]], parent=None) -> None:
        super().__init__("Khóa ký của máy này", parent)
        self.fingerprint = _label(f"Mã nhận dạng: {fingerprint}")
        font = self.fingerprint.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.fingerprint.setFont(font)
        self.layout_.addWidget(_label("Mọi gói báo cáo gửi đi đều được ký bằng khóa riêng của máy này (tệp khoa-ky.json "
                                      "trong thư mục dữ liệu, có trong bản sao lưu). Cơ quan tổng hợp ghi nhận khóa ở "
                                      "gói đầu tiên: hãy đọc mã nhận dạng dưới đây qua điện thoại để cơ quan đối chiếu."))
        self.layout_.addWidget(self.fingerprint)
        offices = "\n".join(f"{name}: {fp}" for name, fp in office_keys) or "chưa có"
        self.offices = _label(f"Khóa đã ghi nhận của cơ quan tổng hợp (kiểm chữ ký tệp danh mục): {offices}")
        self.layout_.addWidget(self.offices)
        self.add_choice("Xuất tệp đăng ký khóa…", EXPORT)
        self.add_choice("Bàn giao sang máy mới…", HANDOVER)
        self.add_choice("Nhận khóa của cơ quan tổng hợp…", OFFICE)
        self.finish()


class UnitKeysDialog(_ChoiceDialog):
    """The office's units with the fingerprint pinned for each, and every pin, hand-over and re-pin."""

    COL_UNIT, COL_FINGERPRINT, COL_HOW, COL_DATE = range(4)

    def __init__(self, rows, history: list[str], parent=None) -> None:
        super().__init__("Khóa ký của các đơn vị", parent)
        self.rows = list(rows)
        self.layout_.addWidget(_label("Khóa của mỗi đơn vị được ghi nhận ở gói có chữ ký đầu tiên (hoặc từ tệp đăng ký "
                                      "khóa); gói mang tên đơn vị mà ký bằng khóa khác bị từ chối. Gọi điện đối chiếu "
                                      "mã nhận dạng với đơn vị."))
        self.table = QTableWidget(len(self.rows), 4)
        self.table.setHorizontalHeaderLabels(["Đơn vị", "Mã nhận dạng", "Ghi nhận theo", "Ngày"])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        for r, row in enumerate(self.rows):
            for c, value in enumerate((row.unit, row.fingerprint, row.how, row.pinned_at)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.layout_.addWidget(self.table, 2)
        self.history = QPlainTextEdit("\n".join(history) or "Chưa có.")
        self.history.setReadOnly(True)
        self.layout_.addWidget(_label("Lịch sử ghi nhận, bàn giao, ghim lại:"))
        self.layout_.addWidget(self.history, 1)
        self.add_choice("Nhận tệp đăng ký hoặc bàn giao khóa…", IMPORT)
        self.repin_button = self.add_choice("Ghim lại khóa của đơn vị đã chọn…", REPIN)
        self.finish()
        self.resize(820, 520)

    def selected_unit(self):
        """The row chosen (a UnitKeyRow), or None."""
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None


KEY_FILTER = "Tệp đăng ký, bàn giao khóa (*.dtikhoa);;Mọi tệp (*)"
REPIN_FILTER = "Gói báo cáo hoặc tệp đăng ký khóa (*.dtipkg *.dtikhoa);;Mọi tệp (*)"


def show_own_key(parent, db) -> None:
    """Công cụ → Khóa ký của máy này…: the fingerprint, and export, hand-over or the office's key on request."""
    from pathlib import Path

    from ..services import trust
    from . import messages
    from .messages import error_text

    try:
        fingerprint = trust.own_key(db).fingerprint
        offices = [(k.name, trust.fingerprint(k.public_key)) for k in trust.key_store.office_keys(db)]
    except Exception as error:  # noqa: BLE001 — StorageError (a damaged key file), OSError: told in Vietnamese
        messages.error(parent, "Khóa ký của máy này", error_text(error))
        return
    dialog = OwnKeyDialog(fingerprint, offices, parent)
    if not messages.run_dialog(dialog):
        return
    try:
        if dialog.choice() == EXPORT:
            path = messages.save_file(parent, "Xuất tệp đăng ký khóa", "dang-ky-khoa.dtikhoa", KEY_FILTER)
            if path:
                written, fp = trust.export_enrolment(db, Path(path))
                messages.info(parent, "Đã xuất tệp đăng ký khóa",
                              f"Đã ghi {written} (mã nhận dạng {fp}). Gửi tệp này cho cơ quan tổng hợp.")
        elif dialog.choice() == HANDOVER:
            source = messages.open_file(parent, "Chọn tệp đăng ký khóa xuất trên máy mới", KEY_FILTER)
            target = source and messages.save_file(parent, "Ghi tệp bàn giao khóa", "ban-giao-khoa.dtikhoa", KEY_FILTER)
            if source and target:
                written, fp = trust.export_handover(db, Path(source), Path(target))
                messages.info(parent, "Đã lập tệp bàn giao", f"Đã ghi {written}: khóa chuyển cho máy mới (mã nhận dạng "
                                                             f"{fp}). Gửi tệp này cho cơ quan tổng hợp.")
        elif dialog.choice() == OFFICE:
            source = messages.open_file(parent, "Chọn tệp đăng ký khóa của cơ quan tổng hợp", KEY_FILTER)
            if source:
                messages.info(parent, "Khóa của cơ quan tổng hợp", trust.import_office_key(db, Path(source)))
    except Exception as error:  # noqa: BLE001 — ValueError, StorageError, OSError: said, nothing half-done
        messages.error(parent, "Không thực hiện được", error_text(error))


def manage_unit_keys(parent, db) -> bool:
    """Tổng hợp → Khóa các đơn vị…: the pinned keys; an enrolment or hand-over file taken, or a re-pin with its
    reason. True when something changed."""
    from pathlib import Path

    from ..services import trust
    from . import messages
    from .messages import error_text

    dialog = UnitKeysDialog(trust.unit_keys(db), trust.history_lines(db), parent)
    if not messages.run_dialog(dialog):
        return False
    try:
        if dialog.choice() == IMPORT:
            source = messages.open_file(parent, "Chọn tệp đăng ký hoặc bàn giao khóa của đơn vị", KEY_FILTER)
            if source:
                messages.info(parent, "Khóa của đơn vị", trust.import_key_file(db, Path(source)))
                return True
        elif dialog.choice() == REPIN:
            row = dialog.selected_unit()
            if row is None:
                messages.info(parent, "Ghim lại khóa", "Hãy chọn một đơn vị trong danh sách.")
                return False
            reason = messages.ask_text(parent, f"Ghim lại khóa của {row.unit}",
                                       "Lý do (ví dụ: máy cũ hỏng; đã gọi điện đối chiếu mã nhận dạng):")
            if not reason:
                return False
            source = messages.open_file(parent, "Gói báo cáo hoặc tệp đăng ký mang khóa mới (Hủy: chỉ bỏ khóa cũ)",
                                        REPIN_FILTER)
            messages.info(parent, "Ghim lại khóa", trust.repin(db, row.unit_id, reason, Path(source) if source else None))
            return True
    except Exception as error:  # noqa: BLE001 — ValueError, StorageError, PackageError: said, nothing changed
        messages.error(parent, "Không thực hiện được", error_text(error))
    return False
