"""The window's menus and toolbar: each action made once, kept as the window's attribute (save_action,
preview_actions[kind], …), its slot the window's method of that area. The window's start makes the menu bar's
titles and the toolbar with the window (build), the menus' items a turn later (fill): nobody opens a menu in the
first tenth of a second, and the bar looks the same either way."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from ..domain.report_kinds import REPORT_KINDS
from . import print_actions


def build(window) -> None:
    """The menu bar (Tệp, Báo cáo, Công cụ, Trợ giúp, their items not yet in them) and the toolbar, with the actions
    the toolbar and the banner use."""
    from .answer_actions import AnswerActions
    from .month_round import MonthRound

    window.round = MonthRound(window)  # copy the whole month, the checklist, F8
    window.answers = AnswerActions(window)  # the office's answer: it orders the month's targets, read with them
    bar = window.menuBar()
    window.file_menu, window.report_menu, window.tools_menu, window.help_menu = (
        bar.addMenu(title) for title in ("&Tệp", "&Báo cáo", "&Công cụ", "Trợ &giúp"))
    window.save_action = window._action("&Lưu kết quả", window.save_entry, QKeySequence.StandardKey.Save)
    window.export_package_action = window._action("&Gửi báo cáo tháng (xuất gói)…", window.export_package,
                                                  "Ctrl+Shift+E")
    window.reopen_action = window._action("&Mở lại kỳ đã gửi…", window.reopen_period)
    toolbar = window.addToolBar("Thao tác")
    toolbar.setObjectName("main-toolbar")
    window.export_package_action.setIconText("Gửi báo cáo tháng")
    window.print_month_action = window._action("In báo cáo tháng…", lambda: window.preview_report("month"))
    for action in (window.save_action, window.round.copy_action, window.round.check_action,
                   window.export_package_action, window.reopen_action, window.print_month_action):
        toolbar.addAction(action)
    window.office_actions = []  # the consolidating office's (MainWindow.show_office_tools): made by fill


def fill(window) -> None:
    """The menus' items, in their order; the office's among them shown or not as the window's tabs are."""
    file_menu = window.file_menu
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
    report = window.report_menu
    for action in (window.round.copy_action, window.round.undo_action, None, window.round.check_action):
        report.addAction(action) if action else report.addSeparator()
    report.addAction(window.export_package_action)
    report.addAction(window.reopen_action)
    window.answers.add_to(report)  # the office's answer taken in: menu, drop
    report.addSeparator()
    print_actions.add_menus(window, report)  # preview and PDF, one action per report kind
    from .report_actions import add_to_menu  # Word files, the report's texts, the register (issue 20)

    add_to_menu(window, report)
    tools = window.tools_menu
    window.settings_action = window._action("&Cài đặt…", window.edit_settings, "Ctrl+,")
    tools.addAction(window.settings_action)
    window.backup_action = window._action("&Sao lưu ngay", window.backup_now)
    window.restore_action = window._action("&Khôi phục từ bản sao lưu…", window.restore_backup)
    tools.addAction(window.backup_action)
    tools.addAction(window.restore_action)
    window.own_key_action = window._action("Khóa &ký của máy này…", window.show_own_key)
    tools.addAction(window.own_key_action)
    window.help_menu.addAction(window._action("&Giới thiệu", window.show_about))
    office_only = [kind.key for kind in REPORT_KINDS if kind.office_only]
    window.office_actions = [window.new_year_action, window.edit_catalogue_action,
                             *(actions[key] for actions in (window.preview_actions, window.pdf_actions,
                                                            window.docx_actions, window.text_actions)
                               for key in office_only if key in actions)]
    for action in window.office_actions:
        action.setVisible(window.office_tools)
