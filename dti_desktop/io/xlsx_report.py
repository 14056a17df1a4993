"""Workbooks for people: a unit's monthly results (bao-cao.xlsx) and the consolidated report."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.numbers import format_number
from ..domain.report import ReportHeading, ReportLine, TargetAcrossUnits
from ..fileutil import atomic_path
from .xlsx_style import (
    BODY,
    BOLD,
    BORDER,
    HEADER_FILL,
    ITALIC,
    NO_WRAP,
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

    Written in openpyxl's write-only mode (rows streamed, styles shared): a province's 200 units
    make tens of thousands of cells, and the normal mode keeps them all in memory, slowly.
    """
    wb = Workbook(write_only=True)
    summary_columns = [("TT", 5), ("Chỉ tiêu", 36), ("Mục tiêu", 11), ("Số đơn vị báo cáo", 9),
                       ("Số đơn vị đạt", 9), ("Tỷ lệ đạt (%)", 9)] + [(u, 14) for u in units]
    summary_rows = ([t.code, t.target_text, t.goal, str(t.reporting), str(t.reached), format_number(t.share, 1)]
                    + [line.result_text() + (f" ({line.status_text()})" if line.entry else "Chưa báo cáo")
                       for _, line in t.lines] for t in targets)
    _stream_sheet(wb, "Tổng hợp", heading, summary_columns, summary_rows, freeze="C")
    detail_columns = [("TT", 5), ("Đơn vị", 22)] + list(UNIT_COLUMNS[1:])
    detail_rows = ([t.code, unit, t.target_text, t.goal, line.result_text(), line.status_text(),
                    line.assessment_text(), line.evidence_text(), line.entry.difficulties if line.entry else "",
                    line.entry.causes if line.entry else "", line.entry.proposals if line.entry else ""]
                   for t in targets for unit, line in t.lines)
    _stream_sheet(wb, "Chi tiết", heading, detail_columns, detail_rows, freeze="C")
    board_columns = [(name, 26 if i == 0 else 11) for i, name in enumerate(board_header)]
    _stream_sheet(wb, "Tình hình gửi", heading, board_columns, iter(board), freeze="B")
    with atomic_path(Path(path)) as tmp:
        wb.save(tmp)
    return Path(path)


def _stream_sheet(wb: Workbook, title: str, heading: ReportHeading, columns, rows, freeze: str) -> None:
    """Title lines, a header row repeated on every printed page, then the rows; every cell is text."""
    ws = wb.create_sheet(title)
    for col, (_, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    header_row = 5
    ws.freeze_panes = f"{freeze}{header_row + 1}"
    setup_a4(ws, landscape=True, header_rows=f"{header_row}:{header_row}", fit_width=len(columns) <= 14)

    styles = StyleCache()

    def cell(value: str, font, alignment, border=None, fill=None) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value=value)
        c.data_type = "s"  # text, never a formula, whatever it starts with
        styles.apply(c, font, alignment, border, fill)
        return c

    ws.append([cell(heading.unit.upper(), BOLD, NO_WRAP)])
    ws.append([cell(heading.title, TITLE, NO_WRAP)])
    ws.append([cell(heading.subtitle, ITALIC, NO_WRAP)])
    ws.append([])
    widths = [w for _, w in columns]
    ws.row_dimensions[header_row].height = max(estimate_lines(n, w) for n, w in columns) * 14 + 3
    ws.append([cell(name, BOLD, WRAP_CENTER, BORDER, HEADER_FILL) for name, _ in columns])
    for number, values in enumerate(rows, start=header_row + 1):
        lines = max(estimate_lines(str(v or ""), widths[i]) for i, v in enumerate(values))
        ws.row_dimensions[number].height = lines * 14 + 3  # set before the row is written (streamed)
        ws.append([cell(v or "", BODY, WRAP_CENTER if i == 0 else WRAP_TOP, BORDER) for i, v in enumerate(values)])
