"""Problems found in a workbook, each naming file, sheet, row and column in Vietnamese."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import KnownError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file; sheet/row/column are None when not applicable."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None  # letter, e.g. "C"
    header: str | None = None
    table: str | None = None  # a Word table: "bảng 2"
    place: str | None = None  # a place already put in words, when none of the above fits

    def where(self) -> str:
        if self.place:
            return self.place
        bits = []
        if self.sheet:
            bits.append(f"trang tính “{self.sheet}”")
        if self.table:
            bits.append(self.table)
        if self.row:
            bits.append(f"dòng {self.row}")
        if self.column:
            bits.append(f"cột {self.column}" + (f" ({self.header})" if self.header else ""))
        return ", ".join(bits)

    def text(self, file: Path | str) -> str:
        where = self.where()
        return f"{Path(file).name}: {where}: {self.message}" if where else f"{Path(file).name}: {self.message}"


class WorkbookError(KnownError):
    """The workbook was refused; nothing was changed. `problems` lists every reason."""

    def __init__(self, file: Path | str, problems: list[Problem]):
        self.file = Path(file)
        self.problems = problems
        super().__init__("\n".join(p.text(file) for p in problems))

    def text(self) -> str:
        return self.summary()

    def line(self) -> str:
        return self.summary()

    def summary(self) -> str:
        """A first line for the user, then one line per problem."""
        head = f"Không nhập được tệp {self.file.name}: {len(self.problems)} lỗi, chưa thay đổi gì."
        return "\n".join([head] + [f"- {p.text(self.file)}" for p in self.problems])
