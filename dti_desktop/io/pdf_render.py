"""Paginated rendering of an HTML document onto A4 (PDF or printer) with NĐ 30/2020 margins.

QTextDocument.print_() adds its own 2 cm margin and puts page numbers bottom-right,
so pages are painted here: the document is laid out on the printable area and each
page is drawn inside the margins, with the page number top centre from page 2.
"""

from __future__ import annotations

import os
import sys
from bisect import bisect_left
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QTextDocument,
)

from ..paths import resources_dir, use_shipped_font_config

RESOLUTION = 300  # dots per inch of the PDF's layout


@dataclass(frozen=True)
class Margins:
    """Millimetres; defaults are within NĐ 30/2020 (top/bottom 20–25, left 30–35, right 15–20)."""

    top: float = 20
    bottom: float = 20
    left: float = 30
    right: float = 15


_registered: list[str] = []


def ensure_gui_app() -> QGuiApplication:
    """PDFs need fonts, which need an application object; the CLI makes an offscreen one.

    A QApplication (not a bare QGuiApplication), so widgets can still be made later
    in the same process (the GUI, or tests). Made here, its fonts are read with the shipped fontconfig file
    (a script that never said its data folder too).
    """
    app = QGuiApplication.instance()
    if app is None:
        from PySide6.QtWidgets import QApplication

        use_shipped_font_config()
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([sys.argv[0] if sys.argv else "dti-desktop"])
    register_fonts()
    return app


def register_fonts() -> list[str]:
    """Load the shipped Liberation Serif (OFL) once; returns the families added."""
    if not _registered:
        for ttf in sorted((resources_dir() / "fonts").glob("*.ttf")):
            font_id = QFontDatabase.addApplicationFont(str(ttf))
            _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(_registered))


def serif_family() -> str:
    """Times New Roman where the system has it (Windows), else the shipped, metric-compatible Liberation Serif."""
    families = set(QFontDatabase.families())
    return "Times New Roman" if "Times New Roman" in families else "Liberation Serif"


def _px(mm: float, dpi: float) -> float:
    return mm / 25.4 * dpi


def layout_document(html: str, device: QPagedPaintDevice, margins: Margins, resources: dict | None = None,
                    endless: bool = False) -> QTextDocument:
    """A QTextDocument laid out on the device's A4 page inside the margins (endless: one page
    as long as the content, for measuring where things fall before any page break)."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    font = QFont(serif_family())
    font.setPointSizeF(13)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    for name, png in (resources or {}).items():
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), QImage.fromData(png))
    # The page size first: set after the content, it lays the whole document out a second time.
    width = _px(210 - margins.left - margins.right, device.logicalDpiX())
    doc.setPageSize(QSizeF(width, 1e9 if endless else page_height(device, margins)))
    doc.setHtml(html)
    _lay_out_in_steps(doc)
    return doc


LAYOUT_STEP = 4000  # characters: about 10 ms of Qt's layout at a time on this machine


def _lay_out_in_steps(doc: QTextDocument) -> None:
    """Lay the document out a piece at a time. Qt lays out lazily, up to the position asked for; asked for the
    whole at once (the paginator's first frame rectangle), it ran 100–270 ms in one call, and PySide6 holds the
    interpreter's lock through a call: the window, waiting on that lock, froze while a report was made."""
    layout = doc.documentLayout()
    for position in range(LAYOUT_STEP, doc.characterCount(), LAYOUT_STEP):
        layout.blockBoundingRect(doc.findBlock(position))


def page_height(device: QPagedPaintDevice, margins: Margins) -> float:
    """The printable height of an A4 page inside the margins, in the device's pixels."""
    return _px(297 - margins.top - margins.bottom, device.logicalDpiX())


def paint_pages(doc: QTextDocument, device: QPagedPaintDevice, margins: Margins, first_page_number: bool = False) -> int:
    """Paint every page of a laid-out document; returns the page count."""
    dpi = device.logicalDpiX()
    page = doc.pageSize()
    left, top = _px(margins.left, dpi), _px(margins.top, dpi)
    painter = QPainter(device)
    # The charts' images kept as they are drawn: Qt's PDF writer otherwise stores them as JPEG, which blurs the
    # thin lines and small figures of a chart the chairman signs under.
    painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
    number_font = QFont(serif_family())
    number_font.setPointSizeF(13)  # NĐ 30: page numbers 13–14 pt
    blocks = _blocks_by_top(doc)
    try:
        for index in range(doc.pageCount()):
            if index:
                device.newPage()
            painter.save()
            painter.translate(left, top - index * page.height())
            # Two device pixels short of the page end: a line Qt pushed onto the next page can start a fraction
            # of a pixel above the boundary; drawn here too, clipped out of sight, it sat in the PDF's text twice
            # (found twice by search, and below the bottom margin for a text extractor).
            with _lines_above_put_aside(blocks, index * page.height()):
                doc.drawContents(painter, QRectF(0, index * page.height(), page.width(), page.height() - 2))
            painter.restore()
            if index or first_page_number:
                painter.setFont(number_font)
                painter.drawText(QRectF(left, _px(8, dpi), page.width(), _px(8, dpi)),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, str(index + 1))
    finally:
        painter.end()
    return doc.pageCount()


@dataclass(frozen=True)
class _Blocks:
    """Every block's (top, bottom, block), by top, and the tallest block's height: the blocks a page's top cuts
    through are found without walking the whole document for each page (that walk made painting grow with the
    square of the page count)."""

    spans: list
    tops: list[float]
    tallest: float


def _blocks_by_top(doc: QTextDocument) -> _Blocks:
    layout = doc.documentLayout()
    spans = []
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        spans.append((rect.top(), rect.bottom(), block))
        block = block.next()
    spans.sort(key=lambda span: span[0])
    return _Blocks(spans, [span[0] for span in spans], max((b - t for t, b, _ in spans), default=0.0))


@contextmanager
def _lines_above_put_aside(blocks: _Blocks, page_top: float):
    """While a page is drawn, the lines of a paragraph that began on the page before are moved far off the page.

    QTextLayout.draw() draws, of the lines above its clip, the last one as well: clipped out of sight, it was in
    the PDF's text twice (at the foot of one page and above the top margin of the next), so search and text
    extraction found it twice. Off the page, text extractors drop it."""
    moved = []
    if page_top > 0:
        first = bisect_left(blocks.tops, page_top - blocks.tallest)
        for top, bottom, block in blocks.spans[first:bisect_left(blocks.tops, page_top)]:
            text_layout = block.layout()
            if top < page_top < bottom and text_layout is not None:
                shift = top - text_layout.boundingRect().top()
                for i in range(text_layout.lineCount()):
                    line = text_layout.lineAt(i)
                    if line.y() + line.height() + shift <= page_top:
                        moved.append((line, line.position()))
                        line.setPosition(QPointF(line.x() - _OFF_PAGE, line.y()))
    try:
        yield
    finally:
        for line, position in moved:
            line.setPosition(position)


_OFF_PAGE = 1e5  # device pixels: far to the left of any page


def prepare_device(device: QPagedPaintDevice) -> None:
    """A4 portrait with no device margins: the margins are painted by paint_pages."""
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
