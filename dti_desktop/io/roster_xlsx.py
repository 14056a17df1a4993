"""The office's list of units read from a clerk-made .xlsx: the name column found by its header's words.

A clerk's list has a title, maybe a TT column, blank rows and group rows ("I", "Các xã"); only the names are taken,
each checked by domain.names (a look-alike or invisible character names a second unit). Anything wrong refuses the
whole file (WorkbookError naming file, sheet, row and column); nothing is read half.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..domain.names import name_problem
from ..domain.text import clean, fold, name_key
from ..domain.units import UnitKind, kind_from_name
from .workbook_errors import Problem, WorkbookError
from .xlsx_guard import check_xlsx_file

HEADER_ROWS = 30  # a header further down than this is no list's
MAX_ROWS = 5000
# The name column's header, folded, best first ("Đơn vị tính" is a target's unit of measure, not a unit's name)
NAME_HEADERS = ("ten don vi", "ten xa", "ten phuong", "ten co quan", "ten dia phuong", "don vi", "xa, phuong",
                "co quan, don vi", "dia phuong", "ten")
KIND_HEADERS = ("loai don vi", "loai", "cap")
_NOT_NAME = ("don vi tinh",)
_GROUP_TT = re.compile(r"^([IVXLC]+|[A-Z])\.?$")  # "I", "II.", "A": a group's row, not a unit's
_KIND_WORDS = {fold(k.label): k for k in UnitKind} | {"co quan": UnitKind.CO_QUAN, "don vi": UnitKind.CO_QUAN}


@dataclass(frozen=True)
class ListedUnit:
    """A name read from the list, with its row (for messages) and the kind it says (its own column, else its name)."""

    row: int
    name: str
    kind: UnitKind


@dataclass(frozen=True)
class UnitList:
    path: Path
    sheet: str
    units: list[ListedUnit]


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _header(rows: list[tuple]) -> tuple[int, int, int | None] | None:
    """(row index, name column, kind column or None) of the first row naming a unit column."""
    for r, row in enumerate(rows[:HEADER_ROWS]):
        words = [fold(str(v)) if v is not None else "" for v in row]
        for wanted in NAME_HEADERS:
            found = [c for c, w in enumerate(words) if w and not any(x in w for x in _NOT_NAME)
                     and (w == wanted or (len(wanted) > 3 and w.startswith(wanted)))]
            if found:
                kind = next((c for c, w in enumerate(words) for k in KIND_HEADERS if w == k or w.startswith(k + " ")),
                            None)
                return r, found[0], kind
    return None


def read_unit_list(path: Path) -> UnitList:
    """The names of the first sheet that has a name column; WorkbookError when none has, or a name is refused."""
    path = Path(path)
    if (problem := check_xlsx_file(path)) is not None:
        raise WorkbookError(path, [problem])
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001  (openpyxl raises many kinds for a damaged file)
        raise WorkbookError(path, [Problem(f"tệp bị hỏng, không đọc được ({error.__class__.__name__}).")]) from None
    try:
        for sheet in book.worksheets:
            rows = [tuple(r) for r in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + HEADER_ROWS)]
            if (header := _header(rows)) is not None:
                return UnitList(path, sheet.title, _names(path, sheet.title, rows, *header))
    finally:
        book.close()
    raise WorkbookError(path, [Problem("không thấy cột tên đơn vị: cần một dòng tiêu đề có ô “Tên đơn vị” (hoặc "
                                       "“Đơn vị”, “Tên xã”, “Xã, phường”) phía trên danh sách.")])


def _names(path: Path, sheet: str, rows: list[tuple], header: int, column: int, kind_column: int | None) -> list[ListedUnit]:
    units: list[ListedUnit] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    head = str(rows[header][column])
    letter = _column_letter(column)
    for r in range(header + 1, len(rows)):
        row, number = rows[r], r + 1
        value = row[column] if column < len(row) else None
        name = clean(str(value)) if value is not None else ""
        if not name:
            continue  # a blank row (or one with only its TT)
        tt = clean(str(row[0])) if column > 0 and row[0] is not None else ""
        if tt and _GROUP_TT.match(tt):
            continue  # "I | Các xã": a group's heading
        where = {"sheet": sheet, "row": number, "column": letter, "header": head}
        if name.replace(".", "").replace(",", "").isdigit():
            problems.append(Problem(f"“{name}” là số, không phải tên đơn vị.", **where))
            continue
        if (problem := name_problem(name)) is not None:
            problems.append(Problem(f"tên “{name[:120]}” {problem}; hãy gõ lại tên bằng bàn phím tiếng Việt.", **where))
            continue
        if (first := seen.get(name_key(name))) is not None:
            problems.append(Problem(f"“{name}” trùng với dòng {first}.", **where))
            continue
        seen[name_key(name)] = number
        kind = _kind(row, kind_column) or kind_from_name(name)
        if kind is None:
            problems.append(Problem(f"tên “{name}” không cho biết loại đơn vị; hãy ghi đủ (“UBND xã …”, “Phường …”) "
                                    "hoặc thêm cột “Loại”.", **where))
            continue
        units.append(ListedUnit(number, name, kind))
    if problems:
        raise WorkbookError(path, problems)
    if not units:
        raise WorkbookError(path, [Problem("không có tên đơn vị nào dưới dòng tiêu đề.", sheet=sheet, row=header + 1,
                                           column=letter, header=head)])
    return units


def _kind(row: tuple, column: int | None) -> UnitKind | None:
    if column is None or column >= len(row) or row[column] is None:
        return None
    return _KIND_WORDS.get(fold(str(row[column])))
