"""Printed documents: the unit's month/quarter/year report, the summary sheet, the consolidated report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import BadInput
from ..domain.periods import Period
from ..domain.report import ReportLine
from ..domain.report_doc import ReportDoc
from ..domain.report_kinds import KEYS as KINDS  # noqa: F401 (the one table: domain/report_kinds.py)
from ..domain.report_kinds import report_kind
from ..io import report_html as h
from .report_common import frame_for, lines_for, report_date  # noqa: F401 (the reports' API)

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


@dataclass(frozen=True)
class Document:
    """Parts ready for pdf_document (HTML fragments and tables), its title, and images (PNG bytes); `report`: the
    blocks they were made from (the Word file is made from them too)."""

    title: str
    parts: list
    resources: dict[str, bytes] = field(default_factory=dict)
    report: ReportDoc | None = None

    @classmethod
    def of(cls, report: ReportDoc) -> "Document":
        return cls(report.title, h.render(report), report.resources, report)


def build(db: sqlite_utils.Database, store: Path, kind: str, period: Period, today: date | None = None,
          number: str = "", given: dict[Period, list[ReportLine]] | None = None) -> Document:
    """The report of `kind`; `given`: the unit's lines of months already read (month_lines), not read again."""
    today = today or date.today()
    report_kind(kind)  # BadInput for a kind not in the table
    if kind in ("month", "quarter", "year"):
        from .report_unit import unit_report

        return Document.of(unit_report(db, store, kind, period, today, number, given))
    if kind == "summary":
        from .report_summary import summary_sheet

        return Document.of(summary_sheet(db, store, period, today))
    from .report_district import district_report

    return Document.of(district_report(db, period, today, number))


def write_pdf(db: sqlite_utils.Database, store: Path, kind: str, period: Period, out: Path,
              today: date | None = None, number: str = "", durable: bool = True,
              given: dict[Period, list[ReportLine]] | None = None) -> int:
    """Build and render; returns the page count (durable=False: a scratch file, not synced to disk)."""
    from ..io.pdf_document import write_pdf as render

    document = build(db, store, kind, period, today, number, given)
    return render(document.parts, out, document.title, resources=document.resources, durable=durable)


def register_fonts() -> None:
    """The report fonts, registered in the GUI thread before a worker renders a PDF or the preview prints."""
    from ..io.pdf_render import register_fonts as register

    register()


def print_built(document: Document, printer) -> int:
    """A report `build` made, printed on a QPrinter (the preview's Print button); returns the page count."""
    from ..io.pdf_document import print_document

    return print_document(document.parts, printer, resources=document.resources)


def write_docx(db: sqlite_utils.Database, store: Path, kind: str, period: Period, out: Path,
               today: date | None = None, number: str = "", durable: bool = True) -> int:
    """The same report as a Word file (.docx) for the officer to finish; returns its count of body blocks."""
    from ..io.docx_report import write_docx as render

    document = build(db, store, kind, period, today, number)
    if document.report is None:
        raise BadInput(f"Báo cáo “{kind}” chưa có bản Word.")
    render(document.report, out, durable)
    return len(document.report.body) + len(document.report.appendix)
