"""Every message box, file dialog and "open with the system" goes through here, so tests can replace them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

XLSX_FILTER = "Bảng tính Excel (*.xlsx)"
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def _box(icon, title: str, text: str, parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    return box


def info(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(QMessageBox.Icon.Information, title, text, parent)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def error(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(QMessageBox.Icon.Warning, title, text, parent)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "Đồng ý") -> bool:
    box = _box(QMessageBox.Icon.Question, title, text, parent)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is ok


def ask_unsaved(parent: QWidget | None) -> str:
    """SAVE, DISCARD or CANCEL for an entry with unsaved changes."""
    box = _box(QMessageBox.Icon.Question, "Chưa lưu thay đổi",
               "Kết quả của chỉ tiêu đang sửa chưa được lưu. Lưu lại trước khi chuyển?", parent)
    save = box.addButton("Lưu", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Không lưu", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(save)
    box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else CANCEL


def open_file(parent: QWidget | None, title: str, file_filter: str = XLSX_FILTER) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return path or None


def open_files(parent: QWidget | None, title: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, "", "Tất cả tệp (*)")
    return paths


def save_file(parent: QWidget | None, title: str, suggested: str, file_filter: str = XLSX_FILTER) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None


def open_path(path: Path) -> bool:
    """Open a file or folder with the system's viewer (only ever on the user's click)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def choose_folder(parent: QWidget | None, title: str) -> str | None:
    path = QFileDialog.getExistingDirectory(parent, title)
    return path or None


def ask_text(parent: QWidget | None, title: str, label: str) -> str | None:
    """One line of text (e.g. the reason to reopen a period); None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOkButtonText("Đồng ý")
    dialog.setCancelButtonText("Hủy")
    if dialog.exec():
        return dialog.textValue().strip()
    return None


PDF_FILTER = "Tệp PDF (*.pdf)"


def print_preview(parent: QWidget | None, title: str, paint) -> None:
    """Qt's print preview (with its Print button); `paint(printer)` draws the pages."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Xem trước khi in — {title}")
    dialog.paintRequested.connect(paint)
    dialog.resize(1000, 760)
    dialog.exec()
