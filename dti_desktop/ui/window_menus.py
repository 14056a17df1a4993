"""The window's menus and toolbar: each action made once, kept as the window's attribute (save_action,
preview_actions[kind], …), its slot the window's method of that area."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from . import print_actions


def build(window) -> None:
    """The menus (Tệp, Báo cáo, Công cụ, Trợ giúp) and the toolbar; the actions are the window's attributes."""
    from .month_round import MonthRound

    window.round = MonthRound(window)  # copy the whole month, the checklist, F8
    file_menu = window.menuBar().addMenu("&Tệp")
    window.save_action = window._action("&Lưu kết quả", window.save_entry, QKeySequence.StandardKey.Save)
    window.import_action = window._action("&Nhập danh mục (Excel, Word, PDF)…", window.import_catalogue, "Ctrl+O")
    window.export_action = window._action("&Xuất danh mục ra Excel…", window.export_catalogue, "Ctrl+E")
    window.data_folder_action = window._action("Mở &thư mục dữ liệu", window.open_data_folder)
    for action in (window.save_action, window.round.next_action, window.import_action, window.export_action):
        file_menu.addAction(action)
    window.new_year_action = window._action("&Lập danh mục năm mới từ danh mục này…", window.new_year_catalogue)
    window.edit_catalogue_action = window._action("Soạn, sửa &danh mục chỉ tiêu", window.show_annex_editor)
    file_menu.addAction(window.new_year_action)
    file_menu.addAction(window.edit_catalogue_action)
    file_menu.addAction(window.data_folder_action)
    file_menu.addSeparator()
    file_menu.addAction(window._action("T&hoát", window.close, "Ctrl+Q"))
    report = window.menuBar().addMenu("&Báo cáo")
    window.export_package_action = window._action("&Gửi báo cáo tháng (xuất gói)…", window.export_package,
                                                  "Ctrl+Shift+E")
    window.reopen_action = window._action("&Mở lại kỳ đã gửi…", window.reopen_period)
    for action in (window.round.copy_action, window.round.undo_action, None, window.round.check_action):
        report.addAction(action) if action else report.addSeparator()
    report.addAction(window.export_package_action)
    report.addAction(window.reopen_action)
    from .answer_actions import AnswerActions  # the office's answer taken in: menu, drop, returned month

    window.answers = AnswerActions(window, report)
    report.addSeparator()
    print_actions.add_menus(window, report)  # preview and PDF, one action per report kind
    from .report_actions import add_to_menu  # Word files, the report's texts, the register (issue 20)

    add_to_menu(window, report)
    toolbar = window.addToolBar("Thao tác")
    toolbar.setObjectName("main-toolbar")
    window.export_package_action.setIconText("Gửi báo cáo tháng")
    window.print_month_action = window._action("In báo cáo tháng…", lambda: window.preview_report("month"))
    for action in (window.save_action, window.round.copy_action, window.round.check_action,
                   window.export_package_action, window.reopen_action, window.print_month_action):
        toolbar.addAction(action)
    tools = window.menuBar().addMenu("&Công cụ")
    window.settings_action = window._action("&Cài đặt…", window.edit_settings, "Ctrl+,")
    tools.addAction(window.settings_action)
    window.backup_action = window._action("&Sao lưu ngay", window.backup_now)
    window.restore_action = window._action("&Khôi phục từ bản sao lưu…", window.restore_backup)
    tools.addAction(window.backup_action)
    tools.addAction(window.restore_action)
    window.own_key_action = window._action("Khóa &ký của máy này…", window.show_own_key)
    tools.addAction(window.own_key_action)
    help_menu = window.menuBar().addMenu("Trợ &giúp")
    help_menu.addAction(window._action("&Giới thiệu", window.show_about))
