"""The consolidating office's report: who sent (those who did not, named and not ranked), each target across the
units with its shares and their denominators, the ranking of the units that sent, and what the units wrote
(difficulties, causes, proposals) grouped by target with the units named."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..domain.admin_doc import remark_lines
from ..domain.dates import display_date
from ..domain.numbers import format_number
from ..domain.periods import Period
from ..domain.report import ranks, share_bands
from ..domain.report_doc import Block, Grid, Heading, Para, Picture, ReportDoc, of_total, roman, two_digits
from ..domain.report_texts import ReportTexts, group_key
from ..domain.report_words import addressed, group_title, numbered, officer_lines
from ..domain.text import name_key, shorten
from . import district, report_register, workspace
from .report_common import frame_for

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

MAX_CHART_UNITS = 25  # a bar a unit fits one printed page up to here; beyond, the chart counts units by band
MAX_NAMED = 30  # units named in one line of the report; more are counted (the workbook names them all)
LONG_LIST = 100  # more units than this: no table with a row a unit (sending, ranking), counts and the ends instead
RANK_ENDS = 20  # units shown at the top and at the foot of a long ranking
SENDING_SHEET = "trang tính “Tình hình gửi” của bảng Excel tổng hợp"
STATES = {"dung_han": "Đúng hạn", "muon": "Muộn", "chua_gui": "Chưa gửi", "chua_den_han": "Chưa đến hạn"}


def _sending(cells, words: str) -> list[Block]:
    sent = [(u, c) for u, c in cells if c.revision]
    missing = [u.name for u, c in cells if not c.revision]
    on_time = sum(c.state == "dung_han" for _, c in sent)
    lead = (f"Có {of_total(len(sent), len(cells))} đơn vị đã gửi báo cáo {words} ({two_digits(on_time)} đúng hạn, "
            f"{two_digits(len(sent) - on_time)} muộn)")
    lead += f"; {two_digits(len(missing))} đơn vị chưa gửi: {_named(missing, SENDING_SHEET)}." if missing else "."
    blocks = [Para(lead), *(_sending_counts(cells, sent) if len(cells) > LONG_LIST else [_sending_grid(cells)])]
    # on time is judged by the day the office received the package; a claimed day far from it is told
    # (units with the same two days named together: a folder imported late flagged them all, one by one)
    flagged: dict[str, list[str]] = {}
    for u, c in sent:
        if c.flagged:
            flagged.setdefault(f"ghi lập {display_date(c.first_created_at)}, nhận {display_date(c.first_received_at)}", []).append(u.name)
    if flagged:
        told = "; ".join(f"{names[0]} ({days})" if len(names) == 1 else f"{days} — {_named(names, SENDING_SHEET)}"
                         for days, names in flagged.items())
        blocks.append(Para("Đúng hạn, muộn tính theo ngày cơ quan tổng hợp nhận gói; ngày lập gói đơn vị ghi khác xa "
                           f"ngày nhận: {told}."))
    return blocks


def _sending_grid(cells) -> Grid:
    rows = tuple(((u.name, STATES.get(c.state, c.state),
                   (f"Lần {c.revision}" + (" (gửi bổ sung)" if c.revision > 1 else "")) if c.revision else "",
                   display_date(c.received_at)), "") for u, c in cells)
    return Grid((("Đơn vị", 46), ("Tình trạng", 18), ("Lần gửi", 18), ("Ngày nhận", 18)), rows, centred=(2, 3))


def _sending_counts(cells, sent) -> list[Block]:
    """Many units: the units counted by state, those late named, each unit's line left to the workbook (a row a
    unit was 100 pages for a country's communes)."""
    counts = {state: sum(c.state == state for _, c in cells) for state in STATES}
    again = sum(c.revision > 1 for _, c in sent)
    rows = [((text, two_digits(counts[state]), format_number(100 * counts[state] / len(cells), 1)), "")
            for state, text in STATES.items() if counts[state]]
    if again:
        rows.append((("Đã gửi bổ sung (lần 2 trở lên)", two_digits(again), format_number(100 * again / len(cells), 1)),
                     ""))
    late = [u.name for u, c in cells if c.state == "muon"]
    return [Grid((("Tình trạng", 50), ("Số đơn vị", 25), ("Tỷ lệ (%)", 25)), tuple(rows), centred=(1, 2)),
            *([Para(f"Gửi muộn: {_named(late, SENDING_SHEET)}.")] if late else []),
            Para(f"Tình trạng, lần gửi và ngày nhận của từng đơn vị: {SENDING_SHEET}.")]


