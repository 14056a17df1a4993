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
