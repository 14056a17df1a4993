"""The window's report menu beyond printing: the register of documents issued, the officer's texts for a report,
Word files, and the date a report is proposed with (the command line's rule: a past period's deadline)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from ..domain.periods import QUARTER_NAMES
from ..domain.report_kinds import REPORT_KINDS, with_texts
from . import messages
from .messages import error_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

DOCX_FILTER = "Tệp Word (*.docx)"


def _known() -> tuple:
    from ..services.errors import KNOWN

    return KNOWN


def report_day(window, kind: str) -> date:
    """Today; a report of a period whose deadline has passed: that deadline (as `report pdf` dates it)."""
    from ..services import reports

    return reports.report_date(window.db, kind, window.period, window.today)


def _words(kind: str, period) -> str:
    month = f"tháng {period.month:02d}/{period.year}"
    return {"quarter": f"quý {QUARTER_NAMES[period.quarter]} năm {period.year}", "year": f"năm {period.year}",
            "district": f"tổng hợp {month}"}.get(kind, month)


def edit_register(window) -> None:
    """Sổ văn bản đã ban hành of the period's year: the dialog's changes saved through the service."""
    from ..services import report_register as register
    from .report_dialogs import DocumentRegisterDialog

    year = window.period.year
    try:
        docs = register.documents(window.db, year=year)
    except _known() as error:
        messages.error(window, "Không mở được sổ văn bản", error_text(error))
        return
    dialog = DocumentRegisterDialog(docs, year, window)
    if not messages.run_dialog(dialog) or not (changes := dialog.result_changes()):
        return
    try:
        for doc_id in changes.removed:
            register.remove_document(window.db, doc_id)
        for d in changes.edited:
            register.edit_document(window.db, d.id, d.number, d.issued_on, d.kind, d.abstract)
        for d in changes.added:
            register.add_document(window.db, d.number, d.issued_on, d.kind, d.abstract)
    except _known() as error:
        messages.error(window, "Không lưu được sổ văn bản", error_text(error))
        return
    window.statusBar().showMessage(f"Đã lưu sổ văn bản năm {year}.", 5000)


def edit_texts(window, kind: str) -> None:
    """Đánh giá, nhiệm vụ, đề xuất of the report of `kind` for the chosen period (last period's as a start); "district":
    the consolidating office's own words in its report of the units."""
    from ..domain.report_words import group_title
    from ..services import report_register as register
    from ..services import workspace
    from .report_dialogs import OfficeReportTextsDialog, ReportTextsDialog

    period = window.period
    try:
        texts, note = register.starting_texts(window.db, kind, period)
        ctx = workspace.context_for(window.db, period, read_only=True)
        groups = list(dict.fromkeys(group_title((r.group_no, r.group_title)) for r in workspace.rows(window.db, ctx, period)
                                    if r.group_title))
    except _known() as error:
        messages.error(window, "Không mở được nội dung báo cáo", error_text(error))
        return
    dialog_class = OfficeReportTextsDialog if kind == "district" else ReportTextsDialog
    dialog = dialog_class(f"Nội dung báo cáo {_words(kind, period)}", texts, groups, note,
                          ctx.settings.consolidating_office, window)
    if not messages.run_dialog(dialog) or dialog.result_texts() is None:
        return
    try:
        register.save_texts(window.db, kind, period, dialog.result_texts())
    except _known() as error:
        messages.error(window, "Không lưu được nội dung báo cáo", error_text(error))
        return
    window.statusBar().showMessage(f"Đã lưu nội dung báo cáo {_words(kind, period)}.", 5000)


def save_docx(window, kind: str, label: str) -> None:
    """The report as a Word file the officer finishes and signs, written off the window's thread."""
    from .tasks import run_task

    if not window.leave_entry():  # the report holds what is saved
        return
    suggested = window.suggested_pdf_name(kind).removesuffix(".pdf") + ".docx"
    path = messages.save_file(window, f"Lưu {label.lower()} ra Word", suggested, DOCX_FILTER)
    if not path:
        return
    db_path, store, period, day = window.db_path, window.store, window.period, report_day(window, kind)

    def work():
        from ..services import reports
        from ..services.worker_db import with_own_connection

        return with_own_connection(db_path, lambda own: reports.write_docx(own, store, kind, period, Path(path), day))

    window.docx_task = run_task(window, "Đang lập báo cáo Word…", work,
                                lambda _: messages.info(window, "Đã lưu tệp Word", f"Đã ghi {path}."),
                                lambda error: messages.error(window, "Không lưu được tệp Word", error_text(error)))


def add_to_menu(window, menu: QMenu) -> None:
    """Adds to the window's Báo cáo menu: Lưu ra Word per kind, the texts per kind, the register (the kinds from
    the one table, domain/report_kinds.py)."""
    word_menu = menu.addMenu("Lưu báo cáo ra &Word (.docx)")
    window.docx_actions = {}
    for kind in REPORT_KINDS:
        action = QAction(kind.label, window)
        action.triggered.connect(lambda _=False, k=kind.key, t=kind.label: save_docx(window, k, t))
        word_menu.addAction(action)
        window.docx_actions[kind.key] = action
    menu.addSeparator()
    texts_menu = menu.addMenu("&Nội dung báo cáo (đánh giá, nhiệm vụ, đề xuất)")
    window.text_actions = {}
    for kind in with_texts():
        action = QAction(f"Báo cáo {kind.texts_word}…", window)
        action.triggered.connect(lambda _=False, k=kind.key: edit_texts(window, k))
        texts_menu.addAction(action)
        window.text_actions[kind.key] = action
    window.register_action = QAction("&Sổ văn bản đã ban hành…", window)
    window.register_action.triggered.connect(lambda _=False: edit_register(window))
    menu.addAction(window.register_action)
