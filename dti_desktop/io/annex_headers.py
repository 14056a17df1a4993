"""Finding an annex table's header by its words, wherever it stands, over one to three rows with merged cells.

Plans name their columns in many ways ("Cơ quan chủ trì", "Đơn vị chủ trì", "Cơ quan triển khai thực hiện";
"Mục tiêu 2024" merged over "Của tỉnh" / "Của thị xã"); each column's words are read top to bottom and matched
to a field, the most specific rule first ("Cơ quan theo dõi chỉ tiêu" is a tracking agency, not the target).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain.text import clean, fold
from .annex_grid import Grid

HEADER_SEARCH_ROWS = 60  # title rows, a plan's header, a cover note: the table starts within these
TT_WORDS = frozenset({"tt", "stt", "so tt", "so thu tu", "tt/stt", "stt/tt"})
FIELD_LABELS = {"tt": "TT", "text": "Mục tiêu", "lead": "Cơ quan chủ trì",
                "coordinating": "Cơ quan phối hợp", "tracking": "Cơ quan theo dõi chỉ tiêu",
                "previous_result": "Kết quả năm trước", "province_goal": "Mục tiêu của tỉnh",
                "local_goal": "Mục tiêu của địa phương", "level": "Mức độ chỉ tiêu", "deadline": "Thời hạn",
                "basis": "Cơ sở đề xuất", "note": "Ghi chú"}
GOAL_FIELDS = ("province_goal", "local_goal")
_LOCAL = re.compile(r"\b(huyen|thi xa|thanh pho|xa|phuong|thi tran|dac khu|dia phuong|don vi|quan|co quan|tp|tx)\b")
_PROVINCE = re.compile(r"\btinh\b")
_YEAR = re.compile(r"\b(20\d\d)\b")
_LEVEL_ONLY = ("huyen", "thi xa", "thanh pho", "xa", "phuong", "thi tran", "dac khu")
_HEADER_WORDS = ("muc tieu", "chi tieu", "noi dung", "co quan", "don vi", "chu tri", "phoi hop", "theo doi",
                 "ket qua", "muc do", "thoi han", "thoi gian", "ghi chu", "cua ", "tinh", "huyen", "thi xa",
                 "thanh pho", "xa", "phuong", "nam ", "ke hoach", "thuc hien", "tong hop", "bao cao", "co so",
                 "can cu", "tieu chi", "giao", "dat")


def field_of(header: str) -> str | None:
    """The Target field a column header names, or None."""
    h = fold(header).strip(" .:*")
    if not h:
        return None
    if h in TT_WORDS:
        return "tt"
    if "don vi tinh" in h:
        return None  # unit of measure: not a field of its own
    if "ghi chu" in h:
        return "note"
    if "theo doi" in h or ("tong hop" in h and "bao cao" in h):
        return "tracking"
    if "phoi hop" in h:
        return "coordinating"
    if "muc do" in h:
        return "level"
    if h.startswith("co so") or h.startswith("can cu"):
        return "basis"
    if any(k in h for k in ("thoi han", "han hoan thanh", "thoi gian hoan thanh", "thoi gian thuc hien", "tien do")):
        return "deadline"
    if "ket qua" in h or "uoc thuc hien" in h or "uoc dat" in h:
        return "previous_result"
    goal_words = "muc tieu" in h or "chi tieu" in h or h.startswith("cua ") or h in _LEVEL_ONLY or h == "tinh"
    if goal_words and _PROVINCE.search(h) and not _LOCAL.search(h.replace("cua tinh", "")):
        return "province_goal"
    level_named = h.startswith("cua ") or " cua " in f" {h}" or _YEAR.search(h) or h in _LEVEL_ONLY
    if goal_words and level_named and _LOCAL.search(h) and " cac " not in f" {h} ":  # not "… của các cơ quan"
        return "local_goal"
    if any(k in h for k in ("chu tri", "trien khai", "thuc hien", "trach nhiem", "co quan", "don vi")):
        return "lead"
    if any(k in h for k in ("muc tieu", "chi tieu", "noi dung", "nhiem vu", "tieu chi")):
        return "text"
    return None


@dataclass
class Header:
    """An annex table's header: its rows (top..bottom), the TT column, and which column feeds which field."""

    grid: Grid
    top: int
    bottom: int
    tt: int
    texts: dict[int, str]  # column → header words, top to bottom
    columns: dict[str, int] = field(default_factory=dict)
    unused: dict[int, str] = field(default_factory=dict)  # columns with words that feed no field

    @property
    def signature(self) -> tuple[str, ...]:
        """The header's words, to know it again when it is repeated (a page break in the Word plan)."""
        return tuple(fold(self.texts.get(c, "")) for c in sorted(self.texts))

    @property
    def has_goal(self) -> bool:
        return any(f in self.columns for f in GOAL_FIELDS)

    @property
    def right(self) -> int:
        return max(self.texts) if self.texts else self.tt


