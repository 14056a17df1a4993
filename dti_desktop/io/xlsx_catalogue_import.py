"""Read an annex workbook back into a Catalogue, or refuse it with every problem found.

Reading never touches the database: the caller saves the Catalogue in one
transaction only when no problem was found (all-or-nothing).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.annex import Catalogue, Group, Part
from ..domain.catalogue import Plan, Target
from ..domain.text import fold
from .catalogue_layout import COLUMNS, INFO_FIELDS, PART_LABEL, REQUIRED, SHEET_ANNEX, SHEET_INFO, Column
from .workbook_errors import Problem, WorkbookError
from .xlsx_cells import FormulaCell, cell_text, parse_dmy
from .xlsx_guard import check_xlsx_file

_ROMAN = re.compile(r"^(?=[IVXLC])C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_HEADER_SEARCH_ROWS = 30


def read_catalogue_workbook(path: Path | str) -> Catalogue:
    """Parse the workbook; raises WorkbookError listing every problem."""
    path = Path(path)
    if problem := check_xlsx_file(path):
        raise WorkbookError(path, [problem])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(path, data_only=False, keep_links=False, keep_vba=False)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        if _hostile_xml(error):
            problem = "tệp chứa khai báo XML nguy hiểm (thực thể, DTD hoặc tham chiếu ngoài); đã từ chối."
        else:
            problem = f"tệp bị hỏng, không đọc được ({type(error).__name__})."
        raise WorkbookError(path, [Problem(problem)]) from error
    if too_big := _oversized_sheets(wb):
        raise WorkbookError(path, too_big)
    reader = _Reader(wb)
    catalogue = reader.read()
    if reader.problems:
        ordered = sorted(reader.problems, key=lambda p: (p.sheet or "", p.row or 0, p.column or ""))
        raise WorkbookError(path, ordered)
    return catalogue


MAX_SHEET_ROWS = 5000  # an annex has tens of targets; a far cell (A1048576) once cost 3 GB and 33 s
MAX_SHEET_COLUMNS = 200


def _oversized_sheets(wb: Workbook) -> list[Problem]:
    """Sheets reaching far beyond any annex, refused before a loop walks their empty cells."""
    return [Problem(f"trang tính có ô ở tận dòng {ws.max_row}, cột {get_column_letter(ws.max_column)}, quá xa so "
                    "với một bảng danh mục; hãy xóa các dòng, cột thừa (hoặc chép bảng sang tệp mới) rồi nhập lại.",
                    ws.title, ws.max_row if ws.max_row > MAX_SHEET_ROWS else None,
                    get_column_letter(ws.max_column) if ws.max_column > MAX_SHEET_COLUMNS else None)
            for ws in wb.worksheets if ws.max_row > MAX_SHEET_ROWS or ws.max_column > MAX_SHEET_COLUMNS]


@dataclass
class _Row:
    number: int
    values: dict[str, str]


@dataclass
class _Reader:
    wb: Workbook
    problems: list[Problem] = field(default_factory=list)

    def problem(self, message: str, ws: Worksheet | None = None, row: int | None = None,
                col: int | None = None, header: str | None = None) -> None:
        self.problems.append(Problem(message, ws.title if ws else None, row,
                                     get_column_letter(col) if col else None, header))

    def read(self) -> Catalogue | None:
        found = self._find_header()
        if not found:
            self.problem("không tìm thấy dòng tiêu đề của bảng chỉ tiêu (cột A “TT”, cột B “Mục tiêu”) "
                         f"trong {_HEADER_SEARCH_ROWS} dòng đầu của trang tính nào.")
            return None
        if len(found) > 1:
            names = ", ".join(f"“{ws.title}”" for ws, _ in found)
            self.problem(f"có {len(found)} trang tính mang bảng chỉ tiêu ({names}); hãy đặt tên trang cần nhập là "
                         f"“{SHEET_ANNEX}”, hoặc xóa các trang kia.")
            return None
        ws, header_row = found[0]
        columns = self._map_columns(ws, header_row)
        plan, part_titles = self._read_plan(ws, header_row)
        if not columns:
            return None
        rows = self._read_rows(ws, header_row, columns)
        self._check_merges(ws, header_row, rows, columns, set(part_titles))
        parts, row_numbers = self._build(ws, rows, columns, part_titles)
        if plan is None:
            return None
        catalogue = Catalogue(plan, tuple(parts))
        self._check_codes(ws, catalogue, row_numbers, columns)
        if not row_numbers:
            self.problem("bảng không có chỉ tiêu nào.", ws, header_row)
        return catalogue

    # -- header and columns -------------------------------------------------
    def _find_header(self) -> list[tuple[Worksheet, int]]:
        """The sheet holding the annex: the one named "Phụ lục", else the only one with the header row. (The first
        found was read: an old copy kept before the edited sheet was imported, "không có gì thay đổi".)"""
        found = []
        for ws in self.wb.worksheets:
            for r in range(1, min(ws.max_row, _HEADER_SEARCH_ROWS) + 1):
                a, b = (fold(str(ws.cell(r, c).value or "")) for c in (1, 2))
                if a in ("tt", "stt") and b == "muc tieu":
                    found.append((ws, r))
                    break
        named = [(ws, r) for ws, r in found if fold(ws.title.strip()) == fold(SHEET_ANNEX)]
        return named or found

    def _map_columns(self, ws: Worksheet, header_row: int) -> dict[str, int] | None:
        headers = {c: str(ws.cell(header_row, c).value or "") for c in range(1, ws.max_column + 1)}
        mapping: dict[str, int] = {}
        for c, text in headers.items():
            spec = _match(text, exclude=mapping)
            if spec:
                mapping[spec.field] = c
        missing = [spec for spec in COLUMNS if spec.field in REQUIRED and spec.field not in mapping]
        for spec in missing:
            self.problem(f"thiếu cột “{spec.header}”.", ws, header_row)
        if "province_goal" not in mapping and "local_goal" not in mapping:
            self.problem("thiếu cột mục tiêu (“Mục tiêu của tỉnh” hoặc “Mục tiêu của địa phương”).",
                         ws, header_row)
            return None
        return None if missing else mapping

    # -- plan metadata --------------------------------------------------------
    def _read_plan(self, annex: Worksheet, header_row: int) -> tuple[Plan | None, dict[str, str]]:
        if SHEET_INFO not in self.wb.sheetnames:
            self.problem(f"thiếu trang tính “{SHEET_INFO}” (số, ngày, cơ quan ban hành và năm của kế hoạch).")
            return None, {}
        ws = self.wb[SHEET_INFO]
        if not isinstance(ws, Worksheet):  # a chart sheet bearing that name
            self.problem(f"trang “{SHEET_INFO}” không phải bảng tính (có thể là trang biểu đồ).")
            return None, {}
        labels = {fold(label): f for f, label in INFO_FIELDS}
        values: dict[str, tuple[str, int]] = {}
        parts: dict[str, str] = {}
        for r in range(1, ws.max_row + 1):
            label = fold(str(ws.cell(r, 1).value or ""))
            if label == fold(PART_LABEL):
                parts[self._text(ws, r, 2)] = self._text(ws, r, 3)
            elif label in labels:
                values[labels[label]] = (self._text(ws, r, 2), r)
        return self._plan_from(ws, values), parts

    def _plan_from(self, ws: Worksheet, values: dict[str, tuple[str, int]]) -> Plan | None:
        def get(name: str) -> tuple[str, int | None]:
            return values.get(name, ("", None))

        ok = True
        for name, label in INFO_FIELDS:
            if name in ("number", "date", "issuer", "year") and not get(name)[0]:
                self.problem(f"thiếu “{label}”.", ws, get(name)[1], 2 if get(name)[1] else None)
                ok = False
        iso = parse_dmy(get("date")[0])
        if get("date")[0] and not iso:
            self.problem(f"ngày ban hành “{get('date')[0]}” không hợp lệ (cần dd/mm/yyyy).", ws, get("date")[1], 2)
            ok = False
        year = _int(get("year")[0], 2000, 2100)
        if get("year")[0] and year is None:
            self.problem(f"năm “{get('year')[0]}” không hợp lệ.", ws, get("year")[1], 2)
            ok = False
        day_text = get("report_day")[0]
        report_day = _int(day_text, 1, 28)
        if day_text and report_day is None:
            self.problem(f"ngày báo cáo “{day_text}” phải là số từ 1 đến 28.", ws, get("report_day")[1], 2)
            ok = False
        if not ok:
            return None
        return Plan(number=get("number")[0], date=iso, issuer=get("issuer")[0], year=year,
                    locality=get("locality")[0], province=get("province")[0], title=get("title")[0],
                    report_day=report_day, source=get("source")[0])

    # -- rows -----------------------------------------------------------------
    def _text(self, ws: Worksheet, r: int, c: int) -> str:
        try:
            return cell_text(ws.cell(r, c))
        except FormulaCell as formula:
            self.problem(f"ô chứa công thức “{formula}”; chương trình không tính công thức, "
                         "hãy thay bằng giá trị.", ws, r, c)
            return ""

    def _read_rows(self, ws: Worksheet, header_row: int, columns: dict[str, int]) -> list[_Row]:
        rows = []
        for r in range(header_row + 1, ws.max_row + 1):
            values = {f: self._text(ws, r, c) for f, c in columns.items()}
            if any(values.values()):
                rows.append(_Row(r, values))
        return rows

    def _is_heading(self, row: _Row, part_keys: set[str]) -> str | None:
        """"part", "group" or None (a target row)."""
        others = [v for f, v in row.values.items() if f not in ("tt", "text")]
        if any(others) or not row.values.get("text"):
            return None
        tt = row.values.get("tt", "")
        if tt in part_keys and tt:
            return "part"
        if tt == "" or _ROMAN.match(tt):
            return "group"
        return None

    def _build(self, ws, rows: list[_Row], columns: dict[str, int], part_titles: dict[str, str]):
        parts: list[tuple[str, str, list[tuple[str, str, list[Target]]]]] = []
        row_numbers: list[int] = []

        def ensure_part():
            if not parts:
                parts.append(("", part_titles.get("", ""), []))
            return parts[-1]

        def ensure_group():
            part = ensure_part()
            if not part[2]:
                part[2].append(("", "", []))
            return part[2][-1]

        for row in rows:
            kind = self._is_heading(row, set(part_titles))
            if kind == "part":
                parts.append((row.values["tt"], row.values["text"], []))
            elif kind == "group":
                ensure_part()[2].append((row.values.get("tt", ""), row.values["text"], []))
            elif (target := self._target(ws, row, columns)) is not None:
                ensure_group()[2].append(target)
                row_numbers.append(row.number)
        built = [Part(k, t, tuple(Group(n, gt, tuple(ts)) for n, gt, ts in groups)) for k, t, groups in parts]
        return built, row_numbers

    def _target(self, ws: Worksheet, row: _Row, columns: dict[str, int]) -> Target | None:
        v = dict(row.values)
        if not v.get("tt"):
            self.problem("thiếu số thứ tự (TT) của chỉ tiêu.", ws, row.number, columns["tt"], "TT")
        if not v.get("text"):
            self.problem("nội dung chỉ tiêu (Mục tiêu) trống.", ws, row.number, columns["text"], "Mục tiêu")
        elif v.get("tt") and not any(v.get(f) for f in ("lead", "province_goal", "local_goal")):
            # only a number and a text: a part heading the "Thông tin" sheet does not declare, most likely
            self.problem(f"dòng “{v['tt']}” chỉ có số thứ tự và nội dung, không có cơ quan chủ trì hay mục tiêu. "
                         f"Nếu đây là tiêu đề phần, hãy khai nó ở trang “{SHEET_INFO}” (dòng “{PART_LABEL}”); "
                         "nếu là chỉ tiêu, hãy điền cơ quan chủ trì và mục tiêu.",
                         ws, row.number, columns.get("lead", columns["text"]), "Cơ quan chủ trì")
        deadline = parse_dmy(v.get("deadline", ""))
        if deadline is None:
            self.problem(f"thời hạn “{v['deadline']}” không phải ngày hợp lệ (dd/mm/yyyy).",
                         ws, row.number, columns["deadline"], "Thời hạn")
        v["deadline"] = deadline or ""
        target = Target(**{spec.field: v.get(spec.field, "") for spec in COLUMNS})
        self._check_goals(ws, row, columns, target)
        return target

    def _check_goals(self, ws, row: _Row, columns: dict[str, int], target: Target) -> None:
        from ..domain.goals import parse_goal

        for name in ("province_goal", "local_goal"):
            if name not in columns:
                continue
            for message in parse_goal(getattr(target, name)).problems:
                header = next(s.header for s in COLUMNS if s.field == name)
                self.problem(f"mục tiêu không đọc được: {message}.", ws, row.number, columns[name], header)

    # -- structure checks -----------------------------------------------------------
    def _check_merges(self, ws: Worksheet, header_row: int, rows: list[_Row], columns,
                      part_keys: set[str]) -> None:
        headings = {r.number for r in rows if self._is_heading(r, part_keys)}
        text_col = columns.get("text", 2)
        for merged in ws.merged_cells.ranges:
            if merged.max_row < header_row:
                continue
            allowed = (merged.min_row == merged.max_row and merged.min_row in headings
                       and merged.min_col == text_col)
            if not allowed:
                self.problem(f"ô gộp {merged.coord} ở vị trí bất thường: trong bảng chỉ được gộp ô "
                             "tiêu đề phần/nhóm trên một dòng; hãy bỏ gộp ô.", ws, merged.min_row,
                             merged.min_col)

    def _check_codes(self, ws, catalogue: Catalogue, row_numbers: list[int], columns) -> None:
        seen: dict[str, int] = {}
        for code, target, row in zip(catalogue.codes(), catalogue.targets(), row_numbers):
            if code in seen:
                self.problem(f"TT “{target.tt}” trùng với dòng {seen[code]} trong cùng phần/nhóm "
                             f"(mã {code}).", ws, row, columns["tt"], "TT")
            else:
                seen[code] = row


def _hostile_xml(error: BaseException | None) -> bool:
    """defusedxml refused the XML (entities, DTD, external references), maybe wrapped by openpyxl."""
    seen = 0
    while error is not None and seen < 10:
        if type(error).__module__.startswith("defusedxml"):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _match(text: str, exclude: dict[str, int]) -> Column | None:
    folded = fold(text)
    if not folded:
        return None
    free = [s for s in COLUMNS if s.field not in exclude]
    exact = [s for s in free if folded == fold(s.header)]
    if exact:
        return exact[0]
    return next((s for s in free if any(syn in folded for syn in s.synonyms)), None)


def _int(text: str, low: int, high: int) -> int | None:
    try:
        value = int(text.replace(".", "").strip()) if text else None
    except ValueError:
        return None
    return value if value is not None and low <= value <= high else None
