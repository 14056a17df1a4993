"""The register of documents issued and the officer's report texts, for the window and the command line."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..domain.issued_docs import IssuedDocument, checked
from ..domain.periods import QUARTER_NAMES, Period
from ..domain.report_texts import ReportTexts, period_key, previous_period
from ..storage import report_store
from ..storage.settings_store import load_settings

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


def span_days(kind: str, period: Period) -> tuple[date, date]:
    """The first and last day a report of `kind` covers (a quarter's, a year's; the month's otherwise)."""
    if kind == "quarter":
        first = date(period.year, (period.quarter - 1) * 3 + 1, 1)
        last_month = first.month + 2
    elif kind == "year":
        first, last_month = date(period.year, 1, 1), 12
    else:
        first, last_month = date(period.year, period.month, 1), period.month
    end = date(period.year + 1, 1, 1) if last_month == 12 else date(period.year, last_month + 1, 1)
    return first, date.fromordinal(end.toordinal() - 1)


def add_document(db: sqlite_utils.Database, number: str, issued_on: date | None, kind: str = "",
                 abstract: str = "") -> IssuedDocument:
    """Check and register a document (DocumentError or ConflictError, both in Vietnamese)."""
    return report_store.add_document(db, checked(number, issued_on, kind, abstract), load_settings(db).who)


def edit_document(db: sqlite_utils.Database, doc_id: int, number: str, issued_on: date | None, kind: str = "",
                  abstract: str = "") -> IssuedDocument:
    doc = checked(number, issued_on, kind, abstract, doc_id)
    report_store.update_document(db, doc)
    return doc


def remove_document(db: sqlite_utils.Database, doc_id: int) -> None:
    report_store.remove_document(db, doc_id)


def documents(db: sqlite_utils.Database, kind: str | None = None, period: Period | None = None,
              year: int | None = None) -> list[IssuedDocument]:
    """The register: of a report's span (kind and period), of a year, or all of it."""
    if period is not None:
        return report_store.documents(db, *span_days(kind or "month", period))
    if year is not None:
        return report_store.documents(db, date(year, 1, 1), date(year, 12, 31))
    return report_store.documents(db)


def texts(db: sqlite_utils.Database, kind: str, period: Period) -> ReportTexts:
    """The texts saved for this report (empty when none)."""
    return report_store.load_texts(db, "month" if kind == "summary" else kind, period_key(kind, period))


def starting_texts(db: sqlite_utils.Database, kind: str, period: Period) -> tuple[ReportTexts, str]:
    """What the dialog opens with: this report's texts, else the last report's of the same kind (as a start, to
    be changed), with a note saying which; ("", …) when neither has any."""
    own = texts(db, kind, period)
    if not own.is_empty():
        return own, ""
    before = previous_period(kind, period)
    earlier = texts(db, kind, before)
    if earlier.is_empty():
        return own, ""
    return earlier, f"Nội dung lấy từ báo cáo {_words(kind, before)} để sửa cho kỳ này."


def _words(kind: str, period: Period) -> str:
    """"tháng 05/2025", "quý I năm 2025", "năm 2024": the period as the officer reads it (not its key "2025-Q1")."""
    if kind == "quarter":
        return f"quý {QUARTER_NAMES[period.quarter]} năm {period.year}"
    if kind == "year":
        return f"năm {period.year}"
    return f"tháng {period.month:02d}/{period.year}"


def save_texts(db: sqlite_utils.Database, kind: str, period: Period, new: ReportTexts) -> ReportTexts:
    """Store the texts (tidied; ValueError in Vietnamese for one too long)."""
    new = new.tidy()
    report_store.save_texts(db, kind, period_key(kind, period), new, load_settings(db).who)
    return new
