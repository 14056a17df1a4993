"""Workbooks for people: a unit's monthly results (bao-cao.xlsx) and the consolidated report."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.numbers import format_number
from ..domain.report import ReportHeading, ReportLine, TargetAcrossUnits
from .atomic import atomic_path
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


def _write_row(ws: Worksheet, row: int, values: list[str], widths: dict[int, float], fill=None, bold=False) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col)
        put_text(cell, value)
        cell.font, cell.border = (BOLD if bold else BODY), BORDER
        cell.alignment = WRAP_CENTER if col == 1 else WRAP_TOP
        if fill:
            cell.fill = fill
    fit_row_height(ws, row, widths)


def write_unit_report(path: Path, heading: ReportHeading, lines: list[ReportLine]) -> Path:
    """The annex with result columns, A4 landscape, header row repeated on every page."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    header = _heading(ws, heading, len(UNIT_COLUMNS))
    widths = _header_row(ws, header, UNIT_COLUMNS)
    row, group = header + 1, None
    for line in lines:
        if line.group_title and (line.group_no, line.group_title) != group:
            group = (line.group_no, line.group_title)
            _write_row(ws, row, [line.group_no, line.group_title] + [""] * (len(UNIT_COLUMNS) - 2), widths,
                       PART_FILL, bold=True)
            row += 1
        e = line.entry
        _write_row(ws, row, [line.code, line.target.text, line.goal_text, line.result_text(), line.status_text(),
                             line.assessment_text(), line.evidence_text(), e.difficulties if e else "",
                             e.causes if e else "", e.proposals if e else ""], widths)
        row += 1
    ws.freeze_panes = f"C{header + 1}"
    setup_a4(ws, landscape=True, header_rows=f"{header}:{header}")
    with atomic_path(Path(path)) as tmp:
        wb.save(tmp)
    return Path(path)


def write_consolidated(path: Path, heading: ReportHeading, targets: list[TargetAcrossUnits],
                       units: list[str], board: list[list[str]], board_header: list[str]) -> Path:
    """Three sheets: Tổng hợp (target × unit), Chi tiết (one row per unit and target), Tình hình gửi."""
    wb = Workbook()
    summary = wb.active
    summary.title = "Tổng hợp"
    columns = [("TT", 5), ("Chỉ tiêu", 36), ("Mục tiêu", 11), ("Số đơn vị báo cáo", 9), ("Số đơn vị đạt", 9),
               ("Tỷ lệ đạt (%)", 9)] + [(u, 14) for u in units]
    header = _heading(summary, heading, len(columns))
    widths = _header_row(summary, header, columns)
    for i, t in enumerate(targets, start=header + 1):
        cells = [line.result_text() + (f" ({line.status_text()})" if line.entry else "Chưa báo cáo")
                 for _, line in t.lines]
        _write_row(summary, i, [t.code, t.target_text, t.goal, str(t.reporting), str(t.reached),
                                format_number(t.share, 1)] + cells, widths)
    summary.freeze_panes = f"C{header + 1}"
    setup_a4(summary, landscape=True, header_rows=f"{header}:{header}")
    _detail_sheet(wb.create_sheet("Chi tiết"), heading, targets)
    _board_sheet(wb.create_sheet("Tình hình gửi"), heading, board, board_header)
    with atomic_path(Path(path)) as tmp:
        wb.save(tmp)
    return Path(path)


def _detail_sheet(ws: Worksheet, heading: ReportHeading, targets: list[TargetAcrossUnits]) -> None:
    columns = [("TT", 5), ("Đơn vị", 22)] + list(UNIT_COLUMNS[1:])
    header = _heading(ws, heading, len(columns))
    widths = _header_row(ws, header, columns)
    row = header + 1
    for t in targets:
        for unit, line in t.lines:
            e = line.entry
            _write_row(ws, row, [t.code, unit, t.target_text, t.goal, line.result_text(), line.status_text(),
                                 line.assessment_text(), line.evidence_text(), e.difficulties if e else "",
                                 e.causes if e else "", e.proposals if e else ""], widths)
            row += 1
    setup_a4(ws, landscape=True, header_rows=f"{header}:{header}")


def _board_sheet(ws: Worksheet, heading: ReportHeading, board: list[list[str]], board_header: list[str]) -> None:
    columns = [(name, 26 if i == 0 else 11) for i, name in enumerate(board_header)]
    header = _heading(ws, heading, len(columns))
    widths = _header_row(ws, header, columns)
    for i, cells in enumerate(board, start=header + 1):
        _write_row(ws, i, cells, widths)
    setup_a4(ws, landscape=True, header_rows=f"{header}:{header}")
