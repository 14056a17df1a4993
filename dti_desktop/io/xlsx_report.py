"""Workbooks for people: a unit's monthly results (bao-cao.xlsx) and the consolidated report."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.numbers import format_number
from ..domain.report import ReportHeading, ReportLine, TargetAcrossUnits
from ..fileutil import atomic_path
from . import xlsx_stream as stream
from .xlsx_stream import SheetLayout, write_workbook
from .xlsx_style import (
    BODY,
    BOLD,
    BORDER,
    HEADER_FILL,
    ITALIC,
    PART_FILL,
    TITLE,
    WRAP_CENTER,
    WRAP_TOP,
    StyleCache,
    estimate_lines,
    fit_row_height,
    put_text,
    setup_a4,
)

UNIT_COLUMNS = (("TT", 5), ("Chỉ tiêu", 40), ("Mục tiêu giao", 12), ("Kết quả thực hiện", 14),
                ("Tình trạng", 12), ("Đánh giá đạt/chưa đạt", 11), ("Minh chứng", 24),
                ("Khó khăn vướng mắc", 18), ("Nguyên nhân", 14), ("Đề xuất kiến nghị", 18))


def _heading(ws: Worksheet, heading: ReportHeading, ncols: int) -> int:
    last = get_column_letter(ncols)
    for row, text, font in ((1, heading.unit.upper(), BOLD), (2, heading.title, TITLE), (3, heading.subtitle, ITALIC)):
        ws.merge_cells(f"A{row}:{last}{row}")
        cell = ws.cell(row=row, column=1)
        put_text(cell, text)
        cell.font, cell.alignment = font, WRAP_CENTER
    return 5


def _header_row(ws: Worksheet, row: int, columns) -> dict[int, float]:
    widths = {}
    for col, (name, width) in enumerate(columns, start=1):
        cell = ws.cell(row=row, column=col)
        put_text(cell, name)
        cell.font, cell.alignment, cell.border, cell.fill = BOLD, WRAP_CENTER, BORDER, HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = width
        widths[col] = width
    fit_row_height(ws, row, widths)
    return widths


def _write_row(ws: Worksheet, row: int, values: list[str], widths: dict[int, float], styles: StyleCache,
               fill=None, bold=False) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col)
        put_text(cell, value)
        styles.apply(cell, BOLD if bold else BODY, WRAP_CENTER if col == 1 else WRAP_TOP, BORDER, fill)
    lines = max(estimate_lines(str(v or ""), widths[c]) for c, v in enumerate(values, start=1))
    ws.row_dimensions[row].height = lines * 14 + 3


def write_unit_report(path: Path, heading: ReportHeading, lines: list[ReportLine], durable: bool = True) -> Path:
    """The annex with result columns, A4 landscape, header row repeated on every page."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    header = _heading(ws, heading, len(UNIT_COLUMNS))
    widths = _header_row(ws, header, UNIT_COLUMNS)
    row, group, styles = header + 1, None, StyleCache()
    for line in lines:
        if line.group_title and (line.group_no, line.group_title) != group:
            group = (line.group_no, line.group_title)
            _write_row(ws, row, [line.group_no, line.group_title] + [""] * (len(UNIT_COLUMNS) - 2), widths,
                       styles, PART_FILL, bold=True)
            row += 1
        e = line.entry
        _write_row(ws, row, [line.code, line.target.text, line.goal_text, line.result_text(), line.status_text(),
                             line.assessment_text(), line.evidence_text(), e.difficulties if e else "",
                             e.causes if e else "", e.proposals if e else ""], widths, styles)
        row += 1
    ws.freeze_panes = f"C{header + 1}"
    setup_a4(ws, landscape=True, header_rows=f"{header}:{header}")
    with atomic_path(Path(path), durable) as tmp:
        wb.save(tmp)
    return Path(path)


def write_consolidated(path: Path, heading: ReportHeading, targets: list[TargetAcrossUnits],
                       units: list[str], board: list[list[str]], board_header: list[str]) -> Path:
    """Three sheets: Tổng hợp (target × unit), Chi tiết (one row per unit and target), Tình hình gửi.

    Streamed by xlsx_stream (rows straight to XML, a handful of shared styles): a province's 200 units
    make some 70 000 bordered, wrapped cells, which openpyxl styles one cell object at a time.
    """
    summary_columns = [("TT", 5), ("Chỉ tiêu", 36), ("Mục tiêu", 11), ("Số đơn vị báo cáo", 9),
                       ("Số đơn vị đạt", 9), ("Tỷ lệ đạt (%)", 9)] + [(u, 14) for u in units]
    summary_rows = ([t.code, t.target_text, t.goal, str(t.reporting), str(t.reached), format_number(t.share, 1)]
                    + [line.result_text() + (f" ({line.status_text()})" if line.entry else "Chưa báo cáo")
                       for _, line in t.lines] for t in targets)
    detail_columns = [("TT", 5), ("Đơn vị", 22)] + list(UNIT_COLUMNS[1:])
    detail_rows = ([t.code, unit, t.target_text, t.goal, line.result_text(), line.status_text(),
                    line.assessment_text(), line.evidence_text(), line.entry.difficulties if line.entry else "",
                    line.entry.causes if line.entry else "", line.entry.proposals if line.entry else ""]
                   for t in targets for unit, line in t.lines)
    board_columns = [(name, 26 if i == 0 else 11) for i, name in enumerate(board_header)]
    return write_workbook(path, [
        _sheet("Tổng hợp", heading, summary_columns, summary_rows, freeze="C"),
        _sheet("Chi tiết", heading, detail_columns, detail_rows, freeze="C"),
        _sheet("Tình hình gửi", heading, board_columns, iter(board), freeze="B"),
    ])


def _sheet(title: str, heading: ReportHeading, columns, rows, freeze: str):
    """Title lines, a header row repeated on every printed page, then the rows (heights fitted to the text)."""
    header_row = 5
    widths = [w for _, w in columns]
    layout = SheetLayout(title, widths, freeze=f"{freeze}{header_row + 1}", header_row=header_row,
                         fit_width=len(columns) <= 14)
    body_styles = (stream.BODY_CENTER,) + (stream.BODY_TOP,) * (len(columns) - 1)

    def lines():
        yield [heading.unit.upper()], stream.TITLE_BOLD, None
        yield [heading.title], stream.TITLE, None
        yield [heading.subtitle], stream.SUBTITLE, None
        yield [], stream.PLAIN, None
        yield ([name for name, _ in columns], stream.HEADER,
               max(estimate_lines(n, w) for n, w in columns) * 14 + 3)
        for values in rows:
            height = max(estimate_lines(v or "", widths[i]) for i, v in enumerate(values)) * 14 + 3
            yield values, body_styles, height

    return layout, lines()
