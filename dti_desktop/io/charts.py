"""Charts for printouts, painted with Qt on an image (no window) into PNG bytes.

Not matplotlib: the report is made in a worker thread, and the first import of matplotlib and numpy there held the
interpreter's lock 54–100 ms while the window waited on it (issue 22). A QPainter on a QImage may paint in any
thread, with the report's own serif (pdf_render). matplotlib stays for the window's overview tab only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from ..domain.numbers import format_number
from .pdf_render import ensure_gui_app, serif_family

DPI = 200
PX_PER_PT = DPI / 72
INK, MUTED, GRID = "#1a1a1a", "#595959", "#d9d9d9"  # text; tick labels and axis; grid lines
PAD = 0.07 * DPI  # around the whole chart
GAP = 0.06 * DPI  # between the parts: title, labels, plot, tick labels, axis label
TICK = 0.04 * DPI  # tick mark length
LINE = 2.0  # axis and grid line width, pixels (0,7 pt)
BAR = 0.72  # of a row
LABEL_SHARE = 0.42  # of the width at most for the category labels (longer: two lines, then elided)
POINTS = {"title": 12, "label": 11, "value": 10, "tick": 10, "xlabel": 10.5}
PNG_QUALITY = 80  # zlib level 1 in Qt's PNG writer: (100 - quality) * 9 / 91
MIN_PX = 9  # the smallest text (3,2 pt): many bars in a small chart shrink their labels down to here

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Text:
    """One line of text, drawn as it is: `role` is title, label, value, tick or xlabel."""

    role: str
    text: str
    rect: QRectF
    align: Qt.AlignmentFlag
    font: QFont
    colour: str


@dataclass(frozen=True)
class Chart:
    """Where everything of a bar chart goes, in the image's pixels (what `bar_chart_png` paints)."""

    width: int
    height: int
    plot: QRectF
    bars: list[QRectF]
    grid: list[float]  # x of the vertical grid lines (the ticks)
    texts: list[Text]
    colour: str


def _font(points: float) -> QFont:
    font = QFont(serif_family())
    font.setPixelSize(max(MIN_PX, round(points * PX_PER_PT)))  # pixels: the same whatever the thread's screen
    return font


def _plain(text: str) -> str:
    """One line of plain text: a name's line breaks and tabs are spaces (nothing else is read in it)."""
    return " ".join(str(text).split())


def _lines(text: str, metrics: QFontMetricsF, width: float, most: int) -> list[str]:
    """`text` broken at spaces into at most `most` lines of `width`; what does not fit ends the last with "…"."""
    words, lines = text.split(" "), []
    while words and len(lines) < most - 1:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        if metrics.horizontalAdvance(line) > width:  # one word too long: the rest goes on the last line
            words.insert(0, line)
            break
        lines.append(line)
    if words:
        lines.append(metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width))
    return lines or [""]


def _ticks(top: float, whole: bool) -> list[float]:
    """Round ticks from 0 up to `top`, at most about seven; `whole`: whole numbers only (counts)."""
    raw = top / 7
    magnitude = 10 ** math.floor(math.log10(raw))
    steps = [m * magnitude for m in (1, 2, 2.5, 5, 10) if not (whole and m == 2.5 and magnitude < 10)]
    step = next(s for s in steps if s >= raw)
    if whole:
        step = max(1, round(step))
    return [i * step for i in range(int(top / step + 1e-9) + 1)]


def _fitting(role: str, rows: float) -> tuple[QFont, QFontMetricsF]:
    """The role's font, made smaller when a line of it would not fit in a row `rows` pixels high."""
    font = _font(POINTS[role])
    metrics = QFontMetricsF(font)
    while metrics.height() > rows * 0.98 and font.pixelSize() > MIN_PX:
        font.setPixelSize(max(MIN_PX, math.floor(font.pixelSize() * 0.9)))
        metrics = QFontMetricsF(font)
    return font, metrics


