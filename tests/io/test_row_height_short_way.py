"""A row's height told without estimating each one-line cell (a country's workbook has 1,2 million cells) is the
height estimating every cell gives: numbers, empty cells, line breaks and words longer than the column included."""

from __future__ import annotations

import pytest

from dti_desktop.io.xlsx_stream import LINE_POINTS, MAX_ROW_POINTS, estimate_lines, row_height

WIDTHS = (5, 22, 32, 10, 12)
ROWS = [
    ("1", "UBND phường Mạo Khê", "Tỷ lệ hồ sơ trực tuyến", "≥ 80%", "92,5%"),
    (12, None, "", 0, 99.5),
    ("2", "UBND xã Tràng Lương", "Dòng một\nDòng hai\nDòng ba", "", "Đạt"),
    ("3", "x" * 60, "Số liệu Cổng dịch vụ công quốc gia, " * 20, "100%", "Đang triển khai (Chưa đạt)"),
    ("4", "", "chữ-rất-dài-không-có-khoảng-trắng-nào-để-xuống-dòng-cả", "", ""),
    ("5", "a", "b" * 10_000, "", ""),
]


def _every_cell(values, widths) -> float:
    lines = max((estimate_lines(str(v) if v else "", w) for v, w in zip(values, widths)), default=1)
    return min(lines * LINE_POINTS + 3, MAX_ROW_POINTS)


@pytest.mark.parametrize("values", ROWS)
def test_row_height_is_what_estimating_every_cell_gives(values):
    assert row_height(values, WIDTHS) == _every_cell(values, WIDTHS)


def test_an_empty_row_is_one_line():
    assert row_height((), ()) == row_height(("", None, 0), (5, 5, 5)) == LINE_POINTS + 3
