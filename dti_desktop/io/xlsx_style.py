"""Workbook styling shared by every export: Times New Roman, thin borders, A4."""

from __future__ import annotations

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from .xlsx_stream import FONT_NAME, row_height

BODY = Font(name=FONT_NAME, size=11)
BOLD = Font(name=FONT_NAME, size=11, bold=True)
TITLE = Font(name=FONT_NAME, size=13, bold=True)
ITALIC = Font(name=FONT_NAME, size=12, italic=True)
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
WRAP_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
PART_FILL = PatternFill("solid", fgColor="EDEDED")


def put_text(cell: Cell, value: str) -> None:
    """Write a string as text, never as a formula (cells starting with = + - @ included)."""
    cell.value = value
    cell.data_type = "s"


def setup_a4(ws: Worksheet, *, landscape: bool, header_rows: str | None = None, fit_width: bool = True) -> None:
    """A4 page, fit to width (unless too wide to read so), margins close to NĐ 30/2020 (left 30 mm)."""
    ws.page_setup.paperSize = 9  # A4 (Worksheet.PAPERSIZE_A4; write-only sheets lack the constant)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if fit_width:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = 30 / 25.4
    ws.page_margins.right = 15 / 25.4
    ws.page_margins.top = 20 / 25.4
    ws.page_margins.bottom = 20 / 25.4
    ws.print_options.horizontalCentered = True
    if header_rows:
        ws.print_title_rows = header_rows


def fit_row_height(ws: Worksheet, row: int, widths: dict[int, float], *, columns: range | None = None) -> None:
    """Set the row's height to its tallest wrapped cell among `columns` (default: all in widths)."""
    cols = list(columns or widths.keys())
    ws.row_dimensions[row].height = row_height([ws.cell(row=row, column=c).value for c in cols],
                                               [widths[c] for c in cols])
