"""Read the annex of targets from the files people hold: a clerk's workbook, the plan's Word file, our export.

The table is found by its header words on any sheet or in any Word table; its rows are read as parts (A., B.,
PHỤ LỤC 2, "Mục tiêu riêng …"), groups (I, II …, merged across the row or not), targets, and rows that are not
data (footnotes, signatures, repeated headers, page numbers). Where the reader is unsure it says why in one line
(a doubt) and the officer decides. Malformed input (an impossible goal, a formula, two targets with one code) is
refused with every problem named by file, sheet or table, row and column. Nothing here touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ..domain.annex_reading import AnnexReading, ColumnUse, Place, PlanField, ReadRow, RowKind
from ..domain.catalogue import Plan, Target
from ..domain.goal_text import goal_from_text
from ..domain.goals import MeasureKind, parse_goal
from ..domain.text import clean, fold, nfc
from .annex_grid import Grid
from .annex_headers import FIELD_LABELS, GOAL_FIELDS, HEADER_SEARCH_ROWS, Header, find_headers
from .annex_plan import plan_fields
from .annex_rows import (
    ANNEX_NO,
    ROMAN,
    BARE_NUMBER,
    BULLET,
    TT,
    annex_number,
    annex_text,
    cell_value,
    deadline_iso,
    group_row,
    is_footnote,
    is_numbering,
    part_from_title,
    part_row,
    row_text,
    title_paragraphs,
    title_start,
)
from .annex_grid import Source, SourceError
from .annex_sources import read_source
from .workbook_errors import Problem, WorkbookError

MAX_CELL_CHARS = 4000
MAX_TARGETS = 2000


def read_annex(path: Path | str) -> AnnexReading:
    """Read the annex of a file; WorkbookError names every reason it cannot be read."""
    path = Path(path)
    try:
        source = read_source(path)
    except SourceError as error:
        raise WorkbookError(path, error.problems) from error
    reader = _Reader(path, source)
    reading = reader.read()
    if reader.problems or reading is None:
        ordered = sorted(reader.problems, key=lambda p: (p.sheet or "", p.row or 0, p.column or ""))
        raise WorkbookError(path, ordered)
    return reading


@dataclass
class _Segment:
    """One annex table: a header and the rows under it up to the next table."""

    header: Header
    start: int
    end: int
    title: list[tuple[str, int | None]] = field(default_factory=list)  # (text, row) above it


class _Reader:
    def __init__(self, path: Path, source: Source):
        self.path = path
        self.source = source
        self.problems: list[Problem] = []
        self.rows: list[ReadRow] = []
        self.notes: list[str] = []
        self.declared_parts = _declared_parts(source)  # our export's "Thông tin" sheet names each part

    def problem(self, message: str, grid: Grid | None = None, r: int | None = None, c: int | None = None,
                header: str | None = None) -> None:
        sheet = (grid.name if grid.is_sheet else None) if grid else None
        table = None if grid is None or grid.is_sheet else grid.name
        self.problems.append(Problem(message, sheet, grid.row_number(r) if grid and r is not None else None,
                                     grid.column_name(c) if grid and c is not None else None, header, table))

    # -- the whole file ------------------------------------------------------------------------------------------
    def read(self) -> AnnexReading | None:
        segments = self._segments()
        if not segments:
            if not self.problems:
                self.problem(self._no_table_message())
            return None
        for grid in {id(s.header.grid): s.header.grid for s in segments}.values():
            for message, r, c in grid.problems:
                self.problem(message, grid, r, c)
        first = segments[0].header
        for index, segment in enumerate(segments):
            start = len(self.rows)
            self._read_segment(segment, index, len(segments))
            _drop_bare_title_part(self.rows, start)
        self._numbered_groups()
        self._check_codes()
        if not any(r.kind is RowKind.TARGET for r in self.rows):
            self.problem("bảng phụ lục không có chỉ tiêu nào (không có dòng nào có TT là số và nội dung).",
                         first.grid, first.top)
        if sum(r.kind is RowKind.TARGET for r in self.rows) > MAX_TARGETS:
            self.problem(f"bảng có hơn {MAX_TARGETS} chỉ tiêu, không phải một phụ lục kế hoạch.", first.grid)
        return AnnexReading(self.path.name, self._source_label(segments), self._plan_fields(segments),
                            self._column_uses(segments), tuple(self.rows), tuple(self.notes))

    def _no_table_message(self) -> str:
        if self.source.document:
            return ("không tìm thấy bảng phụ lục chỉ tiêu trong văn bản: cần một bảng có dòng tiêu đề với cột "
                    "“TT” (hoặc “STT”) và cột “Mục tiêu” (hoặc “Chỉ tiêu”, “Nội dung”).")
        names = ", ".join(f"“{g.name}”" for g in self.source.grids[:8]) + (", …" if len(self.source.grids) > 8 else "")
        return (f"không tìm thấy bảng phụ lục chỉ tiêu ở trang tính nào ({names}): cần một dòng tiêu đề có cột “TT” "
                "(hoặc “STT”) và cột “Mục tiêu” (hoặc “Chỉ tiêu”, “Nội dung”).")

    def _segments(self) -> list[_Segment]:
        """The annex tables, in order. Of several sheets that each hold one, the one named "Phụ lục" wins; sheets
        that are parts of one annex (Phụ lục 1, Phụ lục 2) are read together; others are refused as ambiguous."""
        by_grid: list[list[_Segment]] = []
        for grid in self.source.grids:
            headers = find_headers(grid)
            if headers:
                by_grid.append(self._split(grid, headers))
        if not by_grid:
            return []
        best = max(_tier(s.header) for segs in by_grid for s in segs)
        by_grid = [[s for s in segs if _tier(s.header) == best] for segs in by_grid]
        by_grid = [segs for segs in by_grid if segs]
        if self.source.document or len(by_grid) == 1:
            return [s for segs in by_grid for s in segs]
        named = [segs for segs in by_grid if fold(segs[0].header.grid.name) in ("phu luc", "phu luc chi tieu")]
        if len(named) == 1:
            return named[0]
        numbers = [annex_number(segs[0].title) for segs in by_grid]
        if all(numbers) and len(set(numbers)) == len(numbers):
            return [s for segs in by_grid for s in segs]
        names = ", ".join(f"“{segs[0].header.grid.name}”" for segs in by_grid)
        self.problem(f"có {len(by_grid)} trang tính cùng mang bảng chỉ tiêu ({names}) mà không rõ trang nào là phụ "
                     "lục cần nhập; hãy đặt tên trang đó là “Phụ lục”, xóa các trang kia, hoặc ghi “PHỤ LỤC 1”, "
                     "“PHỤ LỤC 2” ở dòng tiêu đề của từng trang nếu chúng là các phần của một phụ lục.")
        return []

    def _split(self, grid: Grid, headers: list[Header]) -> list[_Segment]:
        """A header repeated as it was (a page break copied from Word) continues its table; a header with
        a "PHỤ LỤC …" title above it, or with other columns, starts the next table."""
        segments: list[_Segment] = []
        previous_end = 0
        for header in headers:
            if segments:
                first = title_start(grid, previous_end, header.top)
                title = [(t, r) for r in range(first, header.top) if (t := row_text(grid, r))]
            else:
                first = header.top
                title = [(line, None) for line in title_paragraphs(grid.lines_before)]
                title += [(t, r) for r in range(0, header.top) if (t := row_text(grid, r))]
            if segments and header.signature == segments[-1].header.signature and not annex_number(title):
                segments[-1].end = len(grid.rows)
                previous_end = header.bottom + 1
                continue
            if segments:
                segments[-1].end = first
            segments.append(_Segment(header, header.bottom + 1, len(grid.rows), title))
            previous_end = header.bottom + 1
        return segments

    # -- one table -----------------------------------------------------------------------------------------------
    def _read_segment(self, segment: _Segment, index: int, count: int) -> None:
        header = segment.header
        grid = header.grid
        title = [t for t, _ in segment.title]
        if count > 1 or title:
            key, text = part_from_title(title, index, count)
            text = self.declared_parts.get(key, text)
            r = next((r for t, r in reversed(segment.title) if r is not None and ANNEX_NO.search(t)), header.top)
            self.rows.append(ReadRow(Place(grid.container, grid.row_number(r)), RowKind.PART,
                                     tuple(title), no=key, title=text))
        ended = False
        r = segment.start
        while r < segment.end:
            cells = self._row_cells(grid, header, r)
            if not any(cells.values()) and not any(grid.rows[r]):
                r += 1
                continue
            if ended:
                self._after_table(grid, header, r, cells)
            elif (skip := self._repeat_header(grid, header, r)) is not None:
                self.rows.append(self._skipped(grid, header, r, "dòng tiêu đề của bảng lặp lại (sang trang), "
                                                                   "không phải chỉ tiêu"))
                for extra in range(r + 1, skip):
                    self.rows.append(self._skipped(grid, header, extra, "dòng tiêu đề của bảng lặp lại"))
                r = skip
                continue
            elif is_numbering(grid.rows[r]):
                self.rows.append(self._skipped(grid, header, r, "dòng đánh số cột (1), (2), …"))
            elif is_footnote(grid.rows[r]):
                ended = True
                self.rows.append(self._skipped(grid, header, r, "ghi chú hoặc chữ ký dưới bảng, không phải chỉ tiêu"))
            else:
                self._data_row(grid, header, r, cells)
            r += 1

    def _row_cells(self, grid: Grid, header: Header, r: int) -> dict[str, str]:
        values = {}
        for name, c in header.columns.items():
            raw = cell_value(grid, r, c)
            if len(raw) > MAX_CELL_CHARS:
                self.problem(f"ô dài {len(raw)} ký tự, quá dài cho một ô của phụ lục (tối đa {MAX_CELL_CHARS}).",
                             grid, r, c, FIELD_LABELS[name])
                raw = raw[:MAX_CELL_CHARS]
            values[name] = annex_text(raw)
        return values

    def _repeat_header(self, grid: Grid, header: Header, r: int) -> int | None:
        """The row after a header repeated here (its rows and a numbering row), or None."""
        tt = fold(grid.cell(r, header.tt)).strip(" .:*")
        if tt not in ("tt", "stt", "so tt") or fold(annex_text(grid.shown(r, header.columns["text"]))) != fold(
                annex_text(grid.shown(header.top, header.columns["text"]))):
            return None
        end = r + (header.bottom - header.top) + 1
        return end + 1 if end < len(grid.rows) and is_numbering(grid.rows[end]) else end

    def _skipped(self, grid: Grid, header: Header, r: int, why: str, doubt: str = "") -> ReadRow:
        texts = tuple(annex_text(x) for x in grid.rows[r] if x)
        return ReadRow(Place(grid.container, grid.row_number(r)), RowKind.SKIPPED, texts, title=why, doubt=doubt,
                       keep=False)

    def _after_table(self, grid: Grid, header: Header, r: int, cells: dict[str, str]) -> None:
        looks_like_target = TT.match(cells.get("tt", "")) and cells.get("text") and any(
            cells.get(f) for f in ("lead",) + GOAL_FIELDS)
        doubt = ("dòng có TT và nội dung nằm dưới phần ghi chú của bảng: đã bỏ qua; giữ lại nếu là chỉ tiêu"
                 if looks_like_target else "")
        self.rows.append(self._skipped(grid, header, r, "dưới phần ghi chú, chữ ký của bảng", doubt))

    def _data_row(self, grid: Grid, header: Header, r: int, cells: dict[str, str]) -> None:
        place = Place(grid.container, grid.row_number(r))
        texts = tuple(annex_text(x) for x in grid.rows[r] if x)
        tt, text = cells.get("tt", ""), cells.get("text", "")
        others = [f for f, v in cells.items() if v and f not in ("tt", "text")]
        heading = (text or tt) and not others
        if heading and re.fullmatch(r"(?:trang\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?", fold(f"{tt} {text}".strip())):
            self.rows.append(self._skipped(grid, header, r, "chỉ có một số, không có nội dung (số trang)"))
            return
        if heading and (part := part_row(tt, text)):
            key = self._next_key(part[0])
            self.rows.append(ReadRow(place, RowKind.PART, texts, no=key, title=self.declared_parts.get(key, part[1])))
            return
        if heading and (group := group_row(tt, text)):
            no, title, doubt = group
            self.rows.append(ReadRow(place, RowKind.GROUP, texts, no=no, title=title, doubt=doubt))
            return
        if others and text and ROMAN.match(tt.rstrip(".")):  # "II | Chính quyền số | (10 chỉ tiêu) | …": a group
            self.rows.append(ReadRow(place, RowKind.GROUP, texts, no=tt.rstrip("."), title=text,
                                     doubt="dòng nhóm (TT số La Mã) có chữ ở cột khác; các ô đó không được nhập"))
            return
        if TT.match(tt) and not text and not others:
            self.rows.append(self._skipped(grid, header, r, "chỉ có một số, không có nội dung (số trang?)"))
            return
        if not tt and self.rows and self.rows[-1].kind is RowKind.TARGET and self.rows[-1].target is not None:
            self._continue_target(place, texts, cells)
            return
        self.rows.append(self._target_row(grid, header, r, place, texts, cells))

    def _numbered_groups(self) -> None:
        """"1 | Về phát triển dữ liệu số" with nothing else, then "1.1", "1.2" …: a group numbered in Arabic
        figures, not a target (a target has no sub-targets)."""
        targets = [i for i, r in enumerate(self.rows) if r.kind is RowKind.TARGET and r.target is not None]
        for i, following in zip(targets, targets[1:]):
            row = self.rows[i]
            t = row.target
            bare = not any(getattr(t, f) for f in ("lead", "coordinating", "tracking", "province_goal", "level",
                                                    "previous_result", "deadline", "basis"))
            if bare and t.tt and self.rows[following].target.tt.startswith(t.tt + "."):
                self.rows[i] = replace(row, kind=RowKind.GROUP, target=None, no=t.tt, title=t.text, doubt=(
                    f"dòng TT “{t.tt}” không có cơ quan hay mục tiêu, các dòng sau đánh số {t.tt}.1, {t.tt}.2…: đọc là "
                    "dòng nhóm"))

    def _continue_target(self, place: Place, texts: tuple[str, ...], cells: dict[str, str]) -> None:
        """A row with no TT under a target: the rest of that target's cells (a row split at a page break)."""
        last = self.rows[-1]
        joined = {f: f"{getattr(last.target, f)} {v}".strip() for f, v in cells.items() if v and f != "tt"}
        target = replace(last.target, **joined)
        self.rows[-1] = replace(last, target=target, doubt=last.doubt or (
            f"nối thêm {place.text()} (dòng không có TT) vào chỉ tiêu này"))
        self.rows.append(ReadRow(place, RowKind.SKIPPED, texts, title=f"đã nối vào chỉ tiêu {last.target.tt} ở trên",
                                 keep=False))

    def _target_row(self, grid: Grid, header: Header, r: int, place: Place, texts: tuple[str, ...],
                    cells: dict[str, str]) -> ReadRow:
        values = {f: cells.get(f, "") for f in FIELD_LABELS}
        values["tt"] = values["tt"].rstrip(".")
        values["text"] = BULLET.sub("", values["text"])
        doubts = []
        if not values["tt"]:
            doubts.append("thiếu TT")
        elif not TT.match(cells["tt"]):
            doubts.append(f"TT “{values['tt']}” không phải số")
        if not values["text"]:
            self.problem("nội dung chỉ tiêu (Mục tiêu) trống.", grid, r, header.columns["text"], FIELD_LABELS["text"])
        deadline, deadline_doubt = deadline_iso(values["deadline"])
        values["deadline"] = deadline
        if deadline_doubt:
            doubts.append(deadline_doubt)
        if not header.has_goal:
            values["local_goal"] = goal_from_text(values["text"])
            values["note"] = "; ".join(x for x in ("mục tiêu lấy từ nội dung chỉ tiêu", values["note"]) if x)
        for name in GOAL_FIELDS:
            goal = parse_goal(values[name])
            for message in goal.problems:
                self.problem(f"mục tiêu không đọc được: {message}.", grid, r, header.columns.get(name),
                             FIELD_LABELS[name])
            if not goal.problems and any(m.kind is MeasureKind.TEXT and BARE_NUMBER.search(m.raw)
                                         for m in goal.measures):
                doubts.append(f"mục tiêu “{values[name]}” có số nhưng không đọc được thành tỷ lệ hay số lượng; "
                              "sẽ được ghi dạng chữ")
        if not values["lead"] and "lead" in header.columns:
            doubts.append("không có cơ quan chủ trì")
        target = Target(**values)
        place = replace(place, column=grid.column_name(header.tt))
        return ReadRow(place, RowKind.TARGET, texts, target=target, doubt="; ".join(doubts))

    def _next_key(self, key: str) -> str:
        """A part's key as printed, or the next in the annex's own style (PL1 → PL2, A → B)."""
        if key:
            return key
        keys = [r.no for r in self.rows if r.kind is RowKind.PART and r.no]
        if keys and (m := re.match(r"^PL(\d+)$", keys[-1])):
            return f"PL{int(m.group(1)) + 1}"
        if keys and len(keys[-1]) == 1 and keys[-1].isalpha():
            return chr(ord(keys[-1]) + 1)
        has_rows_before = any(r.kind in (RowKind.TARGET, RowKind.GROUP) for r in self.rows)
        return "B" if has_rows_before else "A"

    def _check_codes(self) -> None:
        catalogue = AnnexReading("", "", {}, (), tuple(self.rows)).catalogue(Plan("", "", "", 0))
        kept = [r for r in self.rows if r.keep and r.kind is RowKind.TARGET]
        seen: dict[str, ReadRow] = {}
        for code, row in zip(catalogue.codes(), kept):
            if code in seen:
                first = seen[code]
                where = "" if first.place.container == row.place.container else f"{first.place.container}, "
                self.problems.append(Problem(
                    f"TT “{row.target.tt}” trùng với {where}dòng {first.place.row} trong cùng phần, cùng nhóm "
                    f"(mã {code}); hãy sửa TT cho đúng.", place=f"{row.place.text()} (TT)"))
            else:
                seen[code] = row

    # -- what the review shows beside the rows ---------------------------------------------------------------------
    def _column_uses(self, segments: list[_Segment]) -> tuple[ColumnUse, ...]:
        uses: list[ColumnUse] = []
        for segment in segments:
            header = segment.header
            for name, c in sorted(header.columns.items(), key=lambda x: x[1]):
                use = ColumnUse(name, FIELD_LABELS[name], header.grid.column_name(c), header.texts.get(c, ""))
                if use not in uses:
                    uses.append(use)
            for c, text in header.unused.items():
                note = f"{header.grid.container}: cột {header.grid.column_name(c)} (“{text}”) không dùng"
                if note not in self.notes:
                    self.notes.append(note)
            if not header.has_goal:
                note = (f"{header.grid.container}: bảng không có cột mục tiêu; mục tiêu của mỗi chỉ tiêu lấy từ "
                        "chính nội dung chỉ tiêu (con số trong câu, “-” khi không có).")
                if note not in self.notes:
                    self.notes.append(note)
        return tuple(uses)

    def _source_label(self, segments: list[_Segment]) -> str:
        containers = list(dict.fromkeys(s.header.grid.container for s in segments))
        return " và ".join(containers)

    def _plan_fields(self, segments: list[_Segment]) -> dict[str, PlanField]:
        title_lines: list[tuple[str, str]] = []
        for s in segments:  # each cell of the title rows on its own: "UBND THỊ XÃ …" | "CÁC MỤC TIÊU …" side by side
            grid = s.header.grid
            for t, r in s.title:
                if r is None:
                    title_lines.append((t, f"tiêu đề phía trên {grid.container}"))
                else:
                    where = f"{grid.container}, dòng {grid.row_number(r)}"
                    title_lines += [(annex_text(x), where) for x in grid.rows[r] if x and x.strip()]
        document_lines: list[tuple[str, str]] = []
        used = {id(s.header.grid) for s in segments}
        for grid in self.source.grids:
            where = "đầu văn bản" if self.source.document else grid.container
            document_lines += [(line, where) for line in grid.lines_before]
            if id(grid) not in used:
                for r, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
                    document_lines += [(nfc(x), where) for x in row if x]
        years = [m.group(1) for s in segments for f, c in s.header.columns.items() if f in GOAL_FIELDS
                 and (m := re.search(r"\b(20\d\d)\b", s.header.texts.get(c, "")))]  # "Mục tiêu 2024 của tỉnh"
        fields = plan_fields(title_lines, document_lines, years)
        info = _info_sheet(self.source)
        for name, value in info.items():
            if value.value and not fields.get(name, PlanField()).value:
                fields[name] = value
        return fields


