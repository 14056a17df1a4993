"""Sending the month: the package written off the window's thread (then the automatic backup), and a month
sent opened again. Functions taking the window."""

from __future__ import annotations

from pathlib import Path

from ..services import month_round
from ..services.errors import KNOWN as KNOWN_ERRORS
from . import messages
from .messages import error_text
from .print_actions import register_fonts


def export_package(window) -> None:
    if window.read_only or not window.leave_entry():
        return
    if not window.round.confirm_send():  # the checklist; an incomplete month asks, naming how many are empty
        return
    folder = messages.choose_folder(window, f"Chọn nơi lưu gói báo cáo {window.period.label} (ví dụ USB)",
                                    month_round.last_folder(window.db))
    if not folder:
        return
    month_round.remember_folder(window.db, folder)
    from ..services import packages

    db_path, store, period = window.db_path, window.store, window.period
    register_fonts()  # in the GUI thread, before the worker renders the PDF

    def work():
        from ..services.worker_db import with_own_connection

        return with_own_connection(db_path, lambda own: packages.export_package(own, store, period, Path(folder)))

    from .tasks import run_task

    window.package_task = run_task(
        window, "Đang ghi gói báo cáo…", work, lambda result: _package_written(window, result),
        lambda error: messages.error(window, "Không xuất được gói báo cáo", error_text(error)))


def _package_written(window, result) -> None:
    window.reload_rows(window.current.assignment_id if window.current else None)
    window.backup_in_background(after_export=True)  # services/backups.backup_after_export: the one policy
    messages.info(window, "Đã xuất gói báo cáo",
                  f"Đã ghi {result.path}\n(lần gửi r{result.revision}: {result.entries} kết quả, "
                  f"{result.evidence_files} tệp minh chứng).\n{window.period.label} đã khóa; muốn sửa hãy “Mở lại”.")


def reopen_period(window) -> None:
    if window.read_only:
        return
    reason = messages.ask_text(window, "Mở lại kỳ đã gửi",
                               f"Lý do mở lại {window.period.label} (được ghi lại và gửi kèm lần sau):")
    if reason is None:
        return
    from ..services import packages

    try:
        packages.reopen_period(window.db, window.period, reason)
    except KNOWN_ERRORS as error:
        messages.error(window, "Không mở lại được", error_text(error))
        return
    window.reload_rows(window.current.assignment_id if window.current else None)
