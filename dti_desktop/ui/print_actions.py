"""Printing: the report menus (preview and print, save as PDF) built from the one table of report kinds
(domain/report_kinds.py), the preview, the PDF written off the window's thread. Functions taking the window;
Word files and the report's texts are in report_actions.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence

from ..domain.report_kinds import REPORT_KINDS, file_name, report_kind
from ..services.errors import KNOWN as KNOWN_ERRORS
from . import messages
from .messages import error_text
from .report_actions import report_day


def register_fonts() -> None:
    """The report fonts, registered in the GUI thread before a worker renders a PDF."""
    from ..services import reports

    reports.register_fonts()


def add_menus(window, report_menu) -> None:
    """Báo cáo → Xem trước và in, Lưu báo cáo ra PDF: one action per kind (window.preview_actions, pdf_actions)."""
    preview_menu = report_menu.addMenu("Xem trước và &in")
    pdf_menu = report_menu.addMenu("Lưu báo cáo ra &PDF")
    window.preview_actions, window.pdf_actions = {}, {}
    for kind in REPORT_KINDS:
        key = kind.key
        window.preview_actions[key] = window._action(kind.label, lambda _=False, k=key: preview_report(window, k))
        window.pdf_actions[key] = window._action(kind.label, lambda _=False, k=key: save_report_pdf(window, k))
        preview_menu.addAction(window.preview_actions[key])
        pdf_menu.addAction(window.pdf_actions[key])
    window.preview_actions["month"].setShortcut(QKeySequence.StandardKey.Print)


def preview_report(window, kind: str) -> None:
    """Print preview (with Qt's Print button) of the chosen document for the current period."""
    from ..services import reports

    if not window.leave_entry():  # the report prints what is saved: unsaved edits first, as before sending
        return
    register_fonts()
    try:
        document = reports.build(window.db, window.store, kind, window.period, report_day(window, kind))
    except KNOWN_ERRORS as error:
        messages.error(window, "Không lập được báo cáo", error_text(error))
        return
    messages.print_preview(window, document.title,
                           lambda printer: reports.print_built(document, printer))


def suggested_pdf_name(window, kind: str) -> str:
    """The file name offered for a report: named by the span it covers (a quarter's report by its quarter,
    a year's by its year), not by the month chosen when it was made."""
    return file_name(kind, window.period)


def save_report_pdf(window, kind: str) -> None:
    if not window.leave_entry():  # the report holds what is saved
        return
    suggested = window.suggested_pdf_name(kind)
    path = messages.save_file(window, f"Lưu {report_kind(kind).label.lower()} ra PDF", suggested, messages.PDF_FILTER)
    if not path:
        return
    db_path, store, period, today = window.db_path, window.store, window.period, report_day(window, kind)
    register_fonts()

    def work():
        from ..services import reports
        from ..services.worker_db import with_own_connection

        return with_own_connection(db_path, lambda own: reports.write_pdf(own, store, kind, period, Path(path), today))

    from .tasks import run_task

    window.pdf_task = run_task(window, "Đang lập báo cáo PDF…", work,
                               lambda pages: messages.info(window, "Đã lưu PDF", f"Đã ghi {path} ({pages} trang A4)."),
                               lambda error: messages.error(window, "Không lưu được PDF", error_text(error)))