def _per_target(targets) -> list[Block]:
    rows = []
    for t in targets:
        share = f"{of_total(t.reached, t.reporting)} ({format_number(100 * t.reached / t.reporting, 1)}%)" \
            if t.reporting else "Chưa có đơn vị báo cáo"
        rows.append(((t.code, t.target_text, t.goal, str(t.expected), str(t.reporting), share), ""))
    return [Para("Tỷ lệ đạt của mỗi chỉ tiêu tính trên số đơn vị đã báo cáo chỉ tiêu đó (số đạt/số đã báo cáo); "
                 "đơn vị không được giao chỉ tiêu không tính. Đạt hay chưa đạt do cơ quan tổng hợp tính lại từ kết quả "
                 "và mục tiêu."),
            Grid((("TT", 7), ("Chỉ tiêu", 42), ("Mục tiêu", 13), ("Số ĐV được giao", 10), ("Số ĐV đã báo cáo", 10),
                  ("Đạt / đã báo cáo", 18)), tuple(rows), 10, centred=(0, 3, 4, 5)), *_judged_otherwise(targets)]


def _named(names: list[str], where: str = "bảng Excel tổng hợp") -> str:
    """Units named in a sentence, at most MAX_NAMED of them: the rest counted and left to `where`, which names
    them all (a country's 3.321 communes named under each target made the report hundreds of pages)."""
    if len(names) <= MAX_NAMED:
        return ", ".join(names)
    return f"{', '.join(names[:MAX_NAMED])} và {two_digits(len(names) - MAX_NAMED)} đơn vị khác (đủ tên trong {where})"


def _judged_otherwise(targets) -> list[Block]:
    """Where the assessment a unit sent (or set by hand, with its reason) is not the office's own: one line a
    target and assessment, the units that share it named together (a line a unit was 1.727 lines for 200 units)."""
    lines: list[Block] = []
    for t in targets:
        said: dict[str, list[str]] = {}
        for name, line in t.lines:
            if line.entry is not None and line.recomputed is not None \
                    and (line.recomputed is not line.entry.assessment or not line.entry.assessment_auto):
                said.setdefault(line.assessment_with_reason(), []).append(name)
        lines += [Para(f"+ Chỉ tiêu {t.code}, {names[0]}: {text}") if len(names) == 1 else
                  Para(f"+ Chỉ tiêu {t.code}, {two_digits(len(names))} đơn vị — {_named(names)}: {text}")
                  for text, names in said.items()]
    if not lines:
        return []
    return [Para("Đánh giá của đơn vị khác với kết quả tính lại, hoặc do đơn vị tự điều chỉnh:"), *lines]


def _ranking(targets, cells, words: str) -> tuple[list[Block], bytes | None]:
    from ..domain.report import unit_shares
    from ..io.charts import bar_chart_png

    sent = {u.name for u, c in cells if c.revision}
    scored = [(name, met, of, 100 * met / of if of else 0.0)
              for name, met, of in unit_shares(targets, [u.name for u, _ in cells]) if name in sent]
    if not scored:
        return [Para(f"Chưa có đơn vị nào gửi báo cáo {words}: chưa xếp hạng.")], None
    scored.sort(key=lambda r: (-r[3], name_key(r[0])))
    shares = [r[3] for r in scored]
    rows = tuple(((str(rank), name, f"{met}/{of}", format_number(share, 1)), "")
                 for rank, (name, met, of, share) in zip(ranks(shares), scored))
    lead = f"Xếp hạng {len(scored)} đơn vị đã gửi báo cáo theo tỷ lệ chỉ tiêu đạt trên số chỉ tiêu được giao."
    if len(rows) > LONG_LIST:  # the ends of a long ranking; the chart below counts every unit by band
        middle = len(rows) - 2 * RANK_ENDS
        lead += (f" Bảng dưới nêu {RANK_ENDS} đơn vị đứng đầu và {RANK_ENDS} đơn vị cuối bảng; biểu đồ đếm mọi đơn vị "
                 "theo mức tỷ lệ.")
        rows = (*rows[:RANK_ENDS], (("…", f"{two_digits(middle)} đơn vị ở giữa bảng xếp hạng"), "group"),
                *rows[len(rows) - RANK_ENDS:])
    blocks: list[Block] = [Para(lead),
                           Grid((("Hạng", 10), ("Đơn vị", 50), ("Số chỉ tiêu đạt / được giao", 22), ("Tỷ lệ (%)", 18)),
                                rows, centred=(0, 2, 3))]
    missing = [u.name for u, c in cells if not c.revision]
    if missing:
        blocks.append(Para(f"Không xếp hạng {two_digits(len(missing))} đơn vị chưa gửi báo cáo: "
                           f"{_named(missing, SENDING_SHEET)}."))
    if len(scored) <= MAX_CHART_UNITS:
        chart = bar_chart_png([r[0] for r in scored], shares, f"Tỷ lệ chỉ tiêu đạt của các đơn vị đã gửi (%) — {words}",
                              size=(7.5, 0.6 + 0.38 * len(scored)))
    else:
        bands, counts = share_bands(shares)
        chart = bar_chart_png(bands, counts, f"Số đơn vị theo tỷ lệ chỉ tiêu đạt — {words} ({len(scored)} đơn vị)",
                              "Số đơn vị", xmax=None, size=(7.5, 3.0))
    return blocks + [Picture("chart-ranking.png", 150)], chart


