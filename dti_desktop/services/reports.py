"""Printed documents: the unit's month/quarter/year report, the summary sheet, the consolidated report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.admin_doc import difficulty_lines, labelled
from ..domain.numbers import format_number
from ..domain.periods import Period
from ..domain.progress import Status
from ..domain.report import ReportLine, ranks, share_bands, unit_shares
from ..domain.report_doc import ReportDoc
from ..domain.text import name_key, shorten
from ..io import report_html as h
from . import district, workspace
from .report_common import frame_for, lines_for, report_date  # noqa: F401 (the reports' API)

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

KINDS = ("month", "quarter", "year", "summary", "district")
MAX_RISK_ROWS = 7  # keeps the summary sheet on one page
MAX_CHART_UNITS = 25  # a bar a unit fits one printed page up to here; beyond, the chart counts units by band


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


def _counts(lines: list[ReportLine]) -> dict[str, int]:
    counts = {s: 0 for s in Status}
    missing = reached = 0
    for line in lines:
        if line.entry is None:
            missing += 1
            continue
        counts[line.entry.status] += 1
        reached += line.entry.assessment.value == "dat"
    return {"total": len(lines), "done": counts[Status.HOAN_THANH], "doing": counts[Status.DANG_TRIEN_KHAI],
            "todo": counts[Status.CHUA_TRIEN_KHAI], "missing": missing, "reached": reached}


def at_risk(lines: list[ReportLine], today: date, year: int, horizon_days: int = 120) -> list[tuple[ReportLine, int]]:
    """Not done, no progress (no entry, chưa triển khai or chưa đạt) — with days left to the deadline."""
    risks = []
    for line in lines:
        e = line.entry
        if e is not None and (e.status is Status.HOAN_THANH or e.assessment.value == "dat"):
            continue
        no_progress = e is None or e.status is Status.CHUA_TRIEN_KHAI or e.assessment.value == "khong_dat"
        deadline = date.fromisoformat(line.target.deadline) if line.target.deadline else date(year, 12, 31)
        left = (deadline - today).days
        if no_progress and left <= horizon_days:
            risks.append((line, left))
    return sorted(risks, key=lambda r: r[1])


def summary_sheet(db: sqlite_utils.Database, store: Path, period: Period, today: date) -> Document:
    """Phiếu tổng hợp: one page for meetings."""
    from ..domain.summary import group_shares
    from ..io.charts import bar_chart_png

    ctx = workspace.context_for(db, period, read_only=True)  # a report only reads
    lines = lines_for(db, store, ctx, period, period)
    rows = workspace.rows(db, ctx, period)
    shares = group_shares(rows)
    chart = bar_chart_png([s.label for s in shares], [s.percent for s in shares],
                          f"Tỷ lệ chỉ tiêu đạt theo nhóm (%) — tháng {period.month:02d}/{period.year}", size=(7.5, 2.4))
    c = _counts(lines)
    counts = h.table([("Hoàn thành", 16), ("Đang triển khai", 17), ("Chưa triển khai", 17), ("Chưa có kết quả", 17),
                      ("Đạt mục tiêu", 16), ("Tổng số", 17)],
                     [([str(c["done"]), str(c["doing"]), str(c["todo"]), str(c["missing"]), str(c["reached"]),
                        str(c["total"])], "")], 11)
    risks = at_risk(lines, today, ctx.plan.plan.year)
    shown = risks[:MAX_RISK_ROWS]
    risk_rows = [([r.code, shorten(r.target.text, 120), r.status_text(),
                   f"{left} ngày" if left >= 0 else f"quá {-left} ngày"], "") for r, left in shown]
    risk_html = h.table([("TT", 8), ("Chỉ tiêu", 60), ("Tình trạng", 17), ("Còn lại", 15)], risk_rows, 10) \
        if risk_rows else h.paragraph("Không có chỉ tiêu nào sắp đến hạn mà chưa có tiến triển.")
    more = h.paragraph(f"… và {len(risks) - len(shown)} chỉ tiêu khác (xem báo cáo tháng).") \
        if len(risks) > len(shown) else ""
    parts = h.document(
        f"<p align=center style='font-size:12pt'><b>{h.esc(ctx.unit.name.upper())}</b></p>",
        "<p align=center style='font-size:15pt; margin-top:8px'><b>PHIẾU TỔNG HỢP</b></p>",
        f"<p align=center style='font-size:13pt'><b>Tiến độ thực hiện chỉ tiêu chuyển đổi số tháng "
        f"{period.month:02d}/{period.year}</b></p>",
        f"<p align=center style='font-size:11pt'><i>(Theo {h.esc(ctx.plan.plan.label)}; "
        f"số liệu đến {today.strftime('%d/%m/%Y')})</i></p>",
        h.section("1. Tình trạng các chỉ tiêu"), counts,
        h.section("2. Tỷ lệ đạt theo nhóm"), h.image("chart-groups.png", 135),
        h.section("3. Chỉ tiêu cần chú ý (sắp đến hạn, chưa có tiến triển)"), risk_html, more)
    return Document(f"Phiếu tổng hợp tháng {period.month:02d}/{period.year} — {ctx.unit.name}", parts,
                    {"chart-groups.png": chart})


def district_report(db: sqlite_utils.Database, period: Period, today: date, number: str = "") -> Document:
    """The consolidating office's report: completeness, each target across units, ranking, chart, and what the units
    wrote (difficulties with their causes, proposals), by target then unit."""
    from ..io.charts import bar_chart_png

    ctx = workspace.context_for(db, period, read_only=True)  # the month's year, not the plan on screen
    plan_id, plan = ctx.plan.id, ctx.plan.plan
    board = district.board(db, plan_id, workspace.report_day(ctx), today)
    targets = district.consolidated(db, plan_id, period)
    words = f"tháng {period.month:02d}/{period.year}"
    # Issued by the office whose data this is; "Cơ quan tổng hợp" in its settings is where it sends, as for a
    # unit (the report was issued in its superior's name, addressed to that same superior).
    frame = frame_for(ctx, f"Tổng hợp kết quả thực hiện chuyển đổi số {words} của các đơn vị", today, number)
    office = ctx.unit.name
    cells = [(u, board.cells[(u.id, period.key)]) for u in board.units]
    sent = [c for _, c in cells if c.revision]
    completeness = h.table([("Đơn vị", 46), ("Tình trạng", 24), ("Lần gửi", 12), ("Ngày nhận", 18)], [
        ([u.name, {"dung_han": "Đúng hạn", "muon": "Muộn", "chua_gui": "Chưa gửi", "chua_den_han": "Chưa đến hạn"}[
            c.state], f"r{c.revision}" if c.revision else "",
          c.received_at[8:10] + "/" + c.received_at[5:7] + "/" + c.received_at[:4] if c.revision else ""], "")
        for u, c in cells])
    per_target = h.table([("TT", 7), ("Chỉ tiêu", 43), ("Mục tiêu", 12), ("Số ĐV được giao", 9),
                          ("Số ĐV báo cáo", 9), ("Số ĐV đạt", 9), ("Tỷ lệ đạt (%)", 11)],
                         [([t.code, t.target_text, t.goal, str(t.expected), str(t.reporting), str(t.reached),
                            format_number(t.share, 1)], "") for t in targets], 10)
    # each unit against the targets it is given (an agency is not given the communes' targets)
    ranking = sorted(((name, met, of, 100 * met / of if of else 0.0)
                      for name, met, of in unit_shares(targets, [u.name for u in board.units])),
                     key=lambda r: (-r[3], name_key(r[0])))
    shares = [r[3] for r in ranking]
    rank_rows = [([str(rank), name, f"{met}/{of}", format_number(share, 1)], "")
                 for rank, (name, met, of, share) in zip(ranks(shares), ranking)]
    if not sent:  # every unit "Hạng 1" with 0/27 ranked nothing
        chart = None
    elif len(ranking) <= MAX_CHART_UNITS:
        chart = bar_chart_png([r[0] for r in ranking], shares, f"Tỷ lệ chỉ tiêu đạt của các đơn vị (%) — {words}",
                              size=(7.5, 0.6 + 0.38 * max(len(ranking), 1)))
    else:
        bands, counts = share_bands(shares)
        chart = bar_chart_png(bands, counts, f"Số đơn vị theo tỷ lệ chỉ tiêu đạt — {words} ({len(ranking)} đơn vị)",
                              "Số đơn vị", xmax=None, size=(7.5, 3.0))
    reported = [(f"{name}, chỉ tiêu {t.code}", line.entry) for t in targets for name, line in t.lines if line.entry]
    difficulties = [text for label, e in reported for text in difficulty_lines(label, e.difficulties, e.causes)]
    proposals = [text for label, e in reported for text in labelled(f"- {label}", e.proposals)]
    parts = h.document(
        h.header_html(frame),
        h.paragraph(f"Thực hiện {plan.label}, {office} tổng hợp kết quả thực hiện chuyển đổi số {words} "
                    f"của các đơn vị trên địa bàn {ctx.settings.district} như sau:"),
        *h.section_lines("I. TÌNH HÌNH GỬI BÁO CÁO", [f"{len(sent)}/{len(cells)} đơn vị đã gửi báo cáo {words}."]),
        completeness,
        h.section("II. KẾT QUẢ THEO CHỈ TIÊU"), per_target,
        *([h.section("III. XẾP HẠNG ĐƠN VỊ THEO TỶ LỆ CHỈ TIÊU ĐẠT"),
           h.table([("Hạng", 10), ("Đơn vị", 50), ("Số chỉ tiêu đạt / được giao", 20), ("Tỷ lệ (%)", 20)], rank_rows),
           h.KeepTogether(h.image("chart-ranking.png", 150))] if chart else
          h.section_lines("III. XẾP HẠNG ĐƠN VỊ THEO TỶ LỆ CHỈ TIÊU ĐẠT",
                          [f"Chưa có đơn vị nào gửi báo cáo {words}: chưa xếp hạng."])),
        *h.section_lines("IV. KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN", difficulties),
        *h.closing("V. ĐỀ XUẤT, KIẾN NGHỊ CỦA CÁC ĐƠN VỊ", proposals, frame))
    return Document(f"Báo cáo tổng hợp {words} — {office}", parts, {"chart-ranking.png": chart} if chart else {})


def build(db: sqlite_utils.Database, store: Path, kind: str, period: Period, today: date | None = None,
          number: str = "") -> Document:
    today = today or date.today()
    if kind in ("month", "quarter", "year"):
        from .report_unit import unit_report

        return Document.of(unit_report(db, store, kind, period, today, number))
    if kind == "summary":
        return summary_sheet(db, store, period, today)
    if kind == "district":
        return district_report(db, period, today, number)
    raise ValueError(f"Loại báo cáo “{kind}” không có (chọn: {', '.join(KINDS)}).")


def write_pdf(db: sqlite_utils.Database, store: Path, kind: str, period: Period, out: Path,
              today: date | None = None, number: str = "", durable: bool = True) -> int:
    """Build and render; returns the page count (durable=False: a scratch file, not synced to disk)."""
    from ..io.pdf_document import write_pdf as render

    document = build(db, store, kind, period, today, number)
    return render(document.parts, out, document.title, resources=document.resources, durable=durable)