def _tier(header: Header) -> int:
    """How surely a table is the annex of targets: with a goal column, then with "Mục tiêu"/"Chỉ tiêu" as its
    text column, then any (a four-column annex, or a table of tasks)."""
    text = fold(header.texts.get(header.columns["text"], ""))
    return 2 * header.has_goal + ("muc tieu" in text or "chi tieu" in text) + ("lead" in header.columns)


def _info_sheet(source: Source) -> dict[str, PlanField]:
    """The "Thông tin" sheet of the program's own export, when present (never required)."""
    from .catalogue_layout import INFO_FIELDS, SHEET_INFO

    labels = {fold(label): name for name, label in INFO_FIELDS}
    for grid in source.grids:
        if grid.is_sheet and fold(grid.name) == fold(SHEET_INFO):
            found = {}
            for r, row in enumerate(grid.rows[:100]):
                if len(row) >= 2 and (name := labels.get(fold(row[0]))) and row[1]:
                    value = clean(row[1])
                    if name == "date" and (m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)):
                        try:
                            value = date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
                        except ValueError:
                            value = ""
                    found[name] = PlanField(value, f"{grid.container}, dòng {r + 1}")
            return found
    return {}


def _declared_parts(source: Source) -> dict[str, str]:
    """Part titles our export writes on its "Thông tin" sheet ("Phần" | key | title)."""
    from .catalogue_layout import PART_LABEL, SHEET_INFO

    for grid in source.grids:
        if grid.is_sheet and fold(grid.name) == fold(SHEET_INFO):
            return {clean(row[1]): clean(row[2] if len(row) > 2 else "") for row in grid.rows[:100]
                    if len(row) >= 2 and fold(row[0]) == fold(PART_LABEL)}
    return {}


def _drop_bare_title_part(rows: list[ReadRow], start: int) -> None:
    """A table's title made a part, but the table's own rows open with a part ("A Nhóm mục tiêu của tỉnh"):
    the title is the annex's, not a part of it."""
    if start < len(rows) and rows[start].kind is RowKind.PART and rows[start].no == "":
        following = next((r for r in rows[start + 1:] if r.kind is not RowKind.SKIPPED), None)
        if following is not None and following.kind is RowKind.PART:
            del rows[start]