def _by_target(targets, texts_of) -> list[Block]:
    """What the units wrote, target by target: a text several units wrote alike once, with all of them named."""
    blocks: list[Block] = []
    for t in targets:
        said: dict[str, list[str]] = {}
        for name, line in t.lines:
            if line.entry is None:
                continue
            text = " ".join(remark_lines(texts_of(line.entry))).replace("+ ", "")
            if text:
                said.setdefault(text, []).append(name)
        if said:
            blocks.append(Para(f"- Chỉ tiêu {t.code} ({shorten(t.target_text, 120).rstrip('.')}):"))
            blocks += [Para(f"+ {_named(names)}: {text}") for text, names in said.items()]
    return blocks


def _difficulty(entry) -> str:
    parts = [*remark_lines(entry.difficulties)]
    causes = " ".join(remark_lines(entry.causes)).replace("+ ", "")
    if causes:
        parts.append(f"Nguyên nhân: {causes}")
    return "\n".join(parts)


def _office_assessment(texts: ReportTexts) -> list[Block]:
    """The office's own assessment (Báo cáo → Nội dung báo cáo → tổng hợp): 1. Ưu điểm, 2. Tồn tại, hạn chế,
    3. Nguyên nhân, numbered as they are written."""
    parts = [("Ưu điểm", officer_lines(texts.uu_diem)), ("Tồn tại, hạn chế", officer_lines(texts.ton_tai)),
             ("Nguyên nhân", officer_lines(texts.nguyen_nhan))]
    blocks: list[Block] = []
    for n, (title, lines) in enumerate([p for p in parts if p[1]], 1):
        blocks += [Heading(f"{n}. {title}", level=2), *(Para(t) for t in lines)]
    return blocks


def _office_tasks(texts: ReportTexts, targets) -> list[Block]:
    """Next month's tasks: the general ones, then those written for a group of targets, in the annex's order."""
    titles = dict.fromkeys(group_title(line.heading) for t in targets for _, line in t.lines[:1])
    written = [(title, officer_lines(texts.tasks.get(group_key(title), ""))) for title in titles if title]
    blocks: list[Block] = [Para(t) for t in officer_lines(texts.nhiem_vu)]
    for n, (title, lines) in enumerate([w for w in written if w[1]], 1):
        if len(lines) == 1:
            blocks.append(Para(f"{n}. {title}: {lines[0]}"))
        else:
            blocks += [Para(f"{n}. {title}:"), *(Para(t) for t in lines)]
    return blocks


def district_report(db: sqlite_utils.Database, period: Period, today: date, number: str = "") -> ReportDoc:
    ctx = workspace.context_for(db, period, read_only=True)  # the month's year, not the plan on screen
    plan_id, plan = ctx.plan.id, ctx.plan.plan
    board = district.board(db, plan_id, workspace.report_day(ctx), today)
    targets = district.consolidated(db, plan_id, period)
    words = f"tháng {period.month:02d}/{period.year}"
    frame = frame_for(ctx, f"Tổng hợp kết quả thực hiện chuyển đổi số {words} của các đơn vị", today, number)
    office, area = ctx.unit.name, ctx.settings.district
    cells = [(u, board.cells[(u.id, period.key)]) for u in board.units]
    ranking, chart = _ranking(targets, cells, words)
    texts = report_register.texts(db, "district", period)  # the office's own words; a part left empty is left out
    addressee = texts.de_xuat_gui or ctx.settings.consolidating_office
    sections = [("TÌNH HÌNH GỬI BÁO CÁO", _sending(cells, words)), ("KẾT QUẢ THEO CHỈ TIÊU", _per_target(targets)),
                ("XẾP HẠNG ĐƠN VỊ THEO TỶ LỆ CHỈ TIÊU ĐẠT", ranking),
                ("ĐÁNH GIÁ CHUNG", _office_assessment(texts)),
                ("KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN CỦA CÁC ĐƠN VỊ", _by_target(targets, _difficulty)),
                ("ĐỀ XUẤT, KIẾN NGHỊ CỦA CÁC ĐƠN VỊ", _by_target(targets, lambda e: e.proposals)),
                ("NHIỆM VỤ, GIẢI PHÁP THÁNG TỚI", _office_tasks(texts, targets)),
                ("ĐỀ XUẤT, KIẾN NGHỊ", [Para(t) for t in numbered([addressed(t, addressee)
                                                                   for t in officer_lines(texts.de_xuat)])])]
    body: list[Block] = [Para(f"Thực hiện {plan.label}, {office} tổng hợp kết quả thực hiện chuyển đổi số {words} "
                              f"của các đơn vị trên địa bàn {area} như sau:")]
    n = 0
    for title, blocks in sections:
        if blocks:
            n += 1
            body += [Heading(f"{roman(n)}. {title}"), *blocks]
    body.append(Para(f"Trên đây là báo cáo tổng hợp kết quả thực hiện chuyển đổi số {words} của các đơn vị trên địa bàn "
                     f"{area}."))
    return ReportDoc(f"Báo cáo tổng hợp {words} — {office}", frame, tuple(body), (),
                     {"chart-ranking.png": chart} if chart else {})
