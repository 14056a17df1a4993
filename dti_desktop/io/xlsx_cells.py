"""Reading openpyxl cells as the text a person sees, refusing formulas."""

from __future__ import annotations

import re
from datetime import date, datetime

from openpyxl.cell.cell import Cell

from ..domain.numbers import format_number
from ..domain.text import clean, nfc

_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class FormulaCell(ValueError):
    """A cell holds a formula: formulas are never evaluated."""


def cell_text(cell: Cell, keep_lines: bool = False) -> str:
    """Text of a cell: numbers with decimal comma (percent format kept), dates dd/mm/yyyy. `keep_lines` returns
    text as typed (NFC), its line breaks kept for a reader that joins them by the annex's own rules."""
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        raise FormulaCell(str(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if "%" in (cell.number_format or ""):
            return f"{format_number(value * 100)}%"
        return format_number(value, decimals=6)
    if isinstance(value, (datetime, date)):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value)) if keep_lines else clean(str(value))


def parse_dmy(text: str) -> str | None:
    """"06/02/2025" -> "2025-02-06"; "" -> ""; None when it is not a real date."""
    if not text:
        return ""
    m = _DMY.match(text.strip())
    if not m:
        return None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
    except ValueError:
        return None
