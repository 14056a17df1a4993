"""Every message box and file dialog goes through here, so tests can replace them."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

XLSX_FILTER = "Bảng tính Excel (*.xlsx)"


def info(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
    box.exec()


def error(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
    box.exec()


def open_file(parent: QWidget | None, title: str, file_filter: str = XLSX_FILTER) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return path or None


def save_file(parent: QWidget | None, title: str, suggested: str, file_filter: str = XLSX_FILTER) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None
