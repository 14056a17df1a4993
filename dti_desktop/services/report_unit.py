"""A unit's month, quarter or year report, shaped like the real ones (seeds 002, 003): I. Công tác lãnh đạo, chỉ
đạo (the register), II. Kết quả thực hiện (per group, each target in a sentence), III. Đánh giá chung, IV. Nhiệm
vụ, giải pháp kỳ tới, V. Đề xuất, kiến nghị, the closing sentence, and the table as the appendix."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.admin_doc import labelled, remark_lines
from ..domain.issued_docs import summary as register_summary
from ..domain.periods import Period
from ..domain.report import ReportLine
from ..domain.report_doc import Block, Heading, Para, ReportDoc, roman
from ..domain.report_table import result_grid
from ..domain.report_texts import ReportTexts, group_key
from ..domain.report_words import (Dated, addressed, changes, counts, group_heading, groups, numbered, officer_lines,
                                   overall, target_sentence)
from ..domain.text import shorten
from . import report_register, workspace
from .report_common import attached_to, dated_lines, frame_for, issuer_of, months, previous_span, span, until

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


class _Sections:
    """Numbers the sections that have something to say: I, II, … in the order they come."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.count = 0

    def add(self, title: str, blocks: list[Block]) -> None:
        if blocks:
            self.count += 1
            self.blocks += [Heading(f"{roman(self.count)}. {title}"), *blocks]


def _paras(texts: list[str]) -> list[Block]:
    """Paragraphs; a "./." typed inside the body (pasted from a finished report) ends as a sentence: only the
    report's last line carries it."""
    return [Para(t[:-3].rstrip().rstrip(".") + "." if t.rstrip().endswith("./.") else t) for t in texts]


def _leadership(db, ctx, kind: str, period: Period, words: str, texts: ReportTexts) -> list[Block]:
    docs = report_register.documents(db, kind, period)
    blocks: list[Block] = []
    if docs:
        blocks.append(Para(register_summary(issuer_of(ctx), words, docs)))
        items = [f"- {d.line()}" for d in docs]
        blocks += _paras([t + ";" for t in items[:-1]] + [items[-1] + "."])
    return blocks + _paras(officer_lines(texts.lanh_dao))


def _results(dated: list[Dated], before: list[Dated] | None, ctx, kind: str, first: Period, last: Period,
             words: str, words_before: str, today: date, months_reported: set[Period]) -> list[Block]:
    issuer = issuer_of(ctx)
    reported = sorted(months_reported)
    blocks: list[Block] = [Para(overall(counts(dated), issuer, until(last, today, words)))]
    if kind != "month":
        span_months = [m for m in months(first, last) if date(m.year, m.month, 1) <= today]
        latest = f"; số liệu mới nhất là của tháng {reported[-1].month:02d}/{reported[-1].year}" if reported else ""
        blocks.append(Para(f"Số liệu tổng hợp từ kết quả các tháng trong {words}: mỗi chỉ tiêu lấy kết quả gần nhất "
                           f"trong kỳ; đơn vị đã cập nhật kết quả {len(reported):02d}/{len(span_months):02d} tháng"
                           f"{latest}."))
    if before is not None and (change := changes(dated, before, words_before)):
        blocks.append(Para(change))
    shown_last = reported[-1] if reported else last
    for n, (title, targets) in enumerate(groups(dated), 1):
        blocks.append(Heading(group_heading(n, title, targets), level=2))
        blocks += [Para(target_sentence(d, shown_last)) for d in targets]
    return blocks


def _assessment(dated: list[Dated], texts: ReportTexts) -> list[Block]:
    with_entry = [d.line for d in dated if d.line.entry]
    # written for the report, else what the entries say, target by target
    difficulties = officer_lines(texts.ton_tai) or [
        t for line in with_entry for t in labelled(f"- Chỉ tiêu {line.code}", line.entry.difficulties)]
    causes = officer_lines(texts.nguyen_nhan) or [
        t for line in with_entry for t in labelled(f"- Chỉ tiêu {line.code}", line.entry.causes)]
    blocks: list[Block] = []
    parts = [("Ưu điểm", officer_lines(texts.uu_diem)), ("Tồn tại, hạn chế", difficulties), ("Nguyên nhân", causes)]
    for n, (title, lines) in enumerate([p for p in parts if p[1]], 1):
        blocks += [Heading(f"{n}. {title}", level=2), *_paras(lines)]
    return blocks