def chart_layout(labels: list[str], values: list[float], title: str, xlabel: str = "",
                 xmax: float | None = 100, size=(7.5, 3.2), colour: str = "#0d6efd") -> Chart:
    """Where `bar_chart_png` draws each bar and text (see there)."""
    width, height = round(size[0] * DPI), round(size[1] * DPI)
    labels, title, xlabel = [_plain(label) for label in labels], _plain(title), _plain(xlabel)
    values = [float(v) for v in values]
    texts: list[Text] = []
    # The title on top, over the whole width, on two lines at most. Not bold: where the system has Debian's
    # fonts-liberation (Liberation Serif 1.07) too, Qt may take its bold face (which of the same-named faces depends
    # on the install's path), with no Vietnamese beyond Latin-1: "ỷ", "ệ" came from DejaVu Serif Bold. The regular
    # face it takes has them all (tests/io/test_charts.py).
    font = _font(POINTS["title"])
    metrics = QFontMetricsF(font)
    y = PAD
    for line in _lines(title, metrics, width - 2 * PAD, 2) if title else []:
        texts.append(Text("title", line, QRectF(PAD, y, width - 2 * PAD, metrics.height()), _CENTRE, font, INK))
        y += metrics.height()
    top = y + GAP if title else PAD
    # the x axis: 0 to xmax + 8 % (percentages), or to the largest count + 12 % in whole numbers
    whole = xmax is None
    limit = max(max(values, default=0), 1) * 1.12 if whole else xmax * 1.08
    ticks = _ticks(limit, whole)
    tick_font = _font(POINTS["tick"])
    tick_metrics = QFontMetricsF(tick_font)
    tick_texts = [format_number(t, 1) for t in ticks]
    xlabel_font = _font(POINTS["xlabel"])
    xlabel_metrics = QFontMetricsF(xlabel_font)
    bottom = height - PAD - (xlabel_metrics.height() + GAP if xlabel else 0) - tick_metrics.height() - TICK - GAP / 2
    rows = (bottom - top) / max(len(values), 1)
    # the category labels on the left: a line each, or two when the row is high enough; then elided
    most = 2 if rows >= 2.05 * QFontMetricsF(_font(POINTS["label"])).height() else 1
    label_font, label_metrics = _fitting("label", rows)
    room = LABEL_SHARE * width
    broken = [_lines(label, label_metrics, room, most)
              if label_metrics.horizontalAdvance(label) > room else [label] for label in labels]
    label_width = max((label_metrics.horizontalAdvance(line) for lines in broken for line in lines), default=0)
    left = PAD + label_width + (GAP if labels else 0)
    right = width - PAD - tick_metrics.horizontalAdvance(tick_texts[-1]) / 2
    plot = QRectF(left, top, max(right - left, 1), max(bottom - top, 1))
    scale = plot.width() / limit
    value_font, value_metrics = _fitting("value", rows)
    bars: list[QRectF] = []
    for i, (lines, value) in enumerate(zip(broken, values)):
        middle = top + (i + 0.5) * rows
        bar = QRectF(left, middle - BAR * rows / 2, max(value, 0) * scale, BAR * rows)
        bars.append(bar)
        block = label_metrics.height() * len(lines)
        for j, line in enumerate(lines):
            texts.append(Text("label", line, QRectF(PAD, middle - block / 2 + j * label_metrics.height(), label_width,
                                                    label_metrics.height()), _RIGHT, label_font, INK))
        # its value at the bar's end, as the tables beside the charts print it: 23,5, not "24"
        shown = format_number(value, 1)
        wide = value_metrics.horizontalAdvance(shown) + GAP
        inside = bar.right() + wide > width - PAD / 2 and bar.width() > wide  # no room right of it: in the bar
        where = QRectF(bar.right() - wide, bar.top(), wide - GAP / 2, bar.height()) if inside else \
            QRectF(bar.right() + GAP / 2, bar.top(), wide, bar.height())
        texts.append(Text("value", shown, where, _RIGHT if inside else _LEFT, value_font, "#ffffff" if inside else INK))
    grid = [left + t * scale for t in ticks]
    for x, shown in zip(grid, tick_texts):
        wide = tick_metrics.horizontalAdvance(shown) + 2
        texts.append(Text("tick", shown, QRectF(x - wide / 2, bottom + TICK + GAP / 4, wide, tick_metrics.height()),
                          _CENTRE, tick_font, MUTED))
    if xlabel:
        texts.append(Text("xlabel", xlabel, QRectF(left, height - PAD - xlabel_metrics.height(), plot.width(),
                                                   xlabel_metrics.height()), _CENTRE, xlabel_font, INK))
    return Chart(width, height, plot, bars, grid, texts, colour)


def paint(chart: Chart) -> QImage:
    """The chart on a white image of 200 dpi."""
    image = QImage(chart.width, chart.height, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        plot = chart.plot
        painter.setPen(QPen(QColor(GRID), LINE))
        for x in chart.grid[1:]:
            painter.drawLine(QLineF(x, plot.top(), x, plot.bottom()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(chart.colour))
        for bar in chart.bars:
            painter.drawRect(bar)
        painter.setPen(QPen(QColor(MUTED), LINE))
        painter.drawLine(QLineF(plot.left(), plot.top(), plot.left(), plot.bottom()))
        painter.drawLine(QLineF(plot.left(), plot.bottom(), plot.right(), plot.bottom()))
        for x in chart.grid:
            painter.drawLine(QLineF(x, plot.bottom(), x, plot.bottom() + TICK))
        for text in chart.texts:
            painter.setFont(text.font)
            painter.setPen(QColor(text.colour))
            # a plain string with no mnemonic, tab or wrapping flag: "&", "<b>", "$" are drawn as they are
            painter.drawText(text.rect, int(text.align), text.text)
    finally:
        painter.end()
    return image


def bar_chart_png(labels: list[str], values: list[float], title: str, xlabel: str = "",
                  xmax: float | None = 100, size=(7.5, 3.2), colour: str = "#0d6efd") -> bytes:
    """A horizontal bar chart, the bars top to bottom in the given order, with their values written at the bar
    ends; `size` in inches at 200 dpi; `xmax=None` for counts (whole-number axis, scaled to the largest)."""
    ensure_gui_app()  # fonts need an application object: the command line's is made here when not yet there
    image = paint(chart_layout(labels, values, title, xlabel, xmax, size, colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # Qt decodes the PNG and compresses the pixels again inside the PDF: packing it tightly here is wasted time.
    # Qt's PNG writer takes its zlib level from the quality (80: level 1, fast); QImageWriter.setCompression left
    # the pixels unpacked, 2 MB a chart in a Word file.
    if not image.save(buffer, "PNG", PNG_QUALITY):
        raise OSError("Không ghi được biểu đồ ra ảnh PNG.")
    buffer.close()
    return data.data()
