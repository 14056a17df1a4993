"""A table as any file holds it: rows of cell texts with merged ranges, and the lines of text around it.

Every source (.xlsx, .xls, .ods, .docx) is turned into grids, so the annex is found by the same rules in all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from .workbook_errors import Problem


@dataclass(frozen=True)
class Merge:
    """A merged range, 0-based and inclusive."""

    top: int
    left: int
    bottom: int
    right: int


@dataclass
class Grid:
    """One sheet or one Word table.

    `rows[r][c]` is the text of a cell ("" when empty or covered by a merge); `lines_before` are the document's
    paragraphs since the table before (a Word annex's title lines); `first_row` the file's number of rows[0].
    """

    name: str  # the sheet's name, or "bảng 3"
    is_sheet: bool
    rows: list[list[str]]
    merges: list[Merge] = field(default_factory=list)
    lines_before: list[str] = field(default_factory=list)
    first_row: int = 1
    problems: list[tuple[str, int, int]] = field(default_factory=list)  # (message, r, c) met while reading cells
    _cover: dict[tuple[int, int], Merge] | None = None

    @property
    def container(self) -> str:
        return f"trang tính “{self.name}”" if self.is_sheet else self.name

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, r: int, c: int) -> str:
        row = self.rows[r] if 0 <= r < len(self.rows) else ()
        return row[c] if 0 <= c < len(row) else ""

    def merge_at(self, r: int, c: int) -> Merge | None:
        if self._cover is None:
            self._cover = {}
            for m in self.merges:
                for rr in range(m.top, min(m.bottom, m.top + 400) + 1):
                    for cc in range(m.left, min(m.right, m.left + 60) + 1):
                        self._cover[(rr, cc)] = m
        return self._cover.get((r, c))

    def shown(self, r: int, c: int) -> str:
        """The text a reader sees at (r, c): a merged range shows its first cell's text everywhere."""
        m = self.merge_at(r, c)
        return self.cell(m.top, m.left) if m else self.cell(r, c)

    def row_number(self, r: int) -> int:
        return self.first_row + r

    def column_name(self, c: int) -> str:
        return get_column_letter(c + 1) if self.is_sheet else str(c + 1)


class SourceError(Exception):
    """The file cannot be read as an annex at all; `problems` say why (in Vietnamese)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


@dataclass
class Source:
    """The grids of one file, in the file's order; `document` is True for a Word file."""

    grids: list[Grid]
    document: bool = False
    kind: str = ""  # "xlsx", "xls", "ods", "docx"
