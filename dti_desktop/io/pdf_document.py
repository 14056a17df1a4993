"""Documents made of HTML fragments and tables, paginated so no table row is cut in half.

Qt splits a table row across pages; here the document is laid out, the first row
that crosses a page boundary is found, the table is split before it (the new
chunk starts a page and repeats the header), and the layout is done again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice, QPdfWriter, QTextDocument, QTextTable

from ..fileutil import atomic_path
from .pdf_render import RESOLUTION, Margins, ensure_gui_app, layout_document, paint_pages, prepare_device
from .report_html import KeepTogether, Part, Table, to_html

MAX_ROUNDS = 300


def _frames(doc: QTextDocument) -> tuple[list[QTextTable], list[QTextTable]]:
    """Data-table chunks (bordered) and keep-together blocks (cellspacing 1), in document order."""
    data, keep = [], []
    for frame in doc.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            fmt = frame.format()
            if fmt.border() > 0:
                data.append(frame)
            elif round(fmt.cellSpacing()) == 1:
                keep.append(frame)
    return data, keep


def _span(doc: QTextDocument, table: QTextTable, first_row: int, last_row: int) -> tuple[float, float]:
    layout = doc.documentLayout()
    tops, bottoms = [], []
    for r in (first_row, last_row):
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            tops.append(layout.blockBoundingRect(cell.firstCursorPosition().block()).top())
            bottoms.append(layout.blockBoundingRect(cell.lastCursorPosition().block()).bottom())
    return min(tops), max(bottoms)


def _crosses(top: float, bottom: float, page: float) -> bool:
    return int(top // page) != int((bottom - 1) // page)


def _first_split(doc: QTextDocument, parts: list[Part], breaks: dict[int, set[int]]) -> tuple[int, int] | None:
    page = doc.pageSize().height()
    data, keep = _frames(doc)
    chunks = []
    for i, part in enumerate(parts):
        if isinstance(part, Table):
            chunks += [(i, s) for s in [0, *sorted(b for b in breaks.get(i, ()) if 0 < b < len(part.rows))]]
    keeps = [i for i, part in enumerate(parts) if isinstance(part, KeepTogether)]
    events = []
    for (i, start), table in zip(chunks, data):
        for r in range(1, table.rows()):
            top, bottom = _span(doc, table, r, r)
            if _crosses(top, bottom, page) and start + r - 1 > start:
                row = start + r - 1
                if row - 1 > start and parts[i].rows[row - 1][1] == "group":
                    row -= 1  # keep a group heading with its first row
                events.append((top, i, row))
                break
    for i, frame in zip(keeps, keep):
        top, bottom = _span(doc, frame, 0, frame.rows() - 1)
        if _crosses(top, bottom, page) and not breaks.get(i):
            events.append((top, i, 0))
    if not events:
        return None
    _, part, row = min(events)
    return part, row


def paginate(parts: list[Part], device: QPagedPaintDevice, margins: Margins = Margins(),
             resources: dict | None = None) -> QTextDocument:
    """Lay out the document on the device, splitting tables between rows until none is cut."""
    breaks: dict[int, set[int]] = {}
    for _ in range(MAX_ROUNDS):
        html = to_html(parts, {i: frozenset(b) for i, b in breaks.items()})
        doc = layout_document(html, device, margins, resources)
        found = _first_split(doc, parts, breaks)
        if found is None:
            return doc
        part, row = found
        breaks.setdefault(part, set()).add(row)
    return doc


def write_pdf(parts: list[Part], path: Path, title: str, margins: Margins = Margins(),
              resources: dict | None = None) -> int:
    """Render to a PDF file atomically, the shipped serif font embedded; returns the page count."""
    ensure_gui_app()
    with atomic_path(Path(path)) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(RESOLUTION)
        writer.setTitle(title)
        writer.setCreator("DTI Desktop")
        prepare_device(writer)
        pages = paint_pages(paginate(parts, writer, margins, resources), writer, margins)
        del writer  # closes the file before it is renamed
    return pages


def print_document(parts: list[Part], device: QPagedPaintDevice, margins: Margins = Margins(),
                   resources: dict | None = None) -> int:
    """Paint onto a printer (or its preview) exactly as into the PDF; returns the page count."""
    prepare_device(device)
    return paint_pages(paginate(parts, device, margins, resources), device, margins)
