"""Every message box, file dialog and "open with the system" goes through here, so tests can replace them."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the dialog classes are loaded on first use (start-up time)
    from PySide6.QtWidgets import QMessageBox, QWidget

XLSX_FILTER = "Bảng tính Excel (*.xlsx)"
ANNEX_FILTER = ("Phụ lục kế hoạch (*.xlsx *.xlsm *.xls *.ods *.docx *.pdf *.XLSX *.XLS *.DOCX *.PDF);;"
                "Tất cả tệp (*)")
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
log = logging.getLogger("dti_desktop")


def _box(icon, title: str, text: str, parent: QWidget | None) -> QMessageBox:
    """Every box shows its text as written: it may hold a package's reason or a workbook's words, which Qt would
    otherwise render as HTML when they look like it (ui/plain.py)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def info(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = _box(QMessageBox.Icon.Information, title, text, parent)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def error(parent: QWidget | None, title: str, text: str) -> None:
    """A warning box; what it says is logged too (what the officer was told, for whoever supports them)."""
    from PySide6.QtWidgets import QMessageBox

    log.warning("%s: %s", title, text)

    box = _box(QMessageBox.Icon.Warning, title, text, parent)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "Đồng ý") -> bool:
    from PySide6.QtWidgets import QMessageBox

    box = _box(QMessageBox.Icon.Question, title, text, parent)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is ok


def ask_unsaved(parent: QWidget | None) -> str:
    """SAVE, DISCARD or CANCEL for an entry with unsaved changes."""
    from PySide6.QtWidgets import QMessageBox

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
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return path or None


def open_files(parent: QWidget | None, title: str) -> list[str]:
    from PySide6.QtWidgets import QFileDialog

    paths, _ = QFileDialog.getOpenFileNames(parent, title, "", "Tất cả tệp (*)")
    return paths


def save_file(parent: QWidget | None, title: str, suggested: str, file_filter: str = XLSX_FILTER) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None


def open_path(path: Path) -> bool:
    """Open a file or folder with the system's viewer (only ever on the user's click), in the session's own
    environment: not this program's caches and font configuration."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from ..paths import session_environment

    with session_environment():
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def choose_folder(parent: QWidget | None, title: str, start: str = "") -> str | None:
    """A folder; `start`: where the dialog opens (the folder used last time, so a monthly send is one click)."""
    from PySide6.QtWidgets import QFileDialog

    path = QFileDialog.getExistingDirectory(parent, title, start)
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
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    # the name a printer's queue shows, and the file "In ra tệp (PDF)" offers where there is no printer: a "/" in
    # "Tháng 05/2025" made that a folder that does not exist
    printer.setDocName(title.replace("/", "-"))
    if not QPrinterInfo.availablePrinterNames():  # no printer: "In" writes the PDF, named for the report, to Documents
        from PySide6.QtCore import QStandardPaths

        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or ".")
        printer.setOutputFileName(str((folder if folder.is_dir() else Path.home()) / f"{printer.docName()}.pdf"))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Xem trước khi in — {title}")
    dialog.paintRequested.connect(paint)
    screen = (parent.screen() if parent is not None else None) or dialog.screen()
    room = screen.availableGeometry()
    if room.width() < 1040 or room.height() < 800:  # a small or scaled screen: all of it
        from PySide6.QtCore import Qt

        # shown by exec() below: shown here first (showMaximized), the preview was not modal, the window behind it
        # went on taking clicks
        dialog.setWindowState(dialog.windowState() | Qt.WindowState.WindowMaximized)
        dialog.setGeometry(room)  # where no window manager maximizes it (a bare X server), all of it still
    else:
        dialog.resize(1000, 760)
    dialog.exec()


RAISE_FIRST, READ_ONLY, QUIT = "raise", "read_only", "quit"


def ask_second_instance(parent: QWidget | None, folder: Path) -> str:
    """Another copy has this data folder open: bring it forward, open read-only, or quit."""
    from PySide6.QtWidgets import QMessageBox

    box = _box(QMessageBox.Icon.Warning, "DTI Desktop đang mở",
               f"Dữ liệu ở {folder} đang được một cửa sổ DTI Desktop khác sử dụng.\n"
               "Chỉ một cửa sổ được ghi dữ liệu để tránh mất mát.", parent)
    raise_button = box.addButton("Chuyển sang cửa sổ đang mở", QMessageBox.ButtonRole.AcceptRole)
    read_only = box.addButton("Mở chỉ để xem", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Thoát", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(raise_button)
    box.exec()
    clicked = box.clickedButton()
    return RAISE_FIRST if clicked is raise_button else READ_ONLY if clicked is read_only else QUIT


def choose_backup(parent: QWidget | None, backups) -> str | None:
    """Pick a backup by name (newest first); None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    labels = [f"{b.name}  ({b.created:%d/%m/%Y %H:%M}, {b.size / 1024 / 1024:.1f} MB)".replace(".", ",", 1)
              for b in backups]
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Khôi phục từ bản sao lưu")
    dialog.setLabelText("Chọn bản sao lưu:")
    dialog.setComboBoxItems(labels)
    dialog.setOkButtonText("Chọn")
    dialog.setCancelButtonText("Hủy")
    if dialog.exec():
        return backups[labels.index(dialog.textValue())].name
    return None


def error_text(error: BaseException) -> str:
    """What to tell the user: a known error's Vietnamese text (services/errors.py); a bug is logged with its
    traceback and told as unexpected, naming the log."""
    from ..services.errors import known_text

    text = known_text(error)
    if text is None:
        from .error_log import unexpected

        text = unexpected(error)
    return text


def run_dialog(dialog) -> bool:
    """Show a modal dialog; True when accepted. One seam, so tests answer it instead of a blocking exec()."""
    return bool(dialog.exec())