def _tasks(dated: list[Dated], texts: ReportTexts) -> list[Block]:
    by_group = groups(dated)
    written = [(title, officer_lines(texts.tasks.get(group_key(title), ""))) for title, _ in by_group]
    general = officer_lines(texts.nhiem_vu)
    if not general and not any(lines for _, lines in written):  # nothing written: the open targets, per group
        written = [(title, [f"Tập trung hoàn thành {len(open_):02d} chỉ tiêu chưa hoàn thành: "
                            + "; ".join(f"chỉ tiêu {d.line.code} ({shorten(d.line.target.text, 90)})" for d in open_)
                            + "."])
                   for title, targets in by_group if (open_ := [d for d in targets if not d.done])]
    blocks: list[Block] = _paras(general)
    for n, (title, lines) in enumerate([w for w in written if w[1]], 1):
        if len(lines) == 1:
            blocks.append(Para(f"{n}. {title}: {lines[0]}"))
        else:
            blocks += [Para(f"{n}. {title}:"), *_paras(lines)]
    return blocks


def _proposals(dated: list[Dated], texts: ReportTexts, addressee: str) -> list[Block]:
    written = officer_lines(texts.de_xuat)
    if not written:  # the proposals the month's entries carry, per target
        written = [f"{re.sub(r'[./;:!?…]+$', '', text.lstrip('+ '))} (chỉ tiêu {d.line.code})." for d in dated
                   if d.line.entry for text in remark_lines(d.line.entry.proposals)]
    return _paras(numbered([addressed(t, addressee) for t in written]))


def unit_report(db: sqlite_utils.Database, store: Path, kind: str, period: Period, today: date,
                number: str = "", given: dict[Period, list[ReportLine]] | None = None) -> ReportDoc:
    """Báo cáo kết quả thực hiện chuyển đổi số tháng/quý/năm of the own unit; `given`: lines already read."""
    ctx = workspace.context_for(db, period, read_only=True)  # a report only reads
    first, last, words, next_words = span(kind, period)
    months_reported: set[Period] = set()
    dated = dated_lines(db, store, ctx, first, last, today, months_reported, given)
    before_span = previous_span(kind, period)
    before = dated_lines(db, store, ctx, before_span[0], before_span[1], today) if before_span else None
    texts = report_register.texts(db, kind, period)
    subject = f"Kết quả thực hiện chuyển đổi số {words}"
    frame = frame_for(ctx, subject, today, number)
    issuer, plan = issuer_of(ctx), ctx.plan.plan
    # proposals go to the office that consolidates, else up to the area's People's Committee
    addressee = texts.de_xuat_gui or ctx.settings.consolidating_office or \
        (f"UBND {ctx.settings.district}" if ctx.settings.district else "")
    sections = _Sections()
    sections.add("CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", _leadership(db, ctx, kind, period, words, texts))
    sections.add("KẾT QUẢ THỰC HIỆN", _results(dated, before, ctx, kind, first, last, words,
                                                before_span[2] if before_span else "", today, months_reported))
    sections.add("ĐÁNH GIÁ CHUNG", _assessment(dated, texts))
    sections.add(f"NHIỆM VỤ, GIẢI PHÁP {next_words}", _tasks(dated, texts))
    sections.add("ĐỀ XUẤT, KIẾN NGHỊ", _proposals(dated, texts, addressee))
    intro = Para(f"Thực hiện {plan.label} về chuyển đổi số năm {plan.year}, {issuer} báo cáo kết quả thực hiện "
                 f"chuyển đổi số {words} như sau:")
    closing = Para(f"Trên đây là báo cáo kết quả thực hiện chuyển đổi số {words} của {issuer}.")
    appendix = (Para("PHỤ LỤC", indent=False, align="center", bold=True),
                Para(f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHUYỂN ĐỔI SỐ {words.upper()}", indent=False, align="center",
                     bold=True),
                Para(attached_to(frame, today, issuer), indent=False, align="center", italic=True),
                result_grid(dated, last if kind == "month" else None))
    return ReportDoc(f"Báo cáo {words} — {ctx.unit.name}", frame, (intro, *sections.blocks, closing), appendix)
