"""The appendix table of a unit's report: every target, its goal, result, status and evidence, by group.

Columns are sized from what they hold: a long evidence note gets a wider column (it wrapped a few words a line
in an 18 % column and a 27-target report grew to 22 pages), the target's text the rest.
"""

from __future__ import annotations

from .periods import Period
from .report import ReportLine
from .report_doc import Grid
from .report_words import Dated

FIXED = (("TT", 7), ("Mục tiêu", 12), ("Kết quả", 14), ("Tình trạng, đánh giá", 14))
TEXT_SHARE = 100 - sum(w for _, w in FIXED)  # the target's text and the evidence share the rest
MIN_EVIDENCE, MAX_EVIDENCE = 14, 32


def assessment_cell(line: ReportLine) -> str:
    """The status always, the assessment when there is one, and the officer's reason when they set it by hand: a
    reader must see why it is not what the figures say."""
    if line.entry is None:
        return "Chưa có kết quả"
    return "; ".join(x for x in (line.status_text(), line.assessment_with_reason()) if x)


def _lines(text: str, width_pct: int, font_pt: float) -> int:
    """Lines a cell's text takes in a column (a Times-like serif averages about half an em a character)."""
    chars = max(1.0, (width_pct * 1.65 - 3.2) / (0.5 * font_pt * 25.4 / 72))
    return sum(max(1, -(-len(part) // int(chars))) for part in (text or " ").split("\n"))


def text_widths(targets: list[str], evidence: list[str], font_pt: float = 11) -> tuple[int, int]:
    """(target text, evidence) widths in percent: the split that keeps rows short (a row is as tall as its tallest
    cell; squared, a row of 25 lines weighs more than five of 5: a long note is not squeezed into a thin column
    to save a line on every other row), the evidence between MIN_EVIDENCE and MAX_EVIDENCE."""
    def height(ev: int) -> int:
        return sum(max(_lines(t, TEXT_SHARE - ev, font_pt), _lines(e, ev, font_pt)) ** 2
                   for t, e in zip(targets, evidence))

    return min(((TEXT_SHARE - ev, ev) for ev in range(MIN_EVIDENCE, MAX_EVIDENCE + 1)),
               key=lambda widths: (height(widths[1]), abs(widths[1] - 20)))


def result_grid(dated: list[Dated], month: Period | None = None, font_pt: float = 11) -> Grid:
    """The appendix's table; `month`: a month's report (results from another month say which; a quarter's or a
    year's report names every result's month)."""
    rows, group = [], None
    for d in dated:
        line = d.line
        if line.heading != group:
            group = line.heading
            if group[1]:  # a group without a title (an annex with no headings) has no heading row
                rows.append(((group[0], group[1]), "group"))
        result = line.result_text() or "—"
        if d.month is not None and (month is None or d.month != month) and line.entry is not None:
            result += f" (tháng {d.month.month:02d}/{d.month.year})"
        rows.append(((line.code, line.target.text, line.goal_text, result, assessment_cell(line),
                      line.evidence_text()), ""))
    target_w, evidence_w = text_widths([d.line.target.text for d in dated], [d.line.evidence_text() for d in dated],
                                       font_pt)
    headers = (FIXED[0], ("Chỉ tiêu", target_w), *FIXED[1:], ("Minh chứng", evidence_w))
    return Grid(headers, tuple(rows), font_pt)
