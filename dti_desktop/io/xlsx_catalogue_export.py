"""Export a catalogue to the annex workbook the district sends to every commune."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.annex import Catalogue
from ..domain.catalogue import Plan
from ..domain.dates import display_date
from ..fileutil import atomic_path
from .catalogue_layout import COLUMNS, HEADER_ROW, INFO_FIELDS, PART_LABEL, SHEET_ANNEX, SHEET_INFO
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

WIDTHS = {i: spec.width for i, spec in enumerate(COLUMNS, start=1)}
# "Ghi chú" holds remarks for the office, not the annex: it is kept out of the print area.
PRINTED = range(1, len(COLUMNS))


def export_catalogue(catalogue: Catalogue, path: Path) -> Path:
    """Write the annex workbook atomically; returns the path written."""
    wb = Workbook()
    annex = wb.active
    annex.title = SHEET_ANNEX
    _write_annex(annex, catalogue)
    _write_info(wb.create_sheet(SHEET_INFO), catalogue)
    with atomic_path(Path(path)) as tmp:
        wb.save(tmp)
    return Path(path)


def _title_rows(ws: Worksheet, plan: Plan) -> None:
    last = get_column_letter(len(COLUMNS))
    for row, text, font in (
        (1, f"CÁC MỤC TIÊU, CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM {plan.year}", TITLE),
        (2, f"(Kèm theo {plan.label})", ITALIC),
    ):
        ws.merge_cells(f"A{row}:{last}{row}")
        cell = ws.cell(row=row, column=1)
        put_text(cell, text)
        cell.font = font
        cell.alignment = WRAP_CENTER
    ws.row_dimensions[2].height = 30


def _write_annex(ws: Worksheet, catalogue: Catalogue) -> None:
    _title_rows(ws, catalogue.plan)
    for col, spec in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col)
        put_text(cell, spec.header)
        cell.font, cell.alignment, cell.border, cell.fill = BOLD, WRAP_CENTER, BORDER, HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = spec.width
    fit_row_height(ws, HEADER_ROW, WIDTHS, columns=PRINTED)
    row = HEADER_ROW + 1
    for part in catalogue.parts:
        if part.key:
            _heading_row(ws, row, part.key, part.title, PART_FILL)
            row += 1
        for group in part.groups:
            if group.no or group.title:
                _heading_row(ws, row, group.no, group.title, None)
                row += 1
            for target in group.targets:
                _target_row(ws, row, target)
                row += 1
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    setup_a4(ws, landscape=True, header_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    ws.print_area = f"A1:{get_column_letter(PRINTED.stop - 1)}{row - 1}"


def _heading_row(ws: Worksheet, row: int, key: str, title: str, fill) -> None:
    last = get_column_letter(len(COLUMNS))
    for col in range(1, len(COLUMNS) + 1):
        cell = ws.cell(row=row, column=col)
        cell.border, cell.font = BORDER, BOLD
        if fill:
            cell.fill = fill
    put_text(ws.cell(row=row, column=1), key)
    put_text(ws.cell(row=row, column=2), title)
    span = sum(WIDTHS[c] for c in PRINTED) - WIDTHS[1]
    fit_row_height(ws, row, {2: span}, columns=range(2, 3))
    ws.cell(row=row, column=1).alignment = WRAP_CENTER
    ws.cell(row=row, column=2).alignment = WRAP_TOP
    ws.merge_cells(f"B{row}:{last}{row}")


def _target_row(ws: Worksheet, row: int, target) -> None:
    for col, spec in enumerate(COLUMNS, start=1):
        value = getattr(target, spec.field)
        if spec.field == "deadline":
            value = display_date(value)
        cell = ws.cell(row=row, column=col)
        put_text(cell, value)
        cell.font, cell.border = BODY, BORDER
        cell.alignment = WRAP_CENTER if spec.field == "tt" else WRAP_TOP
    fit_row_height(ws, row, WIDTHS, columns=PRINTED)


def _write_info(ws: Worksheet, catalogue: Catalogue) -> None:
    """Plan metadata and part titles, so an import recreates the catalogue exactly."""
    put_text(ws.cell(row=1, column=1), "Thông tin kế hoạch (không sửa tên các mục ở cột A)")
    ws.cell(row=1, column=1).font = BOLD
    plan = catalogue.plan
    row = 2
    for field, label in INFO_FIELDS:
        value = getattr(plan, field)
        if field == "date":
            value = display_date(value)
        put_text(ws.cell(row=row, column=1), label)
        put_text(ws.cell(row=row, column=2), "" if value is None else str(value))
        row += 1
    for part in catalogue.parts:
        put_text(ws.cell(row=row, column=1), PART_LABEL)
        put_text(ws.cell(row=row, column=2), part.key)
        put_text(ws.cell(row=row, column=3), part.title)
        row += 1
    for col, width in ((1, 26), (2, 40), (3, 80)):
        ws.column_dimensions[get_column_letter(col)].width = width
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            cell.font, cell.alignment = BODY, WRAP_TOP
    setup_a4(ws, landscape=False)