def find_headers(grid: Grid) -> list[Header]:
    """Every annex header in the grid, top to bottom (a sheet may hold Phụ lục 1 and Phụ lục 2 one after
    the other); a header is a row with a TT column and a target-text column among its words."""
    found: list[Header] = []
    r = 0
    limit = len(grid.rows)
    while r < limit:
        header = _header_at(grid, r)
        if header is None:
            r += 1
            continue
        found.append(header)
        r = header.bottom + 1
    return found


def _header_at(grid: Grid, r: int) -> Header | None:
    row = grid.rows[r]
    tt_cols = [c for c in range(len(row)) if row[c] and fold(row[c]).strip(" .:*") in TT_WORDS]
    if not tt_cols:
        return None
    tt = tt_cols[0]
    bottom = r
    for below in (r + 1, r + 2):
        if below < len(grid.rows) and _continues_header(grid, r, below, tt):
            bottom = below
        else:
            break
    texts: dict[int, str] = {}
    for c in range(tt, grid.width):
        words: list[str] = []
        for rr in range(r, bottom + 1):
            t = clean(grid.shown(rr, c))
            if t and (not words or words[-1] != t):
                words.append(t)
        if words:
            texts[c] = " ".join(words)
    header = Header(grid, r, bottom, tt, texts)
    _map_columns(header)
    return header if "text" in header.columns else None


def _continues_header(grid: Grid, top: int, r: int, tt: int) -> bool:
    """A second or third header row: its TT cell is empty or merged down from the header, and its words are
    header words ("Của tỉnh", "Năm 2024"), not a target's."""
    if grid.cell(r, tt) and not _covered_from(grid, r, tt, top):
        return False
    words = [grid.cell(r, c) for c in range(grid.width) if grid.cell(r, c)]
    if not words:
        return any(_covered_from(grid, r, c, top) for c in range(grid.width))
    return all(len(w) <= 60 and any(k in fold(w) for k in _HEADER_WORDS) for w in words)


def _covered_from(grid: Grid, r: int, c: int, top: int) -> bool:
    m = grid.merge_at(r, c)
    return m is not None and top <= m.top < r


def _map_columns(header: Header) -> None:
    texts = [(c, t) for c, t in sorted(header.texts.items())]
    chosen: dict[str, int] = {}
    text_candidates: list[int] = []
    for c, t in texts:
        name = field_of(t)
        if c == header.tt:
            name = "tt"
        if name == "text":
            text_candidates.append(c)
            continue
        if name and name not in chosen:
            chosen[name] = c
        else:
            header.unused[c] = t
    # "Nội dung" | "Mục tiêu 2025": the column with a year (or "giao") is the goal, the other the target's text
    plain = [c for c in text_candidates if not _YEAR.search(header.texts[c]) and "giao" not in fold(header.texts[c])]
    text_col = (plain or text_candidates or [None])[0]
    for c in text_candidates:
        if c == text_col:
            chosen["text"] = c
        elif "local_goal" not in chosen and c not in plain:
            chosen["local_goal"] = c
        else:
            header.unused[c] = header.texts[c]
    header.columns = chosen
