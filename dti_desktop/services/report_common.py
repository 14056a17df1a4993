"""What every printed report shares: its span, its frame (NĐ 30), its date, the results of its span."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.admin_doc import (DocumentFrame, date_line, default_recipients, is_peoples_committee, issuing_body,
                                parent_body, place_of, sign_for)
from ..domain.periods import QUARTER_NAMES, Period
from ..domain.report import ReportLine
from ..domain.report_words import Dated
from ..domain.settings import default_signatory_title
from ..domain.text import clean, name_key
from ..domain.units import UnitKind
from . import workspace
from .month_lines import month_lines

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


def span(kind: str, period: Period) -> tuple[Period, Period, str, str]:
    """First and last month covered, the period's words, and the next period's words."""
    if kind == "quarter":
        first = Period(period.year, (period.quarter - 1) * 3 + 1)
        return first, Period(period.year, first.month + 2), f"quý {QUARTER_NAMES[period.quarter]} năm {period.year}", "QUÝ TỚI"
    if kind == "year":
        return Period(period.year, 1), Period(period.year, 12), f"năm {period.year}", "NĂM TỚI"
    return period, period, f"tháng {period.month:02d}/{period.year}", "THÁNG TỚI"


def previous_span(kind: str, period: Period) -> tuple[Period, Period, str] | None:
    """The span of the report before (the previous month, quarter or year) and its words; None before 2000."""
    try:
        if kind == "quarter":
            before = Period(period.year - 1, 12) if period.quarter == 1 else Period(period.year, (period.quarter - 1) * 3)
        elif kind == "year":
            before = Period(period.year - 1, 12)
        else:
            before = period.previous()
    except ValueError:
        return None
    first, last, words, _ = span(kind, before)
    return first, last, words


def months(first: Period, last: Period) -> list[Period]:
    out, month = [], first
    while month <= last:
        out.append(month)
        month = Period(month.year, month.month + 1) if month.month < 12 else Period(month.year + 1, 1)
    return out


def dated_lines(db: sqlite_utils.Database, store: Path, ctx, first: Period, last: Period,
                today: date | None = None, reported: set[Period] | None = None,
                given: dict[Period, list[ReportLine]] | None = None) -> list[Dated]:
    """Each assigned target with its last result between `first` and `last` (months after `today` left out) and
    the month that result is from; `reported` gets the months that have any result; `given`: months whose lines
    the caller has already read (the package being sent), used as they are."""
    merged: dict[str, Dated] = {}
    for month in months(first, last):
        if today is not None and date(month.year, month.month, 1) > today:
            break
        lines = given[month] if given and month in given else month_lines(db, store, ctx, month).lines
        for line in lines:
            if line.entry is not None and reported is not None:
                reported.add(month)
            if line.entry is not None or line.code not in merged:
                merged[line.code] = Dated(line, month if line.entry is not None else None)
    return list(merged.values())


def lines_for(db: sqlite_utils.Database, store: Path, ctx, first: Period, last: Period) -> list[ReportLine]:
    """Each assigned target with its latest entry between `first` and `last` (inclusive)."""
    return [d.line for d in dated_lines(db, store, ctx, first, last)]


def _named_after_its_place(unit) -> bool:
    """A People's Committee, commune or district level ("UBND thành phố Đông Triều" dates its reports "Đông Triều,
    ngày …"; it printed the province, its area); an agency dates them by its area."""
    return unit.kind.commune_level or unit.kind is UnitKind.HUYEN


def document_number(number: str) -> str:
    """NĐ 30 writes numbers under 10 with a leading zero: "5" -> "05"; anything else as typed."""
    number = clean(number)
    return f"{int(number):02d}" if number.isdigit() and int(number) < 10 else number


def issuer_of(ctx) -> str:
    """Who issues the unit's reports, as a sentence names it ("UBND phường Mạo Khê")."""
    return issuing_body(ctx.unit.name, ctx.unit.kind.commune_level, ctx.unit.kind.label)


def frame_for(ctx, subject: str, today: date, number: str = "", issuer: str | None = None) -> DocumentFrame:
    s = ctx.settings
    issuer = issuer or issuer_of(ctx)
    code = f"BC-{s.issuer_code}" if s.issuer_code else "BC-UBND" if is_peoples_committee(issuer) else "BC"
    above = s.consolidating_office if name_key(s.consolidating_office) != name_key(issuer) else ""  # not to itself
    recipients = tuple(line for line in s.recipients.splitlines() if line.strip()) or \
        default_recipients(above, s.district)
    parent = parent_body(s.district)
    if name_key(parent) == name_key(issuer):  # the area's own People's Committee: no line above its name
        parent = ""
    return DocumentFrame(
        parent=parent, issuer=issuer.upper(), number=f"Số: {document_number(number) or chr(0xA0) * 8}/{code}",
        place_date=date_line(s.place_name or place_of(ctx.unit.name if _named_after_its_place(ctx.unit)
                                                      else s.district), today), title="BÁO CÁO", subject=subject,
        sign_for=sign_for(issuer), sign_title=s.signatory_title or default_signatory_title(ctx.unit.kind, ctx.unit.name),
        signer=s.signatory_name, recipients=recipients)


def attached_to(frame: DocumentFrame, today: date, issuer: str) -> str:
    """"(Kèm theo Báo cáo số 05/BC-UBND ngày 14/03/2025 của UBND phường Mạo Khê)" — a number left to fill by hand
    keeps its blank."""
    return f"(Kèm theo Báo cáo {frame.number[0].lower()}{frame.number[1:].replace(':', '')} ngày {today:%d/%m/%Y} của {issuer})"


def report_date(db: sqlite_utils.Database, kind: str, period: Period, today: date) -> date:
    """The date a report is proposed with: today; but a report of a period whose deadline has passed is dated by
    that deadline (printed again later, it said it was written long after it was due). The window and the
    command line both ask here."""
    ctx = workspace.context_for(db, period, read_only=True)
    return min(today, period.deadline(kind, workspace.report_day(ctx)))


def until(last: Period, today: date, words: str) -> str:
    """"hết tháng 03/2025" once the span is over; "ngày 05/12/2025" in a report made before its end (the
    yearly report is due before 10/12, so the year is never over when it is written)."""
    end = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return f"hết {words}" if today >= end else f"ngày {today.day:02d}/{today.month:02d}/{today.year}"
