"""Workbooks for people: a unit's monthly results (bao-cao.xlsx) and the consolidated report.

Both are streamed by xlsx_stream (openpyxl is for the catalogue workbooks, which it also reads)."""

from __future__ import annotations

from pathlib import Path

from ..domain.report import NOT_REPORTED, ReportHeading, ReportLine, TargetAcrossUnits
from . import xlsx_stream as stream
from .xlsx_stream import SheetLayout, fitted_rows, row_height, write_workbook

UNIT_COLUMNS = (("TT", 5), ("Chỉ tiêu", 40), ("Mục tiêu giao", 12), ("Kết quả thực hiện", 14),
                ("Tình trạng", 12), ("Đánh giá đạt/chưa đạt", 11), ("Minh chứng", 24),
                ("Khó khăn vướng mắc", 18), ("Nguyên nhân", 14), ("Đề xuất kiến nghị", 18))


def _top(heading: ReportHeading, columns, centred: bool):
    """The rows above the table: unit, title and subtitle (centred over merged cells, or left as they run into
    the empty cells of a wide sheet), a blank row, then the header row (row 5)."""
    styles = ((stream.TITLE_BOLD_CENTER, stream.TITLE_CENTER, stream.SUBTITLE_CENTER) if centred
              else (stream.TITLE_BOLD, stream.TITLE, stream.SUBTITLE))
    for text, style in zip((heading.unit.upper(), heading.title, heading.subtitle), styles):
        yield [text], style, None
    yield [], stream.PLAIN, None
    names = [name for name, _ in columns]
    yield names, stream.HEADER, row_height(names, [w for _, w in columns])


def write_unit_report(path: Path, heading: ReportHeading, lines: list[ReportLine], durable: bool = True) -> Path:
    """The annex with result columns, A4 landscape, header row repeated on every page (streamed: it is
    written inside every package a unit sends)."""
    ncols = len(UNIT_COLUMNS)
    widths = [w for _, w in UNIT_COLUMNS]
    header = 5
    last = stream.column_letter(ncols)
    layout = SheetLayout("Báo cáo", widths, freeze=f"C{header + 1}", header_row=header,
                         merges=tuple(f"A{r}:{last}{r}" for r in (1, 2, 3)))
    body_styles = (stream.BODY_CENTER,) + (stream.BODY_TOP,) * (ncols - 1)
    part_styles = (stream.PART_CENTER,) + (stream.PART_TOP,) * (ncols - 1)

    def rows():
        yield from _top(heading, UNIT_COLUMNS, centred=True)
        group = None
        for line in lines:
            if line.heading != group:
                group = line.heading
                if group[1]:  # a group without a title (an annex with no headings) has no heading row
                    values = [*group] + [""] * (ncols - 2)
                    yield values, part_styles, row_height(values, widths)
            e = line.entry
            values = [line.code, line.target.text, line.goal_text, line.result_text(), line.status_text(),
                      line.assessment_with_reason(), line.evidence_text(), e.difficulties if e else "",
                      e.causes if e else "", e.proposals if e else ""]
            for part, height in fitted_rows(values, widths):
                yield part, body_styles, height

    return write_workbook(path, [(layout, rows())], durable)


# Up to this many units "Tổng hợp" is printed fitted to the page width (A4 landscape; 20 units print at about half
# size); more would print too small to read, and its pages go on to the right, the target columns repeated on each.
FIT_WIDTH_UNITS = 30


def write_consolidated(path: Path, heading: ReportHeading, targets: list[TargetAcrossUnits],
                       units: list[str], board: list[list[str]], board_header: list[str]) -> Path:
    """Three sheets: Tổng hợp (target × unit), Chi tiết (one row per unit and target), Tình hình gửi; each printed
    A4 landscape with its header row on every page and "Trang 1/3" at the foot.

    Streamed by xlsx_stream (rows straight to XML, a handful of shared styles): a province's 200 units
    make some 70 000 bordered, wrapped cells, which openpyxl styles one cell object at a time.
    """
    summary_columns = [("TT", 5), ("Chỉ tiêu", 32), ("Mục tiêu", 10), ("Số đơn vị được giao", 8),
                       ("Số đơn vị báo cáo", 8), ("Số đơn vị đạt", 8), ("Tỷ lệ đạt trên số được giao (%)", 9)] \
        + [(u, 12) for u in units]
    summary_rows = ([t.code, t.target_text, t.goal, t.expected, t.reporting, t.reached, round(t.share, 1)]
                    + [t.state_text(unit, line) for unit, line in t.lines] for t in targets)
    # the counts and the share are numbers the office sums and sorts; the rest is text
    summary_styles = ((stream.BODY_CENTER, stream.BODY_TOP, stream.BODY_TOP) + (stream.NUMBER,) * 3
                      + (stream.DECIMAL,) + (stream.BODY_TOP,) * len(units))
    detail_columns = [("TT", 5), ("Đơn vị", 22)] + list(UNIT_COLUMNS[1:])
    detail_rows = ([t.code, unit, t.target_text, t.goal, line.result_text(),
                    line.status_text(NOT_REPORTED) if t.expects(unit, line) else "Không giao",
                    line.assessment_with_reason(), line.evidence_text(),
                    line.entry.difficulties if line.entry else "",
                    line.entry.causes if line.entry else "", line.entry.proposals if line.entry else ""]
                   for t in targets for unit, line in t.lines)
    board_columns = [(name, 26 if i == 0 else 11) for i, name in enumerate(board_header)]
    return write_workbook(path, [
        _sheet("Tổng hợp", heading, summary_columns, summary_rows, freeze="C", styles=summary_styles,
               fit=len(units) <= FIT_WIDTH_UNITS),
        _sheet("Chi tiết", heading, detail_columns, detail_rows, freeze="C"),
        _sheet("Tình hình gửi", heading, board_columns, iter(board), freeze="B"),
    ])


def _sheet(title: str, heading: ReportHeading, columns, rows, freeze: str, styles: tuple[int, ...] | None = None,
           fit: bool = True):
    """Title lines, a header row repeated on every printed page, then the rows (heights fitted to the text),
    styled by `styles`, one per column (by default the first column centred, the others text at the top).

    `fit`: printed fitted to the page width; else over several pages across, the frozen columns on each of them."""
    header_row = 5
    widths = [w for _, w in columns]
    layout = SheetLayout(title, widths, freeze=f"{freeze}{header_row + 1}", header_row=header_row,
                         fit_width=fit, title_columns=None if fit else f"A:{chr(ord(freeze) - 1)}")
    body_styles = styles or (stream.BODY_CENTER,) + (stream.BODY_TOP,) * (len(columns) - 1)

    def lines():
        yield from _top(heading, columns, centred=False)
        for values in rows:
            for part, height in fitted_rows(values, widths):
                yield part, body_styles, height

    return layout, lines()
