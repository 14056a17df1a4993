"""Qt's own words on screen are Vietnamese: right-click menus, standard buttons, the print preview."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QTextEdit

from dti_desktop.ui.app import make_app
from dti_desktop.ui.qt_vietnamese import TEXTS


def menu_texts(widget) -> list[str]:
    menu = widget.createStandardContextMenu()
    try:
        return [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]  # without the shortcut
    finally:
        menu.deleteLater()


def test_text_boxes_right_click_menu(qtbot):
    make_app()
    line, text = QLineEdit("Mạo Khê"), QTextEdit("Mạo Khê")
    qtbot.addWidget(line)
    qtbot.addWidget(text)
    for widget in (line, text):
        texts = menu_texts(widget)
        assert {"&Hoàn tác", "&Làm lại", "Cắ&t", "&Sao chép", "&Dán", "&Xóa", "Chọn tất &cả"} <= set(texts), texts
        assert not {"&Undo", "&Copy", "&Paste", "Select All"} & set(texts)


def test_standard_buttons_and_print_preview(qtbot):
    from PySide6.QtGui import QAction
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    make_app()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(["Lưu", "Hủy", "&Có", "&Không"])
    printer = QPrinter()
    preview = QPrintPreviewDialog(printer)
    qtbot.addWidget(preview)
    actions = {a.text() for a in preview.findChildren(QAction)}
    assert {"Phóng to", "Thu nhỏ", "Trang sau", "Khổ ngang", "In", "Thiết lập trang"} <= actions, actions


def test_accelerators_unique_within_the_edit_menu():
    keys = [vi[vi.index("&") + 1].lower() for (ctx, _), vi in TEXTS.items() if ctx == "QLineEdit" and "&" in vi]
    assert len(keys) == len(set(keys))


def test_qt_file_dialog_choosing_a_folder_names_its_type_in_vietnamese(qtbot):
    """Where Qt draws its own file dialog (Linux without a desktop's dialogs), choosing the folder a package is sent to
    showed "Loại tệp: Directories"."""
    from PySide6.QtWidgets import QComboBox, QFileDialog

    make_app()
    dialog = QFileDialog(None, "Chọn nơi lưu gói báo cáo")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    qtbot.addWidget(dialog)
    types = dialog.findChild(QComboBox, "fileTypeCombo")
    assert [types.itemText(i) for i in range(types.count())] == ["Thư mục"]


def test_qt_file_dialog_asks_in_vietnamese_before_replacing_a_file(qtbot, tmp_path):
    """Saving the month's report again under the name the window proposes: Qt's own save dialog asked "… already
    exists. Do you want to replace it?" in English, above Vietnamese buttons."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

    make_app()
    (tmp_path / "bao-cao-thang-03-2025.pdf").write_bytes(b"%PDF-1.4")
    dialog = QFileDialog(None, "Lưu báo cáo tháng ra PDF", str(tmp_path), "Tệp PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.findChild(QLineEdit, "fileNameEdit").setText("bao-cao-thang-03-2025.pdf")
    asked = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append(box.text())
            box.reject()  # "Không": nothing replaced
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    dialog.accept()  # the question is modal: answered from the timer
    assert asked == ["Tệp bao-cao-thang-03-2025.pdf đã có.\nBạn có muốn thay thế tệp này không?"]
    assert dialog.isVisible()  # not replaced: the officer picks another name
