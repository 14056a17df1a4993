"""Phiếu tổng hợp: one page for a meeting — the counts by status against last month, the chart by group, the
targets at risk (not reached, the nearest deadline first) and what changed this month, dated by the data."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.periods import Period
from ..domain.report_doc import Grid, Heading, Para, Picture, ReportDoc
from ..domain.report_words import Counts, Dated, changes, counts
from ..domain.text import shorten
from . import workspace
from .report_common import dated_lines

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

MAX_RISK_ROWS = 8  # rows of two lines at most: the page holds this many beside the counts and the chart


def at_risk(dated: list[Dated], year: int, today: date) -> list[tuple[Dated, date, int]]:
    """Targets not reached (no result, or not đạt), with their deadline (the catalogue's, else the year's end) and
    the days left, the nearest first, then in the catalogue's order."""
    risks = []
    for order, d in enumerate(dated):
        if d.reached:
            continue
        deadline = date.fromisoformat(d.line.target.deadline) if d.line.target.deadline else date(year, 12, 31)
        risks.append((order, d, deadline, (deadline - today).days))
    return [(d, deadline, left) for _, d, deadline, left in sorted(risks, key=lambda r: (r[2], r[0]))]


FIELDS = (("Hoàn thành", "done"), ("Đang triển khai", "doing"), ("Chưa triển khai", "todo"),
          ("Chưa có kết quả", "missing"), ("Đạt mục tiêu", "reached"), ("Tổng số", "total"))


def _count_rows(now: Counts, before: Counts | None, words: str, previous_words: str) -> list:
    """A row a month (the month before, this month) and their difference, a column a status."""
    def row(label: str, c: Counts) -> tuple:
        return ((label, *(str(getattr(c, f)) for _, f in FIELDS)), "")

    rows = [row(words.capitalize(), now)]
    if before is not None:
        change = [f"{getattr(now, f) - getattr(before, f):+d}".replace("+0", "0").replace("-", "−") for _, f in FIELDS]
        rows = [row(previous_words.capitalize(), before), *rows, (("Thay đổi", *change), "")]
    return rows


def _data_day(dated: list[Dated]) -> str:
    moments = [d.line.entry.updated_at for d in dated if d.line.entry is not None and d.month is not None]
    return max(moments)[:10] if moments else ""


def summary_sheet(db: sqlite_utils.Database, store: Path, period: Period, today: date) -> ReportDoc:
    from ..domain.summary import group_shares
    from ..io.charts import bar_chart_png

    ctx = workspace.context_for(db, period, read_only=True)  # a report only reads
    dated = dated_lines(db, store, ctx, period, period)
    before = dated_lines(db, store, ctx, period.previous(), period.previous()) if period.month > 1 else None
    words = f"tháng {period.month:02d}/{period.year}"
    previous_words = f"tháng {period.previous().month:02d}/{period.previous().year}"
    rows = workspace.rows(db, ctx, period)
    shares = group_shares(rows)
    chart = bar_chart_png([s.label for s in shares], [s.percent for s in shares],
                          f"Tỷ lệ chỉ tiêu đạt theo nhóm (%) — {words}", size=(7.5, 0.55 + 0.3 * max(len(shares), 1)))
    day = _data_day(dated)
    dated_by = (f"số liệu cập nhật đến ngày {day[8:10]}/{day[5:7]}/{day[:4]}" if day
                else "chưa có kết quả nào của tháng")
    with_before = before is not None and any(d.line.entry for d in before)
    table = Grid((("Số chỉ tiêu", 19), *((label, 14 if f != "total" else 11) for label, f in FIELDS)),
                 tuple(_count_rows(counts(dated), counts(before) if with_before else None, words, previous_words)), 11,
                 centred=(1, 2, 3, 4, 5, 6))
    risks = at_risk(dated, ctx.plan.plan.year, today)
    shown = risks[:MAX_RISK_ROWS]
    risk_rows = tuple(((d.line.code, d.line.heading[0] or "—", shorten(d.line.target.text, 80),
                        d.line.status_text() if d.line.entry else "Chưa có kết quả", f"{deadline:%d/%m/%Y}",
                        f"{left} ngày" if left >= 0 else f"quá {-left} ngày"), "")
                      for d, deadline, left in shown)
    change = changes(dated, before, previous_words) if with_before else ""
    updated = sum(1 for d in dated if d.line.entry is not None)
    blocks = [
        Para(ctx.unit.name.upper(), indent=False, align="center", bold=True, size=12),
        Para("PHIẾU TỔNG HỢP", indent=False, align="center", bold=True, size=15),
        Para(f"Tiến độ thực hiện chỉ tiêu chuyển đổi số {words}", indent=False, align="center", bold=True),
        Para(f"(Theo {ctx.plan.plan.label}; {dated_by})", indent=False, align="center", italic=True, size=11),
        Heading("1. Tình trạng các chỉ tiêu, so với tháng trước"), table,
        Heading("2. Thay đổi trong tháng"),
        Para(f"{updated} chỉ tiêu có kết quả {words}. " + (change or "Tháng trước chưa có kết quả để so sánh."),
             size=12),
        Heading("3. Tỷ lệ đạt theo nhóm"), Picture("chart-groups.png", 120),
        Heading(f"4. Chỉ tiêu chưa đạt, theo hạn hoàn thành ({len(risks)} chỉ tiêu)")]
    if risk_rows:  # last on the page: only its rows are counted to keep the sheet on one page
        blocks.append(Grid((("TT", 7), ("Nhóm", 8), ("Chỉ tiêu", 48), ("Tình trạng", 14), ("Hạn", 12),
                            ("Còn lại", 11)), risk_rows, 10, centred=(0, 1, 4, 5)))
        if len(risks) > len(shown):
            blocks.append(Para(f"… và {len(risks) - len(shown)} chỉ tiêu khác chưa đạt (xem báo cáo tháng).",
                               size=11))
    else:
        blocks.append(Para("Mọi chỉ tiêu đã đạt mục tiêu."))
    return ReportDoc(f"Phiếu tổng hợp {words} — {ctx.unit.name}", None, tuple(blocks), (),
                     {"chart-groups.png": chart})
