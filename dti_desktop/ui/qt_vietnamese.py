"""Vietnamese for the words Qt itself puts on screen: right-click menus, standard buttons, print preview.

Qt ships no Vietnamese translation of its own strings (there is no qtbase_vi.qm), so without this the
right-click menu of every text box, the print preview's toolbar and the standard buttons would speak
English, on Windows too. The table maps (Qt's context, Qt's English text) to Vietnamese, for the
strings this program can show; anything else stays as Qt has it. Accelerators (&) are kept unique
within each menu. Terms follow Vietnamese Windows (Hoàn tác, Sao chép, Dán...).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

_EDIT_MENU = {
    "&Undo": "&Hoàn tác", "&Redo": "&Làm lại", "Cu&t": "Cắ&t", "&Copy": "&Sao chép", "&Paste": "&Dán",
    "Delete": "&Xóa", "Select All": "Chọn tất &cả", "Copy &Link Location": "Sao chép địa chỉ liên &kết",
}

TEXTS: dict[tuple[str, str], str] = {
    **{("QLineEdit", en): vi for en, vi in _EDIT_MENU.items()},
    **{("QWidgetTextControl", en): vi for en, vi in _EDIT_MENU.items()},
    ("QAbstractSpinBox", "&Select All"): "Chọn tất &cả",
    ("QAbstractSpinBox", "&Step up"): "&Tăng",
    ("QAbstractSpinBox", "Step &down"): "&Giảm",
    # standard buttons (message boxes, button boxes)
    ("QPlatformTheme", "OK"): "OK",
    ("QPlatformTheme", "Save"): "Lưu",
    ("QPlatformTheme", "Save All"): "Lưu tất cả",
    ("QPlatformTheme", "Open"): "Mở",
    ("QPlatformTheme", "&Yes"): "&Có",
    ("QPlatformTheme", "Yes to &All"): "Có với &tất cả",
    ("QPlatformTheme", "&No"): "&Không",
    ("QPlatformTheme", "N&o to All"): "Khô&ng với tất cả",
    ("QPlatformTheme", "Abort"): "Hủy bỏ",
    ("QPlatformTheme", "Retry"): "Thử lại",
    ("QPlatformTheme", "Ignore"): "Bỏ qua",
    ("QPlatformTheme", "Close"): "Đóng",
    ("QPlatformTheme", "Cancel"): "Hủy",
    ("QPlatformTheme", "Discard"): "Không lưu",
    ("QPlatformTheme", "Help"): "Trợ giúp",
    ("QPlatformTheme", "Apply"): "Áp dụng",
    ("QPlatformTheme", "Reset"): "Đặt lại",
    ("QPlatformTheme", "Restore Defaults"): "Khôi phục mặc định",
    ("QMessageBox", "Show Details..."): "Xem chi tiết...",
    ("QMessageBox", "Hide Details..."): "Ẩn chi tiết...",
    ("QProgressDialog", "Cancel"): "Hủy",
    ("QInputDialog", "Enter a value:"): "Nhập giá trị:",
    # print preview (Báo cáo → Xem trước và in)
    ("QPrintPreviewDialog", "Print Preview"): "Xem trước khi in",
    ("QPrintPreviewDialog", "Next page"): "Trang sau",
    ("QPrintPreviewDialog", "Previous page"): "Trang trước",
    ("QPrintPreviewDialog", "First page"): "Trang đầu",
    ("QPrintPreviewDialog", "Last page"): "Trang cuối",
    ("QPrintPreviewDialog", "Fit width"): "Vừa chiều ngang",
    ("QPrintPreviewDialog", "Fit page"): "Vừa cả trang",
    ("QPrintPreviewDialog", "Zoom in"): "Phóng to",
    ("QPrintPreviewDialog", "Zoom out"): "Thu nhỏ",
    ("QPrintPreviewDialog", "Portrait"): "Khổ dọc",
    ("QPrintPreviewDialog", "Landscape"): "Khổ ngang",
    ("QPrintPreviewDialog", "Show single page"): "Xem từng trang",
    ("QPrintPreviewDialog", "Show facing pages"): "Xem hai trang cạnh nhau",
    ("QPrintPreviewDialog", "Show overview of all pages"): "Xem tất cả các trang",
    ("QPrintPreviewDialog", "Print"): "In",
    ("QPrintPreviewDialog", "Page setup"): "Thiết lập trang",
    ("QPrintPreviewDialog", "Export to PDF"): "Xuất ra PDF",
    # scroll bars' right-click menu
    ("QScrollBar", "Scroll here"): "Cuộn tới đây",
    ("QScrollBar", "Left edge"): "Mép trái",
    ("QScrollBar", "Top"): "Đầu",
    ("QScrollBar", "Right edge"): "Mép phải",
    ("QScrollBar", "Bottom"): "Cuối",
    ("QScrollBar", "Page left"): "Sang trái một trang",
    ("QScrollBar", "Page up"): "Lên một trang",
    ("QScrollBar", "Page right"): "Sang phải một trang",
    ("QScrollBar", "Page down"): "Xuống một trang",
    ("QScrollBar", "Scroll left"): "Cuộn sang trái",
    ("QScrollBar", "Scroll up"): "Cuộn lên",
    ("QScrollBar", "Scroll right"): "Cuộn sang phải",
    ("QScrollBar", "Scroll down"): "Cuộn xuống",
    # Qt's own file dialog (Linux without a desktop portal; Windows uses its own, in the system's language)
    ("QFileDialog", "&Look in:"): "&Tìm trong:",
    ("QFileDialog", "File &name:"): "&Tên tệp:",
    ("QFileDialog", "Files of &type:"): "&Loại tệp:",
    ("QFileDialog", "&Open"): "&Mở",
    ("QFileDialog", "Open"): "Mở",
    ("QFileDialog", "&Save"): "&Lưu",
    ("QFileDialog", "Save As"): "Lưu thành",
    ("QFileDialog", "&Choose"): "&Chọn",
    ("QFileDialog", "Find Directory"): "Chọn thư mục",
    ("QFileDialog", "Directory:"): "Thư mục:",
    ("QFileDialog", "Directories"): "Thư mục",  # the type shown when choosing a folder (where to send a package)
    ("QFileDialog", "All Files (*)"): "Tất cả tệp (*)",
    ("QFileDialog", "Back"): "Quay lại",
    ("QFileDialog", "Forward"): "Tiến tới",
    ("QFileDialog", "Parent Directory"): "Thư mục cha",
    ("QFileDialog", "Go back"): "Quay lại",
    ("QFileDialog", "Go forward"): "Tiến tới",
    ("QFileDialog", "Go to the parent directory"): "Lên thư mục cha",
    ("QFileDialog", "Create New Folder"): "Tạo thư mục mới",
    ("QFileDialog", "Create a New Folder"): "Tạo thư mục mới",
    ("QFileDialog", "New Folder"): "Thư mục mới",
    ("QFileDialog", "&New Folder"): "Thư mục &mới",
    ("QFileDialog", "&Delete"): "&Xóa",
    ("QFileDialog", "&Rename"): "Đổi &tên",
    ("QFileDialog", "Show &hidden files"): "Hiện tệp ẩ&n",
    ("QFileDialog", "List View"): "Dạng danh sách",
    ("QFileDialog", "Detail View"): "Dạng chi tiết",
    ("QFileDialog", "Change to list view mode"): "Xem dạng danh sách",
    ("QFileDialog", "Change to detail view mode"): "Xem dạng chi tiết",
    ("QFileDialog", "Sidebar"): "Thanh bên",
    ("QFileDialog", "List of places and bookmarks"): "Các vị trí và dấu trang",
    ("QFileDialog", "Files"): "Tệp",
    # its questions and warnings (saving a report again under the name it proposes asks the first)
    ("QFileDialog", "%1 already exists.\nDo you want to replace it?"):
        "Tệp %1 đã có.\nBạn có muốn thay thế tệp này không?",
    ("QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given."):
        "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp.",
    ("QFileDialog", "%1\nDirectory not found.\nPlease verify the correct directory name was given."):
        "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục.",
    ("QFileDialog", "'%1' is write protected.\nDo you want to delete it anyway?"):
        "“%1” đang được chống ghi.\nVẫn xóa?",
    ("QFileDialog", "Are you sure you want to delete '%1'?"): "Bạn có chắc muốn xóa “%1”?",
    ("QFileSystemModel", "Name"): "Tên",
    ("QFileSystemModel", "Size"): "Kích thước",
    ("QFileSystemModel", "Type"): "Loại",
    ("QFileSystemModel", "Date Modified"): "Ngày sửa",
    ("QFileSystemModel", "Computer"): "Máy tính",
    ("QFileSystemModel", "My Computer"): "Máy tính",
    ("QAbstractFileIconProvider", "Folder"): "Thư mục",
    ("QAbstractFileIconProvider", "File"): "Tệp",
    ("QAbstractFileIconProvider", "Drive"): "Ổ đĩa",
}


class QtVietnamese(QTranslator):
    """Answers Qt's own tr() calls from TEXTS; None (no translation) for anything else."""

    def translate(self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1):
        return TEXTS.get((context, source_text))

    def isEmpty(self) -> bool:
        return False


def install(app: QCoreApplication) -> None:
    """Installs the translation once per application (kept on it: Qt holds only a pointer)."""
    if getattr(app, "_dti_qt_vietnamese", None) is None:
        app._dti_qt_vietnamese = QtVietnamese(app)
        app.installTranslator(app._dti_qt_vietnamese)
